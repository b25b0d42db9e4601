"""Every output follows its parameters: notebook 04 (the model and the shared machinery are in
tests/test_parameters_follow.py and tests/sweep.py; notebook 03's sweep runs in-process, in
tests/test_jurisdictions.py). One `make run` per notebook with its parameters set
to values other than the published ones; then, parameter by parameter, each figure, figure CSV,
statistic and sentence that depends on it must show the value used, and none may show a published value
that was not used."""

from __future__ import annotations

import datetime as dt

import pytest

from helpers import ROOT, project_copy
from sweep import csv_of, published, run_with

pytestmark = [pytest.mark.slow, pytest.mark.whole_run]

NB04 = "04_longer_record_2008_2025"


@pytest.fixture(scope="module")
def copy(tmp_path_factory):
    return project_copy(tmp_path_factory.mktemp("sweep") / "project")


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
