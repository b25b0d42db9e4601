"""The longer record (notebook 04): every public count of declined detainers and of detainers issued,
FY2008-2025, on one footing, and six questions asked of them. The notebook's section *n* is module *n*:

1. `s1_footing`: every count on one footing, a count per day of the period each covers;
2. `s2_cis_releases`: CIS's releases of November 2024 and April 2025 over the days both cover (and DHS's 2025);
3. `s3_shares`: the declined share of detainers issued, pair by pair and week by week;
4. `s4_concentration`: how concentrated declines are;
5. `s5_people`: how many people a count of detainers stands for;
6. `s6_lift_reasons`: ICE's own lift reasons, 2008 to 2014.

Each section module holds its computation, its `statistics`, its figure, its tables for readers and its
findings in words; `shared` holds what they share (the one table of every count, and the words for
publishers, outcomes and bounds). This module holds the notebook's name, its parameters and `answer`, the
one call that computes the whole answer. Detainers issued over CIS's own days, week by week, and the
declined total of the 2024 article come from notebook 01's results (`READS`), never computed again here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .. import answers, declined, findings, params, rawdata, results
from . import shared

NOTEBOOK = "04_longer_record_2008_2025"
# the notebooks whose results this one reads (the run executes them first: audit_pipeline.runner.plan): notebook
# 01's detainers issued over CIS's windows (weekly counts) and its declined total
READS: tuple[str, ...] = ("01_declined_detainers_fy2021_2024",)
RECORD_START, RECORD_END = dt.date(2007, 10, 1), dt.date(2025, 12, 31)  # the span the record covers
YEAR_KINDS = ("calendar", "fiscal")


@dataclass(frozen=True)
class Parameters:
    """Notebook 04's parameters, declared once: each default is the published value; building one checks
    every value and refuses a bad one with `params.ParameterError`, naming the parameter and the value. Once
    checked, the window's two ends are dates."""

    window_start: dt.date = params.parameter("2007-10-01", "first day of the timeline (the record spans 2007-10-01 to "
                                                           "2025-12-31)")
    window_end: dt.date = params.parameter("2025-12-31", "last day of the timeline")
    sources: list[str] = params.parameter(["AP", "CIS", "DHS", "ICE", "MPI", "NPR", "TRAC", "press"],
                                          "publishers whose counts the timeline and the share pairs use")
    declined_outcomes: list[str] = params.parameter(["declined", "insufficient_notice", "early_release"],
                                                    "which outcomes count as a decline")
    min_confidence: str = params.parameter("medium", '"high" or "medium": figures below it are drawn as context, used '
                                                     'in no comparison')
    min_period_overlap: float = params.parameter(0.5, "share question: pair two counts whose periods share at least "
                                                      "this part of the longer one")
    dhs_2025_year: str = params.parameter("calendar",
                                          'the testimony\'s "2025", read as a "calendar" or a "fiscal" year')

    def __post_init__(self):
        table = shared.record(*(rawdata.read_table(name) for name in (shared.COUNTS, shared.DOCUMENTS,
                                                                      shared.CIS_FISCAL_YEARS, shared.LIFT, shared.REPORTS)))
        window_start, window_end = params.window(self.window_start, self.window_end, RECORD_START, RECORD_END)
        params.settle(self, window_start=window_start, window_end=window_end,
                      sources=params.name_list("sources", self.sources, sorted(set(table["source"]))),
                      declined_outcomes=params.name_list("declined_outcomes", self.declined_outcomes, shared.OUTCOMES),
                      min_confidence=params.choice("min_confidence", self.min_confidence, ("high", "medium")),
                      min_period_overlap=params.number("min_period_overlap", self.min_period_overlap, 0.05, 1),
                      dhs_2025_year=params.choice("dhs_2025_year", self.dhs_2025_year, YEAR_KINDS))


