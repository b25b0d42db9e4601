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

from .. import params, rawdata
from .common import (CIS_FISCAL_YEARS, COUNTS, DOCUMENTS, JURISDICTIONS, LIFT, MEASURE_WORDS, MONTHLY, OUTCOMES,
                     REPORTS, WEEK1, outcomes_in_words, record, with_dhs_year)

NOTEBOOK = "04_longer_record_2008_2025"
READS: tuple[str, ...] = ()  # the notebooks whose results this one reads: none
RECORD_START, RECORD_END = dt.date(2007, 10, 1), dt.date(2025, 12, 31)  # the span the record covers
YEAR_KINDS = ("calendar", "fiscal")
# the parameters of the published run (the notebook's parameters cell holds the same values)
PUBLISHED_PARAMETERS = {"window_start": "2007-10-01", "window_end": "2025-12-31",
                        "sources": ["AP", "CIS", "DHS", "ICE", "MPI", "NPR", "TRAC", "press"],
                        "declined_outcomes": ["declined", "insufficient_notice", "early_release"],
                        "min_confidence": "medium", "min_period_overlap": 0.5, "dhs_2025_year": "calendar"}

__all__ = ["CIS_FISCAL_YEARS", "COUNTS", "DOCUMENTS", "JURISDICTIONS", "LIFT", "MEASURE_WORDS", "MONTHLY", "OUTCOMES",
           "REPORTS", "WEEK1", "NOTEBOOK", "PUBLISHED_PARAMETERS", "RECORD_START", "RECORD_END", "check_parameters",
           "outcomes_in_words", "record", "with_dhs_year"]


def check_parameters(window_start, window_end, sources, declined_outcomes, min_confidence, min_period_overlap,
                     dhs_2025_year) -> tuple:
    """The notebook's parameters, checked (the pipeline calls this before a kernel starts)."""
    table = record(*(rawdata.read_table(name) for name in (COUNTS, DOCUMENTS, CIS_FISCAL_YEARS, LIFT, REPORTS)))
    window = params.window(window_start, window_end, RECORD_START, RECORD_END)
    return (*window,
            params.name_list("sources", sources, sorted(set(table["source"]))),
            params.name_list("declined_outcomes", declined_outcomes, OUTCOMES),
            params.choice("min_confidence", min_confidence, ("high", "medium")),
            params.number("min_period_overlap", min_period_overlap, 0.05, 1),
            params.choice("dhs_2025_year", dhs_2025_year, YEAR_KINDS))
