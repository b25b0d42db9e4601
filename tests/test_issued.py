"""Detainers issued over a window from weekly counts: proration by day, doubled weeks, checks."""

import datetime as dt

import pandas as pd
import pytest

from helpers import weeks_frame

from detainer_audit import issued, rawdata
from detainer_audit.bounds import Bounds


def test_whole_weeks_add_and_a_window_starting_mid_week_takes_its_days():
    frame = weeks_frame([("2021-01-10", 700, 1), ("2021-01-17", 1400, 1), ("2021-01-24", 70, 1)])
    assert issued.window_count(frame, "2021-01-10", "2021-01-30").estimate == 700 + 1400 + 70
    # Wednesday 20 January to Saturday 23 January: 4 of the week's 7 days
    count = issued.window_count(frame, "2021-01-20", "2021-01-23")
    assert count.estimate == pytest.approx(1400 * 4 / 7)
    assert count.edge_weeks == 1 and count.days == 4
    # Wednesday to the next Tuesday: 4/7 of one week and 3/7 of the next
    assert issued.window_count(frame, "2021-01-20", "2021-01-26").estimate == pytest.approx(1400 * 4 / 7 + 70 * 3 / 7)


def test_leap_day_2024_is_one_of_its_weeks_seven_days():
    frame = weeks_frame([("2024-02-25", 7000, 1)])  # Sunday 25 February to Saturday 2 March 2024
    assert issued.window_count(frame, "2024-02-29", "2024-02-29").estimate == pytest.approx(1000)
    assert issued.window_count(frame, "2024-02-25", "2024-02-29").days == 5


def test_doubled_weeks_give_half_to_all_and_the_estimate_halves():
    frame = weeks_frame([("2023-08-20", 2000, 1), ("2023-08-27", 3000, 2)])
    count = issued.window_count(frame, "2023-08-20", "2023-09-02")
    assert count.bounds == Bounds(2000 + 1500, 2000 + 3000)
    assert count.estimate == 3500
    assert count.doubled_part == pytest.approx(1500 / 3500)
    # a doubled week cut by the window: prorated first, then halved
    part = issued.window_count(frame, "2023-08-27", "2023-08-29")
    assert (part.bounds.low, part.bounds.high) == pytest.approx((3000 * 3 / 7 / 2, 3000 * 3 / 7))


def test_a_window_outside_the_weeks_or_backwards_is_refused():
    frame = weeks_frame([("2021-01-10", 700, 1)])
    with pytest.raises(ValueError, match="not covered by the weekly counts"):
        issued.window_count(frame, "2021-01-09", "2021-01-12")
    with pytest.raises(ValueError, match="ends .* before it starts"):
        issued.window_count(frame, "2021-01-12", "2021-01-11")


def test_the_weekly_counts_add_up_to_the_sources_calendar_year_sums(weeks):
    """DDP's appendix 'By Year' (pp. 7-8) sums the same weeks by the year they start in."""
    by_year = weeks.groupby(weeks["week_from"].dt.year)["detainers_prepared"].sum()
    assert by_year.loc[2021:2024].tolist() == [43_536, 93_346, 171_922, 312_832]


def test_single_source_weeks_end_where_the_sources_segment_s2_ends(weeks):
    # DDP's segment table: S2 (one release) runs to the week of 2023-08-20, which ends Saturday 26 August
    assert issued.single_source_end(weeks) == dt.date(2023, 8, 26)


def test_cis_fy2021_window_prorates_its_two_edge_weeks(weeks):
    """FY2021 as CIS counts it, 2021-01-20 (a Wednesday) to 2021-09-30 (a Thursday): 4/7 of the week of
    17 January, every whole week after it, and 5/7 of the week of 26 September."""
    count = issued.window_count(weeks, "2021-01-20", "2021-09-30")
    by_week = weeks.set_index("week_from")["detainers_prepared"]
    whole = by_week.loc["2021-01-24":"2021-09-19"].sum()
    assert count.estimate == pytest.approx(whole + by_week["2021-01-17"] * 4 / 7 + by_week["2021-09-26"] * 5 / 7)
    assert count.bounds.exact and count.days == 254


def test_fiscal_and_calendar_years_differ_and_fy2024_holds_366_days(weeks):
    fiscal = issued.monthly(weeks, "2023-10-01", "2024-09-30")
    calendar = issued.monthly(weeks, "2024-01-01", "2024-12-31")
    assert fiscal["days"] == 366 and calendar["days"] == 366
    assert fiscal["estimate"] != calendar["estimate"]
    whole = issued.window_count(weeks, "2023-10-01", "2024-09-30")
    assert fiscal["estimate"] == pytest.approx(whole.estimate / 366 * 365.25 / 12)


