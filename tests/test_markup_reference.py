"""The markup reference (docs/_ext/markup_reference.py) describes exactly what the extension registers."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

from docutils.parsers.rst import directives, roles
from sphinx.application import Sphinx

from tests.conftest import DOCS


def load_reference() -> ModuleType:
    spec = importlib.util.spec_from_file_location("markup_reference", DOCS / "_ext" / "markup_reference.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_directive_role_and_option_is_described(tmp_path: Path) -> None:
    (tmp_path / "conf.py").write_text('extensions = ["myst_parser", "studyguide"]\n', "utf-8")
    (tmp_path / "index.md").write_text("# Empty\n", "utf-8")
    Sphinx(
        str(tmp_path),
        str(tmp_path),
        str(tmp_path / "_build"),
        str(tmp_path / "_build" / "d"),
        "html",
        status=None,
    )
    reference = load_reference()
    found = reference.registered(directives._directives)
    names = {n for group in found.values() for n in group}
    for expected in (
        "person",
        "claim",
        "quiz",
        "quiz-key",
        "quiz-exam",
        "timeline",
        "debate-map",
        "register-cards",
    ):
        assert expected in names, expected
    for group in found.values():
        canonical = next(n for n in group if n in reference.DIRECTIVES)
        spec = directives._directives[canonical].option_spec or {}
        assert set(spec) == set(reference.DIRECTIVES[canonical][2]), canonical
    role_groups = reference.registered(roles._roles)
    assert {"person", "claim", "blank"} <= {n for g in role_groups.values() for n in g}
    for group in role_groups.values():
        assert any(n in reference.ROLES for n in group), group
