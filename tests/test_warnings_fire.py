"""Every warning subtype in ext/studyguide/warnings.py is documented and has a test that makes it fire.

The list is read from warnings.py; a subtype counts as tested when a test function (or the
parametrisation of one) in tests/ names it as the subtype it expects, and that function reads
the build's warnings (``app.warning``, ``warnings``, a ``WARNING`` line or a quality finding).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from studyguide.warnings import SUBTYPES

TESTS = Path(__file__).parent
ROOT = TESTS.parent


def _function_texts() -> list[tuple[str, set[str], str]]:
    """(test name, its string constants, its source) for every test function, module constants included."""
    found = []
    for path in sorted(TESTS.glob("test_*.py")):
        source = path.read_text("utf-8")
        tree = ast.parse(source)
        module_strings = {
            node.value
            for top in tree.body
            if isinstance(top, ast.Assign | ast.AnnAssign)
            for node in ast.walk(top)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef) and node.name.startswith("test_"):
                strings = {
                    n.value
                    for n in ast.walk(node)
                    if isinstance(n, ast.Constant) and isinstance(n.value, str)
                }
                text = ast.get_source_segment(source, node) or ""
                used = {name.id for name in ast.walk(node) if isinstance(name, ast.Name)}
                if used & {
                    t.targets[0].id
                    for t in tree.body
                    if isinstance(t, ast.Assign) and isinstance(t.targets[0], ast.Name)
                }:
                    strings |= module_strings
                found.append((f"{path.name}::{node.name}", strings, text))
    return found


def _names_subtype(strings: set[str], subtype: str) -> bool:
    return any(
        s == subtype or f"studyguide.{subtype}" in s or f"studyguide\\.{subtype}" in s or f'"{subtype}"' in s
        for s in strings
    )


def test_every_subtype_has_a_firing_test() -> None:
    functions = _function_texts()
    reads_warnings = re.compile(r"\.warning\b|warnings|WARNING|findings|finding\.subtype|\.subtype")
    missing = [
        subtype
        for subtype in SUBTYPES
        if not any(
            _names_subtype(strings, subtype) and reads_warnings.search(text) for _, strings, text in functions
        )
    ]
    assert not missing, f"warning subtypes no test makes fire: {missing}"


def test_every_emitted_subtype_is_listed() -> None:
    emitted = set()
    for path in (ROOT / "ext" / "studyguide").rglob("*.py"):
        emitted |= set(re.findall(r"""warn\(\s*["']([a-z-]+)["']""", path.read_text("utf-8")))
        emitted |= set(re.findall(r"""add\(\s*["']([a-z-]+)["']""", path.read_text("utf-8")))
    assert emitted, "no warn() calls found"
    assert emitted - set(SUBTYPES) <= set(), emitted - set(SUBTYPES)


def test_the_warnings_page_shows_the_list() -> None:
    page = (ROOT / "docs" / "reference" / "warnings.md").read_text("utf-8")
    assert "```{studyguide-warnings}" in page
