"""The audit of one ledger row: cross-checks, the 'sources disagree' verdict and the evidence text."""

import pandas as pd
import pytest

from detainer_audit import audit
from detainer_audit import verdicts as v


def results_table(rows):
    return pd.DataFrame(rows, columns=["statistic", "value", "unit", "headline", "notebook", "sources", "description"])


def ledger(**overrides):
    row = {"claim_id": "c", "label": "A claim", "article": "A", "article_date": "2024-11", "claim": "a claim", "claimed_value": 142.0,
           "claimed_high": None, "comparator": "exactly", "unit": "records", "period": "", "check": "compare",
           "statistic": "own", "caveat": None, "settled_by": None, "claim_source": "ICE", "claim_source_kind": "primary",
           "cross_checks": None, "context_checks": None, "notebook": "03"}
    row.update(overrides)
    return pd.DataFrame([row])


STATS = results_table([
    ("own", 142, "records", "yes", "03", "ICE", "records in the report"),
    ("reading", 128, "records", "no", "03", "TCSO", "the sheriff's reading"),
    ("same", 142.3, "records", "no", "03", "DHS", "another count"),
    ("floor", 100, "records (lower bound)", "no", "03", "DHS", "a floor"),
])


def test_a_cross_check_beyond_the_tolerance_gives_sources_disagree():
    row = audit.audit(ledger(cross_checks="reading"), STATS, 0.005, 0.1).iloc[0]
    assert row["verdict"] == v.SOURCES_DISAGREE
    assert row["evidence_grade"] == v.PRIMARY
    assert row["cross_checks_disagreeing"] == "reading"
    assert "the sheriff's reading [TCSO, reading] gives 128, by which the claim is overstated" in row["reason"]


def test_an_agreeing_independent_cross_check_makes_the_grade_independent():
    row = audit.audit(ledger(cross_checks="same floor", context_checks="reading"), STATS, 0.005, 0.1).iloc[0]
    assert row["verdict"] == v.REPRODUCED
    assert row["evidence_grade"] == v.INDEPENDENT
    assert row["cross_checks_agreeing"] == "same floor"
    assert "the sheriff's reading: 128 (reading)" in row["evidence"]  # context is shown, never judged


def test_ledger_errors_name_line_and_column():
    with pytest.raises(audit.LedgerError, match=r"line 2, column 'cross_checks': claim 'c' points at 'nowhere'"):
        audit.audit(ledger(cross_checks="nowhere"), STATS, 0.005, 0.1)
    with pytest.raises(audit.LedgerError, match=r"line 2, column 'claim_source': claim 'c' is compared"):
        audit.audit(ledger(claim_source=None), STATS, 0.005, 0.1)
    with pytest.raises(audit.LedgerError, match="nothing to cross-check"):
        audit.audit(ledger(check="not_verifiable", statistic=None, cross_checks="reading"), STATS, 0.005, 0.1)


def test_a_ledger_row_naming_an_uncomputed_statistic_is_refused_with_file_line_and_column():
    """The committed ledger against the committed results, one row mistyped (the end-to-end test that a
    failing notebook publishes nothing uses this same error)."""
    from detainer_audit import rawdata, results

    claims = rawdata.read_table(audit.CLAIMS)
    claims.loc[claims["claim_id"] == "dcnf_fy2022", "statistic"] = "declined_fy2022_typo"
    with pytest.raises(audit.LedgerError, match=r"^data/raw/claims.csv, line 4, column 'statistic': claim 'dcnf_fy2022' "
                                                r"points at 'declined_fy2022_typo', which no notebook computes"):
        audit.audit(claims, results.load(), 0.005, 0.1)


def test_the_evidence_of_cis_counts_names_the_recount_that_could_check_them():
    stats = results_table([("declined_fy2022", 5723, "declined detainers", "yes", "01", "CIS", "FY2022"),
                           ("declined_fy2022_annualized", 5723, "declined detainers per year", "no", "01", "CIS", "x")])
    for statistic, named in (("declined_fy2022", True), ("declined_fy2022_annualized", False)):
        row = audit.audit(ledger(statistic=statistic, claimed_value=5723, claim_source="CIS",
                                 claim_source_kind="secondary"), stats, 0.005, 0.1).iloc[0]
        assert row["evidence_grade"] == v.OWN_SOURCE
        assert ("make recount RECORDS=" in row["evidence"]) is named
