"""The run's plan: independent notebooks largest first, the claims audit last."""

from audit_pipeline import runner


def test_the_claims_audit_runs_last_and_the_largest_notebook_starts_first(tmp_path):
    sizes = {"01_small.ipynb": 10, "02_large.ipynb": 300, "03_middle.ipynb": 100, "04_middle_too.ipynb": 100,
             "05_claims_audit.ipynb": 1000}
    paths = []
    for name, size in sizes.items():
        (tmp_path / name).write_bytes(b"x" * size)
        paths.append(tmp_path / name)
    first, last = runner.plan(sorted(paths))
    assert [p.name for p in first] == ["02_large.ipynb", "03_middle.ipynb", "04_middle_too.ipynb", "01_small.ipynb"]
    assert [p.name for p in last] == ["05_claims_audit.ipynb"]


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
