import pandas as pd
import pytest

from detainer_audit import declined, rawdata
from helpers import ROOT


@pytest.fixture
def raw():
    return rawdata.read_table(declined.TABLE)


def test_coverage_table_marks_partial_years_and_counts_days(raw):
    table = declined.coverage_table(raw, [2021, 2022, 2023, 2024], "days_in_fiscal_year").set_index("fiscal_year")
    assert table["partial_year"].to_dict() == {2021: True, 2022: False, 2023: False, 2024: True}
    # 2021-01-20..2021-09-30: 12 days of January + Feb 28 + Mar 31 + Apr 30 + May 31 + Jun 30 + Jul 31 + Aug 31 + Sep 30
    assert table.loc[2021, "days_covered"] == 12 + 28 + 31 + 30 + 31 + 30 + 31 + 31 + 30
    # 2023-10-01..2024-07-15: Oct 31 + Nov 30 + Dec 31 + Jan 31 + Feb 29 (leap) + Mar 31 + Apr 30 + May 31 + Jun 30 + 15
    assert table.loc[2024, "days_covered"] == 31 + 30 + 31 + 31 + 29 + 31 + 30 + 31 + 30 + 15
    assert table.loc[2024, "days_in_fiscal_year"] == 366
    # full years annualize to their own count; partial ones scale up
    assert table.loc[2022, "annualized"] == pytest.approx(5723)
    assert table.loc[2024, "annualized"] == pytest.approx(5871 / 289 * 366)
    assert table["declined_detainers"].sum() == 22040


def test_basis_changes_only_partial_years(raw):
    fiscal = declined.coverage_table(raw, [2021, 2022, 2023, 2024], "days_in_fiscal_year")
    flat = declined.coverage_table(raw, [2021, 2022, 2023, 2024], "fixed_365")
    assert fiscal.loc[fiscal.fiscal_year == 2024, "annualized"].item() > flat.loc[flat.fiscal_year == 2024, "annualized"].item()
    assert fiscal.loc[fiscal.fiscal_year == 2021, "annualized"].item() == flat.loc[flat.fiscal_year == 2021, "annualized"].item()


def test_year_over_year_change_uses_annualized_values(raw):
    table = declined.coverage_table(raw, [2023, 2024], "days_in_fiscal_year")
    assert pd.isna(table["change_annualized_pct"].iloc[0])
    assert table["change_annualized_pct"].iloc[1] == pytest.approx((5871 / 289 * 366 / 7934 - 1) * 100)
    assert declined.trend_words(table)[0].startswith("FY2023 -> FY2024: down 6.3%")


def test_statistics_named_as_the_results_table_expects(raw):
    table = declined.coverage_table(raw, [2021, 2022, 2023, 2024], "days_in_fiscal_year")
    names = [s.statistic for s in declined.statistics(table, "days_in_fiscal_year")]
    for required in ["declined_fy2021", "declined_fy2022", "declined_fy2023", "declined_fy2024",
                     "declined_total", "declined_fy2024_annualized"]:
        assert required in names




def test_the_lag_range_stops_where_the_weekly_counts_stop():
    checked = declined.Parameters()
    assert (checked.lag_max_days, checked.lag_step_days) == (105, 15)
    # FY2021 starts on 2021-01-20, the weekly counts on 2020-09-27: 115 days
    assert declined.Parameters(lag_max_days=115, lag_step_days=5).lag_max_days == 115
    with pytest.raises(declined.params.ParameterError,
                       match=r"lag_max_days=180 is out of range; allowed: 0 to 115 \(the weekly counts start on 2020-09-27"):
        declined.Parameters(lag_max_days=180)
    # without FY2021 the first counted day is 2021-10-01, so longer lags are covered
    assert declined.Parameters(fiscal_years=[2022, 2023], lag_max_days=180).lag_max_days == 180
    with pytest.raises(declined.params.ParameterError, match="lag_step_days=20 must be a whole number of days from 1"):
        declined.Parameters(lag_step_days=20)
    with pytest.raises(declined.params.ParameterError, match="lag_max_days must be a whole number of days, got str"):
        declined.Parameters(lag_max_days="90")
    with pytest.raises(declined.params.ParameterError, match="monthly_context_to='2023-06-30' must come after monthly_to"):
        declined.Parameters(monthly_context_to="2023-06-30")


