"""Weekly detainer rates: the 2011 peak, the last Obama years and the 2017 report weeks.

Monthly counts (NPR's aggregation of ICE records, Oct 2007 - Jul 2015) are summed over
whole fiscal or calendar years and turned into weekly averages under a stated convention;
TRAC's fiscal-year totals cover the years the monthly series does not reach; the weekly
reports of 2017 give one week each.

A publisher other than ICE, TRAC or CIS, the Deportation Data Project's weekly counts of 2016-2017,
is set against the report weeks and Obama's last months in `weekly.ddp`.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import answers, findings, params, periods, rawdata
from ..params import ParameterError
from . import ddp, rates

MONTHLY = "detainers_issued_by_month"
COUNTS = "detainer_counts"
REPORTS = "weekly_declined_detainer_reports"
PUBLISHED = "published_figures"


@dataclass(frozen=True)
class Parameters:
    """Notebook 02's parameters, declared once: each default is the published value; building one checks
    every value and refuses a bad one with `params.ParameterError`, naming the parameter and the value."""

    baseline_year: int = params.parameter(2011, "the year the article calls the peak")
    baseline_year_kind: str = params.parameter("fiscal", '"fiscal" (Oct-Sep) or "calendar"')
    weeks_convention: str = params.parameter("days/7", 'how a year\'s weeks are counted: "days/7" (its days divided by '
                                                       'seven) or "52_weeks"')
    comparison_fiscal_years: list[int] = params.parameter([2015, 2016], "the last two Obama fiscal years (TRAC totals)")
    report_week: int = params.parameter(1, "which 2017 weekly report to compare (1, 2 or 3)")

    def __post_init__(self):
        series = rates.monthly_series(rawdata.read_table(MONTHLY))
        baseline_year_kind = params.choice("baseline_year_kind", self.baseline_year_kind, rates.YEAR_KINDS)
        weeks_convention = params.choice("weeks_convention", self.weeks_convention, periods.WEEK_CONVENTIONS)
        baseline_year = params.integer("baseline_year", self.baseline_year, rates.complete_years(series, baseline_year_kind))
        report_week = params.integer("report_week", self.report_week,
                                     rawdata.read_table(REPORTS)["report_week"].tolist())
        trac_years = rates.trac_fiscal_years(rawdata.read_table(COUNTS))["fiscal_year"].tolist()
        comparison_fiscal_years = params.integer_list("comparison_fiscal_years", self.comparison_fiscal_years,
                                                      trac_years)
        if comparison_fiscal_years != list(range(comparison_fiscal_years[0], comparison_fiscal_years[-1] + 1)):
            raise ParameterError(f"parameter comparison_fiscal_years={comparison_fiscal_years!r} must be consecutive "
                                 f"years (one span); TRAC's totals cover {trac_years[0]} to {trac_years[-1]}")
        params.settle(self, baseline_year=baseline_year, baseline_year_kind=baseline_year_kind,
                      weeks_convention=weeks_convention, comparison_fiscal_years=comparison_fiscal_years,
                      report_week=report_week)


NOTEBOOK = "02_weekly_detainer_rates_2011_vs_2017"
READS: tuple[str, ...] = ()  # the notebooks whose results this one reads: none


def answer(p: Parameters) -> answers.Answer:
    """Notebook 02's whole answer at the parameters ``p``: the findings, then its sections in the order the
    notebook shows them (the monthly series' yearly totals and the peak, the baseline year, the report
    weeks, the comparison years, the article's comparisons, DDP's weekly counts, where two sources count the
    same year, the figure), and the statistics it records."""

    from .. import figures  # matplotlib, only once a figure is drawn (a parameter check never needs it)

    figures.apply_style()
    series = rates.monthly_series(rawdata.read_table(MONTHLY))
    trac = rawdata.read_table(COUNTS)  # TRAC's figures are rows of the longer record
    trac_years = rates.trac_fiscal_years(trac)
    weeks = rates.report_weeks(rawdata.read_table(REPORTS))
    published = rawdata.read_table(PUBLISHED)
    ddp_counts = rawdata.read_table(ddp.DDP_WEEKS)  # DDP's weekly counts, 2016-2017 (doubled: bounds)
    other_kind = "calendar" if p.baseline_year_kind == "fiscal" else "fiscal"

    totals = {kind: rates.year_totals(series, kind) for kind in rates.YEAR_KINDS}
    claimed_weekly = rates.cis_weekly_average(published, p.baseline_year)
    base = rates.baseline(series, p.baseline_year, p.baseline_year_kind, p.weeks_convention)
    base_other = rates.baseline(series, p.baseline_year, other_kind, p.weeks_convention)
    obama = rates.fiscal_span_average(trac_years, p.comparison_fiscal_years, p.weeks_convention)
    per_year = [rates.fiscal_span_average(trac_years, [fy], p.weeks_convention) for fy in p.comparison_fiscal_years]
    chosen = weeks.set_index("report_week").loc[p.report_week]
    cis_figures = [rates.cis_weekly_average(published, fy) for fy in p.comparison_fiscal_years]
    cis_mean = sum(cis_figures) / len(cis_figures) if None not in cis_figures else None
    ddp_weeks = ddp.report_weeks(ddp_counts, weeks)
    ddp_months = ddp.obama_months(ddp_counts)

    recorded = (rates.statistics(base, base_other, weeks, obama, per_year, p.report_week, p.weeks_convention, totals, cis_mean)
                + ddp.statistics(ddp_weeks, ddp_months, chosen))
    values = {item.statistic: item.value for item in recorded}
    changed = params.changed(p)
    drawn, drawn_data = rates.figure(series, trac_years, weeks, base, obama, p.weeks_convention, claimed_weekly,
                               p.report_week, ddp_counts)

    sections = {
        "year_totals": answers.Section(lines=tuple(rates.year_totals_lines(series, values, totals)),
                                       tables=(rates.year_totals_readers(totals[p.baseline_year_kind],
                                                                         p.baseline_year_kind),)),
        "baseline": answers.Section(
            lines=(f"CIS's published figure for {p.baseline_year}: "
                   + (f"{claimed_weekly:,.0f} a week" if claimed_weekly else "none"),),
            tables=(rates.baseline_table(series, p.baseline_year, p.baseline_year_kind, p.weeks_convention, claimed_weekly),)),
        "report_weeks": answers.Section(tables=(rates.report_weeks_readers(weeks),)),
        "comparison_years": answers.Section(lines=tuple(rates.comparison_lines(series, obama, per_year, published))),
        "comparisons": answers.Section(lines=tuple(rates.comparison_of_weeks(
            values, chosen, p.report_week, base, obama, weeks, claimed_weekly, cis_mean))),
        "ddp": answers.Section(lines=tuple(ddp.lines(ddp_weeks, ddp_months, chosen, obama)),
                               tables=(ddp.report_weeks_readers(ddp_weeks),)),
        "sources": answers.Section(tables=(rates.source_comparison_readers(rates.source_comparison(series, trac_years)),
                                           rates.single_month_readers(rates.single_month_comparison(series, trac)))),
        "figure": answers.Section(figure=answers.Figure("02-detainers-per-week-2007-2017", drawn, drawn_data)),
    }
    found = (rates.findings_of(values, base, base_other, obama, chosen, p.report_week, published, totals)
             + ddp.findings(ddp_weeks, ddp_months, chosen, obama)
             + findings.for_claims(NOTEBOOK, recorded, changed))
    return answers.Answer(NOTEBOOK, p, changed, tuple(found), sections, tuple(recorded))
