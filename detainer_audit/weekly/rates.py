"""Notebook 02's computations: yearly totals of the monthly series and the peak year, a year's weekly
average under a stated convention, TRAC's fiscal-year totals, the 2017 report weeks, the comparisons the
article makes, its statistics, sentences and figure (the question's `answer` puts them together)."""

from __future__ import annotations

import pandas as pd

from .. import periods, results
from ..params import ParameterError
from ..results import Statistic

YEAR_KINDS = ("fiscal", "calendar")





def monthly_series(monthly: pd.DataFrame) -> pd.DataFrame:
    """The monthly counts with their dates, fiscal and calendar years and weekly rates."""
    frame = monthly.copy()
    bounds = frame["month"].map(periods.month_bounds)
    frame["start"] = bounds.map(lambda b: b[0])
    frame["end"] = bounds.map(lambda b: b[1])
    frame["days"] = [periods.days_inclusive(s, e) for s, e in zip(frame["start"], frame["end"])]
    frame["calendar_year"] = frame["start"].map(lambda d: d.year)
    frame["fiscal_year"] = frame["start"].map(periods.fiscal_year_of)
    # a month's weekly rate: its count per day x 7 (meaningless for a partial month)
    frame["weekly_rate"] = (frame["detainers_issued"] / frame["days"] * 7).where(frame["whole_month"])
    return frame


def complete_years(series: pd.DataFrame, kind: str) -> list[int]:
    """Years of the given kind that the series covers with twelve whole months."""
    column = f"{kind}_year"
    whole = series[series["whole_month"]].groupby(column)["month"].count()
    return sorted(int(year) for year, months in whole.items() if months == 12)


def year_total(series: pd.DataFrame, year: int, kind: str) -> dict:
    """Total detainers over one whole fiscal or calendar year of the monthly series."""
    available = complete_years(series, kind)
    if year not in available:
        raise ParameterError(
            f"parameter baseline_year={year!r} is outside the monthly series for {kind} years; "
            f"complete {kind} years available: {available[0]} to {available[-1]}"
        )
    start, end = periods.year_bounds(year, kind)
    rows = series[(series["start"] >= start) & (series["end"] <= end)]
    return {"year": year, "kind": kind, "start": start, "end": end, "months": len(rows),
            "days": periods.days_inclusive(start, end), "total": int(rows["detainers_issued"].sum())}


def year_totals(series: pd.DataFrame, kind: str) -> pd.DataFrame:
    return pd.DataFrame([year_total(series, year, kind) for year in complete_years(series, kind)])


def baseline(series: pd.DataFrame, baseline_year: int, baseline_year_kind: str, weeks_convention: str) -> dict:
    total = year_total(series, baseline_year, baseline_year_kind)
    total["weeks"] = periods.weeks_in(total["start"], total["end"], weeks_convention)
    total["weekly_rate"] = total["total"] / total["weeks"]
    return total


def baseline_table(series: pd.DataFrame, baseline_year: int, baseline_year_kind: str, weeks_convention: str,
                   published: float | None) -> pd.DataFrame:
    """The year's weekly average for both kinds of year and both week conventions (the chosen
    combination first), against CIS's published weekly figure for that year where there is one;
    labelled in words for readers."""
    combos = [(baseline_year_kind, weeks_convention)] + [(k, c) for k in YEAR_KINDS for c in periods.WEEK_CONVENTIONS
                                     if (k, c) != (baseline_year_kind, weeks_convention)]
    rows = []
    for year_kind, week_convention in combos:
        item = baseline(series, baseline_year, year_kind, week_convention)
        rows.append({"year": f"{year_kind} {baseline_year}", "from": item["start"].isoformat(), "to": item["end"].isoformat(),
                     "detainers": item["total"], "weeks counted as": WEEK_WORDS[week_convention],
                     "weeks": item["weeks"], "per week": item["weekly_rate"],
                     "against CIS's figure (%)": (item["weekly_rate"] / published - 1) * 100 if published else None})
    table = pd.DataFrame(rows)
    if not published:
        table = table.drop(columns="against CIS's figure (%)")
    return results.for_readers(table, {c: c for c in table.columns},
                               {"detainers": 0, "weeks": 2, "per week": 0, "against CIS's figure (%)": 1})


