"""The committed raw tables the longer record's tests read (notebook 04), as pytest fixtures: each test file
of a section imports the ones it needs."""

import pytest

from detainer_audit import longer_record as lr
from detainer_audit import rawdata, weekly
from detainer_audit.longer_record import shared

ALL = list(shared.OUTCOMES)


@pytest.fixture(scope="module")
def raw():
    return {name: rawdata.read_table(name) for name in (lr.shared.COUNTS, lr.shared.DOCUMENTS, lr.shared.JURISDICTIONS, lr.shared.CIS_FISCAL_YEARS,
                                                        lr.shared.LIFT, lr.shared.REPORTS, lr.shared.WEEK1)}


@pytest.fixture(scope="module")
def table(raw):
    return lr.shared.record(raw[lr.shared.COUNTS], raw[lr.shared.DOCUMENTS], raw[lr.shared.CIS_FISCAL_YEARS], raw[lr.shared.LIFT], raw[lr.shared.REPORTS])


@pytest.fixture(scope="module")
def series():
    return weekly.rates.monthly_series(rawdata.read_table(lr.shared.MONTHLY))
