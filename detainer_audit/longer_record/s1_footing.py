"""Section 1 of notebook 04, "Every count on one footing": each count per day of the period it covers.

A total is divided by the days of its own period (both ends counted), a monthly average by the days of an
average month (365.25 / 12); a "more than" stays a lower bound and a "fewer than" an upper bound. The
timeline shows the counts a reader chose (window, publishers, outcomes); those below the chosen
confidence are drawn as context and used in no comparison.
"""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd

from .. import bounds, periods, results
from ..bounds import INF, Bounds
from ..results import Statistic, display
from .shared import (CONFIDENCE, MEASURE_WORDS, OUTCOMES, PUBLISHERS, SOURCE_COLORS, SOURCE_MARKERS, bounds_of, chosen_outcomes,
                     outcome_set, outcomes_in_words, publishers_in_words)

DAYS_PER_MONTH = 365.25 / 12
FIGURE = "04-longer-record-per-day"


def per_day(value: Bounds, quantity: str, days: int) -> Bounds:
    """A figure as a count per day of its period."""
    if quantity == "total":
        return value.scale(1 / days)
    if quantity in ("average_per_month", "each_month"):
        return value.scale(1 / DAYS_PER_MONTH)
    if quantity == "average_per_day":
        return value
    raise ValueError(f"a {quantity!r} figure has no per-day rate")


def on_one_footing(table: pd.DataFrame) -> pd.DataFrame:
    """Each count (not shares) per day of its period, with low and high ends (NaN: no bound)."""
    rows = []
    for row in table[table["measure"] != "declined_share"].itertuples():
        rate = per_day(bounds_of(row), row.quantity, row.days)
        rows.append({"count_id": row.count_id, "measure": row.measure, "outcomes": row.outcomes, "unit": row.unit,
                     "source": row.source, "publisher": row.publisher,
                     "period_start": periods.as_date(row.period_start).isoformat(),
                     "period_end": periods.as_date(row.period_end).isoformat(), "days": row.days,
                     "value": row.value, "comparator": row.comparator, "quantity": row.quantity,
                     "per_day_low": rate.low, "per_day_high": rate.high if rate.high != INF else math.nan,
                     "bound": rate.kind, "confidence": row.confidence,
                     "superseded": isinstance(row.superseded_by, str)})
    return pd.DataFrame(rows)


def select(footing: pd.DataFrame, window_start: dt.date, window_end: dt.date, sources: list[str],
           declined_outcomes: list[str], min_confidence: str) -> pd.DataFrame:
    """The counts a reader asked for: overlapping the window (``window_start`` to ``window_end``), from the named sources, declines of
    the chosen outcomes only (a count qualifies when every outcome it counts is chosen), current
    (not superseded) figures. Rows below ``min_confidence`` are kept but marked as context."""
    keep = [bounds.overlap(s, e, window_start, window_end) is not None for s, e in zip(footing["period_start"], footing["period_end"])]
    chosen = frozenset(declined_outcomes)
    qualifies = [m == "issued" or outcome_set(o) <= chosen for m, o in zip(footing["measure"], footing["outcomes"])]
    out = footing[pd.Series(keep, index=footing.index) & pd.Series(qualifies, index=footing.index)
                  & footing["source"].isin(sources) & ~footing["superseded"]].copy()
    rank = {level: i for i, level in enumerate(CONFIDENCE)}
    out["context_only"] = out["confidence"].map(rank) > rank[min_confidence]
    return out.reset_index(drop=True)


def per_day_file(footing: pd.DataFrame) -> pd.DataFrame:
    """The footing table as it is published, `data/processed/longer_record_per_day.csv` (the notebook's run
    writes it): the per-day ends rounded to four decimals."""
    frame = footing.copy()
    for column in ("per_day_low", "per_day_high"):
        frame[column] = frame[column].round(4)
    return frame


# --------------------------------------------------------------------------- for readers

def _recorded(statistics: list[Statistic]) -> tuple[Statistic, Statistic]:
    """The two statistics of the timeline (`statistics`): its counts, and those of them context only."""
    named = {item.statistic: item for item in statistics}
    return named["longer_record_counts"], named["longer_record_context_only"]


def summary(recorded: list[Statistic], window_start: dt.date, window_end: dt.date, min_confidence: str,
            declined_outcomes: list[str]) -> str:
    """What the timeline holds, in one line, read from its statistics (``recorded``)."""
    counts, context = _recorded(recorded)
    return (f"on the timeline, {window_start} to {window_end}: {counts.value} counts, {context.value} "
            f"of them context only (below {min_confidence} confidence); declines counted: "
            f"{outcomes_in_words(declined_outcomes)}")


def readers(selected: pd.DataFrame) -> pd.DataFrame:
    """The counts on the timeline by what they count and who published them, in words."""
    frame = selected.assign(what=selected["measure"].map(MEASURE_WORDS),
                            publisher=selected["source"].map(lambda s: PUBLISHERS.get(s, s)))
    table = frame.groupby(["what", "publisher"], sort=True).agg(
        counts=("count_id", "size"), context=("context_only", "sum"), first_day=("period_start", "min"),
        last_day=("period_end", "max")).reset_index()
    table["what"] = table["what"] + ": " + table["publisher"]
    return results.for_readers(table, {"what": "counts of", "counts": "counts", "context": "of them context only",
                                       "first_day": "first day", "last_day": "last day"})


