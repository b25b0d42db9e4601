import pandas as pd
import pytest

from detainer_audit import issued, rawdata, weekly
from detainer_audit.weekly import ddp as weekly_ddp, rates
from detainer_audit.params import ParameterError


@pytest.fixture(scope="module")
def series():
    return rates.monthly_series(rawdata.read_table(weekly.MONTHLY))


def test_partial_month_has_no_weekly_rate_and_breaks_its_year(series):
    july = series.set_index("month").loc["2015-07"]
    assert not july["whole_month"] and pd.isna(july["weekly_rate"])
    assert 2015 not in rates.complete_years(series, "calendar")
    assert 2015 not in rates.complete_years(series, "fiscal")


def test_series_edges_give_complete_years(series):
    # the series starts in October 2007: FY2008 is complete, calendar 2007 is not
    assert rates.complete_years(series, "fiscal") == list(range(2008, 2015))
    assert rates.complete_years(series, "calendar") == list(range(2008, 2015))


def test_fiscal_and_calendar_2011_differ_by_their_months(series):
    fiscal = rates.year_total(series, 2011, "fiscal")
    calendar = rates.year_total(series, 2011, "calendar")
    by_month = series.set_index("month")["detainers_issued"]
    oct_dec_2010 = by_month[["2010-10", "2010-11", "2010-12"]].sum()
    oct_dec_2011 = by_month[["2011-10", "2011-11", "2011-12"]].sum()
    assert fiscal["total"] - calendar["total"] == oct_dec_2010 - oct_dec_2011
    assert fiscal["months"] == calendar["months"] == 12
    assert fiscal["days"] == calendar["days"] == 365


def test_leap_year_baseline_has_366_days(series):
    assert rates.year_total(series, 2012, "fiscal")["days"] == 366  # holds 2012-02-29
    assert rates.year_total(series, 2012, "calendar")["days"] == 366
    rate = rates.baseline(series, 2012, "calendar", "days/7")
    assert rate["weekly_rate"] == pytest.approx(rate["total"] / (366 / 7))


def test_baseline_outside_series_names_the_range(series):
    with pytest.raises(ParameterError, match="baseline_year=2016 is outside the monthly series for fiscal years; "
                                             "complete fiscal years available: 2008 to 2014"):
        rates.year_total(series, 2016, "fiscal")
    with pytest.raises(ParameterError, match="calendar years available: 2008 to 2014"):
        rates.year_total(series, 2007, "calendar")


def test_conventions_differ_by_the_extra_day(series):
    days7 = rates.baseline(series, 2011, "fiscal", "days/7")["weekly_rate"]
    fixed = rates.baseline(series, 2011, "fiscal", "52_weeks")["weekly_rate"]
    assert fixed / days7 == pytest.approx(365 / 7 / 52)


def test_report_weeks_are_single_weeks():
    weeks = rates.report_weeks(rawdata.read_table(weekly.REPORTS))
    assert (weeks["days"] == 7).all()
    assert (weeks["weekly_rate"] == weeks["detainers_issued_nationwide"]).all()


def test_fiscal_span_average_counts_the_leap_day():
    trac_years = rates.trac_fiscal_years(rawdata.read_table(weekly.COUNTS))
    span = rates.fiscal_span_average(trac_years, [2015, 2016], "days/7")
    assert span["days"] == 365 + 366
    assert span["weekly_rate"] == pytest.approx(span["total"] / (731 / 7))
    with pytest.raises(ParameterError, match="no TRAC total for \\[2011\\]"):
        rates.fiscal_span_average(trac_years, [2011, 2012], "days/7")
    with pytest.raises(ParameterError, match="consecutive"):
        rates.fiscal_span_average(trac_years, [2013, 2015], "days/7")


def test_source_comparison_leaves_incomplete_year_without_difference(series):
    trac_years = rates.trac_fiscal_years(rawdata.read_table(weekly.COUNTS))
    table = rates.source_comparison(series, trac_years).set_index("fiscal_year")
    assert list(table.index) == [2012, 2013, 2014, 2015]
    assert pd.isna(table.loc[2015, "difference"])
    assert "incomplete" in table.loc[2015, "monthly_series_months"]
    assert table.loc[2012, "difference"] == table.loc[2012, "monthly_series_total"] - table.loc[2012, "trac_total"]


