"""Each notebook's parameters, checked before a kernel starts.

A question module declares its notebook's parameters once, as its ``Parameters`` (a frozen dataclass:
each field's default is the published value, its doc what it is; building one checks every value). The
notebook sets them in the cell tagged ``parameters`` (plain assignments of literals, as papermill needs)
and builds its ``Parameters`` from them in its next cell. The pipeline reads the same cell and builds the
same object before papermill starts a kernel, so a bad value is refused in about a second with the message
the notebook itself would give; the in-notebook check stays for people working in JupyterLab.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path
from typing import Any

from detainer_audit import params
from detainer_audit.params import ParameterError


def _parameters_cell(notebook: Path) -> str:
    nb = json.loads(Path(notebook).read_text(encoding="utf-8"))
    cells = [c for c in nb["cells"] if "parameters" in c.get("metadata", {}).get("tags", [])]
    if len(cells) != 1:
        raise ParameterError(f"{Path(notebook).name}: expected one cell tagged 'parameters', found {len(cells)}")
    return "".join(cells[0]["source"])


def declared(notebook: Path) -> dict[str, Any]:
    """The parameters cell's names and default values, in order."""
    defaults = {}
    for statement in ast.parse(_parameters_cell(notebook)).body:
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


def declaration(notebook: Path) -> type:
    """The notebook's parameters as its question module declares them (`Parameters`), from the research
    package's registry of questions."""
    from detainer_audit.questions import BY_NOTEBOOK

    stem = Path(notebook).stem
    if stem not in BY_NOTEBOOK:
        raise ParameterError(f"{Path(notebook).name}: no question module answers this notebook "
                             "(detainer_audit/questions.py, BY_NOTEBOOK)")
    return BY_NOTEBOOK[stem].Parameters


def check(notebook: Path, given: dict[str, Any]) -> dict[str, Any]:
    """Refuse unknown names and bad values with the notebook's own messages; return every parameter as
    the notebook will hold it once checked (its own check may normalize a value, e.g. sort a list)."""
    declared_once = declaration(notebook)
    names = params.names(declared_once)
    cell = declared(notebook)
    if list(cell) != names:
        raise ParameterError(f"{Path(notebook).name}: the parameters cell sets {', '.join(cell) or 'nothing'}; its "
                             f"question declares {', '.join(names)} (in that order)")
    unknown = [name for name in given if name not in names]
    if unknown:
        raise ParameterError(f"unknown parameter {', '.join(map(repr, unknown))} for {Path(notebook).name}; "
                             f"its parameters: {', '.join(names)} (given: "
                             + ", ".join(f"{name}={given[name]!r}" for name in unknown) + ")")
    return params.values(declared_once(**{**cell, **given}))


def published(notebook: Path) -> dict[str, Any]:
    """The parameters of the published run: the defaults of the notebook's one declaration."""
    return params.published(declaration(notebook))


def described(notebook: Path) -> dict[str, str]:
    """What each parameter is, in words: the docs of the notebook's one declaration."""
    return params.described(declaration(notebook))


def _as_argument(value: Any) -> str:
    """A value as `make run ... ARGS='-p NAME VALUE'` reads it back (YAML)."""
    if isinstance(value, str):
        return json.dumps(value) if (value.strip() != value or not value or any(c in value for c in " :#[]{},'\"")) \
            else value
    return json.dumps(value).replace(", ", ",") if isinstance(value, list) else json.dumps(value)


def injected(notebook: Path) -> dict[str, Any]:
    """Values in a cell papermill injected (tagged ``injected-parameters``) into the saved notebook, which
    override the parameters cell when it runs: a notebook executed in place (papermill NB NB -p ...)."""
    nb = json.loads(Path(notebook).read_text(encoding="utf-8"))
    values = {}
    for cell in nb["cells"]:
        if "injected-parameters" in cell.get("metadata", {}).get("tags", []):
            for statement in ast.parse("".join(cell["source"])).body:
                if isinstance(statement, ast.Assign) and len(statement.targets) == 1 \
                        and isinstance(statement.targets[0], ast.Name):
                    try:
                        values[statement.targets[0].id] = ast.literal_eval(statement.value)
                    except ValueError:
                        values[statement.targets[0].id] = ast.unparse(statement.value)
    return values


def drifted(notebook: Path) -> dict[str, tuple[Any, Any]]:
    """Parameters whose value in the saved notebook (its parameters cell, and any cell papermill injected
    after it) is not the published one: name -> (saved, published)."""
    saved, wanted = {**declared(notebook), **injected(notebook)}, published(notebook)
    return {name: (saved.get(name, "(not in the parameters cell)"), value) for name, value in wanted.items()
            if saved.get(name, object()) != value}


def drift_message(notebooks: list[Path], root: Path) -> str | None:
    """The notebooks saved with parameters other than the published ones, each changed parameter with its
    published value, and how to restore it or run it beside the published run; None when there are none."""
    lines = []
    for notebook in notebooks:
        changed = drifted(notebook)
        if not changed:
            continue
        shown = Path(notebook).resolve().relative_to(root).as_posix() if Path(notebook).resolve().is_relative_to(root) \
            else Path(notebook).name
        lines.append(f"{shown} is saved with parameters other than the published ones: "
                     + "; ".join(f"{name} = {saved!r} (published: {was!r})" for name, (saved, was) in changed.items()))
        runnable = {name: saved for name, (saved, _) in changed.items() if saved != "(not in the parameters cell)"}
        arguments = " ".join(f"-p {name} {_as_argument(value)}" for name, value in runnable.items())
        where = ("its parameters cell (and delete the cell papermill injected after it)" if injected(notebook)
                 else "its parameters cell")
        lines.append(f"  restore it: set {', '.join(changed)} back in {where}, or `git checkout {shown}` "
                     "(which also drops any other unsaved change to it)")
        if runnable:
            lines.append(f"  or, to see these values beside the published run: restore it, then "
                         f"`make run NB={Path(notebook).name[:2]} ARGS='{arguments}'`")
    if not lines:
        return None
    return ("only the published parameters may be published; nothing was run\n" + "\n".join(lines))
