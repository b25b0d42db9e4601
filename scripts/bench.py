"""`make bench`: where the time goes, measured side by side on this machine.

Runs in throw-away copies of the committed project (HEAD), never in the working tree.
Reports the median of N runs per item and ratios computed from medians taken in the same
invocation (absolute times drift on a shared two-core machine).

  python scripts/bench.py [--runs N] [--skip-setup] [--skip-test]
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = shutil.which("python3") or sys.executable


def clean_env(**extra) -> dict:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("PYTEST", "DETAINER_AUDIT", "MAKE", "MFLAGS")) and k != "PYTHONPATH"}
    env.update(extra)
    return env


def timed(command, cwd, env=None, check=True) -> float:
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env=env or clean_env(), stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, shell=isinstance(command, str))
    elapsed = time.perf_counter() - start
    if check and result.returncode != 0:
        log = Path(tempfile.gettempdir()) / "detainer-bench-failure.log"
        log.write_text(result.stdout)
        raise SystemExit(f"bench: {command!r} failed in {cwd} (output in {log}):\n{result.stdout[-3000:]}")
    return elapsed


def clone(into: Path, share_venv: bool = True) -> Path:
    subprocess.run(["git", "clone", "-q", str(ROOT), str(into)], check=True)
    if share_venv:
        os.symlink(ROOT / ".venv", into / ".venv")
    return into


def median(values):
    return statistics.median(values) if values else float("nan")


def bench_setup(runs: int, work: Path) -> dict:
    """Creating .venv from requirements.txt: pip and uv, with cold and warm caches."""
    results = {}
    for installer in ("pip", "uv"):
        for cache in ("uncached", "cached"):
            times = []
            cache_dir = work / f"cache-{installer}"
            if cache == "cached":  # warm the cache once, untimed
                target = clone(work / f"warm-{installer}", share_venv=False)
                timed(["scripts/ensure-venv"], target, clean_env(INSTALLER=installer, **_cache_env(cache_dir)))
                shutil.rmtree(target)
            for run in range(runs):
                if cache == "uncached":
                    shutil.rmtree(cache_dir, ignore_errors=True)
                target = clone(work / f"setup-{installer}-{cache}-{run}", share_venv=False)
                times.append(timed(["scripts/ensure-venv"], target,
                                   clean_env(INSTALLER=installer, **_cache_env(cache_dir))))
                shutil.rmtree(target)
            results[f"set-up, {installer}, {cache}"] = times
    return results


def _cache_env(cache_dir: Path) -> dict:
    return {"PIP_CACHE_DIR": str(cache_dir / "pip"), "UV_CACHE_DIR": str(cache_dir / "uv"),
            "XDG_CACHE_HOME": str(cache_dir / "xdg")}


def bench_runs(runs: int, work: Path, skip_test: bool) -> dict:
    project = clone(work / "project")
    timed(["make", "reproduce"], project)  # build the stamps once, untimed
    results = {k: [] for k in ("naive papermill loop", "floor: scripts in one process",
                               "make reproduce, forced, serial (JOBS=1)", "make reproduce, forced, default (JOBS=cores)",
                               "make reproduce, forced, -j2, one more than cores (JOBS=cores+1)",
                               "make reproduce, forced, ordinary kernels (FORK=0)",
                               "make reproduce, nothing changed",
                               "make run, a bad parameter refused")}
    naive = ("rm -rf build/naive && mkdir -p build/naive && for nb in notebooks/[0-9][0-9]_*.ipynb; do "
             "DETAINER_AUDIT_OUTPUT=$PWD/build/naive PYTHONPATH=$PWD .venv/bin/papermill --no-progress-bar "
             "--log-level ERROR --cwd notebooks "
             "\"$nb\" \"build/naive/$(basename \"$nb\")\" || exit 1; done")
    floor = ("rm -rf build/floor && mkdir -p build/floor && for nb in notebooks/[0-9][0-9]_*.ipynb; do "
             ".venv/bin/jupyter nbconvert --log-level=ERROR --to script --output-dir build/floor \"$nb\" || exit 1; done")
    timed(floor, project)
    floor_run = ("cd notebooks && DETAINER_AUDIT_OUTPUT=../build/floor-out MPLBACKEND=Agg PYTHONPATH=.. "
                 "../.venv/bin/python -c \"import glob, runpy; "
                 "from IPython.display import display; "
                 "[runpy.run_path(p, init_globals={'display': display}, run_name='__main__') "
                 "for p in sorted(glob.glob('../build/floor/*.py'))]\"")
    for _ in range(runs):
        # interleaved, so that drift on the machine affects every item alike
        results["naive papermill loop"].append(timed(naive, project))
        results["floor: scripts in one process"].append(timed(floor_run, project))
        results["make reproduce, forced, serial (JOBS=1)"].append(timed("make reproduce FORCE=1 JOBS=1", project))
        results["make reproduce, forced, default (JOBS=cores)"].append(timed("make reproduce FORCE=1", project))
        results["make reproduce, forced, -j2, one more than cores (JOBS=cores+1)"].append(
            timed(f"make -j2 reproduce FORCE=1 JOBS={(os.cpu_count() or 1) + 1}", project))
        results["make reproduce, forced, ordinary kernels (FORK=0)"].append(
            timed("make reproduce FORCE=1 FORK=0", project))
        results["make reproduce, nothing changed"].append(timed("make reproduce", project))
        results["make run, a bad parameter refused"].append(
            timed("make run NB=02 ARGS='-p baseline_year 2016' OUT=build/runs/bench-bad", project, check=False))
    if not skip_test:
        results["make test"], results["make test, ordinary kernels (FORK=0)"] = [], []
        for _ in range(max(1, runs // 3)):
            results["make test"].append(timed(["make", "test"], project))
            results["make test, ordinary kernels (FORK=0)"].append(timed("make test FORK=0", project))
    subprocess.run(["git", "status", "--porcelain"], cwd=project, check=True)
    return results


def table(results: dict) -> str:
    medians = {k: median(v) for k, v in results.items()}
    naive = medians.get("naive papermill loop")
    pip_uncached = medians.get("set-up, pip, uncached")
    forced = medians.get("make reproduce, forced, default (JOBS=cores)")
    lines = ["| item | runs | median s | ratio |", "|---|---|---|---|"]
    for name, values in results.items():
        ratio = ""
        if name.startswith(("make reproduce", "floor")) and naive:
            ratio = f"{medians[name] / naive:.2f}x naive loop"
        elif name.startswith("set-up") and pip_uncached:
            ratio = f"{pip_uncached / medians[name]:.1f}x faster than pip uncached" if name != "set-up, pip, uncached" else "reference"
        elif name == "naive papermill loop":
            ratio = "reference"
        elif name.startswith("make test") and forced:
            ratio = f"{medians[name] / forced:.1f}x forced reproduce (default)"
        lines.append(f"| {name} | {len(values)} | {medians[name]:.2f} | {ratio} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--skip-setup", action="store_true")
    parser.add_argument("--skip-test", action="store_true")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="detainer-bench-"))
    try:
        results = {}
        if not args.skip_setup:
            results.update(bench_setup(max(1, min(args.runs, 3)), work))
        results.update(bench_runs(args.runs, work, args.skip_test))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{platform.system()} {platform.release()}; commit {commit}")
    print(table(results))


if __name__ == "__main__":
    main()
