"""The extension's modules import only downward: no import cycle in ``ext/studyguide``.

Every import counts, at the top of a module, inside a function or under ``TYPE_CHECKING``;
the graph is read from the source with ``ast``, not from what Python happened to import.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "ext" / "studyguide"


def module_name(root: Path, path: Path) -> str:
    parts = [root.name, *path.relative_to(root).with_suffix("").parts]
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def import_graph(root: Path) -> dict[str, set[str]]:
    """Module -> the modules of the same package it imports."""
    modules = {module_name(root, path): path for path in sorted(root.rglob("*.py"))}
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        is_package = path.name == "__init__.py"
        for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = name.split(".")
                    base = base[: len(base) - node.level + (1 if is_package else 0)]
                    stem = ".".join([*base, node.module] if node.module else base)
                else:
                    stem = node.module or ""
                targets = [f"{stem}.{alias.name}" for alias in node.names]
                targets = [t if t in modules else stem for t in targets]
            for target in targets:
                while target and target not in modules:  # a name inside a module: the module
                    target = target.rpartition(".")[0]
                if target and target != name:
                    graph[name].add(target)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Each strongly connected group of two or more modules (Tarjan), as a sorted list."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_extension_has_no_import_cycle() -> None:
    graph = import_graph(PACKAGE)
    assert "studyguide.core" in graph and "studyguide.domain" in graph["studyguide.core"]
    assert cycles(graph) == []


def test_the_core_and_the_domain_import_no_feature() -> None:
    graph = import_graph(PACKAGE)
    features = {"studyguide.register", "studyguide.claims", "studyguide.backlinks", "studyguide.overviews"}
    features |= {name for name in graph if name.startswith("studyguide.quiz.")}
    for low in ("studyguide.domain", "studyguide.core", "studyguide.nodes"):
        assert not (graph[low] & features), (low, graph[low] & features)


def test_every_module_says_what_it_owns() -> None:
    for path in sorted(PACKAGE.rglob("*.py")):
        docstring = ast.get_docstring(ast.parse(path.read_text("utf-8")))
        assert docstring and len(docstring.split()) >= 5, path


def test_a_cycle_is_found(tmp_path: Path) -> None:
    """The check itself: a package whose modules import each other, lazily or not, fails it."""
    root = tmp_path / "pkg"
    (root / "sub").mkdir(parents=True)
    (root / "__init__.py").write_text('"""p."""\n')
    (root / "sub" / "__init__.py").write_text('"""s."""\n')
    (root / "a.py").write_text("from pkg.sub.b import thing\n")
    (root / "sub" / "b.py").write_text("def f():\n    from ..c import other\n")
    (root / "c.py").write_text("import pkg.a\n")
    (root / "d.py").write_text("from pkg import a\n")
    graph = import_graph(root)
    assert graph["pkg.sub.b"] == {"pkg.c"}
    assert graph["pkg.d"] == {"pkg.a"}
    assert cycles(graph) == [["pkg.a", "pkg.c", "pkg.sub.b"]]
    (root / "c.py").write_text("import os\n")
    assert cycles(import_graph(root)) == []
