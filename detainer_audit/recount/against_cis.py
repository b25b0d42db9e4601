"""The recount set against CIS's counts, in numbers and in words: what the notebook
notebooks/recount/recount_against_cis.ipynb shows of a recount.

* `load`: a recount.csv and the details beside it, checked;
* `comparison`: window by window and for each dating, the recount against CIS's count: difference,
  ratio, the range the missing lift reasons allow (none of them one of CIS's outcomes, or all of them),
  and whether the files' prepare dates span the window at all;
* the words for readers: `readable` and `outcome_table` (tables), `sentence` (one row of the
  comparison), `summary` (the four counts together), `input_sentences` (what was read, what set aside).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pandas as pd

from ..bounds import Bounds
from .counting import COMMAND, DATED_BY, DETAILS_NAME, OUTCOMES, RECOUNT_COLUMNS, Window
from .reading import RecountError

OUTCOME_WORDS = {
    "declined_by_lea": "declined by the holding agency", "insufficient_notice": "insufficient notice to ICE",
    "early_release": "early release", "cis_outcomes": "one of CIS's three outcomes",
    "lift_reason_missing": "no lift reason", "all": "any outcome",
}
DATED_WORDS = {"prepare_date": "the day ICE prepared the detainer", "lift_date": "the day the detainer was lifted"}


def load(path: str | Path) -> tuple[pd.DataFrame, dict]:
    """A recount.csv and the details beside it, checked."""
    path = Path(path)
    if not path.is_file():
        raise RecountError(f"{path}: no such recount; run `{COMMAND}` first")
    table = pd.read_csv(path, dtype={"detainers": "int64"})
    if list(table.columns) != RECOUNT_COLUMNS:
        raise RecountError(f"{path}: columns {list(table.columns)}, expected {RECOUNT_COLUMNS}")
    details_path = path.with_name(DETAILS_NAME)
    details = json.loads(details_path.read_text(encoding="utf-8")) if details_path.is_file() else {}
    return table, details


def comparison(table: pd.DataFrame, windows: list[Window], tolerance: float, details: dict | None = None) -> pd.DataFrame:
    """The recount against CIS's count, window by window and for each dating: difference, ratio, the
    range the missing lift reasons allow (none of them one of CIS's outcomes, or all of them), and whether
    the files' prepare dates span the window at all (DDP's latest file starts in September 2022)."""
    values = table.set_index(["window", "dated_by", "outcome"])["detainers"]
    spans = [f["prepare_dates"] for f in (details or {}).get("files", []) if f["prepare_dates"][0]]
    first = min(dt.date.fromisoformat(a) for a, _ in spans) if spans else None
    last = max(dt.date.fromisoformat(b) for _, b in spans) if spans else None
    rows = []
    for dated_by in [d for d in DATED_BY if d in set(table["dated_by"])]:
        for window in windows:
            recounted = int(values[(window.name, dated_by, "cis_outcomes")])
            missing = int(values[(window.name, dated_by, "lift_reason_missing")])
            allowed = Bounds(recounted, recounted + missing)
            difference = recounted - window.cis_count
            rows.append({
                "window": window.name, "dated_by": dated_by, "from": window.start.isoformat(),
                "to": window.end.isoformat(), "cis": window.cis_count, "recount": recounted,
                "difference": difference, "ratio": recounted / window.cis_count if window.cis_count else float("nan"),
                "lift_reason_missing": missing, "low": allowed.low, "high": allowed.high,
                "cis_within_bounds": allowed.low <= window.cis_count <= allowed.high,
                "within_tolerance": abs(difference) <= tolerance * window.cis_count,
                "files_span_window": None if first is None else bool(first <= window.start and last >= window.end),
                "files_first": first.isoformat() if first else None, "files_last": last.isoformat() if last else None,
            })
    return pd.DataFrame(rows)


READABLE = {"period": "period", "dated_by": "dated by", "cis": "CIS's count", "recount": "recount (three outcomes)",
            "difference": "difference", "ratio": "ratio", "lift_reason_missing": "no lift reason",
            "allowed": "the records allow", "cis_within_bounds": "CIS's count in that range"}


def readable(compared: pd.DataFrame) -> pd.DataFrame:
    """`comparison` with words for readers instead of column names and codes."""
    shown = compared.copy()
    shown["period"] = [("whole period" if w == "total" else f"FY{w[2:]}") + f" ({a} to {b})"
                       for w, a, b in zip(shown["window"], shown["from"], shown["to"])]
    shown["dated_by"] = shown["dated_by"].map({"prepare_date": "prepare date", "lift_date": "lift date"})
    shown["allowed"] = [Bounds(low, high).shown() for low, high in zip(shown["low"], shown["high"])]
    shown["ratio"] = shown["ratio"].round(3)
    shown["cis_within_bounds"] = shown["cis_within_bounds"].map({True: "yes", False: "no"})
    return shown[list(READABLE)].rename(columns=READABLE)


def outcome_table(table: pd.DataFrame, dated_by: str = "prepare_date") -> pd.DataFrame:
    """The recount as readers see it: one row per period, one column per outcome, in words."""
    rows = table[table["dated_by"] == dated_by]
    wide = rows.pivot(index="window", columns="outcome", values="detainers")
    wide = wide.reindex(index=list(dict.fromkeys(rows["window"])), columns=list(OUTCOMES))
    wide.index = [("whole period" if w == "total" else f"FY{w[2:]}") for w in wide.index]
    wide.index.name = f"dated by {dated_by.replace('_', ' ')}"
    return wide.rename(columns=OUTCOME_WORDS)


def sentence(row, tolerance: float) -> str:
    """What one row of `comparison` says, in words."""
    label = ("the whole period" if row.window == "total" else f"FY{row.window[2:]}") + f" ({row['from']} to {row.to})"
    head = (f"{label}, dated by {DATED_WORDS[row.dated_by]}: the records give {row.recount:,} detainers with one of "
            f"CIS's three outcomes, against CIS's {row.cis:,}")
    spans = row.get("files_span_window")
    if spans is not None and not pd.isna(spans) and not spans:
        head = (f"{head} (the files' prepare dates run from {row['files_first']} to {row['files_last']}, so they "
                "cover this period only in part, and a lower count is expected)")
    head = head[0].upper() + head[1:]
    if row.difference == 0:
        verdict = "the same count: CIS's figure is reproduced from ICE's records"
    else:
        direction = "more" if row.difference > 0 else "fewer"
        share = abs(row.difference) / row.cis
        verdict = (f"{abs(row.difference):,} {direction} (ratio {row.ratio:.3f}, {share:.1%} "
                   f"{'above' if row.difference > 0 else 'below'} CIS); "
                   + (f"within the {tolerance:.0%} that ICE's later updates to its records can explain"
                      if row.within_tolerance else
                      f"more than the {tolerance:.0%} that ICE's later updates to its records would explain"))
    allowed = Bounds(row.low, row.high)
    if row.lift_reason_missing:
        if row.cis_within_bounds:
            where = "CIS's count lies inside that range"
        elif row.cis < row.low:
            where = "CIS's count is below even the low end"
        else:
            where = "CIS's count is above even the high end, with every missing reason counted as one of the three"
        bounds = (f" {row.lift_reason_missing:,} detainers have no lift reason; counted as none or all of CIS's "
                  f"outcomes, the records allow {allowed.shown()}: {where}.")
    else:
        bounds = " No detainer in the window lacks a lift reason, so the count has no range."
    return f"{head}: {verdict}.{bounds}"


def summary(compared: pd.DataFrame, tolerance: float) -> str:
    """One sentence on the four counts together, for each dating."""
    lines = []
    for dated_by, rows in compared.groupby("dated_by", sort=False):
        years = rows[rows["window"] != "total"]
        exact = int((years["difference"] == 0).sum())
        close = int(years["within_tolerance"].sum())
        n = len(years)
        if exact == n:
            what = (f"all {n} of CIS's counts are reproduced exactly: they are independently reproduced from ICE's "
                    "own records")
        elif close == n:
            what = (f"all {n} of CIS's counts are reproduced within {tolerance:.0%} ({exact} exactly), the size of "
                    "difference that ICE's later updates to its records can explain")
        else:
            what = (f"{close} of CIS's {n} counts are reproduced within {tolerance:.0%} ({exact} exactly); the others "
                    "differ by more than later updates to ICE's records would explain, so CIS's counts and these "
                    "records do not measure the same thing, or not the same records")
        lines.append(f"Dated by {DATED_WORDS[dated_by]}, {what}.")
    return " ".join(lines)


def input_sentences(details: dict) -> list[str]:
    """What was read and what was set aside, in words."""
    if not details:
        return ["No details of the files read were found beside the recount."]
    files = details["files"]
    lines = [f"Read {len(files)} file{'s' if len(files) != 1 else ''}, {details['rows_read']:,} rows in all: "
             + "; ".join(f"{f['file']} ({f['format']}, {f['rows']:,} rows, {f['columns']} columns, "
                         f"{f['rows_in_cis_window']:,} in CIS's window)" for f in files) + "."]
    if details["has_detainer_id"]:
        lines.append(f"{details['duplicate_rows_dropped']:,} rows repeated a detainer id already counted and were "
                     f"dropped ({details['detainer_ids_repeated']:,} ids appear more than once; for "
                     f"{details['detainer_ids_with_differing_lift_reasons']:,} of them the rows differ in lift reason, "
                     "and the row with a lift reason and the latest lift date was kept).")
    else:
        lines.append("The files have no detainer id, so no row could be recognized as a repeat of another: "
                     "each row is counted as one detainer.")
    without_id = [f["file"] for f in files if "detainer_id" not in f["columns_used"]]
    if details["has_detainer_id"] and without_id:
        lines.append(f"{', '.join(without_id)} ha{'ve' if len(without_id) > 1 else 's'} no detainer id: its rows "
                     "cannot be matched with the other files' rows, so a detainer in both is counted twice.")
    if details["has_duplicate_likely"]:
        lines.append(f"{details['rows_flagged_duplicate_likely']:,} rows are flagged by DDP as likely duplicates "
                     "(the same person with more than one detainer on one prepare date); they are counted, not "
                     "dropped, because a person can have several detainers.")
    lines.append(f"Lift reason missing: {details['lift_reason_blank']:,} rows blank and "
                 f"{details['lift_reason_redacted']:,} redacted; {details['lift_reason_other']:,} rows have another "
                 "lift reason (booked into detention, case closed and so on).")
    lines.append(f"{details['prepare_date_missing']:,} rows have no prepare date; {details['prepared_before_window']:,} "
                 f"were prepared before CIS's window and {details['prepared_after_window']:,} after it.")
    if details["files_without_lift_date"]:
        lines.append("No count by lift date: " + ", ".join(details["files_without_lift_date"])
                     + " ha" + ("ve" if len(details["files_without_lift_date"]) > 1 else "s") + " no lift date.")
    if details.get("skipped_files"):
        lines.append("Skipped as not record files: " + ", ".join(details["skipped_files"]) + ".")
    return lines
