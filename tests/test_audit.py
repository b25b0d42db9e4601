"""The audit of one ledger row: cross-checks, the 'sources disagree' verdict and the evidence text."""

import pandas as pd
import pytest

from detainer_audit import audit, evidence
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
    assert "the sheriff's reading (TCSO) gives 128, by which the claim is overstated" in row["reason"]


def test_an_agreeing_independent_cross_check_makes_the_grade_independent():
    row = audit.audit(ledger(cross_checks="same floor", context_checks="reading"), STATS, 0.005, 0.1).iloc[0]
    assert row["verdict"] == v.REPRODUCED
    assert row["evidence_grade"] == v.INDEPENDENT
    assert row["cross_checks_agreeing"] == "same floor"
    assert "Other counts: the sheriff's reading: 128." in row["evidence"]  # context is shown, never judged
    assert "Cross-check, another count (DHS): 142.3, which agrees (reproduced)" in row["evidence"]
    # words for readers; the identifiers are kept for auditors in a column of their own
    assert "(reading)" not in row["evidence"] and "(own)" not in row["evidence"] and "[" not in row["evidence"]
    assert row["statistics"] == "own same floor reading"


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


def test_a_caveat_names_statistics_and_the_audit_writes_their_values():
    row = audit.audit(ledger(caveat="the sheriff counts {reading} and another count {same}"), STATS, 0.005, 0.1).iloc[0]
    assert row["verdict"] == v.WITH_CAVEAT
    assert row["reason"].endswith("caveat: the sheriff counts 128 and another count 142.3")
    with pytest.raises(audit.LedgerError, match=r"line 2, column 'caveat': claim 'c' points at 'nowhere'"):
        audit.audit(ledger(caveat="see {nowhere}"), STATS, 0.005, 0.1)


TREND_STATS = results_table([
    ("share_change", -1.5, "percentage points (estimate)", "no", "01", "CIS+DDP", "smallest change of the share"),
    ("share_change_low", -3.9, "percentage points (lower bound)", "no", "01", "CIS+DDP", "low end"),
    ("share_change_high", -0.8, "percentage points (upper bound)", "no", "01", "CIS+DDP", "high end"),
    ("count_change", 38.0, "percent", "no", "01", "CIS", "smallest change of the count"),
    ("share_year", 6.5, "percent (estimate)", "no", "01", "CIS+DDP", "share of one year"),
    ("share_year_low", 5.9, "percent (lower bound)", "no", "01", "CIS+DDP", "low"),
    ("share_year_high", 6.5, "percent (upper bound)", "no", "01", "CIS+DDP", "high"),
    ("declined_share_other_publishers_min", 2.0, "percent", "no", "01", "DHS+TRAC", "lowest"),
    ("declined_share_other_publishers_max", 8.9, "percent", "no", "01", "DHS+TRAC", "highest"),
])


def test_a_trend_claim_is_weighed_on_the_share_and_the_count():
    row = audit.audit(ledger(check="trend", statistic="share_change", claimed_value=0.0, comparator="more_than",
                             claim_source="CIS", claim_source_kind="secondary", cross_checks="count_change"),
                      TREND_STATS, 0.005, 0.1).iloc[0]
    assert row["verdict"] == v.OVERSTATED  # the count rose, the share fell on every reading
    assert "-1.50 points with the doubled weeks halved, -3.90 to -0.80" in row["reason"]
    assert "smallest change of the count: 38 (reproduced)" in row["reason"]
    assert row["evidence_grade"] == v.OWN_AGAINST_INDEPENDENT
    assert "CIS's own figures, the claim's source, set against DDP's count" in row["evidence"]
    assert row["claimed_shown"] == "a rise every year"
    assert row["reproduced_shown"] == "smallest yearly change -1.5 percentage points (-3.9 to -0.8 on every reading)"


def test_an_own_source_count_says_whether_an_independent_count_shows_its_scale_plausible():
    stats = pd.concat([STATS.assign(sources="CIS"), TREND_STATS], ignore_index=True)
    row = audit.audit(ledger(claim_source="CIS", claim_source_kind="secondary", scale_check="share_year"),
                      stats, 0.005, 0.1).iloc[0]
    assert row["evidence_grade"] == v.OWN_SOURCE
    assert ("finds its scale plausible: set against the detainers ICE issued over the same days (DDP's weekly counts "
            "of ICE's records), the count is 6.50% of them (5.90% to 6.50% on any reading of the doubled weeks), against the "
            "2.0% to 8.9% other publishers give") in row["evidence"]
    # the recount from ICE's record files (make recount) is named only for counts it can check (test below)
    assert "make recount" not in row["evidence"]
    far = stats.copy()
    far.loc[far["statistic"] == "share_year_low", "value"] = 0.5
    row = audit.audit(ledger(claim_source="CIS", claim_source_kind="secondary", scale_check="share_year"),
                      far, 0.005, 0.1).iloc[0]
    assert "finds its scale not shown to be plausible" in row["evidence"]


