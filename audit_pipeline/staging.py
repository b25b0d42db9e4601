"""Running notebooks with papermill into a staging folder, and publishing a finished run.

A run never writes over published outputs directly: every notebook executes with its
outputs redirected to a staging folder (``DETAINER_AUDIT_OUTPUT``), the executed copy is
written there too, and only when every step has succeeded does `publish` move the staged
files over `notebooks/`, `data/processed/` and `figures/`.

Two things keep runs that overlap on one machine (CI's parallel tests, `make -j`, a second
terminal) from disturbing each other: kernels listen on Unix sockets of their own rather than on
TCP ports, and stream output is merged per cell, so that where the kernel's timed flush happened
to cut a line never shows in the executed notebook.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path

import nbformat

from detainer_audit import paths
from detainer_audit.files import atomic_path

from .kernels import unix_socket_kernel_manager
from .sockets import new_socket_dir, remove_socket_dir, stop_at_once_on_signals  # noqa: F401 (the drivers' API)

# what a published run consists of, besides the executed notebooks
PUBLISHED_OUTPUTS = ("data/processed", "figures", "report")
VOLATILE_CELL_METADATA = ("papermill", "execution", "collapsed", "scrolled")
VOLATILE_NOTEBOOK_METADATA = ("papermill", "widgets")


class NotebookFailed(RuntimeError):
    pass


def strip_run_metadata(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Remove timings, paths and other run-to-run noise that papermill and nbclient record, and keep
    the kernel's Python version to its minor release (3.11), which is all the outputs depend on."""
    for key in VOLATILE_NOTEBOOK_METADATA:
        nb.metadata.pop(key, None)
    language = nb.metadata.get("language_info", {})
    if language.get("name") == "python" and "version" in language:
        language["version"] = ".".join(str(language["version"]).split(".")[:2])
    for cell in nb.cells:
        for key in VOLATILE_CELL_METADATA:
            cell.metadata.pop(key, None)
    return nb


