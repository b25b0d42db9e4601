"""The longer record's questions, on the committed raw data: overlap of the two CIS releases,
shares with their bounds, concentration, detainers and people, NPR's lift reasons, parameters."""

import datetime as dt

import pytest

from detainer_audit import longer_record as lr
from detainer_audit import rawdata, weekly
from detainer_audit.bounds import INF, Bounds
from detainer_audit.params import ParameterError

ALL = list(lr.OUTCOMES)


@pytest.fixture(scope="module")
def raw():
    return {name: rawdata.read_table(name) for name in (lr.COUNTS, lr.DOCUMENTS, lr.JURISDICTIONS, lr.CIS_FISCAL_YEARS,
                                                        lr.LIFT, lr.REPORTS, lr.WEEK1)}


@pytest.fixture(scope="module")
def table(raw):
    return lr.record(raw[lr.COUNTS], raw[lr.DOCUMENTS], raw[lr.CIS_FISCAL_YEARS], raw[lr.LIFT], raw[lr.REPORTS])


def test_the_two_cis_releases_share_654_days_and_the_later_one_implies_a_lower_bound(raw):
    o = lr.cis_release_overlap(raw[lr.CIS_FISCAL_YEARS], raw[lr.COUNTS], ALL)
    assert (o["common_start"], o["common_end"], o["common_days"]) == (dt.date(2022, 10, 1), dt.date(2024, 7, 15), 654)
    assert o["nov_common"] == Bounds.exactly(7934 + 5871)
    assert o["april_common"] == Bounds(0, INF)  # one total: its common days cannot be split out
    assert o["april_total"] == Bounds(25000 + 1400, INF)
    assert (o["after_start"], o["after_end"], o["after_days"]) == (dt.date(2024, 7, 16), dt.date(2025, 2, 6), 206)
    assert o["implied_after"] == Bounds(26400 - 13805, INF)
    assert o["pace_before"].low == pytest.approx(13805 / 654)
    assert o["pace_after"].low == pytest.approx(12595 / 206) and o["pace_after"].kind == "lower"
    assert o["last_full_fiscal_year"] == 2023
    assert o["pace_change_vs_last_full_year_pct"].low == pytest.approx((12595 / 206) / (7934 / 365) * 100 - 100)


def test_counting_declines_alone_makes_the_three_outcome_list_an_upper_bound(raw):
    o = lr.cis_release_overlap(raw[lr.CIS_FISCAL_YEARS], raw[lr.COUNTS], ["declined"])
    assert o["nov_common"] == Bounds(0, 13805)
    assert o["april_total"] == Bounds(25000, INF)  # insufficient notice no longer counted
    assert o["implied_after"] == Bounds(25000 - 13805, INF)
    assert o["pace_before"].kind == "upper"


def test_which_table_total_fits_cis_own_words(raw):
    totals = lr.table_totals(raw[lr.COUNTS], raw[lr.JURISDICTIONS]).set_index("count_id")
    a, b = totals.loc["cis2025_declined_table_total_a"], totals.loc["cis2025_declined_table_total_b"]
    assert a["above_cis_floor"] and a["rounds_to_cis_share"] and a["at_least_listed_states"]
    assert not (b["above_cis_floor"] or b["rounds_to_cis_share"] or b["at_least_listed_states"])
    states = raw[lr.JURISDICTIONS]
    assert a["listed_states_sum"] == states.loc[states.figure == "declined_in_state", "value"].sum()


def test_shares_exact_for_the_same_period_bounded_otherwise(table):
    pairs = lr.share_pairs(table, "medium", 0.5, ALL).set_index(["declines", "issued"])
    dhs = pairs.loc[("dhs_declined_2025", "dhs_issued_2025")]
    assert dhs["same_period"] and dhs["share_bound"] == "exact"
    assert dhs["share_low_pct"] == pytest.approx(17864 / 201340 * 100)
    cis = pairs.loc[("cis2024_total", "trac748_fy2021_to_q1_fy2024")]
    # days both cover: 2021-01-20 to 2023-12-31; FY2021-FY2023 lie inside, FY2024 only partly, TRAC's total reaches outside
    assert cis["common_days"] == (dt.date(2023, 12, 31) - dt.date(2021, 1, 20)).days + 1
    assert cis["share_bound"] == "lower"
    assert cis["share_low_pct"] == pytest.approx((2512 + 5723 + 7934) / 295456 * 100)
    trac_days = (dt.date(2023, 12, 31) - dt.date(2020, 10, 1)).days + 1
    cis_days = (dt.date(2024, 7, 15) - dt.date(2021, 1, 20)).days + 1
    assert (trac_days, cis_days) == (1187, 1273)
    assert cis["pace_ratio_pct"] == pytest.approx((22040 / cis_days) / (295456 / trac_days) * 100)
    # low-confidence figures are never paired
    assert not pairs.reset_index()["issued"].isin(["ice_issued_fy2022", "coloradopolitics_2011"]).any()


