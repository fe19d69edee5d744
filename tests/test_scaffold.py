"""`python -m studyguide new DIR` writes a project that builds with -W at once: HTML and EPUB, through its Makefile."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from studyguide.__main__ import main
from tests.htmltext import main_text

LAYOUTS = Path(__file__).parent / "data" / "layouts"
BIN = Path(sys.executable).parent


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("new") / "guide"
    status = main(
        [
            "new",
            str(target),
            "--source",
            str(LAYOUTS / "correspondence.txt"),
            "--title",
            "The Harbour Wall",
            "--author",
            "Samuel Oke; Martha Lewin",
        ]
    )
    assert status == 0
    return target


def make(project: Path, target: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["make", target, f"SPHINXBUILD={BIN / 'sphinx-build'}"],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_project_has_its_files(project: Path) -> None:
    pieces = ["the-harbour-wall-a-letter-from-the-pilots", "the-harbour-wall-a-reply-from-the-commissioners"]
    for name in [
        "conf.py",
        "Makefile",
        ".readthedocs.yaml",
        "index.md",
        "register.md",
        "teachers.md",
        "quizzes/whole-text.md",
        "quizzes/exam.md",
        *(f"text/{p}.md" for p in pieces),
        *(f"quizzes/{p}.md" for p in pieces),
        *(f"quizzes/answers/{p}.md" for p in pieces),
    ]:
        assert (project / name).is_file(), name
    makefile = (project / "Makefile").read_text("utf-8")
    for target in ("html", "test", "epub", "pdf"):
        assert re.search(rf"^{target}:", makefile, flags=re.M), target
    conf = (project / "conf.py").read_text("utf-8")
    assert 'version = release = "1.0"' in conf and '"studyguide"' in conf


def test_make_test_builds_html_with_warnings_as_errors(project: Path) -> None:
    result = make(project, "test")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "-W" in result.stdout
    html = project / "_build" / "test" / "html"
    quiz = (html / "quizzes" / "the-harbour-wall-a-letter-from-the-pilots.html").read_text("utf-8")
    assert 'data-sg-quiz="the-harbour-wall-a-letter-from-the-pilots"' in quiz
    assert "Exam: The Harbour Wall" in main_text((html / "quizzes" / "exam.html").read_text("utf-8"))
    assert "Teachers" in main_text((html / "teachers.html").read_text("utf-8"))
    letter = main_text(
        (html / "text" / "the-harbour-wall-a-reply-from-the-commissioners.html").read_text("utf-8")
    )
    assert "12 Abbey Terrace, 12 March 1906" in letter


def test_make_epub_builds_without_doctrees_in_the_book(project: Path) -> None:
    result = make(project, "epub")
    assert result.returncode == 0, result.stdout + result.stderr
    books = list((project / "_build" / "epub").glob("*.epub"))
    assert len(books) == 1
    names = zipfile.ZipFile(books[0]).namelist()
    assert not [n for n in names if ".doctrees" in n or n.endswith(".pickle")]
    assert any(n.endswith("teachers.xhtml") for n in names)


def test_new_refuses_a_folder_in_use(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "guide").mkdir()
    (tmp_path / "guide" / "notes.txt").write_text("mine\n", "utf-8")
    assert main(["new", str(tmp_path / "guide"), "--source", str(LAYOUTS / "postscript.txt")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not an empty folder" in err
    assert sorted(p.name for p in (tmp_path / "guide").iterdir()) == ["notes.txt"]


def test_new_takes_the_title_from_the_source(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", str(tmp_path / "guide"), "--source", str(LAYOUTS / "marxists.txt")]) == 0
    conf = (tmp_path / "guide" / "conf.py").read_text("utf-8")
    assert 'project = "On the Ferry Question"' in conf and 'author = "Rosa Tremayne"' in conf


def test_new_without_a_source(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", str(tmp_path / "guide")]) == 2
    assert "--source" in capsys.readouterr().err
    assert not (tmp_path / "guide").exists()


def test_new_with_a_bad_source(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "one.txt"
    source.write_text("Just one line\n", "utf-8")
    assert (
        main(["new", str(tmp_path / "guide"), "--source", str(source), "--title", "T", "--author", "A"]) == 2
    )
    assert "no pieces" in capsys.readouterr().err
    assert not (tmp_path / "guide").exists()
    shutil.rmtree(tmp_path, ignore_errors=True)


def test_new_asks_for_what_is_not_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = iter([str(LAYOUTS / "gutenberg.txt"), "", "H. Ashcombe"])  # source, title (default), author
    asked: list[str] = []

    def fake_input(prompt: str) -> str:
        asked.append(prompt)
        return next(answers)

    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    monkeypatch.setattr("builtins.input", fake_input)
    assert main(["new", str(tmp_path / "guide")]) == 0
    assert asked == ["Source text: ", "Title [Letters from the Salt Marsh]: ", "Author [Helen Ashcombe]: "]
    conf = (tmp_path / "guide" / "conf.py").read_text("utf-8")
    assert 'project = "Letters from the Salt Marsh"' in conf and 'author = "H. Ashcombe"' in conf
