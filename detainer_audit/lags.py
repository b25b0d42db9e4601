"""The dates behind the share: each year's declines set against detainers issued a lag earlier.

CIS counts a decline in the fiscal year in which it happened; DDP dates a detainer by the day ICE prepared
it. A decline follows its detainer by days to months, so a year's declines answer detainers issued partly in
the year before. The share is computed with each year's declines set against the detainers issued over the
same number of days, ``lag`` days earlier (`issued.windows_table`), for every lag in a range (`lags`). What is
said about the trend (`step_summary`, `smallest_change`, `trend_sentences`) holds over every lag and every
reading of the doubled weeks. The weekly counts start on a fixed Sunday, so the longest lag they can serve is
the days from that Sunday to CIS's first counted day (`lag_reach`); no lag beyond it is computed.
"""

from __future__ import annotations

import pandas as pd

from . import periods
from .bounds import Bounds
from .issued import direction, share_changes, windows_table
from .results import Statistic, for_readers


def lags(lag_max_days: int, lag_step_days: int) -> list[int]:
    """The lags tried, in days: 0, step, 2 x step, ... up to maximum."""
    if lag_step_days < 1 or lag_max_days < 0:
        raise ValueError(f"lags need a step of at least 1 day and a maximum of at least 0 "
                         f"(got {lag_step_days}, {lag_max_days})")
    return list(range(0, lag_max_days + 1, lag_step_days))


def lag_reach(weeks: pd.DataFrame, first_day) -> int:
    """The longest lag, in days, that the weekly counts can serve for a window starting on ``first_day``:
    the days from the first week's Sunday to it. No lag beyond it can be computed without weeks the
    project does not hold."""
    return (periods.as_date(first_day) - periods.as_date(weeks["week_from"].min())).days


def lagged_table(weeks: pd.DataFrame, cis_years: pd.DataFrame, annualization_basis: str,
                 lag_list: list[int]) -> pd.DataFrame:
    """`windows_table` once per lag, stacked, with the lag in ``lag_days``."""
    return pd.concat([windows_table(weeks, cis_years, annualization_basis, lag).assign(lag_days=lag)
                      for lag in lag_list], ignore_index=True)


def lagged_changes(lagged: pd.DataFrame) -> pd.DataFrame:
    """`share_changes` once per lag, stacked, with the lag in ``lag_days``."""
    frames = [share_changes(part).assign(lag_days=lag) for lag, part in lagged.groupby("lag_days", sort=True)]
    return pd.concat(frames, ignore_index=True)


def lag_words(chosen: list[int], every: list[int]) -> str:
    """Lags in words, consecutive ones (in ``every``) joined into a run: '0 to 15 days', '45 days'."""
    runs, position = [], {lag: i for i, lag in enumerate(every)}
    for lag in sorted(chosen):
        if runs and position[lag] == position[runs[-1][-1]] + 1:
            runs[-1].append(lag)
        else:
            runs.append([lag])
    said = [f"{run[0]}" if len(run) == 1 else f"{run[0]} to {run[-1]}" for run in runs]
    return (said[0] if len(said) == 1 else ", ".join(said[:-1]) + " and " + said[-1]) + " days"


def changes_readers(changes: pd.DataFrame) -> pd.DataFrame:
    """Each step's change of the share at each lag (`lagged_changes`), as readers see it."""
    return for_readers(changes, {
        "lag_days": "lag (days)", "from_fiscal_year": "from", "fiscal_year": "to",
        "change_estimate_pp": "share change (points)", "change_low_pp": "change: at least",
        "change_high_pp": "change: at most"}, {"change_estimate_pp": 1, "change_low_pp": 1, "change_high_pp": 1})


def step_summary(changes: pd.DataFrame) -> pd.DataFrame:
    """One row per year-over-year step, over every lag: the change at the shortest lag (doubled weeks
    halved), the lowest and highest change over every lag and reading of the doubled weeks, and the lags
    at which the share fell (or rose) on every reading."""
    rows = []
    if changes.empty:
        return pd.DataFrame(columns=["fiscal_year", "from_fiscal_year", "change_estimate_pp", "change_low_pp",
                                     "change_high_pp", "annualized_change_pct", "lags_fell", "lags_rose", "lags_unsettled"])
    for (fiscal_year, previous), part in changes.groupby(["fiscal_year", "from_fiscal_year"], sort=True):
        part = part.sort_values("lag_days")
        rows.append({
            "fiscal_year": int(fiscal_year), "from_fiscal_year": int(previous),
            "change_estimate_pp": part["change_estimate_pp"].iloc[0],
            "change_low_pp": part["change_low_pp"].min(), "change_high_pp": part["change_high_pp"].max(),
            "annualized_change_pct": part["annualized_change_pct"].iloc[0],
            "lags_fell": [int(x) for x in part.loc[part["change_high_pp"] < 0, "lag_days"]],
            "lags_rose": [int(x) for x in part.loc[part["change_low_pp"] > 0, "lag_days"]],
            "lags_unsettled": [int(x) for x in part.loc[(part["change_high_pp"] >= 0) & (part["change_low_pp"] <= 0), "lag_days"]],
        })
    return pd.DataFrame(rows)


