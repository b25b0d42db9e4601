"""The longer record: every public count of declined detainers and of detainers issued, FY2008-2025.

Each count keeps its own period, unit and definition (which outcomes it counts). To compare them
they are put on one footing, a count per day of the period each covers, with a "more than" kept as a
lower bound and a "fewer than" as an upper bound (`bounds.Bounds`). Then four questions: where two
counts cover the same days, do they agree (CIS's releases of November 2024 and April 2025); what
share of detainers issued were declined; how concentrated declines are; and how many people a count
of detainers stands for.

NPR's lift reasons (ICE's record-level files, 2007-2015) are counted by the calendar year of each
detainer's *prepare* date (NPR's clean.py dates a record by ICE's "Prepare Date"), not the year it was
lifted; only lifted detainers carry a reason. "Detainer Declined by LEA" and "Early Release" are two of
the three outcomes CIS counts for 2021-2024.
"""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd

from . import bounds, params, periods, rawdata, results
from .bounds import INF, Bounds, Piece
from .params import ParameterError
from .results import Statistic

COUNTS = "detainer_counts"
DOCUMENTS = "documents"
JURISDICTIONS = "cis_2025_jurisdiction_counts"
CIS_FISCAL_YEARS = "declined_detainers_by_fiscal_year"
LIFT = "detainers_by_lift_reason_and_year"
MONTHLY = "detainers_issued_by_month"
REPORTS = "weekly_declined_detainer_reports"
WEEK1 = "week1_declined_by_jurisdiction"

OUTCOMES = ("declined", "insufficient_notice", "early_release")
CIS_2024_OUTCOMES = frozenset(OUTCOMES)  # CIS counts the three together (November 2024)
CONFIDENCE = ("high", "medium", "low")
DAYS_PER_MONTH = 365.25 / 12
DECLINED_BY_LEA = "Detainer Declined by LEA"
EARLY_RELEASE = "Early Release"
LIFT_OUTCOMES = {DECLINED_BY_LEA: "declined", EARLY_RELEASE: "early_release"}
YEAR_KINDS = ("calendar", "fiscal")
RECORD_START, RECORD_END = dt.date(2007, 10, 1), dt.date(2025, 12, 31)  # the span the record covers


def check_parameters(window_start, window_end, sources, declined_outcomes, min_confidence, min_period_overlap,
                     dhs_2025_year) -> tuple:
    """The notebook's parameters, checked (the pipeline calls this before a kernel starts)."""
    table = record(*(rawdata.read_table(name) for name in (COUNTS, DOCUMENTS, CIS_FISCAL_YEARS, LIFT, REPORTS)))
    window = check_window(window_start, window_end, RECORD_START, RECORD_END)
    return (*window,
            check_list("sources", sources, sorted(set(table["source"]))),
            check_list("declined_outcomes", declined_outcomes, OUTCOMES),
            params.choice("min_confidence", min_confidence, ("high", "medium")),
            params.number("min_period_overlap", min_period_overlap, 0.05, 1),
            params.choice("dhs_2025_year", dhs_2025_year, YEAR_KINDS))


# the parameters of the published run (the notebook's parameters cell holds the same values)
PUBLISHED_PARAMETERS = {"window_start": "2007-10-01", "window_end": "2025-12-31",
                        "sources": ["AP", "CIS", "DHS", "ICE", "MPI", "NPR", "TRAC", "press"],
                        "declined_outcomes": ["declined", "insufficient_notice", "early_release"],
                        "min_confidence": "medium", "min_period_overlap": 0.5, "dhs_2025_year": "calendar"}
NOTEBOOK = "04_longer_record_2008_2025"
# publishers in words (the figures and tables readers see; identifiers stay in the CSVs)
PUBLISHERS = {"AP": "Associated Press", "CIS": "Center for Immigration Studies", "DHS": "Homeland Security",
              "ICE": "ICE", "MPI": "Migration Policy Institute", "NPR": "NPR", "TRAC": "TRAC", "press": "press",
              "TCSO": "Travis County Sheriff's Office", "FAIR": "FAIR", "DDP": "Deportation Data Project"}
SPELLED_OUT = {"ICE": "U.S. Immigration and Customs Enforcement",
               "TRAC": "Transactional Records Access Clearinghouse (Syracuse University)",
               "DHS": "Department of Homeland Security", "NPR": "National Public Radio"}
OUTCOME_WORDS = {"declined": "declined by the law enforcement agency", "insufficient_notice": "insufficient notice",
                 "early_release": "early release"}
MEASURE_WORDS = {"declined": "declines", "issued": "detainers issued", "declined_share": "declined share"}
DHS_DOCUMENT = "dhs_testimony_2026_03_04"


def outcomes_in_words(outcomes) -> str:
    """'declined+early_release' or a list of outcomes, in words."""
    items = outcomes.split("+") if isinstance(outcomes, str) else list(outcomes)
    words = [OUTCOME_WORDS.get(o, o) for o in items]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def publishers_in_words(keys) -> str:
    """Publisher keys as names, spelled out, in the order given."""
    return ", ".join(SPELLED_OUT.get(k, PUBLISHERS.get(k, k)) for k in keys)


def with_dhs_year(table: pd.DataFrame, year_kind: str) -> pd.DataFrame:
    """The testimony's 'last year, 2025' read as the chosen kind of year: its rows of ambiguous period are
    re-dated (a fiscal year 2025 runs from 2024-10-01 to 2025-09-30) and their days recounted."""
    out = table.copy()
    start, end = periods.year_bounds(2025, year_kind)
    rows = (out["document_id"] == DHS_DOCUMENT) & (out["period_reading"] == "ambiguous")
    out.loc[rows, "period_start"] = pd.Timestamp(start)
    out.loc[rows, "period_end"] = pd.Timestamp(end)
    out.loc[rows, "days"] = periods.days_inclusive(start, end)
    return out


def outcome_set(text: str) -> frozenset[str]:
    return frozenset(text.split("+"))


# --------------------------------------------------------------------------- parameters

def check_window(start, end, earliest: dt.date, latest: dt.date,
                 names: tuple[str, str] = ("window_start", "window_end")) -> tuple[dt.date, dt.date]:
    """The window's ends as dates, inside the span the record covers, start before end."""
    out = []
    for name, value in zip(names, (start, end)):
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            day = value
        elif isinstance(value, str):
            try:
                day = dt.date.fromisoformat(value)
            except ValueError:
                raise ParameterError(f"parameter {name}={value!r} is not a date (YYYY-MM-DD)") from None
        else:
            raise ParameterError(f"parameter {name} must be a date (YYYY-MM-DD), got {type(value).__name__} {value!r}")
        if not earliest <= day <= latest:
            raise ParameterError(f"parameter {name}='{day}' is outside the record; allowed: {earliest} to {latest}")
        out.append(day)
    if out[1] <= out[0]:
        raise ParameterError(f"parameter {names[1]}='{out[1]}' must come after {names[0]}='{out[0]}'")
    return out[0], out[1]


def check_list(name: str, value, allowed) -> list[str]:
    allowed = list(allowed)
    if not isinstance(value, (list, tuple)) or not value or not all(isinstance(v, str) for v in value):
        raise ParameterError(f"parameter {name} must be a non-empty list of names, got {type(value).__name__} "
                             f"{value!r}; allowed: {', '.join(map(repr, allowed))}")
    unknown = [v for v in value if v not in allowed]
    if unknown:
        raise ParameterError(f"parameter {name} names {', '.join(map(repr, unknown))}, which is not allowed; "
                             f"choose from: {', '.join(map(repr, allowed))}")
    if len(set(value)) != len(value):
        raise ParameterError(f"parameter {name} lists a value twice: {value!r}")
    return list(value)


# --------------------------------------------------------------------------- every count, one footing

def _bounds_of(row) -> Bounds:
    high = None if pd.isna(getattr(row, "value_high", None)) else row.value_high
    return bounds.of_figure(row.value, row.comparator, high)


