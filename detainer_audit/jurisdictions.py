"""Declined detainers by jurisdiction in ICE's 2017 weekly reports.

Week 1's records are known by jurisdiction only as far as press coverage identified them:
some counts are lower bounds (``at_least``) and the rest of the week's records are an
explicit "not identified" remainder, never spread over the known rows. For weeks 2 and 3
only Travis County's count is known.
"""

from __future__ import annotations

import re

import pandas as pd

from . import rawdata
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


def week_shares(reports: pd.DataFrame) -> pd.DataFrame:
    """Travis County's share of each published week and of the three pooled."""
    frame = reports[["report_week", "recorded_from", "recorded_to", "declined_detainer_records",
                     "travis_county_declined_records", "detainers_issued_nationwide"]].copy()
    frame["recorded_from"] = frame["recorded_from"].dt.date.map(lambda d: d.isoformat())
    frame["recorded_to"] = frame["recorded_to"].dt.date.map(lambda d: d.isoformat())
    pooled = {"report_week": "1-3 pooled", "recorded_from": frame["recorded_from"].min(),
              "recorded_to": frame["recorded_to"].max()}
    for column in ("declined_detainer_records", "travis_county_declined_records", "detainers_issued_nationwide"):
        pooled[column] = int(frame[column].sum())
    frame["report_week"] = frame["report_week"].astype(str)
    frame = pd.concat([frame, pd.DataFrame([pooled])], ignore_index=True)
    frame["travis_share_pct"] = frame["travis_county_declined_records"] / frame["declined_detainer_records"] * 100
    return frame


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
    out: dict = {"jurisdiction": jurisdiction, "week": week, "total": total, "issued": issued}
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
    name, week = slug(result["jurisdiction"]), result["week"]
    # week 1's rows by jurisdiction are the report's Section II as press coverage identified it;
    # the other weeks give only the report's own Travis count
    counted_by = "ICE+press" if week == 1 else "ICE"
    stats = [
        Statistic(f"ddor_week{week}_declined", result["total"], "records",
                  f"declined detainer records in report week {week}", headline=True, sources="ICE"),
        Statistic(f"ddor_week{week}_{name}_declined", result["count"], "records",
                  f"{result['jurisdiction']} records in week {week} ({result['count_is']})", headline=True, sources=counted_by),
        Statistic(f"{name}_share_week{week}", result["share"], "share",
                  f"{result['jurisdiction']} records / all records, week {week}", headline=True, sources=counted_by),
        Statistic(f"{name}_share_of_issued_week{week}", result["share_of_issued"], "share",
                  f"{result['jurisdiction']} declined records / detainers issued nationwide, week {week}", sources=counted_by),
    ]
    if "state_share" in result:
        state = STATE_NAMES.get(result["state"], result["state"].lower())
        stats += [
            Statistic(f"{state}_share_week{week}", result["state_share"], "share (lower bound)",
                      f"identified {result['state']} records / all records, week {week}; unidentified records "
                      "may add to it", headline=True, sources="ICE+press"),
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
            Statistic(f"ddor_week{week}_corrected_share", result["corrected_share"], "share (lower bound)",
                      "corrected records / all records", sources="ICE+press"),
            Statistic(f"{name}_share_week{week}_excluding_corrected", result["share_excluding_corrected"], "share",
                      f"{result['jurisdiction']} records / records not corrected by ICE", sources="ICE+press"),
        ]
    if "sheriff_count" in result:
        stats += [
            Statistic(f"ddor_week{week}_{name}_declined_sheriff_reading", result["sheriff_count"], "records",
                      "the records the week-1 report attributes to the Travis County Jail, as the sheriff's office "
                      "reads the report", sources="TCSO"),
            Statistic(f"{name}_share_week{week}_sheriff_count", result["share_sheriff_count"], "share",
                      f"the sheriff's {result['sheriff_count']} in place of the report's count, in numerator and total",
                      headline=True, sources="ICE+TCSO"),
            Statistic(f"{name}_share_week{week}_sheriff_count_same_total", result["share_sheriff_count_same_total"],
                      "share", f"the sheriff's {result['sheriff_count']} over the report's {result['total']}",
                      sources="ICE+TCSO"),
        ]
    if result["jurisdiction"] == TRAVIS:
        pooled = weeks.iloc[-1]
        stats.append(Statistic("travis_share_weeks_1_3", pooled["travis_share_pct"] / 100, "share",
                               "Travis records / all records, three published weeks pooled", headline=True,
                               sources="ICE"))
        for row in weeks.iloc[:-1].itertuples():
            if int(row.report_week) != week:
                stats.append(Statistic(f"travis_share_week{row.report_week}", row.travis_share_pct / 100, "share",
                                       f"Travis records / all records, week {row.report_week}", sources="ICE"))
        received = sheriff_value(sheriff, "tcso_received_six_weeks_after")
        declined = sheriff_value(sheriff, "tcso_declined_six_weeks_after")
        stats.append(Statistic("travis_declined_share_six_weeks_after_policy", declined / received, "share",
                               "detainers the sheriff declined / received in the six weeks after 2017-02-01",
                               sources="TCSO"))
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
                      "detainers issued to the ten listed non-cooperating counties (Section I)", sources="ICE+press"),
            Statistic("ddor_week1_top10_corrected_rows", int(top["later_corrected_by_ice"].sum()), "rows",
                      "Section I rows that ICE later corrected", sources="ICE+press"),
            Statistic("ddor_week1_top10_issued_corrected", int(top.loc[top["later_corrected_by_ice"], "detainers_issued"].sum()),
                      "detainers", "detainers in the corrected Section I rows", sources="ICE+press"),
        ]
    return stats


