import pytest

from detainer_audit import verdicts as v


def claim(**overrides):
    base = {"claim_id": "x", "check": "compare", "comparator": "exactly", "claimed_value": 100.0,
            "claimed_high": None, "unit": "detainers", "caveat": "", "settled_by": "", "statistic": "s"}
    base.update(overrides)
    return base


def test_exact_match_is_reproduced_and_caveat_downgrades_it():
    assert v.judge(claim(), 100).verdict == v.REPRODUCED
    assert v.judge(claim(caveat="partial year"), 100).verdict == v.WITH_CAVEAT
    assert "partial year" in v.judge(claim(caveat="partial year"), 100).reason


def test_exactly_at_the_tolerance_is_reproduced_just_beyond_is_not():
    assert v.judge(claim(), 100.5, tolerance_exact=0.005).verdict == v.REPRODUCED
    assert v.judge(claim(), 99.5, tolerance_exact=0.005).verdict == v.REPRODUCED
    assert v.judge(claim(), 100.51, tolerance_exact=0.005).verdict == v.UNDERSTATED
    assert v.judge(claim(), 99.49, tolerance_exact=0.005).verdict == v.OVERSTATED


def test_about_uses_its_own_tolerance_and_direction():
    c = claim(comparator="about", claimed_value=2.0, unit="ratio")
    assert v.judge(c, 1.8, tolerance_about=0.10).verdict == v.REPRODUCED  # exactly 10% below
    result = v.judge(c, 1.76, tolerance_about=0.10)
    assert result.verdict == v.OVERSTATED
    assert "claimed 2 (about), reproduced 1.76: 12.0% below the claim, outside the tolerance 10.0%" == result.reason
    assert v.judge(c, 2.3, tolerance_about=0.10).verdict == v.UNDERSTATED


def test_years_must_match_exactly():
    c = claim(claimed_value=2011, unit="year")
    assert v.judge(c, 2011).verdict == v.REPRODUCED
    assert v.judge(c, 2012, tolerance_exact=0.5).verdict == v.UNDERSTATED


def test_more_than_is_strict():
    c = claim(comparator="more_than", claimed_value=22000)
    assert v.judge(c, 22040).verdict == v.REPRODUCED
    assert v.judge(c, 22000).verdict == v.OVERSTATED
    assert v.judge(c, 21000).verdict == v.OVERSTATED


def test_negative_and_zero_thresholds():
    c = claim(comparator="more_than", claimed_value=0, unit="percent")
    assert v.judge(c, -6.29).verdict == v.OVERSTATED
    assert v.judge(c, 0.1).verdict == v.REPRODUCED
    assert v.judge(claim(claimed_value=0), 0).verdict == v.REPRODUCED


def test_range():
    c = claim(comparator="range", claimed_value=6, claimed_high=7, unit="percent")
    assert v.judge(c, 6).verdict == v.REPRODUCED and v.judge(c, 7).verdict == v.REPRODUCED
    assert v.judge(c, 5.9).verdict == v.OVERSTATED
    assert v.judge(c, 7.1).verdict == v.UNDERSTATED
    with pytest.raises(ValueError, match="needs claimed_high"):
        v.judge(claim(comparator="range"), 1)


def test_lower_bound_counts():
    c = claim(claimed_value=46, unit="jails", settled_by="the 206 rows")
    consistent = v.judge(c, 24, bound="lower")
    assert consistent.verdict == v.NOT_VERIFIABLE and "lower bound of 24" in consistent.reason
    assert "the 206 rows" in consistent.reason
    assert v.judge(c, 46, bound="lower").verdict == v.REPRODUCED
    assert v.judge(c, 60, bound="lower").verdict == v.UNDERSTATED
    about = claim(comparator="about", claimed_value=10000)
    assert v.judge(about, 10000, bound="lower").verdict == v.REPRODUCED
    assert v.judge(claim(comparator="more_than", claimed_value=5), 3, bound="lower").verdict == v.NOT_VERIFIABLE


def test_bound_is_read_from_the_unit():
    assert v.bound_of("records (lower bound)") == "lower"
    assert v.bound_of("share") == "exact"


def test_a_caveat_stays_in_the_reason_whatever_the_verdict():
    c = claim(comparator="about", claimed_value=2.0, unit="ratio", caveat="the next two weeks were lower")
    for value, verdict in ((2.0, v.WITH_CAVEAT), (1.5, v.OVERSTATED), (2.5, v.UNDERSTATED)):
        result = v.judge(c, value)
        assert result.verdict == verdict
        assert result.reason.endswith("; caveat: the next two weeks were lower")
    bounded = v.judge(claim(claimed_value=46, unit="jails", caveat="jails counted as ICE did"), 24, bound="lower")
    assert bounded.verdict == v.NOT_VERIFIABLE and bounded.reason.endswith("caveat: jails counted as ICE did")
    assert v.judge_trend({**TREND, "caveat": "CIS dates declines"}, -3.9, -1.6, -1.6, FELL_COUNT).reason.endswith(
        "caveat: CIS dates declines")