def per_day(value: Bounds, quantity: str, days: int) -> Bounds:
    """A figure as a count per day of its period."""
    if quantity == "total":
        return value.scale(1 / days)
    if quantity in ("average_per_month", "each_month"):
        return value.scale(1 / DAYS_PER_MONTH)
    if quantity == "average_per_day":
        return value
    raise ValueError(f"a {quantity!r} figure has no per-day rate")


def record(counts: pd.DataFrame, documents: pd.DataFrame, cis_years: pd.DataFrame, lift: pd.DataFrame,
           reports: pd.DataFrame) -> pd.DataFrame:
    """Every count in one table: the longer record's rows plus the counts kept in their own tables
    (CIS's fiscal years of November 2024, NPR's complete lift-reason years, ICE's 2017 report weeks)."""
    docs = documents.set_index("document_id")
    rows = [{**row._asdict()} for row in counts.itertuples(index=False)]
    for row in cis_years.itertuples():
        rows.append({"count_id": f"cis2024_fy{row.fiscal_year}", "measure": "declined",
                     "outcomes": "+".join(OUTCOMES), "unit": "detainers", "quantity": "total",
                     "comparator": "exactly", "value": float(row.declined_detainers), "value_high": math.nan,
                     "period_start": row.counted_from, "period_end": row.counted_to,
                     "period_as_stated": f"FY{row.fiscal_year}", "period_reading": "stated",
                     "document_id": "cis_2024_11", "seen_in": None, "confidence": "medium", "superseded_by": None})
    complete = lift.groupby("calendar_year")["lift_reason"].count()
    for row in lift[lift["lift_reason"].isin(LIFT_OUTCOMES)].itertuples():
        if row.calendar_year in (lift["calendar_year"].min(), lift["calendar_year"].max()):
            continue  # 2007 and 2015 are partial years of the extract
        start, end = periods.calendar_year_bounds(int(row.calendar_year))
        rows.append({"count_id": f"npr_{LIFT_OUTCOMES[row.lift_reason]}_{row.calendar_year}", "measure": "declined",
                     "outcomes": LIFT_OUTCOMES[row.lift_reason], "unit": "detainers", "quantity": "total",
                     "comparator": "exactly", "value": float(row.detainers), "value_high": math.nan,
                     "period_start": pd.Timestamp(start), "period_end": pd.Timestamp(end),
                     "period_as_stated": f"detainers prepared in {row.calendar_year}, later lifted as '{row.lift_reason}'",
                     "period_reading": "stated", "document_id": "npr_sanctuary_cities", "seen_in": None,
                     "confidence": "high", "superseded_by": None})
    del complete
    for row in reports.itertuples():
        for measure, column in (("issued", "detainers_issued_nationwide"), ("declined", "declined_detainer_records")):
            rows.append({"count_id": f"ddor_week{row.report_week}_{measure}", "measure": measure,
                         "outcomes": "issued" if measure == "issued" else "declined", "unit": "detainers",
                         "quantity": "total", "comparator": "exactly", "value": float(getattr(row, column)),
                         "value_high": math.nan, "period_start": row.recorded_from, "period_end": row.recorded_to,
                         "period_as_stated": f"report week {row.report_week}", "period_reading": "stated",
                         "document_id": "ice_ddor_2017", "seen_in": None, "confidence": "high", "superseded_by": None})
    table = _sum_categories(pd.DataFrame(rows))
    extra = {"cis_2024_11": "CIS", "npr_sanctuary_cities": "NPR", "ice_ddor_2017": "ICE"}
    table["source"] = [docs.loc[d, "source"] if d in docs.index else extra[d] for d in table["document_id"]]
    table["publisher"] = [docs.loc[d, "publisher"] if d in docs.index else
                          {"npr_sanctuary_cities": "NPR (nprapps), aggregation of ICE FOIA records",
                           "ice_ddor_2017": "U.S. Immigration and Customs Enforcement"}.get(d, "")
                          for d in table["document_id"]]
    table["days"] = [periods.days_inclusive(s, e) for s, e in zip(table["period_start"], table["period_end"])]
    return table


def _sum_categories(table: pd.DataFrame) -> pd.DataFrame:
    """Rows named ``<name>_category_<n>`` are parts of one count (ICE's FY2024 detainers by category):
    they are replaced by their sum, ``<name>``, computed here (the source prints no total)."""
    parts = table["count_id"].str.extract(r"^(?P<whole>.+)_category_\d+$")["whole"]
    out = table[parts.isna()]
    for whole, group in table[parts.notna()].groupby(parts[parts.notna()], sort=True):
        if group[["period_start", "period_end", "measure", "document_id", "comparator"]].nunique().max() != 1:
            raise ValueError(f"the categories of {whole} differ in period, measure, document or comparator")
        row = group.iloc[0].copy()
        row["count_id"], row["value"] = whole, float(group["value"].sum())
        row["note"] = f"sum of {len(group)} categories ({', '.join(group['count_id'])}), computed by the project"
        out = pd.concat([out, row.to_frame().T], ignore_index=True)
    return out.astype({"value": "float64"}).reset_index(drop=True)


def on_one_footing(table: pd.DataFrame) -> pd.DataFrame:
    """Each count (not shares) per day of its period, with low and high ends (NaN: no bound)."""
    rows = []
    for row in table[table["measure"] != "declined_share"].itertuples():
        rate = per_day(_bounds_of(row), row.quantity, row.days)
        rows.append({"count_id": row.count_id, "measure": row.measure, "outcomes": row.outcomes, "unit": row.unit,
                     "source": row.source, "publisher": row.publisher,
                     "period_start": periods.as_date(row.period_start).isoformat(),
                     "period_end": periods.as_date(row.period_end).isoformat(), "days": row.days,
                     "value": row.value, "comparator": row.comparator, "quantity": row.quantity,
                     "per_day_low": rate.low, "per_day_high": rate.high if rate.high != INF else math.nan,
                     "bound": rate.kind, "confidence": row.confidence,
                     "superseded": isinstance(row.superseded_by, str)})
    return pd.DataFrame(rows)


def select(footing: pd.DataFrame, window: tuple[dt.date, dt.date], sources: list[str],
           declined_outcomes: list[str], min_confidence: str) -> pd.DataFrame:
    """The counts a reader asked for: overlapping the window, from the named sources, declines of
    the chosen outcomes only (a count qualifies when every outcome it counts is chosen), current
    (not superseded) figures. Rows below ``min_confidence`` are kept but marked as context."""
    start, end = window
    keep = [bounds.overlap(s, e, start, end) is not None for s, e in zip(footing["period_start"], footing["period_end"])]
    chosen = frozenset(declined_outcomes)
    qualifies = [m == "issued" or outcome_set(o) <= chosen for m, o in zip(footing["measure"], footing["outcomes"])]
    out = footing[pd.Series(keep, index=footing.index) & pd.Series(qualifies, index=footing.index)
                  & footing["source"].isin(sources) & ~footing["superseded"]].copy()
    rank = {level: i for i, level in enumerate(CONFIDENCE)}
    out["context_only"] = out["confidence"].map(rank) > rank[min_confidence]
    return out.reset_index(drop=True)


def write_footing(footing: pd.DataFrame) -> str:
    """The footing table as `data/processed/longer_record_per_day.csv`; returns its project path."""
    from . import paths
    from .files import write_csv

    target = paths.processed() / "longer_record_per_day.csv"
    frame = footing.copy()
    for column in ("per_day_low", "per_day_high"):
        frame[column] = frame[column].round(4)
    write_csv(target, frame)
    return paths.relative(target)


# --------------------------------------------------------------------------- two CIS releases

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
            april_total = april_total + _bounds_of(row)
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


# --------------------------------------------------------------------------- declined share of issued

