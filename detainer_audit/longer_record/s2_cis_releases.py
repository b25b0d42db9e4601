"""Section 2 of notebook 04, "Two CIS releases over the same days", and DHS's 2025 beside them.

CIS's November 2024 list runs by fiscal year to 15 July 2024; its April 2025 release gives one total from
1 October 2022 to 6 February 2025. Both are read as counts of the chosen outcomes (`bounds.for_outcomes`).
The November list covers the common days exactly; the April total cannot be split, so the comparison asks
what the April total implies for the days after the November list ends, if both count the common days
alike. The April table's national total, known only second-hand, is checked against CIS's own words; the
testimony of Homeland Security on "2025" is read as the calendar or the fiscal year the reader chooses.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from .. import bounds, periods, results
from ..bounds import INF, Bounds, Piece
from ..results import Statistic, display
from .shared import (CIS_2024_OUTCOMES, OUTCOMES, SOURCE_COLORS, bound_statistic, bounds_of, outcome_set,
                     outcomes_in_words)

FIGURE = "04-cis-releases-and-dhs-2025"
COUNT, PER_DAY = "declined detainers", "declined detainers per day"  # units, as results.display reads them
MULTIPLES = {2: "doubled", 3: "tripled", 4: "quadrupled"}


def cis_release_overlap(cis_years: pd.DataFrame, counts: pd.DataFrame, declined_outcomes: list[str]) -> dict:
    """CIS's November 2024 fiscal-year counts against its April 2025 release.

    Both releases are read as counts of the chosen outcomes (`bounds.for_outcomes`): the November
    counts include three outcomes, the April release gives declines and insufficient notice apart.
    The November series covers its common days with the April release exactly (whole pieces); the
    April release gives one total, so its own count for those days cannot be split out. Assuming its
    count for the common days equals November's, the rest of its total falls on the days November
    does not cover: a lower bound, since the April total is itself a lower bound.
    """
    wanted = frozenset(declined_outcomes)
    nov = [Piece(periods.as_date(r.counted_from), periods.as_date(r.counted_to),
                 bounds.for_outcomes(Bounds.exactly(r.declined_detainers), CIS_2024_OUTCOMES, wanted))
           for r in cis_years.itertuples()]
    april = counts[counts["document_id"].eq("cis_2025_04_09") & counts["measure"].eq("declined")
                   & counts["seen_in"].eq("gopbriefingroom_2025_04")]
    if april.empty:
        raise ValueError("no CIS April 2025 totals in data/raw/detainer_counts.csv")
    a_start, a_end = periods.as_date(april["period_start"].min()), periods.as_date(april["period_end"].max())
    april_total = Bounds(0.0, 0.0)
    april_outcomes = frozenset()
    for row in april.itertuples():
        if outcome_set(row.outcomes) <= wanted:
            april_total = april_total + bounds_of(row)
            april_outcomes |= outcome_set(row.outcomes)
    april_total = bounds.for_outcomes(april_total, april_outcomes, wanted) if april_outcomes else Bounds(0.0, INF)
    n_start, n_end = min(p.start for p in nov), max(p.end for p in nov)
    common = bounds.overlap(n_start, n_end, a_start, a_end)
    c_days = periods.days_inclusive(*common)
    nov_common = bounds.count_in_window(nov, *common)
    april_common = bounds.count_in_window([Piece(a_start, a_end, april_total)], *common)
    after = (n_end + dt.timedelta(days=1), a_end)
    after_days = periods.days_inclusive(*after)
    remainder = (april_total - nov_common).at_least(0)
    pace_before = nov_common.scale(1 / c_days)
    pace_after = remainder.scale(1 / after_days)
    steady = nov_common + pace_before.scale(after_days)
    fy_last_full = max((p for p in nov if (p.start, p.end) == periods.fiscal_year_bounds(periods.fiscal_year_of(p.end))),
                       key=lambda p: p.end)
    full_year_pace = fy_last_full.bounds.scale(1 / fy_last_full.days)
    return {
        "outcomes": "+".join(o for o in OUTCOMES if o in wanted),
        "april_outcomes_counted": "+".join(o for o in OUTCOMES if o in april_outcomes),
        "common_start": common[0], "common_end": common[1], "common_days": c_days,
        "nov_common": nov_common, "april_common": april_common,
        "april_start": a_start, "april_end": a_end, "april_days": periods.days_inclusive(a_start, a_end),
        "april_total": april_total, "april_per_day": april_total.scale(1 / periods.days_inclusive(a_start, a_end)),
        "after_start": after[0], "after_end": after[1], "after_days": after_days,
        "implied_after": remainder, "pace_before": pace_before, "pace_after": pace_after,
        "pace_ratio": pace_after / pace_before, "steady_expectation": steady,
        "excess_over_steady": (april_total - steady), "last_full_fiscal_year": periods.fiscal_year_of(fy_last_full.end),
        "last_full_year_pace": full_year_pace,
        "pace_change_vs_last_full_year_pct": (pace_after / full_year_pace).scale(100) - Bounds.exactly(100),
    }


def table_totals(counts: pd.DataFrame, jurisdictions: pd.DataFrame, documents: pd.DataFrame | None = None) -> pd.DataFrame:
    """The two national totals that reposts give for the April 2025 table, each against what CIS's
    own text says (more than 25,000; California 52 %) and against the states the table lists."""
    totals = counts[counts["count_id"].str.startswith("cis2025_declined_table_total")]
    floor = counts.loc[counts["count_id"] == "cis2025_declined", "value"].iloc[0]
    states = jurisdictions[jurisdictions["figure"] == "declined_in_state"]
    ca = float(states.loc[states["state"] == "CA", "value"].iloc[0])
    share = float(jurisdictions.loc[jurisdictions["figure"] == "state_share_pct", "value"].iloc[0])
    listed = float(states["value"].sum())
    rows = []
    for row in totals.itertuples():
        ca_share = ca / row.value * 100
        reported_by = (documents.set_index("document_id")["publisher"].get(row.seen_in, row.seen_in)
                       if documents is not None else row.seen_in)
        rows.append({"count_id": row.count_id, "total": row.value, "seen_in": row.seen_in, "reported_by": reported_by,
                     "ca_count": ca, "confidence": row.confidence,
                     "above_cis_floor": row.value > floor, "ca_share_pct": ca_share,
                     "rounds_to_cis_share": round(ca_share) == share, "listed_states_sum": listed,
                     "at_least_listed_states": row.value >= listed})
    return pd.DataFrame(rows)


def dhs_2025(counts: pd.DataFrame, dhs_2025_year: str, overlap: dict) -> dict:
    """The DHS testimony's 2025 figures read as a calendar or a fiscal year (the testimony does not say)."""
    row = counts[counts["count_id"] == "dhs_declined_2025"].iloc[0]
    start, end = periods.year_bounds(2025, dhs_2025_year)
    days = periods.days_inclusive(start, end)
    per_day = row.value / days
    return {"declined": row.value, "year_kind": dhs_2025_year, "start": start, "end": end, "days": days,
            "per_day": per_day, "ratio_to_cis": Bounds.exactly(per_day) / overlap["last_full_year_pace"],
            "days_shared_with_april_release": bounds.overlap_days(start, end, overlap["april_start"], overlap["april_end"])}