WEEK_WORDS = {"days/7": "days / 7", "52_weeks": "52 a year"}


def report_weeks(reports: pd.DataFrame) -> pd.DataFrame:
    """Each 2017 report week: its dates, the detainers issued and the weekly rate."""
    frame = reports[["report_week", "recorded_from", "recorded_to", "detainers_issued_nationwide"]].copy()
    frame["days"] = [periods.days_inclusive(s, e) for s, e in zip(frame["recorded_from"], frame["recorded_to"])]
    if (frame["days"] != 7).any():
        bad = frame.loc[frame["days"] != 7, "report_week"].tolist()
        raise ValueError(f"report week(s) {bad} do not cover exactly 7 days")
    frame["weekly_rate"] = frame["detainers_issued_nationwide"] / (frame["days"] / 7)
    frame["recorded_from"] = frame["recorded_from"].dt.date.map(lambda d: d.isoformat())
    frame["recorded_to"] = frame["recorded_to"].dt.date.map(lambda d: d.isoformat())
    return frame


def trac_totals(counts: pd.DataFrame) -> pd.DataFrame:
    """TRAC's exact, current totals of detainers issued (or prepared) from the longer record: no
    averages, no bounds, no figure TRAC later revised. Adds the count as ``detainers`` and the
    report number as ``trac_report``."""
    rows = counts[counts["document_id"].str.startswith("trac_") & (counts["measure"] == "issued")
                  & (counts["quantity"] == "total") & (counts["comparator"] == "exactly")
                  & counts["superseded_by"].isna()].copy()
    rows["detainers"] = rows["value"].astype("int64")
    rows["trac_report"] = rows["document_id"].str.removeprefix("trac_").astype("int64")
    return rows.reset_index(drop=True)


def trac_fiscal_years(counts: pd.DataFrame) -> pd.DataFrame:
    """TRAC's totals that span one whole fiscal year each."""
    rows = trac_totals(counts)
    rows["fiscal_year"] = rows["period_end"].map(periods.fiscal_year_of)
    whole = [(periods.as_date(r.period_start), periods.as_date(r.period_end)) == periods.fiscal_year_bounds(r.fiscal_year)
             for r in rows.itertuples()]
    rows = rows[whole]
    if rows["fiscal_year"].duplicated().any():
        raise ValueError(f"two current TRAC totals for FY{rows.loc[rows.fiscal_year.duplicated(), 'fiscal_year'].tolist()}")
    return rows.sort_values("fiscal_year")[["fiscal_year", "detainers", "trac_report"]].reset_index(drop=True)


def fiscal_span_average(trac_years: pd.DataFrame, fiscal_years: list[int], weeks_convention: str) -> dict:
    """Weekly average over consecutive fiscal years from TRAC's totals."""
    available = trac_years["fiscal_year"].tolist()
    missing = [fy for fy in fiscal_years if fy not in available]
    if missing:
        raise ParameterError(
            f"parameter comparison_fiscal_years={fiscal_years!r}: no TRAC total for {missing}; "
            f"available: {', '.join(map(str, available))}"
        )
    if sorted(fiscal_years) != list(range(min(fiscal_years), max(fiscal_years) + 1)):
        raise ParameterError(f"parameter comparison_fiscal_years={fiscal_years!r} must be consecutive years")
    start = periods.fiscal_year_bounds(min(fiscal_years))[0]
    end = periods.fiscal_year_bounds(max(fiscal_years))[1]
    total = int(trac_years.loc[trac_years["fiscal_year"].isin(fiscal_years), "detainers"].sum())
    weeks = periods.weeks_in(start, end, weeks_convention)
    return {"fiscal_years": fiscal_years, "start": start, "end": end, "days": periods.days_inclusive(start, end),
            "total": total, "weeks": weeks, "weekly_rate": total / weeks}


