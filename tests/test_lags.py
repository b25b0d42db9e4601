"""The dates behind the share: declines set against detainers issued a lag earlier, and what holds at every lag."""

import datetime as dt

import pandas as pd
import pytest

from helpers import weeks_frame

from detainer_audit import issued, lags, rawdata


def test_lags_and_how_far_the_weekly_counts_reach(weeks):
    assert lags.lags(105, 15) == [0, 15, 30, 45, 60, 75, 90, 105]
    assert lags.lags(0, 1) == [0]
    with pytest.raises(ValueError):
        lags.lags(30, 0)
    # the weekly counts start on Sunday 2020-09-27: 115 days before CIS's first counted day, 2021-01-20
    assert lags.lag_reach(weeks, "2021-01-20") == (dt.date(2021, 1, 20) - dt.date(2020, 9, 27)).days == 115
    assert lags.lag_words([0, 15, 60, 75, 90], [0, 15, 30, 45, 60, 75, 90]) == "0 to 15 and 60 to 90 days"
    assert lags.lag_words([45], [0, 15, 30, 45]) == "45 days"


def test_a_lag_moves_the_detainers_back_and_keeps_the_declines():
    frame = weeks_frame([("2023-08-13", 700, 1), ("2023-08-20", 1400, 1), ("2023-08-27", 2800, 2)])
    cis = pd.DataFrame([{"fiscal_year": 2024, "counted_from": pd.Timestamp("2023-08-27"),
                         "counted_to": pd.Timestamp("2023-09-02"), "declined_detainers": 70}])
    same = issued.windows_table(frame, cis, "days_in_fiscal_year").iloc[0]
    assert (same.issued_low, same.issued_high) == (1400, 2800)  # the doubled week: half to all of it
    earlier = issued.windows_table(frame, cis, "days_in_fiscal_year", lag_days=14).iloc[0]
    assert earlier.issued_estimate == 700 and earlier.declined == 70 and earlier.share_estimate_pct == 10.0
    lagged = lags.lagged_table(frame, cis, "days_in_fiscal_year", [0, 7, 14])
    assert lagged["lag_days"].tolist() == [0, 0, 7, 7, 14, 14]  # the year and the whole span, per lag


def test_a_step_is_a_fall_only_at_the_lags_where_every_reading_falls():
    changes = pd.DataFrame([
        # FY2022 against FY2021: falls at lag 0, rises at lag 30; FY2023 against FY2022: falls at both
        {"lag_days": 0, "fiscal_year": 2022, "from_fiscal_year": 2021, "change_estimate_pp": -1.6,
         "change_low_pp": -1.6, "change_high_pp": -1.6, "annualized_change_pct": 63.0},
        {"lag_days": 0, "fiscal_year": 2023, "from_fiscal_year": 2022, "change_estimate_pp": -1.0,
         "change_low_pp": -1.5, "change_high_pp": -0.9, "annualized_change_pct": 38.0},
        {"lag_days": 30, "fiscal_year": 2022, "from_fiscal_year": 2021, "change_estimate_pp": 0.4,
         "change_low_pp": 0.4, "change_high_pp": 0.4, "annualized_change_pct": 63.0},
        {"lag_days": 30, "fiscal_year": 2023, "from_fiscal_year": 2022, "change_estimate_pp": -1.6,
         "change_low_pp": -1.6, "change_high_pp": -1.5, "annualized_change_pct": 38.0},
    ])
    summary = lags.step_summary(changes).set_index("fiscal_year")
    assert summary.loc[2022, "lags_fell"] == [0] and summary.loc[2022, "lags_rose"] == [30]
    assert (summary.loc[2022, "change_low_pp"], summary.loc[2022, "change_high_pp"]) == (-1.6, 0.4)
    assert summary.loc[2023, "lags_fell"] == [0, 30]
    estimate, span = lags.smallest_change(changes)
    # lag 0: the smallest change lies in -1.6..-1.6; lag 30: in -1.6..-1.5; over both: -1.6..-1.5
    assert estimate == -1.6 and (span.low, span.high) == (-1.6, -1.5)
    said = lags.trend_sentences(summary.reset_index(), (estimate, span), [0, 30])
    assert said[1] == "FY2021 to FY2022: the share fell at lags of 0 days and rose at lags of 30 days; change -1.6 to +0.4 points."
    assert said[2] == "FY2022 to FY2023: the share fell at every lag, 0 to 30 days; change -1.6 to -0.9 points."
    assert said[-1] == "So at no lag did the share rise every year: the smallest yearly change is -1.6 to -1.5 points."
    # a step that rises at one lag and falls at another leaves the smallest change unsettled when it is the only one
    only = changes[changes["fiscal_year"] == 2022]
    _, span = lags.smallest_change(only)
    assert issued.direction(span.low, span.high) == "unsettled"
    assert lags.trend_sentences(lags.step_summary(only), lags.smallest_change(only), [0, 30])[-1].startswith(
        "Whether the share rose every year depends on the lag")


def test_the_published_share_falls_in_two_steps_at_every_lag_and_not_in_the_first(weeks):
    cis = rawdata.read_table(issued.CIS_FISCAL_YEARS)
    changes = lags.lagged_changes(lags.lagged_table(weeks, cis, "days_in_fiscal_year", lags.lags(105, 15)))
    summary = lags.step_summary(changes).set_index("fiscal_year")
    assert summary.loc[2022, "lags_fell"] == [0, 15] and summary.loc[2022, "lags_rose"] == [30, 45, 60, 75, 90, 105]
    assert len(summary.loc[2023, "lags_fell"]) == len(summary.loc[2024, "lags_fell"]) == 8
    _, span = lags.smallest_change(changes)
    assert span.high < 0  # the claim "every year above the year before" fails at every lag and reading


def test_how_each_count_is_dated_and_how_far_the_lag_can_go(weeks):
    cis = rawdata.read_table(issued.CIS_FISCAL_YEARS)
    said = lags.dating_words(weeks, cis, lags.lags(105, 15))
    assert said[0].startswith("CIS counts each decline in the fiscal year in which it happened; its first counted day "
                              "is 2021-01-20")
    assert said[1].startswith("DDP dates each detainer by the day ICE prepared it")
    assert "lags from 0 to 105 days, every 15 days" in said[2]
    assert said[3].startswith("The weekly counts start 115 days before CIS's first counted day, so no lag longer than "
                              "115 days can be computed")
