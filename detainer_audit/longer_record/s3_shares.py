"""Section 3 of notebook 04, "The declined share of detainers issued": every count of declines against
every count of detainers issued whose period overlaps it enough, then CIS's declines against detainers
issued over exactly its days, counted week by week (the Deportation Data Project's counts, as notebook 01
records them).

Where the periods are the same, the share is exact (or bounded, for a "more than"); where they differ,
only bounds follow from the days both cover, and the ratio of the two per-day paces is shown as an
estimate, never as a bound. Published shares are checked against the computed ones (a rounded
percentage is allowed half a point either way).
"""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd

from .. import bounds, periods, results
from ..bounds import INF, Bounds, Piece
from ..results import Statistic, display
from .shared import (BOUND_WORDS, CIS_2024_OUTCOMES, CONFIDENCE, OUTCOMES, PUBLISHERS, SOURCE_COLORS,
                     bound_statistic, bounds_of, outcome_set, outcomes_in_words, percent_of)

FIGURE = "04-declined-share-of-issued"
PAIR_COLUMNS = ["declines", "declines_source", "declines_period", "declines_count", "issued", "issued_source",
                "issued_period", "issued_count", "same_period", "common_days", "share_low_pct", "share_high_pct",
                "share_bound", "pace_ratio_pct", "approximate"]


def share_pairs(table: pd.DataFrame, min_confidence: str, min_period_overlap: float,
                declined_outcomes: list[str]) -> pd.DataFrame:
    """Every decline count (detainers, totals) against every issued total whose period overlaps it by
    at least ``min_period_overlap`` of the longer of the two. Where the periods are the same the share is the
    ratio of the two bounds; where they differ, only days both cover are certain: a count is certain for
    the common days only if its whole period lies inside them, otherwise it may put anything from 0 to
    its high end there. The ratio of the two per-day paces is given beside it as an estimate that
    assumes an even pace over each period (never a bound)."""
    rank = {level: i for i, level in enumerate(CONFIDENCE)}
    usable = table[(table["confidence"].map(rank) <= rank[min_confidence]) & table["superseded_by"].isna()
                   & (table["unit"] == "detainers") & (table["quantity"] == "total")]
    chosen = frozenset(declined_outcomes)
    fits = pd.Series([outcome_set(o) <= chosen for o in usable["outcomes"]], index=usable.index, dtype=bool)
    declines = usable[(usable["measure"] == "declined") & fits]
    issued = usable[usable["measure"] == "issued"]
    cis = declines[declines["count_id"].str.startswith("cis2024_fy")]
    rows = []
    groups = [("cis2024_total", cis)] if len(cis) else []
    groups += [(row.count_id, declines[declines["count_id"] == row.count_id])
               for row in declines.itertuples() if not row.count_id.startswith(("cis2024_fy", "ddor_", "npr_"))]
    for name, pieces_frame in groups:
        pieces = [Piece(periods.as_date(r.period_start), periods.as_date(r.period_end), bounds_of(r))
                  for r in pieces_frame.itertuples()]
        d_start, d_end = min(p.start for p in pieces), max(p.end for p in pieces)
        d_days = periods.days_inclusive(d_start, d_end)
        d_total = bounds.count_in_window(pieces, d_start, d_end)
        for i in issued.itertuples():
            i_start, i_end = periods.as_date(i.period_start), periods.as_date(i.period_end)
            shared = bounds.overlap_days(d_start, d_end, i_start, i_end)
            if shared < min_period_overlap * max(d_days, i.days):
                continue
            common = bounds.overlap(d_start, d_end, i_start, i_end)
            d_common = bounds.count_in_window(pieces, *common)
            i_common = bounds.count_in_window([Piece(i_start, i_end, bounds_of(i))], *common)
            share = (d_common / i_common).scale(100)
            pace = (d_total.scale(1 / d_days) / bounds_of(i).scale(1 / i.days)).scale(100)
            if share.kind == "unknown":
                continue  # the counts say nothing about the days both cover
            rows.append({
                "declines": name, "declines_source": pieces_frame["source"].iloc[0],
                "declines_period": f"{d_start} to {d_end}", "declines_count": d_total.shown(),
                "issued": i.count_id, "issued_source": i.source, "issued_period": f"{i_start} to {i_end}",
                "issued_count": bounds_of(i).shown(), "same_period": (d_start, d_end) == (i_start, i_end),
                "common_days": shared, "share_low_pct": share.low,
                "share_high_pct": share.high if share.high != INF else math.nan, "share_bound": share.kind,
                "pace_ratio_pct": pace.low if pace.exact else math.nan,
                "approximate": "about" in set(pieces_frame["comparator"]) | {i.comparator},
            })
    return pd.DataFrame(rows, columns=PAIR_COLUMNS)


