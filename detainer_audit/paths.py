"""Every path the project reads or writes, resolved from one place.

Raw data are always read from the checkout (`data/raw/`). Outputs go below
``OUTPUT_ROOT``: the checkout itself by default, or the folder named by the
environment variable ``DETAINER_AUDIT_OUTPUT`` (the pipeline stages a whole run
there and publishes it only when every notebook has succeeded).
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "data" / "raw"
RAW_SCHEMA = RAW / "datapackage.json"
RAW_CHECKSUMS = RAW / "SHA256SUMS"
NOTEBOOKS = ROOT / "notebooks"

OUTPUT_ENV = "DETAINER_AUDIT_OUTPUT"


def output_root() -> Path:
    """Folder below which `data/processed/` and `figures/` are written."""
    value = os.environ.get(OUTPUT_ENV)
    return Path(value).resolve() if value else ROOT


def processed() -> Path:
    return output_root() / "data" / "processed"


def figures() -> Path:
    return output_root() / "figures"


def relative(path: Path, root: Path | None = None) -> str:
    """A path as shown to readers: relative to the output folder ``root`` (by default the output root) or
    the checkout, never absolute."""
    path = Path(path).resolve()
    for base in (Path(root).resolve() if root else output_root(), ROOT):
        try:
            return path.relative_to(base).as_posix()
        except ValueError:
            continue
    return path.name


# what a published run consists of (and the project's history): no run with other parameters, recount or
# single notebook may write its outputs into one of these, into the checkout itself, or into a folder
# that holds the checkout
PUBLISHED_FOLDERS = ("notebooks", "data", "figures", "report", ".git")


def unsafe_output(folder: str | os.PathLike) -> str | None:
    """Why ``folder`` may not receive a run's outputs, or None when it may.

    It may not be the checkout, hold the checkout (``/`` or the folder above it) or lie inside one of
    `PUBLISHED_FOLDERS`: outputs written there would overwrite the published run or end up in it. Symbolic
    links and ``..`` are resolved first, so ``.``, ``$PWD`` and ``notebooks/../data`` are all recognized."""
    shown = str(folder)
    resolved = Path(folder).expanduser().resolve()
    root = ROOT.resolve()
    if resolved == root:
        return f"output folder {shown!r} is the project's own folder, where the published run lives"
    if root.is_relative_to(resolved):
        return f"output folder {shown!r} holds the project's folder ({root}), where the published run lives"
    for name in PUBLISHED_FOLDERS:
        if resolved.is_relative_to(root / name):
            return f"output folder {shown!r} is inside {name}/, part of the published run"
    return None
