"""Declined detainers per fiscal year (CIS, FY2021-FY2024): coverage, rates, trend."""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd

from . import params, periods, rawdata
from .results import Statistic

TABLE = "declined_detainers_by_fiscal_year"
NOTEBOOK = "01_declined_detainers_fy2021_2024"
READS: tuple[str, ...] = ()  # the notebooks whose results this one reads: none


@dataclass(frozen=True)
class Parameters:
    """Notebook 01's parameters, declared once: each default is the published value; building one checks
    every value and refuses a bad one with `params.ParameterError`, naming the parameter and the value."""

    fiscal_years: list[int] = params.parameter([2021, 2022, 2023, 2024],
                                               "fiscal years to include; the data hold 2021 to 2024")
    annualization_basis: str = params.parameter(
        "days_in_fiscal_year", 'how a partial year is put on an annual footing: "days_in_fiscal_year", "fixed_365" or '
        '"average_365.25"')
    claimed_total_floor: float = params.parameter(22000, 'the article\'s "more than 22,000", the figure under test')
    monthly_from: str = params.parameter("2023-02-01", 'the article\'s "since early 2023": TRAC\'s own starting month')
    monthly_to: str = params.parameter("2023-12-31", "the last month of TRAC's data: the claim is judged over the span "
                                                     "its cited source covers")
    monthly_context_to: str = params.parameter("2024-10-31", "the last whole month before the article (November 2024): "
                                                             "a longer span, context only")
    lag_max_days: int = params.parameter(105, "longest lag tried between a detainer issued and a decline counted; at "
                                              "most what the weekly counts reach")
    lag_step_days: int = params.parameter(15, "step between the lags tried, in days; it must divide lag_max_days")

    def __post_init__(self):
        from .issued import WEEKLY, single_source_end
        from .lags import lag_reach

        raw = rawdata.read_table(TABLE)
        weeks = rawdata.read_table(WEEKLY)
        first, last = periods.as_date(weeks["week_from"].min()), periods.as_date(weeks["week_to"].max())
        fiscal_years = params.integer_list("fiscal_years", self.fiscal_years, raw["fiscal_year"].tolist())
        annualization_basis = params.choice("annualization_basis", self.annualization_basis,
                                            periods.ANNUALIZATION_BASES)
        claimed_total_floor = params.number("claimed_total_floor", self.claimed_total_floor, 0, 10_000_000)
        start, end = params.window(self.monthly_from, self.monthly_to, first, last, ("monthly_from", "monthly_to"))
        if start > single_source_end(weeks):
            raise params.ParameterError(f"parameter monthly_from='{start}' must be on or before "
                                        f"{single_source_end(weeks)}, the last day the weekly counts take from one ICE "
                                        "release, so that those weeks can be compared on their own")
        _, context_end = params.window(end, self.monthly_context_to, first, last, ("monthly_to", "monthly_context_to"))
        first_day = raw.loc[raw["fiscal_year"].isin(fiscal_years), "counted_from"].min()
        reach = lag_reach(weeks, first_day)
        lag_max_days, lag_step_days = self.lag_max_days, self.lag_step_days
        if type(lag_max_days) is not int:
            raise params.ParameterError(f"parameter lag_max_days must be a whole number of days, got "
                                        f"{type(lag_max_days).__name__} {lag_max_days!r}")
        if not 0 <= lag_max_days <= reach:
            raise params.ParameterError(f"parameter lag_max_days={lag_max_days} is out of range; allowed: 0 to {reach} "
                                        f"(the weekly counts start on {first}, {reach} days before CIS's first counted "
                                        f"day, {periods.as_date(first_day)}; longer lags would need weeks the data do "
                                        "not hold)")
        if type(lag_step_days) is not int or not 1 <= lag_step_days <= max(lag_max_days, 1) \
                or lag_max_days % lag_step_days:
            raise params.ParameterError(f"parameter lag_step_days={lag_step_days!r} must be a whole number of days "
                                        f"from 1 to lag_max_days ({lag_max_days}) that divides it")
        params.settle(self, fiscal_years=fiscal_years, annualization_basis=annualization_basis,
                      claimed_total_floor=claimed_total_floor, monthly_from=start.isoformat(),
                      monthly_to=end.isoformat(), monthly_context_to=context_end.isoformat())