def stated_share_check(table: pd.DataFrame, pairs: pd.DataFrame) -> pd.DataFrame:
    """Each published share of declines against the shares computed from counts of the same period."""
    stated = table[table["measure"] == "declined_share"]
    rows = []
    for row in stated.itertuples():
        period = f"{periods.as_date(row.period_start)} to {periods.as_date(row.period_end)}"
        match = pairs[pairs["declines_period"] == period]
        claimed = bounds_of(row)
        if row.comparator in ("about", "range"):  # a rounded percentage: half a point either way
            claimed = Bounds(max(claimed.low - 0.5, 0), claimed.high + 0.5)
        for pair in match.itertuples():
            low = pair.share_low_pct
            high = pair.share_high_pct if not math.isnan(pair.share_high_pct) else INF
            consistent = not (claimed.high < low or claimed.low > high)
            rows.append({"stated": row.count_id, "source": row.source, "stated_pct": bounds_of(row).shown("percent"),
                         "confidence": row.confidence, "computed_from": f"{pair.declines} / {pair.issued}",
                         "computed_pct": Bounds(low, high).shown("percent"),
                         "pace_ratio_pct": pair.pace_ratio_pct, "consistent_with_bounds": consistent})
        if match.empty:
            rows.append({"stated": row.count_id, "source": row.source, "stated_pct": bounds_of(row).shown("percent"),
                         "confidence": row.confidence, "computed_from": "no pair of counts covers this period",
                         "computed_pct": "", "pace_ratio_pct": math.nan, "consistent_with_bounds": None})
    return pd.DataFrame(rows)


def weekly_check(table: pd.DataFrame, windows: pd.DataFrame) -> dict[str, bool]:
    """Whether each share CIS stated lies within the bounds of its declines over detainers issued on all of
    its days, counted week by week (``windows``: notebook 01's, `declined.windows_of`): count_id -> True or False."""
    total = windows.set_index("window").loc["total"]
    stated = table[(table["measure"] == "declined_share") & (table["source"] == "CIS")]
    checked = {}
    for row in stated.itertuples():
        said = Bounds(row.value, row.value_high if row.comparator == "range" else row.value)
        checked[row.count_id] = not (said.high < total.share_low_pct or said.low > total.share_high_pct)
    return checked


# --------------------------------------------------------------------------- for readers

def _period_words(period: str) -> str:
    """'2021-01-20 to 2024-07-15' as 'Jan 2021 to Jul 2024' (a single year stays one year)."""
    start, end = (dt.date.fromisoformat(p) for p in period.split(" to "))
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        return f"calendar {start.year}"
    if (start.month, start.day, end.month, end.day) == (10, 1, 9, 30) and end.year == start.year + 1:
        return f"fiscal {end.year}"
    return f"{start:%b %Y} to {end:%b %Y}" if (start.year, start.month) != (end.year, end.month) else f"{start:%b %Y}"


