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


def relative(path: Path) -> str:
    """A path as shown to readers: relative to the output root or the checkout, never absolute."""
    path = Path(path).resolve()
    for base in (output_root(), ROOT):
        try:
            return path.relative_to(base).as_posix()
        except ValueError:
            continue
    return path.name
