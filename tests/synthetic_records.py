"""Synthetic detainer record files that follow the Deportation Data Project's schema, for the tests
and for `make bench`. Every value is made up: nothing written here is ever a result.

Two layouts, as DDP publishes them (see the README's "Recount from ICE's records"):

* DDP's processed "latest" file: snake_case names (``detainer_prepare_date``, ``detainer_lift_reason``,
  ``anonymized_identifier``, ``duplicate_likely`` ...), no lift date, no detainer id; written as
  Parquet (prepare dates as timestamps) or Feather (as dates).
* ICE's historical release as ICE names it: ``Detainer Prepare Date``, ``Detainer Lift Date``,
  ``Detainer ID`` ... (spaces in the headers), ``MM/DD/YYYY`` dates; written as CSV.

`records` builds a small list in Python, with every case the recount must handle (repeated detainer
ids, redactions in either case, blank and ``NA`` reasons, reasons in odd case and spacing, times of
day, the windows' edges and days outside them); the tests count it themselves. `write_large` writes
millions of rows with DuckDB itself, for the bench.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from dataclasses import dataclass, replace
from pathlib import Path

CIS_SPELLINGS = ["Detainer Declined by LEA", "detainer declined by lea ", " Insufficient Notice to ICE",
                 "INSUFFICIENT NOTICE TO ICE", "Early Release", "early release"]
OTHER_REASONS = ["Booked into Detention", "Case Closed", "Duplicate", "Prosecutorial Discretion",
                 "No longer in State, Local, or Federal Custody", "Detainer Declined by LEA (other)"]
MISSING_SPELLINGS = ["", "NA", None, "b(6), b(7)c", "B(6), B(7)C", "  "]
EDGES = [dt.date(2021, 1, 19), dt.date(2021, 1, 20), dt.date(2021, 9, 30), dt.date(2021, 10, 1),
         dt.date(2022, 9, 30), dt.date(2022, 10, 1), dt.date(2023, 9, 30), dt.date(2023, 10, 1),
         dt.date(2024, 7, 15), dt.date(2024, 7, 16), dt.date(2020, 12, 31), dt.date(2025, 2, 1)]


@dataclass(frozen=True)
class Record:
    prepare: dt.date | None
    prepare_time: dt.time | None  # a time of day, written where the format can hold one
    lift: dt.date | None
    reason: str | None  # as written in the file
    detainer_id: str
    person: str


def records(n: int = 400, seed: int = 23) -> list[Record]:
    """n detainers, then repeats of some of them (same id): exact copies, and copies that ICE updated
    later (a lift reason and a lift date where the first copy had none)."""
    rng = random.Random(seed)
    start, span = dt.date(2020, 6, 1), (dt.date(2025, 3, 1) - dt.date(2020, 6, 1)).days
    made = []
    for i in range(n):
        prepare = EDGES[i] if i < len(EDGES) else start + dt.timedelta(days=rng.randrange(span))
        if i % 53 == 7:
            prepare = None
        pool = rng.choices([CIS_SPELLINGS, OTHER_REASONS, MISSING_SPELLINGS], weights=[5, 3, 3])[0]
        reason = rng.choice(pool)
        lifted = prepare is not None and reason not in MISSING_SPELLINGS and rng.random() < 0.9
        lift = prepare + dt.timedelta(days=rng.randrange(0, 400)) if lifted else None
        if i < len(EDGES):  # the edges are tested for the lift date too
            lift = EDGES[-1 - i]
        made.append(Record(prepare, dt.time(rng.randrange(24), rng.randrange(60)) if i % 3 == 0 else None,
                           lift, reason, f"D{i:06d}", f"P{rng.randrange(int(n * 0.8)):06d}"))
    repeats = []
    for i, record in enumerate(made):
        if i % 17 == 3:
            repeats.append(record)  # the same row twice
        elif i % 29 == 5 and record.prepare is not None:  # a later update of the same detainer
            updated = replace(record, reason=rng.choice(CIS_SPELLINGS + OTHER_REASONS),
                              lift=record.prepare + dt.timedelta(days=rng.randrange(1, 300)))
            made[i] = replace(record, reason="", lift=None)
            repeats.append(updated)
    return made + repeats


def duplicate_likely(rows: list[Record]) -> list[bool]:
    """DDP's flag: the person has more than one detainer on the same prepare date."""
    seen: dict[tuple, int] = {}
    for r in rows:
        seen[(r.person, r.prepare)] = seen.get((r.person, r.prepare), 0) + 1
    return [seen[(r.person, r.prepare)] > 1 and r.prepare is not None for r in rows]