def share_pairs(table: pd.DataFrame, min_confidence: str, min_overlap: float, declined_outcomes: list[str]) -> pd.DataFrame:
    """Every decline count (detainers, totals) against every issued total whose period overlaps it by
    at least ``min_overlap`` of the longer of the two. Where the periods are the same the share is the
    ratio of the two bounds; where they differ, only days both cover are certain: a count is certain for
    the common days only if its whole period lies inside them, otherwise it may put anything from 0 to
    its high end there. The ratio of the two per-day paces is given beside it as an estimate that
    assumes an even pace over each period (never a bound)."""
    rank = {level: i for i, level in enumerate(CONFIDENCE)}
    usable = table[(table["confidence"].map(rank) <= rank[min_confidence]) & table["superseded_by"].isna()
                   & (table["unit"] == "detainers") & (table["quantity"] == "total")]
    chosen = frozenset(declined_outcomes)
    fits = pd.Series([outcome_set(o) <= chosen for o in usable["outcomes"]], index=usable.index, dtype=bool)
    declines = usable[(usable["measure"] == "declined") & fits]
    issued = usable[usable["measure"] == "issued"]
    cis = declines[declines["count_id"].str.startswith("cis2024_fy")]
    rows = []
    groups = [("cis2024_total", cis)] if len(cis) else []
    groups += [(row.count_id, declines[declines["count_id"] == row.count_id])
               for row in declines.itertuples() if not row.count_id.startswith(("cis2024_fy", "ddor_", "npr_"))]
    for name, pieces_frame in groups:
        pieces = [Piece(periods.as_date(r.period_start), periods.as_date(r.period_end), _bounds_of(r))
                  for r in pieces_frame.itertuples()]
        d_start, d_end = min(p.start for p in pieces), max(p.end for p in pieces)
        d_days = periods.days_inclusive(d_start, d_end)
        d_total = bounds.count_in_window(pieces, d_start, d_end)
        for i in issued.itertuples():
            i_start, i_end = periods.as_date(i.period_start), periods.as_date(i.period_end)
            shared = bounds.overlap_days(d_start, d_end, i_start, i_end)
            if shared < min_overlap * max(d_days, i.days):
                continue
            common = bounds.overlap(d_start, d_end, i_start, i_end)
            d_common = bounds.count_in_window(pieces, *common)
            i_common = bounds.count_in_window([Piece(i_start, i_end, _bounds_of(i))], *common)
            share = (d_common / i_common).scale(100)
            pace = (d_total.scale(1 / d_days) / _bounds_of(i).scale(1 / i.days)).scale(100)
            if share.kind == "unknown":
                continue  # the counts say nothing about the days both cover
            rows.append({
                "declines": name, "declines_source": pieces_frame["source"].iloc[0],
                "declines_period": f"{d_start} to {d_end}", "declines_count": d_total.shown(),
                "issued": i.count_id, "issued_source": i.source, "issued_period": f"{i_start} to {i_end}",
                "issued_count": _bounds_of(i).shown(), "same_period": (d_start, d_end) == (i_start, i_end),
                "common_days": shared, "share_low_pct": share.low,
                "share_high_pct": share.high if share.high != INF else math.nan, "share_bound": share.kind,
                "pace_ratio_pct": pace.low if pace.exact else math.nan,
                "approximate": "about" in set(pieces_frame["comparator"]) | {i.comparator},
            })
    return pd.DataFrame(rows, columns=PAIR_COLUMNS)


PAIR_COLUMNS = ["declines", "declines_source", "declines_period", "declines_count", "issued", "issued_source",
                "issued_period", "issued_count", "same_period", "common_days", "share_low_pct", "share_high_pct",
                "share_bound", "pace_ratio_pct", "approximate"]


def stated_share_check(table: pd.DataFrame, pairs: pd.DataFrame) -> pd.DataFrame:
    """Each published share of declines against the shares computed from counts of the same period."""
    stated = table[table["measure"] == "declined_share"]
    rows = []
    for row in stated.itertuples():
        period = f"{periods.as_date(row.period_start)} to {periods.as_date(row.period_end)}"
        match = pairs[pairs["declines_period"] == period]
        claimed = _bounds_of(row)
        if row.comparator in ("about", "range"):  # a rounded percentage: half a point either way
            claimed = Bounds(max(claimed.low - 0.5, 0), claimed.high + 0.5)
        for pair in match.itertuples():
            low = pair.share_low_pct
            high = pair.share_high_pct if not math.isnan(pair.share_high_pct) else INF
            consistent = not (claimed.high < low or claimed.low > high)
            rows.append({"stated": row.count_id, "source": row.source, "stated_pct": _bounds_of(row).shown(1),
                         "confidence": row.confidence, "computed_from": f"{pair.declines} / {pair.issued}",
                         "computed_pct": Bounds(low, high).shown(2),
                         "pace_ratio_pct": pair.pace_ratio_pct, "consistent_with_bounds": consistent})
        if match.empty:
            rows.append({"stated": row.count_id, "source": row.source, "stated_pct": _bounds_of(row).shown(1),
                         "confidence": row.confidence, "computed_from": "no pair of counts covers this period",
                         "computed_pct": "", "pace_ratio_pct": math.nan, "consistent_with_bounds": None})
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------- concentration

def concentration(week1: pd.DataFrame, reports: pd.DataFrame, jurisdictions: pd.DataFrame,
                  counts: pd.DataFrame) -> pd.DataFrame:
    """The largest jurisdiction's and state's share of declines: the first 2017 weekly report against
    CIS's 2022-2025 release. Identified rows of 2017 give lower bounds for a state (unidentified rows may
    add); in 2025 the national total is known only as 'more than 25,000', so shares over it are upper
    bounds (a second-hand table total is shown beside it)."""
    total_2017 = float(reports.set_index("report_week").loc[1, "declined_detainer_records"])
    week1 = week1[week1["confidence"] != "low"]  # a low-confidence row is context, counted in no bound
    top = week1.sort_values("declined_records", ascending=False).iloc[0]
    states = week1.groupby("state")["declined_records"].sum().sort_values(ascending=False)
    floor = Bounds(float(counts.loc[counts["count_id"] == "cis2025_declined", "value"].iloc[0]), INF)
    notice = Bounds(float(counts.loc[counts["count_id"] == "cis2025_insufficient_notice", "value"].iloc[0]), INF)
    table_total = float(counts.loc[counts["count_id"] == "cis2025_declined_table_total_a", "value"].iloc[0])
    by_state = jurisdictions[jurisdictions["figure"] == "declined_in_state"].sort_values("value", ascending=False).iloc[0]
    jail = jurisdictions[jurisdictions["figure"] == "released_at_jail"].sort_values("value", ascending=False).iloc[0]
    rows = [
        {"release": "ICE weekly report, 2017-01-28 to 2017-02-03", "level": "jurisdiction", "largest": top["jurisdiction"],
         "count": float(top["declined_records"]), "of": "206 declined records",
         **_share(Bounds.exactly(top["declined_records"]), Bounds.exactly(total_2017))},
        {"release": "ICE weekly report, 2017-01-28 to 2017-02-03", "level": "state", "largest": states.index[0],
         "count": float(states.iloc[0]), "of": "206 declined records (identified rows only)",
         **_share(Bounds(float(states.iloc[0]), INF), Bounds.exactly(total_2017))},
        {"release": "CIS, 2022-10-01 to 2025-02-06", "level": "state", "largest": by_state["state"],
         "count": float(by_state["value"]), "of": "more than 25,000 declines",
         **_share(Bounds.exactly(by_state["value"]), floor), "share_with_table_total_pct": by_state["value"] / table_total * 100},
        {"release": "CIS, 2022-10-01 to 2025-02-06", "level": "jail", "largest": jail["jurisdiction"],
         "count": float(jail["value"]), "of": "more than 26,400 declines and insufficient notices",
         **_share(Bounds.exactly(jail["value"]), floor + notice)},
    ]
    return pd.DataFrame(rows)


def _share(part: Bounds, whole: Bounds) -> dict:
    share = (part / whole).scale(100)
    return {"share_low_pct": share.low, "share_high_pct": share.high if share.high != INF else math.nan,
            "share_bound": share.kind}


# --------------------------------------------------------------------------- detainers or people

