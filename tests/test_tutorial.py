"""The tutorial's example project works as the tutorial says (docs/tutorial.md, docs/tutorial-example/).

Two checks, as a reader would go: the import command, run exactly as the tutorial prints it on
the example's source text, writes the pages the example keeps (the reply byte for byte as the
tutorial shows it); and the example project, with its tagged pages, builds cleanly with the
tutorial's build command, giving a register, a quiz and its exports, with every paragraph of the
source on its pages.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sphinx.cmd.build import build_main

from tests.conftest import DOCS, ROOT
from tests.htmltext import main_text, normalise

EXAMPLE = DOCS / "tutorial-example"
TUTORIAL = DOCS / "tutorial.md"
SHOWN_IMPORT = EXAMPLE / "as-imported-reply.md.txt"


def tutorial_command(program: str) -> list[str]:
    """The one command line of the tutorial that starts with `program`, split into words."""
    lines = [
        line.strip() for line in TUTORIAL.read_text("utf-8").splitlines() if line.strip().startswith(program)
    ]
    assert len(lines) == 1, f"the tutorial should show one `{program}` command, not {lines}"
    return shlex.split(lines[0])


def copy_example(dest: Path, *, with_text: bool = True) -> Path:
    ignore = ["_build", "__pycache__", ".doctrees"] + ([] if with_text else ["text"])
    shutil.copytree(EXAMPLE, dest, ignore=shutil.ignore_patterns(*ignore))
    return dest


def test_import_as_the_tutorial_says(tmp_path: Path) -> None:
    project = copy_example(tmp_path / "guide", with_text=False)
    words = tutorial_command("python -m studyguide import-text")
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT / "ext"), env.get("PYTHONPATH", "")) if p)
    result = subprocess.run(
        [sys.executable, *words[1:]], cwd=project, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    out = project / words[words.index("--out") + 1]
    written = sorted(p.name for p in out.glob("*.md"))
    # The example keeps exactly the pages the import writes, tagged since.
    assert written == sorted(p.name for p in (EXAMPLE / "text").glob("*.md"))
    assert (out / "reply-to-mr-reed.md").read_text("utf-8") == SHOWN_IMPORT.read_text("utf-8")


@pytest.fixture(scope="module")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example project built with the tutorial's command (quietly, doctrees kept aside)."""
    base = tmp_path_factory.mktemp("tutorial")
    project = copy_example(base / "guide")
    words = tutorial_command("sphinx-build")
    assert words[-2:] == [".", "_build/html"], words
    out = project / "_build" / "html"
    args = [*words[1:-2], "-q", "-d", str(base / "doctrees"), str(project), str(out)]
    assert build_main(args) == 0, "the tutorial's example does not build cleanly"
    return out


def test_example_builds_register_and_quiz(example_site: Path) -> None:
    register = main_text((example_site / "register.html").read_text("utf-8"))
    assert "Thomas Reed" in register and "Mentioned in" in register
    quiz = (example_site / "quiz.html").read_text("utf-8")
    assert 'data-sg-quiz="harbour"' in quiz
    assert (example_site / "answers.html").exists()
    data = json.loads((example_site / "quizzes.json").read_text("utf-8"))
    (harbour,) = [q for q in data["quizzes"] if q["id"] == "harbour"]
    assert harbour["questions"]
    types = {q["type"] for q in harbour["questions"]}
    assert len(types) >= 3 and types <= {"who", "tf", "blank", "mc", "order", "match"}
    for export in ("harbour.gift", "harbour-qti12.zip"):
        assert (example_site / "_quizzes" / export).stat().st_size > 0


def test_example_keeps_every_paragraph(example_site: Path) -> None:
    pages = ["index.html", "text/letter-to-the-harbour-board.html", "text/reply-to-mr-reed.html"]
    text = " ".join(main_text((example_site / page).read_text("utf-8")) for page in pages)
    source = (EXAMPLE / "source.txt").read_text("utf-8")
    for paragraph in (p.strip() for p in re.split(r"\n\s*\n", source) if p.strip()):
        wanted = normalise(re.sub(r"^\d+\*?\.\s+", "", paragraph))
        assert wanted in text, f"missing from the built example: {wanted[:80]!r}"