def test_stated_shares_are_checked_against_computed_ones(table):
    checked = lr.stated_share_check(table, lr.share_pairs(table, "medium", 0.5, ALL)).set_index("stated")
    assert checked.loc["cis2024_declined_share", "consistent_with_bounds"]
    assert checked.loc["mpi_declined_share_first_104_days", "consistent_with_bounds"]  # about 4: 4.44 rounds to 4
    assert checked.loc["politifact_refused_share_2013_10_to_2015_12", "consistent_with_bounds"] is None


def test_concentration_keeps_its_bounds(raw):
    c = lr.concentration(raw[lr.WEEK1], raw[lr.REPORTS], raw[lr.JURISDICTIONS], raw[lr.COUNTS]).set_index(["level", "largest"])
    assert c.loc[("jurisdiction", "Travis County"), "share_low_pct"] == pytest.approx(142 / 206 * 100)
    assert c.loc[("state", "TX"), "share_bound"] == "lower"
    assert c.loc[("state", "CA"), "share_bound"] == "upper"
    assert c.loc[("state", "CA"), "share_high_pct"] == pytest.approx(13025 / 25000 * 100)


def test_detainers_per_person(raw):
    people = lr.detainers_and_people(raw[lr.COUNTS], 22040)
    assert people["detainers_per_person"] == pytest.approx(8811 / 8145)
    assert people["people_at_2014_ratio"] == pytest.approx(22040 * 8145 / 8811)


def test_lift_reasons_are_by_prepare_year_and_partial_years_stay_out(raw):
    series = weekly.monthly_series(rawdata.read_table(lr.MONTHLY))
    lift = lr.lift_reasons(raw[lr.LIFT], series).set_index("prepared_in")
    assert not lift.loc[2007, "complete_year"] and not lift.loc[2015, "complete_year"]
    assert lift.loc[2015, "detainers_prepared"] is pytest.importorskip("pandas").NA
    lifted_2014 = raw[lr.LIFT].query("calendar_year == 2014")["detainers"].sum()
    assert lift.loc[2014, "declined_share_of_lifted_pct"] == pytest.approx(13595 / lifted_2014 * 100)
    description = next(r for r in rawdata.load_package().values() if r.name == lr.LIFT).field("calendar_year").description
    assert "prepare date" in description and "not the year it was lifted" in description


def test_the_footing_and_the_selection(table):
    footing = lr.on_one_footing(table)
    fy2024 = footing.set_index("count_id").loc["cis2024_fy2024"]
    assert fy2024["days"] == 289 and fy2024["per_day_low"] == pytest.approx(5871 / 289)
    floor = footing.set_index("count_id").loc["trac748_monthly_floor_2023"]
    assert floor["bound"] == "lower" and floor["per_day_low"] == pytest.approx(10000 * 12 / 365.25)
    assert footing.set_index("count_id").loc["ice_issued_fy2024", "value"] == 144692 + 324 + 1732 + 3016
    chosen = lr.select(footing, (dt.date(2021, 1, 1), dt.date(2025, 12, 31)), ["CIS", "DHS", "TRAC"], ["declined"], "medium")
    assert not chosen["count_id"].str.startswith("cis2024_fy").any()  # three outcomes, only one chosen
    assert "cis2025_declined" in set(chosen["count_id"]) and "trac325_fy2012" not in set(chosen["count_id"])
    assert chosen.set_index("count_id").loc["cis2025_declined_table_total_b", "context_only"]


@pytest.mark.parametrize("start, end, message", [
    ("2020-13-01", "2025-01-01", "window_start='2020-13-01' is not a date"),
    ("2006-01-01", "2025-01-01", "window_start='2006-01-01' is outside the record; allowed: 2007-10-01 to 2025-12-31"),
    ("2024-01-01", "2023-01-01", "window_end='2023-01-01' must come after window_start='2024-01-01'"),
    (2020, "2025-01-01", "window_start must be a date (YYYY-MM-DD), got int 2020"),
])
def test_window_parameter(start, end, message):
    with pytest.raises(ParameterError, match=message.replace("(", r"\(").replace(")", r"\)")):
        lr.check_window(start, end, dt.date(2007, 10, 1), dt.date(2025, 12, 31))


