"""Counts known only within bounds, and what they say about a window of days.

A published figure is rarely a plain number: "more than 25,000" says only that the count is at least
25,000, "fewer than 79,000" only that it is at most that, and a count of three outcomes says only
that a count of one of them is no larger. `Bounds` carries a low and a high end (``inf`` when there is
none) through sums, differences and ratios, so that a "more than" stays a lower bound to the end.

`count_in_window` answers: given counts over their own periods (pieces), what do they say about the
count over another window? A piece wholly inside the window adds its bounds; a piece only partly
inside adds anything from 0 to its high end (the split within the piece is unknown); a piece outside
adds nothing. Day counts include both ends.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Iterable

from . import periods
from .results import display

INF = math.inf
COMPARATORS = ("exactly", "more_than", "fewer_than", "about", "range")


@dataclass(frozen=True)
class Bounds:
    low: float
    high: float

    def __post_init__(self):
        if self.low > self.high:
            raise ValueError(f"bounds run backwards: {self.low} > {self.high}")

    @classmethod
    def exactly(cls, value: float) -> "Bounds":
        return cls(float(value), float(value))

    @property
    def exact(self) -> bool:
        return self.low == self.high

    @property
    def kind(self) -> str:
        """'exact', 'lower' (only a low end), 'upper' (only a high end, above 0), 'between' or 'unknown'."""
        if self.exact:
            return "exact"
        if self.high == INF:
            return "unknown" if self.low in (0, -INF) else "lower"
        return "upper" if self.low in (0, -INF) else "between"

    def __add__(self, other: "Bounds") -> "Bounds":
        return Bounds(self.low + other.low, self.high + other.high)

    def __sub__(self, other: "Bounds") -> "Bounds":
        return Bounds(self.low - other.high, self.high - other.low)

    def scale(self, factor: float) -> "Bounds":
        if factor < 0:
            raise ValueError("scale by a non-negative factor")
        return Bounds(self.low * factor, self.high * factor)

    def __truediv__(self, other: "Bounds") -> "Bounds":
        """Ratio of two non-negative bounded counts."""
        if self.low < 0 or other.low < 0:
            raise ValueError("ratios are taken of non-negative counts only")
        low = 0.0 if other.high == INF else (self.low / other.high if other.high else INF)
        high = INF if other.low == 0 or self.high == INF else self.high / other.low
        return Bounds(low, high)

    def at_least(self, floor: float) -> "Bounds":
        return Bounds(max(self.low, floor), max(self.high, floor))

    def shown(self, unit: str = "") -> str:
        """The bounds in words, each end as readers see a number of that unit (`results.display`):
        '13,805', 'at least 61.14', 'at most 52.1', '6 to 7', 'unknown'."""
        if self.exact:
            return display(self.low, unit)
        if self.kind == "lower":
            return "at least " + display(self.low, unit)
        if self.kind == "upper":
            return "at most " + display(self.high, unit)
        if self.kind == "unknown":
            return "unknown"
        return f"{display(self.low, unit)} to {display(self.high, unit)}"


def of_figure(value: float, comparator: str, value_high: float | None = None) -> Bounds:
    """What a printed figure says about the true count. 'about' is taken at its value (a rounded
    figure, not a bound); a 'range' runs from value to value_high."""
    if comparator in ("exactly", "about"):
        return Bounds.exactly(value)
    if comparator == "more_than":
        return Bounds(float(value), INF)
    if comparator == "fewer_than":
        return Bounds(0.0, float(value))
    if comparator == "range":
        if value_high is None or (isinstance(value_high, float) and math.isnan(value_high)):
            raise ValueError("a range needs its high end")
        return Bounds(float(value), float(value_high))
    raise ValueError(f"unknown comparator {comparator!r}; known: {', '.join(COMPARATORS)}")


def for_outcomes(bounds: Bounds, counted: Iterable[str], wanted: Iterable[str]) -> Bounds:
    """What a count of the outcomes ``counted`` says about a count of the outcomes ``wanted``.

    The same outcomes: the count itself. Fewer outcomes than wanted: a lower bound (the others add).
    More outcomes than wanted: an upper bound (some of it is other outcomes). Otherwise: nothing.
    """
    counted, wanted = frozenset(counted), frozenset(wanted)
    if counted == wanted:
        return bounds
    if counted < wanted:
        return Bounds(bounds.low, INF)
    if counted > wanted:
        return Bounds(0.0, bounds.high)
    return Bounds(0.0, INF)


@dataclass(frozen=True)
class Piece:
    """A count over the inclusive period start..end."""
    start: dt.date
    end: dt.date
    bounds: Bounds

    @property
    def days(self) -> int:
        return periods.days_inclusive(self.start, self.end)


def overlap(a_start, a_end, b_start, b_end) -> tuple[dt.date, dt.date] | None:
    """The days two inclusive periods share, or None."""
    start = max(periods.as_date(a_start), periods.as_date(b_start))
    end = min(periods.as_date(a_end), periods.as_date(b_end))
    return (start, end) if start <= end else None


def overlap_days(a_start, a_end, b_start, b_end) -> int:
    common = overlap(a_start, a_end, b_start, b_end)
    return periods.days_inclusive(*common) if common else 0


def count_in_window(pieces: Iterable[Piece], start, end) -> Bounds:
    """Bounds on the count over start..end implied by non-overlapping pieces."""
    start, end = periods.as_date(start), periods.as_date(end)
    pieces = sorted(pieces, key=lambda p: p.start)
    for first, second in zip(pieces, pieces[1:]):
        if second.start <= first.end:
            raise ValueError(f"pieces overlap: {first.start}..{first.end} and {second.start}..{second.end}")
    total = Bounds(0.0, 0.0)
    for piece in pieces:
        common = overlap(piece.start, piece.end, start, end)
        if common is None:
            continue
        if common == (piece.start, piece.end):
            total = total + piece.bounds
        else:
            total = total + Bounds(0.0, piece.bounds.high)
    return total


def covered(pieces: Iterable[Piece], start, end) -> bool:
    """True when the pieces cover every day of start..end."""
    start, end = periods.as_date(start), periods.as_date(end)
    day = start
    for piece in sorted(pieces, key=lambda p: p.start):
        if piece.start > day:
            break
        if piece.end >= day:
            day = piece.end + dt.timedelta(days=1)
        if day > end:
            return True
    return day > end
