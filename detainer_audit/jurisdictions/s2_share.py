"""Section 2 of notebook 03, "The chosen jurisdiction's share, and the disputed count".

The chosen jurisdiction's share of the chosen week's declined records and of the detainers issued
nationwide; in week 1, its state's share (a lower bound), the records ICE later corrected and the share
without them; for Travis County in week 1, the share with the sheriff's count in place of the report's.
"""

from __future__ import annotations

import pandas as pd

from ..results import Statistic
from .shared import (COUNT_WORDS, REPORT_NAME, STATE_NAMES, TRAVIS, counted, has_rows, pct, sheriff_value, slug,
                     state_name, week_report)


def shares(jurisdiction: str, report_week: int, week1: pd.DataFrame, reports: pd.DataFrame,
           sheriff: pd.DataFrame, evidence: dict) -> dict:
    """Every share the notebook reports, for one jurisdiction and week (``evidence``, section 1's
    `week1_evidence`, gives week 1's identified records)."""
    report = week_report(reports, report_week)
    total = int(report["declined_detainer_records"])
    issued = int(report["detainers_issued_nationwide"])
    out: dict = {"jurisdiction": jurisdiction, "week": report_week, "total": total, "issued": issued,
                 "recorded_from": pd.Timestamp(report["recorded_from"]).date().isoformat(),
                 "recorded_to": pd.Timestamp(report["recorded_to"]).date().isoformat()}
    if has_rows(report_week):
        row = week1.set_index("jurisdiction").loc[jurisdiction]
        count = int(row["declined_records"])
        state = row["state"]
        out.update(count=count, count_is=row["count_is"], state=state, confidence=row["confidence"])
        week1 = counted(week1)
        in_state = week1[week1["state"] == state]
        out["state_records"] = int(in_state["declined_records"].sum())
        out["state_share"] = out["state_records"] / total
        corrected = week1[week1["later_corrected_by_ice"]]
        out["corrected_records"] = int(corrected["declined_records"].sum())
        out["corrected_share"] = out["corrected_records"] / total
        counted_after = total - out["corrected_records"]
        out["share_excluding_corrected"] = (0 if row["later_corrected_by_ice"] else count) / counted_after
        out["identified_records"] = evidence["records"]
    else:
        count = int(report["travis_county_declined_records"])
        out.update(count=count, count_is="exact", state="TX")
    out["share"] = count / total
    out["share_of_issued"] = count / issued
    if jurisdiction == TRAVIS and has_rows(report_week):
        sheriff_count = sheriff_value(sheriff, "tcso_reading_of_ddor_travis_jail")
        out["sheriff_count"] = sheriff_count
        # over all the week's records: the rows the sheriff does not count as his jail's (the state jail's)
        # were declines of the same week, so they stay in the total
        out["share_sheriff_count"] = sheriff_count / total
    return out


def summary(result: dict, week1: pd.DataFrame) -> list[str]:
    """The section's lines for readers: the shares, and the notes on the chosen jurisdiction's row."""
    jurisdiction = result["jurisdiction"]
    lines = [f"{jurisdiction}, week {result['week']}: {result['count']} ({result['count_is']}) of {result['total']} "
             f"records = {result['share']:.1%}; {result['share_of_issued']:.2%} of the {result['issued']:,} detainers "
             "issued nationwide"]
    if "state_share" in result:
        lines.append(f"identified {result['state']} records: {result['state_records']} = at least "
                     f"{result['state_share']:.1%} of the week")
        lines.append(f"records ICE later corrected: at least {result['corrected_records']} ({result['corrected_share']:.1%}); "
                     f"{jurisdiction}'s share of the rest: {result['share_excluding_corrected']:.1%}")
    if "sheriff_count" in result:
        lines.append(f"the sheriff's reading, {result['sheriff_count']} records: {result['share_sheriff_count']:.1%} "
                     f"of the week's {result['total']}")
    lines += [f"note: {note}" for note in week1.loc[week1.jurisdiction == jurisdiction, "note"].dropna()]
    return lines