def detainers_and_people(counts: pd.DataFrame, claimed_detainers: float) -> dict:
    """Where one source gives both the declined detainers and the people they were for (CIS, January
    to August 2014), the detainers per person; what a count of detainers can and cannot say about people."""
    both = counts[counts["count_id"].isin(["cis2015_declined_2014_01_to_08", "cis2015_people_2014_01_to_08"])]
    detainers = float(both.loc[both["unit"] == "detainers", "value"].iloc[0])
    people = float(both.loc[both["unit"] == "people", "value"].iloc[0])
    ap = counts.loc[counts["count_id"] == "ap_declined_2014_01_to_08", "value"]
    ratio = detainers / people
    return {"detainers": detainers, "people": people, "detainers_per_person": ratio,
            "people_per_100_detainers": people / detainers * 100,
            "claimed_detainers": claimed_detainers, "people_at_2014_ratio": claimed_detainers / ratio,
            "ap_declined": float(ap.iloc[0]) if len(ap) else math.nan,
            "ap_vs_cis_pct": (float(ap.iloc[0]) / detainers - 1) * 100 if len(ap) else math.nan}


# --------------------------------------------------------------------------- NPR's lift reasons

def lift_reasons(lift: pd.DataFrame, series: pd.DataFrame) -> pd.DataFrame:
    """Per calendar year of the prepare date: detainers later lifted as declined by the law enforcement
    agency or as an early release, against lifted and prepared detainers (whole years only for the latter)."""
    from .weekly import complete_years

    whole_years = set(complete_years(series, "calendar"))
    prepared = series[series["whole_month"]].groupby("calendar_year")["detainers_issued"].sum()
    lifted = lift.groupby("calendar_year")["detainers"].sum()
    reason = lift.set_index(["calendar_year", "lift_reason"])["detainers"]
    rows = []
    for year in sorted(lifted.index):
        complete = year in whole_years
        declined = int(reason.get((year, DECLINED_BY_LEA), 0))
        early = int(reason.get((year, EARLY_RELEASE), 0))
        rows.append({
            "prepared_in": int(year), "complete_year": complete, "declined_by_lea": declined, "early_release": early,
            "lifted_with_a_reason": int(lifted[year]), "declined_share_of_lifted_pct": declined / lifted[year] * 100,
            "detainers_prepared": int(prepared[year]) if complete else pd.NA,
            "declined_share_of_prepared_pct": declined / prepared[year] * 100 if complete else pd.NA,
        })
    frame = pd.DataFrame(rows)
    frame["detainers_prepared"] = frame["detainers_prepared"].astype("Int64")
    frame["declined_share_of_prepared_pct"] = frame["declined_share_of_prepared_pct"].astype("Float64")
    return frame


# --------------------------------------------------------------------------- statistics

def _bound_statistic(name: str, value: Bounds, unit: str, description: str, sources: str,
                     headline: bool = False) -> list[Statistic]:
    """A bounded quantity as a statistic: the low end marked '(lower bound)', the high end '(upper
    bound)', an exact value plain; an unknown quantity records nothing."""
    if value.exact:
        return [Statistic(name, value.low, unit, description, headline, sources)]
    if value.kind == "lower":
        return [Statistic(name, value.low, f"{unit} (lower bound)", description, headline, sources)]
    if value.kind == "upper":
        return [Statistic(name, value.high, f"{unit} (upper bound)", description, headline, sources)]
    if value.kind == "between":
        return [Statistic(f"{name}_low", value.low, f"{unit} (lower bound)", description, headline, sources),
                Statistic(f"{name}_high", value.high, f"{unit} (upper bound)", description, False, sources)]
    return []


