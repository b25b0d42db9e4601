"""What the six sections of the longer record share: the one table of every count, and the words and
colours its figures, tables and sentences use for publishers, outcomes and bounds.

Each count keeps its own period, unit and definition (which outcomes it counts). `record` gathers the
longer record's rows (``data/raw/detainer_counts.csv``) and the counts kept in their own tables (CIS's
fiscal years of November 2024, NPR's complete lift-reason years, ICE's 2017 report weeks) into one
table; a "more than" is kept as a lower bound and a "fewer than" as an upper bound (`bounds.Bounds`).
"""

from __future__ import annotations

import math

import pandas as pd

from .. import bounds, periods
from ..bounds import Bounds
from ..results import Statistic, display

# the raw tables the longer record reads (data/raw/datapackage.json)
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
DECLINED_BY_LEA = "Detainer Declined by LEA"
EARLY_RELEASE = "Early Release"
LIFT_OUTCOMES = {DECLINED_BY_LEA: "declined", EARLY_RELEASE: "early_release"}
DHS_DOCUMENT = "dhs_testimony_2026_03_04"

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
BOUND_WORDS = {"exact": "exact", "lower": "at least", "upper": "at most", "between": "between", "unknown": "unknown"}
SOURCE_COLORS = {"CIS": "#b23a48", "TRAC": "#d9822b", "ICE": "#3b6e8f", "NPR": "#7fa7c2", "DHS": "#5b3f8c",
                 "AP": "#2e8b57", "MPI": "#8c6d31", "press": "#6b6b6b", "TCSO": "#444444", "FAIR": "#999999"}
# and one marker a source, drawn at both ends of each count's period, so that colour is not the only thing
# that tells publishers apart
SOURCE_MARKERS = {"CIS": "s", "TRAC": "D", "ICE": "o", "NPR": "x", "DHS": "P", "AP": "X", "MPI": "*", "press": "h",
                  "TCSO": "p", "FAIR": "d", "DDP": "H"}


# --------------------------------------------------------------------------- words

def outcomes_in_words(outcomes) -> str:
    """'declined+early_release' or a list of outcomes, in words."""
    items = outcomes.split("+") if isinstance(outcomes, str) else list(outcomes)
    words = [OUTCOME_WORDS.get(o, o) for o in items]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def chosen_outcomes(declined_outcomes) -> str:
    """The outcomes counted as declines, '+'-joined in the record's order."""
    return "+".join(o for o in OUTCOMES if o in set(declined_outcomes))


def publishers_in_words(keys) -> str:
    """Publisher keys as names, spelled out, in the order given."""
    return ", ".join(SPELLED_OUT.get(k, PUBLISHERS.get(k, k)) for k in keys)


def state_in_words(code: str) -> str:
    """A two-letter state code as the state's name; anything else unchanged."""
    from ..jurisdictions.shared import state_name

    return state_name(code) if isinstance(code, str) and len(code) == 2 and code.isupper() else code


def percent_of(fraction: float) -> str:
    """A parameter given as a fraction (0.5) as readers see a percentage ('50%')."""
    return display(round(fraction * 100, 6), "percent") + "%"


def outcome_set(text: str) -> frozenset[str]:
    return frozenset(text.split("+"))


# --------------------------------------------------------------------------- bounds and statistics

def bounds_of(row) -> Bounds:
    """What a row's printed figure says about the true count."""
    high = None if pd.isna(getattr(row, "value_high", None)) else row.value_high
    return bounds.of_figure(row.value, row.comparator, high)


def bound_statistic(name: str, value: Bounds, unit: str, description: str, sources: str,
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


# --------------------------------------------------------------------------- what notebook 01 records

def read_value(read: pd.DataFrame, statistic: str) -> float:
    """One statistic of the results the longer record reads (notebook 01's, `results.read`); one it does not
    hold is an error naming it."""
    found = read.loc[read["statistic"] == statistic, "value"]
    if found.empty:
        raise KeyError(f"notebook 01's results hold no statistic {statistic!r}: the longer record reads it from "
                       "there (run notebook 01 first, with every fiscal year of CIS's list)")
    return float(found.iloc[0])


# --------------------------------------------------------------------------- every count in one table

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
    partial_years = (lift["calendar_year"].min(), lift["calendar_year"].max())  # 2007 and 2015: partial years of the extract
    for row in lift[lift["lift_reason"].isin(LIFT_OUTCOMES)].itertuples():
        if row.calendar_year in partial_years:
            continue
        start, end = periods.calendar_year_bounds(int(row.calendar_year))
        rows.append({"count_id": f"npr_{LIFT_OUTCOMES[row.lift_reason]}_{row.calendar_year}", "measure": "declined",
                     "outcomes": LIFT_OUTCOMES[row.lift_reason], "unit": "detainers", "quantity": "total",
                     "comparator": "exactly", "value": float(row.detainers), "value_high": math.nan,
                     "period_start": pd.Timestamp(start), "period_end": pd.Timestamp(end),
                     "period_as_stated": f"detainers prepared in {row.calendar_year}, later lifted as '{row.lift_reason}'",
                     "period_reading": "stated", "document_id": "npr_sanctuary_cities", "seen_in": None,
                     "confidence": "high", "superseded_by": None})
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


def with_dhs_year(table: pd.DataFrame, dhs_2025_year: str) -> pd.DataFrame:
    """The testimony's 'last year, 2025' read as the chosen kind of year: its rows of ambiguous period are
    re-dated (a fiscal year 2025 runs from 2024-10-01 to 2025-09-30) and their days recounted."""
    out = table.copy()
    start, end = periods.year_bounds(2025, dhs_2025_year)
    rows = (out["document_id"] == DHS_DOCUMENT) & (out["period_reading"] == "ambiguous")
    out.loc[rows, "period_start"] = pd.Timestamp(start)
    out.loc[rows, "period_end"] = pd.Timestamp(end)
    out.loc[rows, "days"] = periods.days_inclusive(start, end)
    return out
