"""Notebook 04, section 3 (`longer_record.s3_shares`): the declined share of detainers issued, exact where two
counts cover the same days and bounded otherwise, and published shares checked against computed ones."""

from fractions import Fraction

import pandas as pd
import pytest

from detainer_audit import declined, issued, rawdata, results
from detainer_audit import longer_record as lr
from detainer_audit.longer_record import s3_shares as s3
from longer_record_data import ALL, raw, table  # noqa: F401 (fixtures)


@pytest.fixture(scope="module")
def pairs(table):
    return s3.share_pairs(table, "medium", 0.5, ALL)


def test_shares_exact_for_the_same_period_bounded_otherwise(pairs):
    by_pair = pairs.set_index(["declines", "issued"])
    dhs = by_pair.loc[("dhs_declined_2025", "dhs_issued_2025")]
    assert dhs["same_period"] and dhs["share_bound"] == "exact"
    assert dhs["share_low_pct"] == pytest.approx(float(Fraction(17864, 201340) * 100))
    cis = by_pair.loc[("cis2024_total", "trac748_fy2021_to_q1_fy2024")]
    # days both cover: 20 January 2021 to 31 December 2023 (346 + 365 + 365 days); FY2021-FY2023 lie inside,
    # FY2024 only partly, and TRAC's total reaches outside them
    assert cis["common_days"] == 346 + 365 + 365
    assert cis["share_bound"] == "lower"
    assert cis["share_low_pct"] == pytest.approx(float(Fraction(2512 + 5723 + 7934, 295456) * 100))
    # the ratio of the paces over each count's own period: CIS's 1,273 days (20 January 2021 to 15 July 2024),
    # TRAC's 1,187 (1 October 2020 to 31 December 2023)
    assert cis["pace_ratio_pct"] == pytest.approx(float(Fraction(22040, 1273) / Fraction(295456, 1187) * 100))
    # low-confidence figures are never paired
    assert not pairs["issued"].isin(["ice_issued_fy2022", "coloradopolitics_2011"]).any()


def test_stated_shares_are_checked_against_computed_ones(table, pairs):
    checked = s3.stated_share_check(table, pairs).set_index("stated")
    assert checked.loc["cis2024_declined_share", "consistent_with_bounds"]
    # MPI's "about 4%": 4.44 computed, within half a point of a rounded 4
    assert checked.loc["mpi_declined_share_first_104_days", "consistent_with_bounds"]
    assert checked.loc["mpi_declined_share_first_104_days", "computed_pct"] == "4.4"
    assert checked.loc["politifact_refused_share_2013_10_to_2015_12", "consistent_with_bounds"] is None
    assert checked.loc["cis2024_declined_share", "stated_pct"] == "6 to 7"


@pytest.fixture(scope="module")
def windows(raw):
    return declined.windows_of(results.read(lr.READS), raw[lr.shared.CIS_FISCAL_YEARS])


def test_the_weekly_windows_are_notebook_01s_as_it_records_them(raw, windows):
    """Notebook 04 reads detainers issued over CIS's windows from notebook 01's results, never computing them
    again: what it reads is what `issued.windows_table` gives there (as recorded, to four decimals)."""
    computed = issued.windows_table(rawdata.read_table(issued.WEEKLY), raw[lr.shared.CIS_FISCAL_YEARS], "days_in_fiscal_year")
    assert list(windows["window"]) == list(computed["window"]) == ["FY2021", "FY2022", "FY2023", "FY2024", "total"]
    for column in ("counted_from", "counted_to", "declined"):
        assert list(windows[column]) == list(computed[column])
    for column in ("issued_estimate", "issued_low", "issued_high", "share_estimate_pct", "share_low_pct",
                   "share_high_pct"):
        assert list(windows[column]) == [round(v, 4) for v in computed[column]], column
    # a window recorded exactly (no doubled weeks) has its value as both ends
    fy2021 = windows.set_index("window").loc["FY2021"]
    assert fy2021.issued_low == fy2021.issued_high == fy2021.issued_estimate


def test_a_window_notebook_01_did_not_record_is_named(raw):
    read = results.read(lr.READS)
    missing = read[read["statistic"] != "declined_share_fy2023"]
    with pytest.raises(KeyError, match="notebook 01's results hold no statistic 'declined_share_fy2023'"):
        declined.windows_of(missing, raw[lr.shared.CIS_FISCAL_YEARS])


def test_cis_stated_share_against_the_weekly_counts(table, windows):
    checked = s3.weekly_check(table, windows)
    assert checked == {"cis2024_declined_share": True}
    # a statement outside the bounds is said to be so
    outside = table.copy()
    outside.loc[outside["count_id"] == "cis2024_declined_share", ["value", "value_high"]] = (9.0, 10.0)
    assert s3.weekly_check(outside, windows) == {"cis2024_declined_share": False}
    text = s3.weekly_summary(outside, windows, {"cis2024_declined_share": False}, ["declined"])
    assert "CIS's own statement, 9 to 10% (low confidence): outside the weekly-count bounds" in text
    assert "these shares are upper bounds" in text
    stats = s3.statistics(s3.share_pairs(table, "high", 1.0, ["declined"]), 1.0,
                          {"cis2024_declined_share": True, "other_share": False})
    assert [(s.statistic, s.value) for s in stats] == [("cis2024_declined_share_within_weekly_bounds", 1),
                                                       ("other_share_within_weekly_bounds", 0)]
    assert all(s.source_set() == {"CIS", "DDP"} for s in stats)


def test_pair_labels_name_publishers_and_periods_in_words(pairs):
    labels = [s3.pair_label(row) for row in pairs.itertuples()]
    assert "Center for Immigration Studies declines, Jan 2021 to Jul 2024 / TRAC issued, Oct 2020 to Dec 2023" in labels
    assert "ICE declines, fiscal 2016 / TRAC issued, fiscal 2016" in labels
    assert not any("_" in label for label in labels)


def test_an_empty_set_of_pairs_keeps_its_columns_and_says_so(table):
    pairs = s3.share_pairs(table, "high", 1.0, ["declined"])
    assert pairs.empty and list(pairs.columns) == s3.PAIR_COLUMNS
    assert s3.pairs_readers(pairs).empty
    text = " ".join(s3.findings(pairs, pd.DataFrame(), "high", 1.0))
    assert "No pair of counts of high confidence or higher overlaps by at least 100%" in text


def test_statistics_and_findings_name_the_overlap_used(table):
    pairs = s3.share_pairs(table[table["source"].isin(["CIS", "TRAC"])], "high", 0.6, ["declined", "insufficient_notice"])
    stats = s3.statistics(pairs, 0.6, {})
    shares = [s for s in stats if not s.statistic.endswith("pace_ratio")]
    assert shares and all("at least 60% of the longer period" in s.description for s in shares)
    text = " ".join(s3.findings(pairs, s3.stated_share_check(table, pairs), "high", 0.6))
    assert "at least 60% of the longer" in text and "50%" not in text


def test_findings_give_the_same_day_shares(table, pairs):
    text = " ".join(s3.findings(pairs, s3.stated_share_check(table, pairs), "medium", 0.5))
    # Homeland Security counts both for its 2025: 17,864 of 201,340
    assert "Homeland Security declines, calendar 2025 / Homeland Security issued, calendar 2025 8.9%" in text
    assert "A published share (Migration Policy Institute, 4%, medium confidence) is consistent with" in text
    assert not any(word in text for word in ("cis2024_", "trac748", "_pct"))
