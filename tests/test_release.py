"""Citable versions: every version the CHANGELOG dates is a tag, a release is refused unless every file
that names its version agrees, Zenodo's metadata says what CITATION.cff says, and CITATION.cff names the
repository and the two audited articles; the README's site and Binder links come from CITATION.cff."""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
import subprocess

import pytest
import yaml

from helpers import ROOT
from audit_pipeline import readme

_spec = importlib.util.spec_from_file_location("release_notes", ROOT / "scripts" / "release_notes.py")
release_notes = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(release_notes)

CHANGELOG = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
CITATION = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
RELEASED = [(version, date) for version, date in release_notes.versions(CHANGELOG) if date]


def test_citation_names_the_newest_released_version_and_the_data_package_the_changelogs_newest():
    newest, date = RELEASED[0]
    assert (CITATION["version"], str(CITATION["date-released"])) == (newest, date)
    package = json.loads((ROOT / "data" / "raw" / "datapackage.json").read_text())
    assert package["version"] == release_notes.versions(CHANGELOG)[0][0], \
        "data/raw/datapackage.json's version is the one CHANGELOG.md describes first (released or not)"


@pytest.mark.parametrize("version, date", RELEASED)
def test_each_released_version_has_its_notes(version, date):
    notes = release_notes.notes(f"v{version}", earlier=True)
    assert notes.startswith(f"Version {version}, released {date}.")
    assert "reproduced" in notes and "\n## " not in notes  # one section, not the next one too


def test_a_tag_is_refused_until_every_file_names_its_version(tmp_path):
    for name in ("CHANGELOG.md", "CITATION.cff", "data/raw/datapackage.json"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / name, tmp_path / name)
    upcoming = release_notes.versions(CHANGELOG)[0][0]
    with pytest.raises(release_notes.ReleaseError, match=f"still calls {re.escape(upcoming)} 'Unreleased'"):
        release_notes.notes(f"v{upcoming}", tmp_path)
    changelog = tmp_path / "CHANGELOG.md"
    changelog.write_text(changelog.read_text().replace(f"## Unreleased ({upcoming})", f"## {upcoming} (2026-12-24)"))
    with pytest.raises(release_notes.ReleaseError, match=f'CITATION.cff says version "{CITATION["version"]}"'):
        release_notes.notes(f"v{upcoming}", tmp_path)
    citation = tmp_path / "CITATION.cff"
    citation.write_text(re.sub(r'^version: .*$', f'version: "{upcoming}"', citation.read_text(), flags=re.M)
                        .replace(f'date-released: "{CITATION["date-released"]}"', 'date-released: "2026-12-24"'))
    assert release_notes.notes(f"v{upcoming}", tmp_path).startswith(f"Version {upcoming}, released 2026-12-24.")
    with pytest.raises(release_notes.ReleaseError, match="not a version tag"):
        release_notes.notes("latest", tmp_path)


def _git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True).stdout


def test_every_released_version_is_an_annotated_tag_of_a_commit_that_cites_it():
    tags = set(_git("tag", "--list", "v*").split())
    if not tags:
        pytest.skip("this clone has no tags (a shallow or tag-less copy): nothing to compare the CHANGELOG with")
    for version, date in RELEASED:
        tag = f"v{version}"
        assert tag in tags, f"CHANGELOG.md's {version} has no tag {tag}: tag its commit (git tag -a {tag} COMMIT)"
        assert _git("cat-file", "-t", tag).strip() == "tag", f"{tag} is a lightweight tag, not an annotated one"
        cited = yaml.safe_load(_git("show", f"{tag}:CITATION.cff"))
        assert (cited["version"], str(cited["date-released"])) == (version, date), \
            f"{tag} points at a commit whose CITATION.cff says {cited['version']} of {cited['date-released']}"


def test_zenodo_says_what_the_citation_says():
    zenodo = json.loads((ROOT / ".zenodo.json").read_text())
    assert zenodo["title"] == CITATION["title"]
    assert zenodo["description"].startswith(CITATION["abstract"])
    assert [c["name"] for c in zenodo["creators"]] == [a["name"] for a in CITATION["authors"]]
    assert (zenodo["license"], zenodo["keywords"]) == (CITATION["license"], CITATION["keywords"])
    assert zenodo["upload_type"] == "software" and "version" not in zenodo  # Zenodo takes the version from the tag


def test_citation_references_the_two_audited_articles_as_the_claims_ledger_names_them():
    package = json.loads((ROOT / "data" / "raw" / "datapackage.json").read_text())
    ledger = next(r for r in package["resources"] if r["name"] == "claims")
    articles = [s for s in ledger["sources"] if s["role"] == "audited article"]
    references = CITATION["references"]
    assert len(references) == len(articles) == 2
    for article, reference in zip(articles, references):
        assert reference["publisher"]["name"] == article["publisher"]
        assert f"{reference['year']}-{reference['month']:02d}" == article["date"]
        assert reference["title"].lower() == article["title"].lower()
    assert CITATION["repository-code"].startswith("https://github.com/")


def test_the_readme_links_the_site_and_binder_from_the_one_repository_address(tmp_path):
    owner_name = readme.repository()
    assert CITATION["repository-code"].rstrip("/").endswith(owner_name)
    text = (ROOT / "README.md").read_text()
    assert f"]({readme.site_address(owner_name)})" in text and f"]({readme.binder_address(owner_name)})" in text
    assert ("OWNER/REPOSITORY" in text) == (owner_name == readme.PLACEHOLDER_REPOSITORY)
    other = tmp_path / "CITATION.cff"
    other.write_text('repository-code: "https://github.com/example-org/detainer-audit"\n')
    assert readme.repository(other) == "example-org/detainer-audit"
    assert readme.site_address("example-org/detainer-audit") == "https://example-org.github.io/detainer-audit/"
    assert readme.binder_address("example-org/detainer-audit").startswith(
        "https://mybinder.org/v2/gh/example-org/detainer-audit/main?")


def test_the_site_is_the_committed_report_published_from_main():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text())
    on = workflow[True]  # YAML reads the key `on` as true
    assert on["push"]["branches"] == ["main"]
    steps = workflow["jobs"]["deploy"]["steps"]
    upload = next(step for step in steps if step.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"] == "report"
    assert any(step.get("uses", "").startswith("actions/deploy-pages") for step in steps)
    assert (ROOT / "report" / "index.html").exists()
