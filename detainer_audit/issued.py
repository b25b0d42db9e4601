"""Detainers issued over the days each CIS count covers, and the share of them declined.

The denominator is the Deportation Data Project's weekly count of ICE's record-level detainer files
(`data/raw/detainers_issued_by_week.csv`, weeks Sunday to Saturday, by prepare date). Two rules:

* **Partial weeks are prorated by day.** A window that takes ``d`` of a week's seven days takes
  ``d / 7`` of its count (an even pace within the week is assumed; a week is short enough for that to
  move a window's count by little, and the edge weeks are named in the tables).
* **Doubled weeks are never used as printed.** From the week of 2023-08-27 DDP adds two overlapping
  ICE releases together (``releases_counted`` = 2), so a detainer present in both is counted twice.
  What the printed count ``n`` says about the true count ``u`` is a bound: if each release holds
  ``a`` and ``b`` of the week's detainers, ``n = a + b`` and ``max(a, b) <= u <= a + b``, so
  ``n / 2 <= u <= n``. The low end (halving) is the estimate when both releases hold the same
  detainers; it is checked against every other public count of detainers issued over the same days
  (ICE's FY2024 categories, TRAC's FY2021 to first-quarter FY2024 total).

A declined share is CIS's count (exact, as printed) over these bounds: its low end uses the high end of
detainers issued and the other way round; the estimate uses the halved count.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

import pandas as pd

from . import bounds, periods
from .bounds import Bounds
from .results import Statistic

WEEKLY = "detainers_issued_by_week"
COUNTS = "detainer_counts"
CIS_FISCAL_YEARS = "declined_detainers_by_fiscal_year"
DAYS_PER_MONTH = 365.25 / 12
CONFIDENCE = ("high", "medium", "low")
# published shares of detainers declined that the scale check compares with (not CIS's own)
SCALE_CHECK_SOURCES = ("DHS", "TRAC", "ICE", "MPI", "AP")
SCALE_FACTOR = 2.0  # "of the same scale": within a factor of two of the range other publishers give


@dataclass(frozen=True)
class WindowCount:
    """Detainers issued over start..end (both ends counted), from the weekly counts, prorated by day."""
    start: dt.date
    end: dt.date
    single: float  # from weeks that count each detainer once
    doubled: float  # the printed count of weeks that add two releases together (a detainer may be in both)
    edge_weeks: int  # weeks only partly inside the window

    @property
    def days(self) -> int:
        return periods.days_inclusive(self.start, self.end)

    @property
    def estimate(self) -> float:
        """Doubled weeks halved (both releases holding the same detainers)."""
        return self.single + self.doubled / 2

    @property
    def bounds(self) -> Bounds:
        return Bounds(self.single + self.doubled / 2, self.single + self.doubled)

    @property
    def doubled_part(self) -> float:
        """Share of the estimate that comes from doubled weeks (0 to 1)."""
        return (self.doubled / 2) / self.estimate if self.estimate else 0.0


def window_count(weeks: pd.DataFrame, start, end) -> WindowCount:
    """Detainers issued over start..end: whole weeks inside add their count, a week partly inside adds
    the share of its seven days that falls inside. The weekly table must cover the whole window."""
    start, end = periods.as_date(start), periods.as_date(end)
    if end < start:
        raise ValueError(f"window ends ({end}) before it starts ({start})")
    first, last = periods.as_date(weeks["week_from"].min()), periods.as_date(weeks["week_to"].max())
    if start < first or end > last:
        raise ValueError(f"window {start} to {end} is not covered by the weekly counts ({first} to {last})")
    single = doubled = 0.0
    edges = 0
    for row in weeks.itertuples(index=False):
        days = bounds.overlap_days(row.week_from, row.week_to, start, end)
        if not days:
            continue
        part = row.detainers_prepared * days / 7
        edges += days < 7
        if row.releases_counted == 1:
            single += part
        elif row.releases_counted == 2:
            doubled += part
        else:
            raise ValueError(f"week of {periods.as_date(row.week_from)}: releases_counted must be 1 or 2")
    return WindowCount(start, end, single, doubled, edges)


def single_source_end(weeks: pd.DataFrame) -> dt.date:
    """The last day of the last week, in the first run of weeks counted once, before doubled weeks begin."""
    doubled = weeks[weeks["releases_counted"] == 2]
    single = weeks[weeks["releases_counted"] == 1]
    if doubled.empty:
        return periods.as_date(single["week_to"].max())
    before = single[single["week_from"] < doubled["week_from"].min()]
    return periods.as_date(before["week_to"].max())


def share(declined: float, issued: WindowCount) -> tuple[Bounds, float]:
    """Declined as a percentage of detainers issued: bounds and the estimate (doubled weeks halved)."""
    return (Bounds.exactly(declined) / issued.bounds).scale(100), declined / issued.estimate * 100


# --------------------------------------------------------------------------- CIS's windows

def windows_table(weeks: pd.DataFrame, cis_years: pd.DataFrame, basis: str) -> pd.DataFrame:
    """One row per CIS fiscal-year window and one for the whole span: declines, detainers issued
    (estimate and bounds), the declined share (estimate and bounds) and the annualized count."""
    rows = []
    years = cis_years.sort_values("fiscal_year")
    spans = [(f"FY{r.fiscal_year}", int(r.fiscal_year), periods.as_date(r.counted_from), periods.as_date(r.counted_to),
              int(r.declined_detainers)) for r in years.itertuples()]
    spans.append(("total", None, spans[0][2], spans[-1][3], sum(s[4] for s in spans)))
    for label, fiscal_year, start, end, declined in spans:
        issued = window_count(weeks, start, end)
        pct, pct_estimate = share(declined, issued)
        days = issued.days
        rows.append({
            "window": label, "fiscal_year": fiscal_year, "counted_from": start.isoformat(), "counted_to": end.isoformat(),
            "days": days, "declined": declined,
            "annualized_declined": periods.annualize(declined, days, basis, fiscal_year) if fiscal_year else math.nan,
            "issued_estimate": issued.estimate, "issued_low": issued.bounds.low, "issued_high": issued.bounds.high,
            "issued_from_doubled_weeks_pct": issued.doubled_part * 100, "edge_weeks": issued.edge_weeks,
            "share_estimate_pct": pct_estimate, "share_low_pct": pct.low, "share_high_pct": pct.high,
        })
    table = pd.DataFrame(rows)
    table["fiscal_year"] = table["fiscal_year"].astype("Int64")
    return table


def share_changes(table: pd.DataFrame) -> pd.DataFrame:
    """Year-over-year change of the declined share, in percentage points: estimate and bounds. The two
    years' bounds are combined as if independent (low = this year's low - last year's high), which can
    only widen them."""
    years = table[table["fiscal_year"].notna()].reset_index(drop=True)
    rows = []
    for previous, current in zip(years.itertuples(), years.iloc[1:].itertuples()):
        rows.append({
            "fiscal_year": int(current.fiscal_year), "from_fiscal_year": int(previous.fiscal_year),
            "change_estimate_pp": current.share_estimate_pct - previous.share_estimate_pct,
            "change_low_pp": current.share_low_pct - previous.share_high_pct,
            "change_high_pp": current.share_high_pct - previous.share_low_pct,
            "annualized_change_pct": (current.annualized_declined / previous.annualized_declined - 1) * 100,
        })
    return pd.DataFrame(rows)


def direction(low: float, high: float) -> str:
    """'rose' when both ends are above zero, 'fell' when both are below, else 'unsettled'."""
    if low > 0:
        return "rose"
    if high < 0:
        return "fell"
    return "unsettled"


def headline(table: pd.DataFrame, changes: pd.DataFrame) -> str:
    """What the share shows, in one sentence written from the numbers."""
    years = table[table["fiscal_year"].notna()]
    first, last = years.iloc[0], years.iloc[-1]

    def shown(row) -> str:
        text = f"{row.share_estimate_pct:.1f}%"
        return text if row.share_low_pct == row.share_high_pct else f"{text} ({row.share_low_pct:.1f}% to {row.share_high_pct:.1f}%)"

    rose = int((changes["annualized_change_pct"] > 0).sum())
    fell = int((changes["change_high_pp"] < 0).sum())
    return (f"The annualized count of declines rose in {rose} of {len(changes)} year-over-year steps, but the share of "
            f"detainers issued that were declined fell in {fell} of them, on every reading of the doubled weeks: from "
            f"{shown(first)} in FY{int(first.fiscal_year)} to {shown(last)} in FY{int(last.fiscal_year)}.")


def share_words(table: pd.DataFrame, changes: pd.DataFrame) -> list[str]:
    """What the share shows, year by year, in sentences written from the numbers."""
    lines = []
    for row in table.itertuples():
        span = f"{row.counted_from} to {row.counted_to}"
        if row.share_low_pct == row.share_high_pct:
            shown = f"{row.share_estimate_pct:.2f}%"
        else:
            shown = (f"{row.share_estimate_pct:.2f}% with the doubled weeks halved "
                     f"(between {row.share_low_pct:.2f}% and {row.share_high_pct:.2f}%)")
        name = "the whole span" if row.window == "total" else row.window
        lines.append(f"{name} ({span}): {row.declined:,} declined of about {row.issued_estimate:,.0f} detainers issued, {shown}.")
    for row in changes.itertuples():
        moved = direction(row.change_low_pp, row.change_high_pp)
        count_word = "rose" if row.annualized_change_pct > 0 else "fell"
        verb = {"rose": "rose", "fell": "fell", "unsettled": "moved by an amount whose sign the bounds leave open"}[moved]
        lines.append(f"FY{row.from_fiscal_year} to FY{row.fiscal_year}: the share {verb} "
                     f"({row.change_estimate_pp:+.2f} points; bounds {row.change_low_pp:+.2f} to {row.change_high_pp:+.2f}), "
                     f"while the annualized count {count_word} {abs(row.annualized_change_pct):.1f}%.")
    if len(changes):
        fell = changes[changes["change_high_pp"] < 0]
        rose = changes[changes["change_low_pp"] > 0]
        lines.append(f"In {len(fell)} of {len(changes)} year-over-year steps the share fell on every reading of the "
                     f"doubled weeks, in {len(rose)} it rose; the largest change is at most "
                     f"{changes['change_high_pp'].max():+.2f} points.")
    return lines


# --------------------------------------------------------------------------- checks against other counts

def other_counts(weeks: pd.DataFrame, counts: pd.DataFrame) -> pd.DataFrame:
    """Every other public total of detainers issued whose period the weekly counts cover, against the
    weekly counts over the same days. Categories of one count (``<name>_category_<n>``) are summed first.
    Low-confidence figures are shown as context only."""
    issued = counts[(counts["measure"] == "issued") & (counts["quantity"] == "total") & counts["superseded_by"].isna()]
    first, last = periods.as_date(weeks["week_from"].min()), periods.as_date(weeks["week_to"].max())
    parts = issued["count_id"].str.extract(r"^(?P<whole>.+)_category_\d+$")["whole"]
    groups = {}
    for row, whole in zip(issued.itertuples(), parts):
        groups.setdefault(whole if isinstance(whole, str) else row.count_id, []).append(row)
    rows = []
    for name, members in groups.items():
        row = members[0]
        start, end = periods.as_date(row.period_start), periods.as_date(row.period_end)
        if start < first or end > last:
            continue
        value = bounds.of_figure(sum(m.value for m in members), row.comparator, getattr(row, "value_high", None))
        ddp = window_count(weeks, start, end)
        inside = not (value.high < ddp.bounds.low or value.low > ddp.bounds.high)
        rows.append({
            "count_id": name, "categories_summed": len(members) if len(members) > 1 else 0,
            "period_start": start.isoformat(), "period_end": end.isoformat(), "figure": value.shown(),
            "figure_low": value.low, "figure_high": value.high, "comparator": row.comparator,
            "confidence": row.confidence, "context_only": row.confidence == "low",
            "document_id": row.document_id, "weekly_estimate": ddp.estimate, "weekly_low": ddp.bounds.low,
            "weekly_high": ddp.bounds.high, "from_doubled_weeks_pct": ddp.doubled_part * 100,
            "estimate_vs_figure_pct": (ddp.estimate / value.low - 1) * 100 if value.exact else math.nan,
            "figure_within_weekly_bounds": inside,
        })
    return pd.DataFrame(rows)


def count_label(count_id: str, counts: pd.DataFrame, documents: pd.DataFrame) -> str:
    """A count of the longer record in words, for readers: who gives it (and who relays it) and the
    period as its document states it. A pair of counts divided (``a / b``) reads as both."""
    if " / " in count_id:
        return " over ".join(count_label(part, counts, documents) for part in count_id.split(" / "))
    row = counts.loc[counts["count_id"].str.startswith(count_id)].iloc[0]
    document = documents.set_index("document_id").loc[row["document_id"]]
    initials = "".join(word[0] for word in str(document["publisher"]).split() if word[:1].isupper())
    own = document["kind"] == "original" or document["source"] in (initials, document["publisher"])
    who = document["source"] if own else f"{document['source']}, via {document['publisher']}"
    return f"{who}: {row['period_as_stated']}"


def source_of(count_id: str, counts: pd.DataFrame, documents: pd.DataFrame) -> str:
    doc = counts.loc[counts["count_id"].str.startswith(count_id), "document_id"].iloc[0]
    return str(documents.set_index("document_id").loc[doc, "source"])


# --------------------------------------------------------------------------- a monthly average

def monthly(weeks: pd.DataFrame, start, end) -> dict:
    """Detainers issued per average month (365.25 / 12 days) over start..end: estimate and bounds."""
    count = window_count(weeks, start, end)
    scale = DAYS_PER_MONTH / count.days
    return {"start": count.start, "end": count.end, "days": count.days, "estimate": count.estimate * scale,
            "bounds": count.bounds.scale(scale), "doubled_part": count.doubled_part}


# --------------------------------------------------------------------------- the scale of CIS's counts

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


def scale_range(shares: pd.DataFrame) -> tuple[float, float]:
    """The lowest and highest share other publishers give (medium or high confidence, CIS's own left out)."""
    used = shares[shares["used_for_scale"]]
    return float(used["low_pct"].min()), float(used["high_pct"].max())


def plausible(value_pct: float, low_pct: float, high_pct: float) -> bool:
    """Of the same scale: within a factor of SCALE_FACTOR of the range others give."""
    return low_pct / SCALE_FACTOR <= value_pct <= high_pct * SCALE_FACTOR


# --------------------------------------------------------------------------- statistics

def _bounded(name: str, estimate: float, value: Bounds, unit: str, description: str, sources: str,
             headline: bool = False) -> list[Statistic]:
    """An estimate, and its bounds beside it when they differ from it (``_low`` and ``_high``)."""
    if value.exact:
        return [Statistic(name, value.low, unit, description, headline, sources)]
    return [Statistic(name, estimate, f"{unit} (estimate)", description + "; doubled weeks halved", headline, sources),
            Statistic(f"{name}_low", value.low, f"{unit} (lower bound)", description + ": low end", headline, sources),
            Statistic(f"{name}_high", value.high, f"{unit} (upper bound)", description + ": high end", headline, sources)]


def statistics(table: pd.DataFrame, changes: pd.DataFrame, checks: pd.DataFrame, month: dict, single_month: dict,
               shares: pd.DataFrame) -> list[Statistic]:
    stats = []
    for row in table.itertuples():
        key = row.window.lower()  # fy2021 ... fy2024, total
        span = f"{row.counted_from} to {row.counted_to}"
        issued = Bounds(row.issued_low, row.issued_high)
        stats += _bounded(f"detainers_issued_{key}", row.issued_estimate, issued, "detainers",
                          f"detainers ICE issued over CIS's window {span} (DDP's weekly counts, partial weeks prorated by day)",
                          "DDP", headline=True)
        stats += _bounded(f"declined_share_{key}", row.share_estimate_pct, Bounds(row.share_low_pct, row.share_high_pct),
                          "percent", f"CIS's declines over detainers issued, {span}", "CIS+DDP", headline=True)
        stats.append(Statistic(f"detainers_issued_{key}_from_doubled_weeks_pct", row.issued_from_doubled_weeks_pct,
                               "percent", f"part of the estimate for {span} that comes from doubled weeks, halved",
                               sources="DDP"))
    for row in changes.itertuples():
        stats += _bounded(f"declined_share_change_fy{row.fiscal_year}_pp", row.change_estimate_pp,
                          Bounds(row.change_low_pp, row.change_high_pp), "percentage points",
                          f"change of the declined share from FY{row.from_fiscal_year} to FY{row.fiscal_year}", "CIS+DDP")
    if len(changes):
        stats += _bounded("declined_share_change_min_pp", changes["change_estimate_pp"].min(),
                          Bounds(changes["change_low_pp"].min(), changes["change_high_pp"].min()), "percentage points",
                          "smallest year-over-year change of the declined share (negative: a fall)", "CIS+DDP")
        stats.append(Statistic("declined_share_years_fell", int((changes["change_high_pp"] < 0).sum()), "steps",
                               "year-over-year steps in which the declined share fell on every reading of the doubled weeks",
                               sources="CIS+DDP"))
        stats.append(Statistic("declined_share_years_rose", int((changes["change_low_pp"] > 0).sum()), "steps",
                               "year-over-year steps in which the declined share rose on every reading of the doubled weeks",
                               sources="CIS+DDP"))
    for row in checks.itertuples():
        if row.context_only or math.isnan(row.estimate_vs_figure_pct):
            continue
        stats.append(Statistic(f"detainers_issued_weekly_vs_{row.count_id}_pct", row.estimate_vs_figure_pct, "percent",
                               f"DDP's weekly counts (doubled weeks halved) against {row.count_id} over "
                               f"{row.period_start} to {row.period_end}", sources="DDP"))
        if row.from_doubled_weeks_pct > 0:
            stats.append(Statistic(f"detainers_issued_weekly_bounds_hold_{row.count_id}", int(row.figure_within_weekly_bounds),
                                   "yes (1) or no (0)", f"{row.count_id} lies within the weekly counts' bounds for the same "
                                   "days (half to all of the doubled weeks)", sources="DDP"))
    for name, m, what in (("detainers_issued_per_month_2023_to_article", month, "from early 2023 to the month before the article"),
                          ("detainers_issued_per_month_2023_single_source", single_month,
                           "from early 2023 to the last week counted once")):
        stats += _bounded(name, m["estimate"], m["bounds"], "detainers per month",
                          f"detainers issued per average month, {m['start']} to {m['end']} ({what})", "DDP", headline=True)
    low, high = scale_range(shares)
    stats += [Statistic("declined_share_other_publishers_min", low, "percent",
                        "lowest declined share another publisher gives (medium or high confidence, CIS left out)",
                        sources="+".join(sorted(set(shares.loc[shares["used_for_scale"], "source"])))),
              Statistic("declined_share_other_publishers_max", high, "percent",
                        "highest declined share another publisher gives (medium or high confidence, CIS left out)",
                        sources="+".join(sorted(set(shares.loc[shares["used_for_scale"], "source"]))))]
    cis_own = shares[shares["source"] == "CIS"]
    for row in cis_own.itertuples():
        stats += [Statistic("declined_share_cis_stated_low", row.low_pct, "percent",
                            f"CIS's own stated share ({row.figure}, {row.confidence} confidence: context only)", sources="CIS"),
                  Statistic("declined_share_cis_stated_high", row.high_pct, "percent",
                            f"CIS's own stated share ({row.figure}, {row.confidence} confidence: context only), high end",
                            sources="CIS")]
    return stats


# --------------------------------------------------------------------------- figure

def figure(table: pd.DataFrame, basis: str):
    """Left: the annualized count of declines per fiscal year; right: the declined share, with its bounds."""
    import matplotlib.pyplot as plt
    import numpy as np

    from .figures import PALETTE, source_note, thousands

    years = table[table["fiscal_year"].notna()].reset_index(drop=True)
    fig, (left, right) = plt.subplots(1, 2, figsize=(10.0, 4.4))
    x = np.arange(len(years))
    labels = [f"FY{int(y)}" for y in years["fiscal_year"]]
    left.bar(x, years["annualized_declined"], color=PALETTE["annualized"], width=0.6)
    for xi, value in zip(x, years["annualized_declined"]):
        left.annotate(f"{value:,.0f}", (xi, value), ha="center", va="bottom", fontsize=8, xytext=(0, 2),
                      textcoords="offset points")
    left.set_xticks(x, labels)
    words = {"days_in_fiscal_year": "per day x days of the fiscal year", "fixed_365": "per day x 365",
             "average_365.25": "per day x 365.25"}.get(basis, basis)
    left.set_ylabel(f"declined detainers per year\n({words})")
    thousands(left)
    left.set_ylim(0, years["annualized_declined"].max() * 1.18)
    left.set_title("Count of declines, annualized", fontsize=10)
    low = years["share_estimate_pct"] - years["share_low_pct"]
    high = years["share_high_pct"] - years["share_estimate_pct"]
    right.errorbar(x, years["share_estimate_pct"], yerr=[low, high], fmt="o", color=PALETTE["highlight"],
                   ecolor=PALETTE["muted"], elinewidth=6, capsize=0)
    for xi, row in zip(x, years.itertuples()):
        text = f"{row.share_estimate_pct:.1f}%"
        if row.share_low_pct != row.share_high_pct:
            text += f"\n({row.share_low_pct:.1f} to {row.share_high_pct:.1f})"
        right.annotate(text, (xi, row.share_estimate_pct), xytext=(8, 0), textcoords="offset points", va="center",
                       fontsize=7.5)
    right.set_xticks(x, labels)
    right.set_xlim(-0.5, len(years) - 0.2)
    right.set_ylim(0, years["share_high_pct"].max() * 1.2)
    right.set_ylabel("declined, % of detainers issued")
    right.set_title("Share of detainers issued that were declined", fontsize=10)
    fig.suptitle("Declined detainers per fiscal year: the count, and its share of detainers issued", x=0.01, ha="left", fontweight="bold", fontsize=11)
    source_note(fig, "Declines: CIS (Nov 2024). Detainers issued: Deportation Data Project's weekly counts of ICE records; "
                     "bars: bounds where two releases overlap (doubled weeks), dot: halved. See data/raw/README.md.")
    fig.tight_layout(rect=(0, 0.05, 1, 0.95))
    drawn = years[["fiscal_year", "counted_from", "counted_to", "declined", "annualized_declined", "issued_estimate",
                   "issued_low", "issued_high", "share_estimate_pct", "share_low_pct", "share_high_pct"]].copy()
    drawn["fiscal_year"] = drawn["fiscal_year"].astype(int)
    drawn = drawn.round(4)
    drawn["annualization_basis"] = basis
    return fig, drawn
