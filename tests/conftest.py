from __future__ import annotations

import pytest

from helpers import ROOT, snapshot

OUTPUTS_BEFORE: dict[str, str] = {}
SESSION: dict[str, float] = {}


def pytest_sessionstart(session):
    import time

    SESSION["start"] = time.time()
    # the committed outputs as they are before nbval re-executes the notebooks
    OUTPUTS_BEFORE.update(snapshot(ROOT, ("data/processed", "figures")))
    # nbval's kernels are forked from a server that has imported what every notebook imports
    # (audit_pipeline/forkserver.py; FORK=0 for ordinary kernels)
    from audit_pipeline import forkserver

    if forkserver.enabled():
        import nbval.kernel

        nbval.kernel.KernelManager = forkserver.kernel_manager_for_nbval(nbval.kernel.KernelManager)


def pytest_sessionfinish(session, exitstatus):
    from audit_pipeline import forkserver

    forkserver.stop_for_nbval()


def pytest_collection_modifyitems(session, config, items):
    # checks marked after_notebooks run last, once nbval has re-executed every notebook; in the
    # end-to-end group the longest tests start first, so that none of them starts last and
    # leaves one worker idle while it runs (make test hands workers one test at a time)
    items.sort(key=lambda item: (item.get_closest_marker("after_notebooks") is not None,
                                 item.get_closest_marker("whole_run") is None))


@pytest.fixture
def outputs_before() -> dict[str, str]:
    return OUTPUTS_BEFORE


@pytest.fixture
def session_start() -> float:
    """When this test session began (a file written since then was written by it)."""
    return SESSION["start"]


@pytest.fixture(scope="module")
def weeks():
    """The published weekly counts of detainers issued (data/raw/detainers_issued_by_week.csv)."""
    from detainer_audit import issued, rawdata

    return rawdata.read_table(issued.WEEKLY)
