"""The scale of CIS's counts: the share of detainers issued they imply, against the shares other
publishers give (`published_shares`, `scale_range`). The test can fail: a year's range of implied shares,
over every lag and reading of the doubled weeks, passes only if it lies wholly inside the others' range,
and the points outside are shown (`scale_check`)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from . import bounds, periods
from .bounds import Bounds
from .results import for_readers

# published shares of detainers declined that the scale check compares with (not CIS's own)
SCALE_CHECK_SOURCES = ("DHS", "TRAC", "ICE", "MPI", "AP")


def _pct(value: float) -> str:
    return f"{value:.1f}%"


def published_shares(counts: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Shares of detainers declined that other publishers give, or that one publisher's two counts of
    the same days give (DHS 2025): the comparison for the scale of CIS's counts."""
    docs = documents.set_index("document_id")["source"]
    rows = []
    for row in counts[(counts["measure"] == "declined_share") & counts["superseded_by"].isna()].itertuples():
        value = bounds.of_figure(row.value, row.comparator, None if pd.isna(row.value_high) else row.value_high)
        rows.append({"figure": row.count_id, "source": docs.get(row.document_id, ""), "low_pct": value.low,
                     "high_pct": value.high, "period": f"{periods.as_date(row.period_start)} to {periods.as_date(row.period_end)}",
                     "confidence": row.confidence})
    by_id = counts.set_index("count_id")
    declined = counts[(counts["measure"] == "declined") & (counts["quantity"] == "total") & (counts["unit"] == "detainers")]
    for row in declined.itertuples():
        issued = counts[(counts["measure"] == "issued") & (counts["quantity"] == "total")
                        & (counts["document_id"] == row.document_id) & (counts["period_start"] == row.period_start)
                        & (counts["period_end"] == row.period_end) & (counts["comparator"] == "exactly")]
        if row.comparator != "exactly" or len(issued) != 1 or docs.get(row.document_id) != "DHS":
            continue
        pct = row.value / issued["value"].iloc[0] * 100
        rows.append({"figure": f"{row.count_id} / {issued['count_id'].iloc[0]}", "source": "DHS", "low_pct": pct,
                     "high_pct": pct, "period": f"{periods.as_date(row.period_start)} to {periods.as_date(row.period_end)}",
                     "confidence": by_id.loc[row.count_id, "confidence"]})
    frame = pd.DataFrame(rows)
    frame["used_for_scale"] = frame["source"].isin(SCALE_CHECK_SOURCES) & (frame["confidence"] != "low")
    return frame


def shares_readers(shares: pd.DataFrame, counts: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """The shares other publishers give (`published_shares`), as readers see them: each figure named in words
    (who gives it, who relays it, its period as stated)."""
    from .issued import count_label

    return for_readers(shares.assign(figure=[count_label(f, counts, documents) for f in shares["figure"]],
                                     used_for_scale=shares["used_for_scale"].map({True: "yes", False: "no"})), {
        "figure": "figure", "source": "publisher", "low_pct": "share: low (%)", "high_pct": "share: high (%)",
        "period": "period", "confidence": "confidence", "used_for_scale": "used for the scale"},
        {"low_pct": 1, "high_pct": 1})


def scale_range(shares: pd.DataFrame) -> tuple[float, float]:
    """The lowest and highest share other publishers give (medium or high confidence, CIS's own left out)."""
    used = shares[shares["used_for_scale"]]
    return float(used["low_pct"].min()), float(used["high_pct"].max())


@dataclass(frozen=True)
class ScaleCheck:
    """A range of implied shares (every lag and reading) against the range other publishers give."""
    low: float
    high: float
    others_low: float
    others_high: float

    @property
    def overlap(self) -> Bounds | None:
        """The shares both ranges hold, or None when they do not meet."""
        low, high = max(self.low, self.others_low), min(self.high, self.others_high)
        return Bounds(low, high) if low <= high else None

    @property
    def below(self) -> float:
        """Points of the range that lie below the others' lowest share."""
        return max(0.0, min(self.high, self.others_low) - self.low)

    @property
    def above(self) -> float:
        """Points of the range that lie above the others' highest share."""
        return max(0.0, self.high - max(self.low, self.others_high))

    @property
    def verdict(self) -> str:
        """'inside' (wholly within the others' range), 'partly outside', or 'outside' (the ranges do not meet)."""
        if self.overlap is None:
            return "outside"
        return "inside" if self.below == 0 and self.above == 0 else "partly outside"

    def words(self) -> str:
        """Where the range lies against the others', every end shown."""
        outside = " and ".join(f"the {'top' if where == 'above' else 'bottom'} {points:.1f} points {where} it"
                               for points, where in ((self.below, "below"), (self.above, "above")) if points > 0)
        if self.verdict == "inside":
            return "wholly inside their range"
        if self.verdict == "outside":
            gap, where = (self.low - self.others_high, "above") if self.low > self.others_high else \
                (self.others_low - self.high, "below")
            return f"outside their range, {gap:.1f} points {where} it"
        return f"{_pct(self.overlap.low)} to {_pct(self.overlap.high)} inside their range, {outside}"


def scale_check(low: float, high: float, others_low: float, others_high: float) -> ScaleCheck:
    """Implied shares low..high against the others' range; refuses a range given backwards."""
    if high < low or others_high < others_low:
        raise ValueError(f"a range must not end below its start ({low} to {high}; {others_low} to {others_high})")
    return ScaleCheck(low, high, others_low, others_high)


def scale_words(ranges: pd.DataFrame, low_pct: float, high_pct: float) -> list[str]:
    """The scale of CIS's yearly counts: every year's range of implied shares, low ends included, then
    which years lie inside the range other publishers give."""
    years = ranges[ranges["fiscal_year"].notna()]
    checks = {row.window: scale_check(row.lowest_pct, row.highest_pct, low_pct, high_pct) for row in years.itertuples()}
    listed = [f"{_pct(c.low)} to {_pct(c.high)} in {window}" for window, c in checks.items()]
    sentences = [f"Over every lag and reading of the doubled weeks, the implied share of detainers declined is "
                 + (listed[0] if len(listed) == 1 else ", ".join(listed[:-1]) + " and " + listed[-1]) + ".",
                 f"Other publishers give {_pct(low_pct)} to {_pct(high_pct)} for other years."]
    for verdict in ("inside", "partly outside", "outside"):
        named = [w for w, c in checks.items() if c.verdict == verdict]
        if not named:
            continue
        which = named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1]
        if verdict == "inside":
            sentences.append(f"{which} {'lies' if len(named) == 1 else 'lie'} wholly inside that range.")
        else:
            for window in named:
                sentences.append(f"{window} lies {verdict} it: {checks[window].words()}.")
    return sentences
