"""Section 1 of notebook 03, "Week 1 by jurisdiction, with the unidentified remainder".

Week 1's records are known by jurisdiction only as far as press coverage identified them: some counts
are lower bounds (``at_least``) and the rest of the week's records are an explicit "not identified"
remainder, never spread over the known rows. For weeks 2 and 3 only Travis County's count is known.
Also here: the three reports' headline figures (shown before section 1) and the report's Section I,
the ten counties that received the most detainers, whose statistics this section records.
"""

from __future__ import annotations

import pandas as pd

from .. import results
from ..results import Statistic
from .shared import COUNT_WORDS, LOW, NOT_IDENTIFIED, STATE_NAMES, TRAVIS, counted, has_rows, statement, week_report


def week_readers(reports: pd.DataFrame) -> pd.DataFrame:
    """The three reports' headline figures, labelled in words."""
    frame = reports.copy()
    for column in ("recorded_from", "recorded_to", "released_on"):
        frame[column] = frame[column].dt.date.map(lambda d: d.isoformat())
    return results.for_readers(frame, {
        "report_week": "report week", "recorded_from": "from", "recorded_to": "to", "released_on": "released",
        "detainers_issued_nationwide": "detainers issued nationwide", "declined_detainer_records": "declined records",
        "travis_county_declined_records": "of them Travis County", "jurisdictions_with_declines": "jails (as CIS states them)",
        "states_with_declines": "states (as CIS states them)"})


def week1_table(week1: pd.DataFrame, evidence: dict) -> pd.DataFrame:
    """Week 1 by jurisdiction, largest first, with the unidentified remainder (``evidence``, `week1_evidence`)
    as its own row."""
    known = week1.sort_values(["declined_records", "state", "jurisdiction"], ascending=[False, True, True])
    remainder = pd.DataFrame([{
        "state": "", "jurisdiction": NOT_IDENTIFIED, "declined_records": evidence["unidentified"],
        "count_is": "at_most", "jails_at_least": 0, "jails_at_most": 0, "later_corrected_by_ice": False, "confidence": "",
        "seen_in": "", "note": "records in jails and states that coverage did not name (low-confidence rows included)",
    }])
    return pd.concat([known, remainder], ignore_index=True)


def week_table(report_week: int, table: pd.DataFrame, reports: pd.DataFrame) -> pd.DataFrame:
    """The chosen week's declined records by jurisdiction, as far as the public record gives them: week
    1 as press coverage identified it (``table``, `week1_table`); for weeks 2 and 3 only Travis County's
    count, the rest of the week a "not identified" remainder (the record has no breakdown for them)."""
    if has_rows(report_week):
        return table
    report = week_report(reports, report_week)
    total, travis = int(report["declined_detainer_records"]), int(report["travis_county_declined_records"])
    rows = [{"state": "TX", "jurisdiction": TRAVIS, "declined_records": travis, "count_is": "exact",
             "jails_at_least": 0, "jails_at_most": 0, "later_corrected_by_ice": False, "confidence": "high",
             "seen_in": "the report's own headline figures", "note": ""},
            {"state": "", "jurisdiction": NOT_IDENTIFIED, "declined_records": total - travis, "count_is": "at_most",
             "jails_at_least": 0, "jails_at_most": 0, "later_corrected_by_ice": False, "confidence": "", "seen_in": "",
             "note": f"week {report_week}: the public record names no other jurisdiction"}]
    return pd.DataFrame(rows)


def jurisdictions_readers(table: pd.DataFrame) -> pd.DataFrame:
    """A table of declined records by jurisdiction, labelled in words (bounds and corrections spelled out)."""
    frame = table.copy()
    frame["count_is"] = frame["count_is"].map(COUNT_WORDS)
    frame["later_corrected_by_ice"] = frame["later_corrected_by_ice"].map({True: "yes", False: ""})
    frame["state"] = frame["state"].fillna("")
    return results.for_readers(frame, {"jurisdiction": "jurisdiction", "state": "state", "count_is": "count is",
                                       "declined_records": "declined records", "jails_at_least": "jails (at least)",
                                       "jails_at_most": "jails (at most)",
                                       "later_corrected_by_ice": "later corrected by ICE", "confidence": "confidence",
                                       "seen_in": "read in"})


