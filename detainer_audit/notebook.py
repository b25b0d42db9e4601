"""What every notebook does first: house style for figures, readable tables, and the published run kept
safe from runs with other parameters."""

from __future__ import annotations

import os
import shutil
from typing import Any

import pandas as pd

from . import figures, paths
from .results import display

RUNS = "build/runs"  # where a run with other parameters writes, one folder per notebook


def setup(notebook: str | None = None, published: dict[str, Any] | None = None, **used: Any) -> str | None:
    """House style; and, given the notebook's name, its published parameters and the values in use,
    the guard of the published run. Returns the message it printed, if any.

    A run whose parameters differ from the published ones, started any way other than the pipeline
    (papermill, `jupyter nbconvert --execute`, JupyterLab), writes its outputs below
    ``build/runs/<notebook>/``, seeded with the published outputs so that what it reads is there. Only
    `make reproduce` writes `data/processed/` and `figures/`; a run with the published parameters
    rewrites the same bytes. Under the pipeline (`make reproduce`, `make run`), which sets the output
    folder itself, nothing changes."""
    figures.apply_style()
    pd.set_option("display.width", 120)
    pd.set_option("display.max_columns", 30)
    pd.set_option("display.max_colwidth", 80)
    pd.set_option("display.precision", 4)
    pd.set_option("display.float_format", display)
    if notebook is None or published is None:
        return None
    message = guard_published_run(notebook, published, used)
    if message:
        print(message)
    return message


def differing(published: dict[str, Any], used: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    """Parameters whose value in use is not the published one: name -> (in use, published)."""
    unknown = sorted(set(used) - set(published))
    if unknown:
        raise KeyError(f"no published value for parameter(s) {', '.join(unknown)}")
    return {name: (value, published[name]) for name, value in used.items() if value != published[name]}


def guard_published_run(notebook: str, published: dict[str, Any], used: dict[str, Any]) -> str | None:
    """Send this run's outputs to ``build/runs/<notebook>/`` when its parameters are not the published
    ones and nobody has chosen an output folder; say so. Returns the message, or None."""
    if os.environ.get(paths.OUTPUT_ENV):
        return None
    changed = differing(published, used)
    if not changed:
        return None
    target = paths.ROOT / RUNS / notebook
    for top in ("data/processed", "figures"):
        if (paths.ROOT / top).exists() and not (target / top).exists():
            shutil.copytree(paths.ROOT / top, target / top)
    os.environ[paths.OUTPUT_ENV] = str(target)
    shown = "; ".join(f"{name} = {value!r} (published: {was!r})" for name, (value, was) in changed.items())
    return (f"Parameters other than the published ones: {shown}. This run writes its outputs to "
            f"{RUNS}/{notebook}/ (data/processed/ and figures/ there); the published outputs are untouched.")
