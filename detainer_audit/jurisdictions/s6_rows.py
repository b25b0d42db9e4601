"""Section 6 of notebook 03, "Claims that need the report's individual rows".

The three traffic offenses and the counts of jails and states need the rows of the report's Section II,
which no public copy holds. The identified rows give the low ends of the jails and states, and the records
nobody identified cap the high ends (section 1's `week1_evidence`);
states that outlets which read the report say were not in it narrow where the rest can be; the
Philadelphia homicide charge is relayed by other outlets from the same report.
"""

from __future__ import annotations

import pandas as pd

from .. import results
from ..results import Statistic
from .shared import JAIL_UNIT, has_rows

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


def summary(evidence: dict) -> list[str]:
    """The section's lines for readers: each claim that needs the rows, against what the record gives
    (``evidence``, section 1's `week1_evidence`)."""
    return [
        f"jails, {JAIL_UNIT} (Travis County's {evidence['travis_records']} rows name "
        f"{'one' if evidence['travis_jails'] == 1 else evidence['travis_jails']}): {evidence['jails_low']} to "
        f"{evidence['jails_high']}; CIS states "
        f"{evidence['jails_stated_by_cis']}; the Star Tribune, about {evidence['jails_stated_by_press']}",
        f"states: {evidence['states_low']} to {evidence['states_high']}; CIS states {evidence['states_stated_by_cis']}; "
        f"shown absent: {', '.join(evidence['states_absent'])} (and, in a low-confidence repost, "
        f"{', '.join(evidence['states_absent_context'])})",
        f"homicide charge, Philadelphia: {evidence['philadelphia_homicide']} record, relayed from the report by "
        f"{evidence['homicide_publisher']} (the same document, not an independent source)",
        "traffic offenses: not verifiable (needs each record's listed offense)",
    ]


def statistics(report_week: int, evidence: dict) -> list[Statistic]:
    """The bounds of week 1's jails and states, and what the statements and the states shown absent add
    (recorded for week 1 only)."""
    if not has_rows(report_week):
        return []
    return [
        Statistic("ddor_week1_jails_low", evidence["jails_low"], "jails (lower bound)",
                  f"jails with declines, {JAIL_UNIT}: those the identified rows name", sources="ICE+press"),
        Statistic("ddor_week1_jails_high", evidence["jails_high"], "jails (upper bound)",
                  f"jails with declines, {JAIL_UNIT}: the most the identified rows can name, plus one for each "
                  f"of the {evidence['unidentified']} records nobody identified", sources="ICE+press"),
        Statistic("ddor_week1_states_low", evidence["states_low"], "states (lower bound)",
                  "states with declines: those of the identified rows (medium or high confidence)", sources="ICE+press"),
        Statistic("ddor_week1_states_high", evidence["states_high"], "states (upper bound)",
                  f"states with declines: the identified ones, plus one for each of the {evidence['unidentified']} "
                  f"records nobody identified, but no more than the {evidence['open_states']} states neither identified "
                  "nor shown absent", sources="ICE+press"),
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


def findings(report_week: int, evidence: dict) -> list[str]:
    """The section's sentences: the bounds of week 1's jails and states, against the counts CIS states
    (said when the chosen week is week 1)."""
    if not has_rows(report_week):
        return []
    jails, states = evidence["jails_stated_by_cis"], evidence["states_stated_by_cis"]

    inside_jails = evidence["jails_low"] <= jails <= evidence["jails_high"]
    inside_states = evidence["states_low"] <= states <= evidence["states_high"]
    if inside_jails and inside_states:
        verdict = (f"CIS states {jails} jails in {states} states, within both ranges. Nobody else states them; without "
                   "the report's rows they can be neither confirmed nor refuted.")
    else:
        verdict = (f"CIS states {jails} jails ({'within' if inside_jails else 'outside'} its range) in {states} states "
                   f"({'within' if inside_states else 'outside'} its range).")
    return [
        f"ICE's report names a jail on each row. Counted that way, week 1 had {evidence['jails_low']} to "
        f"{evidence['jails_high']} jails with declines, in {evidence['states_low']} to {evidence['states_high']} states.",
        f"The low ends are what the identified rows name; the high ends add one for each of the "
        f"{evidence['unidentified']} records nobody identified.",
        verdict,
    ]
