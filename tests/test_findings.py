"""The sentences a notebook ends with, generated from its statistics and the claims ledger."""

from detainer_audit import findings
from detainer_audit.results import Statistic

NOTEBOOK = "02_weekly_detainer_rates_2011_vs_2017"


def test_each_claim_the_notebook_settles_is_judged_and_one_it_did_not_compute_is_said_so():
    # 3,083 is the week's count in ICE's report; 7/4 is a ratio below the claimed "double" by more than 10 %
    stats = [Statistic("detainers_week_2017_01_28", 3083, "detainers", "", sources="ICE"),
             Statistic("ratio_2017_week_to_obama_fy2015_fy2016", 7 / 4, "ratio", "", sources="ICE+TRAC")]
    text = "\n".join(findings.for_claims(NOTEBOOK, stats))
    assert "“3,083 detainers in the report week” (Center for Immigration Studies): reproduced." in text
    assert "“Double the late-Obama weekly average” (Center for Immigration Studies): overstated. Claimed 2 (about), " \
           "reproduced 1.75: 12.5% below the claim" in text
    assert "“6,080 a week in 2011” (Center for Immigration Studies): not checked in this run" in text


def test_a_claim_the_public_record_cannot_settle_says_what_would():
    text = "\n".join(findings.for_claims("03_travis_county_share_2017", []))
    assert "cannot be known from the public record; it would take" in text


def test_with_other_parameters_the_claims_are_not_judged_and_the_run_says_why():
    stats = [Statistic("ratio_2017_week_to_obama_fy2015_fy2016", 3, "ratio", "", sources="ICE+TRAC")]
    [sentence] = findings.for_claims(NOTEBOOK, stats, {"report_week": (2, 1)})
    assert "judged only at the published parameters" in sentence and "report_week = 2 (published: 1)" in sentence
