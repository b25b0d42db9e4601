"""Binder runs the notebooks as they are: an environment built the way BinderHub (repo2docker) builds
it, from requirements.txt, runtime.txt and postBuild alone (no Makefile, no PYTHONPATH), executes every
notebook with plain `jupyter nbconvert --execute` from notebooks/, and leaves git status clean."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from helpers import ROOT, environment, project_copy
from audit_pipeline import staging

# an environment, not a run: `make test-environment` (CI runs it after `make test`)
pytestmark = [pytest.mark.environment, pytest.mark.whole_run]


def _run(command, cwd, env, timeout=600):
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, f"{' '.join(map(str, command))} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result


def test_a_binder_environment_runs_every_notebook_and_changes_nothing(tmp_path):
    python = (ROOT / "runtime.txt").read_text().strip().removeprefix("python-")
    assert f"{sys.version_info.major}.{sys.version_info.minor}" == python, "this test needs the Python of runtime.txt"
    # the repository as BinderHub receives it: a checkout of the committed tree (here, of the working tree)
    clone = project_copy(tmp_path / "repo")
    (clone / ".venv").unlink()
    env = environment(HOME=str(tmp_path / "home"), JUPYTER_CONFIG_DIR=str(tmp_path / "home" / "jupyter"),
                      JUPYTER_DATA_DIR=str(tmp_path / "home" / "data"), JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"),
                      GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@t", GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@t")
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # a fresh environment compiles its modules once, not in every kernel
    _run(["git", "init", "-q"], clone, env)
    _run(["git", "add", "-A"], clone, env)
    _run(["git", "commit", "-q", "-m", "as committed"], clone, env)

    # repo2docker's Python build pack: a fresh environment of runtime.txt's Python, requirements.txt
    # installed into it (pip there; uv here, from the same hash-checked file, because it is faster)
    prefix = tmp_path / "srv" / "env"
    uv = ROOT / ".tools" / "uv" / "bin" / "uv"
    if uv.exists():
        _run([uv, "venv", "--quiet", "--python", sys.executable, prefix], clone, env)
        _run([uv, "pip", "install", "--quiet", "--python", prefix / "bin" / "python", "--require-hashes",
              "-r", "requirements.txt"], clone, {**env, "UV_NO_PROGRESS": "1", "UV_PYTHON_DOWNLOADS": "never"})
    else:
        _run([sys.executable, "-m", "venv", prefix], clone, env)
        _run([prefix / "bin" / "python", "-m", "pip", "install", "--quiet", "--require-hashes", "-r",
              "requirements.txt"], clone, env)
    # then postBuild, with that environment first on PATH
    env["PATH"] = f"{prefix / 'bin'}{os.pathsep}{env['PATH']}"
    _run(["bash", "postBuild"], clone, env)

    # the committed outputs are removed first, so that a clean status proves the notebooks wrote them
    # again here, in this clone, and not wherever else the package might have been imported from
    for top in ("data/processed", "figures"):
        for path in (clone / top).iterdir():
            path.unlink()
    notebooks = [p.name for p in staging.published_notebooks(clone / "notebooks")]
    assert len(notebooks) >= 5
    for notebook in notebooks:
        _run(["jupyter", "nbconvert", "--to", "notebook", "--execute", "--inplace", notebook],
             clone / "notebooks", env)
    status = _run(["git", "status", "--porcelain"], clone, env).stdout
    assert status == "", f"running the notebooks on a Binder-like environment changed:\n{status}"
    shutil.rmtree(prefix)
