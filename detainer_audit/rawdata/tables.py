"""Reading one raw table: decoded, parsed cell by cell against its schema, checked row by row and
against the tables it refers to, and typed; every problem named by file, line and column."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path
from typing import Any

import pandas as pd

from .. import paths, periods
from .checksums import read_checksums, raw_files, sha256, verify_checksums, CHECKSUM_FILE
from .errors import RawDataError
from .errors import where as _where
from .package import WEEKDAYS, Field, Resource, load_package

_INTEGER = re.compile(r"-?[0-9]+")
_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_YEARMONTH = re.compile(r"[0-9]{4}-[0-9]{2}")


def _decode(path: Path) -> str:
    data = path.read_bytes()
    if data.startswith(b"\xef\xbb\xbf"):
        raise RawDataError(f"{_where(path)}: starts with a byte-order mark (save as UTF-8 without BOM)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise RawDataError(
            f"{_where(path, line)}: not valid UTF-8 (byte 0x{data[error.start]:02x}); "
            "raw files must be UTF-8"
        ) from None
    if "\r" in text:
        line = text[: text.index("\r")].count("\n") + 1
        raise RawDataError(f"{_where(path, line)}: carriage return found (use LF line ends)")
    if text and not text.endswith("\n"):
        raise RawDataError(f"{_where(path)}: the last line has no line end")
    return text


def _parse_cell(path: Path, line: int, field: Field, text: str) -> Any:
    where = _where(path, line, field.name)
    if text == "":
        if field.required:
            raise RawDataError(f"{where}: empty, but a value is required")
        return None
    kind = field.type
    if kind == "integer":
        if not _INTEGER.fullmatch(text):
            raise RawDataError(f"{where}: {text!r} is not a whole number")
        value: Any = int(text)
    elif kind == "number":
        if not _NUMBER.fullmatch(text):
            raise RawDataError(f"{where}: {text!r} is not a number")
        value = float(text)
    elif kind == "date":
        try:
            if not _DATE.fullmatch(text):
                raise ValueError
            value = dt.date.fromisoformat(text)
        except ValueError:
            raise RawDataError(f"{where}: {text!r} is not a date (YYYY-MM-DD)") from None
    elif kind == "yearmonth":
        if not _YEARMONTH.fullmatch(text) or not 1 <= int(text[5:]) <= 12:
            raise RawDataError(f"{where}: {text!r} is not a month (YYYY-MM)")
        value = text
    elif kind == "boolean":
        if text not in field.true_values + field.false_values:
            raise RawDataError(f"{where}: {text!r} is not "
                               + " or ".join(repr(v) for v in field.true_values + field.false_values))
        value = text in field.true_values
    else:
        value = text
    constraints = field.constraints
    if "enum" in constraints and value not in constraints["enum"]:
        allowed = ", ".join(map(str, constraints["enum"]))
        raise RawDataError(f"{where}: {text!r} is not one of: {allowed}")
    if "pattern" in constraints and not re.fullmatch(constraints["pattern"], text):
        raise RawDataError(f"{where}: {text!r} does not match {constraints['pattern']}")
    for bound, check, word in (("minimum", lambda v, b: v < b, "below"),
                               ("maximum", lambda v, b: v > b, "above")):
        if bound in constraints:
            limit = constraints[bound]
            if kind == "date":
                limit = dt.date.fromisoformat(limit)
            if check(value, limit):
                raise RawDataError(f"{where}: {text} is {word} the {bound} {constraints[bound]}")
    return value


def _parse(path: Path, resource: Resource) -> list[dict]:
    text = _decode(path)
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        raise RawDataError(f"{_where(path)}: empty file (no header)")
    header, expected = rows[0], [f.name for f in resource.fields]
    if header != expected:
        missing = [c for c in expected if c not in header]
        extra = [c for c in header if c not in expected]
        detail = []
        if missing:
            detail.append("missing column(s): " + ", ".join(missing))
        if extra:
            detail.append("unexpected column(s): " + ", ".join(extra))
        if not detail:
            detail.append("columns out of order")
        raise RawDataError(
            f"{_where(path, 1)}: header does not match the schema in datapackage.json ("
            + "; ".join(detail) + f"); expected: {','.join(expected)}"
        )
    records = []
    for line, row in enumerate(rows[1:], start=2):
        if not row or all(cell.strip() == "" for cell in row):
            raise RawDataError(f"{_where(path, line)}: blank line")
        if len(row) != len(expected):
            raise RawDataError(
                f"{_where(path, line)}: {len(row)} values, but the header has {len(expected)}"
            )
        records.append({f.name: _parse_cell(path, line, f, cell)
                        for f, cell in zip(resource.fields, row)})
    if not records:
        raise RawDataError(f"{_where(path)}: no data rows")
    return records


def _check_table(path: Path, resource: Resource, records: list[dict]) -> None:
    if resource.primary_key:
        seen: dict[tuple, int] = {}
        for line, record in enumerate(records, start=2):
            key = tuple(record[c] for c in resource.primary_key)
            if key in seen:
                shown = ", ".join(f"{c}={record[c]}" for c in resource.primary_key)
                raise RawDataError(
                    f"{_where(path, line)}: duplicate key ({shown}); first seen on line {seen[key]}"
                )
            seen[key] = line
    for start, end in resource.periods:
        for line, record in enumerate(records, start=2):
            if record[start] is not None and record[end] is not None and record[end] < record[start]:
                raise RawDataError(
                    f"{_where(path, line, end)}: period ends ({record[end]}) before it starts "
                    f"({start} = {record[start]})"
                )

    for year_column, start, end in resource.fiscal_year_periods:
        for line, record in enumerate(records, start=2):
            first, last = periods.fiscal_year_bounds(record[year_column])
            for column in (start, end):
                if not first <= record[column] <= last:
                    raise RawDataError(
                        f"{_where(path, line, column)}: {record[column]} is outside fiscal year "
                        f"{record[year_column]} ({first} to {last})"
                    )


def _check_weeks(path: Path, resource: Resource, records: list[dict]) -> None:
    """A weekly table: every week starts on its weekday, lasts seven days, and follows the one before
    without a gap or an overlap (rows in date order)."""
    if not resource.weeks:
        return
    start, end, weekday = resource.weeks
    previous = None
    for line, record in enumerate(records, start=2):
        first, last = record[start], record[end]
        if WEEKDAYS[first.weekday()] != weekday:
            raise RawDataError(f"{_where(path, line, start)}: {first} is a {WEEKDAYS[first.weekday()]}, "
                               f"but every week here starts on a {weekday}")
        if last != first + dt.timedelta(days=6):
            raise RawDataError(f"{_where(path, line, end)}: {last} is not the sixth day after {first} "
                               "(a week is seven days, both ends counted)")
        if previous is not None:
            expected = previous + dt.timedelta(days=7)
            if first > expected:
                missing = (first - expected).days // 7
                raise RawDataError(f"{_where(path, line, start)}: gap: {missing} week(s) missing between the week "
                                   f"of {previous} and the week of {first} (expected {expected})")
            if first < expected:
                raise RawDataError(f"{_where(path, line, start)}: the week of {first} does not follow the week of "
                                   f"{previous} (rows must run in date order, one week after another; expected {expected})")
        previous = first


def _frame(resource: Resource, records: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame.from_records(records, columns=[f.name for f in resource.fields])
    for field in resource.fields:
        column = frame[field.name]
        if field.type == "integer":
            frame[field.name] = column.astype("int64" if column.notna().all() else "Int64")
        elif field.type == "number":
            frame[field.name] = column.astype("float64")
        elif field.type == "date":
            frame[field.name] = pd.to_datetime(column).astype("datetime64[ns]")
        elif field.type == "boolean":
            frame[field.name] = column.astype("bool" if column.notna().all() else "boolean")
        else:  # text: missing values are None, never NaN
            frame[field.name] = column.astype("object").where(column.notna(), None)
    return frame


def read_table(name: str, raw: Path | None = None, checksum: bool = True) -> pd.DataFrame:
    """One raw table, checked against its checksum and schema, with typed columns (``checksum=False``:
    the schema only, for `make checksums`, which is about to record new bytes)."""
    raw = raw or paths.RAW
    resources = load_package(raw)
    if name not in resources:
        raise RawDataError(
            f"no raw table named {name!r} in data/raw/datapackage.json; "
            f"available: {', '.join(sorted(resources))}"
        )
    resource = resources[name]
    path = raw / resource.path
    if not path.exists():
        raise RawDataError(f"data/raw/{resource.path} is missing")
    if checksum:
        recorded = read_checksums(raw).get(resource.path)
        if recorded is None:
            raise RawDataError(f"data/raw/{resource.path} is not listed in {CHECKSUM_FILE}")
        if sha256(path) != recorded:
            raise RawDataError(f"data/raw/{resource.path} does not match its recorded checksum")
    records = _parse(path, resource)
    _check_table(path, resource, records)
    _check_weeks(path, resource, records)
    _check_references(path, resource, records, raw, checksum)
    return _frame(resource, records)


def _check_references(path: Path, resource: Resource, records: list[dict], raw: Path, checksum: bool = True) -> None:
    """Every non-empty value of a foreign-key column names a row of the referenced table."""
    for column, target, target_column in resource.foreign_keys:
        if target == resource.name:
            known = {record[target_column] for record in records}
        else:
            known = set(read_table(target, raw, checksum)[target_column])
        for line, record in enumerate(records, start=2):
            value = record[column]
            if value is not None and value not in known:
                target_path = load_package(raw)[target].path
                raise RawDataError(
                    f"{_where(path, line, column)}: {value!r} is not a {target_column} in data/raw/{target_path}"
                )


def verify_all(raw: Path | None = None) -> dict[str, int]:
    """Checksums of the whole folder, then every table's schema. Returns rows per table."""
    raw = raw or paths.RAW
    return verify_tables(raw, verify_checksums(raw))


def verify_tables(raw: Path | None = None, files: list[str] | None = None) -> dict[str, int]:
    """Every table's schema and rules, without the checksums (`verify_all` checks those first; `make
    checksums` calls this before it records new bytes, so that it never records a file that breaks its
    schema). Returns rows per table."""
    raw = raw or paths.RAW
    resources = load_package(raw)
    described = {r.path for r in resources.values()}
    for name in files if files is not None else raw_files(raw):
        if name.endswith(".csv") and name not in described:
            raise RawDataError(f"data/raw/{name} is not described in datapackage.json")
    return {name: len(read_table(name, raw, checksum=False)) for name in resources}
