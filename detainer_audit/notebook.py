"""How a notebook shows its question's answer and where its run writes: house style, readable tables, the
findings first, each section in turn, the recorded statistics last (folded), and the published run kept
safe from runs with other parameters."""

from __future__ import annotations

import html
import os
import re
import shutil
from pathlib import Path
from typing import Any

import pandas as pd

from . import figures, paths, results
from .answers import Answer
from .files import write_csv

RUNS = "build/runs"  # where a run with other parameters writes, one folder per notebook


def house_style() -> None:
    """Readable tables and the figures' house style."""
    figures.apply_style()
    pd.set_option("display.width", 120)
    pd.set_option("display.max_columns", 30)
    pd.set_option("display.max_colwidth", 80)
    pd.set_option("display.max_rows", 200)  # a notebook's table of recorded statistics is shown whole
    pd.set_option("display.precision", 4)
    pd.set_option("display.float_format", results.display)


def output_folder(notebook: str, changed: dict[str, tuple[Any, Any]]) -> tuple[Path, str | None]:
    """Where this run writes, and what to tell the reader about it (None when there is nothing to say).

    The pipeline (`make reproduce`, `make run`) chooses the folder before the kernel starts
    (``DETAINER_AUDIT_OUTPUT``), and a folder chosen by hand must not be the published run's. Otherwise a
    run whose parameters differ from the published ones (``changed``), started any way other than the
    pipeline (papermill, `jupyter nbconvert --execute`, JupyterLab), writes below ``build/runs/<notebook>/``,
    seeded with the published outputs so that what it reads is there. Only `make reproduce` writes
    `data/processed/` and `figures/`; a run with the published parameters rewrites the same bytes. The
    folder is returned, never set in the environment: nothing changes where outputs go in mid-run."""
    chosen = os.environ.get(paths.OUTPUT_ENV)
    if chosen:
        problem = paths.unsafe_output(chosen)
        if problem:
            raise ValueError(f"{notebook}: {problem} ({paths.OUTPUT_ENV}); choose a folder outside the published "
                             f"run, or leave it unset (a run with other parameters then writes to {RUNS}/{notebook}/)")
        return Path(chosen).resolve(), None
    if not changed:
        return paths.ROOT, None
    target = paths.ROOT / RUNS / notebook
    for top in ("data/processed", "figures"):
        if (paths.ROOT / top).exists() and not (target / top).exists():
            shutil.copytree(paths.ROOT / top, target / top)
    shown = "; ".join(f"{name} = {value!r} (published: {was!r})" for name, (value, was) in changed.items())
    return target, (f"Parameters other than the published ones: {shown}. This run writes its outputs to "
                    f"{RUNS}/{notebook}/ (data/processed/ and figures/ there, and its statistics to "
                    f"build/results/{notebook}.csv there); the published outputs are untouched.")


def findings_text(answer: Answer) -> str:
    """The findings as a Markdown list."""
    return "\n".join(f"- {sentence}" for sentence in answer.findings)


def folded_text(recorded: pd.DataFrame) -> str:
    """The recorded statistics, folded (a reader opens them on demand), then, small and muted, their
    identifiers in data/processed/results.csv, for auditors."""
    table = results.recorded_readers(recorded).to_html(border=0)
    table = re.sub(r"(<table[^>]*>)", r"\1<caption>Every statistic this notebook records</caption>", table, count=1)
    return (f"<details><summary>Every statistic this notebook records ({len(recorded)}), as in "
            f"data/processed/results.csv</summary>\n\n{table}\n</details>\n\n"
            "<small style=\"color:#555\">For auditors, the statistics recorded in data/processed/results.csv: "
            f"{html.escape(', '.join(recorded['statistic']))}</small>")


def _in_ipython() -> bool:
    from IPython import get_ipython

    return get_ipython() is not None


def _markdown(text: str) -> None:
    if _in_ipython():
        from IPython.display import Markdown, display as show

        show(Markdown(text))


def _table(frame: pd.DataFrame) -> None:
    if _in_ipython():
        from IPython.display import display as show

        show(frame)
    else:
        print(frame.to_string())


def _html(text: str) -> None:
    if _in_ipython():
        from IPython.display import HTML, display as show

        show(HTML(text))
    else:
        print(text)


class Run:
    """One notebook's run of its question: where it writes (`output_folder`) and how it shows the answer.

    A notebook builds its `Parameters`, calls its question's ``answer`` once, and hands the answer to a
    `Run`: `findings` first, then `show` for each section in turn, then `record`, which writes the statistics
    and files and shows the recorded statistics, folded."""

    def __init__(self, answer: Answer):
        house_style()
        self.answer = answer
        self.root, message = output_folder(answer.notebook, answer.changed)
        if message:
            print(message)

    def findings(self) -> None:
        """What the notebook finds, in words, as a list (shown as Markdown)."""
        _markdown(findings_text(self.answer))

    def show(self, name: str) -> None:
        """One section: its lines, its tables, its HTML, then its figure, written (PNG, SVG and the CSV of what it
        draws) into this run's figures folder and shown as the PNG written."""
        section = self.answer[name]
        if section.lines:
            print(section.text())
        for frame in section.tables:
            _table(frame)
        if section.html:
            _html(section.html)
        if section.figure is not None:
            drawn = section.figure
            for written in figures.save(drawn.figure, drawn.stem, drawn.drawn, root=self.root):
                print("wrote", written)

    def record(self) -> None:
        """Write the statistics (this notebook's own results file) and the answer's other files; show what
        was recorded, folded, with the identifiers for auditors."""
        for name, frame in self.answer.files.items():
            write_csv(self.root / "data" / "processed" / name, frame)
            print("wrote", f"data/processed/{name}")
        recorded = results.record(self.answer.notebook, self.answer.statistics, root=self.root)
        _markdown(folded_text(recorded))

