"""Declined detainers per fiscal year (CIS, FY2021-FY2024): coverage, rates, trend, and the share of detainers
issued that they make (notebook 01).

`answer` is the notebook's one call: it reads CIS's counts and the Deportation Data Project's weekly counts of
detainers issued once, computes every table and statistic once, and writes every sentence from the values
recorded. Detainers issued over CIS's days and the checks against other counts are in `issued`, the lags between
a detainer and its decline in `lags`, the scale of CIS's counts against other publishers' shares in `scale`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd

from . import answers, findings as claims, issued, lags, params, periods, rawdata, results, scale
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
        raw = rawdata.read_table(TABLE)
        weeks = rawdata.read_table(issued.WEEKLY)
        first, last = periods.as_date(weeks["week_from"].min()), periods.as_date(weeks["week_to"].max())
        fiscal_years = params.integer_list("fiscal_years", self.fiscal_years, raw["fiscal_year"].tolist())
        annualization_basis = params.choice("annualization_basis", self.annualization_basis,
                                            periods.ANNUALIZATION_BASES)
        claimed_total_floor = params.number("claimed_total_floor", self.claimed_total_floor, 0, 10_000_000)
        start, end = params.window(self.monthly_from, self.monthly_to, first, last, ("monthly_from", "monthly_to"))
        if start > issued.single_source_end(weeks):
            raise params.ParameterError(f"parameter monthly_from='{start}' must be on or before "
                                        f"{issued.single_source_end(weeks)}, the last day the weekly counts take from one ICE "
                                        "release, so that those weeks can be compared on their own")
        _, context_end = params.window(end, self.monthly_context_to, first, last, ("monthly_to", "monthly_context_to"))
        first_day = raw.loc[raw["fiscal_year"].isin(fiscal_years), "counted_from"].min()
        reach = lags.lag_reach(weeks, first_day)
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


def coverage_readers(table: pd.DataFrame) -> pd.DataFrame:
    """The coverage table as readers see it: columns in words, counts and rates rounded."""
    return results.for_readers(table.assign(partial_year=table["partial_year"].map({True: "yes", False: "no"})), {
        "fiscal_year": "fiscal year", "counted_from": "from", "counted_to": "to", "partial_year": "partial year",
        "days_covered": "days counted", "days_in_fiscal_year": "days in the fiscal year",
        "declined_detainers": "declined detainers", "declined_per_day": "per day", "annualized": "a year, at that pace",
        "change_annualized_pct": "change on the year before (%)"},
        {"declined_detainers": 0, "declined_per_day": 2, "annualized": 0, "change_annualized_pct": 1})


def pace(total: float, days: int) -> tuple[float, float]:
    """Declined detainers per day and per average month (30.4375 days), ``total`` over ``days``."""
    per_day = total / days
    return per_day, per_day * 365.25 / 12


def total_words(values: dict[str, float], table: pd.DataFrame, claimed_total_floor: float) -> list[str]:
    """The total over the whole period against the floor under test, and its pace, read from the statistics
    that record them (``values``: statistic -> value)."""
    total, days = int(values["declined_total"]), int(values["days_covered_total"])
    margin = total - claimed_total_floor
    return [f"Declined detainers, {table['counted_from'].min()} to {table['counted_to'].max()}: {total:,} over "
            f"{days:,} days",
            f"More than {claimed_total_floor:,.0f}? " + (f"yes, by {margin:,.0f}" if margin > 0
                                                        else f"no, short by {-margin:,.0f}"),
            f"Average pace: {pace(total, days)[0]:.2f} a day, {values['declined_per_month_total']:,.0f} a month"]


def total_sentence(values: dict[str, float], table: pd.DataFrame, claimed_total_floor: float) -> str:
    """What the total says about the floor under test, and which years are partial, in one sentence written
    from the recorded total."""
    total = int(values["declined_total"])
    first, last = table["counted_from"].min(), table["counted_to"].max()
    partial = [f"FY{row.fiscal_year}" for row in table.itertuples() if row.partial_year]
    years = ", ".join(f"FY{fy}" for fy in table["fiscal_year"])
    margin = total - claimed_total_floor
    return (f"CIS's counts for {years} add up to {total:,} declined detainers from {first} to {last}, "
            + (f"more than {claimed_total_floor:,.0f} (by {margin:,.0f})" if margin > 0
               else f"not more than {claimed_total_floor:,.0f} (short by {-margin:,.0f})")
            + (f"; {' and '.join(partial)} {'are partial years' if len(partial) > 1 else 'is a partial year'}, so the "
               "yearly counts do not compare as they stand." if partial else "."))


RESTS_ON = ("The counts themselves rest on CIS's list alone: no other publisher counts declines over these days, and "
            "a recount from ICE's record-level files has not been published (`make recount` performs it for anyone "
            "who has the Deportation Data Project's files).")


def statistics(table: pd.DataFrame, annualization_basis: str) -> list[Statistic]:
    """Every statistic here is computed from CIS's list alone (sources: CIS). The total over the whole period,
    its days and its pace are computed here once; every sentence reads them from these statistics."""
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
    total, days = int(table["declined_detainers"].sum()), int(table["days_covered"].sum())
    stats.append(Statistic("declined_total", total, "declined detainers",
                           f"sum over FY{table.fiscal_year.min()}-FY{table.fiscal_year.max()} ({first} to {last})",
                           headline=True))
    stats.append(Statistic("days_covered_total", days, "days", f"days from {first} to {last}"))
    stats.append(Statistic("declined_per_month_total", pace(total, days)[1], "declined detainers per month",
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


def windows_of(recorded: pd.DataFrame, cis_years: pd.DataFrame) -> pd.DataFrame:
    """The windows over the same days (`issued.windows_table` at a lag of 0 days) read back from the statistics
    notebook 01 records (``recorded``: rows with ``statistic`` and ``value``, as `results.read` returns them), so
    that another notebook takes them from notebook 01's results instead of computing them again: one row per
    fiscal-year window of CIS's list (``cis_years``, which also gives each window's days) and one for the whole
    span. A window whose doubled weeks leave no bounds is recorded once; its bounds are its value. A statistic
    notebook 01 did not record is an error naming it."""
    values = dict(zip(recorded["statistic"], recorded["value"].astype(float)))

    def value(name: str) -> float:
        if name not in values:
            raise KeyError(f"notebook 01's results hold no statistic {name!r}: another notebook reads it from there "
                           "(run notebook 01 first, with every fiscal year of CIS's list)")
        return values[name]

    years = cis_years.sort_values("fiscal_year")
    spans = [(f"FY{r.fiscal_year}", f"fy{r.fiscal_year}", r.fiscal_year, periods.as_date(r.counted_from),
              periods.as_date(r.counted_to)) for r in years.itertuples()]
    spans.append(("total", "total", None, spans[0][3], spans[-1][4]))
    rows = []
    for label, key, fiscal_year, start, end in spans:
        row = {"window": label, "fiscal_year": fiscal_year, "counted_from": start.isoformat(),
               "counted_to": end.isoformat(), "declined": int(value(f"declined_{key}"))}
        for name, column in ((f"detainers_issued_{key}", "issued"), (f"declined_share_{key}", "share")):
            estimate = value(name)
            suffix = "_pct" if column == "share" else ""
            row[f"{column}_estimate{suffix}"] = estimate
            for end_name in ("low", "high"):
                row[f"{column}_{end_name}{suffix}"] = values.get(f"{name}_{end_name}", estimate)
        rows.append(row)
    table = pd.DataFrame(rows)
    table["fiscal_year"] = table["fiscal_year"].astype("Int64")
    return table


def answer(p: Parameters) -> answers.Answer:
    """Notebook 01's whole answer at the parameters ``p``: the findings, then its sections in the order the
    notebook shows them (each year's coverage and pace, the total, the trend of the count, its figure, detainers
    issued over CIS's days, the checks against other counts, the share over every lag and its figure, the monthly
    pace of detainers issued, the scale of CIS's counts), and the statistics it records.

    The windows over the same days (the lag of 0 days) are the first lag of the lagged windows, computed once;
    another notebook reads them back from this answer's statistics with `windows_of`."""
    from . import figures  # matplotlib, only once a figure is drawn (a parameter check never needs it)

    figures.apply_style()
    raw = rawdata.read_table(TABLE)
    weeks = rawdata.read_table(issued.WEEKLY)
    counts = rawdata.read_table(issued.COUNTS)
    documents = rawdata.read_table("documents")
    cis_years = raw[raw["fiscal_year"].isin(p.fiscal_years)]

    coverage = coverage_table(raw, p.fiscal_years, p.annualization_basis)
    lag_list = lags.lags(p.lag_max_days, p.lag_step_days)
    lagged = lags.lagged_table(weeks, cis_years, p.annualization_basis, lag_list)
    windows = lagged[lagged["lag_days"] == 0].drop(columns="lag_days").reset_index(drop=True)  # the same days
    checks = issued.other_counts(weeks, counts)
    changes = lags.lagged_changes(lagged)
    summary = lags.step_summary(changes)
    ranges = lags.year_ranges(lagged)
    smallest = lags.smallest_change(changes) if len(changes) else None
    floor = issued.cited_floor(counts)
    months = issued.month_spans(weeks, floor, p.monthly_from, p.monthly_to, p.monthly_context_to)
    shares = scale.published_shares(counts, documents)
    others = scale.scale_range(shares)

    recorded = (statistics(coverage, p.annualization_basis)
                + issued.statistics(windows, checks, months, shares, others)
                + lags.statistics(ranges, summary, smallest, lag_list,
                                  lags.lag_reach(weeks, cis_years["counted_from"].min())))
    values = {item.statistic: item.value for item in recorded}
    changed = params.changed(p)

    trend = lags.trend_sentences(summary, smallest, lag_list)
    scaled = scale.scale_words(ranges, *others)
    monthly = issued.month_words(months, floor)
    counted, counted_drawn = figure(coverage, p.annualization_basis)
    shared, shared_drawn = lags.figure(lagged, p.annualization_basis)

    sections = {
        "coverage": answers.Section(tables=(coverage_readers(coverage),)),
        "total": answers.Section(lines=tuple(total_words(values, coverage, p.claimed_total_floor))),
        "trend": answers.Section(lines=tuple(trend_words(coverage))),
        "count_figure": answers.Section(figure=answers.Figure("01-declined-detainers-by-fiscal-year", counted,
                                                              counted_drawn)),
        "windows": answers.Section(lines=(issued.span_words(weeks),), tables=(issued.windows_readers(windows),)),
        "other_counts": answers.Section(tables=(issued.other_counts_readers(checks, counts, documents),)),
        "lags": answers.Section(lines=tuple(lags.dating_words(weeks, cis_years, lag_list) + [""]
                                            + lags.share_words(ranges) + trend[1:]),
                                tables=(lags.changes_readers(changes),)),
        "share_figure": answers.Section(figure=answers.Figure("01-declined-count-and-share", shared, shared_drawn)),
        "monthly": answers.Section(lines=tuple(monthly)),
        "scale": answers.Section(lines=tuple(scaled), tables=(scale.shares_readers(shares, counts, documents),)),
    }
    found = ([total_sentence(values, coverage, p.claimed_total_floor)] + trend + scaled + [RESTS_ON] + monthly
             + claims.for_claims(NOTEBOOK, recorded, changed))
    return answers.Answer(NOTEBOOK, p, changed, tuple(found), sections, tuple(recorded))
