"""Notebook parameters are checked before a kernel starts, by building the one declaration each notebook builds itself.

Every message a bad parameter gives is proven here, in-process, against the committed notebooks'
parameters cells; the end-to-end cases (the message reaches the user, nothing changes, no kernel
starts) are in test_robustness.py, once per kind.
"""

import ast
import dataclasses
import json

import pytest

from audit_pipeline import parameters as notebook_parameters
from detainer_audit.questions import BY_NOTEBOOK
from detainer_audit import params
from detainer_audit.params import ParameterError
from helpers import ROOT
from audit_pipeline import staging

NOTEBOOKS = staging.published_notebooks()
ALL_NOTEBOOKS = [*NOTEBOOKS, ROOT / "notebooks" / "recount" / "recount_against_cis.ipynb"]


def notebook(prefix):
    return next(p for p in NOTEBOOKS if p.name.startswith(prefix))


# values as `-p NAME VALUE` delivers them (read as YAML): '"2022"' arrives as the string "2022"
BAD_PARAMETERS = [
    ("01", "fiscal_years", "2022", "parameter fiscal_years must be a non-empty list of whole numbers"),
    ("01", "fiscal_years", [2019], "parameter fiscal_years=2019 is not allowed; choose one of: 2021, 2022, 2023, 2024"),
    ("01", "fiscal_years", [2022, 2022], "parameter fiscal_years lists a value twice"),
    ("01", "annualization_basis", 360, "parameter annualization_basis=360 is not allowed"),
    ("01", "claimed_total_floor", "lots", "parameter claimed_total_floor must be a number, got str 'lots'"),
    ("01", "claimed_total_floor", -1, "parameter claimed_total_floor=-1 is out of range; allowed: 0 to 10000000"),
    ("01", "monthly_from", "2020-01-01", "parameter monthly_from='2020-01-01' is outside the record; allowed: 2020-09-27 to 2025-01-04"),
    ("01", "monthly_to", "2023-01-31", "parameter monthly_to='2023-01-31' must come after monthly_from='2023-02-01'"),
    ("01", "monthly_from", "2023-09-01", "parameter monthly_from='2023-09-01' must be on or before 2023-08-26, the last day"),
    ("01", "lag_max_days", 180, "parameter lag_max_days=180 is out of range; allowed: 0 to 115 (the weekly counts start on 2020-09-27"),
    ("01", "lag_step_days", 0, "parameter lag_step_days=0 must be a whole number of days from 1 to lag_max_days (105)"),
    ("02", "baseline_year", 2016, "parameter baseline_year=2016 is not allowed; choose one of: 2008, 2009"),
    ("02", "baseline_year", "2011", "parameter baseline_year must be a whole number, got str '2011'"),
    ("02", "baseline_year", True, "parameter baseline_year must be a whole number, got bool True"),
    ("02", "baseline_year_kind", "school", "parameter baseline_year_kind='school' is not allowed; choose one of: 'fiscal', 'calendar'"),
    ("02", "weeks_convention", 53, "parameter weeks_convention=53 is not allowed; choose one of: 'days/7', '52_weeks'"),
    ("02", "comparison_fiscal_years", [2011], "parameter comparison_fiscal_years=2011 is not allowed"),
    ("02", "report_week", "1", "parameter report_week must be a whole number, got str '1'"),
    ("03", "jurisdiction", "Nowhere County", "parameter jurisdiction='Nowhere County' has no declined-detainer count for week 1"),
    ("03", "report_week", 4, "parameter report_week=4 is not a published week; available: 1, 2, 3"),
    ("04", "declined_outcomes", ["refused"], "parameter declined_outcomes names 'refused', which is not allowed; choose from: 'declined', 'insufficient_notice', 'early_release'"),
    ("04", "declined_outcomes", [], "parameter declined_outcomes must be a non-empty list of names"),
    ("04", "sources", ["CIS", "Fox"], "parameter sources names 'Fox', which is not allowed"),
    ("04", "window_start", "2006-01-01", "parameter window_start='2006-01-01' is outside the record; allowed: 2007-10-01 to 2025-12-31"),
    ("04", "window_end", "2025-02-30", "parameter window_end='2025-02-30' is not a date (YYYY-MM-DD)"),
    ("04", "window_end", "2007-10-01", "parameter window_end='2007-10-01' must come after window_start='2007-10-01'"),
    ("04", "min_confidence", "low", "parameter min_confidence='low' is not allowed; choose one of: 'high', 'medium'"),
    ("04", "min_period_overlap", 0, "parameter min_period_overlap=0 is out of range; allowed: 0.05 to 1"),
    ("04", "dhs_2025_year", "school", "parameter dhs_2025_year='school' is not allowed; choose one of: 'calendar', 'fiscal'"),
    ("05", "tolerance_exact", -1, "parameter tolerance_exact=-1 is out of range; allowed: 0 to 0.5"),
    ("05", "tolerance_about", "wide", "parameter tolerance_about must be a number, got str 'wide'"),
]


