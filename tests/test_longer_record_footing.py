"""Notebook 04, section 1 (`longer_record.s1_footing`), and what every section reads: the one table of every
count (`longer_record.shared`) and the notebook's parameters."""

import datetime as dt
from fractions import Fraction

import pytest

from detainer_audit import longer_record as lr
from detainer_audit.longer_record import s1_footing
from detainer_audit.params import ParameterError
from longer_record_data import ALL, raw, table  # noqa: F401 (fixtures)


# (that the published parameters are the notebook's defaults is proven once, for every notebook, in
# test_notebook_parameters.py)


@pytest.mark.parametrize("changed, message", [
    ({"window_start": "2006-01-01"}, "window_start='2006-01-01' is outside the record; allowed: 2007-10-01 to 2025-12-31"),
    ({"sources": ["CIS", "Breitbart"]}, "parameter sources names 'Breitbart', which is not allowed"),
    ({"declined_outcomes": ["refused"]}, "parameter declined_outcomes names 'refused', which is not allowed"),
    ({"min_confidence": "low"}, "min_confidence='low' is not allowed"),
    ({"dhs_2025_year": "school"}, "dhs_2025_year='school' is not allowed"),
])
def test_the_notebooks_parameters_are_checked(changed, message):
    with pytest.raises(ParameterError, match=message.replace("(", r"\(").replace(")", r"\)")):
        lr.Parameters(**changed)


def test_categories_are_summed_and_every_row_has_a_publisher_and_its_days(table):
    rows = table.set_index("count_id")
    # ICE prints its FY2024 detainers by category only (four rows of data/raw/detainer_counts.csv)
    assert rows.loc["ice_issued_fy2024", "value"] == 144692 + 324 + 1732 + 3016
    assert not table["count_id"].str.contains("_category_").any()
    # NPR's lift-reason years: the extract's partial first and last years stay out
    assert {"npr_declined_2008", "npr_declined_2014"} <= set(rows.index)
    assert not {"npr_declined_2007", "npr_declined_2015"} & set(rows.index)
    assert table["source"].notna().all() and (table["days"] > 0).all()


def test_the_testimonys_2025_follows_the_chosen_year(table):
    for kind, start, end in (("calendar", "2025-01-01", "2025-12-31"), ("fiscal", "2024-10-01", "2025-09-30")):
        read = lr.shared.with_dhs_year(table, kind).set_index("count_id")
        for count in ("dhs_declined_2025", "dhs_issued_2025"):
            assert (str(read.loc[count, "period_start"].date()), str(read.loc[count, "period_end"].date())) == (start, end)
            assert read.loc[count, "days"] == 365  # neither year has a 29 February
    # only the testimony's ambiguous "2025" moves: its other figure keeps its stated period
    fiscal = lr.shared.with_dhs_year(table, "fiscal")
    others = table["document_id"].ne(lr.shared.DHS_DOCUMENT) | table["period_reading"].ne("ambiguous")
    assert fiscal[others].equals(table[others])


def test_the_footing_and_the_selection(table):
    footing = s1_footing.on_one_footing(table).set_index("count_id")
    # CIS's FY2024 runs from 1 October 2023 to 15 July 2024: 289 days, both ends counted
    assert footing.loc["cis2024_fy2024", "days"] == 289
    assert footing.loc["cis2024_fy2024", "per_day_low"] == pytest.approx(float(Fraction(5871, 289)))
    # TRAC's "more than 10,000 a month" in 2023: a lower bound, per day of an average month (365.25 / 12 days)
    floor = footing.loc["trac748_monthly_floor_2023"]
    assert floor["bound"] == "lower" and floor["per_day_low"] == pytest.approx(float(Fraction(10000 * 12 * 4, 1461)))
    chosen = s1_footing.select(footing.reset_index(), dt.date(2021, 1, 1), dt.date(2025, 12, 31),
                               ["CIS", "DHS", "TRAC"], ["declined"], "medium")
    assert not chosen["count_id"].str.startswith("cis2024_fy").any()  # three outcomes, only one chosen
    assert "cis2025_declined" in set(chosen["count_id"]) and "trac325_fy2012" not in set(chosen["count_id"])
    assert chosen.set_index("count_id").loc["cis2025_declined_table_total_b", "context_only"]


def test_a_monthly_average_and_a_daily_figure_are_put_per_day():
    from detainer_audit.bounds import Bounds

    assert s1_footing.per_day(Bounds.exactly(1461), "average_per_month", 31) == Bounds.exactly(48)
    assert s1_footing.per_day(Bounds.exactly(7), "average_per_day", 1) == Bounds.exactly(7)
    with pytest.raises(ValueError, match="no per-day rate"):
        s1_footing.per_day(Bounds.exactly(7), "share", 1)


def test_statistics_and_findings_name_the_parameters_used(table):
    footing = s1_footing.on_one_footing(table)
    window = (dt.date(2013, 10, 1), dt.date(2024, 12, 31))
    selected = s1_footing.select(footing, *window, ["CIS", "TRAC"], ["insufficient_notice", "declined"], "high")
    recorded = s1_footing.statistics(selected, *window, ["insufficient_notice", "declined"], "high")
    stats = {s.statistic: s for s in recorded}
    counted = stats["longer_record_counts"].description
    assert "from 2013-10-01 to 2024-12-31" in counted and "publishers Center for Immigration Studies, TRAC" in counted
    assert "declines of declined by the law enforcement agency and insufficient notice" in counted
    assert "below high confidence" in counted and "early release" not in counted
    assert stats["longer_record_counts"].value == len(selected)
    text = " ".join(s1_footing.findings(recorded, *window, "high"))
    assert f"From 2013-10-01 to 2024-12-31, {len(selected)} counts" in text and "below high confidence" in text
