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

CIS and DDP date their counts differently (the fiscal year of the decline; the day a detainer was
prepared): `windows_table` takes a lag, and `lags` sets the declines against detainers issued over a range
of lags. The scale of CIS's counts against other publishers' shares is in `scale`.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

import pandas as pd

from . import bounds, periods
from .bounds import Bounds
from .results import Statistic, for_readers

WEEKLY = "detainers_issued_by_week"
COUNTS = "detainer_counts"
CIS_FISCAL_YEARS = "declined_detainers_by_fiscal_year"
DAYS_PER_MONTH = 365.25 / 12
CONFIDENCE = ("high", "medium", "low")


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

def windows_table(weeks: pd.DataFrame, cis_years: pd.DataFrame, annualization_basis: str,
                  lag_days: int = 0) -> pd.DataFrame:
    """One row per CIS fiscal-year window and one for the whole span: declines, detainers issued
    (estimate and bounds), the declined share (estimate and bounds) and the annualized count.
    ``lag_days``: the detainers are counted over the same number of days, that many days earlier."""
    rows = []
    years = cis_years.sort_values("fiscal_year")
    spans = [(f"FY{r.fiscal_year}", int(r.fiscal_year), periods.as_date(r.counted_from), periods.as_date(r.counted_to),
              int(r.declined_detainers)) for r in years.itertuples()]
    spans.append(("total", None, spans[0][2], spans[-1][3], sum(s[4] for s in spans)))
    for label, fiscal_year, start, end, declined in spans:
        lag = dt.timedelta(days=lag_days)
        issued = window_count(weeks, start - lag, end - lag)
        pct, pct_estimate = share(declined, issued)
        days = issued.days
        rows.append({
            "window": label, "fiscal_year": fiscal_year, "counted_from": start.isoformat(), "counted_to": end.isoformat(),
            "days": days, "declined": declined,
            "annualized_declined": (periods.annualize(declined, days, annualization_basis, fiscal_year) if fiscal_year
                                    else math.nan),
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


def windows_readers(table: pd.DataFrame) -> pd.DataFrame:
    """The windows over the same days (`windows_table`) as readers see them: columns in words, counts whole,
    shares to one decimal."""
    return for_readers(table.assign(window=table["window"].replace({"total": "the whole span"})), {
        "window": "days CIS counts", "counted_from": "from", "counted_to": "to", "declined": "declined (CIS)",
        "issued_estimate": "detainers issued", "issued_low": "issued: at least", "issued_high": "issued: at most",
        "issued_from_doubled_weeks_pct": "from doubled weeks (%)", "share_estimate_pct": "declined share (%)",
        "share_low_pct": "share: at least (%)", "share_high_pct": "share: at most (%)"},
        {"declined": 0, "issued_estimate": 0, "issued_low": 0, "issued_high": 0, "issued_from_doubled_weeks_pct": 0,
         "share_estimate_pct": 1, "share_low_pct": 1, "share_high_pct": 1})


def span_words(weeks: pd.DataFrame) -> str:
    """What the weekly counts cover, and from which week two releases are added together, in words."""
    doubled = weeks.loc[weeks["releases_counted"] == 2, "week_from"]
    said = (f"weekly counts from the week of {periods.as_date(weeks['week_from'].min())} to "
            f"{periods.as_date(weeks['week_to'].max())}; each detainer counted once to {single_source_end(weeks)}")
    return said + (f", two releases added together from the week of {periods.as_date(doubled.min())}"
                   if len(doubled) else "")


def direction(low: float, high: float) -> str:
    """'rose' when both ends are above zero, 'fell' when both are below, else 'unsettled'."""
    if low > 0:
        return "rose"
    if high < 0:
        return "fell"
    return "unsettled"


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


def other_counts_readers(checks: pd.DataFrame, counts: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """The checks against other counts (`other_counts`) as readers see them: each count named in words."""
    within = checks["figure_within_weekly_bounds"].map({True: "yes", False: "no"})
    return for_readers(checks.assign(count_id=[count_label(c, counts, documents) for c in checks["count_id"]],
                                     figure_within_weekly_bounds=within), {
        "count_id": "other count", "period_start": "from", "period_end": "to", "figure": "its figure",
        "confidence": "confidence", "weekly_estimate": "weekly counts, same days", "weekly_low": "weekly: at least",
        "weekly_high": "weekly: at most", "from_doubled_weeks_pct": "from doubled weeks (%)",
        "estimate_vs_figure_pct": "weekly against the figure (%)",
        "figure_within_weekly_bounds": "figure within the weekly bounds"},
        {"weekly_estimate": 0, "weekly_low": 0, "weekly_high": 0, "from_doubled_weeks_pct": 0,
         "estimate_vs_figure_pct": 1})


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


# --------------------------------------------------------------------------- a monthly average

def monthly(weeks: pd.DataFrame, start, end) -> dict:
    """Detainers issued per average month (365.25 / 12 days) over start..end: estimate and bounds."""
    count = window_count(weeks, start, end)
    scale = DAYS_PER_MONTH / count.days
    return {"start": count.start, "end": count.end, "days": count.days, "estimate": count.estimate * scale,
            "bounds": count.bounds.scale(scale), "doubled_part": count.doubled_part}


def cited_floor(counts: pd.DataFrame) -> dict | None:
    """TRAC's own monthly figure: the floor it says ICE's monthly count regularly passed, and its period."""
    rows = counts[counts["document_id"].str.startswith("trac_") & (counts["quantity"] == "each_month")
                  & (counts["comparator"] == "more_than")]
    if rows.empty:
        return None
    row = rows.iloc[0]
    return {"value": float(row["value"]), "start": periods.as_date(row["period_start"]),
            "end": periods.as_date(row["period_end"])}


def month_spans(weeks: pd.DataFrame, floor: dict | None, monthly_from, monthly_to,
                monthly_context_to) -> dict[str, dict]:
    """The monthly averages notebook 01 gives: over ``monthly_from`` to ``monthly_to`` (the span of the cited
    source's figure, ``floor`` (`cited_floor`), at the published parameters), over its weeks counted once, and
    on to ``monthly_context_to`` (context only). Each says what span it is (``what``)."""
    cited = monthly(weeks, monthly_from, monthly_to)
    same = floor is not None and (floor["start"], floor["end"]) == (cited["start"], cited["end"])
    cited["what"] = "the span TRAC's report covers" if same else "the span chosen for the cited figure"
    single = monthly(weeks, monthly_from, min(single_source_end(weeks), cited["end"]))
    single["what"] = "its weeks counted once"
    later = monthly(weeks, monthly_from, monthly_context_to)
    later["what"] = "on to the month before the article: context"
    return {"cited_span": cited, "single_source": single, "to_article": later}


def about(value: float) -> str:
    """A count as a sentence shows it: three significant figures (10,531 -> 10,500), no more than the
    weekly counts' proration and doubled weeks support."""
    return f"{float(f'{value:.3g}'):,.0f}"


def month_words(months: dict[str, dict], floor: dict | None) -> list[str]:
    """The monthly pace in sentences written from the numbers, rounded to what the data hold."""
    lines = []
    for key, m in months.items():
        pace = (f"about {about(m['estimate'])} a month" if m["bounds"].exact else
                f"{about(m['bounds'].low)} to {about(m['bounds'].high)} a month on any reading of the doubled weeks "
                f"(about {about(m['estimate'])} with them halved)")
        lines.append(f"From {m['start']} to {m['end']} ({m['what']}), ICE issued {pace}.")
    if floor is not None:
        lines.append(f"TRAC's own figure: more than {about(floor['value'])} a month, regularly, from {floor['start']} "
                     f"(its data end on {floor['end']}).")
    return lines

# --------------------------------------------------------------------------- statistics

def _bounded(name: str, estimate: float, value: Bounds, unit: str, description: str, sources: str,
             headline: bool = False) -> list[Statistic]:
    """An estimate, and its bounds beside it when they differ from it (``_low`` and ``_high``)."""
    if value.exact:
        return [Statistic(name, value.low, unit, description, headline, sources)]
    return [Statistic(name, estimate, f"{unit} (estimate)", description + "; doubled weeks halved", headline, sources),
            Statistic(f"{name}_low", value.low, f"{unit} (lower bound)", description + ": low end", headline, sources),
            Statistic(f"{name}_high", value.high, f"{unit} (upper bound)", description + ": high end", headline, sources)]


def statistics(table: pd.DataFrame, checks: pd.DataFrame, months: dict[str, dict], shares: pd.DataFrame,
               others: tuple[float, float]) -> list[Statistic]:
    """``table``: the windows over the same days (`windows_table`, no lag; the lags are in `lags.statistics`);
    ``months``: the monthly averages by name (``cited_span``, ``single_source``, ``to_article``); ``shares``: the
    shares other publishers give (`scale.published_shares`) and ``others`` their range (`scale.scale_range`)."""
    stats = []
    for row in table.itertuples():
        key = row.window.lower()  # fy2021 ... fy2024, total
        span = f"{row.counted_from} to {row.counted_to}"
        issued = Bounds(row.issued_low, row.issued_high)
        stats += _bounded(f"detainers_issued_{key}", row.issued_estimate, issued, "detainers",
                          f"detainers ICE issued over CIS's window {span} (DDP's weekly counts, partial weeks prorated by day)",
                          "DDP", headline=True)
        stats += _bounded(f"declined_share_{key}", row.share_estimate_pct, Bounds(row.share_low_pct, row.share_high_pct),
                          "percent", f"CIS's declines over detainers issued over the same days, {span}", "CIS+DDP",
                          headline=True)
        stats.append(Statistic(f"detainers_issued_{key}_from_doubled_weeks_pct", row.issued_from_doubled_weeks_pct,
                               "percent", f"part of the estimate for {span} that comes from doubled weeks, halved",
                               sources="DDP"))
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
    named = {"cited_span": "detainers_issued_per_month_trac_span",
             "single_source": "detainers_issued_per_month_2023_single_source",
             "to_article": "detainers_issued_per_month_2023_to_article"}
    for key, m in months.items():
        stats += _bounded(named[key], m["estimate"], m["bounds"], "detainers per month",
                          f"detainers issued per average month, {m['start']} to {m['end']} ({m['what']})", "DDP",
                          headline=True)
    low, high = others
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