def test_list_parameters():
    assert lr.check_list("declined_outcomes", ["declined"], lr.OUTCOMES) == ["declined"]
    with pytest.raises(ParameterError, match="parameter declined_outcomes names 'refused', which is not allowed"):
        lr.check_list("declined_outcomes", ["refused"], lr.OUTCOMES)
    with pytest.raises(ParameterError, match="must be a non-empty list of names, got str 'CIS'"):
        lr.check_list("sources", "CIS", ["CIS"])
    with pytest.raises(ParameterError, match="lists a value twice"):
        lr.check_list("sources", ["CIS", "CIS"], ["CIS"])


def test_a_stated_share_is_recorded_as_inside_or_outside_the_weekly_bounds():
    stats = lr.stated_share_statistics({"cis2024_declined_share": True, "other_share": False})
    assert [(s.statistic, s.value) for s in stats] == [("cis2024_declined_share_within_weekly_bounds", 1),
                                                       ("other_share_within_weekly_bounds", 0)]
    assert all(s.source_set() == {"CIS", "DDP"} for s in stats)


# ----------------------------------------------------------------- issue 21: parameters, words, findings

def test_the_published_parameters_are_the_notebooks_defaults():
    from audit_pipeline import parameters as notebook_parameters
    from detainer_audit import paths

    assert notebook_parameters.declared(paths.NOTEBOOKS / f"{lr.NOTEBOOK}.ipynb") == lr.PUBLISHED_PARAMETERS


def test_the_testimonys_2025_follows_the_chosen_year(table):
    for kind, start, end, days in (("calendar", "2025-01-01", "2025-12-31", 365),
                                   ("fiscal", "2024-10-01", "2025-09-30", 365)):
        read = lr.with_dhs_year(table, kind).set_index("count_id")
        for count in ("dhs_declined_2025", "dhs_issued_2025"):
            assert (str(read.loc[count, "period_start"].date()), str(read.loc[count, "period_end"].date())) == (start, end)
            assert read.loc[count, "days"] == days
    # only the testimony's ambiguous "2025" moves: its other figure keeps its stated period
    fiscal = lr.with_dhs_year(table, "fiscal")
    others = table["document_id"].ne(lr.DHS_DOCUMENT) | table["period_reading"].ne("ambiguous")
    assert fiscal[others].equals(table[others])


def test_the_dhs_ratio_stays_a_bound_when_cis_counts_other_outcomes(raw):
    o = lr.cis_release_overlap(raw[lr.CIS_FISCAL_YEARS], raw[lr.COUNTS], ["declined"])
    dhs = lr.dhs_2025(raw[lr.COUNTS], "fiscal", o)
    # CIS's three-outcome FY2023 count is only an upper bound for declines alone: the ratio is a lower bound
    assert dhs["ratio_to_cis"].kind == "lower"
    assert dhs["ratio_to_cis"].low == pytest.approx((17864 / 365) / (7934 / 365))
    assert (dhs["start"], dhs["end"]) == (dt.date(2024, 10, 1), dt.date(2025, 9, 30))


@pytest.mark.parametrize("ratio, words", [(2.0, "doubled"), (2.8966, "nearly tripled"), (3.0, "tripled"),
                                          (3.2, "a little more than tripled"), (1.5, "rose to 1.50 times"),
                                          (0.5, "fell to 0.50 times"), (4.1, "a little more than quadrupled")])
def test_a_multiple_in_words(ratio, words):
    assert lr.multiple_in_words(ratio) == words


def test_the_pace_sentence_is_generated_from_the_bounds(raw):
    o = lr.cis_release_overlap(raw[lr.CIS_FISCAL_YEARS], raw[lr.COUNTS], ALL)
    text = lr.pace_sentence(o)
    # (26,400 - 13,805) / 206 days against 13,805 / 654 days: a lower bound of 2.90 times
    ratio = (12595 / 206) / (13805 / 654)
    assert f"at least {ratio:.2f} times" in text and "nearly tripled or more" in text
    assert "654 days" in text and "2024-07-16 to 2025-02-06" in text and "cannot tell which" in text


