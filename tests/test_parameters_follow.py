"""Every output follows its parameters. For each notebook, one run through `make run` with every parameter
set to a value other than the published one; then, parameter by parameter, each figure, figure CSV,
statistic and sentence that depends on it must show the value used, and none may show a published
value that was not used. (One run per notebook keeps the sweep to seconds; each assertion names the
parameter it is about.)"""

from __future__ import annotations

import pytest

from helpers import ROOT, project_copy
from sweep import csv_of, published, run_with

pytestmark = [pytest.mark.slow, pytest.mark.whole_run]


@pytest.fixture(scope="module")
def copy(tmp_path_factory):
    return project_copy(tmp_path_factory.mktemp("sweep") / "project")


def test_notebook_05_follows_every_parameter(copy):
    notebook = "05_claims_audit"
    run = run_with(copy, notebook, {"tolerance_exact": 0.02, "tolerance_about": 0.2})
    drawn = csv_of(run.figure_csvs["05-claims-reproduced-vs-claimed"])
    assert set(drawn["tolerance_exact"]) == {0.02} and set(drawn["tolerance_about"]) == {0.2}
    audit = csv_of((run.folder / "data" / "processed" / "claims_audit.csv").read_text()).set_index("claim_id")
    # 1.762 against "double" is within 20 %, so no longer overstated
    assert audit.loc["cis_double_obama", "verdict"].startswith("reproduced")
    assert "within the tolerance 20.0%" in audit.loc["cis_double_obama", "reason"]
    assert "judged at a tolerance of 2.0% for numbers stated exactly and 20% for rounded ones" in run.text
    assert "tolerances other than the published ones" in run.text
