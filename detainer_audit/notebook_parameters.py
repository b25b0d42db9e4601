"""Each notebook's parameters, checked before a kernel starts.

A notebook declares its parameters in the cell tagged ``parameters`` (plain assignments of
literals) and checks them in its next cell by calling its question module's
``check_parameters``. The pipeline reads the same cell and calls the same function before
papermill starts a kernel, so a bad value is refused in about a second with the message the
notebook itself would give; the in-notebook call stays for people working in JupyterLab.
"""

from __future__ import annotations

import ast
import importlib
import json
from pathlib import Path
from typing import Any

from .params import ParameterError

# notebook (file name without its number's suffix) -> the module whose check_parameters it calls
CHECKED_BY = {
    "01_declined_detainers_fy2021_2024": "declined",
    "02_weekly_detainer_rates_2011_vs_2017": "weekly",
    "03_travis_county_share_2017": "jurisdictions",
    "04_longer_record_2008_2025": "longer_record",
    "05_claims_audit": "audit",
    "recount_against_cis": "recount",  # notebooks/recount/, run by `make recount` only
}


def declared(notebook: Path) -> dict[str, Any]:
    """The parameters cell's names and default values, in order."""
    nb = json.loads(Path(notebook).read_text(encoding="utf-8"))
    cells = [c for c in nb["cells"] if "parameters" in c.get("metadata", {}).get("tags", [])]
    if len(cells) != 1:
        raise ParameterError(f"{Path(notebook).name}: expected one cell tagged 'parameters', found {len(cells)}")
    defaults = {}
    for statement in ast.parse("".join(cells[0]["source"])).body:
        if not (isinstance(statement, ast.Assign) and len(statement.targets) == 1
                and isinstance(statement.targets[0], ast.Name)):
            raise ParameterError(f"{Path(notebook).name}: the parameters cell may hold only 'name = literal' lines "
                                 f"(line {statement.lineno})")
        name = statement.targets[0].id
        try:
            defaults[name] = ast.literal_eval(statement.value)
        except ValueError:
            raise ParameterError(f"{Path(notebook).name}, parameters cell, line {statement.lineno}: the default of "
                                 f"{name} must be a literal value (a number, text, list), not an expression") from None
    return defaults


def checker(notebook: Path):
    stem = Path(notebook).stem
    if stem not in CHECKED_BY:
        raise ParameterError(f"{Path(notebook).name}: no parameter check is registered "
                             f"(detainer_audit/notebook_parameters.py, CHECKED_BY)")
    return importlib.import_module(f"{__package__}.{CHECKED_BY[stem]}").check_parameters


def check(notebook: Path, given: dict[str, Any]) -> None:
    """Refuse unknown names and bad values with the notebook's own messages."""
    defaults = declared(notebook)
    unknown = [name for name in given if name not in defaults]
    if unknown:
        raise ParameterError(f"unknown parameter {', '.join(map(repr, unknown))} for {Path(notebook).name}; "
                             f"its parameters: {', '.join(defaults)}")
    checker(notebook)(**{**defaults, **given})
