"""Shared fixtures: Sphinx's testing fixtures, the test roots, and one build of the real site."""

from __future__ import annotations

from pathlib import Path

import pytest
from sphinx.cmd.build import build_main

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
SEED = ROOT / "seeds" / "serge-1939-a-letter-and-some-notes.txt"


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where `@pytest.mark.sphinx(testroot=...)` finds `tests/roots/test-*`."""
    return Path(__file__).parent / "roots"


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The publication built once with the flags `make html` uses; returns the HTML folder."""
    out = tmp_path_factory.mktemp("site") / "html"
    doctrees = out.parent / "doctrees"
    status = build_main(
        ["-W", "--keep-going", "-n", "-q", "-b", "html", "-d", str(doctrees), str(DOCS), str(out)]
    )
    assert status == 0, "the site does not build cleanly with -W --keep-going -n"
    return out