def source_comparison(series: pd.DataFrame, trac_years: pd.DataFrame) -> pd.DataFrame:
    """Fiscal years that both the monthly series and TRAC cover: both totals and the gap."""
    rows = []
    for row in trac_years.itertuples():
        start, end = periods.fiscal_year_bounds(row.fiscal_year)
        months = series[(series["start"] >= start) & (series["end"] <= end)]
        if months.empty:
            continue
        complete = len(months) == 12 and bool(months["whole_month"].all())
        monthly_total = int(months["detainers_issued"].sum())
        rows.append({
            "fiscal_year": row.fiscal_year,
            "monthly_series_total": monthly_total,
            "monthly_series_months": f"{months['month'].min()} to {months['month'].max()}"
                                     + ("" if complete else " (incomplete)"),
            "trac_total": int(row.detainers),
            "difference": monthly_total - int(row.detainers) if complete else pd.NA,
            "difference_pct": (monthly_total / row.detainers - 1) * 100 if complete else None,
        })
    table = pd.DataFrame(rows)
    table["difference"] = table["difference"].astype("Int64")
    return table


def single_month_comparison(series: pd.DataFrame, trac: pd.DataFrame) -> pd.DataFrame:
    """TRAC's single-month figures next to the monthly series where both exist."""
    months = trac_totals(trac)
    months["month"] = months["period_start"].dt.strftime("%Y-%m")
    whole_month = [(periods.as_date(r.period_start), periods.as_date(r.period_end)) == periods.month_bounds(r.month)
                   for r in months.itertuples()]
    months = months[whole_month]
    merged = months.merge(series[["month", "detainers_issued", "whole_month"]], on="month", how="inner")
    merged = merged[merged["whole_month"]]
    return pd.DataFrame({
        "month": merged["month"], "monthly_series": merged["detainers_issued"].astype(int),
        "trac": merged["detainers"].astype(int),
        "difference": (merged["detainers_issued"] - merged["detainers"]).astype(int),
        "trac_report": merged["trac_report"],
    }).sort_values("month").reset_index(drop=True)


def cis_weekly_average(published: pd.DataFrame, year: int) -> float | None:
    """CIS's own published weekly average for a year (Cadman, 2017), or None where CIS gave none: it
    published figures for 2011, 2015 and 2016 only."""
    match = published.loc[published["figure_id"] == f"cadman_weekly_average_{year}", "value"]
    return None if match.empty else float(match.iloc[0])


def comparison_lines(series: pd.DataFrame, obama: dict, per_year: list[dict], published: pd.DataFrame) -> list[str]:
    """The comparison years' weekly averages, in words: TRAC's total, CIS's own figure where it gave one,
    and the monthly series' whole months where it reaches into the span."""
    lines = []
    for item in per_year:
        fy = item["fiscal_years"][0]
        cis = cis_weekly_average(published, fy)
        lines.append(f"FY{fy}: TRAC counts {item['total']:,} detainers, {item['weekly_rate']:,.0f} a week; "
                     + (f"CIS's own figure for {fy}: {cis:,.0f} a week (method unstated)" if cis is not None
                        else f"CIS published no weekly figure for {fy}"))
    months = series[series["fiscal_year"].isin(obama["fiscal_years"]) & series["whole_month"]]
    if not months.empty:
        lines.append(f"monthly series, its whole months within {periods.span_name(obama['fiscal_years'])} "
                     f"({months['month'].min()} to {months['month'].max()}): "
                     f"{months['detainers_issued'].sum() / months['days'].sum() * 7:,.0f} a week")
    lines.append(f"{periods.span_name(obama['fiscal_years'])} (TRAC): {obama['total']:,} detainers over {obama['days']:,} days "
                 f"= {obama['weeks']:.2f} weeks, so {obama['weekly_rate']:,.0f} a week")
    return lines


