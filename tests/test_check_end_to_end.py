"""`make check` end to end, in a throw-away copy of the project: what it writes into OUT, that the published
run is untouched byte for byte, and that bad input or a published folder as OUT changes nothing."""

import csv
import hashlib
import json

import pytest

from helpers import make, once, project_copy, snapshot
from detainer_audit import claimreview

pytestmark = pytest.mark.slow
# the published run: processed data, figures, the report, the notebooks, the README and docs/ (whose
# generated sections make reproduce keeps current); data/raw too: it is read, never written
PUBLISHED = ("data", "figures", "report", "notebooks", "docs")
# a claim its publisher's own count settles, a share, a dated claim with its source, and one outside the record
CLAIMS = """claim_id,said_by,measure,value,comparator,from,to,per,said_on,said_in,source_url
dhs_2025,DHS,declined_by_lea,17864,exactly,CY2025,CY2025,total,2026-03-04,testimony,https://example.org/testimony
share_2025,a newspaper,declined_share,10,less_than,CY2025,CY2025,total,,,
trac_fy2013,TRAC,detainers_issued,17000,about,FY2013,FY2013,month,2013,,
before_the_record,someone,declined_by_lea,100,at_least,2005-01-01,2005-12-31,total,,,
"""


def published(copy) -> dict:
    found = snapshot(copy, tops=PUBLISHED)
    found["README.md"] = hashlib.sha256((copy / "README.md").read_bytes()).hexdigest()
    return found


def hidden_stages(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".")) if folder.exists() else []


@pytest.fixture(scope="module")
def checked(tmp_path_factory):
    """One copy, one `make check` of a small file, once a session; the tests below read what it did, or check
    that a refused `make check` in the same copy changed nothing."""
    def build(folder):
        copy = project_copy(folder / "project")
        claims = copy / "build" / "claims.csv"
        claims.parent.mkdir()
        claims.write_text(CLAIMS, encoding="utf-8")
        before = published(copy)
        result = make(copy, "check", f"CLAIMS={claims}", "OUT=build/e2e/out")
        return {"before": before, "returncode": result.returncode, "stderr": result.stderr}

    folder, found = once(tmp_path_factory, "make-check", build)
    return folder / "project", found["before"], found


@pytest.mark.whole_run
def test_make_check_writes_every_output_into_out(checked):
    copy, _, result = checked
    assert result["returncode"] == 0, result["stderr"]
    out = copy / "build" / "e2e" / "out"
    names = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    assert {"check.csv", "counts_used.csv", "claimreview.jsonld", "check_claims.ipynb", "check_claims.html",
            "figures/check-claims-timeline.png", "figures/check-claims-timeline.svg",
            "figures/check-claims-timeline.csv"} <= names, names
    with open(out / "check.csv", encoding="utf-8") as handle:
        rows = {row["claim_id"]: row for row in csv.DictReader(handle)}
    assert list(rows) == ["dhs_2025", "share_2025", "trac_fy2013", "before_the_record"]
    assert rows["dhs_2025"]["verdict"] == "matches its source, unverified"
    assert rows["dhs_2025"]["evidence_grade"] == "own source only"
    assert float(rows["share_2025"]["reproduced_value"]) == pytest.approx(17864 / 201340 * 100, abs=1e-3)
    assert rows["before_the_record"]["verdict"] == "not verifiable"
    with open(out / "counts_used.csv", encoding="utf-8") as handle:
        used = list(csv.DictReader(handle))
    used_by = {claim_id: {row["count_id"] for row in used if row["claim_id"] == claim_id} for claim_id in rows}
    assert "dhs_declined_2025" in used_by["dhs_2025"]
    assert "dhs_declined_2025__over__dhs_issued_2025" in used_by["share_2025"]  # the share, computed here
    assert used_by["before_the_record"] == set()
    graph = json.loads((out / "claimreview.jsonld").read_text(encoding="utf-8"))["@graph"]
    assert len(graph) == len(rows)
    for review in graph:
        assert claimreview.check(review, dated=False) == [], review.get("claimReviewed")
    assert [r["reviewRating"]["alternateName"] for r in graph] == [r["verdict"] for r in rows.values()]
    page = (out / "check_claims.html").read_text(encoding="utf-8")
    for claim_id in rows:
        assert f'id="claim-{claim_id}"' in page
    with open(out / "figures" / "check-claims-timeline.csv", encoding="utf-8") as handle:
        drawn = {row["claim_id"] for row in csv.DictReader(handle)}
    assert drawn <= set(rows) and "dhs_2025" in drawn
    assert hidden_stages(out.parent) == [], "a hidden stage folder was left beside OUT"


@pytest.mark.whole_run
def test_make_check_leaves_the_published_run_byte_for_byte_untouched(checked):
    copy, before, result = checked
    assert result["returncode"] == 0, result["stderr"]
    assert published(copy) == before


def test_a_bad_file_exits_non_zero_and_changes_nothing(checked):
    """A bad file given the OUT of a good run stops, names the file, line and column, and leaves OUT, the
    published run and the folder around OUT as they were; given a new OUT, it creates nothing. One bad row
    end to end: every message of a bad file is proven on the reader itself (test_check.py)."""
    copy, _, result = checked
    assert result["returncode"] == 0, result["stderr"]
    bad = copy / "build" / "bad.csv"
    bad.write_text(CLAIMS.splitlines()[0] + "\nx,DHS,declined,1,exactly,CY2025,CY2025,total,,,\n", encoding="utf-8")
    out = copy / "build" / "e2e" / "out"
    before, outputs, around = published(copy), snapshot(out, tops=(".",)), sorted(p.name for p in out.parent.iterdir())
    result = make(copy, "check", f"CLAIMS={bad}", f"OUT={out}")
    assert result.returncode != 0
    assert f"{bad}, line 2, column 'measure'" in result.stderr, result.stderr
    assert published(copy) == before
    assert snapshot(out, tops=(".",)) == outputs, "a refused file changed OUT"
    assert sorted(p.name for p in out.parent.iterdir()) == around, "a refused file left something beside OUT"
    result = make(copy, "check", f"CLAIMS={bad}", "OUT=build/new/out")
    assert result.returncode != 0 and f"{bad}, line 2, column 'measure'" in result.stderr, result.stderr
    assert not (copy / "build" / "new").exists(), "a refused file created OUT or the folder around it"
    assert published(copy) == before


@pytest.mark.parametrize("out", ["data/processed", "figures", "./notebooks/check", "."])
def test_a_published_folder_as_out_is_refused(checked, out):
    copy = checked[0]
    beside = (copy / out).resolve().parent
    before, hidden = published(copy), hidden_stages(beside)
    result = make(copy, "check", "MEASURE=declined_by_lea", "VALUE=17864", "FROM=CY2025", "TO=CY2025", f"OUT={out}")
    assert result.returncode != 0
    assert "part of the published run" in result.stderr or "the project's own folder" in result.stderr, result.stderr
    assert "nothing was judged" in result.stderr
    assert published(copy) == before
    assert hidden_stages(beside) == hidden, "a refused OUT left a hidden stage folder beside it"
