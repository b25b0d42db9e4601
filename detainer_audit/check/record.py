"""The whole public record of detainer counts, as one table the checker can search.

Every count keeps its own period, definition (which outcomes it counts) and publisher. It gathers:

* the longer record (`longer_record.shared.record`): every published total, monthly or daily average and share,
  CIS's fiscal years of November 2024, NPR's lift reasons by calendar year and ICE's 2017 report weeks;
* NPR's monthly counts of detainers issued (October 2007 to July 2015) and the Deportation Data
  Project's weekly counts (weeks where two ICE releases overlap kept as bounds), each as a *series*:
  the checker sums a series over a claim's days, prorating the months or weeks at its edges.

Figures superseded by a revision, figures of people rather than detainers, and the testimony's
ambiguous "2025" (read as the published reading of the longer record, a calendar year) are handled
here once; low-confidence figures stay, marked, and are never the basis of a verdict.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .. import longer_record as lr
from .. import params, periods, rawdata
from ..longer_record.shared import PUBLISHERS, SPELLED_OUT, bounds_of
from ..longer_record.s1_footing import DAYS_PER_MONTH

WEEKLY = ("detainers_issued_by_week_2016_2017", "detainers_issued_by_week")  # DDP's weeks, 2016-17 and 2020-25
ISSUED, DECLINED, SHARE = "issued", "declined", "declined_share"
# the outcomes each claim measure counts (a decline definition is a set of outcomes)
MEASURE_OUTCOMES = {
    "declined_by_lea": frozenset({"declined"}),
    "cis_outcomes": frozenset({"declined", "insufficient_notice", "early_release"}),
}


@dataclass(frozen=True)
class Series:
    """A count split into consecutive pieces (months, weeks): starts and ends as day ordinals, the
    printed value of each piece, and how many releases each piece adds together (2: doubled)."""
    series_id: str
    measure: str
    outcomes: frozenset
    source: str
    publisher: str
    definition: str
    starts: np.ndarray
    ends: np.ndarray
    values: np.ndarray
    releases: np.ndarray

    @property
    def first(self) -> dt.date:
        return dt.date.fromordinal(int(self.starts.min()))

    @property
    def last(self) -> dt.date:
        return dt.date.fromordinal(int(self.ends.max()))


@dataclass(frozen=True)
class Record:
    counts: pd.DataFrame  # one published figure a row (see `counts`)
    series: tuple[Series, ...]

    def of_measure(self, measure: str) -> tuple[np.ndarray, np.ndarray, list]:
        """The counts of one measure, read once: their first and last days (ordinals) and their rows."""
        cache = self.__dict__.setdefault("_by_measure", {})
        if measure not in cache:
            rows = self.counts[self.counts["measure"] == measure]
            cache[measure] = (rows["start"].to_numpy(), rows["end"].to_numpy(), list(rows.itertuples(index=False)))
        return cache[measure]


def _publisher_name(source: str, publisher: str) -> str:
    return publisher if isinstance(publisher, str) and publisher else SPELLED_OUT.get(source, PUBLISHERS.get(source, source))


def counts(table: pd.DataFrame) -> pd.DataFrame:
    """The longer record's rows as the checker reads them: day ordinals, bounds, rate per day."""
    from ..longer_record.s1_footing import per_day

    table = lr.shared.with_dhs_year(table, params.published(lr.Parameters)["dhs_2025_year"])
    table = table[(table["unit"].isin(["detainers", "percent"])) & table["superseded_by"].isna()].copy()
    rows = []
    for row in table.itertuples():
        figure = bounds_of(row)
        start, end = periods.as_date(row.period_start), periods.as_date(row.period_end)
        rate = figure if row.measure == SHARE else per_day(figure, row.quantity, row.days)
        rows.append({
            "count_id": row.count_id, "document_id": row.document_id, "measure": row.measure, "outcomes": frozenset(str(row.outcomes).split("+")),
            "source": row.source, "publisher": _publisher_name(row.source, row.publisher),
            "start": start.toordinal(), "end": end.toordinal(), "days": row.days,
            "value": float(row.value), "comparator": row.comparator, "quantity": row.quantity,
            "figure_low": figure.low, "figure_high": figure.high,
            "rate_low": rate.low, "rate_high": rate.high, "confidence": row.confidence,
            "period_words": str(row.period_as_stated),
            "ambiguous": row.period_reading == "ambiguous",
            "definition": _definition(row.measure, str(row.outcomes)),
        })
    return pd.DataFrame(rows)


