"""The one error every raw-data problem raises, and how its message names the place."""

from __future__ import annotations

from pathlib import Path


class RawDataError(ValueError):
    """A raw file, its checksum or its schema is wrong. The message names where."""


def where(path: Path, line: int | None = None, column: str | None = None) -> str:
    place = f"data/raw/{path.name}"
    if line is not None:
        place += f", line {line}"
    if column is not None:
        place += f", column '{column}'"
    return place