def _processed_table(rows: list[Record], timestamps: bool):
    import pyarrow as pa

    def prepared(r):
        if r.prepare is None:
            return None
        if not timestamps:
            return r.prepare
        return dt.datetime.combine(r.prepare, r.prepare_time or dt.time(0, 0))

    return pa.table({
        "detainer_prepare_date": pa.array([prepared(r) for r in rows],
                                          pa.timestamp("us") if timestamps else pa.date32()),
        "facility_state": pa.array(["TX" if i % 3 else "CA" for i in range(len(rows))]),
        "facility_aor": pa.array(["HOU"] * len(rows)),
        "detainer_facility": pa.array([f"COUNTY JAIL {i % 11}" for i in range(len(rows))]),
        "detainer_lift_reason": pa.array([r.reason for r in rows], pa.string()),
        "detainer_lift_reason_code": pa.array([None if not r.reason else r.reason[:3].upper() for r in rows], pa.string()),
        "detainer_type": pa.array(["Detainer"] * len(rows)),
        "anonymized_identifier": pa.array([r.person for r in rows]),
        "duplicate_likely": pa.array(duplicate_likely(rows)),
    })


def write_processed_parquet(rows: list[Record], path: Path) -> Path:
    """DDP's processed names, prepare dates as timestamps (with times of day), as Parquet."""
    import pyarrow.parquet as pq

    pq.write_table(_processed_table(rows, timestamps=True), path)
    return path


def write_processed_feather(rows: list[Record], path: Path) -> Path:
    """DDP's processed names, prepare dates as dates, as Feather (Arrow IPC)."""
    import pyarrow.feather as feather

    feather.write_feather(_processed_table(rows, timestamps=False), path)
    return path


RAW_HEADER = ["Detainer Prepare Date", "Detainer Lift Date", "Detainer Prepare Fiscal Year", "Detainer Lift Reason",
              "Detainer Lift Reason Code", "Detainer Lift Reason2", "Detainer ID", "Latest Detainer Yes No",
              "Detainer Detention Facility", "Detainer Type", "Anonymized Identifier"]


def _us(day: dt.date | None, time: dt.time | None = None) -> str:
    if day is None:
        return ""
    text = day.strftime("%m/%d/%Y")
    return text + (f" {time.strftime('%H:%M:%S')}" if time else "")


def write_raw_csv(rows: list[Record], path: Path) -> Path:
    """ICE's own names (spaces in the headers), MM/DD/YYYY dates (some with a time), as CSV."""
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(RAW_HEADER)
        for r in rows:
            fiscal = "" if r.prepare is None else str(r.prepare.year + (r.prepare.month >= 10))
            writer.writerow([_us(r.prepare, r.prepare_time), _us(r.lift), fiscal,
                             "" if r.reason is None else r.reason, "", "Early Release",  # a second reason, never used
                             r.detainer_id, "Y", "COUNTY JAIL", "Detainer", r.person])
    return path


# --------------------------------------------------------------------------- millions of rows, for the bench

LARGE_FILLER_COLUMNS = 100


def large_select(rows: int) -> str:
    """SQL for ``rows`` synthetic detainers in ICE's historical schema (ICE's underscored names, over 100
    columns), about 1 % of them repeated under the same Detainer_ID."""
    reasons = CIS_SPELLINGS + OTHER_REASONS + ["", "b(6), b(7)c", "NA"]
    reason_list = "[" + ", ".join("'" + r.replace("'", "''") + "'" for r in reasons) + "]"
    # the other columns of the release, as short codes (about 280 bytes a row as CSV, as DDP's files)
    filler = ", ".join(f"CAST((i * {k + 7}) % {k % 9 + 2} AS TINYINT) AS Column_{k:03d}" for k in range(LARGE_FILLER_COLUMNS))
    return (
        "SELECT prepared AS Detainer_Prepare_Date, "
        "CASE WHEN i % 10 < 3 THEN NULL ELSE prepared + CAST((i * 7) % 300 AS INTEGER) END AS Detainer_Lift_Date, "
        "year(prepared) + CASE WHEN month(prepared) >= 10 THEN 1 ELSE 0 END AS Detainer_Prepare_Fiscal_Year, "
        f"list_extract({reason_list}, CAST((i * 31) % {len(reasons)} AS INTEGER) + 1) AS Detainer_Lift_Reason, "
        "'C' || (i % 17) AS Detainer_Lift_Reason_Code, "
        "'D' || lpad(CAST(CASE WHEN i % 100 = 99 THEN i - 1 ELSE i END AS VARCHAR), 9, '0') AS Detainer_ID, "
        "CASE WHEN i % 2 = 0 THEN 'YES' ELSE 'NO' END AS Latest_Detainer_Yes_No, "
        "'COUNTY JAIL ' || (i % 997) AS Detainer_Detention_Facility, "
        f"'P' || ((i * 7919) % {max(1, rows * 4 // 5)}) AS Anonymized_Identifier, "
        f"{filler} "
        f"FROM (SELECT i, DATE '2020-06-01' + CAST((i * 2654435761) % 1735 AS INTEGER) AS prepared FROM range({rows}) t(i))"
    )


def write_large(path: Path, rows: int, format: str) -> Path:
    """``rows`` synthetic detainers written by DuckDB (no Python loop) as 'parquet' or 'csv'."""
    import duckdb

    con = duckdb.connect(config={"memory_limit": "1GB", "preserve_insertion_order": False})
    con.execute("SET enable_progress_bar = false")
    option = "(FORMAT parquet)" if format == "parquet" else "(FORMAT csv, HEADER true)"
    con.execute(f"COPY ({large_select(rows)}) TO '{path}' {option}")
    con.close()
    return path
