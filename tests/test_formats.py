"""E-book and PDF: the text, the register, the glossary and the quizzes, readable offline."""

from __future__ import annotations

import re
import sys
import zipfile
from pathlib import Path

import pytest
from sphinx.cmd.build import build_main

from tests.conftest import DOCS

PIECES = ["letter-to-the-editors", "reply-to-trotsky", "reply-to-ciliga", "reply-to-serge"]


@pytest.fixture(scope="module")
def epub(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("epub")
    assert (
        build_main(
            ["-W", "--keep-going", "-q", "-b", "epub", "-d", str(out / "dt"), str(DOCS), str(out / "epub")]
        )
        == 0
    )
    (book,) = (out / "epub").glob("*.epub")
    return book


def test_epub_is_a_zip_with_its_opf_and_every_chapter(epub: Path) -> None:
    with zipfile.ZipFile(epub) as book:
        assert book.testzip() is None
        names = book.namelist()
        assert names[0] == "mimetype" and book.read("mimetype") == b"application/epub+zip"
        opf = book.read("content.opf").decode("utf-8")
        for chapter in [f"text/{p}.xhtml" for p in PIECES] + ["register/people.xhtml", "glossary.xhtml"]:
            assert chapter in names and chapter in opf, chapter
        quiz = book.read("quizzes/trotsky.xhtml").decode("utf-8")
    assert "<script" not in quiz.replace('<script src="_static', "")  # no widget: plain questions
    assert "Who holds this view?" in quiz or "True or false?" in quiz
    assert quiz.index("sg-quiz-print") < quiz.index(">Answers<")  # the answers come after the questions


def test_pdf_has_pages_with_the_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pypdf import PdfReader

    monkeypatch.setenv("STUDYGUIDE_PDF", "1")  # docs/conf.py adds sphinx-simplepdf
    monkeypatch.setenv("PATH", f"{Path(sys.executable).parent}:{__import__('os').environ['PATH']}")
    status = build_main(
        [
            "-W",
            "--keep-going",
            "-q",
            "-b",
            "simplepdf",
            "-d",
            str(tmp_path / "dt"),
            str(DOCS),
            str(tmp_path / "pdf"),
        ]
    )
    assert status == 0
    (pdf,) = (tmp_path / "pdf").glob("*.pdf")
    reader = PdfReader(pdf)
    assert len(reader.pages) > 50
    text = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))
    assert "The repression, I repeat, was atrocious." in text
    assert "Answers" in text and "Fill in the blank" in text
