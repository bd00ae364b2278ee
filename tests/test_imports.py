"""No import cycle among kfacts modules, function-level imports included.

Every module under ``src/kfacts`` is parsed with :mod:`ast`; each ``import`` and ``from ... import``
anywhere in it (module level, inside functions and methods; relative or absolute) that names a
kfacts module is an edge. ``from . import x`` is an edge to the submodule ``x`` when there is one,
else to the package. Importing ``a.b.c`` also runs the ``__init__`` of ``a.b``, so an edge to a
module is also an edge to every package above it that is not the importer's own (the root
``kfacts`` package, the public facade every module is below, is left out). Imports under
``if TYPE_CHECKING:`` never run and are left out.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
ROOT = "kfacts"


def _modules() -> dict[str, tuple[Path, bool]]:
    """module name -> (file, is a package ``__init__``)."""
    out = {}
    for path in sorted((SRC / ROOT).rglob("*.py")):
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        package = parts[-1] == "__init__"
        if package:
            parts = parts[:-1]
        out[".".join(parts)] = (path, package)
    return out


def _type_checking_nodes(tree: ast.AST) -> set[int]:
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for stmt in node.body:
                skip.update(id(n) for n in ast.walk(stmt))
    return skip


def _known(name: str, modules: dict[str, tuple[Path, bool]]) -> str | None:
    """The kfacts module ``name`` is, or is inside (``kfacts.fact.Fact`` -> ``kfacts.fact``)."""
    while name:
        if name in modules:
            return name
        name = name.rpartition(".")[0]
    return None


def import_graph() -> dict[str, set[str]]:
    """kfacts module -> the kfacts modules its code imports."""
    modules = _modules()
    graph: dict[str, set[str]] = {}
    for name, (path, package) in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        skip = _type_checking_nodes(tree)
        here = name if package else name.rpartition(".")[0]
        targets: set[str] = set()
        for node in ast.walk(tree):
            if id(node) in skip:
                continue
            if isinstance(node, ast.Import):
                targets.update(filter(None, (_known(a.name, modules) for a in node.names)))
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = here.split(".")[: len(here.split(".")) - (node.level - 1)]
                    source = ".".join(base + ([node.module] if node.module else []))
                else:
                    source = node.module or ""
                for alias in node.names:
                    found = _known(f"{source}.{alias.name}", modules) or _known(source, modules)
                    if found:
                        targets.add(found)
        edges = set()
        for target in targets:
            parts = target.split(".")
            for k in range(2, len(parts) + 1):  # the module and each package above it but the root
                above = ".".join(parts[:k])
                if above != name and not name.startswith(above + "."):
                    edges.add(above)
        graph[name] = edges
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of ``graph`` as a list of modules (first == last), or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return path[path.index(nxt):] + [nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        path.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state:
            found = visit(start)
            if found:
                return found
    return None


def test_the_graph_sees_every_kind_of_import():
    graph = import_graph()
    assert "kfacts.batch" in graph["kfacts.api"]  # module level, relative
    assert "kfacts.api" in graph["kfacts.cli"]  # inside a function
    assert "kfacts.extractors.organizations.api" in graph["kfacts.extractors.people.orgs"]  # from .. import x as y
    assert "kfacts.extractors.organizations" in graph["kfacts.extractors.people.orgs"]  # the package above
    assert "kfacts.rulepacks.testing" in graph["kfacts.pytest_plugin"]  # absolute, inside a method
    assert "kfacts.store.core" not in graph["kfacts.store.exchange"]  # under TYPE_CHECKING only


def test_find_cycle_reports_the_cycle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set(), "c": {"a", "b"}}) is None


def test_no_import_cycle():
    cycle = find_cycle(import_graph())
    if cycle is not None:
        pytest.fail("import cycle: " + " -> ".join(cycle))
