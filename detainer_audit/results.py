"""The results table: every headline number the project computes, in one CSV.

Each notebook records its own rows with `record`; the rows of other notebooks are kept,
so the table is the same whichever order (or how many at once) the notebooks run in.
Values are written in a fixed form (whole numbers as integers, other numbers rounded to
`DECIMALS` places) so that the file is byte-identical from run to run.
"""

from __future__ import annotations

import contextlib
import csv
import fcntl
import io
import math
import platform
import re
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Iterable, Iterator

import pandas as pd

from . import paths
from .files import write_text

COLUMNS = ["statistic", "value", "unit", "headline", "notebook", "sources", "description"]
DECIMALS = 4
ENVIRONMENT_PACKAGES = ["numpy", "pandas", "matplotlib", "seaborn", "papermill", "nbval"]
_NAME = re.compile(r"[a-z][a-z0-9_]*")
# who published the figures a statistic is computed from, joined by '+': the evidence grade of a
# claim (verdicts.grade) compares these with the source the claim itself relies on
SOURCE_KEYS = {
    "AP": "Associated Press (relaying ICE)", "CIS": "Center for Immigration Studies",
    "DDP": "Deportation Data Project's weekly counts of ICE's record-level files", "DHS": "Department of Homeland Security", "FAIR": "Federation for American Immigration Reform",
    "ICE": "Immigration and Customs Enforcement's own reports", "MPI": "Migration Policy Institute",
    "NPR": "NPR's aggregation of ICE's record-level FOIA files",
    "press": "press coverage identifying report rows", "TCSO": "Travis County Sheriff's Office",
    "TRAC": "Transactional Records Access Clearinghouse",
}


@dataclass(frozen=True)
class Statistic:
    statistic: str
    value: float
    unit: str
    description: str
    headline: bool = False
    sources: str = ""  # SOURCE_KEYS joined by '+'

    def source_set(self) -> set[str]:
        return split_sources(self.sources)


def split_sources(text: str) -> set[str]:
    """The publisher keys of a '+'-joined sources field; unknown keys are an error."""
    keys = {key for key in (text or "").split("+") if key}
    unknown = keys - set(SOURCE_KEYS)
    if unknown:
        raise ValueError(f"unknown source key(s) {sorted(unknown)}; known: {', '.join(SOURCE_KEYS)}")
    return keys


def results_path() -> Path:
    return paths.processed() / "results.csv"


def environment_path() -> Path:
    return paths.processed() / "environment.csv"


def format_value(value) -> str:
    """One canonical text form for a number: ``7934``, ``3609.8425``, never ``np.float64(...)``."""
    if isinstance(value, bool) or value is None:
        raise TypeError(f"a statistic must be a number, not {value!r}")
    value = float(value)
    if math.isnan(value) or math.isinf(value):
        raise ValueError(f"a statistic must be finite, not {value}")
    rounded = round(value, DECIMALS)
    if rounded == int(rounded):
        return str(int(rounded))
    return repr(rounded)


def display(value, unit: str = "") -> str:
    """A number as readers see it, the one rule for every table, sentence and README row: years plain
    (2011), percents to one decimal (6.5), ratios to two (1.76), thousands with separators (22,040),
    other small values to four significant digits (9.89); empty for a missing value."""
    if value is None or value == "" or (isinstance(value, float) and math.isnan(value)):
        return ""
    value = float(value)
    unit = unit or ""
    if unit == "year":
        return f"{value:.0f}"
    if unit.startswith("percent") and not value.is_integer():
        return f"{value:,.1f}"
    if unit.startswith("ratio") and not value.is_integer():
        return f"{value:,.2f}"
    return f"{value:,.0f}" if abs(value) >= 1000 or value.is_integer() else f"{value:.4g}"


PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*)\}")


def fill(text: str, shown) -> str:
    """A ledger text with each ``{statistic}`` replaced by ``shown(name)``, the value as readers see it:
    the ledger names numbers, it never types them. ``shown`` decides what an unknown name does."""
    return PLACEHOLDER.sub(lambda match: shown(match.group(1)), text)