@pytest.mark.parametrize("prefix, name, value, message", BAD_PARAMETERS,
                         ids=[f"{n}-{p}-{v!r}" for n, p, v, _ in BAD_PARAMETERS])
def test_a_bad_value_is_refused_with_the_notebooks_message(prefix, name, value, message):
    with pytest.raises(ParameterError) as caught:
        notebook_parameters.check(notebook(prefix), {name: value})
    assert message in str(caught.value)


def test_an_unknown_name_is_refused_and_the_parameters_are_listed():
    with pytest.raises(ParameterError, match=r"unknown parameter 'fiscal_year' for 01_declined_detainers_fy2021_2024"
                                             r"\.ipynb; its parameters: fiscal_years, annualization_basis, "
                                             r"claimed_total_floor, .*\(given: fiscal_year=\[2022\]\)$"):
        notebook_parameters.check(notebook("01"), {"fiscal_year": [2022]})


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name[:2])
def test_the_published_defaults_pass_the_check_unchanged(path):
    defaults = notebook_parameters.declared(path)
    checked = notebook_parameters.check(path, {})
    # a notebook may hold a date as a date; the published value is the same day
    assert {name: getattr(value, "isoformat", lambda v=value: v)() for name, value in checked.items()} == defaults


def test_good_values_given_on_the_command_line_pass_as_the_notebook_will_hold_them():
    checked = notebook_parameters.check(notebook("01"), {"fiscal_years": [2023, 2022], "annualization_basis": "fixed_365"})
    assert checked["fiscal_years"] == [2022, 2023] and checked["annualization_basis"] == "fixed_365"
    checked = notebook_parameters.check(notebook("04"), {"window_start": "2021-01-20", "sources": ["CIS", "TRAC"]})
    assert str(checked["window_start"]) == "2021-01-20" and checked["sources"] == ["CIS", "TRAC"]


def building(path):
    """The notebook's cell after its parameters: the call that builds its Parameters, and the module alias."""
    cells = [c for c in json.loads(path.read_text())["cells"] if c["cell_type"] == "code"]
    assert "parameters" in cells[0]["metadata"].get("tags", [])
    tree = ast.parse("".join(cells[1]["source"]))
    calls = [node for node in ast.walk(tree)
             if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "Parameters"]
    assert len(calls) == 1, f"{path.name}: the cell after the parameters must build its Parameters once"
    return cells, tree, calls[0]


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=lambda p: p.stem[:2] if p.parent.name == "notebooks" else p.stem)
def test_every_notebook_builds_its_one_declaration_from_its_cell(path):
    """The in-notebook check (for JupyterLab) and the pipeline's are one declaration, built from every parameter
    under its own name (`p = question.Parameters(name=name, ...)`), assigned to `p`."""
    cells, tree, call = building(path)
    declared = list(notebook_parameters.declared(path))
    assert not call.args and [(k.arg, getattr(k.value, "id", None)) for k in call.keywords] == [(n, n) for n in declared]
    assert any(isinstance(node, ast.Assign) and node.value is call and [t.id for t in node.targets] == ["p"]
               for node in ast.walk(tree))
    module = BY_NOTEBOOK[path.stem].__name__.split(".")[-1]
    alias = call.func.value.id
    imports = [node for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
    assert any(a.name == module and (a.asname or a.name) == alias for node in imports for a in node.names)


# general helpers that take a parameter's value among others (a single year, any list of years, any file)
GENERAL = {("weekly", "cis_weekly_average"), ("weekly", "fiscal_span_average"), ("periods", "span_name"),
           ("recount", "load")}


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=lambda p: p.stem[:2] if p.parent.name == "notebooks" else p.stem)
def test_a_parameter_keeps_one_name_from_the_cell_to_the_code_that_uses_it(path):
    """After the cell that builds `p`, a parameter is named only as `p.<name>`; a research function that receives
    `p.<name>` calls its argument by the same name."""
    import importlib
    import inspect

    cells, tree, _ = building(path)
    names = set(notebook_parameters.declared(path))
    modules = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("detainer_audit"):
            for a in node.names:
                modules[a.asname or a.name] = f"{node.module}.{a.name}"
    for cell in cells[2:]:
        for node in ast.walk(ast.parse("".join(cell["source"]))):
            assert not (isinstance(node, ast.Name) and node.id in names), \
                f"{path.name}: {node.id} is used bare; use p.{node.id}"
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                    and isinstance(node.func.value, ast.Name) and node.func.value.id in modules \
                    and (node.func.value.id, node.func.attr) not in GENERAL:
                function = getattr(importlib.import_module(modules[node.func.value.id]), node.func.attr)
                received = list(inspect.signature(function).parameters)
                for place, arg in enumerate(node.args):
                    if isinstance(arg, ast.Attribute) and getattr(arg.value, "id", None) == "p" and arg.attr in names:
                        assert received[place] == arg.attr, \
                            f"{path.name}: {node.func.attr} receives p.{arg.attr} as {received[place]}"


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=lambda p: p.stem[:2] if p.parent.name == "notebooks" else p.stem)
def test_the_cells_comments_are_the_declarations_words(path):
    """The README's table reads each parameter's words from its declaration; the parameters cell shows a reader
    the same words beside each value."""
    source = "".join(next(c for c in json.loads(path.read_text())["cells"]
                          if "parameters" in c["metadata"].get("tags", []))["source"])
    comments = {line.split("=")[0].strip(): line.split("  # ", 1)[1].strip() for line in source.splitlines()}
    assert comments == notebook_parameters.described(path)


