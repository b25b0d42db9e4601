from __future__ import annotations

import pytest

from helpers import ROOT, snapshot

OUTPUTS_BEFORE: dict[str, str] = {}


def pytest_sessionstart(session):
    # the committed outputs as they are before nbval re-executes the notebooks
    OUTPUTS_BEFORE.update(snapshot(ROOT, ("data/processed", "figures")))


def pytest_collection_modifyitems(session, config, items):
    # checks marked after_notebooks run last, once nbval has re-executed every notebook
    items.sort(key=lambda item: item.get_closest_marker("after_notebooks") is not None)


@pytest.fixture
def outputs_before() -> dict[str, str]:
    return OUTPUTS_BEFORE