def answer(p: Parameters, root=None) -> answers.Answer:
    """Notebook 04's whole answer at the parameters ``p``: the findings, then its sections in the order the
    notebook shows them (every count on one footing; the two CIS releases, the April table's totals and
    Homeland Security's 2025; the declined share pair by pair, the published shares, and week by week; how
    concentrated declines are; detainers or people; ICE's lift reasons), the statistics it records and the
    table of every count per day (``longer_record_per_day.csv``). Notebook 01's results are read from the run's
    folder ``root`` (default: this run's, `results.read`)."""

    from .. import figures  # matplotlib, only once a figure is drawn (a parameter check never needs it)
    from ..weekly import rates
    from . import s1_footing, s2_cis_releases, s3_shares, s4_concentration, s5_people, s6_lift_reasons

    figures.apply_style()
    counts, documents, jurisdictions, cis_years, lift, reports, week1, monthly = (
        rawdata.read_table(name) for name in (shared.COUNTS, shared.DOCUMENTS, shared.JURISDICTIONS, shared.CIS_FISCAL_YEARS,
                                              shared.LIFT, shared.REPORTS, shared.WEEK1, shared.MONTHLY))
    series = rates.monthly_series(monthly)
    read = results.read(READS, root)  # notebook 01's results: its windows and the article's declined total
    # every count in one table; the testimony's "2025" read as the chosen kind of year everywhere it is used
    table = shared.with_dhs_year(shared.record(counts, documents, cis_years, lift, reports), p.dhs_2025_year)

    footing = s1_footing.on_one_footing(table)
    selected = s1_footing.select(footing, p.window_start, p.window_end, p.sources, p.declined_outcomes, p.min_confidence)
    overlap = s2_cis_releases.cis_release_overlap(cis_years, counts, p.declined_outcomes)
    totals = s2_cis_releases.table_totals(counts, jurisdictions, documents)
    dhs = s2_cis_releases.dhs_2025(counts, p.dhs_2025_year, overlap)
    pairs = s3_shares.share_pairs(table[table["source"].isin(p.sources)], p.min_confidence, p.min_period_overlap,
                                  p.declined_outcomes)
    stated = s3_shares.stated_share_check(table, pairs)
    windows = declined.windows_of(read, cis_years)
    weekly_share = s3_shares.weekly_check(table, windows)
    concentrated = s4_concentration.concentration(week1, reports, jurisdictions, counts)
    people = s5_people.detainers_and_people(counts, shared.read_value(read, "declined_total"))
    lift_table = s6_lift_reasons.lift_reasons(lift, series)

    timeline = s1_footing.statistics(selected, p.window_start, p.window_end, p.declined_outcomes, p.min_confidence)
    recorded = (timeline + s2_cis_releases.statistics(overlap, totals, dhs)
                + s3_shares.statistics(pairs, p.min_period_overlap, weekly_share)
                + s4_concentration.statistics(concentrated)
                + s5_people.statistics(people)
                + s6_lift_reasons.statistics(lift_table))
    changed = params.changed(p)
    measures = table["measure"].value_counts().sort_index()

    def drawn(module, *inputs) -> answers.Figure:
        return answers.Figure(module.FIGURE, *module.figure(*inputs))

    sections = {
        "footing": answers.Section(
            lines=(f"{len(table)} counts from {table['document_id'].nunique()} documents: "
                   + ", ".join(f"{shared.MEASURE_WORDS[m]} {n}" for m, n in measures.items()),
                   s1_footing.summary(timeline, p.window_start, p.window_end, p.min_confidence, p.declined_outcomes)),
            tables=(s1_footing.readers(selected),),
            figure=drawn(s1_footing, selected, series, p.window_start, p.window_end, p.min_confidence)),
        "cis_releases": answers.Section(lines=tuple(s2_cis_releases.summary(overlap).splitlines())),
        "april_totals": answers.Section(tables=(s2_cis_releases.totals_readers(totals),)),
        "dhs_2025": answers.Section(lines=(s2_cis_releases.dhs_summary(dhs, overlap),),
                                    figure=drawn(s2_cis_releases, overlap, cis_years, dhs)),
        "pairs": answers.Section(
            lines=(s3_shares.pairs_summary(pairs, p.sources, p.min_confidence, p.min_period_overlap),),
            tables=(s3_shares.pairs_readers(pairs),)),
        "stated_shares": answers.Section(
            lines=tuple(s3_shares.same_source_shares(pairs, p.dhs_2025_year)),
            tables=(s3_shares.stated_readers(stated, table),),
            figure=drawn(s3_shares, pairs, stated, table, p.min_period_overlap, p.min_confidence)),
        "weekly_share": answers.Section(
            lines=tuple(s3_shares.weekly_summary(table, windows, weekly_share, p.declined_outcomes).splitlines()),
            tables=(s3_shares.windows_readers(windows),)),
        "concentration": answers.Section(tables=(s4_concentration.readers(concentrated),),
                                         figure=drawn(s4_concentration, concentrated)),
        "people": answers.Section(lines=tuple(s5_people.summary(people).splitlines()),
                                  figure=drawn(s5_people, people)),
        "lift_reasons": answers.Section(tables=(s6_lift_reasons.readers(lift_table),),
                                        figure=drawn(s6_lift_reasons, lift_table)),
    }
    found = (s1_footing.findings(timeline, p.window_start, p.window_end, p.min_confidence) + s2_cis_releases.findings(overlap, dhs)
             + s3_shares.findings(pairs, stated, p.min_confidence, p.min_period_overlap)
             + s4_concentration.findings(concentrated) + s5_people.findings(people)
             + s6_lift_reasons.findings(lift_table) + findings.for_claims(NOTEBOOK, recorded, changed))
    return answers.Answer(NOTEBOOK, p, changed, tuple(found), sections, tuple(recorded),
                          {"longer_record_per_day.csv": s1_footing.per_day_file(footing)})
