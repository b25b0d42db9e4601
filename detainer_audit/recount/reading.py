"""Reading DDP's record files into DuckDB: which files a RECORDS argument names, what is in them, and
what their values mean.

* the files: a file, a folder, a glob, or several; the format told by name and checked by signature:
  Parquet, Arrow/Feather (through pyarrow's dataset, streamed) and CSV (every column as text); ICE's
  ``.xlsx`` spreadsheets are refused with the conversion to make;
* a DuckDB connection inside a memory budget, that never loads an extension from the network;
* the columns, matched by meaning, not spelling (`normalize_name`, `ROLES`);
* the dates, as SQL: typed dates, timestamps, ISO or MM/DD/YYYY text, and the values that are none;
* the lift reasons, as small codes: one of CIS's three outcomes, another reason, blank or redacted;
* `records_sql`: one narrow row per record, the table that `counting` counts.

Whatever cannot be read raises `RecountError`, whose message names the file (and column, and value).
"""

from __future__ import annotations

import glob
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

# lift reason (trimmed, lower case) -> outcome; the three are CIS's outcomes
OUTCOME_OF_REASON = {
    "detainer declined by lea": "declined_by_lea",
    "insufficient notice to ice": "insufficient_notice",
    "early release": "early_release",
}
CIS_OUTCOMES = tuple(OUTCOME_OF_REASON.values())
MISSING_REASONS = ("", "na", "null")
REDACTION = "b(6),b(7)c"  # compared with spaces removed, lower case

# column roles: normalized names that mean the same thing, and whether a file must have one
ROLES = {
    "prepare_date": (("detainer_prepare_date", "prepare_date"), True),
    "lift_reason": (("detainer_lift_reason", "lift_reason"), True),
    "lift_date": (("detainer_lift_date", "lift_date"), False),
    "detainer_id": (("detainer_id",), False),
    "duplicate_likely": (("duplicate_likely",), False),
}
ROLE_WORDS = {"prepare_date": "the detainer's prepare date", "lift_reason": "the detainer's lift reason"}
FORMATS = {".parquet": "parquet", ".pq": "parquet", ".feather": "arrow", ".arrow": "arrow", ".ipc": "arrow",
           ".csv": "csv", ".csv.gz": "csv", ".tsv": "csv", ".txt": "csv"}
SPREADSHEETS = (".xlsx", ".xls", ".xlsm")
CONVERSION = ("convert it to CSV first, without its six preamble rows, e.g. "
              "`libreoffice --headless --convert-to csv FILE` and delete the lines above the header, "
              "or in R `readxl::read_excel(FILE, skip = 6)` then `write.csv`; or use DDP's own "
              "Parquet or Feather file")


class RecountError(ValueError):
    """A record file cannot be recounted. The message names the file (and column, and value)."""


def normalize_name(name: str) -> str:
    """A column name by meaning: lower case, every run of other characters one underscore.

    'Detainer Prepare Date', 'Detainer_Prepare_Date' and 'detainer_prepare_date' are one column."""
    return re.sub(r"[^a-z0-9]+", "_", str(name).lower()).strip("_")


# --------------------------------------------------------------------------- finding and opening files


@dataclass
class RecordFile:
    path: Path
    shown: str  # the name as readers see it
    format: str
    columns: list[str] = field(default_factory=list)  # as in the file
    types: list[str] = field(default_factory=list)
    roles: dict[str, str] = field(default_factory=dict)  # role -> the file's own column name


def _format_of(path: Path) -> str | None:
    name = path.name.lower()
    for suffix, kind in sorted(FORMATS.items(), key=lambda item: -len(item[0])):
        if name.endswith(suffix):
            return kind
    return None


def split_spec(spec: str | os.PathLike | list | tuple) -> list[str]:
    """The paths a RECORDS argument names, each a file, a folder or a glob.

    A list holds one path per item, taken as it is (spaces included). A single text is one path when
    it names an existing file or folder, or a glob that matches, as a whole (``my records/detainers.csv``);
    otherwise it is split as a shell would split it, so that several paths can be given in one text and
    a path with spaces can be quoted or its spaces escaped (``"my records/a.csv" b.csv``)."""
    import shlex

    if isinstance(spec, (list, tuple)):
        return [str(item) for item in spec if str(item).strip()]
    text = str(spec)
    if not text.strip():
        return []
    if Path(text).exists() or (any(ch in text for ch in "*?[") and glob.glob(text, recursive=True)):
        return [text]
    try:
        return shlex.split(text)
    except ValueError as error:  # an unclosed quote
        raise RecountError(f"{text}: cannot be read as a list of paths ({error}); give one path per argument, "
                           "or list them in a file, one per line (RECORDS_FROM=list.txt)") from None


