"""One published run at a time, never a partial one, and nothing but the published parameters: the checks
`make reproduce` makes before it starts and before it publishes, tested where each is decided. The two
real overlapping runs are in test_robustness.py (slow)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from audit_pipeline import fingerprint, parameters, runlock, runner, staging
from detainer_audit import paths
from helpers import ROOT

WEEKLY = "02_weekly_detainer_rates_2011_vs_2017.ipynb"


# ------------------------------------------------------------------ a notebook saved with other parameters


def _saved_with(tmp_path, name: str, old: str, new: str):
    nb = json.loads((ROOT / "notebooks" / name).read_text())
    cell = next(c for c in nb["cells"] if "parameters" in c["metadata"].get("tags", []))
    source = "".join(cell["source"])
    assert old in source
    cell["source"] = source.replace(old, new)
    folder = tmp_path / "notebooks"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(json.dumps(nb))
    return folder / name


def test_the_committed_notebooks_hold_their_published_parameters():
    assert parameters.drift_message(staging.published_notebooks(), ROOT) is None


def test_a_notebook_saved_with_another_parameter_is_named_with_its_published_value_and_the_way_back(tmp_path):
    changed = _saved_with(tmp_path, WEEKLY, "baseline_year = 2011", "baseline_year = 2012")
    assert parameters.drifted(changed) == {"baseline_year": (2012, 2011)}
    message = parameters.drift_message([changed], tmp_path)
    assert message.splitlines() == [
        "only the published parameters may be published; nothing was run",
        f"notebooks/{WEEKLY} is saved with parameters other than the published ones: baseline_year = 2012 "
        "(published: 2011)",
        f"  restore it: set baseline_year back in its parameters cell, or `git checkout notebooks/{WEEKLY}` "
        "(which also drops any other unsaved change to it)",
        "  or, to see these values beside the published run: restore it, then "
        "`make run NB=02 ARGS='-p baseline_year 2012'`"]


def test_every_changed_parameter_is_named_and_lists_and_text_are_given_as_make_run_reads_them(tmp_path):
    changed = _saved_with(tmp_path, WEEKLY, 'comparison_fiscal_years = [2015, 2016]', 'comparison_fiscal_years = [2016]')
    nb = json.loads(changed.read_text())
    cell = next(c for c in nb["cells"] if "parameters" in c["metadata"].get("tags", []))
    cell["source"] = cell["source"].replace('baseline_year_kind = "fiscal"', 'baseline_year_kind = "calendar"')
    changed.write_text(json.dumps(nb))
    message = parameters.drift_message([changed], tmp_path)
    assert "baseline_year_kind = 'calendar' (published: 'fiscal'); comparison_fiscal_years = [2016] " \
           "(published: [2015, 2016])" in message
    assert "ARGS='-p baseline_year_kind calendar -p comparison_fiscal_years [2016]'" in message
    from audit_pipeline.__main__ import read_value

    assert read_value("[2016]") == [2016] and read_value("calendar") == "calendar"


def test_a_notebook_executed_in_place_with_injected_parameters_is_named_too(tmp_path):
    """papermill NB NB -p baseline_year 2012 (or, before issue 27, make run ... OUT=.) leaves the saved notebook
    with a cell of injected parameters after its parameters cell: that cell wins when it runs."""
    nb = json.loads((ROOT / "notebooks" / WEEKLY).read_text())
    at = next(i for i, c in enumerate(nb["cells"]) if "parameters" in c["metadata"].get("tags", []))
    nb["cells"].insert(at + 1, {"cell_type": "code", "execution_count": None, "id": "injected",
                                "metadata": {"tags": ["injected-parameters"]}, "outputs": [],
                                "source": "# Parameters\nbaseline_year = 2012\n"})
    (tmp_path / "notebooks").mkdir()
    changed = tmp_path / "notebooks" / WEEKLY
    changed.write_text(json.dumps(nb))
    assert parameters.drifted(changed) == {"baseline_year": (2012, 2011)}
    assert "back in its parameters cell (and delete the cell papermill injected after it)" in \
        parameters.drift_message([changed], tmp_path)


def test_reproduce_names_the_notebook_before_any_kernel_starts(tmp_path, monkeypatch):
    changed = _saved_with(tmp_path, WEEKLY, "baseline_year = 2011", "baseline_year = 2012")
    monkeypatch.setattr(staging, "published_notebooks", lambda folder=None: [changed])
    monkeypatch.setattr(paths, "ROOT", tmp_path)
    monkeypatch.setattr(runlock, "LOCK", tmp_path / "build" / "reproduce.lock")
    started = []
    monkeypatch.setattr(runner.forkserver, "running", lambda *a: started.append(a))
    monkeypatch.setattr(runner.runlock, "held", lambda *a, **k: _nothing())
    with pytest.raises(ValueError, match=r"notebooks/02_weekly\S* is saved with parameters other than the published "
                                         r"ones: baseline_year = 2012 \(published: 2011\)"):
        runner.reproduce(tmp_path / "build" / "stage", jobs=1)
    assert not started, "the fork server started although a notebook holds other parameters"


def _nothing():
    import contextlib

    return contextlib.nullcontext()


# ------------------------------------------------------------------ the staged run, checked before it is published


@pytest.fixture
def stage(tmp_path):
    """A staged run as make reproduce leaves it, from the committed outputs."""
    stage = tmp_path / "stage"
    for top in ("notebooks", "data/processed", "figures", "report"):
        shutil.copytree(ROOT / top, stage / top, ignore=shutil.ignore_patterns("recount", ".*"))
    return stage


NAMES = [p.name for p in staging.published_notebooks()]


def test_the_committed_run_is_complete(stage):
    assert staging.incomplete(stage, NAMES) == []


def _drop_rows(stage, notebook_stem):
    results = stage / "data" / "processed" / "results.csv"
    lines = results.read_text().splitlines(keepends=True)
    results.write_text("".join(line for line in lines if f",{notebook_stem}," not in line))


def test_a_results_table_that_lost_a_notebooks_rows_is_refused(stage):
    """What two overlapping runs published once: results.csv without notebook 05's statistics."""
    _drop_rows(stage, "05_claims_audit")
    assert staging.incomplete(stage, NAMES) == ["data/processed/results.csv holds no statistic of 05_claims_audit"]