def test_a_parameters_cell_with_more_than_literals_is_refused(tmp_path):
    nb = json.loads(notebook("05").read_text())
    cell = next(c for c in nb["cells"] if "parameters" in c["metadata"].get("tags", []))
    cell["source"] = ["tolerance_exact = 0.005\n", "tolerance_about = tolerance_exact * 20\n"]
    path = tmp_path / "05_claims_audit.ipynb"
    path.write_text(json.dumps(nb))
    with pytest.raises(ParameterError, match=r"05_claims_audit.ipynb, parameters cell, line 2: the default of "
                                             r"tolerance_about must be a literal value"):
        notebook_parameters.check(path, {})


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=lambda p: p.stem[:2] if p.parent.name == "notebooks" else p.stem)
def test_the_published_parameters_are_the_notebooks_defaults(path):
    """The guard of the published run compares a run's parameters with the defaults of its question's one
    declaration (`Parameters`): they must be exactly the parameters cell's values, which make reproduce uses."""
    module = BY_NOTEBOOK[path.stem]
    assert module.NOTEBOOK == path.stem
    assert notebook_parameters.published(path) == notebook_parameters.declared(path)
    assert params.values(module.Parameters()) == notebook_parameters.declared(path)


def test_a_parameter_is_declared_once_with_words_and_its_published_value():
    for module in BY_NOTEBOOK.values():
        declaration = module.Parameters
        assert dataclasses.is_dataclass(declaration) and declaration.__dataclass_params__.frozen
        assert all(params.described(declaration).values()), module.__name__
        assert not hasattr(module, "PUBLISHED_PARAMETERS") and not hasattr(module, "check_parameters")
    with pytest.raises(dataclasses.FrozenInstanceError):
        BY_NOTEBOOK["03_travis_county_share_2017"].Parameters().report_week = 2


def test_the_check_page_builds_its_one_declaration_from_its_cell():
    """notebooks/check/check_claims.ipynb (make check) declares its parameters once too: `check.page.Parameters`."""
    from detainer_audit.check import page

    path = ROOT / "notebooks" / "check" / "check_claims.ipynb"
    cells, _, call = building(path)
    assert params.published(page.Parameters) == notebook_parameters.declared(path)
    assert [(k.arg, k.value.id) for k in call.keywords] == [(n, n) for n in params.names(page.Parameters)]
    comments = {line.split("=")[0].strip(): line.split("  # ", 1)[1].strip()
                for line in "".join(cells[0]["source"]).splitlines()}
    assert comments == params.described(page.Parameters)
    with pytest.raises(ParameterError, match="parameter counts_csv must name a CSV file that make check writes, got ''"):
        page.Parameters(counts_csv="")