# --------------------------------------------------------------------------- for readers

def summary(o: dict) -> str:
    """The comparison of the two releases, step by step, ending with what it implies in words."""
    april_counts = outcomes_in_words(o["april_outcomes_counted"]) if o["april_outcomes_counted"] else "none"
    steady = o["steady_expectation"]
    return "\n".join([
        f"outcomes counted as declines: {outcomes_in_words(o['outcomes'])} (of them, the April 2025 release counts: "
        f"{april_counts})",
        f"common days {o['common_start']} to {o['common_end']} ({o['common_days']} days): "
        f"November 2024 {o['nov_common'].shown(COUNT)}, April 2025 {o['april_common'].shown(COUNT)} (one total, not split)",
        f"April 2025, {o['april_start']} to {o['april_end']}: {o['april_total'].shown(COUNT)} = "
        f"{o['april_per_day'].shown(PER_DAY)} a day",
        f"implied for {o['after_start']} to {o['after_end']} ({o['after_days']} days): {o['implied_after'].shown(COUNT)} "
        f"= {o['pace_after'].shown(PER_DAY)} a day, against {o['pace_before'].shown(PER_DAY)} a day before "
        f"({o['pace_ratio'].shown('ratio')} times)",
        f"had the earlier pace held, the April total would be {'about ' if steady.exact else ''}{steady.shown(COUNT)}: "
        f"it exceeds that by {o['excess_over_steady'].shown(COUNT)}",
        pace_sentence(o)])


