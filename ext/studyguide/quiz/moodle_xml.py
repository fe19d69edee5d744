"""Moodle XML export: every question type, with ID numbers, tags and feedback on every answer.

Moodle's own question format (``question/format/xml``) holds every type the generator makes:
who, true/false and multiple choice as ``multichoice``/``truefalse``, a blank as
``shortanswer`` with the spellings the site accepts (``variants.py``; ``*`` escaped, Moodle's
wildcard), a match as ``matching``, and an order as Moodle's ``ordering`` type (items in the
right order, graded by absolute position). Each question carries its id as its ``idnumber``
(a re-import updates it rather than duplicating it) and tags naming its quiz, type and claim.
Texts are HTML-escaped, then XML-escaped: no author text becomes markup in Moodle.
"""

from __future__ import annotations

import re
from html import escape as html_escape
from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape as xml_escape

from studyguide.i18n import _
from studyguide.quiz.directive import BuiltQuiz, built_quizzes
from studyguide.quiz.export import HTML_BUILDERS, _write_if_changed, one_line, question_tags, xml_text
from studyguide.quiz.generate import Question
from studyguide.quiz.render import EXPORT_DIR
from studyguide.quiz.variants import accepted_variants

if TYPE_CHECKING:
    from sphinx.application import Sphinx

MOODLE_TYPES = {
    "who": "multichoice",
    "mc": "multichoice",
    "tf": "truefalse",
    "blank": "shortanswer",
    "match": "matching",
    "order": "ordering",
}
MAX_IDNUMBER = 100  # Moodle's question.idnumber column


def _x(text: str) -> str:
    return xml_escape(xml_text(text))


def _html(text: str) -> str:
    """Plain text as a Moodle HTML field: escaped twice (HTML in XML)."""
    return xml_escape(html_escape(one_line(text), quote=False))


def _text(tag: str, text: str, fmt: str = "html") -> str:
    body = _html(text) if fmt == "html" else _x(one_line(text))
    return f'<{tag} format="{fmt}"><text>{body}</text></{tag}>'


def idnumber(question_id: str) -> str:
    return one_line(question_id)[:MAX_IDNUMBER]


def tags(quiz_id: str, question: Question) -> list[str]:
    """Tag names (those of every export): no commas, where Moodle splits tags."""
    return [one_line(t).replace(",", " ") for t in question_tags(quiz_id, question)]


def _answer(fraction: int | str, text: str, feedback: str, fmt: str = "html") -> str:
    body = _html(text) if fmt == "html" else _x(one_line(text))
    return (
        f'<answer fraction="{fraction}" format="{fmt}"><text>{body}</text>'
        f"{_text('feedback', feedback)}</answer>"
    )


def _right() -> str:
    return str(_("Right."))


def _wrong(answer: str) -> str:
    return str(_("Not quite: the answer is {answer}.")).format(answer=answer)


def _combined(answer: str) -> str:
    return (
        _text("correctfeedback", _right())
        + _text("partiallycorrectfeedback", _wrong(answer))
        + _text("incorrectfeedback", _wrong(answer))
        + "<shownumcorrect/>"
    )


def shortanswer_text(text: str) -> str:
    """An accepted answer: ``*`` is Moodle's wildcard in short answers, so ``\\*``."""
    return one_line(text).replace("*", "\\*")


def question_xml(quiz_id: str, question: Question) -> str:
    kind = MOODLE_TYPES[question.type]
    head = (
        f'<question type="{kind}">'
        f"<name><text>{_x(one_line(question.id))}</text></name>"
        f"{_text('questiontext', question.prompt)}"
        f"{_text('generalfeedback', question.explanation)}"
        "<defaultgrade>1</defaultgrade><penalty>0</penalty><hidden>0</hidden>"
        f"<idnumber>{_x(idnumber(question.id))}</idnumber>"
    )
    if question.type == "tf":
        right = question.answer[0] == question.choices[0]  # choices are (true, false)
        shown = question.answer[0]
        body = _answer(
            100 if right else 0, "true", _right() if right else _wrong(shown), "moodle_auto_format"
        )
        body += _answer(
            0 if right else 100, "false", _wrong(shown) if right else _right(), "moodle_auto_format"
        )
    elif question.type == "blank":
        body = "<usecase>0</usecase>" + "".join(
            _answer(100, shortanswer_text(a), _right(), "moodle_auto_format")
            for a in accepted_variants([one_line(a) for a in question.answer])
        )
    elif question.type == "match":
        rows = "".join(
            f'<subquestion format="html"><text>{_html(item)}</text><answer><text>{_x(one_line(role))}</text>'
            "</answer></subquestion>"
            for item, role in zip(question.items, question.answer, strict=True)
        )
        shown = "; ".join(f"{i}: {r}" for i, r in zip(question.items, question.answer, strict=True))
        body = "<shuffleanswers>true</shuffleanswers>" + _combined(shown) + rows
    elif question.type == "order":
        shown = " → ".join(question.answer)
        body = (
            "<layouttype>VERTICAL</layouttype><selecttype>ALL</selecttype><selectcount>0</selectcount>"
            "<gradingtype>ABSOLUTE_POSITION</gradingtype><showgrading>SHOW</showgrading>"
            "<numberingstyle>none</numberingstyle>"
            + _combined(shown)
            + "".join(
                f'<answer fraction="{n}" format="html"><text>{_html(item)}</text></answer>'
                for n, item in enumerate(question.answer, 1)
            )
        )
    else:
        shown = question.answer[0]
        body = (
            "<single>true</single><shuffleanswers>true</shuffleanswers><answernumbering>abc</answernumbering>"
            + _combined(shown)
            + "".join(
                _answer(
                    100 if c in question.answer else 0, c, _right() if c in question.answer else _wrong(shown)
                )
                for c in question.choices
            )
        )
    tag_list = "".join(f"<tag><text>{_x(t)}</text></tag>" for t in tags(quiz_id, question))
    return f"{head}{body}<tags>{tag_list}</tags></question>"


def category_path(quiz_id: str) -> str:
    """Moodle reads "/" in a category path as nesting; "//" is a slash in a name."""
    return "$course$/top/" + one_line(quiz_id).replace("/", "//")


def moodle_document(quiz: BuiltQuiz) -> str:
    record = quiz.record
    comment = re.sub(r"-{2,}", "-", one_line(f"{record.title} (quiz {record.id}, version {quiz.version})"))
    category = (
        '<question type="category">'
        f"<category><text>{_x(category_path(record.id))}</text></category>"
        f'<info format="html"><text>{_html(record.title)}</text></info>'
        "</question>"
    )
    questions = "\n".join(question_xml(record.id, q) for q in quiz.questions)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f"<!-- {_x(comment).rstrip('-')} -->\n"
        f"<quiz>\n{category}\n{questions}\n</quiz>\n"
    )


def write_moodle(app: Sphinx, exception: BaseException | None) -> None:
    """``<quiz id>-moodle.xml`` beside the other exports, once an HTML build is done."""
    if exception is not None or app.builder.name not in HTML_BUILDERS:
        return
    for quiz in built_quizzes(app).quizzes.values():
        path = Path(app.outdir) / EXPORT_DIR / f"{quiz.record.id}-moodle.xml"
        _write_if_changed(path, moodle_document(quiz).encode("utf-8"))


def setup_moodle_xml(app: Sphinx) -> None:
    app.connect("build-finished", write_moodle)
