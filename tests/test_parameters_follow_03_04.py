"""Every output follows its parameters: notebooks 03 and 04 (the model and the shared machinery are in
tests/test_parameters_follow.py and tests/sweep.py). One `make run` per notebook with its parameters set
to values other than the published ones; then, parameter by parameter, each figure, figure CSV,
statistic and sentence that depends on it must show the value used, and none may show a published value
that was not used.

Notebook 03 takes two runs: a jurisdiction other than Travis County is known for week 1 only, so no
single run can change both of its parameters (building its Parameters refuses the pair)."""

from __future__ import annotations

import datetime as dt

import pytest

from helpers import ROOT, project_copy
from sweep import csv_of, published, run_with

pytestmark = [pytest.mark.slow, pytest.mark.whole_run]

NB03 = "03_travis_county_share_2017"
NB04 = "04_longer_record_2008_2025"
FIGURE03 = "03-declined-detainers-by-jurisdiction-2017"


@pytest.fixture(scope="module")
def copy(tmp_path_factory):
    return project_copy(tmp_path_factory.mktemp("sweep") / "project")


def test_notebook_03_follows_report_week(copy):
    run = run_with(copy, NB03, {"report_week": 2})
    assert "judged only at the published parameters" in run.text and "This run sets report_week to other values" in run.text
    before = published(ROOT, NB03)
    assert run.figure_bytes[FIGURE03] != before.figure_bytes[FIGURE03], "the figure did not change at all"
    drawn = csv_of(run.figure_csvs[FIGURE03])
    left = drawn[drawn["panel"].str.startswith("records by jurisdiction")]
    # the week drawn is week 2 (2017-02-04 to 2017-02-10: Travis County 2 of 47), never week 1's 142 of 206
    assert set(left["panel"]) == {"records by jurisdiction, week 2 (2017-02-04 to 2017-02-10)"}
    assert dict(zip(left["label"], left["value"])) == {"Travis County": 2, "not identified": 45}
    assert 142 not in set(left["value"])
    # statistics: week 2's, named so; week 1's only as Travis County's other weeks
    names = run.names()
    assert {"ddor_week2_declined", "ddor_week2_travis_declined", "travis_share_week2_pct"} <= names
    assert not {n for n in names if n.startswith("ddor_week1")} and "travis_share_week1_pct" in names
    values = run.statistics.set_index("statistic")["value"].astype(float)
    assert values["ddor_week2_declined"] == 47 and values["travis_share_week2_pct"] == round(2 / 47 * 100, 4)
    # sentences: the week used, and what cannot be known about it
    assert "Weekly Declined Detainer Outcome Report for week 2 (2017-02-04 to 2017-02-10)" in run.text
    assert "Travis County accounts for 2 of the 47 declined detainer records" in run.text
    assert "no breakdown by jurisdiction for week 2" in run.text
    assert "Travis County, week 2: 2 (exact) of 47 records" in run.text
    assert "for week 1 (" not in run.text


def test_notebook_03_follows_jurisdiction(copy):
    run = run_with(copy, NB03, {"jurisdiction": "Boulder County Jail"})
    assert "judged only at the published parameters" in run.text
    before = published(ROOT, NB03)
    assert run.figure_bytes[FIGURE03] != before.figure_bytes[FIGURE03], "the figure did not change at all"
    drawn = csv_of(run.figure_csvs[FIGURE03])
    right = drawn[~drawn["panel"].str.startswith("records by jurisdiction")]
    # the right-hand panel is Boulder's: week 1 known (6 of 206), weeks 2, 3 and the pooled share not published
    assert set(right["panel"]) == {"Boulder County Jail share by week (%)"}
    assert float(right["value"].iloc[0]) == round(6 / 206 * 100, 2)
    assert list(right["value"].iloc[1:]) == [""] * 3 and list(right["bound"].iloc[1:]) == ["not published"] * 3
    assert not drawn["panel"].str.contains("Travis").any()
    names = run.names()
    assert {"ddor_week1_boulder_declined", "boulder_share_week1_pct", "colorado_share_week1_pct"} <= names
    assert not {n for n in names if "travis" in n}
    assert "Boulder County Jail accounts for 6 of the 206 declined detainer records" in run.text
    assert "Boulder County Jail's count for weeks 2 and 3 is not published" in run.text
    assert "Travis County accounts for" not in run.text and "Travis County's share" not in run.text


