"""The sentences a notebook ends with about the claims: the figures it computes for them, never a verdict
(each claim is judged once, by the claims audit)."""

from detainer_audit import findings, verdicts
from detainer_audit.results import Statistic

NOTEBOOK = "02_weekly_detainer_rates_2011_vs_2017"


def test_the_notebook_names_the_figure_each_claim_is_judged_against_and_judges_none():
    # 7/4 would be "overstated" against the claimed "double": the notebook must not say so, the audit does
    stats = [Statistic("detainers_week_2017_01_28", 3083, "detainers", "", sources="ICE"),
             Statistic("ratio_2017_week_to_obama_fy2015_fy2016", 7 / 4, "ratio", "", sources="ICE+TRAC")]
    text = "\n".join(findings.for_claims(NOTEBOOK, stats))
    assert "“3,083 detainers in the report week” (3,083 detainers)" in text
    assert "“Double the late-Obama weekly average” (1.75 times)" in text
    assert "judged once, with its cross-checks and evidence grade, in the claims audit (notebook 05)" in text
    assert "Not computed in this run" in text and "“6,080 a week in 2011”" in text
    assert not any(verdict in text for verdict in verdicts.VERDICTS)


def test_a_claim_the_public_record_cannot_settle_says_what_would():
    text = "\n".join(findings.for_claims("03_travis_county_share_2017", []))
    assert "The public record cannot settle “Only 3 listed a traffic offense” (it would take" in text


def test_with_other_parameters_the_claims_are_not_judged_and_the_run_says_why():
    stats = [Statistic("ratio_2017_week_to_obama_fy2015_fy2016", 3, "ratio", "", sources="ICE+TRAC")]
    [sentence] = findings.for_claims(NOTEBOOK, stats, {"report_week": (2, 1)})
    assert "judged only at the published parameters" in sentence and "This run sets report_week to other values" in sentence
