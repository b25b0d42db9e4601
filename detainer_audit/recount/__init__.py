"""Recounting CIS's four counts of declined detainers from ICE's own records.

CIS's November 2024 counts (FY2021 from 2021-01-20 to FY2024 up to 2024-07-15) bundle three
outcomes that are, almost word for word, three values of ICE's detainer lift reason: "Detainer
Declined by LEA", "Insufficient Notice to ICE" and "Early Release". The Deportation Data Project
(DDP) publishes ICE's record-level detainer data; anyone who downloads it can recount the four
counts here with ``make recount RECORDS=<file, folder or glob>``.

The files are large (millions of rows, over 100 columns, gigabytes as CSV), so they are read with
DuckDB: only the few columns used, streamed, never into pandas whole. What the recount does:

* reads Parquet, Arrow/Feather (through pyarrow's dataset, streamed) and CSV, one or many files
  together; ICE's ``.xlsx`` spreadsheets are refused with the conversion to make (reading them
  offline would take a row-by-row loop in Python, and DuckDB's Excel reader is downloaded on use);
* matches columns by meaning, not spelling (`normalize_name`): the prepare date and the lift reason
  are required, the lift date, the detainer id (``Detainer_ID``) and DDP's ``duplicate_likely``
  flag are used when present. ``anonymized_identifier`` names a person, not a detainer, and is never
  used to drop a row; rows DDP flags as likely duplicates are counted and reported, never dropped;
* classifies each lift reason (trimmed, any case) as one of CIS's three outcomes, another reason,
  or missing (blank, ``NA``, null, or the redaction marker ``b(6), b(7)c``);
* keeps one row per detainer id (the most complete and latest: a known lift reason first, then the
  latest lift date, then the latest prepare date) and says how many rows that dropped;
* counts per CIS window (from `data/raw/declined_detainers_by_fiscal_year.csv`, both ends included),
  dated by the prepare date and, when every file has one, by the lift date.

Its one command line is ``make recount`` (``python -m audit_pipeline recount``, whose ``--counts-only`` writes
the counts without the notebook that sets them against CIS's counts).

The package, a module per step: `reading` (the files, their formats, columns and values; RecountError),
`counting` (CIS's windows, the counting in DuckDB, the details, the files written), `against_cis` (a
recount read back and set against CIS's counts, in numbers and in words). This file holds what the rest of
the research asks of the recount (`NOTEBOOK`, `Parameters` and `answer`, the notebook's one call, for the
registry of questions; `recounts` for the claims audit); everything else is reached in its own module.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import answers, params
from ..params import ParameterError
from . import against_cis, counting


def recounts(statistic: str) -> bool:
    """Whether `make recount` can check this statistic of the results table independently: CIS's
    fiscal-year counts (declined_fy2021 ...) and their total."""
    return re.fullmatch(r"declined_(fy\d{4}|total)", statistic) is not None


# --------------------------------------------------------------------------- the notebook that sets it against CIS


NOTEBOOK = "recount_against_cis"  # notebooks/recount/, run by `make recount` only, never by make reproduce


@dataclass(frozen=True)
class Parameters:
    """The recount notebook's parameters, declared once: the recount to read, and the relative difference that
    later updates to ICE's records are taken to explain. Building one checks both."""

    recount_csv: str = params.parameter("recount.csv", "the recount written by make recount, beside this notebook")
    tolerance: float = params.parameter(0.05, "a relative difference that later updates to ICE's records can explain")

    def __post_init__(self):
        if not isinstance(self.recount_csv, str) or not self.recount_csv:
            raise ParameterError(f"parameter recount_csv must name a recount.csv (make recount writes it), "
                                 f"got {self.recount_csv!r}")
        params.settle(self, tolerance=params.number("tolerance", self.tolerance, 0, 0.5))


def answer(p: Parameters) -> answers.Answer:
    """The notebook's whole answer, from the recount ``p`` names: what it finds (the four counts against CIS's,
    for each dating), then what was read, the comparison as a table and in words, window by window, and every
    count by outcome, in the order the notebook shows them. It records no statistic and publishes no file."""
    table, details = against_cis.load(p.recount_csv)
    compared = against_cis.comparison(table, counting.cis_windows(), p.tolerance, details)
    sections = {
        "records": answers.Section(lines=tuple(against_cis.input_sentences(details))),
        "comparison": answers.Section(tables=(against_cis.readable(compared),)),
        "windows": answers.Section(lines=tuple(against_cis.sentence(row, p.tolerance) for _, row in compared.iterrows())),
        "outcomes": answers.Section(tables=tuple(against_cis.outcome_table(table, dated_by)
                                                 for dated_by in details.get("dated_by", ["prepare_date"]))),
    }
    # no published run to keep apart: `make recount` chooses where the notebook runs (changed is empty)
    return answers.Answer(NOTEBOOK, p, {}, (against_cis.summary(compared, p.tolerance),), sections, ())

