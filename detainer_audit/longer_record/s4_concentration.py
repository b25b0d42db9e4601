"""Section 4 of notebook 04, "How concentrated are declines?": the largest jurisdiction's and state's share
in ICE's first weekly report of 2017 beside the largest state and jail in CIS's 2022-2025 release.

Identified rows of 2017 give lower bounds for a state (unidentified rows may add); in 2025 the national
total is known only as "more than 25,000", so shares over it are upper bounds (a second-hand table total
is shown beside it).
"""

from __future__ import annotations

import math

import pandas as pd

from .. import periods, results
from ..bounds import INF, Bounds
from ..results import Statistic, display
from .shared import BOUND_WORDS, bound_statistic, state_in_words

FIGURE = "04-concentration-of-declines"


def concentration(week1: pd.DataFrame, reports: pd.DataFrame, jurisdictions: pd.DataFrame,
                  counts: pd.DataFrame) -> pd.DataFrame:
    """The largest jurisdiction's and state's share of declines: the first 2017 weekly report against
    CIS's 2022-2025 release, bounds kept."""
    week = reports.set_index("report_week").loc[1]
    total_2017 = float(week["declined_detainer_records"])
    release_2017 = f"ICE weekly report, {periods.as_date(week['recorded_from'])} to {periods.as_date(week['recorded_to'])}"
    week1 = week1[week1["confidence"] != "low"]  # a low-confidence row is context, counted in no bound
    top = week1.sort_values("declined_records", ascending=False).iloc[0]
    states = week1.groupby("state")["declined_records"].sum().sort_values(ascending=False)
    declined = counts[counts["count_id"] == "cis2025_declined"].iloc[0]
    floor = Bounds(float(declined["value"]), INF)
    release_2025 = f"CIS, {periods.as_date(declined['period_start'])} to {periods.as_date(declined['period_end'])}"
    notice = Bounds(float(counts.loc[counts["count_id"] == "cis2025_insufficient_notice", "value"].iloc[0]), INF)
    table_total = float(counts.loc[counts["count_id"] == "cis2025_declined_table_total_a", "value"].iloc[0])
    by_state = jurisdictions[jurisdictions["figure"] == "declined_in_state"].sort_values("value", ascending=False).iloc[0]
    jail = jurisdictions[jurisdictions["figure"] == "released_at_jail"].sort_values("value", ascending=False).iloc[0]
    rows = [
        {"release": release_2017, "level": "jurisdiction", "largest": top["jurisdiction"],
         "count": float(top["declined_records"]), "of": f"{display(total_2017)} declined records",
         **_share(Bounds.exactly(top["declined_records"]), Bounds.exactly(total_2017))},
        {"release": release_2017, "level": "state", "largest": states.index[0],
         "count": float(states.iloc[0]), "of": f"{display(total_2017)} declined records (identified rows only)",
         **_share(Bounds(float(states.iloc[0]), INF), Bounds.exactly(total_2017))},
        {"release": release_2025, "level": "state", "largest": by_state["state"],
         "count": float(by_state["value"]), "of": f"more than {display(floor.low)} declines",
         **_share(Bounds.exactly(by_state["value"]), floor), "share_with_table_total_pct": by_state["value"] / table_total * 100},
        {"release": release_2025, "level": "jail", "largest": jail["jurisdiction"],
         "count": float(jail["value"]), "of": f"more than {display((floor + notice).low)} declines and insufficient notices",
         **_share(Bounds.exactly(jail["value"]), floor + notice)},
    ]
    return pd.DataFrame(rows)


def _share(part: Bounds, whole: Bounds) -> dict:
    share = (part / whole).scale(100)
    return {"share_low_pct": share.low, "share_high_pct": share.high if share.high != INF else math.nan,
            "share_bound": share.kind}


def _shown_share(row) -> tuple[float, str]:
    """The end of a share's bounds that is known, and the share in words ('at least 72.3%')."""
    value = row.share_low_pct if row.share_bound != "upper" else row.share_high_pct
    word = {"lower": "at least ", "upper": "at most "}.get(row.share_bound, "")
    return value, f"{word}{display(value, 'percent')}%"


