"""Running a notebook with other parameters through `make run`, and reading everything it wrote: the
shared part of the parameter sweep (tests/test_parameters_follow*.py)."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import yaml

from helpers import make, snapshot


@dataclass
class Run:
    """What one run with other parameters wrote below its output folder."""
    folder: Path
    notebook: str
    text: str  # every text and Markdown output of the executed notebook, in order
    figure_csvs: dict[str, str] = field(default_factory=dict)  # figure stem -> its CSV
    figure_bytes: dict[str, bytes] = field(default_factory=dict)  # figure stem -> its PNG
    statistics: pd.DataFrame | None = None  # this notebook's rows of results.csv

    def names(self) -> set[str]:
        return set(self.statistics["statistic"])


def _outputs_text(notebook: Path) -> str:
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    parts = []
    for cell in nb["cells"]:
        for output in cell.get("outputs", []):
            if "text" in output:
                parts.append("".join(output["text"]))
            data = output.get("data", {})
            for kind in ("text/markdown", "text/plain"):
                if kind in data:
                    parts.append("".join(data[kind]))
    return "\n".join(parts)


def run_with(copy: Path, notebook: str, parameters: dict) -> Run:
    """`make run NB=<notebook> OUT=build/runs/<notebook> ARGS='-p name value ...'` in a copy of the project;
    asserts that it succeeded and that the published outputs of the copy are untouched."""
    before = snapshot(copy)
    out = copy / "build" / "runs" / notebook  # one folder per notebook, as make run would choose
    args = " ".join(f"-p {name} '{yaml.safe_dump(value, default_flow_style=True).strip().removesuffix('...').strip()}'"
                    for name, value in parameters.items())
    result = make(copy, "run", f"NB={notebook[:2]}", f"ARGS={args}", f"OUT={out}")
    assert result.returncode == 0, f"make run NB={notebook[:2]} ARGS={args} failed:\n{result.stderr[-3000:]}"
    assert snapshot(copy) == before, "a run with other parameters touched the published outputs"
    return _view(out, notebook, out / "notebooks" / f"{notebook}.ipynb")


def _view(folder: Path, notebook: str, executed: Path) -> Run:
    stems = sorted({p.stem for p in (folder / "figures").glob(f"{notebook[:2]}-*.csv")})
    table = pd.read_csv(folder / "data" / "processed" / "results.csv", keep_default_na=False)
    return Run(folder, notebook, _outputs_text(executed),
               {stem: (folder / "figures" / f"{stem}.csv").read_text() for stem in stems},
               {stem: (folder / "figures" / f"{stem}.png").read_bytes() for stem in stems},
               table[table["notebook"] == notebook].reset_index(drop=True))


def published(root: Path, notebook: str) -> Run:
    """The same view of the published run, for comparison."""
    return _view(root, notebook, root / "notebooks" / f"{notebook}.ipynb")


def csv_of(text: str) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(text), keep_default_na=False)
