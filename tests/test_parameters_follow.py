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


def test_notebook_02_follows_every_parameter(copy):
    notebook = "02_weekly_detainer_rates_2011_vs_2017"
    run = run_with(copy, notebook, {"baseline_year": 2012, "baseline_year_kind": "calendar",
                                    "weeks_convention": "52_weeks", "comparison_fiscal_years": [2013, 2014],
                                    "report_week": 2})
    before = published(ROOT, notebook)
    drawn = csv_of(run.figure_csvs["02-detainers-per-week-2007-2017"])
    series = set(drawn["series"])
    assert run.figure_bytes != before.figure_bytes, "the figure did not change at all"
    # baseline_year and baseline_year_kind: the year drawn, recorded and stated
    assert "calendar year 2012 average" in series and not any("2011" in s for s in series)
    assert {"weekly_rate_2012_calendar", "weekly_rate_2012_fiscal", "ratio_2012_to_2017_week"} <= run.names()
    assert not {n for n in run.names() if "2011" in n}
    assert "In calendar year 2012 ICE issued" in run.text and "CIS published no weekly figure for that year" in run.text
    # weeks_convention: the weeks each average is divided by (a calendar year 2012 has 366 days)
    described = run.statistics.set_index("statistic")["description"]
    assert "over 52.00 weeks (weeks = 52 for a whole year" in described["weekly_rate_2012_calendar"]
    assert "over 104.00 weeks (weeks = 52 for a whole year" in described["weekly_rate_obama_fy2013_fy2014"]
    span = drawn.set_index("series").loc["FY2013-FY2014 average (TRAC)"]
    assert span["per_week"] == round(run.statistics.set_index("statistic").loc["weekly_rate_obama_fy2013_fy2014",
                                                                                 "value"], 2)
    # comparison_fiscal_years: the span drawn, recorded and compared
    assert "FY2013-FY2014 average (TRAC)" in series and not any("FY2015-FY2016" in s for s in series)
    assert "weekly_rate_obama_fy2013_fy2014" in run.names()
    assert not {n for n in run.names() if "fy2015" in n or "fy2016" in n}
    assert "CIS published no weekly figure for 2013" in run.text and "FY2015-FY2016 weekly average" not in run.text
    assert "the FY2013-FY2014 weekly average" in run.text
    # report_week: the week compared and stated
    assert "Report week 2 (from 2017-02-04) had 2,825 detainers" in run.text
    # the articles' claims are judged at the published parameters only, and the run says so
    assert "judged only at the published parameters" in run.text and "report_week = 2 (published: 1)" in run.text
    assert "report week 1," not in run.text.lower()