def statistics(selected: pd.DataFrame, window_start: dt.date, window_end: dt.date, declined_outcomes: list[str],
               min_confidence: str) -> list[Statistic]:
    chosen = (f"from {window_start} to {window_end}, publishers "
              f"{', '.join(PUBLISHERS.get(k, k) for k in sorted(set(selected['source'])))}, "
              f"declines of {outcomes_in_words(chosen_outcomes(declined_outcomes))}")
    return [
        Statistic("longer_record_counts", len(selected), "counts",
                  f"counts on the timeline ({chosen}; those below {min_confidence} confidence as context)",
                  sources="+".join(sorted(set(selected["source"])))),
        Statistic("longer_record_context_only", int(selected["context_only"].sum()), "counts",
                  f"of those, counts below {min_confidence} confidence: drawn as context, used in no comparison",
                  sources="+".join(sorted(set(selected.loc[selected["context_only"], "source"])))),
    ]


def findings(recorded: list[Statistic], window_start: dt.date, window_end: dt.date, min_confidence: str) -> list[str]:
    """The timeline in a sentence, read from its statistics (``recorded``): how many counts, by whom, how many
    of them context only."""
    counts, context = _recorded(recorded)
    present = sorted(counts.source_set())
    return [f"From {window_start} to {window_end}, {counts.value} counts published by {publishers_in_words(present)} are "
            f"put on one footing, per day of the period each covers; {context.value} of them are "
            f"below {min_confidence} confidence and are shown as context only."]


# --------------------------------------------------------------------------- figure

def _segment(ax, row, color, hollow: bool):
    start, end = pd.Timestamp(row.period_start), pd.Timestamp(row.period_end) + pd.Timedelta(days=1)
    marker = SOURCE_MARKERS.get(row.source, "o")
    low, high = row.per_day_low, row.per_day_high
    if row.bound == "upper":  # only a high end: drawn there, pointing down
        low = high
    style = dict(color=color, lw=2.2, alpha=0.45 if hollow else 0.95, ls=":" if hollow else "-")
    if end - start <= pd.Timedelta(days=45):
        mid = start + (end - start) / 2
        ax.scatter([mid], [low], color=color, s=22, marker="^" if row.bound == "lower" else marker,
                   facecolors="none" if hollow else color, zorder=4)
    else:
        ax.hlines(low, start, end, **style)
        ax.scatter([start, end], [low, low], color=color, s=14, marker=marker, zorder=4,
                   facecolors="none" if hollow else color)
        if row.bound == "lower":
            ax.scatter([start + (end - start) / 2], [low], marker="^", color=color, s=26, zorder=4,
                       facecolors="none" if hollow else color)
        if row.bound == "upper":
            ax.scatter([start + (end - start) / 2], [low], marker="v", color=color, s=26, zorder=4,
                       facecolors="none" if hollow else color)
    if row.bound == "between" and not math.isnan(high):
        ax.vlines(start + (end - start) / 2, low, high, color=color, lw=1, alpha=0.8)


def figure(selected: pd.DataFrame, monthly: pd.DataFrame, window_start: dt.date, window_end: dt.date,
           min_confidence: str = "medium"):
    """Declines and detainers issued per day, every count over its own period, one colour a source."""
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    from ..figures import source_note, thousands

    fig, (top, bottom) = plt.subplots(2, 1, figsize=(10.0, 7.2), sharex=True)
    for ax, measure in ((top, "declined"), (bottom, "issued")):
        rows = selected[selected["measure"] == measure].sort_values(["period_start", "count_id"])
        for row in rows.itertuples():
            _segment(ax, row, SOURCE_COLORS.get(row.source, "#333333"), row.context_only)
    whole = monthly[monthly["whole_month"]] if "NPR" in set(selected["source"]) else monthly.iloc[0:0]
    mid = pd.to_datetime(whole["start"]) + pd.Timedelta(days=14)
    bottom.plot(mid, whole["detainers_issued"] / whole["days"], color=SOURCE_COLORS["NPR"], lw=1, alpha=0.8)
    top.set_ylabel("declined detainers per day")
    bottom.set_ylabel("detainers issued per day")
    thousands(bottom)
    top.set_title(f"Declines per day, {window_start} to {window_end}, each count over the period it covers")
    bottom.set_title("Detainers issued per day" + (" (line: NPR's monthly series)" if len(whole) else ""))
    for ax in (top, bottom):
        ax.set_ylim(0, None)
        ax.set_xlim(pd.Timestamp(window_start), pd.Timestamp(window_end))
    present = [s for s in SOURCE_COLORS if s in set(selected["source"])]
    handles = [Line2D([], [], color=SOURCE_COLORS[s], lw=2.2, marker=SOURCE_MARKERS.get(s, "o"), markersize=5,
                      label=PUBLISHERS.get(s, s)) for s in present]
    handles += [Line2D([], [], color="#333333", marker="^", ls="", label="lower bound ('more than')"),
                Line2D([], [], color="#333333", marker="v", ls="", label="upper bound ('fewer than')"),
                Line2D([], [], color="#333333", ls=":", alpha=0.5, label=f"below {min_confidence} confidence: context only")]
    top.legend(handles=handles, loc="upper left", fontsize=7.5, ncols=3)
    drawn_outcomes = set("+".join(selected.loc[selected["measure"] == "declined", "outcomes"]).split("+")) - {""}
    source_note(fig, f"Publishers: {publishers_in_words(present)}. Declines counted: "
                     f"{outcomes_in_words(sorted(drawn_outcomes, key=list(OUTCOMES).index))}. "
                     f"Per day = count / days covered; monthly averages / {display(DAYS_PER_MONTH)}.")
    fig.tight_layout(rect=(0, 0.06, 1, 1))
    drawn = selected[["count_id", "measure", "outcomes", "source", "period_start", "period_end", "days", "value",
                      "comparator", "per_day_low", "per_day_high", "bound", "confidence", "context_only"]].copy()
    drawn["per_day_low"] = drawn["per_day_low"].round(3)
    drawn["per_day_high"] = drawn["per_day_high"].round(3)
    return fig, drawn.reset_index(drop=True)