def test_trac_totals_skip_revised_averaged_and_bounded_figures():
    counts = rawdata.read_table(weekly.COUNTS)
    totals = rates.trac_totals(counts).set_index("count_id")
    assert "trac511_fy2012" in totals.index and "trac325_fy2012" not in totals.index  # revised by report 511
    assert "trac748_monthly_floor_2023" not in totals.index and "trac575_fy2009_per_month" not in totals.index
    years = rates.trac_fiscal_years(counts)
    assert years["fiscal_year"].tolist() == [2012, 2013, 2014, 2015, 2016, 2017]
    assert years.set_index("fiscal_year").loc[2012, "detainers"] == 276181
    assert "trac370_fy2014_five_months" in totals.index and 2014 in years["fiscal_year"].tolist()
    assert years.set_index("fiscal_year").loc[2014, "trac_report"] == 511  # not the five-month 'FY2014'


def test_single_months_compare_only_whole_months():
    series = rates.monthly_series(rawdata.read_table(weekly.MONTHLY))
    months = rates.single_month_comparison(series, rawdata.read_table(weekly.COUNTS))
    assert months["month"].tolist() == ["2011-08", "2011-10", "2011-11"]
    assert months.set_index("month").loc["2011-10", "difference"] == 25625 - 24515




def test_a_comparison_span_the_check_accepts_runs_and_one_it_cannot_run_is_refused():
    """[2013, 2014] passed the check and then failed on a CIS figure that does not exist; [2013, 2015]
    passed the check and failed later. Now the first works and the second is refused up front."""
    assert weekly.Parameters(comparison_fiscal_years=[2014, 2013]).comparison_fiscal_years == [2013, 2014]
    with pytest.raises(ParameterError, match="must be consecutive years"):
        weekly.Parameters(comparison_fiscal_years=[2013, 2015])


def test_cis_published_weekly_figures_exist_for_2011_2015_and_2016_only():
    published = rawdata.read_table(weekly.PUBLISHED)
    assert rates.cis_weekly_average(published, 2011) == 6080  # Cadman, CIS, 2017-03-23
    assert rates.cis_weekly_average(published, 2013) is None


def test_the_answer_follows_every_parameter():
    """Notebook 02's one call at parameters other than the published ones: each figure series, statistic and
    sentence that depends on a parameter shows the value used, and none shows a published value not used."""
    p = weekly.Parameters(baseline_year=2012, baseline_year_kind="calendar", weeks_convention="52_weeks",
                          comparison_fiscal_years=[2013, 2014], report_week=2)
    answer = weekly.answer(p)
    answer.close()
    text, names = answer.text(), answer.names()
    described = {item.statistic: item.description for item in answer.statistics}
    drawn = answer["figure"].figure.drawn
    series = set(drawn["series"])
    # baseline_year and baseline_year_kind: the year drawn, recorded and stated
    assert "calendar year 2012 average" in series and not any("2011" in s for s in series)
    assert {"weekly_rate_2012_calendar", "weekly_rate_2012_fiscal", "ratio_2012_to_2017_week"} <= names
    assert not {n for n in names if "2011" in n}
    assert "In calendar year 2012 ICE issued" in text and "CIS published no weekly figure for that year" in text
    # weeks_convention: the weeks each average is divided by (a calendar year 2012 has 366 days)
    assert "over 52.00 weeks (weeks = 52 for a whole year" in described["weekly_rate_2012_calendar"]
    assert "over 104.00 weeks (weeks = 52 for a whole year" in described["weekly_rate_obama_fy2013_fy2014"]
    span = drawn.set_index("series").loc["FY2013-FY2014 average (TRAC)"]
    assert span["per_week"] == round(answer.value("weekly_rate_obama_fy2013_fy2014"), 2)
    # comparison_fiscal_years: the span drawn, recorded and compared
    assert "FY2013-FY2014 average (TRAC)" in series and not any("FY2015-FY2016" in s for s in series)
    assert not {n for n in names if "fy2015" in n or "fy2016" in n}
    assert "CIS published no weekly figure for 2013" in text and "FY2015-FY2016" not in text
    # report_week: the week compared and stated; the ratio stated is the week's own, 2,825 over the span's average
    assert "Report week 2 (from 2017-02-04) had 2,825 detainers" in text
    assert f"{2825 / answer.value('weekly_rate_obama_fy2013_fy2014'):.2f} times the FY2013-FY2014" in text
    assert "report week 1," not in text.lower()
    # the articles' claims are judged at the published parameters only, and the answer says so
    assert answer.changed["report_week"] == (2, 1)
    assert "judged only at the published parameters" in text and "and report_week to other values" in text


