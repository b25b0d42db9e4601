"""Counting the records in DuckDB, in CIS's windows; and the files the counts are written to.

* `cis_windows`: CIS's four fiscal-year windows and the whole period, both ends included, with CIS's
  own counts, from the project's raw table;
* `count`: the files read once into a narrow table (`reading.records_sql`), the dates checked, one row
  kept per detainer id that occurs more than once (the most complete and latest), and the detainers of
  each outcome counted per window, dated by the prepare date and, when every file has one, the lift date;
* the details of what was read and what was set aside, per file and in all;
* `write`: recount.csv and recount_details.json (`CSV_NAME`, `DETAILS_NAME`).
"""

from __future__ import annotations

import datetime as dt
import json
import time
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .. import rawdata
from ..files import atomic_path
from .reading import (CIS_OUTCOMES, CODE, MISSING_CODES, REASON_CODES, RecordFile, RecountError, connect, describe,
                      find_files, first_line, records_sql)

CIS_TABLE = "declined_detainers_by_fiscal_year"
RECOUNT_COLUMNS = ["window", "dated_by", "outcome", "detainers"]
DETAILS_NAME = "recount_details.json"
CSV_NAME = "recount.csv"
COMMAND = "make recount RECORDS=<DDP's detainer files>"

# the values of the recount's outcome and dated_by columns
OUTCOMES = CIS_OUTCOMES + ("cis_outcomes", "lift_reason_missing", "all")
DATED_BY = ("prepare_date", "lift_date")


# --------------------------------------------------------------------------- CIS's windows


@dataclass(frozen=True)
class Window:
    name: str
    start: dt.date
    end: dt.date
    cis_count: int


def cis_windows(raw: Path | None = None) -> list[Window]:
    """CIS's windows and counts, from the project's raw table: one per fiscal year and the total."""
    table = rawdata.read_table(CIS_TABLE, raw).sort_values("fiscal_year")
    windows = [Window(f"fy{row.fiscal_year}", row.counted_from.date(), row.counted_to.date(),
                      int(row.declined_detainers)) for row in table.itertuples()]
    windows.append(Window("total", min(w.start for w in windows), max(w.end for w in windows),
                          sum(w.cis_count for w in windows)))
    return windows


# --------------------------------------------------------------------------- counting


@dataclass
class Recount:
    table: pd.DataFrame  # window, dated_by, outcome, detainers
    details: dict
    seconds: float


MIXED_IDS = ("{without} {verb} no detainer id, while {with_} {verb2}: rows without an id cannot be matched with "
             "rows that have one, so a detainer recorded in both kinds of file is counted twice")
MIXED_ADVICE = ("; recount the files with ids on their own, or, to count them together anyway (their overlap "
                "counted twice), say so: make recount ... MIXED_IDS=1 (--allow-mixed-ids)")


def mixed_ids(files: list[RecordFile]) -> str | None:
    """Why files with and without a detainer id cannot be counted together, or None when they can."""
    without = [f.shown for f in files if "detainer_id" not in f.roles]
    with_ids = [f.shown for f in files if "detainer_id" in f.roles]
    if not without or not with_ids:
        return None
    return MIXED_IDS.format(without=", ".join(without), verb="have" if len(without) > 1 else "has",
                            with_=", ".join(with_ids), verb2="have one" if len(with_ids) > 1 else "has one")


def count(spec: str | list[str], windows: list[Window] | None = None, memory_limit: str = "600MB",
          threads: int | None = None, temp_directory: str | None = None, allow_mixed_ids: bool = False,
          warn=None) -> Recount:
    """Recount the files named by ``spec`` (see `find_files`) in CIS's windows.

    The records are read once, into a narrow table (two dates, a reason code, the detainer id and its
    hash); detainer ids that occur more than once are found by their hash and resolved by the id itself,
    so that only the repeated ones are grouped by text.

    Files with a detainer id and files without one are refused together (`mixed_ids`) unless
    ``allow_mixed_ids``; then ``warn`` (a function taking the message) is told why the counts overlap."""
    import duckdb

    began = time.monotonic()
    windows = windows or cis_windows()
    files, skipped = find_files(spec)
    con = connect(memory_limit, threads, temp_directory)
    try:
        sources = [describe(con, f, number) for number, f in enumerate(files)]
        mixed = mixed_ids(files)
        if mixed and not allow_mixed_ids:
            raise RecountError(mixed + MIXED_ADVICE)
        if mixed and warn is not None:
            warn(f"counted together, as asked, although {mixed}")
        with_lift = all("lift_date" in f.roles for f in files)
        selects = [records_sql(f, number, source, with_lift) for number, (f, source) in enumerate(zip(files, sources))]
        try:
            con.execute("CREATE TEMP TABLE records AS " + " UNION ALL ".join(selects))
        except duckdb.Error as error:
            raise RecountError(_which_file(con, files, sources, with_lift, error)) from None
        per_file = _per_file(con, windows[-1], with_lift)
        _check_dates(files, per_file)
        _repeats(con)
        details = _details(con, files, skipped, windows, with_lift, per_file)
        table = _counts(con, windows, with_lift)
    finally:
        con.close()
    return Recount(table, details, time.monotonic() - began)