def _definition(measure: str, outcomes: str) -> str:
    if measure == ISSUED:
        return "detainers prepared" if outcomes == "prepared" else "detainers issued"
    words = lr.shared.outcomes_in_words(outcomes)
    return f"declines ({words})" if measure == DECLINED else f"share of detainers issued that were declined ({words})"


def monthly_series(monthly: pd.DataFrame) -> Series:
    starts, ends = [], []
    for month in monthly["month"]:
        first, last = periods.month_bounds(str(month)[:7])
        starts.append(first.toordinal())
        ends.append(last.toordinal())
    whole = monthly["whole_month"].map(lambda v: v is True or str(v).lower() in ("yes", "true")).to_numpy(bool)
    ends = np.array(ends)
    # a month the extract ends inside is not a whole month: it counts only to its last whole day, unknown
    # here, so it is left out of the series
    keep = whole
    return Series("npr_monthly_issued", ISSUED, frozenset({"issued"}), "NPR",
                  "NPR (nprapps), aggregation of ICE's record-level FOIA files",
                  "detainers issued (ICE's records by prepare month)", np.array(starts)[keep], ends[keep],
                  monthly["detainers_issued"].to_numpy(float)[keep], np.ones(int(keep.sum()), dtype=int))


def weekly_series(weeks: pd.DataFrame) -> Series:
    starts = np.array([periods.as_date(d).toordinal() for d in weeks["week_from"]])
    ends = np.array([periods.as_date(d).toordinal() for d in weeks["week_to"]])
    return Series("ddp_weekly_issued", ISSUED, frozenset({"issued"}), "DDP",
                  "Deportation Data Project, counts of ICE's record-level detainer files",
                  "detainers issued (ICE's records by prepare date)", starts, ends,
                  weeks["detainers_prepared"].to_numpy(float), weeks["releases_counted"].to_numpy(int))


def piece_series(table: pd.DataFrame) -> list[Series]:
    """Counts one document gives for consecutive periods of one measure (CIS's fiscal years, TRAC's fiscal
    years, NPR's calendar years, ICE's report weeks), as a series: a claim over several of them is checked
    against their sum, prorated at its edges, like a weekly series."""
    found = []
    exact = table[(table["quantity"] == "total") & (table["comparator"] == "exactly") & (table["measure"] != SHARE)]
    keys = exact.assign(key=[f"{d}|{m}|{'+'.join(sorted(o))}" for d, m, o in
                             zip(exact["document_id"], exact["measure"], exact["outcomes"])])
    for _, group in keys.groupby("key", sort=True):
        group = group.sort_values("start")
        if len(group) < 2 or (group["start"].to_numpy()[1:] <= group["end"].to_numpy()[:-1]).any():
            continue
        first = group.iloc[0]
        found.append(Series(f"{first.document_id}_{first.measure}_{'_'.join(sorted(first.outcomes))}_summed",
                            first.measure, first.outcomes, first.source, first.publisher,
                            f"{first.definition}, its counts of consecutive periods ({first.period_words} "
                            f"and after) summed",
                            group["start"].to_numpy(), group["end"].to_numpy(), group["value"].to_numpy(float),
                            np.ones(len(group), dtype=int)))
    return found


def load() -> Record:
    """The record from data/raw/ (each table validated as every notebook reads it)."""
    table = counts(lr.shared.record(*(rawdata.read_table(name) for name in (lr.shared.COUNTS, lr.shared.DOCUMENTS, lr.shared.CIS_FISCAL_YEARS,
                                                                     lr.shared.LIFT, lr.shared.REPORTS))))
    return Record(table, (monthly_series(rawdata.read_table(lr.shared.MONTHLY)), weekly_series(pd.concat([rawdata.read_table(name) for name in WEEKLY],
                                                    ignore_index=True)),
                          *piece_series(table)))


__all__ = ["DAYS_PER_MONTH", "MEASURE_OUTCOMES", "Record", "Series", "load"]
