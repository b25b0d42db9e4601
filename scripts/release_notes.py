#!/usr/bin/env python3
"""The notes of a release, from its CHANGELOG section, after checking that the version is cited alike.

    python3 scripts/release_notes.py v0.6.0 > notes.md
    python3 scripts/release_notes.py --earlier v0.5.0 > notes.md   (a version tagged before this script)

Used by .github/workflows/release.yml on a tag push. A tag is released only when everything that names a
version agrees with it: CHANGELOG.md has a dated section `## 0.6.0 (YYYY-MM-DD)` (not `Unreleased`),
CITATION.cff says `version: "0.6.0"` with that `date-released`, and data/raw/datapackage.json says the
same version. Otherwise it says what to change and exits 1, and no release is made. With --earlier (a
version older than the files of the checkout, released by hand from the workflow's Run button), only
the CHANGELOG section is read: the other files name the newest version by then, and the tag's own
CITATION.cff is checked by tests/test_release.py. Standard library
only, so that it runs on the bare runner.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEADING = re.compile(r"^## (?:(?P<unreleased>Unreleased) \((?P<next>[0-9][^)]*)\)|(?P<version>[0-9][^ ]*) \((?P<date>\d{4}-\d{2}-\d{2})\))\s*$",
                     re.M)


class ReleaseError(ValueError):
    pass


def versions(changelog: str) -> list[tuple[str, str | None]]:
    """Every version CHANGELOG.md describes, newest first, with its date (None while unreleased)."""
    found = []
    for match in HEADING.finditer(changelog):
        found.append((match["next"], None) if match["unreleased"] else (match["version"], match["date"]))
    return found


def section(changelog: str, version: str) -> str:
    """The body of a released version's section, without its heading."""
    matches = list(HEADING.finditer(changelog))
    for index, match in enumerate(matches):
        if match["version"] == version:
            end = matches[index + 1].start() if index + 1 < len(matches) else len(changelog)
            return changelog[match.end():end].strip() + "\n"
    if any(match["next"] == version for match in matches):
        raise ReleaseError(f"CHANGELOG.md still calls {version} 'Unreleased': write its date into the heading, "
                           f"'## {version} (YYYY-MM-DD)', before tagging it")
    raise ReleaseError(f"CHANGELOG.md has no section for {version}")


def _field(text: str, name: str) -> str | None:
    match = re.search(rf'^{name}:\s*"?([^"\n]+)"?\s*$', text, re.M)
    return match.group(1).strip() if match else None


def notes(tag: str, root: Path = ROOT, earlier: bool = False) -> str:
    """The release notes for ``tag`` (v0.6.0), once every file that names the version agrees with it
    (``earlier``: an older version, whose section alone is read)."""
    if not re.fullmatch(r"v[0-9]+\.[0-9]+\.[0-9]+", tag):
        raise ReleaseError(f"tag {tag!r} is not a version tag (v followed by MAJOR.MINOR.PATCH, e.g. v0.6.0)")
    version = tag[1:]
    changelog = (root / "CHANGELOG.md").read_text(encoding="utf-8")
    body = section(changelog, version)
    date = dict(versions(changelog))[version]
    citation = (root / "CITATION.cff").read_text(encoding="utf-8")
    problems = []
    if earlier:
        return _notes(version, date, body)
    if _field(citation, "version") != version:
        problems.append(f'CITATION.cff says version "{_field(citation, "version")}", not "{version}"')
    if _field(citation, "date-released") != date:
        problems.append(f'CITATION.cff says date-released "{_field(citation, "date-released")}", '
                        f"not {date} (CHANGELOG.md)")
    package = json.loads((root / "data" / "raw" / "datapackage.json").read_text(encoding="utf-8"))
    if package.get("version") != version:
        problems.append(f'data/raw/datapackage.json says version "{package.get("version")}", not "{version}"')
    if problems:
        raise ReleaseError(f"{tag} cannot be released as it is: " + "; ".join(problems))
    return _notes(version, date, body)


def _notes(version: str, date: str, body: str) -> str:
    return (f"Version {version}, released {date}. Which verdicts and evidence grades changed, and why "
            f"(from CHANGELOG.md):\n\n{body}")


def main(argv: list[str]) -> int:
    earlier = argv[:1] == ["--earlier"]
    argv = argv[1:] if earlier else argv
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        sys.stdout.write(notes(argv[0], earlier=earlier))
    except ReleaseError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