def _which_file(con, files, sources, with_lift, error) -> str:
    """Name the file a failed read came from, by reading each alone."""
    import duckdb

    for number, (record_file, source) in enumerate(zip(files, sources)):
        try:
            con.execute("SELECT count(*) FROM (" + records_sql(record_file, number, source, with_lift) + ")").fetchall()
        except duckdb.Error as own:
            return f"{record_file.shown}: cannot be read: {first_line(own)}"
    return f"{', '.join(f.shown for f in files)}: cannot be read together: {first_line(error)}"


def _in(column: str, window: Window) -> str:
    return f"{column} BETWEEN DATE '{window.start.isoformat()}' AND DATE '{window.end.isoformat()}'"


PER_FILE = ("rows", "dated", "first", "last", "in_window", "with_id", "flagged", "blank", "redacted", "other",
            "before", "after", "no_lift_date", "prepare_bad", "prepare_example", "lift_bad", "lift_example")


def _per_file(con, total: Window, with_lift: bool) -> dict[int, dict]:
    """Everything the details report, per file, in one pass over the records."""
    in_window = _in("prepare_date", total) + (f" OR {_in('lift_date', total)}" if with_lift else "")
    rows = con.execute(
        "SELECT file, count(*), count(prepare_date), min(prepare_date), max(prepare_date), "
        f"count(*) FILTER (WHERE {in_window}), count(detainer_id), count(*) FILTER (WHERE duplicate_likely), "
        f"count(*) FILTER (WHERE reason = {CODE['blank']}), count(*) FILTER (WHERE reason = {CODE['redacted']}), "
        f"count(*) FILTER (WHERE reason = {CODE['other']}), "
        f"count(*) FILTER (WHERE prepare_date < DATE '{total.start.isoformat()}'), "
        f"count(*) FILTER (WHERE prepare_date > DATE '{total.end.isoformat()}'), "
        "count(*) - count(lift_date), count(prepare_bad), min(prepare_bad), count(lift_bad), min(lift_bad) "
        "FROM records GROUP BY file").fetchall()
    return {row[0]: dict(zip(PER_FILE, row[1:])) for row in rows}


def _check_dates(files: list[RecordFile], per_file: dict[int, dict]) -> None:
    for number, record_file in enumerate(files):
        found = per_file.get(number)
        for role, bad, example in (("prepare_date", "prepare_bad", "prepare_example"),
                                   ("lift_date", "lift_bad", "lift_example")):
            if found and found[bad]:
                raise RecountError(
                    f"{record_file.shown}: column {record_file.roles[role]!r} holds {found[bad]:,} value(s) that are "
                    f"not dates, for example {found[example]!r} (dates must be YYYY-MM-DD or MM/DD/YYYY text, or typed "
                    "dates or timestamps)")


def _repeats(con) -> None:
    """The detainer ids that occur more than once: found by hash (cheap), then grouped by the id itself,
    keeping one row each (a known lift reason first, then the latest lift date, then the latest prepare
    date, then the reason, so the choice never depends on the order rows were read)."""
    con.execute("CREATE TEMP TABLE repeated_hashes AS SELECT id_hash FROM records WHERE detainer_id IS NOT NULL "
                "GROUP BY id_hash HAVING count(*) > 1")
    key = (f"{{'known': reason NOT IN {MISSING_CODES}, 'lifted': coalesce(lift_date, DATE '0001-01-01'), "
           "'prepared': coalesce(prepare_date, DATE '0001-01-01'), 'reason': reason}")
    con.execute(
        "CREATE TEMP TABLE repeats AS SELECT detainer_id, count(*) AS n, count(DISTINCT reason) AS reasons, "
        f"max_by({{'prepare_date': prepare_date, 'lift_date': lift_date, 'reason': reason}}, {key}) AS kept "
        "FROM records SEMI JOIN repeated_hashes USING (id_hash) WHERE detainer_id IS NOT NULL GROUP BY detainer_id")


