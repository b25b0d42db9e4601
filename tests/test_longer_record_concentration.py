"""Notebook 04, section 4 (`longer_record.s4_concentration`): the largest jurisdiction's and state's share,
bounds kept: identified rows of 2017 give lower bounds, a total known only as "more than" upper bounds."""

from fractions import Fraction

import pytest

from detainer_audit import longer_record as lr
from detainer_audit.longer_record import s4_concentration as s4
from longer_record_data import raw  # noqa: F401 (fixture)


@pytest.fixture(scope="module")
def concentrated(raw):
    return s4.concentration(raw[lr.shared.WEEK1], raw[lr.shared.REPORTS], raw[lr.shared.JURISDICTIONS], raw[lr.shared.COUNTS])


def test_concentration_keeps_its_bounds(concentrated):
    c = concentrated.set_index(["level", "largest"])
    # ICE's report of week 1: Travis County's 142 of 206 records; CIS: California's 13,025 of more than 25,000
    assert c.loc[("jurisdiction", "Travis County"), "share_low_pct"] == pytest.approx(float(Fraction(142, 206) * 100))
    assert c.loc[("state", "TX"), "share_bound"] == "lower"
    assert c.loc[("state", "CA"), "share_bound"] == "upper"
    assert c.loc[("state", "CA"), "share_high_pct"] == pytest.approx(float(Fraction(13025, 25000) * 100))
    # the wholes are the sources' own figures, never typed in the code
    assert list(c["of"]) == ["206 declined records", "206 declined records (identified rows only)",
                             "more than 25,000 declines", "more than 26,400 declines and insufficient notices"]
    assert set(c["release"]) == {"ICE weekly report, 2017-01-28 to 2017-02-03", "CIS, 2022-10-01 to 2025-02-06"}


def test_statistics_and_findings(concentrated):
    stats = {s.statistic: s for s in s4.statistics(concentrated)}
    assert stats["largest_state_share_2022_2025"].unit == "percent (upper bound)"
    assert stats["largest_state_share_2017_week1"].unit == "percent (lower bound)"
    assert stats["largest_jurisdiction_share_2017_week1"].description == (
        "Travis County: 142 of 206 declined records (ICE weekly report, 2017-01-28 to 2017-02-03)")
    text = " ".join(s4.findings(concentrated))
    assert "the largest jurisdiction, Travis County, holds 68.9% of 206 declined records" in text
    assert "the largest state, Texas, holds at least" in text and "California, holds at most 52.1%" in text
