"""Notebook 04, section 2 (`longer_record.s2_cis_releases`): CIS's two releases over the days both cover, the
April table's second-hand totals against CIS's own words, and DHS's 2025. Golden values are CIS's printed
counts (13,805 = 7,934 + 5,871; more than 25,000 declines and more than 1,400 insufficient notices) and the
days of the periods they state, as fractions."""

import datetime as dt
from fractions import Fraction

import pytest

from detainer_audit import longer_record as lr
from detainer_audit.bounds import INF, Bounds
from detainer_audit.longer_record import s2_cis_releases as s2
from longer_record_data import ALL, raw  # noqa: F401 (fixtures)

# 1 October 2022 to 15 July 2024 (654 days) both releases cover; 16 July 2024 to 6 February 2025 (206 days) only
# the April one; FY2023 has 365 days
COMMON_DAYS, AFTER_DAYS = 654, 206


@pytest.fixture(scope="module")
def overlap(raw):
    return s2.cis_release_overlap(raw[lr.shared.CIS_FISCAL_YEARS], raw[lr.shared.COUNTS], ALL)


def test_the_two_cis_releases_share_654_days_and_the_later_one_implies_a_lower_bound(overlap):
    o = overlap
    assert (o["common_start"], o["common_end"], o["common_days"]) == (dt.date(2022, 10, 1), dt.date(2024, 7, 15),
                                                                      COMMON_DAYS)
    assert o["nov_common"] == Bounds.exactly(7934 + 5871)
    assert o["april_common"] == Bounds(0, INF)  # one total: its common days cannot be split out
    assert o["april_total"] == Bounds(25000 + 1400, INF)
    assert (o["after_start"], o["after_end"], o["after_days"]) == (dt.date(2024, 7, 16), dt.date(2025, 2, 6), AFTER_DAYS)
    assert o["implied_after"] == Bounds(26400 - 13805, INF)
    assert o["pace_before"].low == pytest.approx(float(Fraction(13805, COMMON_DAYS)))
    assert o["pace_after"].low == pytest.approx(float(Fraction(12595, AFTER_DAYS))) and o["pace_after"].kind == "lower"
    assert o["last_full_fiscal_year"] == 2023
    change = Fraction(12595, AFTER_DAYS) / Fraction(7934, 365) * 100 - 100
    assert o["pace_change_vs_last_full_year_pct"].low == pytest.approx(float(change))


def test_counting_declines_alone_makes_the_three_outcome_list_an_upper_bound(raw):
    o = s2.cis_release_overlap(raw[lr.shared.CIS_FISCAL_YEARS], raw[lr.shared.COUNTS], ["declined"])
    assert o["nov_common"] == Bounds(0, 13805)
    assert o["april_total"] == Bounds(25000, INF)  # insufficient notice no longer counted
    assert o["implied_after"] == Bounds(25000 - 13805, INF)
    assert o["pace_before"].kind == "upper"


def test_which_table_total_fits_cis_own_words(raw):
    totals = s2.table_totals(raw[lr.shared.COUNTS], raw[lr.shared.JURISDICTIONS]).set_index("count_id")
    a, b = totals.loc["cis2025_declined_table_total_a"], totals.loc["cis2025_declined_table_total_b"]
    assert a["above_cis_floor"] and a["rounds_to_cis_share"] and a["at_least_listed_states"]
    assert not (b["above_cis_floor"] or b["rounds_to_cis_share"] or b["at_least_listed_states"])
    states = raw[lr.shared.JURISDICTIONS]
    assert a["listed_states_sum"] == states.loc[states.figure == "declined_in_state", "value"].sum()


def test_the_dhs_ratio_stays_a_bound_when_cis_counts_other_outcomes(raw):
    o = s2.cis_release_overlap(raw[lr.shared.CIS_FISCAL_YEARS], raw[lr.shared.COUNTS], ["declined"])
    dhs = s2.dhs_2025(raw[lr.shared.COUNTS], "fiscal", o)
    # CIS's three-outcome FY2023 count is only an upper bound for declines alone: the ratio is a lower bound
    assert dhs["ratio_to_cis"].kind == "lower"
    assert dhs["ratio_to_cis"].low == pytest.approx(float(Fraction(17864, 7934)))  # both over 365 days
    assert (dhs["start"], dhs["end"]) == (dt.date(2024, 10, 1), dt.date(2025, 9, 30))


@pytest.mark.parametrize("ratio, words", [(2.0, "doubled"), (2.8966, "nearly tripled"), (3.0, "tripled"),
                                          (3.2, "a little more than tripled"), (1.5, "rose to 1.50 times"),
                                          (0.5, "fell to 0.50 times"), (4.1, "a little more than quadrupled")])
def test_a_multiple_in_words(ratio, words):
    assert s2.multiple_in_words(ratio) == words


def test_the_pace_sentence_is_generated_from_the_bounds(overlap):
    text = s2.pace_sentence(overlap)
    # (26,400 - 13,805) / 206 days against 13,805 / 654 days: at least 61.14 against 21.11 a day, 2.896 times
    assert "at least 2.90 times" in text and "nearly tripled or more" in text
    assert "at least 61.14 declines a day" in text and "against 21.11 a day before" in text
    assert "654 days" in text and "2024-07-16 to 2025-02-06" in text and "cannot tell which" in text


def test_statistics_keep_the_bounds_and_findings_name_the_year_read(raw, overlap):
    dhs = s2.dhs_2025(raw[lr.shared.COUNTS], "calendar", overlap)
    totals = s2.table_totals(raw[lr.shared.COUNTS], raw[lr.shared.JURISDICTIONS], raw[lr.shared.DOCUMENTS])
    stats = {s.statistic: s for s in s2.statistics(overlap, totals, dhs)}
    assert stats["cis_apr2025_count"].value == 26400 and stats["cis_apr2025_count"].unit.endswith("(lower bound)")
    assert stats["cis_nov2024_count_common_days"].value == 13805 and stats["cis_nov2024_count_common_days"].headline
    assert "2025-01-01 to 2025-12-31" in stats["dhs_2025_declined_per_day"].description
    text = " ".join(s2.findings(overlap, dhs))
    assert "48.94 a day" in text and "read as the calendar year" in text  # 17,864 over 365 days
    described = " ".join(s.description for s in stats.values())
    assert "LEA" not in described and "ussanews" not in described and "+" not in described