def smallest_change(changes: pd.DataFrame) -> tuple[float, Bounds]:
    """The smallest year-over-year change of the share: at the shortest lag with the doubled weeks halved,
    and its bounds over every lag and reading. At one lag the smallest change lies between the lowest low
    end and the lowest high end of its steps; over the lags, between the lowest of the first and the highest
    of the second."""
    per_lag = changes.groupby("lag_days", sort=True)[["change_estimate_pp", "change_low_pp", "change_high_pp"]].min()
    return float(per_lag["change_estimate_pp"].iloc[0]), Bounds(float(per_lag["change_low_pp"].min()),
                                                                float(per_lag["change_high_pp"].max()))


def year_ranges(lagged: pd.DataFrame) -> pd.DataFrame:
    """One row per window: the share at the shortest lag (doubled weeks halved), and its lowest and highest
    value over every lag and reading of the doubled weeks."""
    rows = []
    for window, part in lagged.groupby("window", sort=False):
        part = part.sort_values("lag_days")
        rows.append({"window": window, "fiscal_year": part["fiscal_year"].iloc[0],
                     "counted_from": part["counted_from"].iloc[0], "counted_to": part["counted_to"].iloc[0],
                     "declined": int(part["declined"].iloc[0]), "share_estimate_pct": part["share_estimate_pct"].iloc[0],
                     "lowest_pct": part["share_low_pct"].min(), "highest_pct": part["share_high_pct"].max()})
    return pd.DataFrame(rows)


def _pct(value: float) -> str:
    return f"{value:.1f}%"


def _points(low: float, high: float) -> str:
    return f"{low:+.1f} to {high:+.1f} points"


def dating_words(weeks: pd.DataFrame, cis_years: pd.DataFrame, lag_list: list[int]) -> list[str]:
    """How each count is dated, and how far back the weekly counts let the lag go, written from the data."""
    first_day = periods.as_date(cis_years["counted_from"].min())
    reach = lag_reach(weeks, first_day)
    step = lag_list[1] - lag_list[0] if len(lag_list) > 1 else 0
    tried = (f"from 0 to {lag_list[-1]} days, every {step} days" if len(lag_list) > 1 else "of 0 days only")
    return [
        f"CIS counts each decline in the fiscal year in which it happened; its first counted day is {first_day} "
        f"and its last {periods.as_date(cis_years['counted_to'].max())}.",
        f"DDP dates each detainer by the day ICE prepared it, in weeks from Sunday to Saturday, "
        f"{periods.as_date(weeks['week_from'].min())} to {periods.as_date(weeks['week_to'].max())}.",
        "A decline follows its detainer by days to months, so each year's declines are also set against the "
        f"detainers issued earlier, over the same number of days: lags {tried}.",
        f"The weekly counts start {reach} days before CIS's first counted day, so no lag longer than {reach} days "
        f"can be computed; longer lags would need weeks before {periods.as_date(weeks['week_from'].min())}, which "
        "the project's data do not hold.",
    ]


def share_words(ranges: pd.DataFrame) -> list[str]:
    """What the share shows, year by year, over every lag, in sentences written from the numbers (step by step:
    `trend_sentences`)."""
    lines = []
    for row in ranges.itertuples():
        name = "The whole span" if row.window == "total" else row.window
        lines.append(f"{name} ({row.counted_from} to {row.counted_to}): {row.declined:,} declined, "
                     f"{_pct(row.share_estimate_pct)} of the detainers issued over the same days; "
                     f"{_pct(row.lowest_pct)} to {_pct(row.highest_pct)} over every lag and reading of the doubled weeks.")
    return lines