def figure(table: pd.DataFrame, weeks: pd.DataFrame, jurisdiction: str, week: int):
    """Left: records by jurisdiction for the week; right: the jurisdiction's share week by week."""
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch

    from .figures import PALETTE, source_note

    fig, (left, right) = plt.subplots(1, 2, figsize=(10.0, 6.2), gridspec_kw={"width_ratios": [2.2, 1]})
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
    left.set_title(f"Week {week}: declined records by jurisdiction")
    left.legend(handles=[Patch(color=PALETTE["highlight"], label=jurisdiction),
                         Patch(facecolor=PALETTE["full"], hatch="//", edgecolor="white", label="lower bound (at least)"),
                         Patch(facecolor=PALETTE["full"], hatch="xx", edgecolor="white", label="later corrected by ICE"),
                         Patch(color=PALETTE["muted"], label="not identified (at most)")],
                loc="lower right", fontsize=7.5)
    shares = weeks["travis_share_pct"]
    week_labels = [f"week {w}\n{f[5:]}" if w != "1-3 pooled" else "weeks 1-3\npooled"
                   for w, f in zip(weeks["report_week"], weeks["recorded_from"])]
    share_colors = [PALETTE["highlight"] if w == str(week) else (PALETTE["reference"] if "pooled" in w else PALETTE["full"])
                    for w in weeks["report_week"]]
    share_bars = right.bar(range(len(weeks)), shares, color=share_colors)
    for bar, value, count, total in zip(share_bars, shares, weeks["travis_county_declined_records"],
                                        weeks["declined_detainer_records"]):
        right.annotate(f"{value:.0f}%\n{count} of {total}", (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                       ha="center", va="bottom", fontsize=7, xytext=(0, 2), textcoords="offset points")
    right.set_xticks(range(len(weeks)), week_labels, fontsize=7)
    right.set_ylim(0, 100)
    right.set_ylabel("Travis County share of declined records (%)")
    right.set_title("Travis County, week by week")
    source_note(fig, "Source: ICE weekly declined-detainer reports (2017), Section II as identified by press coverage; "
                     "ICE correction of 2017-04-13.")
    fig.tight_layout(rect=(0, 0.03, 1, 1))
    drawn = pd.concat([
        pd.DataFrame({"panel": "records by jurisdiction", "label": rows["jurisdiction"].iloc[::-1].values,
                      "state": rows["state"].iloc[::-1].values, "value": rows["declined_records"].iloc[::-1].values,
                      "bound": rows["count_is"].iloc[::-1].values,
                      "later_corrected_by_ice": rows["later_corrected_by_ice"].iloc[::-1].values}),
        pd.DataFrame({"panel": "Travis share by week (%)", "label": weeks["report_week"].values, "state": "TX",
                      "value": shares.round(2).values, "bound": "exact", "later_corrected_by_ice": False}),
    ], ignore_index=True)
    return fig, drawn