def pair_label(row) -> str:
    """A pair of counts in words, naming the publishers and the periods: 'Center for Immigration Studies
    declines, Jan 2021 to Jul 2024 / TRAC issued, Oct 2020 to Dec 2023'."""
    declines = f"{PUBLISHERS.get(row.declines_source, row.declines_source)} declines, {_period_words(row.declines_period)}"
    issued = f"{PUBLISHERS.get(row.issued_source, row.issued_source)} issued, {_period_words(row.issued_period)}"
    return f"{declines} / {issued}"


def pairs_summary(pairs: pd.DataFrame, sources: list[str], min_confidence: str, min_period_overlap: float) -> str:
    return (f"pairs of counts of {min_confidence} confidence or higher, from {', '.join(sources)}, whose periods "
            f"overlap by at least {percent_of(min_period_overlap)} of the longer: {len(pairs)}")


def same_source_shares(pairs: pd.DataFrame, dhs_2025_year: str) -> list[str]:
    """The share where one source counts both declines and detainers issued (Homeland Security, 2025)."""
    dhs = pairs.loc[pairs["declines"] == "dhs_declined_2025", "share_low_pct"]
    return [f"Homeland Security, 2025 ({dhs_2025_year} year): {display(share, 'percent')}% of detainers issued were "
            "declined, the same source counting both" for share in dhs]


def weekly_summary(table: pd.DataFrame, windows: pd.DataFrame, checked: dict[str, bool],
                   declined_outcomes: list[str]) -> str:
    total = windows.set_index("window").loc["total"]
    lines = [f"CIS's declines over detainers issued on the same days, {total.counted_from} to {total.counted_to}: "
             f"{display(total.share_estimate_pct, 'percent')}% with the doubled weeks halved "
             f"({display(total.share_low_pct, 'percent')}% to {display(total.share_high_pct, 'percent')}%)"]
    rows = table.set_index("count_id")
    for count_id, consistent in checked.items():
        row = rows.loc[count_id]
        said = Bounds(row.value, row.value_high if row.comparator == "range" else row.value)
        lines.append(f"CIS's own statement, {said.shown('percent')}% ({row.confidence} confidence): "
                     f"{'consistent with' if consistent else 'outside'} the weekly-count bounds")
    if set(declined_outcomes) != set(CIS_2024_OUTCOMES):
        lines.append(f"CIS's counts bundle {outcomes_in_words(OUTCOMES)}; with only {outcomes_in_words(declined_outcomes)} "
                     "counted as declines in this run, these shares are upper bounds for them")
    return "\n".join(lines)


def pairs_readers(pairs: pd.DataFrame) -> pd.DataFrame:
    """The declined share for every pair of counts, in words, as percent to one decimal."""
    frame = pairs.copy()
    frame["label"] = [pair_label(r) for r in frame.itertuples()]
    frame["same_period"] = frame["same_period"].map({True: "yes", False: "no"})
    frame["share_bound"] = frame["share_bound"].map(BOUND_WORDS)
    return results.for_readers(frame, {"label": "declines / detainers issued", "same_period": "same days",
                                       "common_days": "days both cover", "share_bound": "share is",
                                       "share_low_pct": "share, low (%)", "share_high_pct": "share, high (%)",
                                       "pace_ratio_pct": "ratio of paces (%)"},
                               {"share_low_pct": 1, "share_high_pct": 1, "pace_ratio_pct": 1})


def stated_readers(stated: pd.DataFrame, table: pd.DataFrame) -> pd.DataFrame:
    """Each published share against the computed ones, in words."""
    frame = stated.copy()
    rows = table.set_index("count_id")
    frame["label"] = [f"{PUBLISHERS.get(rows.loc[c, 'source'], rows.loc[c, 'source'])}, {rows.loc[c, 'period_as_stated']}"
                      for c in frame["stated"]]
    frame["consistent_with_bounds"] = frame["consistent_with_bounds"].map({True: "yes", False: "no"}).fillna("")
    return results.for_readers(frame, {"label": "share stated by", "stated_pct": "stated (%)", "confidence": "confidence",
                                       "computed_pct": "computed (%)", "pace_ratio_pct": "ratio of paces (%)",
                                       "consistent_with_bounds": "consistent"}, {"pace_ratio_pct": 1})