def step_words(summary: pd.DataFrame, lag_list: list[int]) -> list[str]:
    """One sentence per year-over-year step: at which lags the share fell, rose, or was left open."""
    lines = []
    for row in summary.itertuples():
        parts = []
        for lags_of, verb in ((row.lags_fell, "fell"), (row.lags_rose, "rose"),
                              (row.lags_unsettled, "moved by an amount whose sign the doubled weeks leave open")):
            if not lags_of:
                continue
            where = f"at every lag, {lag_words(lags_of, lag_list)}" if len(lags_of) == len(lag_list) else \
                f"at lags of {lag_words(lags_of, lag_list)}"
            parts.append(f"{verb} {where}")
        lines.append(f"FY{row.from_fiscal_year} to FY{row.fiscal_year}: the share " + " and ".join(parts)
                     + f"; change {_points(row.change_low_pp, row.change_high_pp)}.")
    return lines


def trend_sentences(summary: pd.DataFrame, smallest: tuple[float, Bounds], lag_list: list[int]) -> list[str]:
    """What holds for 'more and more' over every lag and reading: the count, each step, the conclusion."""
    if summary.empty:
        return []
    rose = int((summary["annualized_change_pct"] > 0).sum())
    _, span = smallest
    shown = _points(span.low, span.high)
    moved = direction(span.low, span.high)
    conclusion = {
        "fell": f"So at no lag did the share rise every year: the smallest yearly change is {shown}.",
        "rose": f"So the share rose every year at every lag: the smallest yearly change is {shown}.",
        "unsettled": f"Whether the share rose every year depends on the lag or the doubled weeks: the smallest "
                     f"yearly change is {shown}.",
    }[moved]
    return ([f"The annualized count of declines rose in {rose} of {len(summary)} year-over-year steps."]
            + step_words(summary, lag_list) + [conclusion])


def _over_lags(name: str, estimate: float, span: Bounds, what: str, lagged: str) -> list[Statistic]:
    """An estimate over the same days (doubled weeks halved) and its bounds over every lag and reading."""
    return [Statistic(name, estimate, "percentage points (estimate)", f"{what}, over the same days; doubled weeks halved",
                      sources="CIS+DDP"),
            Statistic(f"{name}_low", span.low, "percentage points (lower bound)", f"{what}: lowest {lagged}",
                      sources="CIS+DDP"),
            Statistic(f"{name}_high", span.high, "percentage points (upper bound)", f"{what}: highest {lagged}",
                      sources="CIS+DDP")]


def statistics(ranges: pd.DataFrame, summary: pd.DataFrame, smallest: tuple[float, Bounds] | None,
               lag_list: list[int], reach: int) -> list[Statistic]:
    """The share over every lag: each window's lowest and highest, each step's and the smallest change's
    bounds (estimate: over the same days, doubled weeks halved), the steps that fell or rose at every lag."""
    stats = []
    lagged = f"over lags of 0 to {lag_list[-1]} days and every reading of the doubled weeks"
    for row in ranges.itertuples():
        key = row.window.lower()
        span = f"{row.counted_from} to {row.counted_to}"
        stats += [Statistic(f"declined_share_{key}_lowest_over_lags", row.lowest_pct, "percent",
                            f"lowest declined share for {span}, {lagged}", sources="CIS+DDP"),
                  Statistic(f"declined_share_{key}_highest_over_lags", row.highest_pct, "percent",
                            f"highest declined share for {span}, {lagged}", sources="CIS+DDP")]
    stats += [Statistic("declined_share_lag_max_days", lag_list[-1], "days",
                        "longest lag tried between a detainer issued and a decline counted", sources="DDP"),
              Statistic("declined_share_lag_step_days", lag_list[1] - lag_list[0] if len(lag_list) > 1 else 0, "days",
                        "step between the lags tried", sources="DDP"),
              Statistic("detainers_issued_weekly_lag_reach_days", reach, "days",
                        "longest lag the weekly counts can serve: days from their first week to CIS's first counted day",
                        sources="DDP")]
    for row in summary.itertuples():
        stats += _over_lags(f"declined_share_change_fy{row.fiscal_year}_pp", row.change_estimate_pp,
                            Bounds(row.change_low_pp, row.change_high_pp),
                            f"change of the declined share, FY{row.from_fiscal_year} to FY{row.fiscal_year}", lagged)
    if len(summary):
        estimate, span = smallest
        stats += _over_lags("declined_share_change_min_pp", estimate, span,
                            "smallest year-over-year change of the declined share (negative: a fall)", lagged)
        everywhere = len(lag_list)
        stats.append(Statistic("declined_share_years_fell", int((summary["lags_fell"].map(len) == everywhere).sum()),
                               "steps", f"year-over-year steps in which the declined share fell {lagged}",
                               sources="CIS+DDP"))
        stats.append(Statistic("declined_share_years_rose", int((summary["lags_rose"].map(len) == everywhere).sum()),
                               "steps", f"year-over-year steps in which the declined share rose {lagged}",
                               sources="CIS+DDP"))
    return stats


