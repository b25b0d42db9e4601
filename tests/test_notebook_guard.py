"""A run with other parameters never touches the published outputs: where a notebook's run writes
(`notebook.output_folder`, which every `notebook.Run` asks first), returned and never set in the environment."""

import os

import pytest

from dataclasses import dataclass

from detainer_audit import notebook, params, paths


@pytest.fixture
def checkout(tmp_path, monkeypatch):
    """A checkout with published outputs, and no output folder chosen (as under papermill or JupyterLab)."""
    (tmp_path / "data" / "processed").mkdir(parents=True)
    (tmp_path / "data" / "processed" / "results.csv").write_text("statistic,value\n")
    (tmp_path / "figures").mkdir()
    monkeypatch.setattr(paths, "ROOT", tmp_path)
    monkeypatch.delenv(paths.OUTPUT_ENV, raising=False)
    return tmp_path


@dataclass(frozen=True)
class Parameters:
    report_week: int = params.parameter(1, "a week")
    jurisdiction: str = params.parameter("Travis County", "a place")
    fiscal_years: list[int] = params.parameter([2021, 2022], "years")


def test_the_published_parameters_write_the_published_outputs(checkout):
    assert notebook.output_folder("03_x", {}) == (checkout, None)


def test_other_parameters_write_beside_the_published_run_and_say_where(checkout):
    folder, message = notebook.output_folder("03_x", params.changed(Parameters(report_week=2)))
    assert "report_week = 2 (published: 1)" in message and "build/runs/03_x/" in message
    assert folder == checkout / "build" / "runs" / "03_x"
    # the folder is returned, not set in mid-run: where outputs go by default does not change
    assert paths.OUTPUT_ENV not in os.environ and paths.output_root() == checkout
    # seeded with the published outputs, so that a notebook reading another's results finds them
    assert (folder / "data" / "processed" / "results.csv").read_text() == "statistic,value\n"


def test_a_list_in_another_order_or_length_is_another_parameter():
    assert params.changed(Parameters(fiscal_years=[2022])) == {"fiscal_years": ([2022], [2021, 2022])}
    assert params.changed(Parameters(fiscal_years=[2022, 2021])) == {"fiscal_years": ([2022, 2021], [2021, 2022])}
    assert params.changed(Parameters()) == {}


def test_the_pipeline_chooses_the_folder_itself(checkout, monkeypatch):
    monkeypatch.setenv(paths.OUTPUT_ENV, str(checkout / "build" / "stage"))
    assert notebook.output_folder("03_x", {"report_week": (3, 1)}) == (checkout / "build" / "stage", None)
