"""Shared fixtures: Sphinx's testing fixtures, the test roots, and one build of the real site."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import sphinx.locale
from hypothesis import settings
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


def build_html(srcdir: Path, out: Path) -> Path:
    """Build a project's HTML with the strict flags; return the output folder."""
    sphinx.locale.translators.clear()  # no other build's language carried over (build_main keeps it)
    status = build_main(
        [
            "-W",
            "--keep-going",
            "-n",
            "-q",
            "-b",
            "html",
            "-d",
            str(out.parent / "doctrees"),
            str(srcdir),
            str(out),
        ]
    )
    assert status == 0, f"{srcdir} does not build cleanly"
    return out


def build_scope(fixture_name: str, config: pytest.Config) -> str:
    """One build per session; one per test under `make mutate`, where mutmut charges the code a
    fixture runs to the test that sets it up, and so would run only that test against a mutant."""
    return "function" if os.environ.get("STUDYGUIDE_MUTATE") else "session"


@pytest.fixture(scope=build_scope)  # type: ignore[arg-type]
def quiz_site(tmp_path_factory: pytest.TempPathFactory, rootdir: Path) -> Path:
    """The quiz test root built once (HTML), for tests that read its output."""
    import shutil

    src = tmp_path_factory.mktemp("quiz-site") / "src"
    shutil.copytree(rootdir / "test-quiz", src)
    return build_html(src, src.parent / "html")


# Hypothesis: the same examples on every run, everywhere (CI and `make test`), and no example
# database, so that a failure is reproduced by the next run and by anyone; inputs it has found
# to break the code are pinned with @example. HYPOTHESIS_PROFILE=explore searches afresh.
settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
settings.register_profile("explore", max_examples=2000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(scope=build_scope)  # type: ignore[arg-type]
def exam_site(tmp_path_factory: pytest.TempPathFactory, rootdir: Path) -> Path:
    """The exam test root built once (HTML); its exam keys are in ``<it>/../teacher``."""
    import shutil

    src = tmp_path_factory.mktemp("exam-site") / "src"
    shutil.copytree(rootdir / "test-exam", src)
    return build_html(src, src.parent / "html")
