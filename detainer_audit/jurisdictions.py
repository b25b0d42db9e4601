"""Declined detainers by jurisdiction in ICE's 2017 weekly reports.

Week 1's records are known by jurisdiction only as far as press coverage identified them:
some counts are lower bounds (``at_least``) and the rest of the week's records are an
explicit "not identified" remainder, never spread over the known rows. For weeks 2 and 3
only Travis County's count is known.
"""

from __future__ import annotations

import re

import pandas as pd

from . import rawdata, results
from .params import ParameterError
from .results import Statistic

WEEK1 = "week1_declined_by_jurisdiction"
TOP_ISSUED = "week1_top_counties_detainers_issued"
REPORTS = "weekly_declined_detainer_reports"
SHERIFF = "travis_county_sheriff_counts"
STATEMENTS = "week1_report_statements"
ABSENT = "week1_states_absent"
TRAVIS = "Travis County"
NOT_IDENTIFIED = "not identified"
LOW = "low"  # a low-confidence row is context: shown, counted in no bound


def counted(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows that may enter a count or a bound (medium or high confidence)."""
    return frame[frame["confidence"] != LOW]


def check_parameters(jurisdiction, report_week) -> tuple:
    """The notebook's parameters, checked (the pipeline calls this before a kernel starts)."""
    return check_choice(jurisdiction, report_week, rawdata.read_table(REPORTS), rawdata.read_table(WEEK1))


# the parameters of the published run (the notebook's parameters cell holds the same values)
PUBLISHED_PARAMETERS = {"jurisdiction": TRAVIS, "report_week": 1}
NOTEBOOK = "03_travis_county_share_2017"
# the report's name, spelled out where a reader first meets it
REPORT_NAME = "ICE's Weekly Declined Detainer Outcome Report"
COUNT_WORDS = {"exact": "exactly", "at_least": "at least", "at_most": "at most"}


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


def slug(jurisdiction: str) -> str:
    """A short snake_case name for statistic names: 'Travis County' -> 'travis'."""
    name = re.split(r" \(| County| City| Jail", jurisdiction)[0]
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")


def available(week: int, week1: pd.DataFrame) -> list[str]:
    return sorted(week1["jurisdiction"]) if week == 1 else [TRAVIS]


def check_choice(jurisdiction, week, reports: pd.DataFrame, week1: pd.DataFrame) -> tuple[str, int]:
    weeks = reports["report_week"].tolist()
    if type(week) is not int or week not in weeks:
        raise ParameterError(f"parameter report_week={week!r} is not a published week; available: "
                             + ", ".join(map(str, weeks)))
    names = available(week, week1)
    if jurisdiction not in names:
        raise ParameterError(
            f"parameter jurisdiction={jurisdiction!r} has no declined-detainer count for week {week}; "
            f"available for week {week}: " + "; ".join(names)
        )
    return jurisdiction, week


def week1_table(week1: pd.DataFrame, reports: pd.DataFrame) -> pd.DataFrame:
    """Week 1 by jurisdiction, largest first, with the unidentified remainder as its own row."""
    total = int(reports.set_index("report_week").loc[1, "declined_detainer_records"])
    known = week1.sort_values(["declined_records", "state", "jurisdiction"], ascending=[False, True, True])
    identified = int(counted(known)["declined_records"].sum())
    if identified > total:
        raise ValueError(f"identified records ({identified}) exceed the week's total ({total})")
    remainder = pd.DataFrame([{
        "state": "", "jurisdiction": NOT_IDENTIFIED, "declined_records": total - identified,
        "count_is": "at_most", "jails_at_least": 0, "later_corrected_by_ice": False, "confidence": "",
        "seen_in": "", "note": "records in jails and states that coverage did not name (low-confidence rows included)",
    }])
    return pd.concat([known, remainder], ignore_index=True)


def week_shares(reports: pd.DataFrame, jurisdiction: str = TRAVIS, week1: pd.DataFrame | None = None) -> pd.DataFrame:
    """A jurisdiction's share of each published week and of the three pooled. The reports give Travis
    County's count every week; any other jurisdiction is known in week 1 only (from ``week1``), so its
    other weeks and the pooled share are missing (NA), never guessed."""
    frame = reports[["report_week", "recorded_from", "recorded_to", "declined_detainer_records",
                     "detainers_issued_nationwide"]].copy()
    frame["recorded_from"] = frame["recorded_from"].dt.date.map(lambda d: d.isoformat())
    frame["recorded_to"] = frame["recorded_to"].dt.date.map(lambda d: d.isoformat())
    if jurisdiction == TRAVIS:
        counts = reports["travis_county_declined_records"].astype("Int64")
        count_is = ["exact"] * len(frame)
    else:
        if week1 is None or jurisdiction not in set(week1["jurisdiction"]):
            raise ValueError(f"no week-1 count for {jurisdiction!r}")
        row = week1.set_index("jurisdiction").loc[jurisdiction]
        counts = pd.array([int(row["declined_records"]) if w == 1 else pd.NA for w in frame["report_week"]], dtype="Int64")
        count_is = [row["count_is"] if w == 1 else "not published" for w in frame["report_week"]]
    frame.insert(4, "jurisdiction_records", counts)
    frame.insert(5, "count_is", count_is)
    pooled = {"report_week": "1-3 pooled", "recorded_from": frame["recorded_from"].min(),
              "recorded_to": frame["recorded_to"].max(),
              "declined_detainer_records": int(frame["declined_detainer_records"].sum()),
              "detainers_issued_nationwide": int(frame["detainers_issued_nationwide"].sum())}
    known = frame["jurisdiction_records"].notna().all()
    pooled["jurisdiction_records"] = int(frame["jurisdiction_records"].sum()) if known else pd.NA
    pooled["count_is"] = ("at_least" if "at_least" in count_is else "exact") if known else "not published"
    frame["report_week"] = frame["report_week"].astype(str)
    frame = pd.concat([frame, pd.DataFrame([pooled])], ignore_index=True)
    frame["jurisdiction_records"] = frame["jurisdiction_records"].astype("Int64")
    frame["share_pct"] = (frame["jurisdiction_records"].astype("Float64")
                          / frame["declined_detainer_records"] * 100).astype("float64")
    frame.insert(0, "jurisdiction", jurisdiction)
    return frame


def week_table(week: int, week1: pd.DataFrame, reports: pd.DataFrame) -> pd.DataFrame:
    """The chosen week's declined records by jurisdiction, as far as the public record gives them: week
    1 as press coverage identified it; for weeks 2 and 3 only Travis County's count, the rest of the
    week a "not identified" remainder (the record has no breakdown for them)."""
    if week == 1:
        return week1_table(week1, reports)
    report = reports.set_index("report_week").loc[week]
    total, travis = int(report["declined_detainer_records"]), int(report["travis_county_declined_records"])
    rows = [{"state": "TX", "jurisdiction": TRAVIS, "declined_records": travis, "count_is": "exact",
             "jails_at_least": 0, "later_corrected_by_ice": False, "confidence": "high",
             "seen_in": "the report's own headline figures", "note": ""},
            {"state": "", "jurisdiction": NOT_IDENTIFIED, "declined_records": total - travis, "count_is": "at_most",
             "jails_at_least": 0, "later_corrected_by_ice": False, "confidence": "", "seen_in": "",
             "note": f"week {week}: the public record names no other jurisdiction"}]
    return pd.DataFrame(rows)


def week_readers(reports: pd.DataFrame) -> pd.DataFrame:
    """The three reports' headline figures, labelled in words."""
    frame = reports.copy()
    for column in ("recorded_from", "recorded_to", "released_on"):
        frame[column] = frame[column].dt.date.map(lambda d: d.isoformat())
    return results.for_readers(frame, {
        "report_week": "report week", "recorded_from": "from", "recorded_to": "to", "released_on": "released",
        "detainers_issued_nationwide": "detainers issued nationwide", "declined_detainer_records": "declined records",
        "travis_county_declined_records": "of them Travis County", "jurisdictions_with_declines": "jurisdictions (stated)",
        "states_with_declines": "states (stated)"})


def jurisdictions_readers(table: pd.DataFrame) -> pd.DataFrame:
    """A table of declined records by jurisdiction, labelled in words (bounds and corrections spelled out)."""
    frame = table.copy()
    frame["count_is"] = frame["count_is"].map(COUNT_WORDS)
    frame["later_corrected_by_ice"] = frame["later_corrected_by_ice"].map({True: "yes", False: ""})
    frame["state"] = frame["state"].fillna("")
    return results.for_readers(frame, {"jurisdiction": "jurisdiction", "state": "state", "count_is": "count is",
                                       "declined_records": "declined records", "jails_at_least": "jails (at least)",
                                       "later_corrected_by_ice": "later corrected by ICE", "confidence": "confidence",
                                       "seen_in": "read in"})


def weeks_readers(weeks: pd.DataFrame) -> pd.DataFrame:
    """A jurisdiction's share week by week, labelled in words, shares as percent to one decimal."""
    frame = weeks.copy()
    frame["report_week"] = ["weeks 1-3 pooled" if w == "1-3 pooled" else f"week {w}" for w in frame["report_week"]]
    frame["jurisdiction_records"] = [("" if pd.isna(n) else f"{COUNT_WORDS.get(c, '')} {n}".strip()) if c != "not published"
                                     else "not published" for n, c in zip(frame["jurisdiction_records"], frame["count_is"])]
    name = weeks["jurisdiction"].iloc[0]
    return results.for_readers(frame, {"report_week": "report week", "recorded_from": "from", "recorded_to": "to",
                                       "declined_detainer_records": "declined records",
                                       "jurisdiction_records": f"of them {name}", "share_pct": f"{name}'s share (%)"},
                               {"share_pct": 1})


def sheriff_readers(sheriff: pd.DataFrame) -> pd.DataFrame:
    """The Travis County Sheriff's Office's own counts, in words."""
    frame = sheriff.copy()
    frame["as_of"] = frame["as_of"].dt.date.map(lambda d: d.isoformat()) if hasattr(frame["as_of"], "dt") else frame["as_of"]
    return results.for_readers(frame, {"counts": "what was counted", "value": "count", "as_of": "as of",
                                       "publisher": "published by"})


def statements_readers(statements: pd.DataFrame) -> pd.DataFrame:
    """Other outlets' statements of the week-1 report's figures, in words."""
    frame = statements.copy()
    frame["figure"] = frame["figure"].map(STATEMENT_WORDS).fillna(frame["figure"])
    frame["comparator"] = frame["comparator"].map({"exactly": "exactly", "about": "about"}).fillna(frame["comparator"])
    frame["published_on"] = pd.to_datetime(frame["published_on"]).dt.date.map(lambda d: d.isoformat())
    return results.for_readers(frame, {"figure": "what the outlet states", "comparator": "stated as", "value": "figure",
                                       "publisher": "outlet", "published_on": "published", "confidence": "confidence"})


STATEMENT_WORDS = {
    "declined_records": "declined records in the week", "jails_with_declines": "jails with declines",
    "travis_county_records": "Travis County's records", "travis_rows_at_state_jail": "Travis County rows at the state jail",
    "philadelphia_homicide_records": "Philadelphia records charged with homicide",
}


def sheriff_value(sheriff: pd.DataFrame, figure_id: str) -> int:
    match = sheriff.loc[sheriff["figure_id"] == figure_id, "value"]
    if match.empty:
        raise KeyError(f"no figure {figure_id!r} in data/raw/travis_county_sheriff_counts.csv")
    return int(match.iloc[0])


def shares(jurisdiction: str, week: int, week1: pd.DataFrame, reports: pd.DataFrame,
           sheriff: pd.DataFrame) -> dict:
    """Every share the notebook reports, for one jurisdiction and week."""
    report = reports.set_index("report_week").loc[week]
    total = int(report["declined_detainer_records"])
    issued = int(report["detainers_issued_nationwide"])
    out: dict = {"jurisdiction": jurisdiction, "week": week, "total": total, "issued": issued,
                 "recorded_from": pd.Timestamp(report["recorded_from"]).date().isoformat(),
                 "recorded_to": pd.Timestamp(report["recorded_to"]).date().isoformat()}
    if week == 1:
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
        out["identified_records"] = int(week1["declined_records"].sum())
        out["identified_jurisdictions"] = len(week1)
        out["identified_jails"] = int(week1["jails_at_least"].sum())
        out["identified_states"] = week1["state"].nunique()
        out["lower_bound_rows"] = int((week1["count_is"] == "at_least").sum())
    else:
        count = int(report["travis_county_declined_records"])
        out.update(count=count, count_is="exact", state="TX")
    out["share"] = count / total
    out["share_of_issued"] = count / issued
    if jurisdiction == TRAVIS and week == 1:
        sheriff_count = sheriff_value(sheriff, "tcso_reading_of_ddor_travis_jail")
        out["sheriff_count"] = sheriff_count
        # the sheriff's count replaces the report's in the week's total as well
        out["share_sheriff_count"] = sheriff_count / (total - count + sheriff_count)
        out["share_sheriff_count_same_total"] = sheriff_count / total
    return out


def statement(statements: pd.DataFrame, figure: str) -> pd.Series:
    """The medium- or high-confidence statement of a figure of the report (the first, if several)."""
    rows = counted(statements)
    rows = rows[rows["figure"] == figure]
    if rows.empty:
        raise KeyError(f"no statement of {figure!r} in data/raw/week1_report_statements.csv")
    return rows.iloc[0]


def travis_readings(result: dict, statements: pd.DataFrame, sheriff: pd.DataFrame) -> dict:
    """Travis County's week-1 count read two ways: the county's area (the report's own count, which
    includes the state jail facility inside the county) and the sheriff's own jail (less the rows the
    press says were the state jail's), against the count the sheriff gives for his jail."""
    state_jail = int(statement(statements, "travis_rows_at_state_jail")["value"])
    county_jail = result["count"] - state_jail
    sheriff_count = sheriff_value(sheriff, "tcso_reading_of_ddor_travis_jail")
    return {"in_county": result["count"], "state_jail": state_jail, "county_jail": county_jail,
            "sheriff": sheriff_count, "difference": county_jail - sheriff_count}


def week1_evidence(week1: pd.DataFrame, absent: pd.DataFrame, statements: pd.DataFrame) -> dict:
    """What the identified rows and the other statements settle about week 1: the lower bounds of jails
    and states (medium- or high-confidence rows only), the states shown absent, and the press figures."""
    rows = counted(week1)
    shown_absent = counted(absent)
    overlap = sorted(set(shown_absent["state"]) & set(rows["state"]))
    if overlap:
        raise ValueError(f"state(s) {', '.join(overlap)} both identified in week 1 and shown absent from it")
    return {"jurisdictions": len(rows), "jails": int(rows["jails_at_least"].sum()), "states": rows["state"].nunique(),
            "records": int(rows["declined_records"].sum()), "context_rows": int((week1["confidence"] == LOW).sum()),
            "states_absent": sorted(shown_absent["state"].unique()),
            "states_absent_context": sorted(set(absent["state"]) - set(shown_absent["state"])),
            "jails_stated_by_press": int(statement(statements, "jails_with_declines")["value"]),
            "philadelphia_homicide": int(statement(statements, "philadelphia_homicide_records")["value"]),
            "homicide_publisher": statement(statements, "philadelphia_homicide_records")["publisher"]}


def statistics(result: dict, weeks: pd.DataFrame, top: pd.DataFrame, sheriff: pd.DataFrame,
               statements: pd.DataFrame | None = None, absent: pd.DataFrame | None = None,
               week1: pd.DataFrame | None = None) -> list[Statistic]:
    """The notebook's statistics for one jurisdiction and week; every share is a percentage (``_pct``).
    ``weeks`` is `week_shares` of Travis County (its pooled and other weeks are recorded for Travis only)."""
    name, week = slug(result["jurisdiction"]), result["week"]
    who = result["jurisdiction"]
    dates = f"{result.get('recorded_from', '')} to {result.get('recorded_to', '')}" if "recorded_from" in result else ""
    in_week = f"report week {week}" + (f" ({dates})" if dates else "")
    # week 1's rows by jurisdiction are the report's Section II as press coverage identified it;
    # the other weeks give only the report's own Travis count
    counted_by = "ICE+press" if week == 1 else "ICE"
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
            Statistic(f"ddor_week{week}_identified_jurisdictions", result["identified_jurisdictions"],
                      "jurisdictions (lower bound)",
                      "jurisdictions identified by press coverage", sources="ICE+press"),
            Statistic(f"ddor_week{week}_identified_states", result["identified_states"], "states (lower bound)",
                      "states of the identified jurisdictions (medium or high confidence)", sources="ICE+press"),
            Statistic(f"ddor_week{week}_jails_at_least", result["identified_jails"], "jails (lower bound)",
                      "distinct jails of the identified jurisdictions (medium or high confidence)", sources="ICE+press"),
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
                      f"{who}'s share with the sheriff's count of {result['sheriff_count']} in place of the report's, in "
                      "both the county's records and the week's total", headline=True, sources="ICE+TCSO"),
            Statistic(f"{name}_share_week{week}_sheriff_count_same_total_pct", result["share_sheriff_count_same_total"] * 100,
                      "percent", f"the sheriff's count of {result['sheriff_count']} over the report's {result['total']} records",
                      sources="ICE+TCSO"),
        ]
    if result["jurisdiction"] == TRAVIS:
        pooled = weeks.iloc[-1]
        stats.append(Statistic("travis_share_weeks_1_3_pct", pooled["share_pct"], "percent",
                               "Travis County's share of the declined records of the three published weeks pooled "
                               f"({pooled['recorded_from']} to {pooled['recorded_to']})", headline=True, sources="ICE"))
        for row in weeks.iloc[:-1].itertuples():
            if int(row.report_week) != week:
                stats.append(Statistic(f"travis_share_week{row.report_week}_pct", row.share_pct, "percent",
                                       f"Travis County's share of the week's declined records, report week "
                                       f"{row.report_week} ({row.recorded_from} to {row.recorded_to})", sources="ICE"))
        received = sheriff_value(sheriff, "tcso_received_six_weeks_after")
        declined = sheriff_value(sheriff, "tcso_declined_six_weeks_after")
        stats.append(Statistic("travis_declined_share_six_weeks_after_policy_pct", declined / received * 100, "percent",
                               "detainer requests the Travis County Sheriff's Office declined, as a share of those it "
                               "received in the six weeks after 2017-02-01", sources="TCSO"))
    if week == 1 and statements is not None and absent is not None and week1 is not None:
        evidence = week1_evidence(week1, absent, statements)
        stats += [
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
        if result["jurisdiction"] == TRAVIS:
            readings = travis_readings(result, statements, sheriff)
            stats += [
                Statistic("ddor_week1_travis_state_jail_records", readings["state_jail"], "records",
                          "of Travis County's rows, those the press says belonged to the state jail facility in the county",
                          sources="ICE+press"),
                Statistic("ddor_week1_travis_county_jail_records", readings["county_jail"], "records",
                          "Travis County's rows less the state jail's: the rows at the sheriff's own jail", sources="ICE+press"),
                Statistic("ddor_week1_travis_county_jail_minus_sheriff", readings["difference"], "records",
                          "the rows at the sheriff's own jail minus the count the sheriff gives for it", sources="ICE+TCSO+press"),
            ]
    if week == 1:
        stats += [
            Statistic("ddor_week1_top10_issued", int(top["detainers_issued"].sum()), "detainers",
                      "detainers issued to the ten listed non-cooperating counties (the report's Section I)",
                      sources="ICE+press"),
            Statistic("ddor_week1_top10_corrected_rows", int(top["later_corrected_by_ice"].sum()), "rows",
                      "rows of the report's Section I that ICE later corrected", sources="ICE+press"),
            Statistic("ddor_week1_top10_issued_corrected", int(top.loc[top["later_corrected_by_ice"], "detainers_issued"].sum()),
                      "detainers", "detainers in the corrected rows of Section I", sources="ICE+press"),
        ]
    return stats


def _pct(value: float) -> str:
    return f"{value:.1f}%"


def findings(result: dict, weeks: pd.DataFrame, evidence: dict | None = None, readings: dict | None = None,
             reports: pd.DataFrame | None = None) -> list[str]:
    """What this notebook finds, in words, from its computed values: what holds, what does not, and what
    cannot be known (the claims come after, judged). ``weeks`` is `week_shares` of the chosen jurisdiction."""
    who, week = result["jurisdiction"], result["week"]
    bound = "at least " if result["count_is"] == "at_least" else ""
    sentences = [
        f"In {REPORT_NAME} for week {week} ({result['recorded_from']} to {result['recorded_to']}), {who} accounts for "
        f"{bound}{result['count']} of the {result['total']} declined detainer records, {bound}{_pct(result['share'] * 100)}."]
    if "sheriff_count" in result:
        sentences.append(
            f"The Travis County Sheriff's Office reads {result['sheriff_count']} of those rows as its own jail's; with "
            f"that count in place of the report's, the county's share is {_pct(result['share_sheriff_count'] * 100)}"
            + (f", and the {readings['state_jail']} rows the press places at the state jail inside the county account "
               f"for the difference ({readings['county_jail']} at the sheriff's jail against his {readings['sheriff']})."
               if readings else "."))
    if "state_share" in result:
        sentences.append(
            f"Identified records put at least {_pct(result['state_share'] * 100)} of the week in {state_name(result['state'])}; "
            f"ICE later corrected at least {result['corrected_records']} records of the week "
            f"({_pct(result['corrected_share'] * 100)}), and without them {who}'s share is "
            f"{_pct(result['share_excluding_corrected'] * 100)}.")
    known = weeks[weeks["report_week"] != "1-3 pooled"]
    others = known[known["report_week"] != str(week)]
    if known["jurisdiction_records"].notna().all():
        pooled = weeks.iloc[-1]
        sentences.append(
            f"The share does not hold from week to week: "
            + ", ".join(f"week {r.report_week} {_pct(r.share_pct)} ({r.jurisdiction_records} of "
                        f"{r.declined_detainer_records})" for r in others.itertuples())
            + f"; the three published weeks pooled give {_pct(pooled['share_pct'])}.")
    else:
        missing = [r.report_week for r in others.itertuples() if pd.isna(r.jurisdiction_records)]
        sentences.append(f"{who}'s count for week{'s' if len(missing) > 1 else ''} {' and '.join(missing)} is not "
                         "published: its share in those weeks, and over the three weeks pooled, cannot be known.")
    if week != 1:
        sentences.append(f"The public record gives no breakdown by jurisdiction for week {week}: beyond Travis County's "
                         f"{result['count']}, where the week's other {result['total'] - result['count']} records were "
                         "declined cannot be known.")
    if evidence is not None and reports is not None:
        stated = reports.set_index("report_week").loc[1]
        sentences.append(
            f"Week 1's identified rows prove at least {evidence['jails']} jails in {evidence['states']} states, against "
            f"the report's {int(stated['jurisdictions_with_declines'])} jails in {int(stated['states_with_declines'])} "
            f"states; the remaining {int(stated['declined_detainer_records']) - evidence['records']} records are in "
            "jurisdictions nobody has identified, so the stated counts can be neither confirmed nor refuted.")
    return sentences


def figure(table: pd.DataFrame, weeks: pd.DataFrame, jurisdiction: str, week: int):
    """Left: the chosen week's declined records by jurisdiction, as far as the public record gives them
    (`week_table`); right: the chosen jurisdiction's share week by week (`week_shares`), a week whose
    count is not published marked as such, never drawn."""
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch

    from .figures import PALETTE, source_note

    fig, (left, right) = plt.subplots(1, 2, figsize=(10.0, 6.2), gridspec_kw={"width_ratios": [2.2, 1]})
    chosen = weeks.set_index("report_week").loc[str(week)]
    dates = f"{chosen['recorded_from']} to {chosen['recorded_to']}"
    rows = table.iloc[::-1]
    colors, hatches, labels = [], [], []
    for row in rows.itertuples():
        if row.jurisdiction == NOT_IDENTIFIED:
            colors.append(PALETTE["muted"])
        elif row.jurisdiction == jurisdiction:
            colors.append(PALETTE["highlight"])
        else:
            colors.append(PALETTE["full"])
        hatches.append("//" if row.count_is == "at_least" else ("xx" if row.later_corrected_by_ice else ""))
        labels.append(f"{row.jurisdiction}{', ' + row.state if row.state else ''}"
                      + (" [corrected by ICE]" if row.later_corrected_by_ice else "")
                      + (" [low confidence: context]" if row.confidence == LOW else ""))
    bars = left.barh(range(len(rows)), rows["declined_records"], color=colors, hatch=hatches, edgecolor="white")
    for bar, row in zip(bars, rows.itertuples()):
        prefix = ">= " if row.count_is == "at_least" else ("<= " if row.count_is == "at_most" else "")
        left.annotate(f"{prefix}{row.declined_records}", (bar.get_width(), bar.get_y() + bar.get_height() / 2),
                      xytext=(3, 0), textcoords="offset points", va="center", fontsize=7)
    left.set_yticks(range(len(rows)), labels, fontsize=7)
    left.set_xlabel("declined detainer records")
    left.grid(axis="x", color="#e4e4e4")
    left.grid(axis="y", visible=False)
    handles = [Patch(color=PALETTE["highlight"], label=jurisdiction)]
    if week == 1:
        left.set_title("By jurisdiction, as press coverage identified it")
        handles += [Patch(facecolor=PALETTE["full"], hatch="//", edgecolor="white", label="lower bound (at least)"),
                    Patch(facecolor=PALETTE["full"], hatch="xx", edgecolor="white", label="later corrected by ICE")]
    else:
        total = int(chosen["declined_detainer_records"])
        left.set_title("By jurisdiction: no breakdown is public for this week")
        left.text(0.98, 0.5, f"Of the week's {total} declined records the public\nrecord names the jurisdiction of "
                  f"Travis County's only;\nthe jurisdictions of the rest are not known.", transform=left.transAxes,
                  ha="right", va="center", fontsize=8, color=PALETTE["reference"])
    handles.append(Patch(color=PALETTE["muted"], label="not identified (at most)"))
    left.legend(handles=handles, loc="lower right", fontsize=7.5)
    week_labels = [f"week {w}\n{f[5:]}" if w != "1-3 pooled" else "weeks 1-3\npooled"
                   for w, f in zip(weeks["report_week"], weeks["recorded_from"])]
    share_colors = [PALETTE["highlight"] if w == str(week) else (PALETTE["reference"] if "pooled" in w else PALETTE["full"])
                    for w in weeks["report_week"]]
    shares = weeks["share_pct"].fillna(0.0)
    share_bars = right.bar(range(len(weeks)), shares, color=share_colors,
                           hatch=["//" if c == "at_least" else "" for c in weeks["count_is"]], edgecolor="white")
    for bar, row in zip(share_bars, weeks.itertuples()):
        if pd.isna(row.jurisdiction_records):
            text = "not\npublished"
        else:
            prefix = ">= " if row.count_is == "at_least" else ""
            text = f"{prefix}{row.share_pct:.0f}%\n{prefix}{row.jurisdiction_records} of {row.declined_detainer_records}"
        right.annotate(text, (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                       ha="center", va="bottom", fontsize=7, xytext=(0, 2), textcoords="offset points",
                       color=PALETTE["reference"] if pd.isna(row.jurisdiction_records) else "black")
    right.set_xticks(range(len(weeks)), week_labels, fontsize=7)
    right.set_ylim(0, 100)
    right.set_ylabel(f"{jurisdiction}'s share of declined records (%)")
    right.set_title(f"{jurisdiction}, week by week", fontsize=9.5)
    fig.suptitle(f"Declined detainer records in ICE's weekly report, week {week} ({dates})", x=0.01, ha="left",
                 fontweight="bold", fontsize=11.5)
    source_note(fig, "Source: ICE's weekly declined-detainer reports (2017): headline figures"
                     + ("; week 1's Section II as identified by press coverage; ICE correction of 2017-04-13."
                        if week == 1 or jurisdiction != TRAVIS else "; Travis County's count as the report gives it."))
    fig.tight_layout(rect=(0, 0.03, 1, 1))
    drawn = pd.concat([
        pd.DataFrame({"panel": f"records by jurisdiction, week {week} ({dates})",
                      "label": rows["jurisdiction"].iloc[::-1].values,
                      "state": rows["state"].iloc[::-1].values, "value": rows["declined_records"].iloc[::-1].values,
                      "bound": rows["count_is"].iloc[::-1].values,
                      "later_corrected_by_ice": rows["later_corrected_by_ice"].iloc[::-1].values}),
        pd.DataFrame({"panel": f"{jurisdiction} share by week (%)", "label": weeks["report_week"].values,
                      "state": table.loc[table["jurisdiction"] == jurisdiction, "state"].iloc[0]
                      if (table["jurisdiction"] == jurisdiction).any() else "",
                      "value": weeks["share_pct"].round(2).values, "bound": weeks["count_is"].values,
                      "later_corrected_by_ice": False}),
    ], ignore_index=True)
    return fig, drawn


def state_name(code: str) -> str:
    """A state's name in words: 'TX' -> 'Texas' (an unknown code is returned as it is)."""
    name = STATE_NAMES.get(code)
    return name.replace("_", " ").title().replace(" Of ", " of ") if name else code
