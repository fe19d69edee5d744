"""Exam mode: exams draw their own questions; no answer is on the page or anywhere in the output.

What is expected comes from the teacher's keys file (written outside the output) or from
fixed values, never from the pages under test.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest
from sphinx.testing.util import SphinxTestApp

from studyguide.quiz.exam import KEYS_FILE, is_right, pick_exam_questions
from studyguide.quiz.generate import Question
from tests.conftest import build_html


def keys(site: Path) -> dict[str, Any]:
    return json.loads((site.parent / "teacher" / KEYS_FILE).read_text("utf-8"))


def exam(site: Path, quiz_id: str) -> dict[str, Any]:
    return next(e for e in keys(site)["exams"] if e["quiz"] == quiz_id)


def output_texts(out: Path) -> dict[str, str]:
    """Every file of the output as text (unescaped where HTML), and each file inside a zip."""
    texts: dict[str, str] = {}
    for path in sorted(out.rglob("*")):
        if not path.is_file():
            continue
        name = path.relative_to(out).as_posix()
        if path.suffix == ".zip":
            with zipfile.ZipFile(path) as package:
                for inner in package.namelist():
                    texts[f"{name}!{inner}"] = package.read(inner).decode("utf-8", "replace")
            continue
        raw = path.read_bytes().decode("utf-8", "replace")
        # HTML character references and JSON's \uXXXX escapes (searchindex.js) read as text
        unescaped = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), raw)
        texts[name] = html.unescape(raw) + "\n" + unescaped
    return texts


def test_keys_are_written_outside_the_output(exam_site: Path) -> None:
    teacher = exam_site.parent / "teacher"
    assert (teacher / KEYS_FILE).is_file() and (teacher / "light-exam-key.txt").is_file()
    assert not list(exam_site.rglob(KEYS_FILE)) and not list(exam_site.rglob("*exam-key*"))
    data = keys(exam_site)
    assert data["format"] == "studyguide-exam-keys" and data["format_version"] == 1
    light = exam(exam_site, "light")
    assert len(light["questions"]) == 8  # :count: 8 on the exam page
    # one question per claim at most
    claims = [q["claim"] for q in light["questions"] if q["claim"]]
    assert len(claims) == len(set(claims))
    text = (teacher / "light-exam-key.txt").read_text("utf-8")
    for number, question in enumerate(light["questions"], 1):
        assert f"{number}. {question['prompt']}" in text


def test_exam_page_holds_questions_and_nothing_that_answers_them(exam_site: Path) -> None:
    page = (exam_site / "exams" / "light.html").read_text("utf-8")
    light = exam(exam_site, "light")
    for marker in (
        "data-sg-answer",
        "sg-answer",
        "sg-explain",
        "data-sg-check",
        "data-sg-salt",
        "sg-verdict",
    ):
        assert marker not in page, marker
    assert "exam.js" in page and "quiz.js" not in page
    items = dict(
        re.findall(r'<li class="sg-question" id="[^"]*" data-sg-qid="([^"]+)"(.*?)</li>', page, re.S)
    )
    assert list(items) == [q["exam_id"] for q in light["questions"]]  # in the keys' order
    text = html.unescape(page)
    for question in light["questions"]:
        assert question["prompt"] in text
        if question["explanation"]:
            assert question["explanation"] not in text
        if question["type"] == "blank":
            for accepted in question["answer"]:  # as a word: "ink" may stand in "link"
                assert not re.search(rf"\b{re.escape(accepted)}\b", text, re.I), accepted
        if question["type"] in ("who", "tf", "mc"):
            # every choice is marked up alike: only its own text differs
            labels = re.findall(r"<label.*?</label>", items[question["exam_id"]])
            shapes = {re.sub(r'value="[^"]*"> [^<]*', "", label) for label in labels}
            assert len(labels) == len(question["choices"]) and len(shapes) == 1, shapes


def identity(question: dict[str, Any]) -> str:
    """What makes a question the same question: its prompt, and for order and match its rows."""
    return question["prompt"] + "|" + "|".join(sorted(question.get("items", [])))


def test_exam_questions_are_on_no_practice_page(exam_site: Path) -> None:
    practice = json.loads((exam_site / "quizzes.json").read_text("utf-8"))
    asked = {identity(q) for quiz in practice["quizzes"] for q in quiz["questions"]}
    assert asked and not asked & {identity(q) for q in exam(exam_site, "light")["questions"]}


def _assert_no_exam_question_in_output(site: Path, exam_page: str) -> int:
    """No exam's prompt in any file but the exam pages; exam pages out of the search index.

    (Two exams may share a question, as the whole-text quiz shares claims with each piece's.)
    """
    texts = output_texts(site)
    assert "searchindex.js" in texts and "quizzes.json" in texts and any(".gift" in n for n in texts)
    checked = 0
    exams = keys(site)["exams"]
    pages = {exam_page.format(quiz=one["quiz"]) for one in exams}
    practice_data = json.loads((site / "quizzes.json").read_text("utf-8"))
    practice = {identity(q) for quiz in practice_data["quizzes"] for q in quiz["questions"]}
    for one in exams:
        for question in one["questions"]:
            if question.get("items"):  # order and match share one prompt: their rows make them
                assert identity(question) not in practice, (one["quiz"], question["id"])
                checked += 1
                continue
            for name, text in texts.items():
                if name in pages:
                    continue
                assert question["prompt"] not in text, (one["quiz"], question["id"], name)
                checked += 1
    # the exam pages are out of the search index
    index = texts["searchindex.js"]
    titles = json.loads(re.search(r'"titles":(\[.*?\])', index).group(1))  # type: ignore[union-attr]
    docnames = json.loads(re.search(r'"docnames":(\[.*?\])', index).group(1))  # type: ignore[union-attr]
    for docname, title in zip(docnames, titles, strict=True):
        if "exams/" in docname:
            assert title == "", docname
    return checked


def test_no_exam_question_anywhere_in_the_test_output(exam_site: Path) -> None:
    assert _assert_no_exam_question_in_output(exam_site, "exams/{quiz}.html") > 100


def test_no_exam_question_anywhere_in_the_site(site: Path) -> None:
    data = keys(site)
    assert {e["quiz"] for e in data["exams"]} == {"letter", "trotsky", "ciliga", "serge", "debate"}
    assert all(len(e["questions"]) >= 5 for e in data["exams"])
    assert _assert_no_exam_question_in_output(site, "quizzes/exams/{quiz}.html") > 1000


def test_keys_are_the_same_on_every_build(exam_site: Path, rootdir: Path, tmp_path: Path) -> None:
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-exam", src)
    again = build_html(src, tmp_path / "out" / "html")
    assert (again.parent / "teacher" / KEYS_FILE).read_bytes() == (
        exam_site.parent / "teacher" / KEYS_FILE
    ).read_bytes()
    assert (again / "exams" / "light.html").read_bytes() == (exam_site / "exams" / "light.html").read_bytes()


def test_quiz_page_links_its_exam(exam_site: Path) -> None:
    assert 'href="exams/light.html">exam version' in (exam_site / "quiz.html").read_text("utf-8")


# -- the pick ------------------------------------------------------------------------------
def _q(qid: str, claim: str, kind: str, prompt: str, answer: str) -> Question:
    return Question(qid, kind, prompt, (), (answer,), "", claim, "")


def test_pick_one_question_per_claim_and_none_that_gives_a_blank_away() -> None:
    pool = [
        _q("a-who", "a", "who", "Who holds this view? “The lamp burns whale oil.”", "Keeper"),
        _q("a-blank", "a", "blank", "Fill in: “The lamp burns _____.”", "whale oil"),
        _q("b-blank", "b", "blank", "Fill in: “The boat came once a _____.”", "month"),
        _q("c-tf", "c", "tf", "True or false? “It rained for a month.”", "True"),
        _q("c-who", "c", "who", "Who holds this view? “It rained.”", "Keeper"),
    ]
    for seed in map(str, range(40)):
        picked = pick_exam_questions(pool, None, seed)
        assert len({q.claim for q in picked}) == len(picked) == 3
        assert not ({"b-blank", "c-tf"} <= {q.id for q in picked})  # "month" would be given away
        assert [q.id for q in picked] == [q.id for q in pool if q in picked]  # text order
        assert picked == pick_exam_questions(pool, None, seed)  # the same seed, the same exam
    assert len(pick_exam_questions(pool, 2, "x")) == 2


def _tf(qid: str, true: bool) -> Question:
    return Question(
        qid, "tf", f"True or false? {qid}", ("True", "False"), ("True" if true else "False",), "", qid, ""
    )


def _other(qid: str) -> Question:
    return Question(qid, "mc", f"Which? {qid}", ("x", "y"), ("x",), "", qid, "")


def test_an_exam_is_a_set_few_statements_and_true_and_false_in_turn() -> None:
    pool = [_other(f"o{i}") for i in range(4)] + [_tf(f"t{i}", i % 3 == 0) for i in range(12)]
    for seed in map(str, range(20)):
        picked = pick_exam_questions(pool, None, seed)
        statements = [q for q in picked if q.type == "tf"]
        assert len([q for q in picked if q.type == "mc"]) == 4  # every other kind first
        assert len(statements) * 5 <= len(picked) * 3  # at most three in five
        trues = sum(q.answer == ("True",) for q in statements)
        assert abs(2 * trues - len(statements)) <= 1
    only_statements = [_tf(f"t{i}", i % 2 == 0) for i in range(6)]
    assert len(pick_exam_questions(only_statements, None, "s")) == 6  # nothing else to ask


def test_is_right_per_type() -> None:
    assert is_right({"type": "blank", "answer": ["18-19"]}, ["eighteen–nineteen"])  # as the widget folds
    assert not is_right({"type": "blank", "answer": ["18-19"]}, ["  "])
    assert is_right({"type": "blank", "answer": ["Dzerzhinsky"]}, ["  dzerzhinsky. "])
    assert not is_right({"type": "blank", "answer": ["Dzerzhinsky"]}, [])
    order = {"type": "order", "answer": ["a", "b", "c"], "items": ["b", "c", "a"]}
    assert is_right(order, ["2", "3", "1"]) and not is_right(order, ["1", "2", "3"])
    match = {"type": "match", "answer": ["x", "y", "z"], "items": ["P", "Q", "R"]}
    assert is_right(match, ["x", "y", "z"]) and not is_right(match, ["y", "x", "z"])


# -- warnings ------------------------------------------------------------------------------
def _copy(rootdir: Path, tmp_path: Path) -> Path:
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-exam", src)
    return src


def test_a_quiz_id_on_two_pages_warns_naming_both(make_app: Any, rootdir: Path, tmp_path: Path) -> None:
    src = _copy(rootdir, tmp_path)
    (src / "again.md").write_text("---\norphan: true\n---\n# Again\n\n```{quiz} light\n:count: 2\n```\n")
    app: SphinxTestApp = make_app("html", srcdir=src, freshenv=True)
    app.build()
    warnings = app.warning.getvalue()
    assert re.search(
        r"again\.md:\d+: WARNING: duplicate quiz id 'light': also defined in quiz, line \d+; that one is used "
        r"\[studyguide\.duplicate-id\]",
        warnings,
    ), warnings


def test_an_exam_left_with_no_question_warns(make_app: Any, rootdir: Path, tmp_path: Path) -> None:
    src = _copy(rootdir, tmp_path)
    (src / "quiz.md").write_text(
        "# Quiz\n\n```{quiz} light\n:title: The lighthouse\n```\n\n```{quiz} who\n:types: who\n```\n"
    )
    (src / "exams" / "who.md").write_text("---\norphan: true\n---\n# Exam\n\n```{quiz-exam} who\n```\n")
    app: SphinxTestApp = make_app("html", srcdir=src, freshenv=True)
    app.build()
    assert re.search(
        r"who\.md: WARNING: the exam of quiz 'who' has no question: every question its claims give is "
        r"asked on a practice page \[studyguide\.exam-empty\]",
        app.warning.getvalue(),
    ), app.warning.getvalue()


@pytest.mark.parametrize("inside", [True, False])
def test_the_keys_folder_is_configurable_but_never_inside_the_output(
    make_app: Any, rootdir: Path, tmp_path: Path, inside: bool
) -> None:
    src = _copy(rootdir, tmp_path)
    app: SphinxTestApp = make_app("html", srcdir=src, freshenv=True)
    target = Path(app.outdir) / "teacher" if inside else tmp_path / "elsewhere"
    app.config.studyguide_exam_keys_dir = str(target)
    app.build()
    warnings = app.warning.getvalue()
    if inside:
        assert "is inside the HTML output, which is published; exam keys were not written" in warnings
        assert "[studyguide.exam-keys]" in warnings
        assert not list(Path(app.outdir).rglob(KEYS_FILE))
    else:
        assert warnings == ""
        assert (target / KEYS_FILE).is_file()