def statistics(selected: pd.DataFrame, overlap: dict, totals: pd.DataFrame, pairs: pd.DataFrame,
               concentrated: pd.DataFrame, people: dict, lift_table: pd.DataFrame,
               dhs: dict | None, window: tuple | None = None, min_confidence: str = "medium",
               min_overlap: float | None = None) -> list[Statistic]:
    o = overlap
    chosen = (f"from {window[0]} to {window[1]}, " if window else "") + \
        f"publishers {', '.join(PUBLISHERS.get(k, k) for k in sorted(set(selected['source'])))}, declines of {outcomes_in_words(o['outcomes'])}"
    common = f"{o['common_start']} to {o['common_end']}"
    after = f"{o['after_start']} to {o['after_end']}"
    stats = [
        Statistic("longer_record_counts", len(selected), "counts",
                  f"counts on the timeline ({chosen}; those below {min_confidence} confidence as context)",
                  sources="+".join(sorted(set(selected["source"])))),
        Statistic("longer_record_context_only", int(selected["context_only"].sum()), "counts",
                  f"of those, counts below {min_confidence} confidence: drawn as context, used in no comparison",
                  sources="+".join(sorted(set(selected.loc[selected["context_only"], "source"])))),
        Statistic("cis_releases_common_days", o["common_days"], "days",
                  f"days covered by both CIS releases ({common}), both ends counted", sources="CIS"),
    ]
    stats += _bound_statistic("cis_nov2024_count_common_days", o["nov_common"], "declined detainers",
                              f"CIS November 2024 counts for {common} (declines counted: {outcomes_in_words(o['outcomes'])})",
                              "CIS", True)
    stats += _bound_statistic("cis_nov2024_per_day_common_days", o["pace_before"], "declined detainers per day",
                              f"CIS November 2024: declines per day over the {o['common_days']} days both CIS releases cover ({common})", "CIS")
    stats += _bound_statistic("cis_apr2025_count", o["april_total"], "declined detainers",
                              f"CIS April 2025 total for {o['april_start']} to {o['april_end']} "
                              f"({outcomes_in_words(o['april_outcomes_counted']) if o['april_outcomes_counted'] else 'none'} "
                              "counted)", "CIS", True)
    stats += _bound_statistic("cis_apr2025_per_day", o["april_per_day"], "declined detainers per day",
                              f"CIS April 2025: declines per day over its {o['april_days']} days ({o['april_start']} to {o['april_end']})", "CIS")
    stats += _bound_statistic("cis_apr2025_implied_after_nov2024_end", o["implied_after"], "declined detainers",
                              f"April 2025 total minus the November counts for the common days: the count the later "
                              f"release implies for {after} ({o['after_days']} days) if both count the common days alike",
                              "CIS", True)
    stats += _bound_statistic("cis_apr2025_implied_per_day_after_nov2024_end", o["pace_after"],
                              "declined detainers per day", f"CIS April 2025: declines per day it implies for {after}, after the "
                              "November 2024 list ends (if both releases count their common days alike)", "CIS", True)
    stats += _bound_statistic("cis_pace_after_to_before_ratio", o["pace_ratio"], "ratio",
                              f"CIS: the pace the April 2025 release implies for {after} / the November 2024 pace over the common days", "CIS")
    stats += _bound_statistic("cis_apr2025_excess_over_steady_pace", o["excess_over_steady"], "declined detainers",
                              "April 2025 total minus what the November pace of the common days would give over the "
                              "April release's whole period", "CIS", True)
    stats += _bound_statistic("cis_implied_pace_change_vs_fy_last_full_pct", o["pace_change_vs_last_full_year_pct"],
                              "percent", f"CIS: change from FY{o['last_full_fiscal_year']}'s pace (the last whole fiscal year of the "
                              f"November 2024 list) to the pace the April 2025 release implies for {after}", "CIS")
    for row in totals.itertuples():
        suffix = row.count_id.removeprefix("cis2025_declined_")
        stats += [
            Statistic(f"cis_apr2025_{suffix}_ca_share_pct", row.ca_share_pct, "percent",
                      f"California's {row.ca_count:,.0f} over the national total {row.total:,.0f} given by "
                      f"{getattr(row, 'reported_by', row.seen_in)}", sources="CIS"),
            Statistic(f"cis_apr2025_{suffix}_minus_listed_states", row.total - row.listed_states_sum, "declined detainers",
                      f"national total {row.total:,.0f} minus the sum of the states the table lists", sources="CIS"),
        ]
    stats.append(Statistic("cis_apr2025_listed_states_sum", float(totals["listed_states_sum"].iloc[0]),
                           "declined detainers", "sum of the state counts the April 2025 table lists", sources="CIS"))
    for row in pairs.itertuples():
        name = f"declined_share_{row.declines}_vs_{row.issued}"
        share = Bounds(row.share_low_pct, row.share_high_pct if not math.isnan(row.share_high_pct) else INF)
        srcs = "+".join(sorted({row.declines_source, row.issued_source}))
        stats += _bound_statistic(name, share, "percent", f"{pair_label(row)}: declines as a share of detainers "
                                  "issued over the days both cover"
                                  + (f" (pairs overlapping by at least {min_overlap:.0%} of the longer period)"
                                     if min_overlap is not None else ""), srcs)
        if not row.same_period and not math.isnan(row.pace_ratio_pct):
            stats.append(Statistic(f"{name}_pace_ratio", row.pace_ratio_pct, "percent (estimate)",
                                   f"{pair_label(row)}: ratio of the two per-day paces over their own periods "
                                   "(assumes an even pace; not a bound)", sources=srcs))
    for row in concentrated.itertuples():
        year = "2017_week1" if row.release.startswith("ICE") else "2022_2025"
        share = Bounds(row.share_low_pct, row.share_high_pct if not math.isnan(row.share_high_pct) else INF)
        stats += _bound_statistic(f"largest_{row.level}_share_{year}", share, "percent",
                                  f"{state_in_words(row.largest)}: {row.count:,.0f} of {row.of} ({row.release})",
                                  "ICE+press" if year == "2017_week1" else "CIS", True)
    stats += [
        Statistic("detainers_per_person_2014", people["detainers_per_person"], "detainers per person",
                  f"CIS: {people['detainers']:,.0f} declined detainers for {people['people']:,.0f} people, "
                  "January to August 2014", headline=True, sources="CIS"),
        Statistic("people_for_claimed_detainers_at_2014_ratio", people["people_at_2014_ratio"], "people (estimate)",
                  f"{people['claimed_detainers']:,.0f} detainers at the 2014 ratio: an illustration, not a count",
                  sources="CIS"),
        Statistic("ap_vs_cis_declined_2014_pct", people["ap_vs_cis_pct"], "percent",
                  "ICE's figure via AP (about 8,800) against CIS's 8,811 from an ICE report, same months", sources="AP+CIS"),
    ]
    complete = lift_table[lift_table["complete_year"]]
    stats += [Statistic(f"declined_by_lea_{row.prepared_in}", row.declined_by_lea, "detainers",
                        f"detainers prepared in {row.prepared_in} and later lifted as declined by the law enforcement "
                        "agency (calendar year of the prepare date; one outcome only)", sources="NPR")
              for row in complete.itertuples()]
    peak = complete.loc[complete["declined_by_lea"].idxmax()]
    stats += [
        Statistic("declined_by_lea_peak_year", peak["prepared_in"], "year",
                  "complete prepare year with the most detainers lifted as declined by the law enforcement agency "
                  f"({complete.prepared_in.min()}-{complete.prepared_in.max()})", sources="NPR"),
        Statistic("declined_by_lea_peak_share_of_prepared_pct", peak["declined_share_of_prepared_pct"], "percent",
                  f"detainers prepared in {peak['prepared_in']} and lifted as declined by the law enforcement agency, "
                  "as a share of the detainers prepared that year", sources="NPR"),
    ]
    stats += [Statistic("largest_state_share_2022_2025_table_total_a", float(row.share_with_table_total_pct), "percent",
                        f"{state_in_words(row.largest)}'s count over the {row.count / row.share_with_table_total_pct * 100:,.0f} "
                        "national total a second-hand report gives", sources="CIS")
              for row in concentrated.itertuples() if not pd.isna(getattr(row, "share_with_table_total_pct", math.nan))]
    if dhs:
        stats += [
            Statistic("dhs_2025_declined_per_day", dhs["per_day"], "declined detainers per day",
                      f"Homeland Security: {dhs['declined']:,.0f} declined in 2025, read as the {dhs['year_kind']} year "
                      f"{dhs['start']} to {dhs['end']}, per day", sources="DHS"),
        ]
        stats += _bound_statistic("dhs_2025_per_day_to_cis_fy_last_full_ratio", dhs["ratio_to_cis"], "ratio",
                                  f"Homeland Security's 2025 pace ({dhs['year_kind']} year read) / the Center for "
                                  f"Immigration Studies' FY{o['last_full_fiscal_year']} pace (different publishers, "
                                  "outcomes and years)", "CIS+DHS")
    return stats


def stated_share_statistics(consistent: dict) -> list[Statistic]:
    """Whether each share CIS stated lies within the bounds of its declines over detainers issued on the
    same days, counted week by week (1 yes, 0 no): context, since CIS's statement is of low confidence."""
    return [Statistic(f"{name}_within_weekly_bounds", int(value), "yes (1) or no (0)",
                      "CIS's stated share lies within the bounds of its declines over detainers issued on the same "
                      "days (DDP's weekly counts)", sources="CIS+DDP") for name, value in consistent.items()]


def dhs_2025(counts: pd.DataFrame, year_kind: str, overlap: dict) -> dict:
    """The DHS testimony's 2025 figures read as a calendar or a fiscal year (the testimony does not say)."""
    row = counts[counts["count_id"] == "dhs_declined_2025"].iloc[0]
    start, end = periods.year_bounds(2025, year_kind)
    days = periods.days_inclusive(start, end)
    per_day = row.value / days
    return {"declined": row.value, "year_kind": year_kind, "start": start, "end": end, "days": days,
            "per_day": per_day, "ratio_to_cis": Bounds.exactly(per_day) / overlap["last_full_year_pace"],
            "days_shared_with_april_release": bounds.overlap_days(start, end, overlap["april_start"], overlap["april_end"])}


# --------------------------------------------------------------------------- figures

SOURCE_COLORS = {"CIS": "#b23a48", "TRAC": "#d9822b", "ICE": "#3b6e8f", "NPR": "#7fa7c2", "DHS": "#5b3f8c",
                 "AP": "#2e8b57", "MPI": "#8c6d31", "press": "#6b6b6b", "TCSO": "#444444", "FAIR": "#999999"}


def _segment(ax, row, color, hollow: bool):
    start, end = pd.Timestamp(row.period_start), pd.Timestamp(row.period_end) + pd.Timedelta(days=1)
    low, high = row.per_day_low, row.per_day_high
    if row.bound == "upper":  # only a high end: drawn there, pointing down
        low = high
    style = dict(color=color, lw=2.2, alpha=0.45 if hollow else 0.95, ls=":" if hollow else "-")
    if end - start <= pd.Timedelta(days=45):
        mid = start + (end - start) / 2
        ax.scatter([mid], [low], color=color, s=22, marker="^" if row.bound == "lower" else "o",
                   facecolors="none" if hollow else color, zorder=4)
    else:
        ax.hlines(low, start, end, **style)
        if row.bound == "lower":
            ax.scatter([start + (end - start) / 2], [low], marker="^", color=color, s=26, zorder=4,
                       facecolors="none" if hollow else color)
        if row.bound == "upper":
            ax.scatter([start + (end - start) / 2], [low], marker="v", color=color, s=26, zorder=4,
                       facecolors="none" if hollow else color)
    if row.bound == "between" and not math.isnan(high):
        ax.vlines(start + (end - start) / 2, low, high, color=color, lw=1, alpha=0.8)