def figure(lagged: pd.DataFrame, annualization_basis: str):
    """Left: the annualized count of declines per fiscal year; right: the declined share per fiscal year over
    every lag, as a band from its lowest to its highest value (every lag and reading of the doubled weeks),
    with one line per lag (doubled weeks halved)."""
    import matplotlib.pyplot as plt
    import numpy as np

    from .figures import PALETTE, source_note, thousands

    every = lagged[lagged["fiscal_year"].notna()].reset_index(drop=True)
    lag_list = sorted(every["lag_days"].unique())
    years = every[every["lag_days"] == lag_list[0]].reset_index(drop=True)
    fig, (left, right) = plt.subplots(1, 2, figsize=(10.0, 4.4))
    x = np.arange(len(years))
    labels = [f"FY{int(y)}" for y in years["fiscal_year"]]
    left.bar(x, years["annualized_declined"], color=PALETTE["annualized"], width=0.6)
    for xi, value in zip(x, years["annualized_declined"]):
        left.annotate(f"{value:,.0f}", (xi, value), ha="center", va="bottom", fontsize=8, xytext=(0, 2),
                      textcoords="offset points")
    left.set_xticks(x, labels)
    words = {"days_in_fiscal_year": "per day x days of the fiscal year", "fixed_365": "per day x 365",
             "average_365.25": "per day x 365.25"}.get(annualization_basis, annualization_basis)
    left.set_ylabel(f"declined detainers per year\n({words})")
    thousands(left)
    left.set_ylim(0, years["annualized_declined"].max() * 1.18)
    left.set_title("Count of declines, annualized", fontsize=10)
    band = every.groupby("fiscal_year", sort=True).agg(low=("share_low_pct", "min"), high=("share_high_pct", "max"))
    right.fill_between(x, band["low"].to_numpy(), band["high"].to_numpy(), color=PALETTE["muted"], alpha=0.3, lw=0,
                       label="every lag and reading of the doubled weeks")
    colors = plt.get_cmap("viridis")(np.linspace(0.0, 0.85, len(lag_list)))
    for color, lag in zip(colors, lag_list):
        line = every[every["lag_days"] == lag].sort_values("fiscal_year")
        right.plot(x, line["share_estimate_pct"], marker="o", ms=3, lw=1.2, color=color,
                   label=("same days" if lag == 0 else f"{lag} days earlier") if lag in (lag_list[0], lag_list[-1]) else None)
    for xi, (low, high) in zip(x, band.itertuples(index=False)):
        right.annotate(f"{low:.1f} to {high:.1f}%", (xi, high), xytext=(0, 5), textcoords="offset points", ha="center",
                       fontsize=7.5, bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.85})
    right.set_xticks(x, labels)
    right.set_xlim(-0.4, len(years) - 0.6)
    right.set_ylim(0, band["high"].max() * 1.25)
    right.set_ylabel("declined, % of detainers issued")
    right.set_title(f"Declined share, detainers issued 0 to {lag_list[-1]} days earlier", fontsize=10)
    right.legend(loc="lower left", fontsize=7, title="detainers issued", title_fontsize=7)
    fig.suptitle("Declined detainers per fiscal year: the count, and its share of detainers issued", x=0.01, ha="left",
                 fontweight="bold", fontsize=11)
    source_note(fig, "Declines: CIS (Nov 2024), by fiscal year of the decline. Detainers issued: Deportation Data "
                     "Project's weekly counts of ICE records, by prepare date; lines: doubled weeks halved, one per lag; "
                     "band: lowest to highest share over every lag and reading. See data/raw/README.md.")
    fig.tight_layout(rect=(0, 0.05, 1, 0.95))
    drawn = every[["fiscal_year", "lag_days", "counted_from", "counted_to", "declined", "annualized_declined",
                   "issued_estimate", "issued_low", "issued_high", "share_estimate_pct", "share_low_pct",
                   "share_high_pct"]].copy()
    drawn["fiscal_year"] = drawn["fiscal_year"].astype(int)
    drawn = drawn.round(4)
    drawn["annualization_basis"] = annualization_basis
    return fig, drawn