def test_the_halved_doubled_weeks_agree_with_ices_own_fy2024_total(weeks):
    """ICE's FY2024 report gives four categories of detainers issued (144,692 + 324 + 1,732 + 3,016), every day of
    which falls in doubled weeks: halving must come within 5 % of their sum, and the sum within the bounds."""
    checks = issued.other_counts(weeks, rawdata.read_table(issued.COUNTS)).set_index("count_id")
    ice = checks.loc["ice_issued_fy2024"]
    assert ice["figure_low"] == 144_692 + 324 + 1_732 + 3_016 and ice["categories_summed"] == 4
    assert ice["from_doubled_weeks_pct"] == 100
    assert abs(ice["estimate_vs_figure_pct"]) < 5 and ice["figure_within_weekly_bounds"]
    trac = checks.loc["trac748_fy2021_to_q1_fy2024"]
    assert trac["figure_within_weekly_bounds"] and abs(trac["estimate_vs_figure_pct"]) < 5


def test_share_bounds_use_the_other_end_of_detainers_issued():
    frame = weeks_frame([("2023-10-01", 1000, 2)])
    count = issued.window_count(frame, "2023-10-01", "2023-10-07")
    pct, estimate = issued.share(50, count)
    assert pct == Bounds(5.0, 10.0) and estimate == 10.0  # 50 of 500 to 1,000


def test_share_changes_combine_the_two_years_bounds():
    table = pd.DataFrame([
        {"fiscal_year": 2022, "share_estimate_pct": 8.0, "share_low_pct": 8.0, "share_high_pct": 8.0, "annualized_declined": 100.0},
        {"fiscal_year": 2023, "share_estimate_pct": 7.0, "share_low_pct": 6.0, "share_high_pct": 7.0, "annualized_declined": 120.0},
        {"fiscal_year": 2024, "share_estimate_pct": 6.5, "share_low_pct": 3.0, "share_high_pct": 6.5, "annualized_declined": 90.0},
    ])
    changes = issued.share_changes(table)
    assert changes[["change_low_pp", "change_high_pp"]].values.tolist() == [[-2.0, -1.0], [-4.0, 0.5]]
    assert changes["annualized_change_pct"].tolist() == pytest.approx([20.0, -25.0])
    assert issued.direction(-2.0, -1.0) == "fell" and issued.direction(-4.0, 0.5) == "unsettled"
    assert issued.direction(0.1, 2.0) == "rose"


def test_the_monthly_average_over_tracs_span_is_rounded_to_what_the_data_hold(weeks):
    counts = rawdata.read_table(issued.COUNTS)
    floor = issued.cited_floor(counts)
    assert (floor["value"], floor["start"], floor["end"]) == (10000, dt.date(2023, 2, 1), dt.date(2023, 12, 31))
    months = issued.month_spans(weeks, floor, "2023-02-01", "2023-12-31", "2024-10-31")
    assert months["cited_span"]["what"] == "the span TRAC's report covers"
    assert months["single_source"]["end"] == dt.date(2023, 8, 26) and months["single_source"]["bounds"].exact
    assert not months["cited_span"]["bounds"].exact  # its weeks from 2023-08-27 are doubled
    assert issued.month_spans(weeks, floor, "2023-03-01", "2023-12-31", "2024-10-31")["cited_span"]["what"] == \
        "the span chosen for the cited figure"
    assert issued.about(10_531.08) == "10,500" and issued.about(14_413.8) == "14,400" and issued.about(987.6) == "988"
    said = issued.month_words(months, floor)
    assert said[0].startswith("From 2023-02-01 to 2023-12-31 (the span TRAC's report covers), ICE issued ")
    assert "ICE issued 10,500 to 14,400 a month on any reading of the doubled weeks (about 10,500 with them halved)" in said[0]
    assert said[-1] == "TRAC's own figure: more than 10,000 a month, regularly, from 2023-02-01 (its data end on 2023-12-31)."


def test_a_count_is_named_in_words_by_who_gives_it_and_who_relays_it():
    counts, documents = rawdata.read_table(issued.COUNTS), rawdata.read_table("documents")
    assert issued.count_label("trac719_2021_03", counts, documents) == "TRAC: March 2021, the lowest month"
    assert issued.count_label("politifact_refused_share_2013_10_to_2015_12", counts, documents) == \
        "TRAC, via PolitiFact Texas: the same 26 months"
    assert issued.count_label("mpi_declined_share_first_104_days", counts, documents).startswith("MPI: ")
    assert issued.count_label("ice_issued_fy2024", counts, documents) == "ICE: FY2024"  # its four categories
