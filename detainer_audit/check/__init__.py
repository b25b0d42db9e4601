"""Check any detainer claim against the whole public record (`make check`).

A claim names a measure (detainers issued, declines by the agency, CIS's three outcomes, or the declined
share), a value with a comparator, a period and a rate. `claims` reads and validates them; `record` holds
every public count; `footing` puts each count that bears on a claim on the claim's footing; `judging`
judges the claim with the claims audit's one judgement and grades the evidence by publisher.
Nothing here touches the published run: the command writes only to the folder it is given.
"""

from __future__ import annotations

from .claims import COMPARATORS, MEASURES, PERS, Claim, ClaimsError, parse_row, read_file
from .judging import CHECK_COLUMNS, USED_COLUMNS, judge
from .record import Record, load

NOTEBOOK = "check_claims"  # notebooks/check/, run by `make check` only, never by make reproduce
CSV_NAME = "check.csv"
USED_NAME = "counts_used.csv"
CLAIMREVIEW_NAME = "claimreview.jsonld"

__all__ = ["CHECK_COLUMNS", "CLAIMREVIEW_NAME", "COMPARATORS", "CSV_NAME", "Claim", "ClaimsError", "MEASURES",
           "NOTEBOOK", "PERS", "Record", "USED_COLUMNS", "USED_NAME", "judge", "load", "parse_row", "read_file"]
