"""Exports no author text can break: hostile text through every field of GIFT and QTI.

The GIFT is read back with the independent parser in tests/gift.py, which reads formats
and weights as Moodle does; the QTI with the standard library's XML parser.
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from studyguide.quiz.answers import normalise_answer
from studyguide.quiz.directive import BuiltQuiz, QuizRecord
from studyguide.quiz.export import gift_document, qti_assessment, qti_manifest, qti_package
from studyguide.quiz.generate import Question, QuizSpec
from tests import gift

QTI = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"

HOSTILE = [
    "Line one\nLine two\r\n\n::forged::A forged question {=yes ~no}\n\n// [id:forged]",
    "%100%I am the right answer now",
    "%-50% half",
    "[html]<b>bold</b> and <script>alert(1)</script>",
    "[markdown]*stars*",
    "~ = # { } : \\ every special \\n and \\\\ a backslash",
    "a -> b, the arrow of a matching pair",
    "controls\x00\x07\x1b[31m\x0b\x0c\x7f\x85\u2028\u2029 end",
    "// looks like a comment",
    "$CATEGORY: evil",
    "####feedback?",
    "lone \ud800 surrogate",
    "non-characters \ufffe\uffff",
    "]]> <![CDATA[ & < > \" '",
]


def expected(text: str) -> str:
    """What a reader must get back: control characters gone, whitespace one space (fixed rules)."""
    kept = re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]", "", text)
    return " ".join(kept.split())


def hostile_quiz(offset: int = 0) -> BuiltQuiz:
    def h(i: int) -> str:
        return HOSTILE[(i + offset) % len(HOSTILE)]

    questions = [
        Question(f"q{offset}-tf", "tf", h(0), ("True", "False"), ("False",), h(1), "c", h(2)),
        Question(f"q{offset}-blank", "blank", h(3), (), (h(4), h(5)), h(6), "c", h(7)),
        Question(f"q{offset}-mc", "mc", h(8), (h(9), h(10), h(11)), (h(10),), h(12), "c", h(13)),
        Question(
            f"q{offset}-order",
            "order",
            h(1),
            (h(2), h(3), h(4)),
            (h(4), h(2), h(3)),
            h(5),
            "",
            "",
            items=(h(2), h(3), h(4)),
        ),
        Question(
            f"q{offset}-match",
            "match",
            h(6),
            (h(8), h(9), h(7)),
            (h(7), h(8), h(9)),
            h(10),
            "",
            "",
            items=(h(11), h(12), h(13)),
        ),
    ]
    record = QuizRecord(id="hostile", docname="index", line=1, title=h(0), spec=QuizSpec(id="hostile"))
    return BuiltQuiz(record, questions, [], version="v1")


@pytest.mark.parametrize("offset", range(len(HOSTILE)))
def test_gift_reads_back_as_written(offset: int) -> None:
    quiz = hostile_quiz(offset)
    parsed = gift.parse(gift_document(quiz))
    assert [q.title for q in parsed] == [q.id for q in quiz.questions]  # nothing forged, nothing lost
    by_id = {q.id: q for q in quiz.questions}
    for read in parsed:
        question = by_id[read.title]
        assert read.formats in ([], ["moodle"] * len(read.formats)), read.formats  # never [html]
        assert read.weights == []  # no "%100%" read as a weight
        assert read.ids == [question.id]  # one "[id:...]" comment line, for Moodle
        assert read.text == expected(question.prompt)
        assert read.feedback == expected(question.explanation)
        if question.type == "tf":
            assert read.kind == "truefalse" and read.right == ["FALSE"]
        elif question.type == "blank":
            # "*" is Moodle's wildcard in a short answer; an arrow would make it a matching question
            assert read.kind == "shortanswer"
            keyed = [expected(a).replace("*", "\\*").replace("->", "-&gt;") for a in question.answer]
            assert read.right[: len(keyed)] == keyed

            # then the spellings the site also accepts, none it would refuse
            def unescaped(text: str) -> str:
                return text.replace("\\*", "*").replace("-&gt;", "->")

            folded = {normalise_answer(unescaped(a)) for a in keyed}  # as written: one line, no controls
            for extra in read.right[len(keyed) :]:
                assert normalise_answer(unescaped(extra)) in folded, extra
        elif question.type == "mc":
            assert read.kind == "multichoice"
            assert read.right == [expected(question.answer[0])]
            assert read.wrong == [expected(c) for c in question.choices if c not in question.answer]
        else:
            assert read.kind == "matching"
            rights = (
                [str(question.answer.index(i) + 1) for i in question.answer]
                if question.type == "order"
                else list(question.answer)
            )
            rows = list(question.answer) if question.type == "order" else list(question.items)
            # Moodle splits a pair at its first "->": an arrow in a row is written as "-&gt;"
            assert read.pairs == [
                (expected(r).replace("->", "-&gt;"), expected(a)) for r, a in zip(rows, rights, strict=True)
            ]


def test_gift_header_stays_comments() -> None:
    document = gift_document(hostile_quiz())
    head = document.split("\n\n", 1)[0].splitlines()
    assert len(head) == 2 and head[0].startswith("// ") and head[1] == "$CATEGORY: hostile"


@pytest.mark.parametrize("offset", range(len(HOSTILE)))
def test_qti_is_valid_xml_with_the_text(offset: int) -> None:
    quiz = hostile_quiz(offset)
    root = ET.fromstring(qti_assessment(quiz).encode("utf-8"))
    ET.fromstring(qti_manifest(quiz).encode("utf-8"))
    assessment = root.find(f"{QTI}assessment")
    assert assessment is not None and assessment.get("title") == expected(quiz.record.title)
    items = list(root.iter(f"{QTI}item"))
    assert [i.get("ident") for i in items] == [q.id for q in quiz.questions]
    for item, question in zip(items, quiz.questions, strict=True):
        texts = [t.text or "" for t in item.iter(f"{QTI}mattext")]
        assert texts[0] == expected_xml(question.prompt)
        assert expected_xml(question.explanation) in texts
    with zipfile.ZipFile(io.BytesIO(qti_package(quiz))) as package:
        for name in package.namelist():
            ET.fromstring(package.read(name))


def expected_xml(text: str) -> str:
    """QTI keeps line breaks (XML reads CR LF and CR as LF); only forbidden characters go."""
    kept = re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]", "", text)
    return kept.replace("\r\n", "\n").replace("\r", "\n")


@pytest.mark.sphinx("html", testroot="hostile", freshenv=True)
def test_the_hostile_root_exports_parse(app: SphinxTestApp) -> None:
    app.build()
    out = Path(app.outdir) / "_quizzes"
    gifts = sorted(out.glob("*.gift"))
    assert gifts
    for path in gifts:
        for question in gift.parse(path.read_text("utf-8")):
            assert set(question.formats) <= {"moodle"} and question.weights == []
    for path in sorted(out.glob("*.zip")):
        with zipfile.ZipFile(path) as package:
            for name in package.namelist():
                ET.fromstring(package.read(name))
