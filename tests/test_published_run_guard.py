"""A notebook run outside the pipeline with other parameters (papermill straight, as a researcher would)
writes beside the published run, says where in its first output, and leaves git status clean."""

import json
import subprocess
import sys

import pytest

from helpers import environment, project_copy

pytestmark = [pytest.mark.slow, pytest.mark.whole_run]


def _git(copy, *args):
    env = environment(GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@t", GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@t")
    return subprocess.run(["git", *args], cwd=copy, env=env, capture_output=True, text=True, check=True).stdout


def test_a_direct_papermill_run_with_other_parameters_leaves_the_published_run_alone(tmp_path):
    copy = project_copy(tmp_path / "project")
    _git(copy, "init", "-q")
    _git(copy, "add", "-A")
    _git(copy, "commit", "-qm", "published")
    notebook = "02_weekly_detainer_rates_2011_vs_2017"
    out = tmp_path / "out.ipynb"
    result = subprocess.run([sys.executable, "-m", "papermill", f"notebooks/{notebook}.ipynb", str(out),
                             "-p", "report_week", "2", "--cwd", "notebooks", "--no-progress-bar"],
                            cwd=copy, env=environment(PYTHONPATH=str(copy)),  # as its own .venv would import it
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    assert _git(copy, "status", "--porcelain") == "", "a run with other parameters changed the published outputs"
    written = copy / "build" / "runs" / notebook
    assert (written / "data" / "processed" / "results.csv").exists()
    # its statistics in a results file of its own there, the published table untouched
    assert (written / "build" / "results" / f"{notebook}.csv").read_text().count(f",{notebook},") > 10
    assert (written / "figures" / "02-detainers-per-week-2007-2017.png").exists()
    executed = json.loads(out.read_text())
    first = next("".join(o.get("text", "")) for c in executed["cells"] if c["cell_type"] == "code"
                 for o in c.get("outputs", []))
    assert "report_week = 2 (published: 1)" in first and f"build/runs/{notebook}/" in first
