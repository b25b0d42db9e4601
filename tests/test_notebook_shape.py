"""Each notebook shows its question's answer, computed in one call: it builds its parameters once, calls the
question's `answer` once, shows the findings first, every section of the answer once and in the answer's
order, and the recorded statistics last. No notebook computes anything itself or passes a parameter on."""

from __future__ import annotations

import ast
import json

import pytest

from audit_pipeline import staging
from detainer_audit import notebook, questions
from helpers import published_answer

NOTEBOOKS = staging.published_notebooks()


def _code_cells(path):
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    code = [cell for cell in cells if cell["cell_type"] == "code"]
    parameters = [cell for cell in code if "parameters" in cell["metadata"].get("tags", [])]
    assert len(parameters) == 1
    names = [target.id for node in ast.parse("".join(parameters[0]["source"])).body
             if isinstance(node, ast.Assign) for target in node.targets]
    after = code[code.index(parameters[0]) + 1:]
    return names, [ast.parse("".join(cell["source"])) for cell in after]


def _call(tree: ast.Module) -> tuple[str, list]:
    """A cell holding one call of the run, `run.<method>(...)`: the method and its arguments."""
    assert len(tree.body) == 1 and isinstance(tree.body[0], ast.Expr), ast.unparse(tree)
    call = tree.body[0].value
    assert isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute), ast.unparse(tree)
    assert isinstance(call.func.value, ast.Name) and call.func.value.id == "run", ast.unparse(tree)
    return call.func.attr, [ast.literal_eval(argument) for argument in call.args]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name[:2])
def test_the_notebook_builds_its_parameters_once_and_calls_its_answer_once(path):
    names, cells = _code_cells(path)
    question = questions.BY_NOTEBOOK[path.stem]
    first = cells[0]
    built = [node for node in ast.walk(first) if isinstance(node, ast.Call) and ast.unparse(node.func).endswith(".Parameters")]
    assert len(built) == 1, f"{path.name}: build the question's Parameters once"
    # every parameter handed over under its own name, and named nowhere else
    assert [(k.arg, ast.unparse(k.value)) for k in built[0].keywords] == [(n, n) for n in names], path.name
    named = [node.id for cells_tree in cells for node in ast.walk(cells_tree)
             if isinstance(node, ast.Name) and node.id in names]
    assert sorted(named) == sorted(names), f"{path.name}: a parameter is used outside the line that builds p"
    answered = [node for node in ast.walk(first) if isinstance(node, ast.Call) and ast.unparse(node.func).endswith(".answer")]
    assert len(answered) == 1 and question.__name__.rsplit(".", 1)[1] in ast.unparse(answered[0].func), path.name
    assert "notebook.Run(" in ast.unparse(first), path.name


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name[:2])
def test_findings_first_every_section_once_in_order_and_the_statistics_last(path):
    names, cells = _code_cells(path)
    question = questions.BY_NOTEBOOK[path.stem]
    calls = [_call(tree) for tree in cells[1:]]
    assert calls[0] == ("findings", []), f"{path.name}: the findings come right after the parameters"
    assert calls[-1] == ("record", []), f"{path.name}: the recorded statistics come last"
    shown = [arguments[0] for method, arguments in calls[1:-1]]
    assert {method for method, _ in calls[1:-1]} == {"show"}
    answer = published_answer(question)
    assert shown == list(answer.sections), f"{path.name}: show every section once, in the answer's order"


def test_the_run_writes_where_it_was_told_and_sets_nothing_in_the_environment():
    """A notebook's run never changes where outputs go in mid-run (the folder is returned, not set)."""
    import inspect

    source = inspect.getsource(notebook.Run) + inspect.getsource(notebook.output_folder)
    assert "os.environ[" not in source


def test_tables_show_numbers_as_readers_see_them():
    """The house style formats a table's floats with the project's own `results.display` (in a kernel, IPython's
    `display` is a builtin too, and a table of floats shown through it fails)."""
    import pandas as pd

    from detainer_audit import results

    with pd.option_context("display.float_format", None):
        notebook.house_style()
        assert pd.get_option("display.float_format") is results.display
        assert pd.DataFrame({"x": [1234.5]}).to_string().split()[-1] == results.display(1234.5) == "1,234"
