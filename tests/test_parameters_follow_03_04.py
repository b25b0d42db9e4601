"""Every output follows its parameters: notebook 03 (notebook 04's sweep runs in-process, in
tests/test_longer_record_answer.py; the model and the shared machinery are in
tests/test_parameters_follow.py and tests/sweep.py). One `make run` per notebook with its parameters set
to values other than the published ones; then, parameter by parameter, each figure, figure CSV,
statistic and sentence that depends on it must show the value used, and none may show a published value
that was not used.

Notebook 03 takes two runs: a jurisdiction other than Travis County is known for week 1 only, so no
single run can change both of its parameters (building its Parameters refuses the pair)."""

from __future__ import annotations

import pytest

from helpers import ROOT, project_copy
from sweep import csv_of, published, run_with

pytestmark = [pytest.mark.slow, pytest.mark.whole_run]

NB03 = "03_travis_county_share_2017"
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