def windows_readers(windows: pd.DataFrame) -> pd.DataFrame:
    """CIS's declines over detainers issued on the same days (weekly counts), in words."""
    frame = windows.copy()
    frame["window"] = [w if w != "total" else "all four windows" for w in frame["window"]]
    return results.for_readers(frame, {"window": "CIS window", "declined": "declines (CIS)",
                                       "issued_estimate": "detainers issued, estimate", "issued_low": "issued, low",
                                       "issued_high": "issued, high", "share_estimate_pct": "declined share, estimate (%)",
                                       "share_low_pct": "share, low (%)", "share_high_pct": "share, high (%)"},
                               {"issued_estimate": 0, "issued_low": 0, "issued_high": 0, "share_estimate_pct": 1,
                                "share_low_pct": 1, "share_high_pct": 1})


def findings(pairs: pd.DataFrame, stated: pd.DataFrame, min_confidence: str, min_period_overlap: float) -> list[str]:
    sentences = []
    same = pairs[pairs["same_period"] & (pairs["share_bound"] == "exact")] if len(pairs) else pairs
    if len(same):
        low, high = same["share_low_pct"].min(), same["share_low_pct"].max()
        sentences.append(
            f"Where a count of declines and a count of detainers issued cover the same days, {display(low, 'percent')}% "
            f"to {display(high, 'percent')}% of detainers were declined ({len(same)} pair{'s' if len(same) > 1 else ''}: "
            + "; ".join(f"{pair_label(r)} {display(r.share_low_pct, 'percent')}%" for r in same.itertuples()) + ").")
    differ = pairs[~pairs["same_period"]] if len(pairs) else pairs
    if len(differ):
        sentences.append(
            f"{len(differ)} more pair{'s' if len(differ) > 1 else ''} of counts overlap by at least "
            f"{percent_of(min_period_overlap)} of the longer period without covering the same days: for them only bounds "
            "follow, and the share within those bounds cannot be known from the published totals.")
    if len(pairs) == 0:
        sentences.append(f"No pair of counts of {min_confidence} confidence or higher overlaps by at least "
                         f"{percent_of(min_period_overlap)}: with these parameters no declined share can be computed.")
    checked = stated[stated["consistent_with_bounds"].notna()] if len(stated) else stated
    for row in checked.itertuples():
        sentences.append(f"A published share ({PUBLISHERS.get(row.source, row.source)}, {row.stated_pct}%, "
                         f"{row.confidence} confidence) is " + ("consistent with" if row.consistent_with_bounds else "outside")
                         + f" the share computed from the counts ({row.computed_pct}%).")
    unchecked = stated[stated["consistent_with_bounds"].isna()] if len(stated) else stated
    if len(unchecked):
        sentences.append(f"{len(unchecked)} published share{'s' if len(unchecked) > 1 else ''} cannot be checked: no pair "
                         "of counts covers the period stated.")
    return sentences


def statistics(pairs: pd.DataFrame, min_period_overlap: float, weekly: dict[str, bool]) -> list[Statistic]:
    """Each pair's share (bounds kept) and pace ratio; whether each share CIS stated lies within the weekly
    bounds (1 yes, 0 no: context, since CIS's statement is of low confidence)."""
    stats = []
    for row in pairs.itertuples():
        name = f"declined_share_{row.declines}_vs_{row.issued}"
        share = Bounds(row.share_low_pct, row.share_high_pct if not math.isnan(row.share_high_pct) else INF)
        srcs = "+".join(sorted({row.declines_source, row.issued_source}))
        stats += bound_statistic(name, share, "percent", f"{pair_label(row)}: declines as a share of detainers issued "
                                 f"over the days both cover (pairs overlapping by at least {percent_of(min_period_overlap)} of "
                                 "the longer period)", srcs)
        if not row.same_period and not math.isnan(row.pace_ratio_pct):
            stats.append(Statistic(f"{name}_pace_ratio", row.pace_ratio_pct, "percent (estimate)",
                                   f"{pair_label(row)}: ratio of the two per-day paces over their own periods "
                                   "(assumes an even pace; not a bound)", sources=srcs))
    stats += [Statistic(f"{name}_within_weekly_bounds", int(value), "yes (1) or no (0)",
                        "CIS's stated share lies within the bounds of its declines over detainers issued on the same "
                        "days (DDP's weekly counts)", sources="CIS+DDP") for name, value in weekly.items()]
    return stats


