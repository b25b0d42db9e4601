"""The run's plan: what each notebook reads runs before it, the notebook with the longest chain behind it first."""

import pytest

from audit_pipeline import runner


def _notebooks(tmp_path, sizes):
    found = []
    for name, size in sizes.items():
        (tmp_path / name).write_bytes(b"x" * size)
        found.append(tmp_path / name)
    return sorted(found)


def test_a_notebook_runs_after_those_it_reads_and_the_largest_starts_first(tmp_path):
    notebooks = _notebooks(tmp_path, {"01_small.ipynb": 10, "02_large.ipynb": 300, "03_middle.ipynb": 100,
                                      "04_middle_too.ipynb": 100, "05_audit.ipynb": 1000, "06_summary.ipynb": 5})
    reads = {"05_audit": ("01_small", "02_large", "03_middle", "04_middle_too"), "06_summary": ("05_audit",)}
    waves = runner.plan(notebooks, reads)
    assert [[p.name for p in wave] for wave in waves] == [
        ["02_large.ipynb", "03_middle.ipynb", "04_middle_too.ipynb", "01_small.ipynb"], ["05_audit.ipynb"],
        ["06_summary.ipynb"]]
    # no name decides it: a notebook that reads nothing starts in the first wave whatever it is called
    assert [p.name for p in runner.plan(notebooks, {})[0]][0] == "05_audit.ipynb"


def test_the_claims_audit_runs_after_every_notebook_it_declares_it_reads():
    from detainer_audit import audit, paths

    from audit_pipeline import staging

    notebooks = staging.published_notebooks(paths.NOTEBOOKS)
    waves = runner.plan(notebooks)
    assert [p.stem for p in waves[-1]] == [audit.NOTEBOOK]
    wave_of = {p.stem: number for number, wave in enumerate(waves) for p in wave}
    assert sorted(wave_of) == sorted([*audit.READS, audit.NOTEBOOK])
    # every notebook runs after those it declares it reads (the longer record reads notebook 01's results)
    for name, reads in runner.declared_reads(notebooks).items():
        assert all(wave_of[read] < wave_of[name] for read in reads), name
    assert wave_of["01_declined_detainers_fy2021_2024"] < wave_of["04_longer_record_2008_2025"]


def test_reading_a_notebook_outside_the_run_or_in_a_circle_is_refused(tmp_path):
    notebooks = _notebooks(tmp_path, {"01_a.ipynb": 1, "02_b.ipynb": 1})
    with pytest.raises(ValueError, match="02_b.ipynb reads the results of 09_gone, which this run does not execute"):
        runner.plan(notebooks, {"02_b": ("09_gone",)})
    with pytest.raises(ValueError, match="read each other's results, so none can run first: 01_a.ipynb, 02_b.ipynb"):
        runner.plan(notebooks, {"01_a": ("02_b",), "02_b": ("01_a",)})
    with pytest.raises(ValueError, match="no question module answers 01_a.ipynb"):
        runner.plan(notebooks)


def test_only_nn_name_notebooks_are_the_pipelines(tmp_path):
    from audit_pipeline import staging

    for name in ("01_declined.ipynb", "02_weekly_rates.ipynb", "01_declined.nbconvert.ipynb", "Untitled.ipynb",
                 "03_Copy1.ipynb", "recount.ipynb"):
        (tmp_path / name).write_text("{}")
    assert [p.name for p in staging.published_notebooks(tmp_path)] == ["01_declined.ipynb", "02_weekly_rates.ipynb"]
    assert [p.name for p in staging.other_notebooks(tmp_path)] == [
        "01_declined.nbconvert.ipynb", "03_Copy1.ipynb", "Untitled.ipynb", "recount.ipynb"]


def test_make_run_names_a_notebook_it_cannot_find_and_lists_the_pipelines(capsys):
    import pytest

    from audit_pipeline.__main__ import main

    with pytest.raises(SystemExit) as stopped:
        main(["run", "99"])
    assert stopped.value.code != 0
    said = capsys.readouterr().err
    assert "no notebook matches '99'; available: 01_declined_detainers_fy2021_2024.ipynb, " in said
    assert "05_claims_audit.ipynb" in said


def test_the_notebook_with_the_longest_chain_behind_it_claims_a_worker_first(tmp_path):
    """A small notebook that a large one reads (01, read by 04, read by the audit) outranks a larger one that
    nothing reads, so the chain that decides the run's length starts first."""
    notebooks = _notebooks(tmp_path, {"01_read.ipynb": 30, "02_alone.ipynb": 50, "03_alone.ipynb": 40,
                                      "04_reader.ipynb": 100, "05_audit.ipynb": 20})
    reads = {"04_reader": ("01_read",), "05_audit": ("01_read", "02_alone", "03_alone", "04_reader")}
    claim = runner.priorities(notebooks, reads)
    assert claim == {"01_read": 150, "02_alone": 70, "03_alone": 60, "04_reader": 120, "05_audit": 20}
    assert sorted(claim, key=lambda name: -claim[name])[:2] == ["01_read", "04_reader"]
