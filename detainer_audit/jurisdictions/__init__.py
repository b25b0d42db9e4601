"""Notebook 03, Travis County's share of the declined detainers in ICE's first weekly report of 2017:
declined detainers by jurisdiction in ICE's 2017 weekly reports.

One module per section of the notebook, section n in module ``s<n>_...``, its section in the answer named
after the module (``s1_week1`` -> ``"week1"``); each holds its computation, its reader tables, its
statistics and its sentences:

1. `s1_week1`: week 1 by jurisdiction, with the unidentified remainder (and the report's Section I; the
   three reports' headline figures, shown before section 1, are its ``"reports"``)
2. `s2_share`: the chosen jurisdiction's share, and the disputed count
3. `s3_weeks`: the chosen jurisdiction week by week, and the notebook's figure
4. `s4_readings`: Travis County's count read two ways
5. `s5_sheriff`: the sheriff's own counts
6. `s6_rows`: claims that need the report's individual rows

What they share (table names, words, lookups, the one week whose rows are known) is in `shared`. This module
holds the notebook's name, its parameters (declared once: their published values and their check) and
`answer`, which computes the whole answer once, in section order. Other code imports the section modules
themselves; nothing is re-exported here.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .. import answers, findings, params, rawdata
from ..params import ParameterError
from . import s1_week1, s2_share, s3_weeks, s4_readings, s5_sheriff, s6_rows
from .shared import ABSENT, REPORTS, SHERIFF, STATEMENTS, TOP_ISSUED, TRAVIS, WEEK1, has_rows

NOTEBOOK = "03_travis_county_share_2017"
READS: tuple[str, ...] = ()  # the notebooks whose results this one reads: none
FIGURE = "03-declined-detainers-by-jurisdiction-2017"


@dataclass(frozen=True)
class Parameters:
    """Notebook 03's parameters, declared once: each default is the published value; building one checks
    both values and refuses a bad one with `ParameterError`, naming the parameter and the value."""

    jurisdiction: str = params.parameter(TRAVIS, "a jurisdiction named in the week's data")
    report_week: int = params.parameter(1, "1, 2 or 3")

    def __post_init__(self):
        check_choice(self.jurisdiction, self.report_week, rawdata.read_table(REPORTS), rawdata.read_table(WEEK1))


def available(report_week: int, week1: pd.DataFrame) -> list[str]:
    """The jurisdictions whose count the public record gives for a week: every identified one in week 1,
    Travis County alone in the others."""
    return sorted(week1["jurisdiction"]) if has_rows(report_week) else [TRAVIS]


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


def answer(p: Parameters) -> answers.Answer:
    """Notebook 03's whole answer at the parameters ``p``: the findings, then its sections in the order the
    notebook shows them (the three reports, then sections 1 to 6), and the statistics it records, in the
    same order. Each value is computed once, here, and every line, table, sentence and statistic reads it."""

    from .. import figures  # matplotlib, only once a figure is drawn (a parameter check never needs it)

    figures.apply_style()
    week1, reports = rawdata.read_table(WEEK1), rawdata.read_table(REPORTS)
    top, sheriff = rawdata.read_table(TOP_ISSUED), rawdata.read_table(SHERIFF)
    statements, absent = rawdata.read_table(STATEMENTS), rawdata.read_table(ABSENT)

    evidence = s1_week1.week1_evidence(week1, absent, statements, reports)  # week 1's rows: sections 1, 2 and 6
    table = s1_week1.week1_table(week1, evidence)
    result = s2_share.shares(p.jurisdiction, p.report_week, week1, reports, sheriff, evidence)
    weeks = s3_weeks.week_shares(reports, p.jurisdiction, week1)
    readings = s4_readings.readings_for(result, statements)
    six_weeks = s5_sheriff.six_weeks_after(sheriff)

    recorded = (s1_week1.statistics(p.report_week, top) + s2_share.statistics(result)
                + s3_weeks.statistics(result, weeks) + s4_readings.statistics(readings)
                + s5_sheriff.statistics(result, six_weeks) + s6_rows.statistics(p.report_week, evidence))
    changed = params.changed(p)
    drawn, drawn_data = s3_weeks.figure(s1_week1.week_table(p.report_week, table, reports), weeks, p.jurisdiction,
                                        p.report_week)

    sections = {
        "reports": answers.Section(tables=(s1_week1.week_readers(reports),)),
        "week1": answers.Section(lines=(s1_week1.summary(evidence),), tables=(s1_week1.jurisdictions_readers(table),)),
        "share": answers.Section(lines=tuple(s2_share.summary(result, week1))),
        "weeks": answers.Section(tables=(s3_weeks.weeks_readers(weeks),),
                                 figure=answers.Figure(FIGURE, drawn, drawn_data)),
        "readings": answers.Section(lines=tuple(s4_readings.summary(readings, p.jurisdiction, p.report_week))),
        "sheriff": answers.Section(lines=(s5_sheriff.summary(six_weeks),), tables=(s5_sheriff.sheriff_readers(sheriff),)),
        "rows": answers.Section(lines=tuple(s6_rows.summary(evidence)), tables=(s6_rows.statements_readers(statements),)),
    }
    found = (s2_share.findings(result, readings) + s3_weeks.findings(result, weeks)
             + s6_rows.findings(p.report_week, evidence) + findings.for_claims(NOTEBOOK, recorded, changed))
    return answers.Answer(NOTEBOOK, p, changed, tuple(found), sections, tuple(recorded))
