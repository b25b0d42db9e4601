"""The scale of CIS's counts: a test that can fail, every end shown."""

import pandas as pd
import pytest

from detainer_audit import issued, rawdata, scale


def test_the_scale_check_can_fail_and_gives_the_points_outside():
    inside = scale.scale_check(3.0, 6.0, 2.0, 8.9)
    assert inside.verdict == "inside" and inside.words() == "wholly inside their range"
    partly = scale.scale_check(7.49, 10.21, 2.0, 8.9)
    assert partly.verdict == "partly outside" and partly.above == pytest.approx(1.31) and partly.below == 0
    assert partly.words() == "7.5% to 8.9% inside their range, the top 1.3 points above it"
    # a range wider than the others' on both sides
    wide = scale.scale_check(1.0, 10.0, 2.0, 8.9)
    assert wide.verdict == "partly outside" and (wide.below, wide.above) == pytest.approx((1.0, 1.1))
    # what a factor-of-two test passed (within 1.0% to 17.8%) now fails: the ranges do not meet
    outside = scale.scale_check(9.5, 16.0, 2.0, 8.9)
    assert outside.verdict == "outside" and outside.overlap is None
    assert outside.words() == "outside their range, 0.6 points above it"
    assert scale.scale_check(0.5, 1.5, 2.0, 8.9).words() == "outside their range, 0.5 points below it"
    with pytest.raises(ValueError, match="must not end below its start"):
        scale.scale_check(6.0, 3.0, 2.0, 8.9)


def test_the_scale_sentences_name_every_low_end():
    ranges = pd.DataFrame([{"window": "FY2023", "fiscal_year": 2023, "lowest_pct": 5.98, "highest_pct": 6.78},
                           {"window": "FY2024", "fiscal_year": 2024, "lowest_pct": 2.61, "highest_pct": 5.68},
                           {"window": "total", "fiscal_year": None, "lowest_pct": 4.8, "highest_pct": 6.8}])
    said = scale.scale_words(ranges, 2.0, 8.9)
    assert said[0].endswith("6.0% to 6.8% in FY2023 and 2.6% to 5.7% in FY2024.")
    assert said[2] == "FY2023 and FY2024 lie wholly inside that range."
    ranges.loc[1, "highest_pct"] = 9.5
    assert scale.scale_words(ranges, 2.0, 8.9)[3] == \
        "FY2024 lies partly outside it: 2.6% to 8.9% inside their range, the top 0.6 points above it."


def test_cis_own_stated_share_is_context_never_part_of_the_scale_range():
    shares = scale.published_shares(rawdata.read_table(issued.COUNTS), rawdata.read_table("documents"))
    cis = shares[shares["source"] == "CIS"]
    assert len(cis) and not cis["used_for_scale"].any()
    dhs = shares[shares["source"] == "DHS"]
    assert dhs["low_pct"].iloc[0] == pytest.approx(17_864 / 201_340 * 100)  # the testimony's two figures
