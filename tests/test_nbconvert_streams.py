"""Binder's `jupyter nbconvert --execute` merges a cell's stream output as papermill does: the environment's
nbconvert configuration (scripts/prepare-environment) registers audit_pipeline.streams.CoalesceStreams."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from helpers import ROOT, environment
from audit_pipeline import streams


def _stream(name, text):
    return nbformat.v4.new_output("stream", name=name, text=text)


def test_streams_are_merged_as_nbclient_merges_them_for_papermill():
    figure = nbformat.v4.new_output("display_data", data={"text/plain": "figure"})
    outputs = [_stream("stdout", "a line"), _stream("stdout", "\n"), figure, _stream("stderr", "warned\n"),
               _stream("stdout", "after\n"), _stream("stdout", "10%\r100%\n")]
    merged = streams.coalesce(outputs)
    assert [(o["output_type"], o.get("name"), o.get("text")) for o in merged] == [
        ("stream", "stdout", "a line\nafter\n100%\n"), ("display_data", None, None), ("stream", "stderr", "warned\n")]


# the environment's nbconvert, as Binder runs it, with a kernel: `make test-environment`, which CI runs after make test
@pytest.mark.environment
def test_nbconvert_in_the_projects_environment_merges_a_print_split_in_two(tmp_path):
    # the newline reaches Jupyter as a message of its own (flushed after a pause), as it may under load
    code = "import sys, time\nsys.stdout.write('a line'); sys.stdout.flush(); time.sleep(0.3)\nprint()"
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code)],
                                        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                                 "language": "python"}})
    path = tmp_path / "split.ipynb"
    nbformat.write(notebook, path)
    jupyter = Path(sys.prefix) / "bin" / "jupyter"
    result = subprocess.run([jupyter, "nbconvert", "--to", "notebook", "--execute", "--inplace", path.name],
                            cwd=tmp_path, env=environment(), capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "not recognized" not in result.stderr, result.stderr
    outputs = json.loads(path.read_text())["cells"][0]["outputs"]
    assert outputs == [{"name": "stdout", "output_type": "stream", "text": ["a line\n"]}]
    assert "execution" not in json.loads(path.read_text())["cells"][0]["metadata"]  # no cell timings either