def peak(values: dict[str, float], table: pd.DataFrame, kind: str) -> tuple[int, int]:
    """The peak year of a kind of year, as its statistic records it (``values``: name -> value), and its total."""
    year = int(values[f"peak_{kind}_year_monthly_series"])
    return year, int(table.set_index("year").loc[year, "total"])


def year_totals_lines(series: pd.DataFrame, values: dict[str, float], totals: dict[str, pd.DataFrame]) -> list[str]:
    """What the monthly series covers, and each kind of year's peak, in words."""
    lines = [f"monthly series: {series.month.min()} to {series.month.max()}, {int(series.whole_month.sum())} whole "
             f"months; incomplete: {', '.join(series.loc[~series.whole_month, 'month'])}"]
    for kind, table in totals.items():
        year, total = peak(values, table, kind)
        lines.append(f"{kind} years {table.year.min()} to {table.year.max()}: the peak is {year}, with {total:,} detainers")
    return lines


def year_totals_readers(table: pd.DataFrame, kind: str) -> pd.DataFrame:
    """One kind of year's totals, labelled in words."""
    return results.for_readers(table, {"year": f"{kind} year", "start": "from", "end": "to", "total": "detainers issued"},
                               {"total": 0})


def report_weeks_readers(weeks: pd.DataFrame) -> pd.DataFrame:
    """The three report weeks, labelled in words."""
    return results.for_readers(weeks, {"report_week": "report week", "recorded_from": "from", "recorded_to": "to",
                                       "detainers_issued_nationwide": "detainers issued nationwide"},
                               {"detainers_issued_nationwide": 0})


def source_comparison_readers(table: pd.DataFrame) -> pd.DataFrame:
    """`source_comparison`, labelled in words."""
    return results.for_readers(table, {
        "fiscal_year": "fiscal year", "monthly_series_months": "monthly series: months",
        "monthly_series_total": "monthly series: detainers", "trac_total": "TRAC: detainers",
        "difference": "difference", "difference_pct": "difference (%)"},
        {"monthly_series_total": 0, "trac_total": 0, "difference": 0, "difference_pct": 1})


def single_month_readers(table: pd.DataFrame) -> pd.DataFrame:
    """`single_month_comparison`, labelled in words."""
    return results.for_readers(table, {"month": "month", "monthly_series": "monthly series", "trac": "TRAC",
                                       "difference": "difference", "trac_report": "TRAC report"},
                               {"monthly_series": 0, "trac": 0, "difference": 0})


def findings_of(values: dict[str, float], base: dict, base_other: dict, obama: dict, chosen: pd.Series,
                report_week: int, published: pd.DataFrame, totals: dict[str, pd.DataFrame]) -> list[str]:
    """What this notebook finds, in words, from its computed values (the ratios and peak years read from the
    statistics that record them, ``values``: name -> value); the claims come after."""
    year = base["year"]
    span_id = f"fy{min(obama['fiscal_years'])}_fy{max(obama['fiscal_years'])}"
    claimed = cis_weekly_average(published, year)
    sentences = [
        f"In {base['kind']} year {year} ICE issued {base['weekly_rate']:,.0f} detainers a week on average, and "
        f"{base_other['weekly_rate']:,.0f} in {base_other['kind']} year {year}"
        + (f"; CIS's published figure for {year} is {claimed:,.0f}, and it does not say which year it meant."
           if claimed is not None else "; CIS published no weekly figure for that year."),
        f"Report week {report_week} (from {chosen['recorded_from']}) had {chosen['weekly_rate']:,.0f} detainers: "
        f"{values[f'ratio_2017_week_to_obama_{span_id}']:.2f} times the {periods.span_name(obama['fiscal_years'])} weekly "
        f"average of {obama['weekly_rate']:,.0f} (TRAC), while the {base['kind']} year {year} average was "
        f"{values[f'ratio_{year}_to_2017_week']:.2f} times that week.",
    ]
    for kind, table in totals.items():
        peak_year, peak_total = peak(values, table, kind)
        sentences.append(f"Among the complete {kind} years of the monthly series ({table['year'].min()} to "
                         f"{table['year'].max()}), the most detainers were issued in {peak_year} "
                         f"({peak_total:,}).")
    return sentences


