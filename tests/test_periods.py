import datetime as dt

import pytest

from detainer_audit import periods


def test_fiscal_year_runs_october_to_september():
    assert periods.fiscal_year_bounds(2022) == (dt.date(2021, 10, 1), dt.date(2022, 9, 30))
    assert periods.fiscal_year_of(dt.date(2021, 9, 30)) == 2021
    assert periods.fiscal_year_of(dt.date(2021, 10, 1)) == 2022
    assert periods.fiscal_year_of("2024-07-15") == 2024


def test_fiscal_and_calendar_years_differ():
    assert periods.year_bounds(2011, "fiscal") == (dt.date(2010, 10, 1), dt.date(2011, 9, 30))
    assert periods.year_bounds(2011, "calendar") == (dt.date(2011, 1, 1), dt.date(2011, 12, 31))
    with pytest.raises(ValueError, match="fiscal' or 'calendar"):
        periods.year_bounds(2011, "school")


@pytest.mark.parametrize("fiscal_year, days", [(2021, 365), (2023, 365), (2024, 366), (2020, 366), (2001, 365)])
def test_leap_day_belongs_to_the_fiscal_year_ending_in_the_leap_year(fiscal_year, days):
    assert periods.days_in_fiscal_year(fiscal_year) == days


def test_century_rule(monkeypatch):
    # 1900 was not a leap year, 2000 was
    assert periods.days_in_fiscal_year(1900) == 365
    assert periods.days_in_fiscal_year(2000) == 366


def test_day_counts_include_both_ends():
    assert periods.days_inclusive("2021-01-20", "2021-09-30") == 254
    assert periods.days_inclusive("2023-10-01", "2024-07-15") == 289  # holds 2024-02-29
    assert periods.days_inclusive("2024-07-15", "2024-07-15") == 1
    with pytest.raises(ValueError, match="before it starts"):
        periods.days_inclusive("2024-07-15", "2024-07-14")


def test_partial_fiscal_year():
    assert periods.is_partial_fiscal_year(2021, "2021-01-20", "2021-09-30")
    assert periods.is_partial_fiscal_year(2024, "2023-10-01", "2024-07-15")
    assert not periods.is_partial_fiscal_year(2022, "2021-10-01", "2022-09-30")
    with pytest.raises(ValueError, match="not inside FY2021"):
        periods.is_partial_fiscal_year(2021, "2020-09-30", "2021-09-30")


def test_annualize_on_each_basis():
    # a full year annualizes to itself on its own length
    assert periods.annualize(5723, 365, "days_in_fiscal_year", 2022) == pytest.approx(5723)
    # FY2024: 289 days covered of a 366-day year
    assert periods.annualize(5871, 289, "days_in_fiscal_year", 2024) == pytest.approx(5871 * 366 / 289)
    assert periods.annualize(5871, 289, "fixed_365", 2024) == pytest.approx(5871 * 365 / 289)
    assert periods.annualize(5871, 289, "average_365.25") == pytest.approx(5871 * 365.25 / 289)
    with pytest.raises(ValueError, match="unknown annualization basis"):
        periods.annualize(1, 1, "360")
    with pytest.raises(ValueError, match="needs the fiscal year"):
        periods.annualize(1, 1, "days_in_fiscal_year")
    with pytest.raises(ValueError, match="positive"):
        periods.annualize(1, 0, "fixed_365")


def test_weeks_conventions():
    assert periods.weeks_in("2017-01-28", "2017-02-03", "days/7") == 1
    assert periods.weeks_in("2011-01-01", "2011-12-31", "days/7") == pytest.approx(365 / 7)
    assert periods.weeks_in("2011-01-01", "2011-12-31", "52_weeks") == pytest.approx(52)
    assert periods.weeks_in("2012-01-01", "2012-12-31", "52_weeks") == pytest.approx(52)  # leap year: still 52
    assert periods.weekly_rate(364, "2011-01-01", "2011-12-31", "52_weeks") == pytest.approx(7)
    with pytest.raises(ValueError, match="weeks-per-year"):
        periods.weeks_in("2011-01-01", "2011-12-31", "53_weeks")


def test_months():
    assert periods.month_bounds("2012-02") == (dt.date(2012, 2, 1), dt.date(2012, 2, 29))
    assert periods.month_bounds("2011-02") == (dt.date(2011, 2, 1), dt.date(2011, 2, 28))
