"""A run with other parameters never touches the published outputs: the guard every notebook calls first."""

import pytest

from detainer_audit import notebook, paths


@pytest.fixture
def checkout(tmp_path, monkeypatch):
    """A checkout with published outputs, and no output folder chosen (as under papermill or JupyterLab)."""
    (tmp_path / "data" / "processed").mkdir(parents=True)
    (tmp_path / "data" / "processed" / "results.csv").write_text("statistic,value\n")
    (tmp_path / "figures").mkdir()
    monkeypatch.setattr(paths, "ROOT", tmp_path)
    # recorded first, so that whatever the guard sets is undone after the test (nbval's kernels inherit it)
    monkeypatch.setenv(paths.OUTPUT_ENV, "unset after the test")
    monkeypatch.delenv(paths.OUTPUT_ENV)
    return tmp_path


PUBLISHED = {"report_week": 1, "jurisdiction": "Travis County", "fiscal_years": [2021, 2022]}


def test_the_published_parameters_write_the_published_outputs(checkout):
    assert notebook.guard_published_run("03_x", PUBLISHED, dict(PUBLISHED)) is None
    assert paths.output_root() == checkout


def test_other_parameters_write_beside_the_published_run_and_say_where(checkout, monkeypatch):
    message = notebook.guard_published_run("03_x", PUBLISHED, {**PUBLISHED, "report_week": 2})
    assert "report_week = 2 (published: 1)" in message and "build/runs/03_x/" in message
    assert paths.output_root() == checkout / "build" / "runs" / "03_x"
    assert paths.processed() == checkout / "build" / "runs" / "03_x" / "data" / "processed"
    # seeded with the published outputs, so that a notebook reading another's results finds them
    assert (paths.processed() / "results.csv").read_text() == "statistic,value\n"


def test_a_list_in_another_order_or_length_is_another_parameter(checkout):
    assert notebook.differing(PUBLISHED, {"fiscal_years": [2022]}) == {"fiscal_years": ([2022], [2021, 2022])}


def test_the_pipeline_chooses_the_folder_itself(checkout, monkeypatch):
    monkeypatch.setenv(paths.OUTPUT_ENV, str(checkout / "build" / "stage"))
    assert notebook.guard_published_run("03_x", PUBLISHED, {**PUBLISHED, "report_week": 3}) is None
    assert paths.output_root() == checkout / "build" / "stage"


def test_a_parameter_with_no_published_value_is_an_error(checkout):
    with pytest.raises(KeyError, match="no published value for parameter"):
        notebook.guard_published_run("03_x", PUBLISHED, {"week": 2})
