"""The bytes of every file in `data/raw/`, recorded in SHA256SUMS (``sha256sum`` format) and checked
before anything is read."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from .. import paths
from .errors import RawDataError

CHECKSUM_FILE = "SHA256SUMS"


def sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def read_checksums(raw: Path | None = None) -> dict[str, str]:
    """The recorded checksums, in `sha256sum` format (``<hex>  <file name>``)."""
    raw = raw or paths.RAW
    sums_path = raw / CHECKSUM_FILE
    if not sums_path.exists():
        raise RawDataError(f"data/raw/{CHECKSUM_FILE} is missing: no raw file can be trusted")
    recorded: dict[str, str] = {}
    for number, line in enumerate(sums_path.read_text(encoding="utf-8").splitlines(), 1):
        match = re.fullmatch(r"([0-9a-f]{64}) [ *](\S.*)", line)
        if not match:
            raise RawDataError(f"data/raw/{CHECKSUM_FILE}, line {number}: not '<sha256>  <file>'")
        recorded[match.group(2)] = match.group(1)
    return recorded


def raw_files(raw: Path | None = None) -> list[str]:
    """Every file in the raw folder except the checksum list itself (hidden files too)."""
    raw = raw or paths.RAW
    found = []
    for path in sorted(raw.rglob("*")):
        if path.is_file() and path.name != CHECKSUM_FILE:
            found.append(path.relative_to(raw).as_posix())
    return found


def verify_checksums(raw: Path | None = None) -> list[str]:
    """Check that the folder holds exactly the recorded files, byte for byte.

    Returns the verified file names; raises `RawDataError` naming every file that is
    missing, unlisted or changed.
    """
    raw = raw or paths.RAW
    recorded = read_checksums(raw)
    present = raw_files(raw)
    problems = []
    for name in sorted(set(recorded) - set(present)):
        problems.append(f"data/raw/{name} is listed in {CHECKSUM_FILE} but missing")
    for name in sorted(set(present) - set(recorded)):
        problems.append(f"data/raw/{name} is not listed in {CHECKSUM_FILE} (unrecorded file)")
    for name in sorted(set(present) & set(recorded)):
        actual = sha256(raw / name)
        if actual != recorded[name]:
            problems.append(
                f"data/raw/{name} does not match its recorded checksum "
                f"(recorded {recorded[name][:12]}…, found {actual[:12]}…)"
            )
    if problems:
        raise RawDataError(
            "raw data check failed:\n  - " + "\n  - ".join(problems)
            + "\nIf a change to data/raw/ is intended, update the transcription's provenance "
            "and run `make checksums`."
        )
    return present


def write_checksums(raw: Path | None = None) -> str:
    """The text of a fresh checksum file for the folder (used by `make checksums`)."""
    raw = raw or paths.RAW
    return "".join(f"{sha256(raw / name)}  {name}\n" for name in raw_files(raw))


# --------------------------------------------------------------------------- schema
