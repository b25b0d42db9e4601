"""The "nothing changed" path of `make reproduce`: a fingerprint of every byte a run reads or writes."""

import pytest

from audit_pipeline import fingerprint


@pytest.fixture
def tree(tmp_path, monkeypatch):
    for name, text in {"data/raw/a.csv": "x\n1\n", "figures/01-a.csv": "y\n", "notebooks/01_a.ipynb": "{}",
                       "detainer_audit/q.py": "A = 1\n", "audit_pipeline/r.py": "B = 2\n", "Makefile": "all:\n"}.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    monkeypatch.setattr(fingerprint, "ROOT", tmp_path)
    monkeypatch.setattr(fingerprint, "STAMP", tmp_path / "build" / "reproduce.fingerprint")
    fingerprint.record()
    return tmp_path


def test_nothing_changed(tree):
    assert fingerprint.unchanged()
    # what a run never reads: bytecode caches, hidden files (an editor's lock file)
    (tree / "detainer_audit" / "__pycache__").mkdir()
    (tree / "detainer_audit" / "__pycache__" / "q.cpython-311.pyc").write_bytes(b"\0")
    (tree / "figures" / ".results.lock").write_text("")
    assert fingerprint.unchanged()


@pytest.mark.parametrize("change", ["a raw byte", "an output removed", "a file added", "a file renamed",
                                    "the machinery's code"])
def test_this_changed(tree, change):
    if change == "a raw byte":
        (tree / "data/raw/a.csv").write_text("x\n2\n")
    elif change == "an output removed":
        (tree / "figures/01-a.csv").unlink()
    elif change == "a file added":
        (tree / "figures/01-b.csv").write_text("y\n")
    elif change == "a file renamed":
        (tree / "figures/01-a.csv").rename(tree / "figures/01-c.csv")
    else:
        (tree / "audit_pipeline/r.py").write_text("B = 3\n")
    assert not fingerprint.unchanged()


def test_a_fresh_clone_has_no_fingerprint_and_so_always_runs(tree):
    fingerprint.STAMP.unlink()
    assert not fingerprint.unchanged()


def test_nothing_changed_says_so_and_where_to_look(tree, capsys):
    """`make reproduce` with nothing changed ends as a run does: with the page a reader opens."""
    assert fingerprint.main(["check"]) == 0
    said = capsys.readouterr().out.splitlines()
    assert said == [fingerprint.NOTHING_CHANGED, fingerprint.where_to_look()]
    (tree / "data/raw/a.csv").write_text("x\n2\n")
    assert fingerprint.main(["check"]) == 1
    assert capsys.readouterr().out == "", "a run is about to start: the check says nothing"


def test_the_page_reproduce_names_is_the_report_it_publishes():
    from audit_pipeline import staging

    assert fingerprint.where_to_look().startswith(f"open {fingerprint.REPORT}: ")
    assert (fingerprint.ROOT / fingerprint.REPORT).is_file()
    # the file a staged run must hold before it is published (staging.incomplete names it when missing)
    assert any(fingerprint.REPORT in problem for problem in staging.incomplete(fingerprint.ROOT / "build" / "no-such-stage", []))