def coverage_table(declined: pd.DataFrame, fiscal_years: list[int], annualization_basis: str) -> pd.DataFrame:
    """One row per fiscal year: days covered, partial or not, per-day and annualized counts.

    ``annualized`` = declined detainers / days covered x the year length given by ``annualization_basis``;
    ``change_annualized_pct`` compares each year's annualized count with the year before it
    (empty for the first year shown).
    """
    rows = []
    for record in declined.sort_values("fiscal_year").itertuples(index=False):
        if record.fiscal_year not in fiscal_years:
            continue
        fy_start, fy_end = periods.fiscal_year_bounds(record.fiscal_year)
        days = periods.days_inclusive(record.counted_from, record.counted_to)
        rows.append({
            "fiscal_year": record.fiscal_year,
            "counted_from": periods.as_date(record.counted_from).isoformat(),
            "counted_to": periods.as_date(record.counted_to).isoformat(),
            "partial_year": periods.is_partial_fiscal_year(record.fiscal_year, record.counted_from, record.counted_to),
            "days_covered": days,
            "days_in_fiscal_year": periods.days_in_fiscal_year(record.fiscal_year),
            "declined_detainers": int(record.declined_detainers),
            "declined_per_day": record.declined_detainers / days,
            "annualized": periods.annualize(record.declined_detainers, days, annualization_basis, record.fiscal_year),
        })
    table = pd.DataFrame(rows)
    table["change_annualized_pct"] = table["annualized"].pct_change() * 100
    return table


def trend_words(table: pd.DataFrame) -> list[str]:
    """Plain statements of each year-over-year change, written from the numbers."""
    lines = []
    for previous, current in zip(table.itertuples(), table.iloc[1:].itertuples()):
        direction = "up" if current.annualized > previous.annualized else "down"
        lines.append(
            f"FY{previous.fiscal_year} -> FY{current.fiscal_year}: {direction} "
            f"{abs(current.change_annualized_pct):.1f}% on the annualized basis "
            f"({previous.annualized:,.0f} -> {current.annualized:,.0f} a year)"
        )
    return lines


def findings(table: pd.DataFrame, claimed_total_floor: float, ranges: pd.DataFrame, summary: pd.DataFrame, smallest,
             lag_list: list[int], months: dict, cited: dict | None, low_pct: float, high_pct: float) -> list[str]:
    """What notebook 01 finds, in words written from its computed values: the total against the floor
    under test, the partial years, the share over every lag, the scale of CIS's counts, the monthly pace of
    detainers issued, and what the counts rest on."""
    from .issued import month_words
    from .lags import trend_sentences
    from .scale import scale_words

    total = int(table["declined_detainers"].sum())
    first, last = table["counted_from"].min(), table["counted_to"].max()
    partial = [f"FY{row.fiscal_year}" for row in table.itertuples() if row.partial_year]
    years = ", ".join(f"FY{fy}" for fy in table["fiscal_year"])
    margin = total - claimed_total_floor
    sentences = [
        f"CIS's counts for {years} add up to {total:,} declined detainers from {first} to {last}, "
        + (f"more than {claimed_total_floor:,.0f} (by {margin:,.0f})" if margin > 0
           else f"not more than {claimed_total_floor:,.0f} (short by {-margin:,.0f})")
        + (f"; {' and '.join(partial)} {'are partial years' if len(partial) > 1 else 'is a partial year'}, so the "
           "yearly counts do not compare as they stand." if partial else "."),
    ]
    sentences += trend_sentences(summary, smallest, lag_list)
    sentences += scale_words(ranges, low_pct, high_pct)
    sentences.append("The counts themselves rest on CIS's list alone: no other publisher counts declines over these "
                     "days, and a recount from ICE's record-level files has not been published (`make recount` "
                     "performs it for anyone who has the Deportation Data Project's files).")
    sentences += month_words(months, cited)
    return sentences


def pace(table: pd.DataFrame) -> tuple[float, float]:
    """Declined detainers per day and per average month (30.4375 days) over the whole period."""
    per_day = table["declined_detainers"].sum() / table["days_covered"].sum()
    return per_day, per_day * 365.25 / 12