def test_the_tolerances_are_declared_once_and_are_the_defaults():
    assert (v.TOLERANCE_EXACT, v.TOLERANCE_ABOUT) == (0.005, 0.10)
    c = claim(comparator="about", claimed_value=2.0, unit="ratio")
    assert v.judge(c, 1.8).verdict == v.REPRODUCED and v.judge(c, 1.79).verdict == v.OVERSTATED


def test_not_verifiable_and_context_need_no_number():
    nv = v.judge(claim(check="not_verifiable", settled_by="each record's offense"))
    assert nv.verdict == v.NOT_VERIFIABLE and "each record's offense" in nv.reason
    ctx = v.judge(claim(check="context", caveat="an argument"))
    assert ctx.verdict == v.CONTEXT and "an argument" in ctx.reason


def test_missing_values_are_errors():
    with pytest.raises(ValueError, match="no reproduced value"):
        v.judge(claim(), None)
    with pytest.raises(ValueError, match="needs a claimed value"):
        v.judge(claim(claimed_value=None), 1)
    with pytest.raises(ValueError, match="cannot be compared"):
        v.judge(claim(comparator="none"), 1)


# ---------------------------------------------------------------- evidence grades

def check(name="s", sources=("CIS",), verdict=v.REPRODUCED, bound="exact", value=1.0):
    return v.Check(name, frozenset(sources), value, bound, verdict)


def test_grade_none_without_a_comparison():
    assert v.grade("not_verifiable", "ICE", "primary", None) == v.NO_EVIDENCE
    assert v.grade("context", "CIS", "secondary", None) == v.NO_EVIDENCE


def test_grade_own_source_primary_document_and_independent():
    assert v.grade("compare", "CIS", "secondary", check(sources=["CIS"])) == v.OWN_SOURCE
    assert v.grade("compare", "ICE", "primary", check(sources=["ICE"])) == v.PRIMARY
    assert v.grade("compare", "ICE", "primary", check(sources=["ICE", "press"])) == v.PRIMARY
    # recomputed from records other than the claim's own source
    assert v.grade("compare", "CIS", "secondary", check(sources=["NPR"])) == v.INDEPENDENT
    assert v.grade("compare", "CIS", "secondary", check(sources=["ICE", "TRAC"], verdict=v.OVERSTATED)) == v.INDEPENDENT
    # an agreeing cross-check from another source lifts an own-source verdict
    own = check(sources=["CIS"])
    assert v.grade("compare", "CIS", "secondary", own, [check("x", ["DHS"])]) == v.INDEPENDENT
    # a disagreeing one does not
    assert v.grade("compare", "CIS", "secondary", own, [check("x", ["DHS"], v.OVERSTATED)]) == v.OWN_SOURCE


def test_grade_press_accounts_own_source_against_independent_and_unnamed():
    # read only in press accounts of the document the claim cites: below the primary document
    assert v.grade("compare", "ICE", "primary", check(sources=["ICE"]), read_through_press=True) == v.PRESS_ACCOUNTS
    with pytest.raises(ValueError, match="only a primary document can be read through press accounts"):
        v.grade("compare", "CIS", "secondary", check(sources=["CIS"]), read_through_press=True)
    # the claim's own source set against another publisher's count: neither own source only nor independent
    both = check(sources=["CIS", "DDP"], verdict=v.OVERSTATED)
    assert v.grade("trend", "CIS", "secondary", both) == v.OWN_AGAINST_INDEPENDENT
    assert v.grade("compare", "CIS", "secondary", both) == v.OWN_AGAINST_INDEPENDENT
    # an article that names no source: the publisher whose figure matched is graded as its own source
    assert v.grade("compare", "FAIR", "unnamed", check(sources=["FAIR"])) == v.OWN_SOURCE
    assert list(v.GRADES).index(v.PRESS_ACCOUNTS) == list(v.GRADES).index(v.PRIMARY) + 1


def test_grade_bounds_only():
    lower = check(sources=["ICE", "press"], verdict=v.NOT_VERIFIABLE, bound="lower")
    assert v.grade("compare", "ICE", "primary", lower) == v.BOUNDS_ONLY
    floor = check(sources=["TRAC"], verdict=v.REPRODUCED, bound="lower")
    assert v.grade("compare", "TRAC", "primary", floor) == v.BOUNDS_ONLY
    assert v.grade("compare", "CIS", "secondary", floor) == v.BOUNDS_ONLY  # another source, but only a bound


def test_grade_needs_sources_and_a_known_kind():
    with pytest.raises(ValueError, match="names no sources"):
        v.grade("compare", "CIS", "secondary", check(sources=[]))
    with pytest.raises(ValueError, match="claim_source_kind"):
        v.grade("compare", "CIS", "tertiary", check())


