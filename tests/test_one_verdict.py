"""One verdict per claim: every place that shows a claim's verdict and grade shows the claims audit's one
result (data/processed/claims_audit.csv), and the notebooks that compute the figures judge nothing."""

import html
import json
import re

import pandas as pd
import pytest

from helpers import ROOT
from detainer_audit import verdicts

AUDIT = pd.read_csv(ROOT / "data" / "processed" / "claims_audit.csv", dtype=str, keep_default_na=False)


def _outputs(notebook: str) -> str:
    nb = json.loads((ROOT / "notebooks" / f"{notebook}.ipynb").read_text(encoding="utf-8"))
    texts = []
    for cell in nb["cells"]:
        for output in cell.get("outputs", []):
            texts.append("".join(output.get("text", "")))
            texts.append("".join(output.get("data", {}).get("text/plain", "")))
            texts.append("".join(output.get("data", {}).get("text/markdown", "")))
    return "\n".join(texts)


def test_every_claim_has_one_verdict_and_one_grade_from_the_written_scales():
    assert AUDIT["claim_id"].is_unique
    assert set(AUDIT["verdict"]) <= set(verdicts.VERDICTS)
    assert set(AUDIT["evidence_grade"]) <= set(verdicts.GRADES)


def test_the_readme_shows_the_audits_verdict_and_grade_for_every_claim():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("<!-- generated:verdicts -->"):text.index("<!-- /generated:verdicts -->")]
    shown = {}
    for line in section.splitlines()[3:]:
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        if len(cells) == 6:
            shown[cells[0]] = (cells[4].strip("*"), cells[5].split(" (")[0])
    assert shown == {row.label: (row.verdict, row.evidence_grade) for row in AUDIT.itertuples()}


def test_the_report_shows_the_audits_verdict_and_grade_for_every_claim():
    page = (ROOT / "report" / "index.html").read_text(encoding="utf-8")
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", page, flags=re.S)
    shown = {}
    for row in rows:
        found = re.search(r'<code class="?id"?>([a-z0-9_]+)</code>', row)
        if found:
            verdict = re.search(r'<span class="v"[^>]*>(.*?)</span>', row, flags=re.S).group(1)
            grade = re.search(r'<span class="g"[^>]*>(.*?)</span>', row, flags=re.S).group(1)
            shown[found.group(1)] = (html.unescape(verdict), html.unescape(grade))
    assert shown == {row.claim_id: (row.verdict, row.evidence_grade) for row in AUDIT.itertuples()}


def test_the_claims_audit_notebook_prints_the_same_verdict_and_grade_for_every_claim():
    text = _outputs("05_claims_audit")
    for row in AUDIT.itertuples():
        assert f"{row.label} [{row.verdict}; evidence: {row.evidence_grade}]" in text, row.claim_id


@pytest.mark.parametrize("notebook", ["01_declined_detainers_fy2021_2024", "02_weekly_detainer_rates_2011_vs_2017",
                                      "03_travis_county_share_2017", "04_longer_record_2008_2025"])
def test_the_notebooks_that_compute_the_figures_judge_no_claim(notebook):
    text = _outputs(notebook)
    words = "|".join(re.escape(verdict) for verdict in verdicts.VERDICTS)
    for row in AUDIT.itertuples():
        for found in re.finditer(re.escape(f"“{row.label}”"), text):
            after = text[found.end():found.end() + 120]
            assert not re.match(rf"[^.;]*?\b({words})\b", after), f"{notebook} judges “{row.label}”: {after!r}"
