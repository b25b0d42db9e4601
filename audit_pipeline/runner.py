"""`make reproduce` in one process: verify, execute every notebook, render, publish.

Every notebook still runs in a fresh kernel of its own, from its own committed file, with
papermill; what is shared is only this driver, which imports papermill, nbconvert and pandas
once instead of once per notebook, and keeps up to ``--jobs`` kernels busy at a time over the
true dependencies: each question declares the notebooks whose results it reads (``READS`` in its
module), and a notebook starts once those have finished (the longer record reads notebook 01's, and
the claims audit reads the others', so it runs last; the others read none). Each notebook writes its own results file; the run's results.csv
is assembled from them once every notebook has finished. Each notebook's HTML page is rendered as
soon as it is done. Nothing is published unless every step succeeded.

  python -m audit_pipeline.runner [--stage build/stage] [--jobs N]
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import sys
import time
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from pathlib import Path

from . import skip_slow_imports

skip_slow_imports()
import papermill  # noqa: E402,F401  (imported once, before the threads start)

from detainer_audit import paths, rawdata, results  # noqa: E402

from . import fingerprint, forkserver, readme, report, runlock, staging  # noqa: E402
from . import parameters as parameter_checks  # noqa: E402


def _say(message: str, start: float) -> None:
    print(f"[{time.monotonic() - start:5.1f} s] {message}", flush=True)


def declared_reads(notebooks: list[Path]) -> dict[str, tuple[str, ...]]:
    """What each notebook declares it reads: the ``READS`` of the module that answers its question."""
    from detainer_audit.questions import BY_NOTEBOOK

    missing = [nb.name for nb in notebooks if nb.stem not in BY_NOTEBOOK]
    if missing:
        raise ValueError(f"no question module answers {', '.join(missing)} (detainer_audit/questions.py, BY_NOTEBOOK)")
    return {nb.stem: tuple(BY_NOTEBOOK[nb.stem].READS) for nb in notebooks}


def plan(notebooks: list[Path], reads: dict[str, tuple[str, ...]] | None = None) -> list[list[Path]]:
    """The notebooks in waves: each wave reads only what earlier waves recorded (``reads``: notebook name ->
    the notebooks whose results it reads, as each question declares them; default `declared_reads`). The run
    uses it to refuse what cannot run; it starts each notebook as soon as those it reads have finished
    (`priorities`). Within a wave the notebooks are listed largest first (the committed notebook's size stands
    for its work). The order changes no output (each notebook writes its own results file;
    the table is assembled from them in notebook order). A notebook that reads one outside the run, or
    notebooks that read each other, are refused before any kernel starts."""
    reads = declared_reads(notebooks) if reads is None else reads
    names = {nb.stem for nb in notebooks}
    for nb in notebooks:
        outside = [name for name in reads.get(nb.stem, ()) if name not in names]
        if outside:
            raise ValueError(f"{nb.name} reads the results of {', '.join(outside)}, which this run does not execute")
    waves, done, left = [], set(), list(notebooks)
    while left:
        ready = [nb for nb in left if set(reads.get(nb.stem, ())) <= done]
        if not ready:
            raise ValueError("these notebooks read each other's results, so none can run first: "
                             + ", ".join(nb.name for nb in left))
        waves.append(sorted(ready, key=lambda nb: (-nb.stat().st_size, nb.name)))
        done |= {nb.stem for nb in ready}
        left = [nb for nb in left if nb not in ready]
    return waves


def priorities(notebooks: list[Path], reads: dict[str, tuple[str, ...]]) -> dict[str, int]:
    """Each notebook's claim to a free worker: its own work and the longest chain of notebooks waiting on its
    results (the committed notebook's size stands for its work). Started in this order, as soon as what it
    reads is done, the chain that decides the run's length (notebook 01, then 04 that reads it, then the
    claims audit) never waits behind a notebook nothing waits for."""
    size = {nb.stem: nb.stat().st_size for nb in notebooks}
    readers = {nb.stem: [other.stem for other in notebooks if nb.stem in reads.get(other.stem, ())] for nb in notebooks}
    found: dict[str, int] = {}

    def chain(name: str) -> int:
        if name not in found:
            found[name] = size[name] + max((chain(reader) for reader in readers[name]), default=0)
        return found[name]

    return {nb.stem: chain(nb.stem) for nb in notebooks}


RESUME = "make reproduce"
# what has happened so far, for the line an interrupt ends with
_progress = {"published": False}


def farewell() -> str:
    """The one line an interrupted run ends with: what was published, and the command that resumes."""
    if _progress["published"]:
        return (f"interrupted after the run was published (the outputs are complete; the fingerprint was not "
                f"recorded): `{RESUME}` checks them again")
    return f"interrupted: nothing was published (the published run is as it was); resume with `{RESUME}`"


def reproduce(stage: Path, jobs: int, force: bool = True) -> None:
    start = time.monotonic()
    problem = paths.unsafe_output(stage)
    if problem:
        raise ValueError(f"{problem}; the staging folder must lie outside the published run (default build/stage)")
    # one published run at a time in a checkout: a second one waits here (runlock.py)
    with runlock.held():
        start = time.monotonic()  # the run's own time, not the wait for another one
        if not force and fingerprint.unchanged():
            print(fingerprint.NOTHING_CHANGED)
            print(fingerprint.where_to_look())
            return
        # a notebook saved with other parameters is named before any kernel (or the fork server) starts
        drift = parameter_checks.drift_message(staging.published_notebooks(), paths.ROOT)
        if drift:
            raise ValueError(drift)
        # the fork server starts importing at once, while the raw data are checked (forkserver.py)
        with forkserver.running(str(paths.NOTEBOOKS)):
            _reproduce(stage, jobs, start)


def _reproduce(stage: Path, jobs: int, start: float) -> None:
    counts = rawdata.verify_all()
    _say(f"data/raw verified: {len(rawdata.raw_files())} files match SHA256SUMS, {len(counts)} tables valid", start)
    stage = stage.resolve()
    shutil.rmtree(stage, ignore_errors=True)
    (stage / "notebooks").mkdir(parents=True)
    # each notebook writes its own results file only; the table is assembled once every notebook has finished
    results.mark_staged(stage)
    notebooks = staging.published_notebooks()
    for other in staging.other_notebooks():
        _say(f"left out {paths.relative(other)}: not a notebook of the pipeline (those are named NN_name.ipynb)", start)
    reads = declared_reads(notebooks)
    plan(notebooks, reads)  # refuses a notebook that reads one outside the run, or notebooks that read each other
    claim = priorities(notebooks, reads)
    # papermill changes the working directory per notebook; with threads that must not race,
    # so the driver sits in notebooks/ (the same folder nbval uses) for the whole run
    os.chdir(paths.NOTEBOOKS)

    def execute(notebook: Path) -> Path:
        began = time.monotonic()
        output = staging.execute(notebook, stage, cwd=None)
        _say(f"ran {notebook.name} ({time.monotonic() - began:.1f} s)", start)
        return output

    def render(executed: Path) -> None:
        report.render_notebook(executed, stage / "report" / f"{executed.stem}.html")

    # an interrupted run stops at once: nothing has been published yet, the stage is scratch
    staging.stop_at_once_on_signals(farewell)
    renders = []
    # kernels run in their own processes; these threads only wait on them. HTML rendering has
    # a thread of its own so that it never holds up the next notebook.
    # a notebook starts as soon as the notebooks it reads have finished and a worker is free, the one with the
    # longest chain behind it first (`priorities`)
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool, ThreadPoolExecutor(max_workers=1) as renderer:
        waiting, done, running = list(notebooks), set(), {}
        while waiting or running:
            ready = sorted((nb for nb in waiting if set(reads[nb.stem]) <= done), key=lambda nb: (-claim[nb.stem], nb.name))
            for nb in ready[:max(1, jobs) - len(running)]:
                waiting.remove(nb)
                running[pool.submit(execute, nb)] = nb
            finished, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in finished:
                notebook = running.pop(future)
                if future.exception() is not None:
                    for other in running:
                        other.cancel()
                    raise future.exception()
                done.add(notebook.stem)
                renders.append(renderer.submit(render, future.result()))
        for future in renders:
            future.result()
    # the run's results table, from each notebook's own results file, before the run is checked and published
    results.assemble(stage)
    report.build_index(stage)
    _say("rendered the HTML report", start)
    # no fingerprint vouches for the published folders while they change; publish checks the staged run
    # complete and consistent before it moves anything
    fingerprint.forget()
    moved = staging.publish(stage, [nb.name for nb in notebooks])
    readme.update()
    _progress["published"] = True
    shutil.rmtree(stage, ignore_errors=True)
    fingerprint.record()
    _say(f"published {len(moved)} files", start)
    print(fingerprint.where_to_look(), flush=True)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(prog="python -m audit_pipeline.runner", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--stage", default="build/stage")
    parser.add_argument("--if-changed", action="store_true",
                        help="do nothing when nothing changed since the last published run (make reproduce without FORCE=1)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                        help="notebooks executing at once (default: the number of cores; one more was slower "
                             "once forked kernels stopped waiting on imports, see README)")
    args = parser.parse_args(argv)
    stage = Path(args.stage)

    def interrupted(number, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupted)  # while waiting for another run: the same line as Ctrl-C
    try:
        reproduce(stage, args.jobs, force=not args.if_changed)
    except (rawdata.RawDataError, staging.NotebookFailed, ValueError) as error:
        staging.fail(str(error))
    except KeyboardInterrupt:  # while waiting for the run in progress, before any handler of ours
        print(farewell(), file=sys.stderr)
        sys.exit(130)


if __name__ == "__main__":
    main()
