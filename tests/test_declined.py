import pandas as pd
import pytest

from detainer_audit import declined, rawdata


@pytest.fixture
def raw():
    return rawdata.read_table(declined.TABLE)


def test_coverage_table_marks_partial_years_and_counts_days(raw):
    table = declined.coverage_table(raw, [2021, 2022, 2023, 2024], "days_in_fiscal_year").set_index("fiscal_year")
    assert table["partial_year"].to_dict() == {2021: True, 2022: False, 2023: False, 2024: True}
    # 2021-01-20..2021-09-30: 12 days of January + Feb 28 + Mar 31 + Apr 30 + May 31 + Jun 30 + Jul 31 + Aug 31 + Sep 30
    assert table.loc[2021, "days_covered"] == 12 + 28 + 31 + 30 + 31 + 30 + 31 + 31 + 30
    # 2023-10-01..2024-07-15: Oct 31 + Nov 30 + Dec 31 + Jan 31 + Feb 29 (leap) + Mar 31 + Apr 30 + May 31 + Jun 30 + 15
    assert table.loc[2024, "days_covered"] == 31 + 30 + 31 + 31 + 29 + 31 + 30 + 31 + 30 + 15
    assert table.loc[2024, "days_in_fiscal_year"] == 366
    # full years annualize to their own count; partial ones scale up
    assert table.loc[2022, "annualized"] == pytest.approx(5723)
    assert table.loc[2024, "annualized"] == pytest.approx(5871 / 289 * 366)
    assert table["declined_detainers"].sum() == 22040


def test_basis_changes_only_partial_years(raw):
    fiscal = declined.coverage_table(raw, [2021, 2022, 2023, 2024], "days_in_fiscal_year")
    flat = declined.coverage_table(raw, [2021, 2022, 2023, 2024], "fixed_365")
    assert fiscal.loc[fiscal.fiscal_year == 2024, "annualized"].item() > flat.loc[flat.fiscal_year == 2024, "annualized"].item()
    assert fiscal.loc[fiscal.fiscal_year == 2021, "annualized"].item() == flat.loc[flat.fiscal_year == 2021, "annualized"].item()


def test_year_over_year_change_uses_annualized_values(raw):
    table = declined.coverage_table(raw, [2023, 2024], "days_in_fiscal_year")
    assert pd.isna(table["change_annualized_pct"].iloc[0])
    assert table["change_annualized_pct"].iloc[1] == pytest.approx((5871 / 289 * 366 / 7934 - 1) * 100)
    assert declined.trend_words(table)[0].startswith("FY2023 -> FY2024: down 6.3%")


def test_statistics_named_as_the_results_table_expects(raw):
    table = declined.coverage_table(raw, [2021, 2022, 2023, 2024], "days_in_fiscal_year")
    names = [s.statistic for s in declined.statistics(table, "days_in_fiscal_year")]
    for required in ["declined_fy2021", "declined_fy2022", "declined_fy2023", "declined_fy2024",
                     "declined_total", "declined_fy2024_annualized"]:
        assert required in names




def test_the_lag_range_stops_where_the_weekly_counts_stop():
    checked = declined.Parameters()
    assert (checked.lag_max_days, checked.lag_step_days) == (105, 15)
    # FY2021 starts on 2021-01-20, the weekly counts on 2020-09-27: 115 days
    assert declined.Parameters(lag_max_days=115, lag_step_days=5).lag_max_days == 115
    with pytest.raises(declined.params.ParameterError,
                       match=r"lag_max_days=180 is out of range; allowed: 0 to 115 \(the weekly counts start on 2020-09-27"):
        declined.Parameters(lag_max_days=180)
    # without FY2021 the first counted day is 2021-10-01, so longer lags are covered
    assert declined.Parameters(fiscal_years=[2022, 2023], lag_max_days=180).lag_max_days == 180
    with pytest.raises(declined.params.ParameterError, match="lag_step_days=20 must be a whole number of days from 1"):
        declined.Parameters(lag_step_days=20)
    with pytest.raises(declined.params.ParameterError, match="lag_max_days must be a whole number of days, got str"):
        declined.Parameters(lag_max_days="90")
    with pytest.raises(declined.params.ParameterError, match="monthly_context_to='2023-06-30' must come after monthly_to"):
        declined.Parameters(monthly_context_to="2023-06-30")
