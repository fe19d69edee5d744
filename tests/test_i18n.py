"""Every string the extension writes onto a page is translatable; a French build shows French."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from sphinx.testing.util import SphinxTestApp

LOCALE = Path(__file__).resolve().parent.parent / "ext" / "studyguide" / "locale"


def msgids(text: str) -> set[str]:
    return {str(m.id) for m in read_po(io.StringIO(text)) if m.id}


def untranslated(text: str) -> set[str]:
    return {str(m.id) for m in read_po(io.StringIO(text)) if m.id and not m.string}


def test_template_is_up_to_date(tmp_path: Path) -> None:
    """The shipped .pot holds exactly the messages in the code (run `make locale` to refresh)."""
    fresh = tmp_path / "fresh.pot"
    subprocess.run(
        [
            str(Path(sys.executable).parent / "pybabel"),
            "extract",
            "-k",
            "_",
            "--no-location",
            "-o",
            str(fresh),
            ".",
        ],
        cwd=LOCALE.parent,
        check=True,
        capture_output=True,
    )
    assert msgids(fresh.read_text("utf-8")) == msgids((LOCALE / "studyguide.pot").read_text("utf-8"))


def test_french_catalog_is_complete() -> None:
    po = (LOCALE / "fr" / "LC_MESSAGES" / "studyguide.po").read_text("utf-8")
    assert msgids(po) == msgids((LOCALE / "studyguide.pot").read_text("utf-8"))
    assert untranslated(po) == set()
    # the compiled catalog Sphinx reads says what the .po says (run `make locale` after editing it)
    with (LOCALE / "fr" / "LC_MESSAGES" / "studyguide.mo").open("rb") as compiled:
        mo = {str(m.id): m.string for m in read_mo(compiled) if m.id}
    assert mo == {str(m.id): m.string for m in read_po(io.StringIO(po)) if m.id}


@pytest.mark.sphinx("html", testroot="quiz", freshenv=True, confoverrides={"language": "fr"})
def test_french_build(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    out = Path(app.outdir)
    register = (out / "register.html").read_text("utf-8")
    assert "Mentionné dans :" in register and "Rôle" in register
    quiz = (out / "quiz.html").read_text("utf-8")
    assert "Qui soutient ce point de vue ?" in quiz
    assert ">Vérifier</button>" in quiz and "Relire le passage" in quiz and "Pour les enseignants" in quiz
    texts = json.loads(re.search(r"data-sg-text='([^']+)'", quiz).group(1).replace("&quot;", '"'))  # type: ignore[union-attr]
    assert texts["right"] == "Juste."
    assert "Question posée dans" in (out / "letter.html").read_text("utf-8")
    assert "Index des personnes" in (out / "sg-personindex.html").read_text("utf-8")
