"""Every count that bears on a claim, put on the claim's footing: its days, its measure and its rate.

A count bears on a claim when it measures the same thing (or a definition that contains, or is contained
in, the claim's) and covers some of the claim's days. On the claim's footing:

* a count over exactly the claim's days is taken as printed;
* a count over a longer period that holds all the claim's days is prorated by day (an even pace assumed);
* a count (or series) that covers only some of the claim's days gives a lower bound of its total: the
  days it does not cover add something, never less than nothing;
* a "more than" stays a lower bound and a "fewer than" an upper bound; weeks in which the Deportation
  Data Project adds two overlapping ICE releases count between half and all of their printed number
  (the half is the estimate, as in notebook 01);
* a count of more outcomes than the claim's is an upper bound of it, a count of fewer a lower bound;
* a total becomes the claim's rate per average week (7 days), month (365.25 / 12 days) or year (365.25
  days) of the claim's period. A share is a share of its own period: it is used only where a decline
  count and a count of detainers issued both hold all the claim's days.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..bounds import INF, Bounds, for_outcomes
from .claims import Claim
from .record import DAYS_PER_MONTH, DECLINED, ISSUED, MEASURE_OUTCOMES, SHARE, Record, Series

PER_DAYS = {"week": 7.0, "month": DAYS_PER_MONTH, "year": 365.25}
CONFIDENCE_RANK = {"high": 0, "medium": 1, "low": 2}


@dataclass(frozen=True)
class Footed:
    """One count on a claim's footing."""
    count_id: str
    sources: str  # publisher keys, '+'-joined
    publisher: str
    definition: str
    start: int  # day ordinals of the count's own period
    end: int
    value: Bounds  # on the claim's footing (days and rate)
    estimate: float | None  # the single value a reader is shown when the bounds are two (doubled weeks halved)
    relation: str  # "same", "contains" (the count holds more outcomes), "contained" (fewer)
    covered_days: int
    fit: float  # the claim's days over the days the count is spread over (1: counted over exactly them)
    how: str  # in words: as printed, prorated, part of the days, doubled weeks
    confidence: str

    @property
    def context_only(self) -> bool:
        return self.confidence == "low"

    @property
    def whole(self) -> bool:
        """It holds every day of the claim (a count of part of them gives only a lower bound)."""
        return self.fit > 0

    @property
    def kind(self) -> str:
        return self.value.kind


def _relation(counted: frozenset, wanted: frozenset | None) -> str | None:
    if wanted is None or counted == wanted:
        return "same"
    if counted > wanted:
        return "contains"
    if counted < wanted:
        return "contained"
    return None


def _overlap(starts: np.ndarray, ends: np.ndarray, first: int, last: int) -> np.ndarray:
    return np.maximum(0, np.minimum(ends, last) - np.maximum(starts, first) + 1)


def _rate(total: Bounds, claim: Claim) -> Bounds:
    if claim.per == "total":
        return total
    return total.scale(PER_DAYS[claim.per] / claim.days)


def _count_rows(record: Record, claim: Claim, measure: str, wanted: frozenset | None) -> list[Footed]:
    first, last = claim.start.toordinal(), claim.end.toordinal()
    starts, ends, rows = record.of_measure(measure)
    if not rows:
        return []
    shared = _overlap(starts, ends, first, last)
    found = []
    for index in np.flatnonzero(shared):
        row, days = rows[index], int(shared[index])
        relation = _relation(row.outcomes, wanted)
        if relation is None:
            continue
        monthly = "" if row.quantity == "total" else f" (a figure {row.quantity.replace('_', ' ')})"
        if row.start == first and row.end == last:
            total = (Bounds(row.figure_low, row.figure_high) if row.quantity == "total" else
                     Bounds(row.rate_low * claim.days, row.rate_high * claim.days if row.rate_high != INF else INF))
            how, fit = f"over exactly the claim's days{monthly}", 1.0
        elif days == claim.days:
            total = Bounds(row.rate_low * claim.days, row.rate_high * claim.days if row.rate_high != INF else INF)
            how = f"prorated by day from its {row.days:,} days to the claim's {claim.days:,} (an even pace assumed){monthly}"
            fit = claim.days / row.days
        else:
            total, fit = Bounds(row.rate_low * days, INF), 0.0
            how = (f"covers {days:,} of the claim's {claim.days:,} days, so it gives only a lower bound"
                   + ("" if row.start >= first and row.end <= last else " (its share of those days prorated)"))
        total = for_outcomes(total, row.outcomes, wanted) if wanted is not None else total
        if total.kind == "unknown":
            continue
        footed = _rate(total, claim)
        found.append(Footed(row.count_id, row.source, row.publisher, row.definition, row.start, row.end, footed,
                            footed.low if footed.exact else None, relation, int(days), fit, how, row.confidence))
    return found