def find_files(spec: str | list[str]) -> tuple[list[RecordFile], list[str]]:
    """The record files a RECORDS argument names (a file, a folder, a glob, or several: see `split_spec`),
    and the files of a named folder that were skipped as not record files."""
    items = split_spec(spec)
    if not items:
        raise RecountError("no record file named: make recount RECORDS=<file, folder or glob>")
    found, skipped = [], []
    for item in items:
        path = Path(item)
        if any(ch in item for ch in "*?["):
            matches = sorted(Path(p) for p in glob.glob(item, recursive=True) if Path(p).is_file())
            if not matches:
                raise RecountError(f"{item}: no file matches this pattern")
            candidates = matches
        elif path.is_dir():
            inside = sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
            candidates = [p for p in inside if _format_of(p) or p.name.lower().endswith(SPREADSHEETS)]
            skipped += [str(p) for p in inside if p not in candidates]
            if not candidates:
                raise RecountError(f"{item}: the folder holds no record file (Parquet, Arrow/Feather or CSV)")
        elif path.exists():
            candidates = [path]
        else:
            raise RecountError(f"{item}: no such file or folder")
        for candidate in candidates:
            found.append(_open(candidate))
    seen = set()
    unique = []
    for record_file in found:
        key = record_file.path.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(record_file)
    return unique, skipped


def _open(path: Path) -> RecordFile:
    shown = str(path)
    if path.name.lower().endswith(SPREADSHEETS):
        raise RecountError(f"{shown}: ICE's spreadsheets cannot be read offline here; {CONVERSION.replace('FILE', shown)}")
    kind = _format_of(path)
    if kind is None:
        raise RecountError(f"{shown}: unsupported file type; the recount reads Parquet (.parquet), "
                           f"Arrow/Feather (.feather, .arrow) and CSV (.csv, .csv.gz)")
    try:
        with open(path, "rb") as handle:
            head = handle.read(8)
    except OSError as error:
        raise RecountError(f"{shown}: cannot be read ({error.strerror})") from None
    if kind == "parquet" and head[:4] != b"PAR1":
        raise RecountError(f"{shown}: not a Parquet file (it does not start with Parquet's signature)")
    if kind == "arrow" and head[:6] != b"ARROW1":
        raise RecountError(f"{shown}: not an Arrow/Feather (version 2) file (it does not start with Arrow's signature)")
    if not head:
        raise RecountError(f"{shown}: the file is empty")
    return RecordFile(path, shown, kind)


# --------------------------------------------------------------------------- DuckDB


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def connect(memory_limit: str = "600MB", threads: int | None = None, temp_directory: str | None = None):
    """A DuckDB connection that stays inside a memory budget (spilling to disk beyond it), never
    loads an extension from the network, and reads times in UTC."""
    import duckdb

    config = {"memory_limit": memory_limit, "threads": threads or min(2, os.cpu_count() or 1),
              "preserve_insertion_order": False, "autoinstall_known_extensions": False,
              "autoload_known_extensions": False}
    if temp_directory:
        config["temp_directory"] = temp_directory
    con = duckdb.connect(config=config)
    con.execute("SET TimeZone = 'UTC'")
    return con


def _source(con, record_file: RecordFile, number: int) -> str:
    """A table expression over the file (registering an Arrow dataset when needed)."""
    path = _literal(str(record_file.path))
    if record_file.format == "parquet":
        return f"read_parquet({path})"
    if record_file.format == "csv":
        # every column as text: no type guessed from a sample can then fail a million rows later
        return f"read_csv({path}, header = true, all_varchar = true)"
    import pyarrow.dataset

    name = f"arrow_file_{number}"
    con.register(name, pyarrow.dataset.dataset(str(record_file.path), format="ipc"))
    return name


def describe(con, record_file: RecordFile, number: int) -> str:
    import duckdb

    try:
        source = _source(con, record_file, number)
        described = con.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()
    except (duckdb.Error, OSError, ValueError) as error:
        kind = {"parquet": "Parquet", "csv": "CSV", "arrow": "Arrow/Feather"}[record_file.format]
        raise RecountError(f"{record_file.shown}: cannot be read as {kind}: {first_line(error)}") from None
    except Exception as error:  # pyarrow raises its own error classes
        raise RecountError(f"{record_file.shown}: cannot be read as Arrow/Feather: {first_line(error)}") from None
    record_file.columns = [row[0] for row in described]
    record_file.types = [row[1] for row in described]
    by_meaning: dict[str, list[str]] = {}
    for column in record_file.columns:
        by_meaning.setdefault(normalize_name(column), []).append(column)
    for role, (names, required) in ROLES.items():
        matched = [column for name in names for column in by_meaning.get(name, [])]
        if len(matched) > 1:
            raise RecountError(f"{record_file.shown}: columns {', '.join(map(repr, matched))} all mean "
                               f"{ROLE_WORDS.get(role, role.replace('_', ' '))}; keep one")
        if matched:
            record_file.roles[role] = matched[0]
        elif required:
            raise RecountError(
                f"{record_file.shown}: no column for {ROLE_WORDS[role]} (looked for "
                + " or ".join(repr(n) for n in names) + ", in any case and spelling); columns found: "
                + ", ".join(record_file.columns))
    return source


