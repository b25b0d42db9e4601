import pytest

from detainer_audit import history, rawdata, weekly


@pytest.fixture(scope="module")
def table():
    series = weekly.monthly_series(rawdata.read_table(weekly.MONTHLY))
    return history.declined_by_lea(rawdata.read_table(history.LIFT), series).set_index("calendar_year")


def test_partial_years_are_flagged_and_not_compared_with_issued(table):
    # the extract starts in October 2007 and stops part-way through July 2015
    assert not table.loc[2007, "complete_year"] and not table.loc[2015, "complete_year"]
    assert table.loc[2008:2014, "complete_year"].all()
    assert table.loc[2015, "detainers_issued"] is pytest.importorskip("pandas").NA


def test_shares_use_lifted_and_issued_totals(table):
    lift = rawdata.read_table(history.LIFT)
    lifted_2014 = lift.loc[lift.calendar_year == 2014, "detainers"].sum()
    assert table.loc[2014, "lifted_with_a_reason"] == lifted_2014
    assert table.loc[2014, "share_of_lifted_pct"] == pytest.approx(table.loc[2014, "declined_by_lea"] / lifted_2014 * 100)
    assert table.loc[2014, "share_of_issued_pct"] == pytest.approx(
        table.loc[2014, "declined_by_lea"] / table.loc[2014, "detainers_issued"] * 100)


def test_statistics_cover_only_complete_years(table):
    names = [s.statistic for s in history.statistics(table.reset_index())]
    assert "declined_by_lea_2014" in names and "declined_by_lea_2015" not in names and "declined_by_lea_2007" not in names
    peak = next(s for s in history.statistics(table.reset_index()) if s.statistic == "declined_by_lea_peak_year")
    assert peak.value == table[table.complete_year]["declined_by_lea"].idxmax()