def timeline_figure(selected: pd.DataFrame, monthly: pd.DataFrame, window: tuple[dt.date, dt.date],
                    min_confidence: str = "medium"):
    """Declines and detainers issued per day, every count over its own period, one colour a source."""
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    from .figures import source_note, thousands

    fig, (top, bottom) = plt.subplots(2, 1, figsize=(10.0, 7.2), sharex=True)
    for ax, measure in ((top, "declined"), (bottom, "issued")):
        rows = selected[selected["measure"] == measure].sort_values(["period_start", "count_id"])
        for row in rows.itertuples():
            _segment(ax, row, SOURCE_COLORS.get(row.source, "#333333"), row.context_only)
    whole = monthly[monthly["whole_month"]] if "NPR" in set(selected["source"]) else monthly.iloc[0:0]
    mid = pd.to_datetime(whole["start"]) + pd.Timedelta(days=14)
    bottom.plot(mid, whole["detainers_issued"] / whole["days"], color=SOURCE_COLORS["NPR"], lw=1, alpha=0.8)
    top.set_ylabel("declined detainers per day")
    bottom.set_ylabel("detainers issued per day")
    thousands(bottom)
    top.set_title(f"Declines per day, {window[0]} to {window[1]}, each count over the period it covers")
    bottom.set_title("Detainers issued per day" + (" (line: NPR's monthly series)" if len(whole) else ""))
    for ax in (top, bottom):
        ax.set_ylim(0, None)
        ax.set_xlim(pd.Timestamp(window[0]), pd.Timestamp(window[1]))
    present = [s for s in SOURCE_COLORS if s in set(selected["source"])]
    handles = [Line2D([], [], color=SOURCE_COLORS[s], lw=2.2, label=PUBLISHERS.get(s, s)) for s in present]
    handles += [Line2D([], [], color="#333333", marker="^", ls="", label="lower bound ('more than')"),
                Line2D([], [], color="#333333", marker="v", ls="", label="upper bound ('fewer than')"),
                Line2D([], [], color="#333333", ls=":", alpha=0.5, label=f"below {min_confidence} confidence: context only")]
    top.legend(handles=handles, loc="upper left", fontsize=7.5, ncols=3)
    source_note(fig, f"Publishers: {publishers_in_words(present)}. Declines counted: "
                     f"{outcomes_in_words(sorted(set('+'.join(selected.loc[selected['measure'] == 'declined', 'outcomes']).split('+')) - {''}, key=list(OUTCOMES).index))}. "
                     "Per day = count / days covered; monthly averages / 30.44.")
    fig.tight_layout(rect=(0, 0.06, 1, 1))
    drawn = selected[["count_id", "measure", "outcomes", "source", "period_start", "period_end", "days", "value",
                      "comparator", "per_day_low", "per_day_high", "bound", "confidence", "context_only"]].copy()
    drawn["per_day_low"] = drawn["per_day_low"].round(3)
    drawn["per_day_high"] = drawn["per_day_high"].round(3)
    return fig, drawn.reset_index(drop=True)


