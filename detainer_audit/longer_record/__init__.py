"""The longer record (notebook 04): every public count of declined detainers and of detainers issued,
FY2008-2025, on one footing, and six questions asked of them. The notebook's section *n* is module *n*:

1. `s1_footing`: every count on one footing, a count per day of the period each covers;
2. `s2_cis_releases`: CIS's releases of November 2024 and April 2025 over the days both cover (and DHS's 2025);
3. `s3_shares`: the declined share of detainers issued, pair by pair and week by week;
4. `s4_concentration`: how concentrated declines are;
5. `s5_people`: how many people a count of detainers stands for;
6. `s6_lift_reasons`: ICE's own lift reasons, 2008 to 2014.

Each section module holds its computation, its `statistics`, its figure, its tables for readers and its
findings in words; `common` holds what they share (the one table of every count, and the words for
publishers, outcomes and bounds). This module holds the notebook's name and its parameters.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .. import params, rawdata
from .common import (CIS_FISCAL_YEARS, COUNTS, DOCUMENTS, JURISDICTIONS, LIFT, MEASURE_WORDS, MONTHLY, OUTCOMES,
                     REPORTS, WEEK1, outcomes_in_words, record, with_dhs_year)

NOTEBOOK = "04_longer_record_2008_2025"
READS: tuple[str, ...] = ()  # the notebooks whose results this one reads: none
RECORD_START, RECORD_END = dt.date(2007, 10, 1), dt.date(2025, 12, 31)  # the span the record covers
YEAR_KINDS = ("calendar", "fiscal")
__all__ = ["CIS_FISCAL_YEARS", "COUNTS", "DOCUMENTS", "JURISDICTIONS", "LIFT", "MEASURE_WORDS", "MONTHLY", "OUTCOMES",
           "REPORTS", "WEEK1", "NOTEBOOK", "Parameters", "RECORD_START", "RECORD_END",
           "outcomes_in_words", "record", "with_dhs_year"]


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
        table = record(*(rawdata.read_table(name) for name in (COUNTS, DOCUMENTS, CIS_FISCAL_YEARS, LIFT, REPORTS)))
        window_start, window_end = params.window(self.window_start, self.window_end, RECORD_START, RECORD_END)
        params.settle(self, window_start=window_start, window_end=window_end,
                      sources=params.name_list("sources", self.sources, sorted(set(table["source"]))),
                      declined_outcomes=params.name_list("declined_outcomes", self.declined_outcomes, OUTCOMES),
                      min_confidence=params.choice("min_confidence", self.min_confidence, ("high", "medium")),
                      min_period_overlap=params.number("min_period_overlap", self.min_period_overlap, 0.05, 1),
                      dhs_2025_year=params.choice("dhs_2025_year", self.dhs_2025_year, YEAR_KINDS))

    @property
    def window(self) -> tuple[dt.date, dt.date]:
        """The timeline's first and last day."""
        return self.window_start, self.window_end
