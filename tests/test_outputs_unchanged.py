"""After nbval has re-executed every notebook, the committed outputs must be unchanged.

The notebooks write `data/processed/` and `figures/` as they run, so any hand edit of a
committed output (or any output that is not byte-stable) shows up here as a difference. Each
notebook writes its statistics to a results file of its own (`build/results/`), from which a run
assembles `data/processed/results.csv`: assembled from what nbval's notebooks wrote, it must equal
the committed table, byte for byte, and so must the versions beside it.
"""

import shutil

import pytest

from helpers import ROOT, snapshot


@pytest.mark.after_notebooks
def test_committed_outputs_equal_what_the_notebooks_computed(request, outputs_before):
    ran = [item for item in request.session.items if item.nodeid.endswith(".ipynb") or ".ipynb::" in item.nodeid]
    if not ran:
        pytest.skip("no notebook ran under nbval in this session")
    failed = request.session.testsfailed
    after = snapshot(ROOT, ("data/processed", "figures"))
    before = outputs_before
    changed = sorted(name for name in set(before) | set(after) if before.get(name) != after.get(name))
    assert not changed, (
        "output changed, is this expected? These committed files differ from what the notebooks "
        "compute now: " + ", ".join(changed) + ". If the change is intended, run `make reproduce` "
        "and commit the result; otherwise find what edited them."
        + (f" ({failed} earlier test(s) failed)" if failed else "")
    )


@pytest.mark.after_notebooks
def test_the_committed_results_table_is_what_the_notebooks_recorded(request, outputs_before, session_start, tmp_path):
    from detainer_audit import results

    ran = sorted({item.nodeid.split("::")[0].rsplit("/", 1)[-1].removesuffix(".ipynb")
                  for item in request.session.items if item.nodeid.endswith(".ipynb") or ".ipynb::" in item.nodeid})
    if not ran:
        pytest.skip("no notebook ran under nbval in this session")
    # what the notebooks nbval ran recorded in this session, in place of their rows of the committed table
    (tmp_path / "data" / "processed").mkdir(parents=True)
    shutil.copyfile(results.results_path(ROOT), results.results_path(tmp_path))
    (tmp_path / results.PARTS).mkdir(parents=True)
    for notebook in ran:
        part = results.part_path(notebook, ROOT)
        assert part.is_file() and part.stat().st_mtime >= session_start, f"{notebook} wrote no results file under nbval"
        shutil.copyfile(part, results.part_path(notebook, tmp_path))
    results.assemble(tmp_path)
    for name in ("results.csv", "environment.csv"):
        assert (tmp_path / "data" / "processed" / name).read_bytes() == (ROOT / "data" / "processed" / name).read_bytes(), (
            f"data/processed/{name} differs from what the notebooks recorded: run `make reproduce` and commit the result")