def overlap_figure(overlap: dict, cis_years: pd.DataFrame, dhs: dict | None):
    """Declines per day, 2021-2025: CIS's November 2024 years, its April 2025 total, the pace the
    later release implies after the earlier one ends, and DHS's 2025."""
    import matplotlib.pyplot as plt

    from .figures import PALETTE, source_note

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
        ax.annotate(f"FY{row.fiscal_year}: {rate.shown(1)}", (pd.Timestamp(row.counted_from), level), xytext=(2, 4),
                    textcoords="offset points", fontsize=7.5)
        drawn.append({"series": f"CIS Nov 2024, FY{row.fiscal_year}", "start": str(periods.as_date(row.counted_from)),
                      "end": str(periods.as_date(row.counted_to)), "per_day": round(level, 3), "bound": rate.kind})
    items = [("CIS Apr 2025, whole period", o["april_start"], o["april_end"], o["april_per_day"], PALETTE["reference"]),
             ("CIS Apr 2025, implied after Nov 2024 ends", o["after_start"], o["after_end"], o["pace_after"], PALETTE["highlight"])]
    if dhs:
        items.append((f"DHS 2025 ({dhs['year_kind']} year)", dhs["start"], dhs["end"], Bounds.exactly(dhs["per_day"]),
                      SOURCE_COLORS["DHS"]))
    for label, start, end, rate, color in items:
        ax.hlines(rate.low, pd.Timestamp(start), pd.Timestamp(end), color=color, lw=2.4, ls="--")
        mid = pd.Timestamp(start) + (pd.Timestamp(end) - pd.Timestamp(start)) / 2
        if rate.kind == "lower":
            ax.annotate("", (mid, rate.low * 1.18), (mid, rate.low), arrowprops={"arrowstyle": "->", "color": color})
        ax.annotate(f"{label}: {rate.shown(1)}", (pd.Timestamp(start), rate.low), xytext=(2, -11),
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


def share_figure(pairs: pd.DataFrame, stated: pd.DataFrame, table: pd.DataFrame, min_overlap: float = 0.5,
                 min_confidence: str = "medium"):
    """The declined share of detainers issued for every comparable pair of counts, with its bounds."""
    import matplotlib.pyplot as plt

    from .figures import PALETTE, source_note

    rows = pairs.iloc[::-1].reset_index(drop=True)
    fig, ax = plt.subplots(figsize=(10.0, 1.6 + 0.5 * max(len(rows), 1)))
    cap = max(15.0, float(rows["share_low_pct"].max()) * 1.3)
    for y, row in enumerate(rows.itertuples()):
        high = row.share_high_pct if not math.isnan(row.share_high_pct) else cap
        color = SOURCE_COLORS.get(row.declines_source, "#333333")
        if row.share_low_pct == high:
            ax.scatter(row.share_low_pct, y, color=color, s=30, zorder=3)
        else:
            ax.hlines(y, row.share_low_pct, high, color=color, lw=3, alpha=0.6)
            ax.scatter(row.share_low_pct, y, color=color, marker="|", s=80)
        if not math.isnan(row.pace_ratio_pct):
            ax.scatter(row.pace_ratio_pct, y, color=color, marker="x", s=30, zorder=4)
    cis_range = table.loc[table["count_id"] == "cis2024_declined_share"]
    if len(cis_range):
        low, high = cis_range["value"].iloc[0], cis_range["value_high"].iloc[0]
        ax.axvspan(low, high, color="#f0dfe2", zorder=0,
                   label=f"the Center for Immigration Studies' stated {low:g} to {high:g}% "
                         f"({cis_range['confidence'].iloc[0]} confidence)")
        ax.legend(loc="upper right", fontsize=7.5)
    labels = [pair_label(r).replace(" / ", "\nover ") + ("" if r.same_period else " (periods differ)")
              for r in rows.itertuples()]
    ax.set_yticks(range(len(rows)), labels, fontsize=7)
    ax.set_xlim(0, cap)
    ax.set_xlabel("declines as a percentage of detainers issued (bar: bounds; x: ratio of per-day paces)")
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", color="#e4e4e4")
    ax.set_title("What share of detainers were declined?" if len(rows) else
                 "What share of detainers were declined? No pair of counts qualifies with these parameters")
    source_note(fig, f"Pairs: a decline count and a count of detainers issued, both of {min_confidence} confidence or "
                     f"higher, whose periods overlap by at least {min_overlap:.0%} of the longer. Bars run to the edge "
                     "where no upper bound exists. TRAC: Transactional Records Access Clearinghouse.")
    fig.tight_layout(rect=(0, 0.04, 1, 1))
    drawn = pairs[["declines", "issued", "declines_period", "issued_period", "same_period", "common_days",
                   "share_low_pct", "share_high_pct", "pace_ratio_pct"]].copy()
    drawn.insert(0, "label", [pair_label(r) for r in pairs.itertuples()])
    return fig, drawn.round({"share_low_pct": 3, "share_high_pct": 3, "pace_ratio_pct": 3})


def concentration_figure(concentrated: pd.DataFrame):
    """The largest jurisdiction's and state's share of declines, 2017 against 2022-2025."""
    import matplotlib.pyplot as plt

    from .figures import PALETTE, source_note

    fig, ax = plt.subplots(figsize=(8.5, 3.6))
    rows = concentrated.iloc[::-1].reset_index(drop=True)
    for y, row in enumerate(rows.itertuples()):
        color = PALETTE["highlight"] if row.release.startswith("ICE") else PALETTE["full"]
        ax.barh(y, row.share_low_pct if row.share_bound != "upper" else row.share_high_pct, color=color, alpha=0.85)
        word = {"lower": "at least ", "upper": "at most "}.get(row.share_bound, "")
        value = row.share_low_pct if row.share_bound != "upper" else row.share_high_pct
        ax.annotate(f"{word}{value:.1f}%", (value, y), xytext=(3, 0), textcoords="offset points", va="center", fontsize=8)
    ax.set_yticks(range(len(rows)), [f"{state_in_words(r.largest)} ({r.level}, {r.release.split(',')[0]})"
                                     for r in rows.itertuples()],
                  fontsize=7.5)
    ax.set_xlim(0, 100)
    ax.set_xlabel("share of the release's declines (%)")
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", color="#e4e4e4")
    ax.set_title("How concentrated are declines? The largest jurisdiction and state")
    source_note(fig, "2017: ICE weekly report of 2017-01-28 to 2017-02-03 (identified rows). 2022-2025: CIS, April 2025 "
                     "(total known only as more than 25,000).")
    fig.tight_layout(rect=(0, 0.05, 1, 1))
    drawn = concentrated[["release", "level", "largest", "count", "of", "share_low_pct", "share_high_pct", "share_bound"]]
    return fig, drawn.round({"share_low_pct": 3, "share_high_pct": 3})


def people_figure(people: dict):
    """Declined detainers against the people they were for (CIS, January to August 2014)."""
    import matplotlib.pyplot as plt

    from .figures import PALETTE, source_note, thousands

    fig, ax = plt.subplots(figsize=(7.0, 3.4))
    labels = ["declined detainers, Jan-Aug 2014", "people they were for", "the 2024 article's detainers",
              "people, at the 2014 ratio (illustration)"]
    values = [people["detainers"], people["people"], people["claimed_detainers"], people["people_at_2014_ratio"]]
    colors = [PALETTE["full"], PALETTE["partial"], PALETTE["annualized"], PALETTE["muted"]]
    bars = ax.barh(range(4)[::-1], values, color=colors)
    for bar, value in zip(bars, values):
        ax.annotate(f"{value:,.0f}", (bar.get_width(), bar.get_y() + bar.get_height() / 2), xytext=(3, 0),
                    textcoords="offset points", va="center", fontsize=8)
    ax.set_yticks(range(4)[::-1], labels, fontsize=8)
    thousands(ax, "x")
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", color="#e4e4e4")
    ax.set_title(f"Detainers or people: {people['detainers_per_person']:.3f} detainers per person in 2014")
    source_note(fig, "Source: CIS (July 2015), from an ICE report. The ratio of another period need not hold in 2021-2024.")
    fig.tight_layout(rect=(0, 0.05, 1, 1))
    return fig, pd.DataFrame({"label": labels, "value": [round(v, 2) for v in values]})


# --------------------------------------------------------------------------- words for readers

def _period_words(period: str) -> str:
    """'2021-01-20 to 2024-07-15' as 'Jan 2021 to Jul 2024' (a single year stays one year)."""
    start, end = (dt.date.fromisoformat(p) for p in period.split(" to "))
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        return f"calendar {start.year}"
    if (start.month, start.day, end.month, end.day) == (10, 1, 9, 30) and end.year == start.year + 1:
        return f"fiscal {end.year}"
    return f"{start:%b %Y} to {end:%b %Y}" if (start.year, start.month) != (end.year, end.month) else f"{start:%b %Y}"


def pair_label(row) -> str:
    """A pair of counts in words, naming the publishers and the periods: 'Center for Immigration Studies,
    Jan 2021 to Jul 2024 / TRAC, Oct 2020 to Dec 2023'."""
    declines = f"{PUBLISHERS.get(row.declines_source, row.declines_source)} declines, {_period_words(row.declines_period)}"
    issued = f"{PUBLISHERS.get(row.issued_source, row.issued_source)} issued, {_period_words(row.issued_period)}"
    return f"{declines} / {issued}"


def timeline_summary(selected: pd.DataFrame) -> pd.DataFrame:
    """The counts on the timeline by what they count and who published them, in words."""
    frame = selected.assign(what=selected["measure"].map(MEASURE_WORDS),
                            publisher=selected["source"].map(lambda s: PUBLISHERS.get(s, s)))
    table = frame.groupby(["what", "publisher"], sort=True).agg(
        counts=("count_id", "size"), context=("context_only", "sum"), first_day=("period_start", "min"),
        last_day=("period_end", "max")).reset_index()
    table["what"] = table["what"] + ": " + table["publisher"]
    return results.for_readers(table, {"what": "counts of", "counts": "counts", "context": "of them context only",
                                       "first_day": "first day", "last_day": "last day"})


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


BOUND_WORDS = {"exact": "exact", "lower": "at least", "upper": "at most", "between": "between", "unknown": "unknown"}


def pairs_readers(pairs: pd.DataFrame) -> pd.DataFrame:
    """The declined share for every pair of counts, in words, as percent to one decimal."""
    frame = pairs.copy()
    frame["label"] = [pair_label(r) for r in frame.itertuples()]
    frame["same_period"] = frame["same_period"].map({True: "yes", False: "no"})
    frame["share_bound"] = frame["share_bound"].map(BOUND_WORDS)
    return results.for_readers(frame, {"label": "declines / detainers issued", "same_period": "same days",
                                       "common_days": "days both cover", "share_bound": "share is",
                                       "share_low_pct": "share, low (%)", "share_high_pct": "share, high (%)",
                                       "pace_ratio_pct": "ratio of paces (%)"},
                               {"share_low_pct": 1, "share_high_pct": 1, "pace_ratio_pct": 1})


def stated_readers(stated: pd.DataFrame, table: pd.DataFrame) -> pd.DataFrame:
    """Each published share against the computed ones, in words."""
    frame = stated.copy()
    rows = table.set_index("count_id")
    frame["label"] = [f"{PUBLISHERS.get(rows.loc[c, 'source'], rows.loc[c, 'source'])}, {rows.loc[c, 'period_as_stated']}"
                      for c in frame["stated"]]
    pairs_by_id = {}
    frame["consistent_with_bounds"] = frame["consistent_with_bounds"].map({True: "yes", False: "no"}).fillna("")
    del pairs_by_id
    return results.for_readers(frame, {"label": "share stated by", "stated_pct": "stated (%)", "confidence": "confidence",
                                       "computed_pct": "computed (%)", "pace_ratio_pct": "ratio of paces (%)",
                                       "consistent_with_bounds": "consistent"}, {"pace_ratio_pct": 1})


def windows_readers(windows: pd.DataFrame) -> pd.DataFrame:
    """CIS's declines over detainers issued on the same days (weekly counts), in words."""
    frame = windows.copy()
    frame["window"] = [w if w != "total" else "all four windows" for w in frame["window"]]
    return results.for_readers(frame, {"window": "CIS window", "declined": "declines (CIS)",
                                       "issued_estimate": "detainers issued, estimate", "issued_low": "issued, low",
                                       "issued_high": "issued, high", "share_estimate_pct": "declined share, estimate (%)",
                                       "share_low_pct": "share, low (%)", "share_high_pct": "share, high (%)"},
                               {"issued_estimate": 0, "issued_low": 0, "issued_high": 0, "share_estimate_pct": 1,
                                "share_low_pct": 1, "share_high_pct": 1})


def concentration_readers(concentrated: pd.DataFrame) -> pd.DataFrame:
    """The largest jurisdiction's and state's share, in words."""
    frame = concentrated.copy()
    frame["label"] = [f"{r.release}: largest {r.level}" for r in frame.itertuples()]
    frame["largest"] = frame["largest"].map(state_in_words)
    frame["share_bound"] = frame["share_bound"].map(BOUND_WORDS)
    columns = {"label": "release and level", "largest": "largest", "count": "declines", "of": "of",
               "share_bound": "share is", "share_low_pct": "share, low (%)", "share_high_pct": "share, high (%)"}
    decimals = {"count": 0, "share_low_pct": 1, "share_high_pct": 1}
    if "share_with_table_total_pct" in frame:
        columns["share_with_table_total_pct"] = "share of a second-hand total (%)"
        decimals["share_with_table_total_pct"] = 1
    return results.for_readers(frame, columns, decimals)


def lift_readers(lift_table: pd.DataFrame) -> pd.DataFrame:
    """NPR's lift reasons by prepare year, in words."""
    frame = lift_table.copy()
    frame["complete_year"] = frame["complete_year"].map({True: "yes", False: "no (partial)"})
    for column in ("detainers_prepared", "declined_share_of_prepared_pct"):
        frame[column] = frame[column].astype("float64")
    return results.for_readers(frame, {
        "prepared_in": "prepared in", "complete_year": "whole year", "declined_by_lea": "declined by the agency",
        "early_release": "early release", "lifted_with_a_reason": "lifted with a reason",
        "declined_share_of_lifted_pct": "declined, of lifted (%)", "detainers_prepared": "detainers prepared",
        "declined_share_of_prepared_pct": "declined, of prepared (%)"},
        {"declined_by_lea": 0, "early_release": 0, "lifted_with_a_reason": 0, "declined_share_of_lifted_pct": 2,
         "detainers_prepared": 0, "declined_share_of_prepared_pct": 2})


# --------------------------------------------------------------------------- findings in words

MULTIPLES = {2: "doubled", 3: "tripled", 4: "quadrupled"}


def state_in_words(code: str) -> str:
    """A two-letter state code as the state's name; anything else unchanged."""
    from .jurisdictions import state_name

    return state_name(code) if isinstance(code, str) and len(code) == 2 and code.isupper() else code


def multiple_in_words(ratio: float) -> str:
    """A ratio of two paces in words: 2.90 -> 'nearly tripled', 3.0 -> 'tripled', 3.2 -> 'a little more than
    tripled', 1.5 -> 'rose by half' ... anything else as 'rose to N times'. Within a tenth of a whole
    multiple from 2 to 4 the multiple is named; a ratio below 1 is a fall."""
    if ratio < 1:
        return f"fell to {ratio:.2f} times"
    nearest = round(ratio)
    if nearest in MULTIPLES and abs(ratio - nearest) <= 0.1 * nearest:
        if abs(ratio - nearest) < 0.005:
            return MULTIPLES[nearest]
        return ("nearly " if ratio < nearest else "a little more than ") + MULTIPLES[nearest]
    return f"rose to {ratio:.2f} times"


def pace_sentence(o: dict) -> str:
    """What the April 2025 release implies for the days after the November 2024 list ends, in words."""
    after = f"{o['after_start']} to {o['after_end']}"
    ratio = o["pace_ratio"]
    if ratio.kind == "unknown" or (ratio.kind == "upper" and ratio.high == INF):
        return (f"With declines counted as {outcomes_in_words(o['outcomes'])}, the two CIS releases say nothing certain "
                f"about the pace of declines from {after}: the later total cannot be set against the earlier counts.")
    if ratio.kind == "lower":
        change = f"{multiple_in_words(ratio.low)} or more" if ratio.low >= 1 else f"was at least {ratio.low:.2f} times"
    else:
        change = multiple_in_words(ratio.low)
    return (f"If both releases of the Center for Immigration Studies count the {o['common_days']} days they share alike, "
            f"the later one implies {o['pace_after'].shown(1)} declines a day from {after}, against "
            f"{o['pace_before'].shown(1)} a day before: the pace {change} ({ratio.shown(2)} times). Either the pace of "
            "declines changed that much, or the later extract counts more for the same days than the earlier one did; "
            "the public figures cannot tell which.")


def findings(selected: pd.DataFrame, window: tuple, min_confidence: str, overlap: dict, dhs: dict | None,
             pairs: pd.DataFrame, stated: pd.DataFrame, concentrated: pd.DataFrame, people: dict,
             lift_table: pd.DataFrame, min_overlap: float) -> list[str]:
    """What this notebook finds, in words, from its computed values: what holds, what does not, and what
    cannot be known."""
    o = overlap
    present = sorted(set(selected["source"]))
    sentences = [
        f"From {window[0]} to {window[1]}, {len(selected)} counts published by {publishers_in_words(present)} are put "
        f"on one footing, per day of the period each covers; {int(selected['context_only'].sum())} of them are below "
        f"{min_confidence} confidence and are shown as context only.",
        pace_sentence(o),
    ]
    if dhs:
        sentences.append(
            f"The Department of Homeland Security's {dhs['declined']:,.0f} declines in 2025, read as the {dhs['year_kind']} "
            f"year ({dhs['start']} to {dhs['end']}), are {dhs['per_day']:.1f} a day, {dhs['ratio_to_cis'].shown(2)} times "
            f"the Center for Immigration Studies' pace of fiscal {o['last_full_fiscal_year']}; the testimony does not say "
            "which year it meant, nor whether it counts the same outcomes.")
    same = pairs[pairs["same_period"] & (pairs["share_bound"] == "exact")] if len(pairs) else pairs
    if len(same):
        low, high = same["share_low_pct"].min(), same["share_low_pct"].max()
        sentences.append(
            f"Where a count of declines and a count of detainers issued cover the same days, {low:.1f}% to {high:.1f}% "
            f"of detainers were declined ({len(same)} pair{'s' if len(same) > 1 else ''}: "
            + "; ".join(f"{pair_label(r)} {r.share_low_pct:.1f}%" for r in same.itertuples()) + ").")
    differ = pairs[~pairs["same_period"]] if len(pairs) else pairs
    if len(differ):
        sentences.append(
            f"{len(differ)} more pair{'s' if len(differ) > 1 else ''} of counts overlap by at least {min_overlap:.0%} of the "
            "longer period without covering the same days: for them only bounds follow, and the share within those "
            "bounds cannot be known from the published totals.")
    if len(pairs) == 0:
        sentences.append(f"No pair of counts of {min_confidence} confidence or higher overlaps by at least "
                         f"{min_overlap:.0%}: with these parameters no declined share can be computed.")
    checked = stated[stated["consistent_with_bounds"].notna()] if len(stated) else stated
    for row in checked.itertuples():
        sentences.append(f"A published share ({PUBLISHERS.get(row.source, row.source)}, {row.stated_pct}%, {row.confidence} confidence) is "
                         + ("consistent with" if row.consistent_with_bounds else "outside")
                         + f" the share computed from the counts ({row.computed_pct}%).")
    unchecked = stated[stated["consistent_with_bounds"].isna()] if len(stated) else stated
    if len(unchecked):
        sentences.append(f"{len(unchecked)} published share{'s' if len(unchecked) > 1 else ''} cannot be checked: no pair "
                         "of counts covers the period stated.")
    for row in concentrated.itertuples():
        word = {"lower": "at least ", "upper": "at most "}.get(row.share_bound, "")
        value = row.share_low_pct if row.share_bound != "upper" else row.share_high_pct
        sentences.append(f"{row.release}: the largest {row.level}, {state_in_words(row.largest)}, holds {word}{value:.1f}% "
                         f"of {row.of}.")
    sentences.append(
        f"A count of detainers is not a count of people: the one source that gives both (January to August 2014) has "
        f"{people['detainers_per_person']:.2f} detainers per person; how many people later counts stand for cannot be "
        "known from the published figures.")
    complete = lift_table[lift_table["complete_year"]]
    first, last = complete.iloc[0], complete.iloc[-1]
    sentences.append(
        f"In ICE's own records, detainers lifted as declined by the law enforcement agency rose from {first.declined_by_lea:,} "
        f"of those prepared in {first.prepared_in} to {last.declined_by_lea:,} of those prepared in {last.prepared_in} "
        f"({float(last.declined_share_of_prepared_pct):.1f}% of that year's detainers).")
    return sentences