def dhs_summary(dhs: dict, o: dict) -> str:
    return (f"Homeland Security, 2025 read as a {dhs['year_kind']} year ({dhs['start']} to {dhs['end']}): "
            f"{display(dhs['declined'], COUNT)} declined = {display(dhs['per_day'], PER_DAY)} a day, "
            f"{dhs['ratio_to_cis'].shown('ratio')} times CIS's FY{o['last_full_fiscal_year']} pace; "
            f"it shares {dhs['days_shared_with_april_release']} days with the April 2025 release")


def totals_readers(totals: pd.DataFrame) -> pd.DataFrame:
    """The two national totals given for the April 2025 table, checked against CIS's own words, in words."""
    frame = totals.copy()
    frame["label"] = [f"total {chr(ord('A') + i)}, as {who} gives it"
                      for i, who in enumerate(frame.get("reported_by", frame["seen_in"]))]
    for column in ("above_cis_floor", "rounds_to_cis_share", "at_least_listed_states"):
        frame[column] = frame[column].map({True: "yes", False: "no"})
    return results.for_readers(frame, {"label": "national total", "total": "declines", "confidence": "confidence",
                                       "above_cis_floor": "above CIS's 'more than'", "ca_share_pct": "California's share (%)",
                                       "rounds_to_cis_share": "rounds to CIS's California share",
                                       "listed_states_sum": "sum of the states listed",
                                       "at_least_listed_states": "at least that sum"},
                               {"total": 0, "ca_share_pct": 1, "listed_states_sum": 0})


def multiple_in_words(ratio: float) -> str:
    """A ratio of two paces in words: 2.90 -> 'nearly tripled', 3.0 -> 'tripled', 3.2 -> 'a little more than
    tripled', 1.5 -> 'rose to 1.50 times' ... Within a tenth of a whole multiple from 2 to 4 the multiple is
    named; a ratio below 1 is a fall."""
    if ratio < 1:
        return f"fell to {display(ratio, 'ratio')} times"
    nearest = round(ratio)
    if nearest in MULTIPLES and abs(ratio - nearest) <= 0.1 * nearest:
        if abs(ratio - nearest) < 0.005:
            return MULTIPLES[nearest]
        return ("nearly " if ratio < nearest else "a little more than ") + MULTIPLES[nearest]
    return f"rose to {display(ratio, 'ratio')} times"


def pace_sentence(o: dict) -> str:
    """What the April 2025 release implies for the days after the November 2024 list ends, in words."""
    after = f"{o['after_start']} to {o['after_end']}"
    ratio = o["pace_ratio"]
    if ratio.kind == "unknown" or (ratio.kind == "upper" and ratio.high == INF):
        return (f"With declines counted as {outcomes_in_words(o['outcomes'])}, the two CIS releases say nothing certain "
                f"about the pace of declines from {after}: the later total cannot be set against the earlier counts.")
    if ratio.kind == "lower":
        change = (f"{multiple_in_words(ratio.low)} or more" if ratio.low >= 1
                  else f"was at least {display(ratio.low, 'ratio')} times")
    else:
        change = multiple_in_words(ratio.low)
    return (f"If both releases of the Center for Immigration Studies count the {o['common_days']} days they share alike, "
            f"the later one implies {o['pace_after'].shown(PER_DAY)} declines a day from {after}, against "
            f"{o['pace_before'].shown(PER_DAY)} a day before: the pace {change} ({ratio.shown('ratio')} times). Either "
            "the pace of declines changed that much, or the later extract counts more for the same days than the "
            "earlier one did; the public figures cannot tell which.")


def findings(o: dict, dhs: dict | None) -> list[str]:
    sentences = [pace_sentence(o)]
    if dhs:
        sentences.append(
            f"The Department of Homeland Security's {display(dhs['declined'], COUNT)} declines in 2025, read as the "
            f"{dhs['year_kind']} year ({dhs['start']} to {dhs['end']}), are {display(dhs['per_day'], PER_DAY)} a day, "
            f"{dhs['ratio_to_cis'].shown('ratio')} times the Center for Immigration Studies' pace of fiscal "
            f"{o['last_full_fiscal_year']}; the testimony does not say which year it meant, nor whether it counts the "
            "same outcomes.")
    return sentences