def test_each_ratio_is_stated_as_recorded():
    """The comparisons and findings read each ratio from the statistic that records it (computed once)."""
    from helpers import published_answer

    answer = published_answer(weekly)
    said = answer["comparisons"].text() + answer.text()
    for name in ("ratio_2017_week_to_obama_fy2015_fy2016", "ratio_2011_to_2017_week",
                 "ratio_2017_weeks_mean_to_obama_fy2015_fy2016", "ratio_2017_week_to_cis_published_fy2015_fy2016"):
        assert f"= {answer.value(name):.2f} times" in said, name
    assert not answer.changed and "judged only at the published parameters" not in answer.text()


def figure_inputs(series, baseline_year: int, baseline_year_kind: str, fiscal_years: list[int]):
    """What notebook 02's figure draws besides the monthly series: TRAC's fiscal years, the report weeks,
    the baseline year's average and the comparison years' average (weeks counted as days / 7)."""
    import matplotlib

    matplotlib.use("Agg")
    trac_years = rates.trac_fiscal_years(rawdata.read_table(weekly.COUNTS))
    weeks = rates.report_weeks(rawdata.read_table(weekly.REPORTS))
    base = rates.baseline(series, baseline_year, baseline_year_kind, "days/7")
    return trac_years, weeks, base, rates.fiscal_span_average(trac_years, fiscal_years, "days/7")


def test_the_figure_labels_what_was_drawn(series):
    trac_years, weeks, base, span = figure_inputs(series, 2012, "calendar", [2013, 2014])
    fig, drawn = rates.figure(series, trac_years, weeks, base, span, "days/7", None, 3)
    assert "FY2013-FY2014 average (TRAC)" in set(drawn["series"])
    assert "calendar year 2012 average" in set(drawn["series"])
    assert not any("FY2015-FY2016" in s or "2011" in s for s in drawn["series"])
    assert any("report week 3, from 2017-02-11" in t.get_text() for t in fig.axes[0].texts)


# ----------------------------------------------------------------- DDP's weekly counts of 2016-2017 (segment S1)

@pytest.fixture(scope="module")
def ddp():
    return rawdata.read_table(weekly_ddp.DDP_WEEKS)


def test_ddp_weeks_2016_2017_are_all_doubled_and_end_where_segment_s1_ends(ddp):
    assert (ddp["releases_counted"] == 2).all() and (ddp["segment"] == "S1").all()
    assert ddp["week_from"].min() == pd.Timestamp("2016-09-25") and ddp["week_from"].max() == pd.Timestamp("2017-06-18")
    assert len(ddp) == 39


def test_a_report_week_takes_one_day_of_ddps_week_before_and_is_bounded_half_to_all(ddp):
    weeks = rates.report_weeks(rawdata.read_table(weekly.REPORTS))
    table = weekly_ddp.report_weeks(ddp, weeks).set_index("report_week")
    by_week = ddp.set_index("week_from")["detainers_prepared"]
    # the report's Saturday 2017-01-28 is the last day of DDP's week of 2017-01-22; Sunday to Friday are six of the next
    printed = by_week[pd.Timestamp("2017-01-22")] / 7 + by_week[pd.Timestamp("2017-01-29")] * 6 / 7
    assert table.loc[1, "ddp_high"] == pytest.approx(printed) and table.loc[1, "ddp_low"] == pytest.approx(printed / 2)
    assert table.loc[1, "ice"] == 3083 and table.loc[1, "inside"]
    # week 2's own count is below even half of DDP's: said, never hidden
    assert not table.loc[2, "inside"] and table.loc[2, "ice_vs_ddp_low_pct"] < 0


