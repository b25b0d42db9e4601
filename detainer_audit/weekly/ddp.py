"""Notebook 02's check by a publisher other than ICE, TRAC or CIS: the Deportation Data Project's
weekly counts of ICE's record-level files (`DDP_WEEKS`), which begin with the week of 2016-09-25.

In all of those 2016-2017 weeks DDP adds two overlapping sources together, so each printed count ``n``
bounds the true count between ``n / 2`` and ``n`` (the rule of `issued.window_count`). They check the
report weeks' own counts over the same days (a cross-check, as bounds), and they show Obama's last
months in office, from the first day of fiscal year 2017 to his last full day, 19 January 2017: a later
period than the two fiscal years the claim averages, so context, not a check of that average.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from .. import issued, periods, results
from ..bounds import Bounds
from ..results import Statistic

DDP_WEEKS = "detainers_issued_by_week_2016_2017"
# Obama's last months in office that DDP's weekly counts reach: from the first day of fiscal year 2017
# (DDP's first week starts 2016-09-25, so FY2015 and FY2016 are out of its reach) to his last full day
OBAMA_MONTHS = (dt.date(2016, 10, 1), dt.date(2017, 1, 19))


def report_weeks(ddp: pd.DataFrame, weeks: pd.DataFrame) -> pd.DataFrame:
    """Each 2017 report week's own count (ICE's) beside DDP's count of the same seven days: DDP's weeks
    run Sunday to Saturday and the report's Saturday to Friday, so one day of the week before is
    prorated in (`issued.window_count`); DDP's doubled weeks give bounds, half to all of the printed
    count. ``inside`` says whether ICE's count lies within them."""
    rows = []
    for row in weeks.itertuples():
        count = issued.window_count(ddp, row.recorded_from, row.recorded_to)
        low, high = count.bounds.low, count.bounds.high
        rows.append({"report_week": row.report_week, "recorded_from": row.recorded_from, "recorded_to": row.recorded_to,
                     "ice": int(row.detainers_issued_nationwide), "ddp_printed": count.single + count.doubled,
                     "ddp_low": low, "ddp_high": high, "edge_weeks": count.edge_weeks,
                     "inside": bool(low <= row.detainers_issued_nationwide <= high),
                     "ice_vs_ddp_low_pct": (row.detainers_issued_nationwide / low - 1) * 100})
    return pd.DataFrame(rows)


def report_weeks_readers(table: pd.DataFrame) -> pd.DataFrame:
    """`report_weeks`, labelled in words."""
    frame = table.copy()
    frame["inside"] = frame["inside"].map({True: "yes", False: "no"})
    return results.for_readers(frame.drop(columns="edge_weeks"), {
        "report_week": "report week", "recorded_from": "from", "recorded_to": "to", "ice": "ICE's report",
        "ddp_printed": "DDP, as printed", "ddp_low": "DDP, low end (half)", "ddp_high": "DDP, high end (all)",
        "inside": "ICE's count within DDP's bounds", "ice_vs_ddp_low_pct": "ICE's count against DDP's low end (%)"},
        {"ddp_printed": 0, "ddp_low": 0, "ddp_high": 0, "ice_vs_ddp_low_pct": 1})


def obama_months(ddp: pd.DataFrame) -> dict:
    """DDP's weekly average over Obama's last months in office that its counts reach (`OBAMA_MONTHS`),
    with its bounds (half to all of the doubled weeks). Its weeks are its days / 7 (the notebook's week
    convention concerns whole years only)."""
    start, end = OBAMA_MONTHS
    count = issued.window_count(ddp, start, end)
    weeks = count.days / 7
    return {"start": start, "end": end, "days": count.days, "weeks": weeks,
            "covered_from": periods.as_date(ddp["week_from"].min()), "covered_to": periods.as_date(ddp["week_to"].max()),
            "estimate": count.estimate / weeks, "bounds": count.bounds.scale(1 / weeks)}


def lines(table: pd.DataFrame, months: dict, chosen: pd.Series, obama: dict) -> list[str]:
    """What DDP's counts say of the report weeks and of Obama's last months, in words."""
    inside = int(table["inside"].sum())
    low, high = months["bounds"].low, months["bounds"].high
    ratio = Bounds.exactly(chosen["weekly_rate"]) / months["bounds"]
    return [
        f"report weeks: ICE's own count lies within DDP's bounds in {inside} of {len(table)} weeks",
        f"Obama's last months in DDP's counts ({months['start']} to {months['end']}, {months['weeks']:.1f} weeks): "
        f"about {_tens(low)} to {_tens(high)} detainers a week",
        f"the {periods.span_name(obama['fiscal_years'])} average (TRAC), {obama['weekly_rate']:,.0f} a week, is "
        f"{_where(obama['weekly_rate'], months['bounds'])} that range",
        f"report week from {chosen['recorded_from']}, {chosen['weekly_rate']:,.0f} detainers: {ratio.low:.1f} to "
        f"{ratio.high:.1f} times DDP's average of those months",
    ]