_DEFAULT = object()
def execute(notebook: Path, stage: Path, parameters: dict | None = None,
            output: Path | None = None, cwd=_DEFAULT) -> Path:
    """Execute ``notebook`` with outputs below ``stage``; return the executed copy's path."""
    import papermill

    notebook = Path(notebook).resolve()
    stage = Path(stage).resolve()
    output = Path(output).resolve() if output else stage / "notebooks" / notebook.name
    output.parent.mkdir(parents=True, exist_ok=True)
    os.environ[paths.OUTPUT_ENV] = str(stage)
    fd, tmp = tempfile.mkstemp(prefix=f".{notebook.stem}.", suffix=".ipynb", dir=output.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    sockets = new_socket_dir()
    try:
        papermill.execute_notebook(
            str(notebook), str(tmp_path), parameters=parameters or None,
            cwd=str(paths.NOTEBOOKS) if cwd is _DEFAULT else cwd, kernel_name="python3", progress_bar=False,
            log_output=False, request_save_on_cell_execute=False,
            # the kernel flushes stdout on a timer, so under load one print can arrive as two
            # stream messages; merging them keeps the executed notebook byte-stable
            coalesce_streams=True,
            kernel_manager_class=unix_socket_kernel_manager(sockets),
        )
    except papermill.PapermillExecutionError as error:
        raise NotebookFailed(
            f"{notebook.relative_to(paths.ROOT) if notebook.is_relative_to(paths.ROOT) else notebook.name}: "
            f"cell {error.exec_count} raised {error.ename}: {error.evalue}"
        ) from None
    finally:
        remove_socket_dir(sockets)
        if tmp_path.exists() and not tmp_path.stat().st_size:
            tmp_path.unlink()
    try:
        nb = strip_run_metadata(nbformat.read(tmp_path, as_version=4))
        nbformat.write(nb, tmp_path)
        os.chmod(tmp_path, 0o644)
        os.replace(tmp_path, output)
    finally:
        if tmp_path.exists():
            tmp_path.unlink()
    return output


@contextlib.contextmanager
def _signals_deferred():
    """Hold SIGINT and SIGTERM while files are being moved into place."""
    received = []
    previous = {sig: signal.signal(sig, lambda s, f: received.append(s))
                for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        if received:
            os.kill(os.getpid(), received[0])


def staged_files(stage: Path) -> list[Path]:
    files = []
    for top in ("notebooks",) + PUBLISHED_OUTPUTS:
        base = stage / top
        if base.exists():
            files += [p for p in sorted(base.rglob("*")) if p.is_file() and not p.name.startswith(".")]
    return files


# the line under each notebook's folded statistics (detainer_audit.notebook.Run.record), naming what it recorded
RECORDED_LINE = re.compile(r"the statistics recorded in data/processed/results\.csv: ([^<\n]*)")
FIGURE_NAMED = re.compile(r"figures/([0-9]{2}-[a-z0-9-]+\.(?:png|svg|csv))")
RESULTS = "data/processed/results.csv"


def _printed(executed: Path) -> str:
    """Everything an executed notebook shows: its outputs' text, Markdown and HTML."""
    nb = nbformat.read(executed, as_version=4)
    parts = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            parts.append("".join(output.get("text", "")))
            for kind in ("text/plain", "text/markdown", "text/html"):
                parts.append("".join(output.get("data", {}).get(kind, "")))
    return "\n".join(parts)


def incomplete(stage: Path, expected_notebooks: list[str]) -> list[str]:
    """What a staged run lacks, or holds that does not agree, before it may be published (empty: complete).

    Every expected notebook executed, with its HTML page, and the report's index; results.csv holding,
    for each notebook, exactly the statistics its executed copy says it recorded, and none of any other
    notebook; every figure a notebook names present, with its three files (PNG, SVG, the numbers as CSV)."""
    import csv

    stage = Path(stage)
    problems = []
    for name in expected_notebooks:
        if not (stage / "notebooks" / name).is_file():
            problems.append(f"no executed notebooks/{name}")
        if not (stage / "report" / f"{Path(name).stem}.html").is_file():
            problems.append(f"no page report/{Path(name).stem}.html")
    if not (stage / "report" / "index.html").is_file():
        problems.append("no report/index.html")
    if not (stage / RESULTS).is_file():
        return problems + [f"no {RESULTS}"]
    with open(stage / RESULTS, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    in_results: dict[str, set[str]] = {}
    for row in rows:
        in_results.setdefault(row.get("notebook", ""), set()).add(row.get("statistic", ""))
    stems = [Path(name).stem for name in expected_notebooks]
    for other in sorted(set(in_results) - set(stems)):
        problems.append(f"{RESULTS} holds {len(in_results[other])} statistics of {other or 'no notebook'}, "
                        "which this run did not execute")
    staged_figures = {p.name for p in (stage / "figures").glob("*")} if (stage / "figures").is_dir() else set()
    for name, stem in zip(expected_notebooks, stems):
        executed = stage / "notebooks" / name
        if not executed.is_file():
            continue
        printed = _printed(executed)
        said = RECORDED_LINE.findall(printed)
        named = {statistic.strip() for line in said for statistic in line.split(",") if statistic.strip()}
        have = in_results.get(stem, set())
        if not have:
            problems.append(f"{RESULTS} holds no statistic of {stem}")
        elif said and named != have:
            lost, extra = sorted(named - have), sorted(have - named)
            problems.append(f"{RESULTS} does not hold what {stem} recorded"
                            + (f" (missing {len(lost)}: {', '.join(lost[:5])}{' ...' if len(lost) > 5 else ''})" if lost else "")
                            + (f" (not recorded by it: {', '.join(extra[:5])})" if extra else ""))
        for figure in sorted(set(FIGURE_NAMED.findall(printed))):
            base = figure.rsplit(".", 1)[0]
            absent = [f"{base}.{kind}" for kind in ("png", "svg", "csv") if f"{base}.{kind}" not in staged_figures]
            if absent:
                problems.append(f"{stem} names figures/{figure}, but the run holds no {', '.join('figures/' + a for a in absent)}")
    return problems


def publish(stage: Path, expected_notebooks: list[str]) -> list[str]:
    """Move a complete staged run into place; remove published outputs the run did not make. A run that
    `incomplete` finds anything missing from, or inconsistent in, is refused and nothing is moved."""
    stage = Path(stage).resolve()
    problems = incomplete(stage, expected_notebooks)
    if problems:
        raise NotebookFailed("the staged run is incomplete or inconsistent, so nothing was published: "
                             + "; ".join(problems))
    files = staged_files(stage)
    moved = []
    with _signals_deferred():
        for source in files:
            relative = source.relative_to(stage)
            target = paths.ROOT / relative
            with atomic_path(target) as tmp:
                shutil.copyfile(source, tmp)
            moved.append(relative.as_posix())
        keep = set(moved)
        for top in PUBLISHED_OUTPUTS:
            base = paths.ROOT / top
            if not base.exists():
                continue
            for path in sorted(base.rglob("*")):
                if path.is_file() and not path.name.startswith(".") and \
                        path.relative_to(paths.ROOT).as_posix() not in keep:
                    path.unlink()
    return moved


# a notebook of the pipeline: two digits, an underscore and a name in lower case (01_declined_...)
PIPELINE_NOTEBOOK = re.compile(r"[0-9]{2}_[a-z0-9_]+\.ipynb")


def published_notebooks(folder: Path | None = None) -> list[Path]:
    """The notebooks of the pipeline, in the order they run: only ``NN_name.ipynb`` files, so that
    nbconvert's ``01_name.nbconvert.ipynb``, a copy or a scratch notebook is never taken for one."""
    return sorted(p for p in Path(folder or paths.NOTEBOOKS).glob("*.ipynb") if PIPELINE_NOTEBOOK.fullmatch(p.name))


def other_notebooks(folder: Path | None = None) -> list[Path]:
    """Notebooks in notebooks/ that are not part of the pipeline (left out of every run, and said so)."""
    return sorted(p for p in Path(folder or paths.NOTEBOOKS).glob("*.ipynb") if not PIPELINE_NOTEBOOK.fullmatch(p.name))


def elapsed(start: float) -> str:
    return f"{time.monotonic() - start:.1f} s"


def fail(message: str) -> None:
    print(f"error: {message}", file=sys.stderr)
    sys.exit(1)