def statistics(result: dict) -> list[Statistic]:
    """The section's statistics for one jurisdiction and week; every share is a percentage."""
    name, week = slug(result["jurisdiction"]), result["week"]
    who = result["jurisdiction"]
    dates = f"{result.get('recorded_from', '')} to {result.get('recorded_to', '')}" if "recorded_from" in result else ""
    in_week = f"report week {week}" + (f" ({dates})" if dates else "")
    # week 1's rows by jurisdiction are the report's Section II as press coverage identified it;
    # the other weeks give only the report's own Travis count
    counted_by = "ICE+press" if has_rows(week) else "ICE"
    stats = [
        Statistic(f"ddor_week{week}_declined", result["total"], "records",
                  f"declined detainer records in {REPORT_NAME}, {in_week}", headline=True, sources="ICE"),
        Statistic(f"ddor_week{week}_{name}_declined", result["count"], "records",
                  f"{who}'s declined detainer records, {in_week} ({COUNT_WORDS.get(result['count_is'], result['count_is'])})",
                  headline=True, sources=counted_by),
        Statistic(f"{name}_share_week{week}_pct", result["share"] * 100, "percent",
                  f"{who}'s share of the week's declined records, {in_week}", headline=True, sources=counted_by),
        Statistic(f"{name}_share_of_issued_week{week}_pct", result["share_of_issued"] * 100, "percent",
                  f"{who}'s declined records as a share of the detainers issued nationwide, {in_week}", sources=counted_by),
    ]
    if "state_share" in result:
        state = STATE_NAMES.get(result["state"], result["state"].lower())
        stats += [
            Statistic(f"{state}_share_week{week}_pct", result["state_share"] * 100, "percent (lower bound)",
                      f"identified records in {state.replace('_', ' ').title()} as a share of the week's declined records; "
                      "records nobody identified may add to it", headline=True, sources="ICE+press"),
            Statistic(f"ddor_week{week}_identified_records", result["identified_records"], "records (lower bound)",
                      "records in jurisdictions that press coverage identified", sources="ICE+press"),
            Statistic(f"ddor_week{week}_unidentified_records", result["total"] - result["identified_records"],
                      "records (upper bound)", "records in jurisdictions nobody identified", sources="ICE+press"),
            Statistic(f"ddor_week{week}_corrected_records", result["corrected_records"], "records (lower bound)",
                      "records in rows that ICE's correction note withdrew or reassigned", sources="ICE+press"),
            Statistic(f"ddor_week{week}_corrected_share_pct", result["corrected_share"] * 100, "percent (lower bound)",
                      "records ICE later corrected as a share of the week's declined records", sources="ICE+press"),
            Statistic(f"{name}_share_week{week}_excluding_corrected_pct", result["share_excluding_corrected"] * 100,
                      "percent", f"{who}'s share of the records ICE did not later correct", sources="ICE+press"),
        ]
    if "sheriff_count" in result:
        stats += [
            Statistic(f"ddor_week{week}_{name}_declined_sheriff_reading", result["sheriff_count"], "records",
                      "the records the week-1 report attributes to the Travis County Jail, as the Travis County "
                      "Sheriff's Office reads the report", sources="TCSO"),
            Statistic(f"{name}_share_week{week}_sheriff_count_pct", result["share_sheriff_count"] * 100, "percent",
                      f"the sheriff's count of {result['sheriff_count']} records as a share of the week's "
                      f"{result['total']} declined records", headline=True, sources="ICE+TCSO"),
        ]
    return stats


def findings(result: dict, readings: dict | None = None) -> list[str]:
    """The section's sentences: the share, the sheriff's count (with section 4's two readings of
    Travis County's count, ``readings``, where there are some) and, in week 1, the state and the
    corrected records."""
    who, week = result["jurisdiction"], result["week"]
    bound = "at least " if result["count_is"] == "at_least" else ""
    sentences = [
        f"In {REPORT_NAME} for week {week} ({result['recorded_from']} to {result['recorded_to']}), {who} accounts for "
        f"{bound}{result['count']} of the {result['total']} declined detainer records, {bound}{pct(result['share'] * 100)}."]
    if "sheriff_count" in result:
        sentences.append(
            f"The Travis County Sheriff's Office counts {result['sheriff_count']} of those records as its own jail's: "
            f"{pct(result['share_sheriff_count'] * 100)} of the week's {result['total']}.")
        if readings and readings["difference"] == 0:
            sentences.append(
                f"The other {readings['state_jail']} were at the state jail inside the county, which the Texas prison "
                "system runs; ICE listed them under the county jail.")
        elif readings:
            gap = readings["difference"]
            sentences.append(
                f"The press places {readings['state_jail']} of the county's records at the state jail inside the county. "
                f"That leaves {readings['county_jail']} at the sheriff's jail: {abs(gap)} {'more' if gap > 0 else 'fewer'} "
                "than he counts.")
    if "state_share" in result:
        sentences.append(
            f"Identified records put at least {pct(result['state_share'] * 100)} of the week in {state_name(result['state'])}; "
            f"ICE later corrected at least {result['corrected_records']} records of the week "
            f"({pct(result['corrected_share'] * 100)}), and without them {who}'s share is "
            f"{pct(result['share_excluding_corrected'] * 100)}.")
    return sentences