# --------------------------------------------------------------------------- for readers

def readers(concentrated: pd.DataFrame) -> pd.DataFrame:
    """The largest jurisdiction's and state's share, in words."""
    frame = concentrated.copy()
    frame["label"] = [f"{r.release}: largest {r.level}" for r in frame.itertuples()]
    frame["largest"] = frame["largest"].map(state_in_words)
    frame["share_bound"] = frame["share_bound"].map(BOUND_WORDS)
    columns = {"label": "release and level", "largest": "largest", "count": "declines", "of": "of",
               "share_bound": "share is", "share_low_pct": "share, low (%)", "share_high_pct": "share, high (%)"}
    decimals = {"count": 0, "share_low_pct": 1, "share_high_pct": 1}
    if "share_with_table_total_pct" in frame:
        columns["share_with_table_total_pct"] = "share of a second-hand total (%)"
        decimals["share_with_table_total_pct"] = 1
    return results.for_readers(frame, columns, decimals)


def findings(concentrated: pd.DataFrame) -> list[str]:
    return [f"{row.release}: the largest {row.level}, {state_in_words(row.largest)}, holds {_shown_share(row)[1]} "
            f"of {row.of}." for row in concentrated.itertuples()]


def statistics(concentrated: pd.DataFrame) -> list[Statistic]:
    stats = []
    for row in concentrated.itertuples():
        year = "2017_week1" if row.release.startswith("ICE") else "2022_2025"
        share = Bounds(row.share_low_pct, row.share_high_pct if not math.isnan(row.share_high_pct) else INF)
        stats += bound_statistic(f"largest_{row.level}_share_{year}", share, "percent",
                                 f"{state_in_words(row.largest)}: {display(row.count)} of {row.of} ({row.release})",
                                 "ICE+press" if year == "2017_week1" else "CIS", True)
    stats += [Statistic("largest_state_share_2022_2025_table_total_a", float(row.share_with_table_total_pct), "percent",
                        f"{state_in_words(row.largest)}'s count over the "
                        f"{display(row.count / row.share_with_table_total_pct * 100)} national total a second-hand "
                        "report gives", sources="CIS")
              for row in concentrated.itertuples() if not pd.isna(getattr(row, "share_with_table_total_pct", math.nan))]
    return stats


# --------------------------------------------------------------------------- figure

def figure(concentrated: pd.DataFrame):
    """The largest jurisdiction's and state's share of declines, 2017 against 2022-2025."""
    import matplotlib.pyplot as plt
    import seaborn as sns

    from ..figures import PALETTE, source_note

    shown = [_shown_share(row) for row in concentrated.itertuples()]
    frame = concentrated.assign(share=[value for value, _ in shown], label=[
        f"{state_in_words(r.largest)} ({r.level}, {r.release.split(',')[0]})" for r in concentrated.itertuples()])
    fig, ax = plt.subplots(figsize=(8.5, 3.6))
    sns.barplot(frame, x="share", y="label", hue="release", palette=[PALETTE["highlight"], PALETTE["full"]],
                alpha=0.85, legend=False, errorbar=None, ax=ax)
    for y, (value, words) in enumerate(shown):
        ax.annotate(words, (value, y), xytext=(3, 0), textcoords="offset points", va="center", fontsize=8)
    ax.tick_params(axis="y", labelsize=7.5)
    ax.xaxis.grid(True)
    ax.set(xlim=(0, 100), xlabel="share of the release's declines (%)", ylabel="",
           title="How concentrated are declines? The largest jurisdiction and state")
    ice, cis = concentrated.iloc[0], concentrated.iloc[-2]  # the 2017 report's rows come first, then CIS's
    source_note(fig, f"Sources: {ice.release} (identified rows); {cis.release}, released April 2025 (total known "
                     f"only as {cis.of}).")
    fig.tight_layout(rect=(0, 0.05, 1, 1))
    drawn = concentrated[["release", "level", "largest", "count", "of", "share_low_pct", "share_high_pct", "share_bound"]]
    return fig, drawn.round({"share_low_pct": 3, "share_high_pct": 3})