def _where(value: float, span: Bounds) -> str:
    return "below" if value < span.low else ("above" if value > span.high else "within")


def _tens(value: float) -> str:
    """A prorated or halved count to the nearest ten: its last digit rests on an assumption (an even pace
    within a week, or how much two sources overlap)."""
    return f"{round(value, -1):,.0f}"


def _against(pct: float) -> str:
    return f"{abs(pct):.0f}% {'above' if pct >= 0 else 'below'}"


def findings(table: pd.DataFrame, months: dict, chosen: pd.Series, obama: dict) -> list[str]:
    """The sentences DDP's counts add: a check of the chosen report week's count, how ICE's report weeks
    sit against DDP's, and Obama's last months beside the claim's two fiscal years."""
    row = table.set_index("report_week").loc[chosen.name]
    ratio = Bounds.exactly(chosen["weekly_rate"]) / months["bounds"]
    low, high = table["ice_vs_ddp_low_pct"].min(), table["ice_vs_ddp_low_pct"].max()
    return [
        f"DDP's count of ICE's records for the same seven days is about {_tens(row['ddp_low'])} to "
        f"{_tens(row['ddp_high'])} detainers: half to all of its printed figure, which adds two sources.",
        f"ICE's {row['ice']:,} is {'within' if row['inside'] else 'outside'} that range, "
        f"{_against(row['ice_vs_ddp_low_pct'])} its low end.",
        f"Over the {len(table)} report weeks, ICE's own counts run from {_against(low)} to {_against(high)} DDP's "
        "halved counts. In these weeks DDP's two sources hold nearly the same detainers, so the low end is the "
        "likelier reading.",
        # TRAC's fiscal years all end after DDP's segment S1 or start before it: none lies within these weeks
        f"DDP's weekly counts here run from {months['covered_from']} to {months['covered_to']}, so they cannot give "
        f"the {periods.span_name(obama['fiscal_years'])} average itself.",
        f"Over Obama's last months in office ({months['start']} to {months['end']}), they give about "
        f"{_tens(months['bounds'].low)} to {_tens(months['bounds'].high)} detainers a week; TRAC's "
        f"{periods.span_name(obama['fiscal_years'])} average, {obama['weekly_rate']:,.0f} a week, is "
        f"{_where(obama['weekly_rate'], months['bounds'])} that range.",
        f"The report week was {ratio.low:.1f} to {ratio.high:.1f} times the average of those months.",
    ]


def statistics(table: pd.DataFrame, months: dict, chosen: pd.Series) -> list[Statistic]:
    """DDP's count of each report week, its average over Obama's last months and the chosen week's ratio
    to it: each an estimate (doubled weeks halved) with ``_low`` and ``_high`` beside it."""
    stats = []
    for row in table.itertuples():
        name = f"ddp_detainers_week_{row.recorded_from.replace('-', '_')}"
        what = f"detainers issued from {row.recorded_from} to {row.recorded_to}, DDP's count of ICE's records"
        stats += _bounded(name, row.ddp_low, Bounds(row.ddp_low, row.ddp_high), "detainers",
                          what + " (its two sources counted together: the estimate halves the printed count)", "DDP")
    stats.append(Statistic("ddp_report_weeks_within_bounds", int(table["inside"].sum()), "weeks",
                           f"report weeks (of {len(table)}) whose count in ICE's report lies within DDP's bounds for the "
                           "same days", sources="DDP+ICE"))
    stats += _bounded("ddp_weekly_rate_obama_fy2017", months["estimate"], months["bounds"], "detainers per week",
                      f"DDP's weekly average over Obama's last months in office ({months['start']} to {months['end']})",
                      "DDP")
    ratio = Bounds.exactly(chosen["weekly_rate"]) / months["bounds"]
    stats += _bounded("ratio_2017_week_to_ddp_obama_fy2017", chosen["weekly_rate"] / months["estimate"], ratio, "ratio",
                      f"detainers in the week from {chosen['recorded_from']} (ICE) / DDP's weekly average over "
                      f"{months['start']} to {months['end']}", "DDP+ICE")
    return stats


def _bounded(name: str, estimate: float, value: Bounds, unit: str, description: str, sources: str) -> list[Statistic]:
    """An estimate with its bounds beside it, ``_low`` and ``_high`` (the convention of `issued`)."""
    return [Statistic(name, estimate, unit, description, sources=sources),
            Statistic(f"{name}_low", value.low, f"{unit} (lower bound)", description + ": low end", sources=sources),
            Statistic(f"{name}_high", value.high, f"{unit} (upper bound)", description + ": high end", sources=sources)]