def test_pair_labels_name_publishers_and_periods_in_words(table):
    pairs = lr.share_pairs(table, "medium", 0.5, ALL)
    labels = [lr.pair_label(row) for row in pairs.itertuples()]
    assert "Center for Immigration Studies declines, Jan 2021 to Jul 2024 / TRAC issued, Oct 2020 to Dec 2023" in labels
    assert "ICE declines, fiscal 2016 / TRAC issued, fiscal 2016" in labels
    assert not any("_" in label for label in labels)


def test_an_empty_set_of_pairs_keeps_its_columns(table):
    pairs = lr.share_pairs(table, "high", 1.0, ["declined"])
    assert pairs.empty and list(pairs.columns) == lr.PAIR_COLUMNS
    assert lr.pairs_readers(pairs).empty


def test_statistics_name_the_parameters_used(raw, table):
    footing = lr.on_one_footing(table)
    window = (dt.date(2013, 10, 1), dt.date(2024, 12, 31))
    selected = lr.select(footing, window, ["CIS", "TRAC"], ["declined", "insufficient_notice"], "high")
    o = lr.cis_release_overlap(raw[lr.CIS_FISCAL_YEARS], raw[lr.COUNTS], ["declined", "insufficient_notice"])
    pairs = lr.share_pairs(table[table["source"].isin(["CIS", "TRAC"])], "high", 0.6, ["declined", "insufficient_notice"])
    series = weekly.monthly_series(rawdata.read_table(lr.MONTHLY))
    stats = {s.statistic: s for s in lr.statistics(
        selected, o, lr.table_totals(raw[lr.COUNTS], raw[lr.JURISDICTIONS], raw[lr.DOCUMENTS]), pairs,
        lr.concentration(raw[lr.WEEK1], raw[lr.REPORTS], raw[lr.JURISDICTIONS], raw[lr.COUNTS]),
        lr.detainers_and_people(raw[lr.COUNTS], 22040), lr.lift_reasons(raw[lr.LIFT], series),
        lr.dhs_2025(raw[lr.COUNTS], "fiscal", o), window, "high", 0.6)}
    counted = stats["longer_record_counts"].description
    assert "from 2013-10-01 to 2024-12-31" in counted and "publishers Center for Immigration Studies, TRAC" in counted and "below high" in counted
    assert "insufficient notice" in counted and "early release" not in counted
    assert "fiscal year 2024-10-01 to 2025-09-30" in stats["dhs_2025_declined_per_day"].description
    for item in stats.values():
        if item.statistic.startswith("declined_share_") and not item.statistic.endswith("pace_ratio"):
            assert "at least 60% of the longer period" in item.description
    described = " ".join(s.description for s in stats.values())
    assert "LEA" not in described and "ussanews" not in described and "+" not in described


def test_findings_from_the_computed_values(raw, table):
    footing = lr.on_one_footing(table)
    window = (lr.RECORD_START, lr.RECORD_END)
    selected = lr.select(footing, window, sorted(set(table["source"])), ALL, "medium")
    o = lr.cis_release_overlap(raw[lr.CIS_FISCAL_YEARS], raw[lr.COUNTS], ALL)
    pairs = lr.share_pairs(table, "medium", 0.5, ALL)
    series = weekly.monthly_series(rawdata.read_table(lr.MONTHLY))
    lift = lr.lift_reasons(raw[lr.LIFT], series)
    text = " ".join(lr.findings(selected, window, "medium", o, lr.dhs_2025(raw[lr.COUNTS], "calendar", o), pairs,
                                lr.stated_share_check(table, pairs),
                                lr.concentration(raw[lr.WEEK1], raw[lr.REPORTS], raw[lr.JURISDICTIONS], raw[lr.COUNTS]),
                                lr.detainers_and_people(raw[lr.COUNTS], 22040), lift, 0.5))
    assert f"{len(selected)} counts" in text and "From 2007-10-01 to 2025-12-31" in text
    assert "nearly tripled or more" in text and "cannot tell which" in text
    assert f"{17864 / 365:.1f} a day" in text and "read as the calendar year" in text
    assert f"{142 / 206 * 100:.1f}% of 206 declined records" in text and "Texas" in text and "California" in text
    assert f"{8811 / 8145:.2f} detainers per person" in text and "cannot be known" in text
    # NPR's prepare years: 64 in 2008 to 13,595 in 2014, 13,595 / 147,849 of that year's detainers
    assert "rose from 64 of those prepared in 2008 to 13,595" in text and f"{13595 / 147849 * 100:.1f}%" in text
    assert not any(word in text for word in ("LEA", "cis2024_", "trac748", "_pct"))