def statistics(base: dict, base_other: dict, weeks: pd.DataFrame, obama: dict, per_year: list[dict],
               report_week: int, weeks_convention: str, totals: dict[str, pd.DataFrame],
               published_weekly_mean: float | None = None) -> list[Statistic]:
    """The weekly-rate statistics; ``published_weekly_mean`` is CIS's own average of its published
    weekly figures for the comparison years (a second, non-independent denominator)."""
    year = base["year"]
    chosen = weeks.set_index("report_week").loc[report_week]
    span = f"fy{min(obama['fiscal_years'])}_fy{max(obama['fiscal_years'])}"
    stats = []
    for item in (base, base_other):
        stats.append(Statistic(f"detainers_{year}_{item['kind']}", item["total"], "detainers",
                               f"detainers issued in {item['kind']} year {year} ({item['start']} to {item['end']}), monthly series",
                               sources="NPR"))
        stats.append(Statistic(f"weekly_rate_{year}_{item['kind']}", item["weekly_rate"], "detainers per week",
                               f"{item['kind']} year {year}: its total over {item['weeks']:.2f} weeks "
                               f"({periods.WEEK_CONVENTIONS[weeks_convention]})", headline=True,
                               sources="NPR"))
    for row in weeks.itertuples():
        stats.append(Statistic(f"detainers_week_{row.recorded_from.replace('-', '_')}", row.detainers_issued_nationwide,
                               "detainers", f"detainers issued nationwide in report week {row.report_week} "
                               f"({row.recorded_from} to {row.recorded_to})", headline=row.report_week == report_week,
                               sources="ICE"))
    stats.append(Statistic(f"weekly_rate_obama_{span}", obama["weekly_rate"], "detainers per week",
                           f"TRAC's {periods.span_name(obama['fiscal_years'])} total, {obama['total']:,}, over {obama['weeks']:.2f} "
                           f"weeks ({periods.WEEK_CONVENTIONS[weeks_convention]})", headline=True, sources="TRAC"))
    for item in per_year:
        fy = item["fiscal_years"][0]
        stats.append(Statistic(f"weekly_rate_fy{fy}_trac", item["weekly_rate"], "detainers per week",
                               f"TRAC's FY{fy} total, {item['total']:,}, over {item['weeks']:.2f} weeks "
                               f"({periods.WEEK_CONVENTIONS[weeks_convention]})", sources="TRAC"))
    stats.append(Statistic(f"ratio_{year}_to_2017_week", base["weekly_rate"] / chosen["weekly_rate"], "ratio",
                           f"{base['kind']} year {year} weekly average / detainers in the week from {chosen['recorded_from']}",
                           headline=True, sources="ICE+NPR"))
    stats.append(Statistic(f"ratio_2017_week_to_obama_{span}", chosen["weekly_rate"] / obama["weekly_rate"], "ratio",
                           f"detainers in the week from {chosen['recorded_from']} / FY{min(obama['fiscal_years'])}-"
                           f"FY{max(obama['fiscal_years'])} weekly average", headline=True, sources="ICE+TRAC"))
    if published_weekly_mean is not None:
        stats.append(Statistic(f"ratio_2017_week_to_cis_published_{span}", chosen["weekly_rate"] / published_weekly_mean,
                               "ratio", f"detainers in the week from {chosen['recorded_from']} / the mean of CIS's own published "
                               "weekly averages for the same years (method unstated)", sources="CIS+ICE"))
    stats.append(Statistic("ratio_2017_weeks_mean_to_obama_" + span, weeks["weekly_rate"].mean() / obama["weekly_rate"],
                           "ratio", "mean of the three report weeks / the same weekly average", sources="ICE+TRAC"))
    for kind, table in totals.items():
        peak = table.loc[table["total"].idxmax()]
        stats.append(Statistic(f"peak_{kind}_year_monthly_series", peak["year"], "year",
                               f"the complete {kind} year with the most detainers in the monthly series "
                               f"({table['year'].min()}-{table['year'].max()})", headline=kind == base["kind"],
                               sources="NPR"))
    return stats


