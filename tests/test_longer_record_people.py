"""Notebook 04, section 5 (`longer_record.s5_people`): detainers are not people; the one source that gives both."""

from fractions import Fraction

import pytest

from detainer_audit import longer_record as lr
from detainer_audit.longer_record import s5_people as s5
from longer_record_data import raw  # noqa: F401 (fixture)


def test_detainers_per_person(raw):
    # CIS (July 2015): 8,811 declined detainers for 8,145 people, January to August 2014; AP's "about 8,800"
    people = s5.detainers_and_people(raw[lr.shared.COUNTS], 22040)
    assert people["detainers_per_person"] == pytest.approx(float(Fraction(8811, 8145)))
    assert people["people_at_2014_ratio"] == pytest.approx(float(Fraction(22040 * 8145, 8811)))
    assert people["ap_vs_cis_pct"] == pytest.approx(float((Fraction(8800, 8811) - 1) * 100))
    stats = {s.statistic: s for s in s5.statistics(people)}
    assert stats["ap_vs_cis_declined_2014_pct"].description == (
        "ICE's figure via AP (about 8,800) against CIS's 8,811 from an ICE report, same months")
    text = " ".join(s5.findings(people))
    assert "1.082 detainers per person" in text and "cannot be known" in text
