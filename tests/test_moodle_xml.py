"""The Moodle XML export against Moodle's documented format (tests/moodlexml.py), the keys in
quizzes.json, hostile text, and the accepted spellings the site would take.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from sphinx.testing.util import SphinxTestApp

from studyguide.quiz.answers import normalise_answer
from studyguide.quiz.moodle_xml import moodle_document, question_xml
from studyguide.quiz.variants import accepted_variants
from tests import moodlexml
from tests.answers import load_quizzes
from tests.test_export_hostile import HOSTILE, expected, hostile_quiz
from tests.test_quiz_units import ALL, BLANK, MATCH, ORDER, TF, WHO, quiz


def test_every_type_reads_back_as_written() -> None:
    questions, problems = moodlexml.read(moodle_document(quiz(*ALL)))
    assert problems == []
    assert [(q.kind, q.name, q.idnumber) for q in questions] == [
        ("multichoice", "c-1-who", "c-1-who"),
        ("truefalse", "c-1-tf", "c-1-tf"),
        ("truefalse", "c-2-tf", "c-2-tf"),
        ("shortanswer", "c-1-blank", "c-1-blank"),
        ("multichoice", "c-1-mc", "c-1-mc"),
        ("ordering", "q-order", "q-order"),
        ("matching", "q-match", "q-match"),
    ]
    who, tf, tf_true, blank, mc, order, match = questions
    assert who.text == "Who holds this view? “x”" and who.feedback == "Boris says so."
    assert [(a.text, a.fraction) for a in who.answers] == [("Anna", 0), ("Boris", 100), ("Clara", 0)]
    assert [a.feedback for a in who.answers] == [
        "Not quite: the answer is Boris.",
        "Right.",
        "Not quite: the answer is Boris.",
    ]
    assert who.tags == ["quiz-qz", "type-who", "claim-c-1"]
    assert [(a.text, a.fraction) for a in tf.answers] == [("true", 0), ("false", 100)]  # TF's key is False
    assert [(a.text, a.fraction) for a in tf_true.answers] == [("true", 100), ("false", 0)]
    assert [a.text for a in blank.answers][:2] == ["gates", "the gätes"]
    assert mc.text == "Which {one}?" and [a.fraction for a in mc.answers] == [0, 0, 100, 0]
    # ordering: Moodle's own type, the items in the right order
    assert [a.text for a in order.answers] == ["Early", "Middle", "Late"] and order.tags == [
        "quiz-qz",
        "type-order",
    ]
    assert match.pairs == [("A", "r-a"), ("B", "r-b"), ("C", "r-c")]


def test_blank_answers_are_the_spellings_the_site_takes() -> None:
    (blank,), _ = moodlexml.read(moodle_document(quiz(BLANK)))
    texts = [a.text for a in blank.answers]
    assert texts[:2] == list(BLANK.answer)
    assert {"the gates", "gate"} <= set(texts)  # an article and a plural -s: the site folds them away
    folded = {normalise_answer(a) for a in BLANK.answer}
    assert all(normalise_answer(t) in folded for t in texts)
    assert len({t.casefold() for t in texts}) == len(texts)  # Moodle compares without case: no repeats


@pytest.mark.parametrize(
    ("answers", "wanted"),
    [
        (["the Cheka"], {"Cheka"}),
        (["eighteen"], {"18"}),
        (["18 months"], {"eighteen months"}),
        (["counter-revolution"], {"counter revolution", "counterrevolution"}),
        (["“Bolshevik”"], {"Bolshevik", '"Bolshevik"'}),
    ],
)
def test_variants_by_hand(answers: list[str], wanted: set[str]) -> None:
    found = accepted_variants(answers)
    assert found[: len(answers)] == answers and wanted <= set(found)
    assert all(normalise_answer(v) == normalise_answer(answers[0]) for v in found)


def test_a_wildcard_is_literal() -> None:
    text = question_xml("qz", replace(BLANK, answer=("5*3",)))
    assert "<text>5\\*3</text>" in text


@pytest.mark.parametrize("offset", range(len(HOSTILE)))
def test_hostile_text_stays_text(offset: int) -> None:
    built = hostile_quiz(offset)
    questions, problems = moodlexml.read(moodle_document(built))
    assert problems == []
    assert [q.name for q in questions] == [q.id for q in built.questions]
    for read, question in zip(questions, built.questions, strict=True):
        assert read.text == expected(question.prompt)
        assert read.feedback == expected(question.explanation)


def test_no_two_tf_feedbacks_agree() -> None:
    (tf,), _ = moodlexml.read(moodle_document(quiz(TF)))
    assert [a.feedback for a in tf.answers] == ["Not quite: the answer is False.", "Right."]
    (order,), _ = moodlexml.read(moodle_document(quiz(ORDER)))
    (match,), _ = moodlexml.read(moodle_document(quiz(MATCH)))
    assert order.kind == "ordering" and match.kind == "matching"
    assert moodlexml.read(moodle_document(quiz(WHO)))[1] == []


def keys_problems(text: str, quiz_data: dict[str, Any]) -> list[str]:
    questions, problems = moodlexml.read(text)
    if [q.name for q in questions] != [q["id"] for q in quiz_data["questions"]]:
        problems.append("questions differ from quizzes.json")
    for read, q in zip(questions, quiz_data["questions"], strict=False):
        where = q["id"]
        if read.text != " ".join(q["prompt"].split()):
            problems.append(f"{where}: text {read.text!r}")
        right = [a.text for a in read.answers if a.fraction > 0]
        if q["type"] in ("who", "mc") and right != q["answer"]:
            problems.append(f"{where}: right {right}")
        if q["type"] == "tf" and right != [q["answer"][0].lower()]:
            problems.append(f"{where}: right {right}")
        if q["type"] == "blank" and (
            right[: len(q["answer"])] != q["answer"]
            or any(normalise_answer(a) not in {normalise_answer(x) for x in q["answer"]} for a in right)
        ):
            problems.append(f"{where}: accepts {right}")
        if q["type"] == "order" and [a.text for a in read.answers] != q["answer"]:
            problems.append(f"{where}: order {[a.text for a in read.answers]}")
        if q["type"] == "match" and read.pairs != list(zip(q["items"], q["answer"], strict=True)):
            problems.append(f"{where}: pairs {read.pairs}")
    return problems


def test_built_exports_match_quizzes_json(quiz_site: Path) -> None:
    for quiz_id, quiz_data in load_quizzes(quiz_site).items():
        text = (quiz_site / "_quizzes" / f"{quiz_id}-moodle.xml").read_text("utf-8")
        assert keys_problems(text, quiz_data) == []


def test_the_keys_check_can_fail(quiz_site: Path) -> None:
    quiz_id, quiz_data = next(iter(load_quizzes(quiz_site).items()))
    text = (quiz_site / "_quizzes" / f"{quiz_id}-moodle.xml").read_text("utf-8")
    assert keys_problems(text.replace('fraction="100"', 'fraction="0"', 1), quiz_data) != []


@pytest.mark.sphinx("html", testroot="exam", freshenv=True)
def test_the_build_says_once_what_gift_and_qti_cannot_hold(app: SphinxTestApp) -> None:
    app.build()
    status = app.status.getvalue()
    orders = sum(
        q["type"] == "order" for quiz in load_quizzes(Path(app.outdir)).values() for q in quiz["questions"]
    )
    assert orders > 0
    line = (
        f"studyguide: GIFT and QTI 1.2 have no ordering question; {orders} ordering question(s) exported "
        "there as matching (Moodle XML keeps them as ordering)"
    )
    assert status.count(line) == 1
    for quiz_id in load_quizzes(Path(app.outdir)):
        gift_text = (Path(app.outdir) / "_quizzes" / f"{quiz_id}.gift").read_text("utf-8")
        moodle = (Path(app.outdir) / "_quizzes" / f"{quiz_id}-moodle.xml").read_text("utf-8")
        count = sum(q.kind == "ordering" for q in moodlexml.read(moodle)[0])
        assert gift_text.count("// GIFT has no ordering question") == count