def for_readers(frame: pd.DataFrame, columns: dict[str, str], decimals: dict[str, int] | None = None) -> pd.DataFrame:
    """A table as readers see it: the named columns only, labelled in words, numbers rounded to what the
    source supports (``decimals`` per column; whole numbers stay whole, so a year never reads 2,011.0),
    and the first column as the row labels."""
    decimals = decimals or {}
    shown = frame[list(columns)].copy()
    for column in columns:
        if column in decimals:
            shown[column] = shown[column].map(lambda v, d=decimals[column]: "" if pd.isna(v) else f"{v:,.{d}f}")
        elif pd.api.types.is_float_dtype(shown[column]) and shown[column].dropna().map(float.is_integer).all():
            shown[column] = shown[column].astype("Int64")
    shown = shown.rename(columns=columns)
    return shown.set_index(shown.columns[0])  # the first column labels the rows, in place of 0, 1, 2


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.parent / ".results.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _read_rows(path: Path) -> list[dict]:
    if not path.exists():
        return []
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _render(rows: list[dict]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def record(notebook: str, statistics: Iterable[Statistic]) -> pd.DataFrame:
    """Replace this notebook's rows in the results table; return the rows written."""
    new_rows = []
    for item in statistics:
        if not _NAME.fullmatch(item.statistic):
            raise ValueError(f"statistic name {item.statistic!r} is not snake_case")
        new_rows.append({"statistic": item.statistic, "value": format_value(item.value),
                         "unit": item.unit, "headline": "yes" if item.headline else "no",
                         "notebook": notebook, "sources": "+".join(sorted(item.source_set())),
                         "description": item.description})
    names = [row["statistic"] for row in new_rows]
    if len(set(names)) != len(names):
        raise ValueError(f"{notebook} records a statistic twice")
    path = results_path()
    with _locked(path):
        kept = [row for row in _read_rows(path) if row["notebook"] != notebook]
        clash = {row["statistic"] for row in kept} & set(names)
        if clash:
            raise ValueError(f"{notebook} records statistics another notebook owns: {sorted(clash)}")
        rows = sorted(kept + new_rows, key=lambda row: row["notebook"])  # stable: keeps each notebook's order
        write_text(path, _render(rows))
        write_text(environment_path(), environment_csv())
    return pd.DataFrame(new_rows, columns=COLUMNS)


def environment_csv() -> str:
    """The versions a run used, as committed: Python's minor version only (3.11), since no output depends
    on the patch release (a test runs every notebook under a second one and finds the same bytes), and
    every package as the lock pins it."""
    rows = [{"component": "python", "version": python_minor()}]
    rows += [{"component": name, "version": metadata.version(name)} for name in ENVIRONMENT_PACKAGES]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=["component", "version"], lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def python_minor() -> str:
    """This interpreter's version without its patch release: ``3.11``."""
    return ".".join(platform.python_version_tuple()[:2])


def load(path: Path | None = None) -> pd.DataFrame:
    """The results table as recorded, values as floats."""
    path = path or results_path()
    if not path.exists():
        raise FileNotFoundError(f"{paths.relative(path)} does not exist: run the earlier notebooks first")
    frame = pd.read_csv(path, dtype={"value": "float64"}, keep_default_na=False)
    return frame


def value(statistic: str, table: pd.DataFrame | None = None) -> float:
    table = load() if table is None else table
    match = table.loc[table["statistic"] == statistic, "value"]
    if match.empty:
        raise KeyError(f"statistic {statistic!r} is not in results.csv")
    return float(match.iloc[0])


ABSENT = "not recorded"


@dataclass(frozen=True)
class Difference:
    """One statistic whose value differs between two runs, or that only one of them recorded
    (``published`` or ``run`` is None)."""
    statistic: str
    unit: str
    published: float | None
    run: float | None

    def shown(self) -> tuple[str, str]:
        """The two values as readers see them (`display`); where that would make them look alike (3,610 and
        3,610), the values as recorded, so that a listed difference is always visible."""
        texts = [display(v, self.unit) if v is not None else ABSENT for v in (self.published, self.run)]
        if texts[0] == texts[1]:
            texts = [format_value(v) if v is not None else ABSENT for v in (self.published, self.run)]
        return texts[0], texts[1]


def differences(published: pd.DataFrame, run: pd.DataFrame, notebook: str | None = None) -> list[Difference]:
    """The statistics whose recorded value differs between the published results table and another run's
    (both as `load` reads them), and those only one of them has; equal values are left out. ``notebook``:
    compare that notebook's rows only (a single run recomputes one notebook; its folder may hold others'
    rows from an earlier run). Values are compared as recorded (`format_value`), so a difference is one
    that results.csv shows. Order: the published table's, then what only the run recorded."""
    def rows(table: pd.DataFrame) -> dict[str, tuple[float, str]]:
        if notebook is not None:
            table = table[table["notebook"] == notebook]
        return {row.statistic: (float(row.value), row.unit) for row in table.itertuples()}

    before, after = rows(published), rows(run)
    found = []
    for name, (value_before, unit) in before.items():
        if name not in after:
            found.append(Difference(name, unit, value_before, None))
            continue
        value_after, unit_after = after[name]
        if format_value(value_before) != format_value(value_after):
            found.append(Difference(name, unit_after, value_before, value_after))
    found += [Difference(name, unit, None, value) for name, (value, unit) in after.items() if name not in before]
    return found
