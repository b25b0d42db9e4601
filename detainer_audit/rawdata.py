"""Loading and validating the project's raw data (`data/raw/`).

`data/raw/datapackage.json` describes every raw file (a Frictionless-style data package:
one resource a file, with its sources and a schema of typed, documented columns), and
`data/raw/SHA256SUMS` records the bytes of every file in the folder. Nothing is read
without both being checked, and every problem is reported with the file, the line (as
a text editor numbers it, the header being line 1) and the column.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from . import paths, periods

CHECKSUM_FILE = "SHA256SUMS"
TYPES = ("integer", "number", "string", "date", "yearmonth", "boolean")
_INTEGER = re.compile(r"-?[0-9]+")
_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_YEARMONTH = re.compile(r"[0-9]{4}-[0-9]{2}")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")  # date.weekday() order


class RawDataError(ValueError):
    """A raw file, its checksum or its schema is wrong. The message names where."""


def _where(path: Path, line: int | None = None, column: str | None = None) -> str:
    place = f"data/raw/{path.name}"
    if line is not None:
        place += f", line {line}"
    if column is not None:
        place += f", column '{column}'"
    return place


# --------------------------------------------------------------------------- checksums


def sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def read_checksums(raw: Path | None = None) -> dict[str, str]:
    """The recorded checksums, in `sha256sum` format (``<hex>  <file name>``)."""
    raw = raw or paths.RAW
    sums_path = raw / CHECKSUM_FILE
    if not sums_path.exists():
        raise RawDataError(f"data/raw/{CHECKSUM_FILE} is missing: no raw file can be trusted")
    recorded: dict[str, str] = {}
    for number, line in enumerate(sums_path.read_text(encoding="utf-8").splitlines(), 1):
        match = re.fullmatch(r"([0-9a-f]{64}) [ *](\S.*)", line)
        if not match:
            raise RawDataError(f"data/raw/{CHECKSUM_FILE}, line {number}: not '<sha256>  <file>'")
        recorded[match.group(2)] = match.group(1)
    return recorded


def raw_files(raw: Path | None = None) -> list[str]:
    """Every file in the raw folder except the checksum list itself (hidden files too)."""
    raw = raw or paths.RAW
    found = []
    for path in sorted(raw.rglob("*")):
        if path.is_file() and path.name != CHECKSUM_FILE:
            found.append(path.relative_to(raw).as_posix())
    return found


def verify_checksums(raw: Path | None = None) -> list[str]:
    """Check that the folder holds exactly the recorded files, byte for byte.

    Returns the verified file names; raises `RawDataError` naming every file that is
    missing, unlisted or changed.
    """
    raw = raw or paths.RAW
    recorded = read_checksums(raw)
    present = raw_files(raw)
    problems = []
    for name in sorted(set(recorded) - set(present)):
        problems.append(f"data/raw/{name} is listed in {CHECKSUM_FILE} but missing")
    for name in sorted(set(present) - set(recorded)):
        problems.append(f"data/raw/{name} is not listed in {CHECKSUM_FILE} (unrecorded file)")
    for name in sorted(set(present) & set(recorded)):
        actual = sha256(raw / name)
        if actual != recorded[name]:
            problems.append(
                f"data/raw/{name} does not match its recorded checksum "
                f"(recorded {recorded[name][:12]}…, found {actual[:12]}…)"
            )
    if problems:
        raise RawDataError(
            "raw data check failed:\n  - " + "\n  - ".join(problems)
            + "\nIf a change to data/raw/ is intended, update the transcription's provenance "
            "and run `make checksums`."
        )
    return present


def write_checksums(raw: Path | None = None) -> str:
    """The text of a fresh checksum file for the folder (used by `make checksums`)."""
    raw = raw or paths.RAW
    return "".join(f"{sha256(raw / name)}  {name}\n" for name in raw_files(raw))


# --------------------------------------------------------------------------- schema


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    description: str
    unit: str
    source: str
    constraints: dict
    true_values: tuple  # a boolean's text values (the standard's trueValues/falseValues); () otherwise
    false_values: tuple

    @property
    def required(self) -> bool:
        return bool(self.constraints.get("required", False))


@dataclass(frozen=True)
class Resource:
    name: str
    path: str
    title: str
    description: str
    sources: tuple
    fields: tuple
    primary_key: tuple
    periods: tuple
    fiscal_year_periods: tuple = ()
    foreign_keys: tuple = ()  # (column, referenced resource, referenced column)
    weeks: tuple = ()  # (first-day column, last-day column, weekday name): consecutive whole weeks

    def field(self, name: str) -> Field:
        for field in self.fields:
            if field.name == name:
                return field
        raise KeyError(name)


def load_package(raw: Path | None = None) -> dict[str, Resource]:
    """Parse `datapackage.json` into resources, checking its own structure."""
    raw = raw or paths.RAW
    path = raw / "datapackage.json"
    try:
        package = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RawDataError("data/raw/datapackage.json is missing") from None
    except json.JSONDecodeError as error:
        raise RawDataError(f"data/raw/datapackage.json, line {error.lineno}: {error.msg}") from None
    resources: dict[str, Resource] = {}
    for index, item in enumerate(package.get("resources", [])):
        label = f"data/raw/datapackage.json, resource {index + 1} ({item.get('name', '?')})"
        for key in ("name", "path", "title", "description", "sources", "schema"):
            if key not in item:
                raise RawDataError(f"{label}: no '{key}'")
        for source in item["sources"]:
            for key in ("publisher", "title", "date", "url", "location"):
                if not source.get(key):
                    raise RawDataError(f"{label}: a source has no '{key}' (provenance is required)")
        fields = []
        for spec in item["schema"]["fields"]:
            for key in ("name", "type", "description", "unit", "source"):
                if key not in spec:
                    raise RawDataError(f"{label}, field {spec.get('name', '?')}: no '{key}'")
            if spec["type"] not in TYPES:
                raise RawDataError(f"{label}, field {spec['name']}: unknown type {spec['type']!r}")
            if spec["type"] == "boolean" and not (spec.get("trueValues") and spec.get("falseValues")):
                raise RawDataError(f"{label}, field {spec['name']}: a boolean needs trueValues and falseValues "
                                   "(the Data Package standard reads only true/false otherwise)")
            fields.append(
                Field(spec["name"], spec["type"], spec["description"], spec["unit"],
                      spec["source"], dict(spec.get("constraints", {})),
                      tuple(spec.get("trueValues", ())), tuple(spec.get("falseValues", ())))
            )
        names = [f.name for f in fields]
        key = tuple(item["schema"].get("primaryKey", []))
        periods = tuple(tuple(p) for p in item["schema"].get("periods", []))
        fiscal = tuple(tuple(p) for p in item["schema"].get("fiscalYearPeriods", []))
        foreign = tuple((spec["fields"], spec["reference"]["resource"] or item["name"], spec["reference"]["fields"])
                        for spec in item["schema"].get("foreignKeys", []))
        weeks = ()
        if "weeks" in item["schema"]:
            spec = item["schema"]["weeks"]
            day = str(spec.get("first_day", ""))
            if day not in WEEKDAYS:
                raise RawDataError(f"{label}: weeks.first_day must be one of {', '.join(WEEKDAYS)}, not {day!r}")
            weeks = (spec.get("start", ""), spec.get("end", ""), day)
        for column in key + tuple(c for p in periods + fiscal for c in p) + tuple(f[0] for f in foreign) + weeks[:2]:
            if column not in names:
                raise RawDataError(f"{label}: schema names unknown column {column!r}")
        resources[item["name"]] = Resource(
            item["name"], item["path"], item["title"], item["description"],
            tuple(item["sources"]), tuple(fields), key, periods, fiscal, foreign, weeks,
        )
    for resource in resources.values():
        for column, target, target_column in resource.foreign_keys:
            if target not in resources or target_column not in [f.name for f in resources[target].fields]:
                raise RawDataError(f"data/raw/datapackage.json, resource {resource.name}: foreign key {column!r} "
                                   f"refers to {target}.{target_column}, which is not described")
    return resources


# --------------------------------------------------------------------------- parsing


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
