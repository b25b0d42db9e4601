"""No run other than `make reproduce`'s publish step writes into the published run: the output folder of
`make run`, `make recount` or a direct papermill/nbconvert run may not be the checkout, hold it, or lie in
notebooks/, data/, figures/ or report/. The rule is decided in one place (detainer_audit.paths.unsafe_output)
and tested here; each command's refusal is tested where it stops, before anything runs."""

from __future__ import annotations

import os

import pytest

from detainer_audit import notebook, paths
from helpers import ROOT

REFUSED = {
    ".": "is the project's own folder",
    str(ROOT): "is the project's own folder",  # OUT=$PWD
    str(ROOT) + "/": "is the project's own folder",
    "notebooks/../": "is the project's own folder",
    str(ROOT.parent): "holds the project's folder",
    "/": "holds the project's folder",
    "data": "is inside data/",
    "data/processed": "is inside data/",
    "data/raw/copy": "is inside data/",
    "notebooks": "is inside notebooks/",
    "notebooks/recount/out": "is inside notebooks/",
    "figures/02": "is inside figures/",
    "report": "is inside report/",
    "build/../figures": "is inside figures/",
}


@pytest.mark.parametrize("folder", REFUSED)
def test_folders_of_the_published_run_are_refused_by_name(folder, monkeypatch):
    monkeypatch.chdir(ROOT)
    problem = paths.unsafe_output(folder)
    assert problem is not None and problem.startswith(f"output folder {folder!r} {REFUSED[folder]}"), problem


@pytest.mark.parametrize("folder", ["build/runs/02", "build/recount", "/tmp/elsewhere", "my runs/02 with spaces"])
def test_folders_outside_it_are_allowed(folder, monkeypatch):
    monkeypatch.chdir(ROOT)
    assert paths.unsafe_output(folder) is None


def test_a_symbolic_link_is_followed(tmp_path, monkeypatch):
    (tmp_path / "looks-harmless").symlink_to(ROOT / "figures")
    assert "is inside figures/" in paths.unsafe_output(tmp_path / "looks-harmless")


@pytest.mark.parametrize("out", [".", "$PWD", "data/processed"])
def test_make_run_refuses_before_anything_runs(out, monkeypatch, capsys):
    from audit_pipeline.__main__ import main

    monkeypatch.chdir(ROOT)
    folder = str(ROOT) if out == "$PWD" else out
    with pytest.raises(SystemExit) as stopped:
        main(["run", "02", "--stage", folder, "--seed-outputs", "-p", "baseline_year", "2012"])
    assert stopped.value.code == 1
    said = capsys.readouterr().err
    assert said.startswith(f"error: output folder {folder!r} ") and "(nothing was run)" in said, said


@pytest.mark.parametrize("out", [".", "data/processed", "report/recount"])
def test_make_recount_refuses_before_anything_is_read(out, tmp_path, monkeypatch, capsys):
    from audit_pipeline.__main__ import main

    monkeypatch.chdir(ROOT)
    with pytest.raises(SystemExit) as stopped:
        main(["recount", str(tmp_path / "never read.csv"), "--out", out])
    assert stopped.value.code == 1
    said = capsys.readouterr().err
    assert said.startswith(f"error: output folder {out!r} ") and "never read" not in said, said


@pytest.mark.parametrize("chosen", [".", str(ROOT), str(ROOT / "data")])
def test_a_direct_papermill_run_into_the_published_run_is_refused_by_the_notebook(chosen, monkeypatch):
    """papermill or nbconvert with DETAINER_AUDIT_OUTPUT set by hand: the notebook's first call refuses it."""
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv(paths.OUTPUT_ENV, chosen)
    with pytest.raises(ValueError, match=rf"^02_x: output folder {chosen!r} .*\(DETAINER_AUDIT_OUTPUT\)"):
        notebook.output_folder("02_x", {"report_week": (2, 1)})
    assert os.environ[paths.OUTPUT_ENV] == chosen


def test_the_staging_folder_of_reproduce_is_checked_too():
    from audit_pipeline import runner

    with pytest.raises(ValueError, match="output folder .* is inside figures/"):
        runner.reproduce(ROOT / "figures" / "stage", jobs=1)
