"""What the sections of notebook 03 share: the names of its raw tables, the words for counts and
bounds, the confidence filter, and the lookups of the sheriff's counts and the outlets' statements.
No section of its own: the sections are `s1_week1` ... `s6_rows`."""

from __future__ import annotations

import re

import pandas as pd

WEEK1 = "week1_declined_by_jurisdiction"
TOP_ISSUED = "week1_top_counties_detainers_issued"
REPORTS = "weekly_declined_detainer_reports"
SHERIFF = "travis_county_sheriff_counts"
STATEMENTS = "week1_report_statements"
ABSENT = "week1_states_absent"
TRAVIS = "Travis County"
NOT_IDENTIFIED = "not identified"
# the one report week whose declined records the public record holds by jurisdiction (week 1's Section II, as
# press coverage identified it); for the other weeks it gives Travis County's count only
ROWS_WEEK = 1
LOW = "low"  # a low-confidence row is context: shown, counted in no bound

# the report's name, spelled out where a reader first meets it
REPORT_NAME = "ICE's Weekly Declined Detainer Outcome Report"
COUNT_WORDS = {"exact": "exactly", "at_least": "at least", "at_most": "at most"}
# how week 1's jails are counted: as ICE's report counted them, by the jail each row names (Travis County's
# 142 rows name one jail, the Travis County Jail, though 14 of them were the state jail's)
JAIL_UNIT = "counted as the report names them, each once however many rows name it"


STATE_NAMES = {
    "AL": "alabama", "AK": "alaska", "AZ": "arizona", "AR": "arkansas", "CA": "california", "CO": "colorado",
    "CT": "connecticut", "DE": "delaware", "DC": "district_of_columbia", "FL": "florida", "GA": "georgia",
    "HI": "hawaii", "ID": "idaho", "IL": "illinois", "IN": "indiana", "IA": "iowa", "KS": "kansas",
    "KY": "kentucky", "LA": "louisiana", "ME": "maine", "MD": "maryland", "MA": "massachusetts",
    "MI": "michigan", "MN": "minnesota", "MS": "mississippi", "MO": "missouri", "MT": "montana",
    "NE": "nebraska", "NV": "nevada", "NH": "new_hampshire", "NJ": "new_jersey", "NM": "new_mexico",
    "NY": "new_york", "NC": "north_carolina", "ND": "north_dakota", "OH": "ohio", "OK": "oklahoma",
    "OR": "oregon", "PA": "pennsylvania", "RI": "rhode_island", "SC": "south_carolina",
    "SD": "south_dakota", "TN": "tennessee", "TX": "texas", "UT": "utah", "VT": "vermont",
    "VA": "virginia", "WA": "washington", "WV": "west_virginia", "WI": "wisconsin", "WY": "wyoming",
}


def has_rows(report_week: int) -> bool:
    """Whether the public record holds the week's declined records by jurisdiction (`ROWS_WEEK` only)."""
    return report_week == ROWS_WEEK


def week_report(reports: pd.DataFrame, report_week: int = ROWS_WEEK) -> pd.Series:
    """One weekly report's headline figures (by default those of `ROWS_WEEK`, whose rows are known)."""
    return reports.set_index("report_week").loc[report_week]


def counted(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows that may enter a count or a bound (medium or high confidence)."""
    return frame[frame["confidence"] != LOW]


def slug(jurisdiction: str) -> str:
    """A short snake_case name for statistic names: 'Travis County' -> 'travis'."""
    name = re.split(r" \(| County| City| Jail", jurisdiction)[0]
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")


def state_name(code: str) -> str:
    """A state's name in words: 'TX' -> 'Texas' (an unknown code is returned as it is)."""
    name = STATE_NAMES.get(code)
    return name.replace("_", " ").title().replace(" Of ", " of ") if name else code


def pct(value: float) -> str:
    return f"{value:.1f}%"


def sheriff_value(sheriff: pd.DataFrame, figure_id: str) -> int:
    match = sheriff.loc[sheriff["figure_id"] == figure_id, "value"]
    if match.empty:
        raise KeyError(f"no figure {figure_id!r} in data/raw/travis_county_sheriff_counts.csv")
    return int(match.iloc[0])


def statement(statements: pd.DataFrame, figure: str) -> pd.Series:
    """The medium- or high-confidence statement of a figure of the report (the first, if several)."""
    rows = counted(statements)
    rows = rows[rows["figure"] == figure]
    if rows.empty:
        raise KeyError(f"no statement of {figure!r} in data/raw/week1_report_statements.csv")
    return rows.iloc[0]