def _series_row(series: Series, claim: Claim, wanted: frozenset | None) -> Footed | None:
    first, last = claim.start.toordinal(), claim.end.toordinal()
    relation = _relation(series.outcomes, wanted) if series.measure == DECLINED else "same"
    shared = _overlap(series.starts, series.ends, first, last)
    pieces = int((shared > 0).sum())
    summed = series.series_id.endswith("_summed")
    if relation is None or not pieces or (summed and pieces < 2):
        return None  # a single count of a document stands as itself
    lengths = series.ends - series.starts + 1
    parts = series.values * shared / lengths
    single = float(parts[series.releases == 1].sum())
    doubled = float(parts[series.releases == 2].sum())
    covered = int(shared.sum())
    edges = int(((shared > 0) & (shared < lengths)).sum())
    words = [f"summed over the {covered:,} days it covers" + (f", {edges} edge piece(s) prorated by day" if edges else "")]
    if doubled:
        words.append(f"{doubled / (single + doubled):.0%} of it from weeks that add two ICE releases, counted between "
                     "half and all of their number (half is the estimate)")
    if covered < claim.days:
        words.append(f"it covers {covered:,} of the claim's {claim.days:,} days, so it gives only a lower bound")
        total, fit = Bounds(single + doubled / 2, INF), 0.0
    else:
        total, fit = Bounds(single + doubled / 2, single + doubled), 1.0
    total = for_outcomes(total, series.outcomes, wanted) if wanted is not None and series.measure == DECLINED else total
    footed = _rate(total, claim)
    used = np.flatnonzero(shared)  # the days of the series that count: within the claim's
    return Footed(series.series_id, series.source, series.publisher, series.definition,
                  max(int(series.starts[used].min()), first), min(int(series.ends[used].max()), last), footed,
                  footed.low if fit and doubled else (footed.low if footed.exact else None), relation, covered, fit,
                  "; ".join(words), "high")


def bearing(record: Record, claim: Claim) -> list[Footed]:
    """Every count that bears on the claim, on its footing, best first (see `rank`)."""
    if claim.measure == "declined_share":
        return sorted(_shares(record, claim), key=rank)
    measure, wanted = (ISSUED, None) if claim.measure == "detainers_issued" else (DECLINED, MEASURE_OUTCOMES[claim.measure])
    found = _count_rows(record, claim, measure, wanted)
    found += [row for row in (_series_row(s, claim, wanted) for s in record.series if s.measure == measure) if row]
    return sorted(found, key=rank)


def rank(footed: Footed) -> tuple:
    """Best evidence first: confident, of the claim's own definition, holding all its days (or, of counts
    holding only part of them, covering the most), counted over exactly them rather than prorated, a single
    number, then the closest fit and the highest floor."""
    kind = {"exact": 0, "between": 1}.get(footed.kind, 2)
    # among counts of part of the days, the one covering more of them, then the higher floor, bounds best
    return (footed.context_only, footed.relation != "same", not footed.whole, -footed.covered_days, footed.fit < 1,
            kind, -footed.fit, CONFIDENCE_RANK.get(footed.confidence, 3), -footed.value.low, footed.count_id)


def _shares(record: Record, claim: Claim) -> list[Footed]:
    """Published shares over days that hold the claim's, and a share computed from the best decline count and
    the best count of detainers issued that both hold all the claim's days."""
    first, last = claim.start.toordinal(), claim.end.toordinal()
    found = []
    for row in record.of_measure(SHARE)[2]:
        if not (row.start <= first and row.end >= last):
            continue  # a share of other days says nothing about these
        exact = row.start == first and row.end == last
        how = ("over exactly the claim's days" if exact else
               f"a share of its own {row.days:,} days, which hold the claim's {claim.days:,}: an estimate for them")
        value = Bounds(row.rate_low, row.rate_high)
        found.append(Footed(row.count_id, row.source, row.publisher, row.definition, row.start, row.end, value,
                            value.low if value.exact else None, "same", claim.days,
                            claim.days / row.days, how, row.confidence))
    total = dict(comparator="exactly", start=claim.start, end=claim.end, per="total", value=0)
    declines = [f for f in bearing(record, Claim(claim.claim_id, claim.said_by, "cis_outcomes", **total))
                + bearing(record, Claim(claim.claim_id, claim.said_by, "declined_by_lea", **total))
                if f.whole and not f.context_only and f.relation == "same"]
    issued = [f for f in bearing(record, Claim(claim.claim_id, claim.said_by, "detainers_issued", **total))
              if f.whole and not f.context_only]
    if declines and issued:
        decline, issue = sorted(declines, key=rank)[0], issued[0]
        value = (decline.value / issue.value).scale(100)
        estimate = None
        if decline.estimate is not None and issue.estimate is not None:
            estimate = 100 * decline.estimate / issue.estimate
        sources = "+".join(sorted(set(decline.sources.split("+")) | set(issue.sources.split("+"))))
        found.append(Footed(f"{decline.count_id}__over__{issue.count_id}", sources,
                            f"{decline.publisher}; {issue.publisher}", f"{decline.definition} over {issue.definition}",
                            min(decline.start, issue.start), max(decline.end, issue.end), value, estimate, "same",
                            claim.days, min(decline.fit, issue.fit),
                            f"computed here: the declines {decline.how}; the detainers issued {issue.how}",
                            max(decline.confidence, issue.confidence, key=lambda c: CONFIDENCE_RANK.get(c, 3))))
    return found