def test_a_results_table_that_disagrees_with_what_a_notebook_recorded_is_refused(stage):
    results = stage / "data" / "processed" / "results.csv"
    lines = results.read_text().splitlines(keepends=True)
    first = next(i for i, line in enumerate(lines) if line.startswith("declined_fy2021,"))
    results.write_text("".join(lines[:first] + lines[first + 1:]))
    problems = staging.incomplete(stage, NAMES)
    assert problems == ["data/processed/results.csv does not hold what 01_declined_detainers_fy2021_2024 recorded "
                        "(missing 1: declined_fy2021)"]


def test_missing_notebook_page_figure_or_index_is_named(stage):
    (stage / "notebooks" / WEEKLY).unlink()
    (stage / "report" / "03_travis_county_share_2017.html").unlink()
    (stage / "report" / "index.html").unlink()
    (stage / "figures" / "04-concentration-of-declines.svg").unlink()
    problems = staging.incomplete(stage, NAMES)
    assert f"no executed notebooks/{WEEKLY}" in problems
    assert "no page report/03_travis_county_share_2017.html" in problems
    assert "no report/index.html" in problems
    assert ("04_longer_record_2008_2025 names figures/04-concentration-of-declines.csv, but the run holds no "
            "figures/04-concentration-of-declines.svg") in problems


def test_statistics_of_a_notebook_that_did_not_run_are_refused(stage):
    with open(stage / "data" / "processed" / "results.csv", "a") as handle:
        handle.write("left_over,1,detainers,no,06_gone,x,a statistic of a notebook that no longer exists\n")
    assert staging.incomplete(stage, NAMES) == [
        "data/processed/results.csv holds 1 statistics of 06_gone, which this run did not execute"]