def statistics(overlap: dict, totals: pd.DataFrame, dhs: dict | None) -> list[Statistic]:
    o = overlap
    common = f"{o['common_start']} to {o['common_end']}"
    after = f"{o['after_start']} to {o['after_end']}"
    stats = [Statistic("cis_releases_common_days", o["common_days"], "days",
                       f"days covered by both CIS releases ({common}), both ends counted", sources="CIS")]
    stats += bound_statistic("cis_nov2024_count_common_days", o["nov_common"], COUNT,
                             f"CIS November 2024 counts for {common} (declines counted: {outcomes_in_words(o['outcomes'])})",
                             "CIS", True)
    stats += bound_statistic("cis_nov2024_per_day_common_days", o["pace_before"], PER_DAY,
                             f"CIS November 2024: declines per day over the {o['common_days']} days both CIS releases "
                             f"cover ({common})", "CIS")
    stats += bound_statistic("cis_apr2025_count", o["april_total"], COUNT,
                             f"CIS April 2025 total for {o['april_start']} to {o['april_end']} "
                             f"({outcomes_in_words(o['april_outcomes_counted']) if o['april_outcomes_counted'] else 'none'} "
                             "counted)", "CIS", True)
    stats += bound_statistic("cis_apr2025_per_day", o["april_per_day"], PER_DAY,
                             f"CIS April 2025: declines per day over its {o['april_days']} days ({o['april_start']} to "
                             f"{o['april_end']})", "CIS")
    stats += bound_statistic("cis_apr2025_implied_after_nov2024_end", o["implied_after"], COUNT,
                             f"April 2025 total minus the November counts for the common days: the count the later "
                             f"release implies for {after} ({o['after_days']} days) if both count the common days alike",
                             "CIS", True)
    stats += bound_statistic("cis_apr2025_implied_per_day_after_nov2024_end", o["pace_after"], PER_DAY,
                             f"CIS April 2025: declines per day it implies for {after}, after the November 2024 list "
                             "ends (if both releases count their common days alike)", "CIS", True)
    stats += bound_statistic("cis_pace_after_to_before_ratio", o["pace_ratio"], "ratio",
                             f"CIS: the pace the April 2025 release implies for {after} / the November 2024 pace over "
                             "the common days", "CIS")
    stats += bound_statistic("cis_apr2025_excess_over_steady_pace", o["excess_over_steady"], COUNT,
                             "April 2025 total minus what the November pace of the common days would give over the "
                             "April release's whole period", "CIS", True)
    stats += bound_statistic("cis_implied_pace_change_vs_fy_last_full_pct", o["pace_change_vs_last_full_year_pct"],
                             "percent", f"CIS: change from FY{o['last_full_fiscal_year']}'s pace (the last whole fiscal "
                             f"year of the November 2024 list) to the pace the April 2025 release implies for {after}",
                             "CIS")
    for row in totals.itertuples():
        suffix = row.count_id.removeprefix("cis2025_declined_")
        stats += [
            Statistic(f"cis_apr2025_{suffix}_ca_share_pct", row.ca_share_pct, "percent",
                      f"California's {display(row.ca_count, COUNT)} over the national total {display(row.total, COUNT)} "
                      f"given by {getattr(row, 'reported_by', row.seen_in)}", sources="CIS"),
            Statistic(f"cis_apr2025_{suffix}_minus_listed_states", row.total - row.listed_states_sum, COUNT,
                      f"national total {display(row.total, COUNT)} minus the sum of the states the table lists",
                      sources="CIS"),
        ]
    stats.append(Statistic("cis_apr2025_listed_states_sum", float(totals["listed_states_sum"].iloc[0]), COUNT,
                           "sum of the state counts the April 2025 table lists", sources="CIS"))
    if dhs:
        stats.append(Statistic("dhs_2025_declined_per_day", dhs["per_day"], PER_DAY,
                               f"Homeland Security: {display(dhs['declined'], COUNT)} declined in 2025, read as the "
                               f"{dhs['year_kind']} year {dhs['start']} to {dhs['end']}, per day", sources="DHS"))
        stats += bound_statistic("dhs_2025_per_day_to_cis_fy_last_full_ratio", dhs["ratio_to_cis"], "ratio",
                                 f"Homeland Security's 2025 pace ({dhs['year_kind']} year read) / the Center for "
                                 f"Immigration Studies' FY{o['last_full_fiscal_year']} pace (different publishers, "
                                 "outcomes and years)", "CIS+DHS")
    return stats