# --------------------------------------------------------------------------- figure

def figure(pairs: pd.DataFrame, stated: pd.DataFrame, table: pd.DataFrame, min_period_overlap: float = 0.5,
           min_confidence: str = "medium"):
    """The declined share of detainers issued for every comparable pair of counts, with its bounds."""
    import matplotlib.pyplot as plt

    from ..figures import source_note

    rows = pairs.iloc[::-1].reset_index(drop=True)
    fig, ax = plt.subplots(figsize=(10.0, 1.6 + 0.5 * max(len(rows), 1)))
    cap = max(15.0, float(rows["share_low_pct"].max()) * 1.3)
    for y, row in enumerate(rows.itertuples()):
        high = row.share_high_pct if not math.isnan(row.share_high_pct) else cap
        color = SOURCE_COLORS.get(row.declines_source, "#333333")
        if row.share_low_pct == high:
            ax.scatter(row.share_low_pct, y, color=color, s=30, zorder=3)
        else:
            ax.hlines(y, row.share_low_pct, high, color=color, lw=3, alpha=0.6)
            ax.scatter(row.share_low_pct, y, color=color, marker="|", s=80)
        if not math.isnan(row.pace_ratio_pct):
            ax.scatter(row.pace_ratio_pct, y, color=color, marker="x", s=30, zorder=4)
    cis_range = table.loc[table["count_id"] == "cis2024_declined_share"]
    if len(cis_range):
        low, high = cis_range["value"].iloc[0], cis_range["value_high"].iloc[0]
        ax.axvspan(low, high, color="#f0dfe2", zorder=0,
                   label=f"the Center for Immigration Studies' stated {display(low, 'percent')} to "
                         f"{display(high, 'percent')}% ({cis_range['confidence'].iloc[0]} confidence)")
        ax.legend(loc="upper right", fontsize=7.5)
    labels = [pair_label(r).replace(" / ", "\nover ") + ("" if r.same_period else " (periods differ)")
              for r in rows.itertuples()]
    ax.set_yticks(range(len(rows)), labels, fontsize=7)
    ax.set_xlim(0, cap)
    ax.set_xlabel("declines as a percentage of detainers issued (bar: bounds; x: ratio of per-day paces)")
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", color="#e4e4e4")
    ax.set_title("What share of detainers were declined?" if len(rows) else
                 "What share of detainers were declined? No pair of counts qualifies with these parameters")
    source_note(fig, f"Pairs: a decline count and a count of detainers issued, both of {min_confidence} confidence or "
                     f"higher, whose periods overlap by at least {percent_of(min_period_overlap)} of the longer. Bars run to "
                     "the edge where no upper bound exists. TRAC: Transactional Records Access Clearinghouse.")
    fig.tight_layout(rect=(0, 0.04, 1, 1))
    drawn = pairs[["declines", "issued", "declines_period", "issued_period", "same_period", "common_days",
                   "share_low_pct", "share_high_pct", "pace_ratio_pct"]].copy()
    drawn.insert(0, "label", [pair_label(r) for r in pairs.itertuples()])
    return fig, drawn.round({"share_low_pct": 3, "share_high_pct": 3, "pace_ratio_pct": 3})
