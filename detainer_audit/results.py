"""The results table: every headline number the project computes, in one CSV.

Each notebook writes its own results file with `record` (below the run's ``build/results/``, never
published). In a staged run (`make reproduce`) that is all a notebook writes: no notebook reads or
rewrites another's rows, and the table, ``data/processed/results.csv``, is put together from those files
by `assemble` once every notebook has finished, before the run is checked and published. A run of one
notebook alone puts its own rows into its folder's table. A notebook that needs other notebooks'
results (the claims audit) declares them and reads them with `read`. The table is therefore the same
whichever order (or how many at once) the notebooks run in. Values are written in a fixed form (whole
numbers as integers, other numbers rounded to `DECIMALS` places) so that the file is byte-identical from
run to run.
"""

from __future__ import annotations

import csv
import io
import math
import platform
import re
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Iterable

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


# where a run keeps each notebook's own results file, below its output folder (the stage, a run's folder under
# build/runs/, or the checkout): scratch, never published
PARTS = Path("build") / "results"


def results_path(root: Path | None = None) -> Path:
    """The assembled table of a run (``root``: its output folder; default: this run's)."""
    return Path(root or paths.output_root()) / "data" / "processed" / "results.csv"


def environment_path(root: Path | None = None) -> Path:
    return Path(root or paths.output_root()) / "data" / "processed" / "environment.csv"


def part_path(notebook: str, root: Path | None = None) -> Path:
    """One notebook's own results file (its rows of the table, with the table's header)."""
    return Path(root or paths.output_root()) / PARTS / f"{notebook}.csv"


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


def unit_words(unit: str, value=None) -> str:
    """A unit as a reader says it after a number ('1.76 times', '1 record', '2011')."""
    unit = (unit or "").split(" (")[0]
    unit = {"ratio": "times", "year": "", "percent": "%"}.get(unit, unit)
    one = value is not None and not (isinstance(value, float) and math.isnan(value)) and float(value) == 1
    if one and unit.endswith("s") and " " not in unit:  # '1 record', not '1 records'
        unit = unit[:-1]
    return unit


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


def recorded_readers(recorded: pd.DataFrame) -> pd.DataFrame:
    """The statistics a notebook recorded, for readers: what each is, in words, its value rounded as
    readers see numbers, and its unit (identifiers stay in results.csv)."""
    return pd.DataFrame({"what": recorded["description"],
                         "value": [display(v, u) for v, u in zip(recorded["value"].astype(float), recorded["unit"])],
                         "unit": recorded["unit"]}).set_index("what")


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


def _parse(text: str) -> pd.DataFrame:
    """Rows as `load` reads them (values as floats, exactly as recorded)."""
    return pd.read_csv(io.StringIO(text), dtype={"value": "float64"}, keep_default_na=False)


def rows(notebook: str, statistics: Iterable[Statistic]) -> list[dict]:
    """A notebook's statistics as rows of the table (values in their fixed form); a name that is not
    snake_case, or recorded twice, is refused."""
    found = []
    for item in statistics:
        if not _NAME.fullmatch(item.statistic):
            raise ValueError(f"statistic name {item.statistic!r} is not snake_case")
        found.append({"statistic": item.statistic, "value": format_value(item.value),
                      "unit": item.unit, "headline": "yes" if item.headline else "no",
                      "notebook": notebook, "sources": "+".join(sorted(item.source_set())),
                      "description": item.description})
    names = [row["statistic"] for row in found]
    if len(set(names)) != len(names):
        raise ValueError(f"{notebook} records a statistic twice")
    return found


def table(notebook: str, statistics: Iterable[Statistic]) -> pd.DataFrame:
    """A notebook's statistics as the table holds them, without writing anything (what `record` returns)."""
    return _parse(_render(rows(notebook, statistics)))


# in a run's folder of results files: the run is staged (make reproduce), and assembles its table itself
STAGED = ".staged"


