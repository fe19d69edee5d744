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


UNTAGGED = re.compile(r"# Until the first claims.*?\nsuppress_warnings[^\n]*\n\n", re.DOTALL)


def run_command(words: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT / "ext"), env.get("PYTHONPATH", "")) if p)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    return subprocess.run(words, cwd=cwd, env=env, capture_output=True, text=True, check=False)


def new_project(base: Path) -> Path:
    """The project the tutorial's `new` command makes, run as printed next to the example's source."""
    base.mkdir(parents=True, exist_ok=True)
    shutil.copy(EXAMPLE / "source.txt", base / "source.txt")
    words = tutorial_command("python -m studyguide new")
    result = run_command([sys.executable, *words[1:]], base)
    assert result.returncode == 0, result.stdout + result.stderr
    return base / words[words.index("new") + 1]


def test_new_as_the_tutorial_says(tmp_path: Path) -> None:
    project = new_project(tmp_path)
    written = sorted(p.name for p in (project / "text").glob("*.md"))
    # The example keeps exactly the pages the import writes, tagged since.
    assert written == sorted(p.name for p in (EXAMPLE / "text").glob("*.md"))
    assert (project / "text" / "reply-to-mr-reed.md").read_text("utf-8") == SHOWN_IMPORT.read_text("utf-8")
    # The conf.py the tutorial shows is the one `new` writes, less the lines step 6 deletes.
    conf = (project / "conf.py").read_text("utf-8")
    assert UNTAGGED.search(conf), "the tutorial's step 6 names lines conf.py does not have"
    assert UNTAGGED.sub("", conf) == (EXAMPLE / "conf.py").read_text("utf-8")
    shown = EXAMPLE / "quizzes" / "whole-text.md"
    assert (project / "quizzes" / "whole-text.md").read_text("utf-8") == shown.read_text("utf-8")


def test_dry_run_as_the_tutorial_says(tmp_path: Path) -> None:
    shutil.copy(EXAMPLE / "source.txt", tmp_path / "source.txt")
    words = tutorial_command("python -m studyguide import-text")
    result = run_command([sys.executable, *words[1:]], tmp_path)
    assert result.returncode == 0, result.stderr
    assert "piece 2: 'Reply to Mr Reed'" in result.stdout and "nothing was written" in result.stdout
    assert result.stdout == (EXAMPLE / "dry-run.txt").read_text("utf-8"), "the report the tutorial shows"
    assert not (tmp_path / "text").exists()


@pytest.fixture(scope="module")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tutorial's project: made by `new`, tagged as the example is, built with `make html` and `make epub`."""
    project = new_project(tmp_path_factory.mktemp("tutorial"))
    shutil.copy(EXAMPLE / "register.md", project / "register.md")
    for page in (EXAMPLE / "text").glob("*.md"):
        shutil.copy(page, project / "text" / page.name)
    conf = project / "conf.py"
    conf.write_text(UNTAGGED.sub("", conf.read_text("utf-8")), "utf-8")
    for target in ("html", "epub"):
        assert f"make {target}" in TUTORIAL.read_text("utf-8")
        result = run_command(["make", target], project)
        assert result.returncode == 0, f"make {target} fails:\n{result.stdout}{result.stderr}"
    return project / "_build" / "html"


def test_example_epub(example_site: Path) -> None:
    import zipfile

    (book,) = (example_site.parent / "epub").glob("*.epub")
    names = zipfile.ZipFile(book).namelist()
    assert "text/reply-to-mr-reed.xhtml" in names
    assert not [n for n in names if ".doctrees" in n]


def test_example_builds_register_and_quiz(example_site: Path) -> None:
    register = main_text((example_site / "register.html").read_text("utf-8"))
    assert "Thomas Reed" in register and "Mentioned in" in register
    quiz = (example_site / "quizzes" / "whole-text.html").read_text("utf-8")
    assert 'data-sg-quiz="whole-text"' in quiz
    assert (example_site / "quizzes" / "answers" / "whole-text.html").exists()
    data = json.loads((example_site / "quizzes.json").read_text("utf-8"))
    (harbour,) = [q for q in data["quizzes"] if q["id"] == "whole-text"]
    assert harbour["questions"]
    types = {q["type"] for q in harbour["questions"]}
    assert len(types) >= 3 and types <= {"who", "tf", "blank", "mc", "order", "match"}
    for export in ("whole-text.gift", "whole-text-qti12.zip"):
        assert (example_site / "_quizzes" / export).stat().st_size > 0


def test_example_keeps_every_paragraph(example_site: Path) -> None:
    pages = ["index.html", "text/letter-to-the-harbour-board.html", "text/reply-to-mr-reed.html"]
    text = " ".join(main_text((example_site / page).read_text("utf-8")) for page in pages)
    source = (EXAMPLE / "source.txt").read_text("utf-8")
    for paragraph in (p.strip() for p in re.split(r"\n\s*\n", source) if p.strip()):
        wanted = normalise(re.sub(r"^\d+\*?\.\s+", "", paragraph))
        assert wanted in text, f"missing from the built example: {wanted[:80]!r}"