# --------------------------------------------------------------------------- figure

def figure(overlap: dict, cis_years: pd.DataFrame, dhs: dict | None):
    """Declines per day, 2021-2025: CIS's November 2024 years, its April 2025 total, the pace the
    later release implies after the earlier one ends, and DHS's 2025."""
    import matplotlib.pyplot as plt

    from ..figures import PALETTE, source_note

    o = overlap
    fig, ax = plt.subplots(figsize=(9.0, 4.8))
    drawn = []
    wanted = outcome_set(o["outcomes"])
    for row in cis_years.itertuples():
        days = periods.days_inclusive(row.counted_from, row.counted_to)
        rate = bounds.for_outcomes(Bounds.exactly(row.declined_detainers), CIS_2024_OUTCOMES, wanted).scale(1 / days)
        level = rate.low if rate.kind in ("exact", "lower") else rate.high
        ax.hlines(level, pd.Timestamp(row.counted_from), pd.Timestamp(row.counted_to), color=SOURCE_COLORS["CIS"], lw=3,
                  ls="-" if rate.exact else ":")
        ax.annotate(f"FY{row.fiscal_year}: {rate.shown(PER_DAY)}", (pd.Timestamp(row.counted_from), level),
                    xytext=(2, 4), textcoords="offset points", fontsize=7.5)
        drawn.append({"series": f"CIS Nov 2024, FY{row.fiscal_year}", "start": str(periods.as_date(row.counted_from)),
                      "end": str(periods.as_date(row.counted_to)), "per_day": round(level, 3), "bound": rate.kind})
    items = [("CIS Apr 2025, whole period", o["april_start"], o["april_end"], o["april_per_day"], PALETTE["reference"]),
             ("CIS Apr 2025, implied after Nov 2024 ends", o["after_start"], o["after_end"], o["pace_after"],
              PALETTE["highlight"])]
    if dhs:
        items.append((f"DHS 2025 ({dhs['year_kind']} year)", dhs["start"], dhs["end"], Bounds.exactly(dhs["per_day"]),
                      SOURCE_COLORS["DHS"]))
    for label, start, end, rate, color in items:
        ax.hlines(rate.low, pd.Timestamp(start), pd.Timestamp(end), color=color, lw=2.4, ls="--")
        mid = pd.Timestamp(start) + (pd.Timestamp(end) - pd.Timestamp(start)) / 2
        if rate.kind == "lower":
            ax.annotate("", (mid, rate.low * 1.18), (mid, rate.low), arrowprops={"arrowstyle": "->", "color": color})
        ax.annotate(f"{label}: {rate.shown(PER_DAY)}", (pd.Timestamp(start), rate.low), xytext=(2, -11),
                    textcoords="offset points", fontsize=7.5, color=color)
        drawn.append({"series": label, "start": str(start), "end": str(end), "per_day": round(rate.low, 3),
                      "bound": rate.kind})
    ax.axvspan(pd.Timestamp(o["common_start"]), pd.Timestamp(o["common_end"]), color="#f1f1f1", zorder=0)
    ax.text(pd.Timestamp(o["common_start"]), ax.get_ylim()[1] * 0.02, f"days both CIS releases cover ({o['common_days']})",
            fontsize=7.5, color=PALETTE["reference"])
    ax.set_ylim(0, None)
    ax.set_xlim(pd.Timestamp("2020-10-01"), pd.Timestamp("2026-09-30"))
    ax.set_ylabel("declined detainers per day")
    ax.set_title(f"Two CIS releases and DHS's 2025 ({dhs['year_kind']} year): declines per day" if dhs
                 else "Two CIS releases: declines per day")
    source_note(fig, "Sources: Center for Immigration Studies (CIS; Nov 2024, Apr 2025), Department of Homeland Security "
                     "(DHS) testimony 2026-03-04 via the press. An arrow: at least this much; dotted: at most this much. "
                     "Outcomes counted as declines: " + outcomes_in_words(o["outcomes"]) + ".")
    fig.tight_layout(rect=(0, 0.04, 1, 1))
    return fig, pd.DataFrame(drawn)
