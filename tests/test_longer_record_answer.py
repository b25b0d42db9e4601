"""Notebook 04's one call (`longer_record.answer`): every output follows its parameters, in-process; the table
of every count per day is a file of the answer (the notebook's run writes it); notebook 01's results are read
from the run's folder."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from detainer_audit import longer_record as lr
from detainer_audit import paths
from detainer_audit.files import write_csv

CHOSEN_SOURCES = ["AP", "CIS", "DHS", "ICE", "NPR", "TRAC"]


@pytest.fixture(scope="module")
def answer():
    p = lr.Parameters(window_start="2013-10-01", window_end="2024-12-31", sources=CHOSEN_SOURCES,
                      declined_outcomes=["declined", "insufficient_notice"], min_confidence="high",
                      min_period_overlap=0.6, dhs_2025_year="fiscal")
    found = lr.answer(p)
    found.close()
    return found


def shown(answer) -> str:
    """Everything the notebook shows in words: the findings, each section's lines and tables, and the
    descriptions of the statistics it records."""
    tables = [frame.to_string() for section in answer.sections.values() for frame in section.tables]
    return "\n".join([answer.text(), *tables, *(item.description for item in answer.statistics)])


def test_the_answer_follows_every_parameter(answer, tmp_path):
    """Notebook 04's one call at parameters other than the published ones: each figure, figure CSV,
    statistic and sentence that depends on a parameter shows the value used, and none shows a published value
    that was not used."""
    text = shown(answer)
    drawn = {figure.stem: figure.drawn for figure in answer.figures()}
    for stem in ("04-longer-record-per-day", "04-cis-releases-and-dhs-2025", "04-declined-share-of-issued"):
        write_csv(tmp_path / f"{stem}.csv", drawn[stem])
        published = paths.ROOT / "figures" / f"{stem}.csv"
        assert (tmp_path / f"{stem}.csv").read_bytes() != published.read_bytes(), f"{stem} did not change at all"
    timeline = drawn["04-longer-record-per-day"]
    overlap = drawn["04-cis-releases-and-dhs-2025"]
    shares = drawn["04-declined-share-of-issued"]
    described = {item.statistic: item.description for item in answer.statistics}
    counted = described["longer_record_counts"]
    # window_start, window_end: every count drawn overlaps the window; the window is named
    start, end = dt.date(2013, 10, 1), dt.date(2024, 12, 31)
    assert all(dt.date.fromisoformat(e) >= start and dt.date.fromisoformat(s) <= end
               for s, e in zip(timeline["period_start"], timeline["period_end"]))
    assert "from 2013-10-01 to 2024-12-31" in counted and "From 2013-10-01 to 2024-12-31" in text
    assert "2007-10-01" not in text
    # sources: only the chosen publishers on the timeline and in the pairs
    assert set(timeline["source"]) <= set(CHOSEN_SOURCES) and "MPI" not in set(timeline["source"])
    assert "Migration Policy Institute" not in " ".join(shares["label"])
    # declined_outcomes: no decline count of an outcome not chosen; CIS's three-outcome counts drawn as upper bounds
    declines = timeline[timeline["measure"] == "declined"]
    assert not declines["outcomes"].str.contains("early_release").any()
    november = overlap[overlap["series"].str.startswith("CIS Nov 2024")]
    assert set(november["bound"]) == {"upper"}
    assert "outcomes counted as declines: declined by the law enforcement agency and insufficient notice" in text
    assert "early release" not in counted and "insufficient notice" in counted
    # min_confidence: medium-confidence counts are context only; the threshold is named
    assert timeline.loc[timeline["confidence"] == "medium", "context_only"].all()
    assert "below high confidence" in counted and "below medium confidence" not in text
    # min_period_overlap: every pair drawn overlaps by at least 60 % of the longer period, and says so
    for row in shares.itertuples():
        days = [(dt.date.fromisoformat(p.split(" to ")[1]) - dt.date.fromisoformat(p.split(" to ")[0])).days + 1
                for p in (row.declines_period, row.issued_period)]
        assert row.common_days >= 0.6 * max(days)
    assert "at least 60% of the longer" in text and "at least 50% of the longer" not in text
    # dhs_2025_year: the testimony's 2025 is fiscal 2025 everywhere it appears
    dhs = overlap[overlap["series"].str.startswith("DHS 2025")]
    assert list(dhs["series"]) == ["DHS 2025 (fiscal year)"] and list(dhs["start"]) == ["2024-10-01"]
    dhs_rows = timeline[timeline["count_id"].str.startswith("dhs_") & timeline["count_id"].str.endswith("_2025")]
    assert len(dhs_rows) and set(dhs_rows["period_start"]) == {"2024-10-01"}
    assert "read as the fiscal year (2024-10-01 to 2025-09-30)" in text
    assert "2024-10-01 to 2025-09-30" in described["dhs_2025_declined_per_day"]
    assert "read as the calendar year" not in text and "2025 read as a calendar year" not in text
    # the articles' claims are judged at the published parameters only, and the answer says so
    assert answer.changed["min_confidence"] == ("high", "medium")
    assert "judged only at the published parameters" in text


def test_the_timeline_is_stated_as_recorded(answer):
    """The timeline's line and finding read its counts from the statistics that record them (computed once)."""
    counts, context = answer.value("longer_record_counts"), answer.value("longer_record_context_only")
    assert f"{counts:.0f} counts, {context:.0f} of them context only (below high confidence)" in answer["footing"].text()
    assert f"{counts:.0f} counts published by " in answer.findings[0]
    assert f"; {context:.0f} of them are below high confidence" in answer.findings[0]


def test_the_table_of_every_count_per_day_is_a_file_of_the_answer(answer):
    """The answer computes the per-day table and writes nothing: the notebook's run writes it (`Run.record`)
    into data/processed/ of the run's folder. It holds every count, whatever the parameters choose."""
    per_day = answer.files["longer_record_per_day.csv"]
    assert list(answer.files) == ["longer_record_per_day.csv"]
    assert len(per_day) > answer.value("longer_record_counts")  # the window and the sources select from it
    assert (per_day["per_day_low"].dropna() == per_day["per_day_low"].dropna().round(4)).all()


def test_notebook_01s_results_are_read_from_the_runs_folder(tmp_path):
    """Detainers issued over CIS's windows and the article's declined total come from notebook 01's results in
    the run's folder; where it has none, the answer says which notebook must run first."""
    with pytest.raises(FileNotFoundError, match="no results of 01_declined_detainers_fy2021_2024 in "):
        lr.answer(lr.Parameters(), root=Path(tmp_path))
