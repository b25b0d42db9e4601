from helpers import ROOT
from audit_pipeline import staging

from audit_pipeline import readme


def test_readme_shows_what_was_found_then_the_two_commands_and_fits_a_reader():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    found, commands, verdicts = (text.index("## What it found"), text.index("## Two commands"),
                                 text.index("<!-- generated:verdicts -->"))
    assert found < commands < verdicts and "make test" in text[commands:verdicts]
    assert len(text.splitlines()) <= 160, "the README should fit a reader: method notes belong in docs/"


def test_generated_sections_match_the_processed_files():
    for document, sections in readme.DOCUMENTS.items():
        text = document.read_text(encoding="utf-8")
        assert readme.render(text, sections=sections) == text, \
            f"{document.relative_to(ROOT)}'s generated sections are stale: run `make reproduce`"


def test_every_link_of_the_readme_and_docs_leads_somewhere():
    import re

    for document in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", document.read_text(encoding="utf-8")):
            if target.startswith(("http://", "https://", "mailto:")):
                continue
            assert (document.parent / target).exists(), f"{document.relative_to(ROOT)} links to a missing {target}"


def test_ci_runs_the_readme_test_command_then_the_environment_checks():
    """CI runs `make test`, then `make test-environment` (the tests marked environment, which make test leaves
    out); the GitHub workflow runs .ci/run."""
    commands = [line.strip() for line in (ROOT / ".ci" / "run").read_text().splitlines()
                if line.strip().startswith("make ")]
    assert commands == ["make test", "make test-environment"]
    assert "bash .ci/run" in (ROOT / ".github" / "workflows" / "test.yml").read_text()


def test_report_index_matches_the_committed_audit(tmp_path):
    import pandas as pd

    from audit_pipeline import report

    audit = pd.read_csv(ROOT / "data" / "processed" / "claims_audit.csv")
    notebooks = staging.published_notebooks()
    report.render_index(audit, notebooks, ROOT / "figures", tmp_path / "index.html", report.claim_reviews(audit))
    assert (tmp_path / "index.html").read_bytes() == (ROOT / "report" / "index.html").read_bytes(), \
        "report/index.html is stale: run `make reproduce`"


def test_report_pages_match_the_committed_notebooks(tmp_path):
    from audit_pipeline import report

    for notebook in staging.published_notebooks():
        report.render_notebook(notebook, tmp_path / f"{notebook.stem}.html", ROOT / "figures")
        assert (tmp_path / f"{notebook.stem}.html").read_bytes() == \
            (ROOT / "report" / f"{notebook.stem}.html").read_bytes(), f"report/{notebook.stem}.html is stale"


def test_the_report_holds_every_figure_at_full_size():
    """report/figures/ holds the very SVGs of figures/ (the pages link to them), and nothing else."""
    committed = {p.name: p.read_bytes() for p in (ROOT / "figures").glob("*.svg")}
    assert {p.name: p.read_bytes() for p in (ROOT / "report" / "figures").glob("*")} == committed
