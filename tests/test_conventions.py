"""The conventions researchers' own tools expect, checked with those tools: a Data Package valid under
the reference implementation, a CITATION.cff and a GitHub workflow valid under their schemas, a licence
and per-table terms of use, and a report that loads nothing from the network and has no broken link."""

import html.parser
import re
from urllib.parse import urlsplit

import pytest

from helpers import ROOT


def test_the_data_package_is_valid_under_the_reference_implementation():
    import frictionless

    report = frictionless.validate(str(ROOT / "data" / "raw" / "datapackage.json"))
    errors = [f"{task.name}: {error.message}" for task in report.tasks for error in task.errors] + \
             [error.message for error in report.errors]
    assert report.valid, "\n".join(errors[:20])


@pytest.mark.parametrize("path, schema", [("CITATION.cff", "vendor.citation-file-format"),
                                          (".github/workflows/test.yml", "vendor.github-workflows"),
                                          (".github/workflows/release.yml", "vendor.github-workflows"),
                                          (".github/workflows/pages.yml", "vendor.github-workflows")])
def test_citation_and_workflow_validate_against_their_schemas(path, schema):
    # check-jsonschema's own command, called in this process (a subprocess per file cost 1.9 s each)
    from check_jsonschema import main
    from click.testing import CliRunner

    result = CliRunner().invoke(main, ["--builtin-schema", schema, str(ROOT / path)])
    assert result.exit_code == 0, result.output


def test_the_workflow_runs_what_ci_runs():
    workflow = (ROOT / ".github" / "workflows" / "test.yml").read_text()
    assert "bash .ci/run" in workflow and "actions/cache" in workflow
    assert "make test" in (ROOT / ".ci" / "run").read_text()


def test_the_generated_report_is_marked_so_github_labels_the_repository_by_its_notebooks():
    import subprocess

    found = subprocess.run(["git", "check-attr", "linguist-generated", "--", "report/index.html",
                            "notebooks/05_claims_audit.ipynb"], cwd=ROOT, capture_output=True, text=True).stdout
    assert "report/index.html: linguist-generated: true" in found
    assert "notebooks/05_claims_audit.ipynb: linguist-generated: unspecified" in found


def test_citation_names_the_repository_and_a_release_date():
    text = (ROOT / "CITATION.cff").read_text()
    readme_title = (ROOT / "README.md").read_text().splitlines()[0].lstrip("# ").strip()
    assert f'title: "{readme_title}"' in text
    assert re.search(r'^date-released: "\d{4}-\d{2}-\d{2}"$', text, re.M)


def test_code_licence_and_terms_of_every_raw_table():
    assert "MIT License" in (ROOT / "LICENSE").read_text()
    from detainer_audit import rawdata

    readme = (ROOT / "data" / "raw" / "README.md").read_text()
    for resource in rawdata.load_package().values():
        section = readme.split(f"## `{resource.path}`")[1].split("\n## ")[0]
        assert "Terms of use:" in section, f"data/raw/README.md states no terms for {resource.path}"


class _Refs(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.loads, self.links = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("src", "data", "poster"):
            if attrs.get(name):
                self.loads.append((tag, attrs[name]))
        if tag == "link" and attrs.get("href"):
            self.loads.append((tag, attrs["href"]))
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])


def _external(url: str) -> bool:
    return url.startswith("//") or urlsplit(url).scheme in ("http", "https", "ftp")


@pytest.mark.parametrize("page", sorted((ROOT / "report").glob("*.html")), ids=lambda p: p.name)
def test_report_pages_load_nothing_from_the_network(page):
    text = page.read_text(encoding="utf-8")
    refs = _Refs()
    refs.feed(text)
    assert not [ref for ref in refs.loads if _external(ref[1])], f"{page.name} loads from the network"
    css = re.findall(r"(?:@import\s+(?:url\()?|url\()\s*['\"]?([^'\")\s]+)", text)
    assert not [url for url in css if _external(url)], f"{page.name}: a stylesheet fetches from the network"


@pytest.mark.parametrize("page", sorted((ROOT / "report").glob("*.html")), ids=lambda p: p.name)
def test_the_report_stands_alone_every_link_resolves_inside_it(page):
    """Archived or moved on its own, report/ keeps every figure and link: embedded files are data:
    addresses, and every other local link names a page of the report itself."""
    refs = _Refs()
    refs.feed(page.read_text(encoding="utf-8"))
    report = (ROOT / "report").resolve()
    local = [t for t in refs.links + [src for _, src in refs.loads]
             if not _external(t) and not t.startswith("#") and urlsplit(t).scheme != "data"]
    broken = [t for t in local if not (report / urlsplit(t).path).resolve().is_relative_to(report)
              or not (report / urlsplit(t).path).resolve().exists()]
    assert not broken, f"links in report/{page.name} that leave the report or do not resolve: {broken}"