def first_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return text[0] if text else type(error).__name__


# --------------------------------------------------------------------------- dates, lift reasons, the narrow rows


# lift reasons are stored as small codes while counting
REASON_CODES = {0: "blank", 1: "redacted", 2: "declined_by_lea", 3: "insufficient_notice", 4: "early_release", 5: "other"}
CODE = {name: code for code, name in REASON_CODES.items()}  # name -> code
MISSING_CODES = (CODE["blank"], CODE["redacted"])


def _date_sql(column: str, kind: str, record_file: RecordFile) -> tuple[str, str | None]:
    """SQL for the column as a DATE, and (for text) SQL for the trimmed text, to report values that are
    neither dates nor missing. Text is tried as ISO first (cheap), then as MM/DD/YYYY; a time after the
    date ('2021-01-20 13:45:00', '01/20/2021 13:45') is ignored."""
    col = _quote(column)
    kind = kind.upper()
    if kind == "DATE":
        return col, None
    if kind.startswith("TIMESTAMP"):
        return f"CAST({col} AS DATE)", None
    if kind.startswith("VARCHAR"):
        text = f"trim({col})"
        return (f"coalesce(TRY_CAST(left({text}, 10) AS DATE), "
                f"CAST(try_strptime(split_part({text}, ' ', 1), '%m/%d/%Y') AS DATE))"), text
    raise RecountError(f"{record_file.shown}: column {column!r} holds {kind.lower()} values, not dates")


def _bad_date(date: str, text: str | None) -> str:
    if text is None:
        return "CAST(NULL AS VARCHAR)"
    return (f"CASE WHEN {date} IS NULL AND {text} IS NOT NULL AND lower({text}) NOT IN ('', 'na', 'null', 'nan') "
            f"THEN {text} END")


def _reason_sql(reason: str) -> str:
    """The code of a lift reason given as trimmed lower-case text."""
    known = " ".join(f"WHEN {_literal(text)} THEN {CODE[outcome]}" for text, outcome in OUTCOME_OF_REASON.items())
    missing = " ".join(f"WHEN {_literal(text)} THEN {CODE['blank']}" for text in MISSING_REASONS)
    return (f"CAST(CASE {reason} {known} {missing} ELSE CASE WHEN {reason} IS NULL THEN {CODE['blank']} "
            f"WHEN replace({reason}, ' ', '') = {_literal(REDACTION)} THEN {CODE['redacted']} "
            f"ELSE {CODE['other']} END END AS UTINYINT)")


def records_sql(record_file: RecordFile, number: int, source: str, with_lift: bool) -> str:
    """One row per record: the file's number, both dates, the reason's code, the detainer id and its hash,
    DDP's flag, and (only where a date does not parse) the text that did not."""
    roles = record_file.roles
    kinds = dict(zip(record_file.columns, record_file.types))
    inner = []
    prepare, prepare_text = _date_sql(roles["prepare_date"], kinds[roles["prepare_date"]], record_file)
    inner += [f"{prepare} AS prepare_date", f"{prepare_text or 'NULL'} AS prepare_text"]
    if with_lift:
        lift, lift_text = _date_sql(roles["lift_date"], kinds[roles["lift_date"]], record_file)
    else:
        lift, lift_text = "CAST(NULL AS DATE)", None
    inner += [f"{lift} AS lift_date", f"{lift_text or 'NULL'} AS lift_text"]
    inner.append(f"lower(trim(CAST({_quote(roles['lift_reason'])} AS VARCHAR))) AS reason_text")
    if "detainer_id" in roles:
        inner.append(f"trim(CAST({_quote(roles['detainer_id'])} AS VARCHAR)) AS id_text")
    else:
        inner.append("CAST(NULL AS VARCHAR) AS id_text")
    if "duplicate_likely" in roles:
        inner.append(f"lower(trim(CAST({_quote(roles['duplicate_likely'])} AS VARCHAR))) "
                     "IN ('true', 't', '1', 'yes', 'y') AS duplicate_likely")
    else:
        inner.append("false AS duplicate_likely")
    detainer_id = "CASE WHEN id_text = '' OR lower(id_text) IN ('na', 'null') THEN NULL ELSE id_text END"
    return (f"SELECT CAST({number} AS USMALLINT) AS file, prepare_date, lift_date, {_reason_sql('reason_text')} AS reason, "
            f"{detainer_id} AS detainer_id, hash({detainer_id}) AS id_hash, duplicate_likely, "
            f"{_bad_date('prepare_date', 'prepare_text' if prepare_text else None)} AS prepare_bad, "
            f"{_bad_date('lift_date', 'lift_text' if lift_text else None)} AS lift_bad "
            f"FROM (SELECT {', '.join(inner)} FROM {source})")
