"""Any 3.11, byte for byte: `make reproduce` under a second patch release of Python 3.11 writes exactly
the committed notebooks, processed data, figures and report.

The published outputs record Python's minor version only (data/processed/environment.csv, and every
notebook's language_info), so they cannot depend on the patch release; this test shows that nothing
else does either. The second interpreter is SECOND_PYTHON if set (CI sets it), otherwise the first
`python3.11` found whose patch release differs from this one's (Debian's is 3.11.2). Its environment is
created by scripts/ensure-venv from the same hash-checked lock, through uv's download cache.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import nbformat

from helpers import ROOT, explain_differences, make, project_copy, snapshot
from audit_pipeline import staging
from detainer_audit import results

PUBLISHED = ("data/processed", "figures", "notebooks", "report")
CANDIDATES = ("/usr/bin/python3.11", "/usr/local/bin/python3.11", "python3.11")


def _version(python: str) -> str | None:
    try:
        result = subprocess.run([python, "-c", "import platform; print(platform.python_version())"],
                                capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout.strip() if result.returncode == 0 else None


def second_python() -> tuple[str, str]:
    """(path, version) of a Python 3.11 of another patch release than the one running the tests."""
    here = ".".join(map(str, sys.version_info[:3]))
    named = os.environ.get("SECOND_PYTHON")
    for python in [named] if named else CANDIDATES:
        found = shutil.which(python) if python else None
        version = _version(found) if found else None
        if named:
            assert version, f"SECOND_PYTHON={named} does not run"
            assert version.startswith("3.11.") and version != here, (
                f"SECOND_PYTHON={named} is Python {version}: it must be another patch release of 3.11 than {here}")
        if version and version.startswith("3.11.") and version != here:
            return found, version
    pytest.skip(f"no second patch release of Python 3.11 beside {here} (set SECOND_PYTHON, or on Debian: "
                "apt-get install python3.11)")


def _metadata(notebook: Path):
    return json.loads(notebook.read_text()).get("metadata") if notebook.exists() else None


@pytest.mark.environment  # `make test-environment`, which CI runs after `make test`
@pytest.mark.whole_run
def test_another_patch_release_of_3_11_reproduces_the_committed_bytes(tmp_path):
    python, version = second_python()
    copy = project_copy(tmp_path / "repo")
    (copy / ".venv").unlink()  # its own environment, of the second interpreter (uv's cache makes it quick)
    result = make(copy, "reproduce", f"PYTHON={python}", "FORCE=1", timeout=1500)
    assert result.returncode == 0, f"make reproduce under Python {version} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    ready = (copy / ".venv" / ".ready").read_text().split()
    assert ready[-1] == version, f"the run used Python {ready[-1]}, not {version}"
    assert f"Python {version}" in subprocess.run([copy / ".venv" / "bin" / "python", "--version"],
                                                 capture_output=True, text=True).stdout

    committed, made = snapshot(ROOT, PUBLISHED), snapshot(copy, PUBLISHED)
    assert len(committed) > 40
    differ = sorted(name for name in set(committed) | set(made) if committed.get(name) != made.get(name))
    metadata = [f"{name}: notebook metadata {_metadata(ROOT / name)} became {_metadata(copy / name)}"
                for name in differ if name.endswith(".ipynb") and _metadata(ROOT / name) != _metadata(copy / name)]
    assert not differ, (f"under Python {version} make reproduce wrote other bytes than the committed ones:\n"
                        + "\n".join(metadata + [explain_differences(ROOT, copy, differ)]))
    python_row = [line for line in (copy / "data" / "processed" / "environment.csv").read_text().splitlines()
                  if line.startswith("python,")]
    assert python_row == ["python,3.11"]
    shutil.rmtree(copy / ".venv")


def test_the_published_run_records_python_without_its_patch_release():
    assert results.python_minor() == "%d.%d" % sys.version_info[:2]
    assert results.environment_csv().splitlines()[1] == f"python,{results.python_minor()}"


@pytest.mark.parametrize("recorded, kept", [("3.11.7", "3.11"), ("3.11.14", "3.11"), ("3.11", "3.11")])
def test_a_staged_notebook_keeps_the_kernels_minor_version(recorded, kept):
    notebook = nbformat.v4.new_notebook(metadata={"language_info": {"name": "python", "version": recorded},
                                                  "papermill": {"duration": 1.0}})
    stripped = staging.strip_run_metadata(notebook)
    assert stripped.metadata.language_info.version == kept and "papermill" not in stripped.metadata


def test_every_committed_notebook_records_the_minor_version_only():
    python = (ROOT / "runtime.txt").read_text().strip().removeprefix("python-")
    for notebook in staging.published_notebooks(ROOT / "notebooks"):
        assert _metadata(notebook)["language_info"]["version"] == python, notebook.name