def test_disagreement_needs_a_definite_verdict_pointing_the_other_way():
    assert v.disagreement(v.WITH_CAVEAT, [check(verdict=v.OVERSTATED)])
    assert v.disagreement(v.OVERSTATED, [check(verdict=v.REPRODUCED)])
    assert v.disagreement(v.OVERSTATED, [check(verdict=v.UNDERSTATED)])
    assert not v.disagreement(v.OVERSTATED, [check(verdict=v.OVERSTATED)])
    assert not v.disagreement(v.REPRODUCED, [check(verdict=v.NOT_VERIFIABLE, bound="lower")])
    assert not v.disagreement(v.NOT_VERIFIABLE, [check(verdict=v.OVERSTATED)])


# ---------------------------------------------------------------- "more and more": share and count together

TREND = {"claim_id": "t", "check": "trend", "comparator": "more_than", "claimed_value": 0.0, "claimed_high": None,
         "unit": "change", "caveat": "", "settled_by": "", "statistic": "s"}
ROSE_COUNT = [("annualized count", 5.0, v.REPRODUCED)]
FELL_COUNT = [("annualized count", -6.3, v.OVERSTATED)]
MIXED_COUNT = FELL_COUNT + [("a later release", 181.0, v.REPRODUCED)]


def test_a_share_that_fell_overstates_the_claim_whatever_the_count():
    for counts in (ROSE_COUNT, FELL_COUNT, MIXED_COUNT):
        result = v.judge_trend(TREND, -3.9, -1.6, -1.6, counts)
        assert result.verdict == v.OVERSTATED
        assert "as a share of detainers issued, declines did not rise every year" in result.reason
        assert "annualized count" in result.reason  # both readings are in the reason


def test_a_share_that_rose_reproduces_it_with_a_caveat_when_the_count_points_elsewhere():
    assert v.judge_trend(TREND, 0.2, 1.0, 0.5, ROSE_COUNT).verdict == v.REPRODUCED
    assert v.judge_trend(TREND, 0.2, 1.0, 0.5, FELL_COUNT).verdict == v.WITH_CAVEAT
    assert v.judge_trend({**TREND, "caveat": "partial years"}, 0.2, 1.0, 0.5, ROSE_COUNT).verdict == v.WITH_CAVEAT


def test_an_unsettled_share_leaves_the_count_to_decide_never_better_than_a_caveat():
    assert v.judge_trend(TREND, -1.0, 1.0, 0.0, ROSE_COUNT).verdict == v.WITH_CAVEAT
    assert v.judge_trend(TREND, -1.0, 1.0, 0.0, FELL_COUNT).verdict == v.OVERSTATED
    assert v.judge_trend(TREND, -1.0, 1.0, 0.0, MIXED_COUNT).verdict == v.NOT_VERIFIABLE
    # zero is not a rise: a change whose low end is exactly 0 is unsettled
    assert v.direction(0.0, 1.0) == v.UNSETTLED and v.direction(-1.0, 0.0) == v.UNSETTLED


def test_at_least_less_than_and_upper_bounds():
    at_least = claim(comparator="at_least", claimed_value=100)
    assert v.judge(at_least, 100).verdict == v.REPRODUCED and v.judge(at_least, 99).verdict == v.OVERSTATED
    assert v.judge(at_least, 99, bound="lower").verdict == v.NOT_VERIFIABLE
    assert v.judge(at_least, 120, bound="upper").verdict == v.NOT_VERIFIABLE  # at most 120 cannot show at least 100
    assert v.judge(at_least, 90, bound="upper").verdict == v.OVERSTATED
    less = claim(comparator="less_than", claimed_value=100)
    assert v.judge(less, 99).verdict == v.REPRODUCED and v.judge(less, 100).verdict == v.UNDERSTATED
    assert v.judge(less, 120, bound="lower").verdict == v.UNDERSTATED  # already at least 120
    assert v.judge(less, 90, bound="lower").verdict == v.NOT_VERIFIABLE
    assert v.judge(less, 90, bound="upper").verdict == v.REPRODUCED
    more = claim(comparator="more_than", claimed_value=100)
    assert v.judge(more, 150, bound="upper").verdict == v.NOT_VERIFIABLE
    assert v.judge(more, 90, bound="upper").verdict == v.OVERSTATED
    exact = claim(claimed_value=100)
    assert v.judge(exact, 100.2, bound="upper").verdict == v.REPRODUCED
    assert v.judge(exact, 80, bound="upper").verdict == v.OVERSTATED
    assert v.judge(exact, 120, bound="upper").verdict == v.NOT_VERIFIABLE
    span = claim(comparator="range", claimed_value=6, claimed_high=7, unit="percent")
    assert v.judge(span, 6.5, bound="lower").verdict == v.NOT_VERIFIABLE
    assert v.judge(span, 7.5, bound="lower").verdict == v.UNDERSTATED
    assert v.judge(span, 5.5, bound="upper").verdict == v.OVERSTATED