def test_the_findings_say_what_holds_what_does_not_and_what_cannot_be_known():
    table = pd.DataFrame([
        {"label": "Holds", "article": "A", "verdict": v.REPRODUCED, "evidence_grade": v.INDEPENDENT, "reason": "r1"},
        {"label": "Relayed", "article": "A", "verdict": v.WITH_CAVEAT, "evidence_grade": v.PRESS_ACCOUNTS, "reason": "r2"},
        {"label": "Quoted", "article": "A", "verdict": v.MATCHES_SOURCE, "evidence_grade": v.OWN_SOURCE, "reason": "r3"},
        {"label": "Too high", "article": "B", "verdict": v.OVERSTATED, "evidence_grade": v.INDEPENDENT, "reason": "1.76, not 2"},
        {"label": "Unknown", "article": "B", "verdict": v.NOT_VERIFIABLE, "evidence_grade": v.NO_EVIDENCE, "reason": "r4"},
    ])
    text = "\n".join(audit.findings(table, 0.005, 0.1))
    assert ("Of 5 claims in the two articles, judged at a tolerance of 0.5% for numbers stated exactly and 10% for "
            "rounded ones: 1 reproduced, 1 reproduced with caveat, 1 matches its source, unverified, 1 overstated, "
            "1 not verifiable.") in text
    assert ("What holds: 2 claims. 1 of them rest on independent evidence or the primary document (“Holds”); 1 on "
            "press accounts of the document they cite (“Relayed”).") in text
    assert "Matching their source, unverified: 1 claims (“Quoted”)." in text
    assert "Overstated: “Too high” (B); 1.76, not 2." in text
    assert "What cannot be known from the public record: “Unknown”." in text


def test_the_recount_that_could_check_cis_counts_is_a_note_said_once_and_named_on_each():
    stats = results_table([("declined_fy2022", 5723, "declined detainers", "yes", "01", "CIS", "FY2022"),
                           ("declined_fy2022_annualized", 5723, "declined detainers per year", "no", "01", "CIS", "x")])
    for statistic, named in (("declined_fy2022", True), ("declined_fy2022_annualized", False)):
        row = audit.audit(ledger(statistic=statistic, claimed_value=5723, claim_source="CIS",
                                 claim_source_kind="secondary"), stats, 0.005, 0.1).iloc[0]
        assert row["evidence_grade"] == v.OWN_SOURCE and row["verdict"] == v.MATCHES_SOURCE
        assert ("recount" in row["shared_notes"].split()) is named
    table = audit.audit(pd.concat([ledger(claim_id=f"c{i}", label=f"Claim {i}", statistic="declined_fy2022",
                                          claimed_value=5723, claim_source="CIS", claim_source_kind="secondary")
                                   for i in (1, 2)]), stats, 0.005, 0.1)
    notes = {key: (text, labels) for key, text, labels in evidence.shared_notes(table)}
    assert "make recount RECORDS=" in notes["recount"][0] and notes["recount"][1] == ["Claim 1", "Claim 2"]
    assert "make recount" not in " ".join(table["evidence"])


def test_two_readings_of_one_source_give_a_caveat_with_both_numbers_not_sources_disagree():
    stats = results_table([("own", 11698, "detainers per month", "yes", "01", "DDP", "to the article"),
                           ("span", 10727, "detainers per month", "no", "01", "DDP", "the weeks counted once")])
    claim = ledger(claimed_value=10000, comparator="about", unit="detainers per month", claim_source="TRAC",
                   claim_source_kind="primary", cross_checks="span")
    row = audit.audit(claim, stats, 0.005, 0.1).iloc[0]
    assert row["verdict"] == v.UNDERSTATED  # one publisher cannot disagree with itself: its own statistic decides
    assert ("another reading of the same source points the other way: the weeks counted once (DDP) gives 10,727, "
            "by which the claim is reproduced") in row["reason"]
    assert row["cross_checks_disagreeing"] == "span"
    other = stats.assign(sources=["DDP", "ICE"])  # another publisher: now two publishers are at odds
    assert audit.audit(claim, other, 0.005, 0.1).iloc[0]["verdict"] == v.SOURCES_DISAGREE


def test_a_figure_read_only_in_press_accounts_is_graded_so_and_names_them():
    row = audit.audit(ledger(), STATS, 0.005, 0.1, press_accounts={"c": ["KUT (Austin)", "Breitbart Texas"]}).iloc[0]
    assert row["evidence_grade"] == v.PRESS_ACCOUNTS and row["verdict"] == v.REPRODUCED
    assert "read here only through press accounts of it (KUT (Austin), Breitbart Texas)" in row["evidence"]
    with pytest.raises(audit.LedgerError, match="claims_read_through_press.csv: claim 'c' has check 'context'"):
        audit.audit(ledger(check="context", statistic=None), STATS, 0.005, 0.1, press_accounts={"c": ["AP"]})


def test_a_source_the_article_does_not_name_is_said_to_be_unnamed():
    stats = results_table([("estimate", 16800000, "persons", "no", "05", "FAIR", "FAIR's estimate")])
    row = audit.audit(ledger(statistic="estimate", claimed_value=17000000, comparator="about", unit="persons",
                             claim_source="FAIR", claim_source_kind="unnamed"), stats, 0.005, 0.1).iloc[0]
    assert row["verdict"] == v.MATCHES_SOURCE and row["source_named_by_article"] == "no"
    assert "The article names no source for this figure; FAIR's is the only estimate recorded here" in row["evidence"]
