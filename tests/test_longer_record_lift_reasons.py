"""Notebook 04, section 6 (`longer_record.s6_lift_reasons`): ICE's lift reasons by the year a detainer was
prepared; the extract's partial first and last years stay out of the statistics."""

from fractions import Fraction

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from detainer_audit import longer_record as lr
from detainer_audit import rawdata
from detainer_audit.longer_record import s6_lift_reasons as s6
from detainer_audit.results import display
from longer_record_data import raw, series  # noqa: F401 (fixtures)


@pytest.fixture(scope="module")
def lift(raw, series):
    return s6.lift_reasons(raw[lr.shared.LIFT], series)


def test_lift_reasons_are_by_prepare_year_and_partial_years_stay_out(raw, lift):
    by_year = lift.set_index("prepared_in")
    assert not by_year.loc[2007, "complete_year"] and not by_year.loc[2015, "complete_year"]
    assert by_year.loc[2015, "detainers_prepared"] is pd.NA
    lifted_2014 = raw[lr.shared.LIFT].query("calendar_year == 2014")["detainers"].sum()
    assert by_year.loc[2014, "declined_share_of_lifted_pct"] == pytest.approx(float(Fraction(13595, int(lifted_2014)) * 100))
    description = next(r for r in rawdata.load_package().values() if r.name == lr.shared.LIFT).field("calendar_year").description
    assert "prepare date" in description and "not the year it was lifted" in description


def test_statistics_findings_and_figure_use_whole_years_only(lift):
    names = {s.statistic: s.value for s in s6.statistics(lift)}
    assert "declined_by_lea_2007" not in names and "declined_by_lea_2015" not in names
    assert names["declined_by_lea_peak_year"] == 2014 and names["declined_by_lea_2014"] == 13595
    # NPR's prepare years: 64 in 2008 to 13,595 in 2014, of the 147,849 detainers prepared in 2014
    text = " ".join(s6.findings(lift))
    assert "rose from 64 of those prepared in 2008 to 13,595 of those prepared in 2014" in text
    assert f"({display(float(Fraction(13595, 147849) * 100), 'percent')}% of that year's detainers)" in text and "LEA" not in text
    figure, drawn = s6.figure(lift)
    assert sorted(set(drawn["prepared_in"])) == list(range(2008, 2015))
    assert set(drawn["lift_reason"]) == {"declined by the law enforcement agency", "early release"}
    plt.close(figure)
