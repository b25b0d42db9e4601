"""Calendar arithmetic: federal fiscal years, day counts, annualizing and weekly rates.

The U.S. federal fiscal year ``FY n`` runs from 1 October of year ``n - 1`` to
30 September of year ``n``. Day counts are inclusive of both ends. A fiscal year has 366
days when it contains a 29 February, which happens when calendar year ``n`` is a leap year
(FY2024: 2023-10-01 to 2024-09-30 holds 2024-02-29).
"""

from __future__ import annotations

import calendar
import datetime as dt

import pandas as pd

ANNUALIZATION_BASES = {
    "days_in_fiscal_year": "count per day of coverage x the days of that fiscal year (365 or 366)",
    "fixed_365": "count per day of coverage x 365",
    "average_365.25": "count per day of coverage x 365.25 (average year length)",
}
WEEK_CONVENTIONS = {
    "days/7": "weeks = days covered / 7",
    "52_weeks": "weeks = 52 for a whole year, pro rata for part of one",
}


def as_date(value) -> dt.date:
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def fiscal_year_of(day) -> int:
    day = as_date(day)
    return day.year + 1 if day.month >= 10 else day.year


def fiscal_year_bounds(fiscal_year: int) -> tuple[dt.date, dt.date]:
    return dt.date(fiscal_year - 1, 10, 1), dt.date(fiscal_year, 9, 30)


def calendar_year_bounds(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def year_bounds(year: int, kind: str) -> tuple[dt.date, dt.date]:
    if kind == "fiscal":
        return fiscal_year_bounds(year)
    if kind == "calendar":
        return calendar_year_bounds(year)
    raise ValueError(f"year kind must be 'fiscal' or 'calendar', not {kind!r}")


def days_inclusive(start, end) -> int:
    start, end = as_date(start), as_date(end)
    if end < start:
        raise ValueError(f"period ends ({end}) before it starts ({start})")
    return (end - start).days + 1


def days_in_fiscal_year(fiscal_year: int) -> int:
    return days_inclusive(*fiscal_year_bounds(fiscal_year))


def is_partial_fiscal_year(fiscal_year: int, start, end) -> bool:
    """True when the period covers less than the whole fiscal year (and lies within it)."""
    first, last = fiscal_year_bounds(fiscal_year)
    start, end = as_date(start), as_date(end)
    if start < first or end > last:
        raise ValueError(f"{start}..{end} is not inside FY{fiscal_year} ({first}..{last})")
    return (start, end) != (first, last)


def annualize(count: float, days_covered: int, basis: str, fiscal_year: int | None = None) -> float:
    """Scale a count over ``days_covered`` days to a year, on the named basis."""
    if days_covered <= 0:
        raise ValueError("days_covered must be positive")
    per_day = count / days_covered
    if basis == "days_in_fiscal_year":
        if fiscal_year is None:
            raise ValueError("basis 'days_in_fiscal_year' needs the fiscal year")
        return per_day * days_in_fiscal_year(fiscal_year)
    if basis == "fixed_365":
        return per_day * 365
    if basis == "average_365.25":
        return per_day * 365.25
    raise ValueError(f"unknown annualization basis {basis!r}; allowed: {', '.join(ANNUALIZATION_BASES)}")


def weeks_in(start, end, convention: str) -> float:
    """How many weeks the inclusive period start..end counts as, under the convention."""
    days = days_inclusive(start, end)
    if convention == "days/7":
        return days / 7
    if convention == "52_weeks":
        # whole years count 52 weeks; anything else pro rata to a 52-week year of its own length
        start, end = as_date(start), as_date(end)
        year_days = 366 if _spans_leap_day(start, end) else 365
        return 52 * days / year_days
    raise ValueError(f"unknown weeks-per-year convention {convention!r}; allowed: {', '.join(WEEK_CONVENTIONS)}")


def _spans_leap_day(start: dt.date, end: dt.date) -> bool:
    for year in range(start.year, end.year + 1):
        if calendar.isleap(year) and start <= dt.date(year, 2, 29) <= end:
            return True
    return False


def weekly_rate(count: float, start, end, convention: str) -> float:
    return count / weeks_in(start, end, convention)


def month_bounds(year_month: str) -> tuple[dt.date, dt.date]:
    year, month = int(year_month[:4]), int(year_month[5:7])
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def span_name(fiscal_years: list[int]) -> str:
    """A span of fiscal years in words: FY2015-FY2016, or FY2015 for a single year."""
    first, last = min(fiscal_years), max(fiscal_years)
    return f"FY{first}" if first == last else f"FY{first}-FY{last}"
