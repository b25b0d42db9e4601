"""Section 6 of notebook 03, "Claims that need the report's individual rows".

The three traffic offenses and the counts of jails and states need the rows of the report's Section II,
which no public copy holds. The identified rows give lower bounds only (section 1's `week1_evidence`);
states that outlets which read the report say were not in it narrow where the rest can be; the
Philadelphia homicide charge is relayed by other outlets from the same report.
"""

from __future__ import annotations

import pandas as pd

from .. import results
from ..results import Statistic

STATEMENT_WORDS = {
    "declined_records": "declined records in the week", "jails_with_declines": "jails with declines",
    "travis_county_records": "Travis County's records", "travis_rows_at_state_jail": "Travis County rows at the state jail",
    "philadelphia_homicide_records": "Philadelphia records charged with homicide",
}


def statements_readers(statements: pd.DataFrame) -> pd.DataFrame:
    """Other outlets' statements of the week-1 report's figures, in words."""
    frame = statements.copy()
    frame["figure"] = frame["figure"].map(STATEMENT_WORDS).fillna(frame["figure"])
    frame["comparator"] = frame["comparator"].map({"exactly": "exactly", "about": "about"}).fillna(frame["comparator"])
    frame["published_on"] = pd.to_datetime(frame["published_on"]).dt.date.map(lambda d: d.isoformat())
    return results.for_readers(frame, {"figure": "what the outlet states", "comparator": "stated as", "value": "figure",
                                       "publisher": "outlet", "published_on": "published", "confidence": "confidence"})


def summary(evidence: dict, reports: pd.DataFrame) -> list[str]:
    """The section's lines for readers: each claim that needs the rows, against what the record gives."""
    claimed = reports.set_index("report_week").loc[1]
    return [
        f"jails: at least {evidence['jails']} identified of {claimed.jurisdictions_with_declines} stated "
        f"(an outlet's approximate count: about {evidence['jails_stated_by_press']})",
        f"states: {evidence['states']} identified of {claimed.states_with_declines} stated; shown absent: "
        f"{', '.join(evidence['states_absent'])} (and, in a low-confidence repost, {', '.join(evidence['states_absent_context'])})",
        f"homicide charge, Philadelphia: {evidence['philadelphia_homicide']} record, relayed from the report by "
        f"{evidence['homicide_publisher']} (the same document, not an independent source)",
        "traffic offenses: not verifiable (needs each record's listed offense)",
    ]


def statistics(week: int, evidence: dict) -> list[Statistic]:
    """What the statements and the states shown absent add (recorded for week 1 only)."""
    if week != 1:
        return []
    return [
        Statistic("ddor_week1_states_shown_absent", len(evidence["states_absent"]), "states",
                  "states an outlet that read the report says had none of its declines (medium confidence; "
                  + ", ".join(evidence["states_absent"]) + ")", sources="ICE+press"),
        Statistic("ddor_week1_context_rows", evidence["context_rows"], "rows",
                  "identified rows of low confidence, shown as context and counted in no bound", sources="ICE+press"),
        Statistic("ddor_week1_jails_stated_by_press", evidence["jails_stated_by_press"], "jails",
                  "jails with declines in the report, as the Star Tribune gives them ('about')", sources="ICE"),
        Statistic("ddor_week1_philadelphia_homicide_records", evidence["philadelphia_homicide"], "records",
                  f"Philadelphia records charged with homicide: the report's own row, relayed by {evidence['homicide_publisher']}",
                  sources="ICE"),
    ]


def findings(evidence: dict | None, reports: pd.DataFrame) -> list[str]:
    """The section's sentence: the jails and states the identified rows prove, against the stated counts
    (week 1 only: ``evidence`` is None for another week)."""
    if evidence is None:
        return []
    stated = reports.set_index("report_week").loc[1]
    return [
        f"Week 1's identified rows prove at least {evidence['jails']} jails in {evidence['states']} states, against "
        f"the report's {int(stated['jurisdictions_with_declines'])} jails in {int(stated['states_with_declines'])} "
        f"states; the remaining {int(stated['declined_detainer_records']) - evidence['records']} records are in "
        "jurisdictions nobody has identified, so the stated counts can be neither confirmed nor refuted."]
