"""The committed notebooks are complete, executed and free of run-to-run noise.

nbval compares only cells that were executed, so a notebook stripped of its outputs would
pass vacuously: these checks make that impossible.
"""

import getpass
import json
import os
import socket
import tempfile

import pytest

from helpers import ROOT
from audit_pipeline import staging

NOTEBOOKS = staging.published_notebooks()


def test_there_are_notebooks():
    assert NOTEBOOKS, "no notebooks found in notebooks/"
    numbers = [p.name[:2] for p in NOTEBOOKS]
    assert numbers == sorted(set(numbers)), "notebook numbers must be unique and give the execution order"


@pytest.fixture(params=NOTEBOOKS, ids=lambda p: p.name)
def notebook(request):
    return request.param, json.loads(request.param.read_text(encoding="utf-8"))


def test_every_code_cell_was_executed_in_order(notebook):
    path, nb = notebook
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    counts = [c["execution_count"] for c in code]
    assert None not in counts, f"{path.name}: code cells never executed (nbval would skip them)"
    assert counts == list(range(1, len(code) + 1)), f"{path.name}: not executed top to bottom in one kernel"


def test_no_errors_in_outputs(notebook):
    path, nb = notebook
    for cell in nb["cells"]:
        for output in cell.get("outputs", []):
            assert output["output_type"] != "error", f"{path.name}: a cell ended in an error"
            assert output.get("name") != "stderr", f"{path.name}: a cell wrote to stderr: {output.get('text')}"


def test_parameters_cell_and_kernel(notebook):
    path, nb = notebook
    tagged = [c for c in nb["cells"] if "parameters" in c["metadata"].get("tags", [])]
    assert len(tagged) == 1, f"{path.name}: needs exactly one cell tagged 'parameters'"
    assert not any("injected-parameters" in c["metadata"].get("tags", []) for c in nb["cells"]), \
        f"{path.name}: a run with non-default parameters was committed"
    assert nb["metadata"]["kernelspec"]["name"] == "python3"
    assert nb["cells"][0]["cell_type"] == "markdown", f"{path.name}: should open with its question and method"


def test_no_run_metadata_or_machine_details(notebook):
    path, nb = notebook
    text = path.read_text(encoding="utf-8")
    assert "papermill" not in json.dumps(nb["metadata"]), f"{path.name}: papermill run metadata committed"
    for cell in nb["cells"]:
        assert not {"papermill", "execution"} & set(cell["metadata"]), f"{path.name}: cell timings committed"
    needles = {str(ROOT), os.path.expanduser("~") + "/", tempfile.gettempdir() + "/"}
    # a host or user name is looked for only when long enough not to occur by chance (e.g. in base64)
    needles |= {name for name in (socket.gethostname(), getpass.getuser()) if len(name) >= 6}
    for needle in needles:
        assert needle not in text, f"{path.name}: contains the machine-specific string {needle!r}"


def test_each_figure_shown_is_the_file_the_notebook_exported(notebook):
    """A notebook shows the PNG it wrote to figures/, byte for byte, and only that: the reader
    of the notebook or the report sees exactly the exported file (see figures.save)."""
    import base64
    import re

    path, nb = notebook
    exported = {}
    for cell in nb["cells"]:
        if cell["cell_type"] != "code":
            continue
        text = "".join("".join(o.get("text", "")) for o in cell["outputs"] if o["output_type"] == "stream")
        images = [base64.b64decode(o["data"]["image/png"]) for o in cell["outputs"] if "image/png" in o.get("data", {})]
        written = re.findall(r"wrote (figures/\S+\.png)", text)
        assert len(images) == len(written), f"{path.name}: a cell shows {len(images)} images but wrote {written}"
        exported.update(zip(written, images))
    for name, shown in exported.items():
        assert shown == (ROOT / name).read_bytes(), f"{path.name}: the image shown differs from {name}"
    assert exported, f"{path.name}: writes no figure (one figure per question)"
