"""Has anything changed since the last published run? (standard library only, so it starts fast)

After `make reproduce` has checked a staged run complete and published it, it records a fingerprint of
every byte the run read or wrote: raw data, code, notebooks, environment stamp and the hash of every
published output (data/processed/, figures/, report/, the executed notebooks, README.md). The next
`make reproduce` recomputes it and does nothing when it is unchanged. The fingerprint is removed before a
run publishes anything and written only after the whole run is in place, so it never vouches for outputs
that no complete run wrote; and while a run is in progress (runlock.py) nothing counts as unchanged. The fingerprint lives in
`build/` (never committed), so a fresh clone always runs everything; `FORCE=1` runs anyway.

  python -m audit_pipeline.fingerprint check    exit 0 when nothing changed (saying so, and where to look), 1 otherwise
  python -m audit_pipeline.fingerprint record   store the fingerprint of the tree as it is now
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STAMP = ROOT / "build" / "reproduce.fingerprint"
TREES = ("data/raw", "data/processed", "figures", "notebooks", "report", "detainer_audit", "audit_pipeline")
FILES = ("Makefile", "README.md", "docs/results.md", "docs/auditing.md", "CITATION.cff", "requirements.txt",
         ".venv/.ready")
REPORT = "report/index.html"
NOTHING_CHANGED = "nothing changed since the last published run: outputs are current (FORCE=1 to run anyway)"


def where_to_look() -> str:
    """The line `make reproduce` ends with, whether it ran or found nothing changed: where a reader looks."""
    return f"open {REPORT}: every claim with its verdict, each linked to the page of the notebook that checks it"


def paths() -> list[Path]:
    found = [ROOT / name for name in FILES if (ROOT / name).is_file()]
    for tree in TREES:
        base = ROOT / tree
        if base.is_dir():
            found += [p for p in base.rglob("*") if p.is_file() and "__pycache__" not in p.parts
                      and not p.name.startswith(".")]
    return sorted(found)


def compute() -> str:
    digest = hashlib.sha256()
    for path in paths():
        digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def unchanged() -> bool:
    from .runlock import in_progress

    if in_progress():  # a run is publishing or about to: wait for it (runner) rather than trust the stamp
        return False
    return STAMP.is_file() and STAMP.read_text().strip() == compute()


def forget() -> None:
    """Remove the fingerprint: called before a run publishes anything."""
    STAMP.unlink(missing_ok=True)


def record() -> None:
    STAMP.parent.mkdir(parents=True, exist_ok=True)
    tmp = STAMP.with_suffix(".tmp")
    tmp.write_text(compute() + "\n")
    tmp.replace(STAMP)


def main(argv: list[str]) -> int:
    if argv == ["check"]:
        if not unchanged():
            return 1
        print(NOTHING_CHANGED)
        print(where_to_look())
        return 0
    if argv == ["record"]:
        record()
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