def test_notebook_04_follows_every_parameter(copy):
    chosen_sources = ["AP", "CIS", "DHS", "ICE", "NPR", "TRAC"]
    run = run_with(copy, NB04, {"window_start": "2013-10-01", "window_end": "2024-12-31", "sources": chosen_sources,
                                "declined_outcomes": ["declined", "insufficient_notice"], "min_confidence": "high",
                                "min_period_overlap": 0.6, "dhs_2025_year": "fiscal"})
    before = published(ROOT, NB04)
    for stem in ("04-longer-record-per-day", "04-cis-releases-and-dhs-2025", "04-declined-share-of-issued"):
        assert run.figure_bytes[stem] != before.figure_bytes[stem], f"{stem} did not change at all"
    timeline = csv_of(run.figure_csvs["04-longer-record-per-day"])
    overlap = csv_of(run.figure_csvs["04-cis-releases-and-dhs-2025"])
    shares = csv_of(run.figure_csvs["04-declined-share-of-issued"])
    described = run.statistics.set_index("statistic")["description"]
    counted = described["longer_record_counts"]
    # window_start, window_end: every count drawn overlaps the window; the window is named
    start, end = dt.date(2013, 10, 1), dt.date(2024, 12, 31)
    assert all(dt.date.fromisoformat(e) >= start and dt.date.fromisoformat(s) <= end
               for s, e in zip(timeline["period_start"], timeline["period_end"]))
    assert "from 2013-10-01 to 2024-12-31" in counted and "From 2013-10-01 to 2024-12-31" in run.text
    assert "2007-10-01" not in run.text
    # sources: only the chosen publishers on the timeline and in the pairs
    assert set(timeline["source"]) <= set(chosen_sources) and "MPI" not in set(timeline["source"])
    assert "Migration Policy Institute" not in " ".join(shares["label"])
    # declined_outcomes: no decline count of an outcome not chosen; CIS's three-outcome counts drawn as upper bounds
    declines = timeline[timeline["measure"] == "declined"]
    assert not declines["outcomes"].str.contains("early_release").any()
    november = overlap[overlap["series"].str.startswith("CIS Nov 2024")]
    assert set(november["bound"]) == {"upper"}
    assert "outcomes counted as declines: declined by the law enforcement agency and insufficient notice" in run.text
    assert "early release" not in counted and "insufficient notice" in counted
    # min_confidence: medium-confidence counts are context only; the threshold is named
    assert not timeline.loc[timeline["confidence"] == "medium", "context_only"].astype(str).eq("False").any()
    assert "below high confidence" in counted and "below medium confidence" not in run.text
    # min_period_overlap: every pair drawn overlaps by at least 60 % of the longer period, and says so
    for row in shares.itertuples():
        days = [(dt.date.fromisoformat(p.split(" to ")[1]) - dt.date.fromisoformat(p.split(" to ")[0])).days + 1
                for p in (row.declines_period, row.issued_period)]
        assert row.common_days >= 0.6 * max(days)
    assert "at least 60% of the longer" in run.text and "at least 50% of the longer" not in run.text
    # dhs_2025_year: the testimony's 2025 is fiscal 2025 everywhere it appears
    dhs = overlap[overlap["series"].str.startswith("DHS 2025")]
    assert list(dhs["series"]) == ["DHS 2025 (fiscal year)"] and list(dhs["start"]) == ["2024-10-01"]
    dhs_rows = timeline[timeline["count_id"].str.startswith("dhs_") & timeline["count_id"].str.endswith("_2025")]
    assert len(dhs_rows) and set(dhs_rows["period_start"]) == {"2024-10-01"}
    assert "read as the fiscal year (2024-10-01 to 2025-09-30)" in run.text
    assert "2024-10-01 to 2025-09-30" in described["dhs_2025_declined_per_day"]
    assert "read as the calendar year" not in run.text and "2025 read as a calendar year" not in run.text
