"""Notebook 03, Travis County's share of the declined detainers in ICE's first weekly report of 2017:
declined detainers by jurisdiction in ICE's 2017 weekly reports.

One module per section of the notebook, section n in module ``s<n>_...``; each holds its computation,
its reader tables, its statistics and its sentences (the notebook's results and findings cells
concatenate them):

1. `s1_week1`: week 1 by jurisdiction, with the unidentified remainder (and the report's Section I)
2. `s2_share`: the chosen jurisdiction's share, and the disputed count
3. `s3_weeks`: the chosen jurisdiction week by week, and the notebook's figure
4. `s4_readings`: Travis County's count read two ways
5. `s5_sheriff`: the sheriff's own counts
6. `s6_rows`: claims that need the report's individual rows

What they share (table names, words, lookups) is in `shared`. This module keeps what the pipeline and
the other questions use: the notebook's name, its parameters (declared once: their published values and their
check), and the names other code imports.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .. import params, rawdata
from ..params import ParameterError
from .s1_week1 import jurisdictions_readers, week1_evidence, week1_table, week_readers, week_table
from .s2_share import shares
from .s3_weeks import figure, week_shares, weeks_readers
from .s4_readings import travis_readings
from .s5_sheriff import sheriff_readers
from .s6_rows import STATEMENT_WORDS, statements_readers
from .shared import (ABSENT, COUNT_WORDS, JAIL_UNIT, LOW, NOT_IDENTIFIED, REPORT_NAME, REPORTS, SHERIFF, STATE_NAMES,
                     STATEMENTS, TOP_ISSUED, TRAVIS, WEEK1, counted, sheriff_value, slug, state_name, statement)

NOTEBOOK = "03_travis_county_share_2017"
READS: tuple[str, ...] = ()  # the notebooks whose results this one reads: none


@dataclass(frozen=True)
class Parameters:
    """Notebook 03's parameters, declared once: each default is the published value; building one checks
    both values and refuses a bad one with `ParameterError`, naming the parameter and the value."""

    jurisdiction: str = params.parameter(TRAVIS, "a jurisdiction named in the week's data")
    report_week: int = params.parameter(1, "1, 2 or 3")

    def __post_init__(self):
        check_choice(self.jurisdiction, self.report_week, rawdata.read_table(REPORTS), rawdata.read_table(WEEK1))


def available(report_week: int, week1: pd.DataFrame) -> list[str]:
    return sorted(week1["jurisdiction"]) if report_week == 1 else [TRAVIS]


def check_choice(jurisdiction, report_week, reports: pd.DataFrame, week1: pd.DataFrame) -> tuple[str, int]:
    weeks = reports["report_week"].tolist()
    if type(report_week) is not int or report_week not in weeks:
        raise ParameterError(f"parameter report_week={report_week!r} is not a published week; available: "
                             + ", ".join(map(str, weeks)))
    names = available(report_week, week1)
    if jurisdiction not in names:
        raise ParameterError(
            f"parameter jurisdiction={jurisdiction!r} has no declined-detainer count for week {report_week}; "
            f"available for week {report_week}: " + "; ".join(names)
        )
    return jurisdiction, report_week


__all__ = [
    "NOTEBOOK", "Parameters", "check_choice", "available",
    "WEEK1", "TOP_ISSUED", "REPORTS", "SHERIFF", "STATEMENTS", "ABSENT", "TRAVIS", "NOT_IDENTIFIED", "LOW",
    "REPORT_NAME", "COUNT_WORDS", "JAIL_UNIT", "STATE_NAMES", "STATEMENT_WORDS",
    "counted", "slug", "state_name", "sheriff_value", "statement",
    "week_readers", "week1_table", "week_table", "jurisdictions_readers", "week1_evidence", "shares",
    "week_shares", "weeks_readers", "figure", "travis_readings", "sheriff_readers", "statements_readers",
]