def test_publish_moves_nothing_from_an_incomplete_run(stage, tmp_path, monkeypatch):
    published = tmp_path / "published"
    (published / "data" / "processed").mkdir(parents=True)
    (published / "data" / "processed" / "results.csv").write_text("as it was\n")
    monkeypatch.setattr(paths, "ROOT", published)
    _drop_rows(stage, "05_claims_audit")
    with pytest.raises(staging.NotebookFailed, match=r"^the staged run is incomplete or inconsistent, so nothing "
                                                     r"was published: .*no statistic of 05_claims_audit"):
        staging.publish(stage, NAMES)
    assert [p.relative_to(published).as_posix() for p in published.rglob("*") if p.is_file()] == [
        "data/processed/results.csv"]
    assert (published / "data" / "processed" / "results.csv").read_text() == "as it was\n"


# ------------------------------------------------------------------ one run at a time


HOLD = """
import sys
sys.path.insert(0, {root!r})
from pathlib import Path
from audit_pipeline import runlock
with runlock.held(Path({lock!r})):
    print("holding", flush=True)
    sys.stdin.readline()  # until the test lets go (or the process is killed)
"""


def _holder(lock):
    """A process that holds the lock until a line reaches its input, or it is killed."""
    process = subprocess.Popen([sys.executable, "-c", HOLD.format(root=str(ROOT), lock=str(lock))],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline() == "holding\n"
    return process


def test_a_second_run_waits_for_the_first_and_names_it(tmp_path):
    """No clock: the second run says it waits, is still waiting until the first lets go, and then goes on."""
    import threading

    lock = tmp_path / "build" / "reproduce.lock"
    first = _holder(lock)
    said, inside = [], threading.Event()
    announced = threading.Event()

    def second():
        with runlock.held(lock, say=lambda text: (said.append(text), announced.set())):
            inside.set()

    waiting = threading.Thread(target=second, daemon=True)
    try:
        assert runlock.in_progress(lock) == str(first.pid)
        waiting.start()
        assert announced.wait(timeout=60), "the second run neither ran nor said it was waiting"
        assert not inside.is_set(), "the second run went on while the first held the lock"
        assert said == [f"waiting for the run in progress (pid {first.pid}) to finish: one published run at a time "
                        f"in a checkout ({lock}) ..."]
        first.communicate("done\n", timeout=30)
        waiting.join(timeout=60)
        assert inside.is_set(), "the second run did not go on once the first had finished"
    finally:
        if first.poll() is None:
            first.kill()
            first.wait(timeout=10)
    assert runlock.in_progress(lock) is None


def test_the_lock_dies_with_its_process(tmp_path):
    lock = tmp_path / "reproduce.lock"
    holder = _holder(lock)
    holder.kill()
    holder.wait(timeout=10)
    said = []
    with runlock.held(lock, say=said.append):
        pass
    assert said == []


def test_nothing_counts_as_unchanged_while_a_run_is_in_progress(tmp_path, monkeypatch):
    lock = tmp_path / "build" / "reproduce.lock"
    monkeypatch.setattr(runlock, "LOCK", lock)
    monkeypatch.setattr(fingerprint, "ROOT", tmp_path)
    monkeypatch.setattr(fingerprint, "STAMP", tmp_path / "build" / "reproduce.fingerprint")
    (tmp_path / "figures").mkdir()
    (tmp_path / "figures" / "01-a.csv").write_text("x\n")
    fingerprint.record()
    assert fingerprint.unchanged()
    holder = _holder(lock)
    try:
        assert not fingerprint.unchanged()
    finally:
        holder.kill()
        holder.wait(timeout=10)
    assert fingerprint.unchanged()
    fingerprint.forget()
    assert not fingerprint.unchanged(), "without a fingerprint, a run must run"


def test_an_interrupt_says_what_was_published_and_how_to_resume(monkeypatch):
    monkeypatch.setitem(runner._progress, "published", False)
    assert runner.farewell() == ("interrupted: nothing was published (the published run is as it was); resume with "
                                 "`make reproduce`")
    monkeypatch.setitem(runner._progress, "published", True)
    assert runner.farewell().startswith("interrupted after the run was published")