def test_the_answer_follows_every_parameter():
    """Notebook 01's one call at parameters other than the published ones: each figure, statistic and sentence
    that depends on a parameter shows the value used, and none shows a published value not used."""
    p = declined.Parameters(fiscal_years=[2023, 2024], annualization_basis="fixed_365", claimed_total_floor=23000,
                            monthly_from="2023-03-01", monthly_to="2023-11-30", monthly_context_to="2024-06-30",
                            lag_max_days=60, lag_step_days=30)
    answer = declined.answer(p)
    answer.close()
    text, names, found = answer.text(), answer.names(), "\n".join(answer.findings)
    described = {item.statistic: item.description for item in answer.statistics}
    bars, shares = answer["count_figure"].figure.drawn, answer["share_figure"].figure.drawn
    # fiscal_years: only FY2023 and FY2024, in both figures, the statistics and the sentences
    assert list(bars["fiscal_year"]) == [2023, 2024]
    assert sorted({int(fy) for fy in shares["fiscal_year"]}) == [2023, 2024]
    assert answer.value("declined_total") == 7934 + 5871  # CIS's two counts
    assert not {"declined_fy2021", "declined_fy2022", "declined_share_fy2021"} & names
    assert answer.findings[0].startswith("CIS's counts for FY2023, FY2024 add up to 13,805") and "FY2021" not in found
    # annualization_basis: FY2024's 5,871 over its 289 days, times 365 (not the 366 of a leap fiscal year)
    assert round(answer.value("declined_fy2024_annualized"), 4) == round(5871 / 289 * 365, 4)
    assert set(bars["annualization_basis"]) == {"fixed_365"} and set(shares["annualization_basis"]) == {"fixed_365"}
    assert "count per day of coverage x 365" in described["declined_fy2024_annualized"]
    # claimed_total_floor: the figure under test, in the findings and in the section on the total
    assert "not more than 23,000 (short by 9,195)" in found
    assert "More than 23,000? no, short by 9,195" in answer["total"].text()
    # monthly_from, monthly_to and monthly_context_to: the spans of the monthly averages
    assert "2023-03-01 to 2023-11-30 (the span chosen for the cited figure)" in described["detainers_issued_per_month_trac_span"]
    assert "2023-03-01 to 2024-06-30" in described["detainers_issued_per_month_2023_to_article"]
    assert "From 2023-03-01 to 2023-11-30 (the span chosen for the cited figure), ICE issued" in text
    assert "2023-02-01" not in " ".join(described.values())
    assert not any("2023-12-31" in said for name, said in described.items() if "per_month" in name)
    # lag_max_days and lag_step_days: the lags drawn, recorded and stated
    assert sorted({int(lag) for lag in shares["lag_days"]}) == [0, 30, 60]
    assert answer.value("declined_share_lag_max_days") == 60 and answer.value("declined_share_lag_step_days") == 30
    assert "lags from 0 to 60 days, every 30 days" in text and "105 days" not in text
    assert "over lags of 0 to 60 days" in described["declined_share_change_min_pp_low"]
    # and the articles' claims are judged only at the published parameters
    assert answer.changed["annualization_basis"] == ("fixed_365", "days_in_fiscal_year")
    assert "judged only at the published parameters" in text


@pytest.fixture(scope="module")
def published():
    """Notebook 01's answer at the published parameters."""
    from helpers import published_answer

    return published_answer(declined)


def test_the_total_is_computed_once_and_every_sentence_reads_it(published):
    """The declined total, its days and its pace are recorded once; the section on the total and the findings
    state the recorded values, and the windows' whole span declines the same count."""
    answer = published
    total = answer.value("declined_total")
    assert total == 22040 and not answer.changed
    said = answer["total"].text()
    assert f"{total:,.0f} over {answer.value('days_covered_total'):,.0f} days" in said
    assert f"{answer.value('declined_per_month_total'):,.0f} a month" in said and "More than 22,000? yes, by 40" in said
    assert answer.findings[0].startswith(f"CIS's counts for FY2021, FY2022, FY2023, FY2024 add up to {total:,.0f}")
    assert "the whole span   2021-01-20  2024-07-15         22,040" in answer["windows"].tables[0].to_string()
    assert "judged only at the published parameters" not in answer.text()


def test_the_same_days_are_the_first_lag(published):
    """The windows over the same days, recorded as statistics, are the lag of 0 days the lags start from."""
    answer = published
    drawn = answer["share_figure"].figure.drawn
    same = drawn[drawn["lag_days"] == 0].set_index("fiscal_year")
    for fiscal_year, row in same.iterrows():
        assert round(answer.value(f"declined_share_fy{fiscal_year}"), 4) == round(row["share_estimate_pct"], 4)
        assert round(answer.value(f"detainers_issued_fy{fiscal_year}"), 4) == round(row["issued_estimate"], 4)


def test_the_windows_read_back_from_the_results_are_the_windows_computed(published):
    """Another notebook can take notebook 01's windows over the same days from its results (`windows_of`), as
    recorded (four decimals), instead of computing them again: the same windows, days and numbers."""
    from detainer_audit import issued, results

    cis_years = rawdata.read_table(declined.TABLE)
    computed = issued.windows_table(rawdata.read_table(issued.WEEKLY), cis_years, "days_in_fiscal_year")
    numbers = ["issued_estimate", "issued_low", "issued_high", "share_estimate_pct", "share_low_pct", "share_high_pct"]
    for recorded in (results.table(declined.NOTEBOOK, published.statistics),
                     results.read([declined.NOTEBOOK], root=ROOT)):  # the answer's, and the published results
        read = declined.windows_of(recorded, cis_years)
        assert list(read["window"]) == ["FY2021", "FY2022", "FY2023", "FY2024", "total"]
        pd.testing.assert_frame_equal(read[numbers], computed[numbers], atol=1e-4, rtol=0)
        for column in ("counted_from", "counted_to", "declined"):
            assert read[column].tolist() == computed[column].tolist(), column
    with pytest.raises(KeyError, match="notebook 01's results hold no statistic 'declined_fy"):
        declined.windows_of(pd.DataFrame({"statistic": ["other"], "value": [1.0]}), cis_years)
