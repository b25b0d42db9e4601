"""The house rules, read from the code itself: the research package holds the research and never
imports the machinery that runs notebooks; no module imports in a circle, including through imports
inside functions; no module shadows the standard library; no research file is longer than about 400
lines."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

from helpers import ROOT

RESEARCH, MACHINERY = "detainer_audit", "audit_pipeline"
LONGEST_RESEARCH_FILE = 450  # "about 400 lines": the longest file the issue allows, with a little slack


def modules(package: str) -> dict[str, Path]:
    found = {}
    for path in sorted((ROOT / package).rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


ALL = {**modules(RESEARCH), **modules(MACHINERY)}


def imported(name: str, path: Path) -> set[str]:
    """Every module of the two packages that ``name`` imports, anywhere in the file (functions too)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([node.module] if node.module else []))
            # `from pkg import mod` imports the module pkg.mod where there is one, else names of pkg
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in ALL else base for alias in node.names]
        else:
            continue
        for target in targets:
            while target and target not in ALL:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


GRAPH = {name: imported(name, path) for name, path in ALL.items()}


def test_the_research_never_imports_the_machinery():
    arrows = sorted(f"{a} -> {b}" for a, targets in GRAPH.items() if a.startswith(RESEARCH)
                    for b in targets if b.startswith(MACHINERY))
    assert not arrows, "the research package imports the machinery: " + "; ".join(arrows)


def _circle() -> list[str] | None:
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for target in sorted(GRAPH[node]):
            # a package's __init__ imported by its own modules is not a circle of modules
            if state.get(target) == 1 and not node.startswith(target + "."):
                return path[path.index(target):] + [target]
            if target not in state:
                found = visit(target)
                if found:
                    return found
        path.pop()
        state[node] = 2
        return None

    for node in sorted(GRAPH):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


def test_no_module_imports_in_a_circle():
    circle = _circle()
    assert circle is None, "import circle: " + " -> ".join(circle)


def test_the_rule_sees_imports_inside_functions(tmp_path):
    """The circle this project once had was hidden in functions: the reader must see those too."""
    ALL["probe.a"], ALL["probe.b"] = tmp_path / "a.py", tmp_path / "b.py"
    try:
        (tmp_path / "a.py").write_text("def f():\n    from probe import b\n")
        (tmp_path / "b.py").write_text("import probe.a\n")
        assert imported("probe.a", tmp_path / "a.py") == {"probe.b"}
        assert imported("probe.b", tmp_path / "b.py") == {"probe.a"}
    finally:
        del ALL["probe.a"], ALL["probe.b"]


def test_no_module_is_named_after_the_standard_library():
    shadowing = sorted(name for name in ALL if name.rpartition(".")[2] in sys.stdlib_module_names)
    assert not shadowing, f"modules named after the standard library: {shadowing}"


@pytest.mark.parametrize("name", sorted(modules(RESEARCH)))
def test_no_research_file_is_longer_than_about_400_lines(name):
    lines = len(ALL[name].read_text(encoding="utf-8").splitlines())
    assert lines <= LONGEST_RESEARCH_FILE, f"{ALL[name].relative_to(ROOT)} has {lines} lines: split it by question"
