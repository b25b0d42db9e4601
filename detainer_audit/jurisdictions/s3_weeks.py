"""Section 3 of notebook 03, "The chosen jurisdiction week by week", and the notebook's figure.

The reports give Travis County's count for every week; any other jurisdiction's count is known for week
1 only, so its other weeks and the pooled share are missing, never guessed. The figure answers this
section: the chosen week's records by jurisdiction (section 1's `week_table`) beside the chosen
jurisdiction's share week by week.
"""

from __future__ import annotations

import pandas as pd

from .. import results
from ..results import Statistic
from .shared import COUNT_WORDS, LOW, NOT_IDENTIFIED, TRAVIS, has_rows, pct


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
        counts = pd.array([int(row["declined_records"]) if has_rows(w) else pd.NA for w in frame["report_week"]],
                          dtype="Int64")
        count_is = [row["count_is"] if has_rows(w) else "not published" for w in frame["report_week"]]
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


def statistics(result: dict, weeks: pd.DataFrame) -> list[Statistic]:
    """Travis County's other weeks and the three weeks pooled (recorded for Travis County only: another
    jurisdiction's weeks 2 and 3 are not published). ``weeks`` is `week_shares` of the chosen jurisdiction."""
    if result["jurisdiction"] != TRAVIS:
        return []
    week = result["week"]
    pooled = weeks.iloc[-1]
    stats = [Statistic("travis_share_weeks_1_3_pct", pooled["share_pct"], "percent",
                       "Travis County's share of the declined records of the three published weeks pooled "
                       f"({pooled['recorded_from']} to {pooled['recorded_to']})", headline=True, sources="ICE")]
    for row in weeks.iloc[:-1].itertuples():
        if int(row.report_week) != week:
            stats.append(Statistic(f"travis_share_week{row.report_week}_pct", row.share_pct, "percent",
                                   f"Travis County's share of the week's declined records, report week "
                                   f"{row.report_week} ({row.recorded_from} to {row.recorded_to})", sources="ICE"))
    return stats


def findings(result: dict, weeks: pd.DataFrame) -> list[str]:
    """The section's sentences: whether the share holds from week to week, or that it cannot be known;
    for week 2 or 3, that the rest of the week has no breakdown."""
    who, week = result["jurisdiction"], result["week"]
    sentences = []
    known = weeks[weeks["report_week"] != "1-3 pooled"]
    others = known[known["report_week"] != str(week)]
    if known["jurisdiction_records"].notna().all():
        pooled = weeks.iloc[-1]
        sentences.append(
            f"The share does not hold from week to week: "
            + ", ".join(f"week {r.report_week} {pct(r.share_pct)} ({r.jurisdiction_records} of "
                        f"{r.declined_detainer_records})" for r in others.itertuples())
            + f"; the three published weeks pooled give {pct(pooled['share_pct'])}.")
    else:
        missing = [r.report_week for r in others.itertuples() if pd.isna(r.jurisdiction_records)]
        sentences.append(f"{who}'s count for week{'s' if len(missing) > 1 else ''} {' and '.join(missing)} is not "
                         "published: its share in those weeks, and over the three weeks pooled, cannot be known.")
    if not has_rows(week):
        sentences.append(f"The public record gives no breakdown by jurisdiction for week {week}: beyond Travis County's "
                         f"{result['count']}, where the week's other {result['total'] - result['count']} records were "
                         "declined cannot be known.")
    return sentences


def figure(table: pd.DataFrame, weeks: pd.DataFrame, jurisdiction: str, report_week: int):
    """Left: the chosen week's declined records by jurisdiction, as far as the public record gives them
    (`week_table`); right: the chosen jurisdiction's share week by week (`week_shares`), a week whose
    count is not published marked as such, never drawn."""
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch

    from ..figures import PALETTE, source_note

    fig, (left, right) = plt.subplots(1, 2, figsize=(10.0, 6.2), gridspec_kw={"width_ratios": [2.2, 1]})
    chosen = weeks.set_index("report_week").loc[str(report_week)]
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
    if has_rows(report_week):
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
    share_colors = [PALETTE["highlight"] if w == str(report_week)
                    else (PALETTE["reference"] if "pooled" in w else PALETTE["full"]) for w in weeks["report_week"]]
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
    fig.suptitle(f"Declined detainer records in ICE's weekly report, week {report_week} ({dates})", x=0.01, ha="left",
                 fontweight="bold", fontsize=11.5)
    source_note(fig, "Source: ICE's weekly declined-detainer reports (2017): headline figures"
                     + ("; week 1's Section II as identified by press coverage; ICE correction of 2017-04-13."
                        if has_rows(report_week) or jurisdiction != TRAVIS else "; Travis County's count as the report gives it."))
    fig.tight_layout(rect=(0, 0.03, 1, 1))
    drawn = pd.concat([
        pd.DataFrame({"panel": f"records by jurisdiction, week {report_week} ({dates})",
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