def test_obama_months_in_ddp_are_bounded_and_the_ratio_runs_the_other_way(ddp):
    months = weekly_ddp.obama_months(ddp)
    assert (months["start"].isoformat(), months["end"].isoformat(), months["days"]) == ("2016-10-01", "2017-01-19", 111)
    count = issued.window_count(ddp, "2016-10-01", "2017-01-19")
    assert months["bounds"].high == pytest.approx(count.bounds.high / (111 / 7))
    assert months["bounds"].low == pytest.approx(months["bounds"].high / 2) == pytest.approx(months["estimate"])
    weeks = rates.report_weeks(rawdata.read_table(weekly.REPORTS))
    chosen = weeks.set_index("report_week").loc[1]
    stats = {s.statistic: s for s in weekly_ddp.statistics(weekly_ddp.report_weeks(ddp, weeks), months, chosen)}
    # the week over the high end of the average is the low end of the ratio, and the other way round
    assert stats["ratio_2017_week_to_ddp_obama_fy2017_low"].value == pytest.approx(3083 / months["bounds"].high)
    assert stats["ratio_2017_week_to_ddp_obama_fy2017_high"].value == pytest.approx(3083 / months["bounds"].low)
    assert stats["ratio_2017_week_to_ddp_obama_fy2017_low"].unit == "ratio (lower bound)"
    assert stats["ddp_detainers_week_2017_01_28_high"].unit == "detainers (upper bound)"
    assert stats["ddp_detainers_week_2017_01_28"].source_set() == {"DDP"}
    assert stats["ddp_report_weeks_within_bounds"].value == 2
    assert count.edge_weeks == 2


def test_ddp_findings_say_what_ddp_cannot_give(ddp):
    weeks = rates.report_weeks(rawdata.read_table(weekly.REPORTS))
    chosen = weeks.set_index("report_week").loc[1]
    obama = rates.fiscal_span_average(rates.trac_fiscal_years(rawdata.read_table(weekly.COUNTS)), [2015, 2016], "days/7")
    text = " ".join(weekly_ddp.findings(weekly_ddp.report_weeks(ddp, weeks), weekly_ddp.obama_months(ddp),
                                            chosen, obama))
    assert "run from 2016-09-25 to 2017-06-24, so they cannot give the FY2015-FY2016 average itself" in text
    # prorated and halved counts to the nearest ten: 2,882.6 and 5,765.3
    assert "about 2,880 to 5,770 detainers" in text and "2,883" not in text
    assert "ICE's 3,083 is within that range, 7% above its low end" in text
    assert "run from 5% below to 7% above DDP's halved counts" in text  # week 2 below, week 1 above
    # TRAC's two-year average (1,750) sits below even the low end of Obama's last months in DDP (about 1,840)
    assert "about 1,840 to 3,670 detainers a week; TRAC's FY2015-FY2016 average, 1,750 a week, is below that range" in text
    assert "0.8 to 1.7 times the average of those months" in text


def test_the_figure_draws_ddps_weeks_as_a_band_from_half_to_all(series, ddp):
    trac_years, weeks, base, span = figure_inputs(series, 2011, "fiscal", [2015, 2016])
    _, without = rates.figure(series, trac_years, weeks, base, span, "days/7", None, 1)
    _, drawn = rates.figure(series, trac_years, weeks, base, span, "days/7", None, 1, ddp)
    assert not without["series"].str.startswith("DDP").any()
    band = drawn[drawn["series"].str.startswith("DDP week")].set_index(["start", "series"])["per_week"]
    assert len(band) == 2 * len(ddp)
    assert band[("2017-01-29", "DDP week, high end (all)")] == 5935
    assert band[("2017-01-29", "DDP week, low end (half)")] == 5935 / 2
