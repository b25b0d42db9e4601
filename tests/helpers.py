"""Helpers for tests that run the pipeline in a throw-away copy of the project."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
IGNORED = shutil.ignore_patterns(".venv", "build", ".git", "__pycache__", ".pytest_cache", "*.tmp")
OUTPUT_DIRS = ("data/processed", "figures", "notebooks")


def project_copy(destination: Path) -> Path:
    """Copy the project (without its environment) to ``destination``; share the .venv."""
    shutil.copytree(ROOT, destination, ignore=IGNORED)
    os.symlink(ROOT / ".venv", destination / ".venv")
    return destination


def once(tmp_path_factory, name: str, build):
    """What ``build(folder)`` returns (JSON), built once for the whole test session into ``folder``, even when
    pytest-xdist's workers share the session: the first test to ask builds it while holding a lock, the
    others wait for that lock and then read it. Tests that use it must leave the folder as they found it
    (they read it, or check that a refused command changed nothing). Returns (folder, the value)."""
    import fcntl
    import json

    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):  # each worker has its own folder below the session's
        root = root.parent
    folder, done = root / f"once-{name}", root / f"once-{name}.json"
    with open(root / f"once-{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes, or when the process ends
        if not done.exists():  # not built yet, or its builder failed: (re)build it
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            done.write_text(json.dumps(build(folder)))
        return folder, json.loads(done.read_text())


def snapshot(root: Path, tops=OUTPUT_DIRS) -> dict[str, str]:
    """sha256 of every file below the named folders."""
    found = {}
    for top in tops:
        base = root / top
        if base.exists():
            for path in sorted(base.rglob("*")):
                if path.is_file() and not path.name.startswith("."):
                    found[path.relative_to(root).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def environment(**extra: str) -> dict[str, str]:
    """This process's environment without what pytest and the checkout under test set, plus ``extra``."""
    found = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "DETAINER_AUDIT", "PYTHONPATH"))}
    found.update(extra)
    return found


def processes_mentioning(text: str, timeout: float = 15) -> list[str]:
    """Command lines of live processes that name ``text``, once they have had ``timeout`` s to end
    (a zombie has ended: it only waits for its parent to read its status)."""
    import psutil

    deadline = time.monotonic() + timeout
    while True:
        found = []
        for process in psutil.process_iter(["pid", "cmdline", "status"]):
            command = " ".join(process.info["cmdline"] or [])
            if text in command and process.info["status"] != psutil.STATUS_ZOMBIE:
                found.append(f"{process.info['pid']}: {command}")
        if not found or time.monotonic() > deadline:
            return found
        time.sleep(0.1)


def make(root: Path, *targets: str, env: dict | None = None, cwd: Path | None = None,
         timeout: int = 600) -> subprocess.CompletedProcess:
    """Run make in ``root`` (or from ``cwd`` with -C) and capture what it says."""
    variables = environment(**(env or {}))
    command = ["make", "--no-print-directory"]
    if cwd is not None:
        command += ["-C", str(root)]
    command += list(targets)
    return subprocess.run(command, cwd=cwd or root, env=variables, capture_output=True,
                          text=True, timeout=timeout)


def explain_differences(left: Path, right: Path, names) -> str:
    """Say where two copies of the named files differ: per cell output for notebooks, by line otherwise."""
    import difflib
    import json

    lines = []
    for name in sorted(names):
        a, b = left / name, right / name
        if not (a.exists() and b.exists()):
            lines.append(f"{name}: only in {'right' if b.exists() else 'left'}")
            continue
        if name.endswith(".ipynb"):
            cells_a, cells_b = json.loads(a.read_text())["cells"], json.loads(b.read_text())["cells"]
            for cell_a, cell_b in zip(cells_a, cells_b):
                if cell_a != cell_b:
                    text_a = json.dumps(cell_a, indent=1, sort_keys=True).splitlines()
                    text_b = json.dumps(cell_b, indent=1, sort_keys=True).splitlines()
                    diff = list(difflib.unified_diff(text_a, text_b, lineterm="", n=1))
                    lines.append(f"{name}, cell {cell_a.get('id')}:")
                    lines += [d if len(d) < 300 else d[:300] + "..." for d in diff[2:60]]
        elif name.endswith((".csv", ".html", ".svg", ".md")):
            diff = difflib.unified_diff(a.read_text().splitlines(), b.read_text().splitlines(),
                                        lineterm="", n=1)
            lines.append(f"{name}:")
            lines += [d if len(d) < 300 else d[:300] + "..." for d in list(diff)[2:40]]
        else:
            lines.append(f"{name}: binary content differs")
    return "\n".join(lines)


def weeks_frame(rows):
    """A weekly table in the shape of data/raw/detainers_issued_by_week.csv, from (week_from, count,
    releases_counted) rows: each week runs seven days from its Sunday."""
    import pandas as pd

    frame = pd.DataFrame(rows, columns=["week_from", "detainers_prepared", "releases_counted"])
    frame["week_from"] = pd.to_datetime(frame["week_from"])
    frame["week_to"] = frame["week_from"] + pd.Timedelta(days=6)
    return frame


_PUBLISHED_ANSWERS: dict = {}


def published_answer(question):
    """A question's answer at its published parameters, computed once per test session and shared by every test
    that reads it (an answer is read, never changed); one that reads other notebooks' results reads the committed
    ones."""
    if question not in _PUBLISHED_ANSWERS:
        found = question.answer(question.Parameters())
        found.close()
        _PUBLISHED_ANSWERS[question] = found
    return _PUBLISHED_ANSWERS[question]