def _details(con, files, skipped, windows, with_lift, per_file) -> dict:
    total = windows[-1]
    empty = dict.fromkeys(PER_FILE, 0)
    described = []
    for number, record_file in enumerate(files):
        found = per_file.get(number, empty)
        described.append({
            "file": record_file.shown, "format": record_file.format, "rows": found["rows"],
            "columns": len(record_file.columns), "columns_used": dict(sorted(record_file.roles.items())),
            "prepare_dates": [found["first"].isoformat() if found["first"] else None,
                              found["last"].isoformat() if found["last"] else None],
            "rows_in_cis_window": found["in_window"], "rows_with_detainer_id": found["with_id"],
            "rows_flagged_duplicate_likely": found["flagged"] if "duplicate_likely" in record_file.roles else None,
            "lift_reason_blank": found["blank"], "lift_reason_redacted": found["redacted"],
        })
    if not sum(d["rows_in_cis_window"] for d in described):
        found = [d["prepare_dates"] for d in described if d["prepare_dates"][0]]
        span = (f"prepare dates found run from {min(f[0] for f in found)} to {max(f[1] for f in found)}"
                if found else "no row has a prepare date")
        raise RecountError(f"{', '.join(f.shown for f in files)}: no record in CIS's window "
                           f"({total.start.isoformat()} to {total.end.isoformat()}); {span}")
    repeated, dropped, differing = con.execute(
        "SELECT count(*), coalesce(sum(n - 1), 0), count(*) FILTER (WHERE reasons > 1) FROM repeats WHERE n > 1"
    ).fetchone()

    def summed(name):
        return int(sum(found[name] for found in per_file.values()))

    return {
        "files": described,
        "skipped_files": skipped,
        "rows_read": summed("rows"),
        "dated_by": ["prepare_date"] + (["lift_date"] if with_lift else []),
        "files_without_lift_date": [f.shown for f in files if "lift_date" not in f.roles],
        "has_detainer_id": any("detainer_id" in f.roles for f in files),
        "detainer_ids_repeated": repeated,
        "duplicate_rows_dropped": int(dropped),
        "detainer_ids_with_differing_lift_reasons": differing,
        "has_duplicate_likely": any("duplicate_likely" in f.roles for f in files),
        "rows_flagged_duplicate_likely": summed("flagged"),
        "prepare_date_missing": summed("rows") - summed("dated"),
        "prepared_before_window": summed("before"),
        "prepared_after_window": summed("after"),
        "lift_date_missing": summed("no_lift_date") if with_lift else None,
        "lift_reason_other": summed("other"),
        "lift_reason_blank": summed("blank"),
        "lift_reason_redacted": summed("redacted"),
        "windows": {w.name: [w.start.isoformat(), w.end.isoformat()] for w in windows},
    }


def _counts(con, windows: list[Window], with_lift: bool) -> pd.DataFrame:
    """One pass over the records: every row whose id is not repeated, and the one row kept per repeated id."""
    dated = ["prepare_date"] + (["lift_date"] if with_lift else [])
    kept = ("SELECT prepare_date, lift_date, reason FROM records ANTI JOIN repeated_hashes USING (id_hash) "
            "UNION ALL SELECT prepare_date, lift_date, reason FROM records SEMI JOIN repeated_hashes USING (id_hash) "
            "WHERE detainer_id IS NULL "
            "UNION ALL SELECT kept.prepare_date, kept.lift_date, kept.reason FROM repeats")
    columns = [f"count(*) FILTER (WHERE {_in(d, w)}) AS \"{w.name}|{d}\"" for d in dated for w in windows]
    frame = con.execute(f"SELECT reason, {', '.join(columns)} FROM ({kept}) GROUP BY reason").df()
    frame["reason"] = frame["reason"].map(REASON_CODES)
    by_reason = frame.set_index("reason")
    rows = []
    for window in windows:
        for dated_by in dated:
            column = by_reason[f"{window.name}|{dated_by}"]

            def n(*reasons):
                return int(sum(column.get(r, 0) for r in reasons))

            values = {outcome: n(outcome) for outcome in CIS_OUTCOMES}
            values["cis_outcomes"] = n(*CIS_OUTCOMES)
            values["lift_reason_missing"] = n("blank", "redacted")
            values["all"] = int(column.sum())
            rows += [{"window": window.name, "dated_by": dated_by, "outcome": outcome, "detainers": values[outcome]}
                     for outcome in OUTCOMES]
    return pd.DataFrame(rows, columns=RECOUNT_COLUMNS)


def write(recount: Recount, out: Path) -> list[Path]:
    """recount.csv and recount_details.json into ``out``, each moved into place only when complete."""
    out = Path(out)
    targets = []
    for name, text in ((CSV_NAME, recount.table.to_csv(index=False, lineterminator="\n")),
                       (DETAILS_NAME, json.dumps(recount.details, indent=1, sort_keys=True) + "\n")):
        with atomic_path(out / name) as tmp:
            tmp.write_text(text, encoding="utf-8")
        targets.append(out / name)
    return targets