def figure(series: pd.DataFrame, trac_years: pd.DataFrame, weeks: pd.DataFrame,
           base: dict, obama: dict, weeks_convention: str, claimed_weekly: float | None = None, report_week: int = 1,
           ddp: pd.DataFrame | None = None):
    """Detainers per week over time, with the comparison points marked; ``ddp``, DDP's doubled weeks of
    2016-2017, is drawn as a band from half to all of each week's printed count."""
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    from ..figures import PALETTE, source_note, thousands

    fig, ax = plt.subplots(figsize=(9.0, 4.8))
    drawn = []
    whole = series[series["whole_month"]]
    mid = pd.to_datetime(whole["start"]) + pd.Timedelta(days=14)
    ax.plot(mid, whole["weekly_rate"], color=PALETTE["full"], lw=1.4, label="monthly series (ICE records via NPR), per week")
    drawn += [{"series": "monthly series, weekly rate", "start": s.isoformat(), "end": e.isoformat(), "per_week": round(r, 2)}
              for s, e, r in zip(whole["start"], whole["end"], whole["weekly_rate"])]
    for i, row in enumerate(trac_years.itertuples()):
        start, end = periods.fiscal_year_bounds(row.fiscal_year)
        rate = row.detainers / periods.weeks_in(start, end, weeks_convention)
        ax.hlines(rate, pd.Timestamp(start), pd.Timestamp(end), color=PALETTE["annualized"], lw=2.2,
                  label="TRAC fiscal-year totals, per week" if i == 0 else None)
        drawn.append({"series": f"TRAC FY{row.fiscal_year}, weekly average", "start": start.isoformat(),
                      "end": end.isoformat(), "per_week": round(rate, 2)})
    ax.hlines(base["weekly_rate"], pd.Timestamp(base["start"]), pd.Timestamp(base["end"]), color=PALETTE["highlight"],
              lw=2.5, linestyles="--", label=f"{base['kind']} year {base['year']} average: {base['weekly_rate']:,.0f}")
    drawn.append({"series": f"{base['kind']} year {base['year']} average", "start": base["start"].isoformat(),
                  "end": base["end"].isoformat(), "per_week": round(base["weekly_rate"], 2)})
    span = periods.span_name(obama["fiscal_years"])
    ax.hlines(obama["weekly_rate"], pd.Timestamp(obama["start"]), pd.Timestamp(obama["end"]), color=PALETTE["reference"],
              lw=2.5, linestyles="--", label=f"{span} average (TRAC): {obama['weekly_rate']:,.0f}")
    drawn.append({"series": f"{span} average (TRAC)", "start": obama["start"].isoformat(),
                  "end": obama["end"].isoformat(), "per_week": round(obama["weekly_rate"], 2)})
    if ddp is not None:
        middle = ddp["week_from"] + pd.Timedelta(days=3)
        ax.fill_between(middle, ddp["detainers_prepared"] / 2, ddp["detainers_prepared"], color=PALETTE["partial"],
                        alpha=0.6, lw=0.6, edgecolor=PALETTE["partial"],
                        label="DDP's weekly counts, half to all (two sources)")
        drawn += [{"series": f"DDP week, {bound}", "start": r.week_from.date().isoformat(),
                   "end": r.week_to.date().isoformat(), "per_week": round(r.detainers_prepared * share, 2)}
                  for r in ddp.itertuples() for bound, share in (("low end (half)", 0.5), ("high end (all)", 1.0))]
    week_dates = pd.to_datetime(weeks["recorded_from"])
    ax.scatter(week_dates, weeks["weekly_rate"], color=PALETTE["highlight"], zorder=5, s=28,
               label="2017 weekly reports (one week each)")
    for date, rate, number in zip(week_dates, weeks["weekly_rate"], weeks["report_week"]):
        drawn.append({"series": f"2017 report week {number}", "start": date.date().isoformat(),
                      "end": (date + pd.Timedelta(days=6)).date().isoformat(), "per_week": round(rate, 2)})
    chosen = weeks.set_index("report_week").loc[report_week]
    ax.annotate(f"report week {report_week}, from {chosen['recorded_from']}: {chosen['weekly_rate']:,.0f}",
                (pd.Timestamp(chosen["recorded_from"]), chosen["weekly_rate"]),
                xytext=(-170, 40), textcoords="offset points", fontsize=8,
                arrowprops={"arrowstyle": "-", "color": PALETTE["reference"]})
    if claimed_weekly is not None:
        ax.axhline(claimed_weekly, color=PALETTE["muted"], lw=1, ls=":", zorder=1)
        ax.text(pd.Timestamp("2007-10-01"), claimed_weekly, f"CIS's published figure: {claimed_weekly:,.0f} a week in {base['year']}",
                fontsize=7.5, va="bottom", color=PALETTE["reference"])
        drawn.append({"series": f"CIS's published weekly average for {base['year']}", "start": "", "end": "",
                      "per_week": claimed_weekly})
    ax.set_ylim(0, None)
    ax.set_ylabel("detainers issued per week")
    thousands(ax)
    ax.xaxis.set_major_locator(mdates.YearLocator())
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    ax.set_title("ICE detainers issued per week, 2007-2017")
    ax.legend(loc="lower left", fontsize=7.5)
    source_note(fig, "Sources: ICE records via NPR (monthly, to Jul 2015); TRAC report 511 (fiscal years); "
                     f"ICE weekly reports (2017)" + ("; Deportation Data Project (weekly, 2016-2017)" if ddp is not None
                                                     else "") + f". Averages: weeks counted as {weeks_convention}.")
    fig.subplots_adjust(bottom=0.14)
    return fig, pd.DataFrame(drawn)