def mark_staged(root: Path) -> None:
    """Mark ``root`` as a staged run's folder: its notebooks then write their own results files only, and
    the run assembles the table once every notebook has finished (`assemble`)."""
    folder = Path(root) / PARTS
    folder.mkdir(parents=True, exist_ok=True)
    (folder / STAGED).write_text("the run assembles data/processed/results.csv from these files once every "
                                 "notebook has finished\n", encoding="utf-8")


def staged(root: Path | None = None) -> bool:
    return (Path(root or paths.output_root()) / PARTS / STAGED).is_file()


def record(notebook: str, statistics: Iterable[Statistic], root: Path | None = None) -> pd.DataFrame:
    """Write this notebook's own results file (all of its statistics, once); return its rows as recorded.

    In a staged run that is all: the run assembles the table from these files once every notebook has
    finished (`assemble`). A run of one notebook (`make run`, papermill, nbconvert, JupyterLab, nbval) has no
    run around it to do that, so it also puts its rows into its folder's table in place of the ones it had
    (the published run's, where the folder was seeded with it), and writes the versions beside it."""
    found = rows(notebook, statistics)
    text = _render(found)
    root = Path(root or paths.output_root())
    write_text(part_path(notebook, root), text)
    if not staged(root):
        _write_table(root, {notebook: found})
    return _parse(text)


def assemble(root: Path) -> list[str]:
    """Put together the results table of the run in ``root`` (its output folder) from each notebook's own
    results file, and write the versions the run used beside it (`_write_table`); a staged run starts empty,
    so its table holds exactly what its notebooks recorded. Returns the notebooks whose files were taken."""
    root = Path(root)
    parts = sorted((root / PARTS).glob("*.csv")) if (root / PARTS).is_dir() else []
    taken = {part.stem: _read_rows(part) for part in parts}
    _write_table(root, taken)
    return sorted(taken)


def _write_table(root: Path, taken: dict[str, list[dict]]) -> None:
    """Write the table of ``root``: the rows of the notebooks in ``taken``, and, of every other notebook, the
    rows the folder's table already had. Rows are ordered by notebook name, each notebook's in the order it
    recorded them. A statistic recorded by two notebooks is refused, naming both, and nothing is written."""
    kept = [row for row in _read_rows(results_path(root)) if row["notebook"] not in taken]
    by_notebook: dict[str, list[dict]] = {}
    for row in kept:
        by_notebook.setdefault(row["notebook"], []).append(row)
    by_notebook.update(taken)
    owner: dict[str, str] = {}
    for notebook in sorted(by_notebook):
        for row in by_notebook[notebook]:
            other = owner.setdefault(row["statistic"], notebook)
            if other != notebook:
                raise ValueError(f"{notebook} records statistic {row['statistic']!r}, which {other} records too")
    table_rows = [row for notebook in sorted(by_notebook) for row in by_notebook[notebook]]
    write_text(results_path(root), _render(table_rows))
    write_text(environment_path(root), environment_csv())


def read(notebooks: Iterable[str], root: Path | None = None) -> pd.DataFrame:
    """The results of the named notebooks, as `load` reads them, in the order named: in a staged run, each
    notebook's own results file (the table is assembled only once every notebook has finished); elsewhere
    the folder's table, which every run of one notebook keeps current (seeded with the published run's).
    A notebook not found is an error naming it."""
    root = Path(root or paths.output_root())
    found = []
    if staged(root):
        for notebook in notebooks:
            part = part_path(notebook, root)
            if not part.is_file():
                raise FileNotFoundError(f"no results of {notebook} in this run (no {paths.relative(part)}): "
                                        "it must run first")
            found += _read_rows(part)
        return _parse(_render(found))
    table = _read_rows(results_path(root))
    for notebook in notebooks:
        held = [row for row in table if row["notebook"] == notebook]
        if not held:
            raise FileNotFoundError(f"no results of {notebook} in {paths.relative(results_path(root))}: "
                                    "run that notebook first")
        found += held
    return _parse(_render(found))


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
