"""`data/raw/datapackage.json`: one resource a file, with its sources and a schema of typed, documented
columns (a Frictionless-style data package), read into `Resource` and `Field`."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from .. import paths
from .errors import RawDataError

TYPES = ("integer", "number", "string", "date", "yearmonth", "boolean")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")  # date.weekday() order


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
