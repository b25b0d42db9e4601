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


def test_notebook_01_follows_every_parameter(copy):
    notebook = "01_declined_detainers_fy2021_2024"
    run = run_with(copy, notebook, {"fiscal_years": [2023, 2024], "annualization_basis": "fixed_365",
                                    "claimed_total_floor": 23000, "monthly_from": "2023-03-01",
                                    "monthly_to": "2023-11-30", "monthly_context_to": "2024-06-30",
                                    "lag_max_days": 60, "lag_step_days": 30})
    values = run.statistics.set_index("statistic")["value"].astype(float)
    described = run.statistics.set_index("statistic")["description"]
    # fiscal_years: only FY2023 and FY2024, in both figures, the statistics and the sentences
    bars = csv_of(run.figure_csvs["01-declined-detainers-by-fiscal-year"])
    shares = csv_of(run.figure_csvs["01-declined-count-and-share"])
    assert list(bars["fiscal_year"]) == [2023, 2024]
    assert sorted({str(fy) for fy in shares["fiscal_year"] if fy != ""}) == ["2023", "2024"]
    assert values["declined_total"] == 7934 + 5871  # CIS's two counts
    assert not {"declined_fy2021", "declined_fy2022", "declined_share_fy2021"} & run.names()
    found = run.text[run.text.index("- CIS's counts for"):]  # the findings, the notebook's last output
    assert found.startswith("- CIS's counts for FY2023, FY2024 add up to 13,805") and "FY2021" not in found
    # annualization_basis: FY2024's 5,871 over its 289 days, times 365 (not the 366 of a leap fiscal year)
    assert values["declined_fy2024_annualized"] == round(5871 / 289 * 365, 4)
    assert set(bars["annualization_basis"]) == {"fixed_365"}
    assert "count per day of coverage x 365" in described["declined_fy2024_annualized"]
    # claimed_total_floor: the figure under test
    assert "not more than 23,000 (short by 9,195)" in run.text
    # monthly_from, monthly_to and monthly_context_to: the spans of the monthly averages
    assert "2023-03-01 to 2023-11-30 (the span chosen for the cited figure)" in described["detainers_issued_per_month_trac_span"]
    assert "2023-03-01 to 2024-06-30" in described["detainers_issued_per_month_2023_to_article"]
    assert "From 2023-03-01 to 2023-11-30 (the span chosen for the cited figure), ICE issued" in run.text
    assert "2023-02-01" not in " ".join(described)
    assert not any("2023-12-31" in text for name, text in described.items() if "per_month" in name)
    # lag_max_days and lag_step_days: the lags drawn, recorded and stated
    assert sorted({int(lag) for lag in shares["lag_days"]}) == [0, 30, 60]
    assert values["declined_share_lag_max_days"] == 60 and values["declined_share_lag_step_days"] == 30
    assert "lags from 0 to 60 days, every 30 days" in run.text and "105 days" not in run.text
    assert "over lags of 0 to 60 days" in described["declined_share_change_min_pp_low"]
    # and the articles' claims are judged only at the published parameters
    assert "judged only at the published parameters" in run.text

