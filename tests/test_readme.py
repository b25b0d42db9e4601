from helpers import ROOT

from detainer_audit import readme


def test_readme_shows_both_commands_first():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    head = text[: text.index("## What this reproduces")]
    assert "make reproduce" in head and "make test" in head


def test_generated_sections_match_the_processed_files():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert readme.render(text) == text, "README.md's generated sections are stale: run `make reproduce`"


def test_ci_runs_the_readme_test_command():
    assert "make test" in (ROOT / ".ci" / "run").read_text()
