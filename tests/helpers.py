"""Helpers for tests that run the pipeline in a throw-away copy of the project."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
IGNORED = shutil.ignore_patterns(".venv", "build", ".git", "__pycache__", ".pytest_cache", "*.tmp")
OUTPUT_DIRS = ("data/processed", "figures", "notebooks")


def project_copy(destination: Path) -> Path:
    """Copy the project (without its environment) to ``destination``; share the .venv."""
    shutil.copytree(ROOT, destination, ignore=IGNORED)
    os.symlink(ROOT / ".venv", destination / ".venv")
    return destination


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


def make(root: Path, *targets: str, env: dict | None = None, cwd: Path | None = None,
         timeout: int = 600) -> subprocess.CompletedProcess:
    """Run make in ``root`` (or from ``cwd`` with -C) and capture what it says."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "DETAINER_AUDIT"))}
    environment.pop("PYTHONPATH", None)
    environment.update(env or {})
    command = ["make", "--no-print-directory"]
    if cwd is not None:
        command += ["-C", str(root)]
    command += list(targets)
    return subprocess.run(command, cwd=cwd or root, env=environment, capture_output=True,
                          text=True, timeout=timeout)