def statistics(table: pd.DataFrame, annualization_basis: str) -> list[Statistic]:
    """Every statistic here is computed from CIS's list alone (sources: CIS)."""
    stats = []
    for row in table.itertuples():
        fy = row.fiscal_year
        span = f"{row.counted_from} to {row.counted_to}"
        stats += [
            Statistic(f"declined_fy{fy}", row.declined_detainers, "declined detainers",
                      f"declined detainers counted in FY{fy} ({span})", headline=True),
            Statistic(f"days_covered_fy{fy}", row.days_covered, "days",
                      f"days from {span}, both ends included"),
            Statistic(f"declined_per_day_fy{fy}", row.declined_per_day, "declined detainers per day",
                      f"FY{fy} count divided by the days it covers"),
            Statistic(f"declined_fy{fy}_annualized", row.annualized, "declined detainers per year",
                      f"FY{fy} annualized: {periods.ANNUALIZATION_BASES[annualization_basis]}",
                      headline=bool(row.partial_year)),
        ]
        if pd.notna(row.change_annualized_pct):
            stats.append(Statistic(f"change_annualized_fy{fy}_pct", row.change_annualized_pct, "percent",
                                   f"change of the annualized count from FY{fy - 1} to FY{fy}", headline=True))
    if table["change_annualized_pct"].notna().any():
        stats.append(Statistic("change_annualized_min_pct", table["change_annualized_pct"].min(), "percent",
                               "smallest year-over-year change of the annualized count (negative: a fall)"))
    first, last = table["counted_from"].min(), table["counted_to"].max()
    stats.append(Statistic("declined_total", table["declined_detainers"].sum(), "declined detainers",
                           f"sum over FY{table.fiscal_year.min()}-FY{table.fiscal_year.max()} ({first} to {last})",
                           headline=True))
    stats.append(Statistic("days_covered_total", table["days_covered"].sum(), "days",
                           f"days from {first} to {last}"))
    stats.append(Statistic("declined_per_month_total", pace(table)[1], "declined detainers per month",
                           "total divided by days covered x 30.4375 (average month)"))
    return [replace(item, sources="CIS") for item in stats]


def figure(table: pd.DataFrame, annualization_basis: str):
    """Bars: the reported count per fiscal year (partial years hatched) beside its annualized value."""
    import matplotlib.pyplot as plt
    import numpy as np

    from .figures import PALETTE, source_note, thousands

    fig, ax = plt.subplots()
    x = np.arange(len(table))
    width = 0.38
    colors = [PALETTE["partial"] if p else PALETTE["full"] for p in table["partial_year"]]
    reported = ax.bar(x - width / 2, table["declined_detainers"], width, color=colors,
                      hatch=["//" if p else "" for p in table["partial_year"]], edgecolor="white",
                      label="reported count")
    annual = ax.bar(x + width / 2, table["annualized"], width, color=PALETTE["annualized"],
                    label=f"annualized ({annualization_basis})")
    for bars, values in ((reported, table["declined_detainers"]), (annual, table["annualized"])):
        for bar, value in zip(bars, values):
            ax.annotate(f"{value:,.0f}", (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                        ha="center", va="bottom", fontsize=8, xytext=(0, 2), textcoords="offset points")
    labels = []
    for row in table.itertuples():
        label = f"FY{row.fiscal_year}"
        if row.partial_year:
            label += f"\npartial: {row.days_covered} of {row.days_in_fiscal_year} days\n{row.counted_from} to {row.counted_to}"
        labels.append(label)
    ax.set_xticks(x, labels, fontsize=8)
    ax.set_ylabel("declined detainers")
    thousands(ax)
    ax.set_ylim(0, table[["declined_detainers", "annualized"]].to_numpy().max() * 1.15)
    ax.set_title("Declined detainers by fiscal year: reported counts and annualized pace")
    from matplotlib.patches import Patch
    ax.legend(handles=[Patch(color=PALETTE["full"], label="reported count, full year"),
                       Patch(facecolor=PALETTE["partial"], hatch="//", edgecolor="white",
                             label="reported count, partial year"),
                       Patch(color=PALETTE["annualized"], label=f"annualized ({annualization_basis})")],
              loc="upper left", fontsize=8)
    source_note(fig, "Source: ICE records as published by the Center for Immigration Studies (Nov 2024); "
                     "see data/raw/README.md.")
    fig.subplots_adjust(bottom=0.25)
    data = table[["fiscal_year", "counted_from", "counted_to", "partial_year", "days_covered",
                  "declined_detainers", "annualized"]].copy()
    data["annualized"] = data["annualized"].round(2)
    data["annualization_basis"] = annualization_basis
    return fig, data