def comparison_of_weeks(values: dict[str, float], chosen: pd.Series, report_week: int, base: dict, obama: dict,
                        weeks: pd.DataFrame, claimed_weekly: float | None, cis_mean: float | None) -> list[str]:
    """The comparisons the article makes, in words, each ratio read from the statistics (``values``, name ->
    value) that record it; CIS's own figure for the baseline year over the week is the one ratio not recorded."""
    span_id = f"fy{min(obama['fiscal_years'])}_fy{max(obama['fiscal_years'])}"
    span = periods.span_name(obama["fiscal_years"])
    lines = [f"report week {report_week}, from {chosen['recorded_from']}: {chosen['weekly_rate']:,.0f} detainers",
             f"  / the {span} weekly average {obama['weekly_rate']:,.0f} (TRAC) = "
             f"{values[f'ratio_2017_week_to_obama_{span_id}']:.2f} times"]
    if cis_mean is not None:
        lines.append(f"  / the mean of CIS's own figures for {span} {cis_mean:,.0f} = "
                     f"{values[f'ratio_2017_week_to_cis_published_{span_id}']:.2f} times")
    lines.append(f"  all three report weeks, mean {weeks.weekly_rate.mean():,.0f} / {obama['weekly_rate']:,.0f} = "
                 f"{values[f'ratio_2017_weeks_mean_to_obama_{span_id}']:.2f} times")
    year = base["year"]
    lines.append(f"{base['kind']} year {year} weekly average {base['weekly_rate']:,.0f} / report week "
                 f"{report_week} = {values[f'ratio_{year}_to_2017_week']:.2f} times")
    if claimed_weekly is not None:
        lines.append(f"CIS's figure for {base['year']}, {claimed_weekly:,.0f} / report week {report_week} = "
                     f"{claimed_weekly / chosen['weekly_rate']:.2f} times")
    return lines