def week1_evidence(week1: pd.DataFrame, absent: pd.DataFrame, statements: pd.DataFrame, reports: pd.DataFrame) -> dict:
    """What the identified rows and the other statements settle about week 1's jails and states, as
    bounds (medium- or high-confidence rows only; ``reports`` gives the week's declined records).

    Jails are counted as the report names them (`JAIL_UNIT`). The lower bound is what the identified rows
    name. The upper bound adds, to the most jails the identified rows can be listed under, one jail per
    record nobody identified: a record is listed under one jail, so the unidentified records can add no
    more jails than there are of them. States likewise: the identified rows' states, plus one per
    unidentified record, but never more than the states that are neither identified nor shown absent
    (of the 50 states and the District of Columbia). The stated totals (CIS's 46 and 16) are the claims
    checked, so they cap nothing."""
    rows = counted(week1)
    shown_absent = counted(absent)
    overlap = sorted(set(shown_absent["state"]) & set(rows["state"]))
    if overlap:
        raise ValueError(f"state(s) {', '.join(overlap)} both identified in week 1 and shown absent from it")
    backwards = rows[rows["jails_at_most"] < rows["jails_at_least"]]
    if not backwards.empty:
        raise ValueError(f"week 1 row {backwards['jurisdiction'].iloc[0]!r}: jails_at_most is below jails_at_least")
    records = int(rows["declined_records"].sum())
    report = week_report(reports)
    total = int(report["declined_detainer_records"])
    if records > total:
        raise ValueError(f"identified records ({records}) exceed the week's total ({total})")
    unidentified = total - records
    states = rows["state"].nunique()
    open_states = len(set(STATE_NAMES) - set(rows["state"]) - set(shown_absent["state"]))
    return {"rows": len(rows), "total": total, "records": records, "unidentified": unidentified,
            "lower_bound_rows": int((rows["count_is"] == "at_least").sum()),
            "jails_low": int(rows["jails_at_least"].sum()),
            "jails_high": int(rows["jails_at_most"].sum()) + unidentified,
            "states_low": states, "states_high": states + min(unidentified, open_states), "open_states": open_states,
            "context_rows": int((week1["confidence"] == LOW).sum()),
            "states_absent": sorted(shown_absent["state"].unique()),
            "states_absent_context": sorted(set(absent["state"]) - set(shown_absent["state"])),
            "jails_stated_by_press": int(statement(statements, "jails_with_declines")["value"]),
            "philadelphia_homicide": int(statement(statements, "philadelphia_homicide_records")["value"]),
            "homicide_publisher": statement(statements, "philadelphia_homicide_records")["publisher"],
            "travis_records": int(rows.loc[rows["jurisdiction"] == TRAVIS, "declined_records"].sum()),
            "travis_jails": int(rows.loc[rows["jurisdiction"] == TRAVIS, "jails_at_most"].sum()),
            "jails_stated_by_cis": int(report["jurisdictions_with_declines"]),
            "states_stated_by_cis": int(report["states_with_declines"])}


def summary(evidence: dict) -> str:
    """The section's line for readers: what the identified rows hold of the week (``evidence``, `week1_evidence`)."""
    return (f"identified: {evidence['rows']} places in {evidence['states_low']} states, with at least "
            f"{evidence['records']} of the week's {evidence['total']} records "
            f"({evidence['lower_bound_rows']} of the counts are lower bounds); "
            f"not identified: at most {evidence['unidentified']} records; "
            f"{evidence['context_rows']} more row(s) of low confidence are context only")


def statistics(report_week: int, top: pd.DataFrame) -> list[Statistic]:
    """Week 1's report by county, its Section I: the ten listed counties' detainers and ICE's corrections
    of them (recorded for week 1 only)."""
    if not has_rows(report_week):
        return []
    return [
        Statistic("ddor_week1_top10_issued", int(top["detainers_issued"].sum()), "detainers",
                  "detainers issued to the ten listed non-cooperating counties (the report's Section I)",
                  sources="ICE+press"),
        Statistic("ddor_week1_top10_corrected_rows", int(top["later_corrected_by_ice"].sum()), "rows",
                  "rows of the report's Section I that ICE later corrected", sources="ICE+press"),
        Statistic("ddor_week1_top10_issued_corrected", int(top.loc[top["later_corrected_by_ice"], "detainers_issued"].sum()),
                  "detainers", "detainers in the corrected rows of Section I", sources="ICE+press"),
    ]
