"""The right answer, everywhere a student or a teacher sees it, is the one the author wrote.

Expectations come from outside the page under test: ``quizzes.json``'s keys are checked against
the source markup (read by tests/sourcetext.py, not by the extension), then the widget, the answer
key, the print worksheet, GIFT and QTI are each checked against ``quizzes.json``, question by question.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import sphinx.locale
from sphinx.cmd.build import build_main

from tests import sourcetext
from tests.answers import (
    gift_problems,
    key_text,
    load_quizzes,
    page_widget_problems,
    qti_problems,
    source_problems,
    widgets,
)
from tests.conftest import DOCS, build_scope
from tests.sourcetext import normalise

ROOTS = Path(__file__).parent / "roots"


@pytest.fixture(scope=build_scope)  # type: ignore[arg-type]
def quiz_json(quiz_site: Path) -> dict[str, dict[str, Any]]:
    return load_quizzes(quiz_site)


def pages_of(quizzes: dict[str, dict[str, Any]]) -> dict[str, list[str]]:
    pages: dict[str, list[str]] = {}
    for quiz_id, quiz in quizzes.items():
        pages.setdefault(quiz["url"].split("#")[0], []).append(quiz_id)
    return pages


def build(tmp_path_factory: pytest.TempPathFactory, builder: str) -> Path:
    src = tmp_path_factory.mktemp(f"quiz-{builder}") / "src"
    shutil.copytree(ROOTS / "test-quiz", src)
    sphinx.locale.translators.clear()  # no other build's language carried over (build_main keeps it)
    out = src.parent / builder
    assert build_main(["-q", "-b", builder, "-d", str(src.parent / "doctrees"), str(src), str(out)]) == 0
    return out


# -- quizzes.json against the source -------------------------------------------------------------


def test_the_source_reader_reads_the_test_root() -> None:
    """The independent reader must itself be right, or the comparisons below prove nothing."""
    source = sourcetext.read(ROOTS / "test-quiz")
    assert source.claims["c-tolls-gates"].holder == "company"
    assert source.claims["c-locks-closed"].holder == "example"  # the page's sg-holder
    quoted = source.claims["c-quoted"]  # :speaker: clerk on the company's page: the clerk's words and view
    assert (quoted.speaker, quoted.holder, quoted.default_holder) == ("clerk", "clerk", "company")
    assert quoted.paraphrase == "The clerk says that the accounts are open to all."
    assert quoted.false() == ["The clerk says that the accounts are lost for good."]
    assert source.claims["c-locks-closed"].kind == "fact" and source.claims["c-not-told"].kind == "view"
    assert source.blanks(source.claims["c-quoted"]) == ["anyone"]
    assert source.blanks(source.claims["c-tolls-gates"]) == ["gates"]
    assert source.claims["c-tolls-gates"].options["answer"] == "The new gates"
    assert source.text(source.claims["c-not-told"]) == "the parish was not told of the rise of the tolls"
    assert source.entries["gates-fitted"].start == "1886"
    assert source.entries["clerk"].role == "the company's secretary"


def test_quiz_keys_agree_with_the_source(quiz_json: dict[str, dict[str, Any]]) -> None:
    source = sourcetext.read(ROOTS / "test-quiz")
    problems = [
        p for quiz in quiz_json.values() for q in quiz["questions"] for p in source_problems(source, q)
    ]
    assert problems == []
    kinds = {q["type"] for quiz in quiz_json.values() for q in quiz["questions"]}
    assert kinds == {"who", "tf", "blank", "mc"}  # order and match: the exam root's, below
    tf = [q["answer"][0] for quiz in quiz_json.values() for q in quiz["questions"] if q["type"] == "tf"]
    assert {"True", "False"} <= set(tf)


def test_the_source_check_can_fail(quiz_json: dict[str, dict[str, Any]]) -> None:
    """A wrong key of each kind, a who-question on a claim that cannot have one, a blank
    missing an accepted answer: the comparison with the source sees each."""
    source = sourcetext.read(ROOTS / "test-quiz")
    questions = {q["type"]: q for quiz in quiz_json.values() for q in quiz["questions"]}
    who, tf, blank, mc = (dict(questions[t]) for t in ("who", "tf", "blank", "mc"))
    assert source_problems(source, who) == [] and source_problems(source, tf) == []
    wrong = {
        "who": [{**who, "answer": [c]} for c in who["choices"] if c != who["answer"][0]]
        + [{**who, "choices": [*who["choices"][:-1], "Ada Engineer"]}]  # no voice of the debate
        + [{**who, "choices": [c for c in who["choices"] if c != who["answer"][0]]}]  # the key not a choice
        + [{**who, "claim": "c-quoted"}, {**who, "claim": "c-locks-closed"}],
        "tf": [
            {**tf, "answer": ["True" if tf["answer"] == ["False"] else "False"]},
            {**tf, "prompt": tf["prompt"].replace("True or false? ", "True or false? Not so: ")},
        ],
        "blank": [
            {**blank, "answer": [*blank["answer"][:1], "something else"]},
            {**blank, "answer": ["something else"]},
            {**blank, "answer": blank["answer"] * 2},
        ],
        "mc": [{**mc, "answer": [next(c for c in mc["choices"] if c != mc["answer"][0])]}],
    }
    for kind, tampered in wrong.items():
        for q in tampered:
            assert source_problems(source, q) != [], (kind, q)


def test_who_keys_are_holders_by_short_name() -> None:
    """Holder = :holder:, else :speaker:, else the page's sg-holder; choices and key by :short:."""
    entries = {
        "serge": sourcetext.Entry("serge", "person", "Victor Serge", short="Serge"),
        "trotsky": sourcetext.Entry("trotsky", "person", "Leon Trotsky", short="Trotsky"),
        "eds": sourcetext.Entry("eds", "org", "The Editors"),
    }
    claims = {
        "own": sourcetext.Claim("own", "p", "I say so.", {}, "serge"),
        "quoted": sourcetext.Claim("quoted", "p", "He says so.", {"speaker": "trotsky"}, "serge"),
        "reported": sourcetext.Claim("reported", "p", "He thinks so.", {"holder": "trotsky"}, "serge"),
        "shared": sourcetext.Claim("shared", "p", "We say so.", {"shared-by": "eds"}, "serge"),
        "eds": sourcetext.Claim("eds", "q", "We agree.", {}, "eds"),
    }
    source = sourcetext.Source(claims, entries)
    assert [claims[c].holder for c in claims] == ["serge", "trotsky", "trotsky", "serge", "eds"]

    def who(claim: str, answer: str, choices: tuple[str, ...] = ("Serge", "Trotsky", "The Editors")) -> Any:
        prompt = f"Who holds this view? “{source.text(claims[claim])}”"
        q = {"id": f"{claim}-who", "type": "who", "claim": claim, "prompt": prompt}
        return source_problems(source, {**q, "answer": [answer], "choices": list(choices)})

    assert who("own", "Serge") == [] and who("quoted", "Trotsky") == []
    assert who("own", "Victor Serge", ("Victor Serge", "Trotsky")) != []  # the full name, not the short
    assert who("own", "Trotsky") != []
    assert who("reported", "Trotsky") != []  # the narrator's words: no who-question
    assert who("shared", "Serge", ("Serge", "Trotsky")) != []  # a voice of the debate shares it
    assert who("quoted", "Trotsky", ("Trotsky", "Serge", "Lenin")) != []  # Lenin is no voice


def test_blank_keys_take_accept_and_register_names() -> None:
    """:accept: and the names of the register entry the blank names are keys; a topic's are not."""
    source = sourcetext.Source(
        claims={
            "c": sourcetext.Claim("c", "p", "I trust {blank}`Dzerzhinsky`.", {"accept": "Iron Felix"}, "x"),
            "t": sourcetext.Claim("t", "p", "A {blank}`purge`.", {}, "x"),
        },
        entries={
            "dz": sourcetext.Entry("dz", "person", "Felix Dzerzhinsky", variants=("Dzerzhinsky", "F. D.")),
            "purge": sourcetext.Entry("purge", "topic", "Purges", variants=("purge", "the terror")),
        },
    )
    keys = ["Dzerzhinsky", "Iron Felix", "Felix Dzerzhinsky", "F. D."]
    q = {"id": "c-blank", "type": "blank", "claim": "c", "answer": keys}
    assert source_problems(source, q) == []
    assert source_problems(source, {**q, "answer": keys[:2]}) != []  # the register's names missing
    assert source_problems(source, {**q, "answer": ["dzerzhinsky", *keys]}) != []  # one answer twice
    t = {"id": "t-blank", "type": "blank", "claim": "t", "answer": ["purge"]}
    assert source_problems(source, t) == []  # a topic's names are headings, not answers
    assert source_problems(source, {**t, "answer": ["purge", "the terror"]}) != []


def test_exam_root_keys_agree_with_the_source(exam_site: Path, quiz_json: dict[str, dict[str, Any]]) -> None:
    """The exam root's practice quiz and its exam (keys kept in the teacher folder) against its markup."""
    import json

    source = sourcetext.read(ROOTS / "test-exam")
    practice = [q for quiz in load_quizzes(exam_site).values() for q in quiz["questions"]]
    keys = json.loads((exam_site.parent / "teacher" / "exam-keys.json").read_text("utf-8"))
    exam = [q for e in keys["exams"] for q in e["questions"]]
    assert practice and exam
    assert [p for q in practice + exam for p in source_problems(source, q)] == []
    kinds = {
        q["type"] for q in practice + exam + [q for quiz in quiz_json.values() for q in quiz["questions"]]
    }
    assert kinds == {
        "who",
        "tf",
        "blank",
        "mc",
        "order",
        "match",
    }  # every kind was checked, in one root or the other


def test_site_quiz_keys_agree_with_the_source(site: Path) -> None:
    source = sourcetext.read(DOCS)
    quizzes = load_quizzes(site)
    problems = [p for quiz in quizzes.values() for q in quiz["questions"] for p in source_problems(source, q)]
    assert problems == []
    assert sum(len(quiz["questions"]) for quiz in quizzes.values()) >= 50


# -- the widget, the key page, the exports against quizzes.json -------------------------------


def test_widget_keys_match_quizzes_json(quiz_site: Path, quiz_json: dict[str, dict[str, Any]]) -> None:
    for page, quiz_ids in pages_of(quiz_json).items():
        assert page_widget_problems((quiz_site / page).read_text("utf-8"), quiz_json, quiz_ids) == []


def test_site_widget_keys_match_quizzes_json(site: Path) -> None:
    quizzes = load_quizzes(site)
    for page, quiz_ids in pages_of(quizzes).items():
        assert page_widget_problems((site / page).read_text("utf-8"), quizzes, quiz_ids) == []


def test_quizzes_json_describes_each_quiz_as_its_page_shows_it(
    quiz_site: Path, quiz_json: dict[str, dict[str, Any]]
) -> None:
    import json

    text = (quiz_site / "quizzes.json").read_text("utf-8")
    assert json.loads(text)["version"] == 1
    # the documented form: UTF-8 characters as they are, keys sorted, one space of indent (diffable)
    assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    assert "‘quotes’" in text
    assert list(quiz_json) == ["canal-all", "canal-letter"]
    page = (quiz_site / "quiz.html").read_text("utf-8")
    for quiz_id, title in (("canal-all", "The canal letters"), ("canal-letter", "The letter")):
        quiz = quiz_json[quiz_id]
        assert quiz["title"] == title and quiz["url"] == f"quiz.html#sg-quiz-{quiz_id}"
        section = re.search(rf'<section [^>]*id="sg-quiz-{quiz_id}"[^>]*>', page)
        assert section is not None
        assert f'data-sg-version="{quiz["quiz_version"]}"' in section.group(0)
        assert f'aria-label="{title}"' in section.group(0)
        assert re.fullmatch(r"[0-9a-f]{12}", quiz["quiz_version"])


def test_each_asked_claim_links_to_its_first_question(
    quiz_site: Path, quiz_json: dict[str, dict[str, Any]]
) -> None:
    """After each claim's words, one "quiz" marker: to the first question asking it, naming every quiz that does."""
    asking: dict[str, list[tuple[str, str]]] = {}
    for quiz_id, quiz in quiz_json.items():
        for q in quiz["questions"]:
            if q["claim"]:
                asking.setdefault(q["claim"], []).append((quiz_id, q["id"]))
    source = sourcetext.read(ROOTS / "test-quiz")
    assert set(asking) == set(source.claims)
    for claim_id, uses in asking.items():
        claim = source.claims[claim_id]
        page = (quiz_site / f"{claim.page}.html").read_text("utf-8")
        quizzes = list(dict.fromkeys(quiz_id for quiz_id, _ in uses))
        titles = "; ".join(quiz_json[q]["title"] for q in quizzes)
        first_quiz = quizzes[0]
        first_question = next(qid for quiz_id, qid in uses if quiz_id == first_quiz)
        marker = (
            f'<sup class="sg-asked sg-apparatus"><a href="quiz.html#q-{first_quiz}--{first_question}" '
            f'title="Asked in: {titles}" aria-label="Asked in: {titles}">quiz</a></sup>'
        )
        assert page.count(marker) == 1, (claim_id, marker)
        source_anchor = next(
            q["source"] for q in quiz_json[first_quiz]["questions"] if q["id"] == first_question
        )
        assert page.index(f'id="{source_anchor.split("#")[1]}"') < page.index(marker), claim_id
    # an inline claim: right after its words; a block claim: a paragraph of its own after the block
    letter = (quiz_site / "letter.html").read_text("utf-8")
    assert re.search(
        r'id="claim-c-tolls-gates">[^<]*(?:<[^/][^>]*>[^<]*</[^>]+>[^<]*)*</span><sup class="sg-asked', letter
    )
    assert (
        '<p class="sg-asked-block"><sup class="sg-asked sg-apparatus"><a href="quiz.html#q-canal-all--c-locks-closed-'
        in letter
    )


def test_the_widget_check_can_fail(quiz_site: Path, quiz_json: dict[str, dict[str, Any]]) -> None:
    """Point one radio question's answer at another choice: the comparison sees it."""
    html = (quiz_site / "quiz.html").read_text("utf-8")
    first = next(w for w in widgets(html) if w.kind == "radio")
    other = next(value for value, _ in first.choices if [value] != first.answer)
    start = html.index(f'id="{first.id}"')
    end = html.index("data-sg-answer=", start)
    tampered = html[:end] + re.sub(
        r"data-sg-answer='[^']*'", f"data-sg-answer='[&quot;{other}&quot;]'", html[end:], count=1
    )
    assert page_widget_problems(tampered, quiz_json, ["canal-all", "canal-letter"]) != []


def test_answer_key_page_matches_quizzes_json(quiz_site: Path, quiz_json: dict[str, dict[str, Any]]) -> None:
    page = (quiz_site / "answers" / "canal-all.html").read_text("utf-8")
    shown = re.findall(r"<li><p><strong>(.*?)</strong> — (.*?)</p>", page, re.S)
    questions = quiz_json["canal-all"]["questions"]
    assert [normalise(_unescape(a)) for a, _ in shown] == [normalise(key_text(q)) for q in questions]
    assert [normalise(_unescape(p)) for _, p in shown] == [normalise(q["prompt"]) for q in questions]


def test_qti_keys_match_quizzes_json(quiz_site: Path, quiz_json: dict[str, dict[str, Any]]) -> None:
    for quiz_id, quiz in quiz_json.items():
        assert qti_problems(quiz_site / "_quizzes" / f"{quiz_id}-qti12.zip", quiz) == []


def test_gift_keys_match_quizzes_json(quiz_site: Path, quiz_json: dict[str, dict[str, Any]]) -> None:
    for quiz_id, quiz in quiz_json.items():
        assert gift_problems((quiz_site / "_quizzes" / f"{quiz_id}.gift").read_text("utf-8"), quiz) == []


def test_site_exports_match_quizzes_json(site: Path) -> None:
    for quiz_id, quiz in load_quizzes(site).items():
        assert qti_problems(site / "_quizzes" / f"{quiz_id}-qti12.zip", quiz) == []
        assert gift_problems((site / "_quizzes" / f"{quiz_id}.gift").read_text("utf-8"), quiz) == []


# -- other builders ----------------------------------------------------------------------------


def _unescape(html: str) -> str:
    from html import unescape

    return unescape(re.sub(r"<[^>]+>", "", html))


def test_singlehtml_has_the_widget_and_no_answers_section(
    tmp_path_factory: pytest.TempPathFactory, quiz_json: dict[str, dict[str, Any]]
) -> None:
    """A web page a student uses: the widget, keyed as quizzes.json, and no printed answers."""
    out = build(tmp_path_factory, "singlehtml")
    page = (out / "index.html").read_text("utf-8")
    assert page_widget_problems(page, quiz_json, ["canal-all", "canal-letter"]) == []
    assert not re.search(r'class="rubric"[^>]*>\s*Answers\s*<', page)
    assert "sg-key" not in page


def test_text_worksheet_answers_match_quizzes_json(
    tmp_path_factory: pytest.TempPathFactory, quiz_json: dict[str, dict[str, Any]]
) -> None:
    """Print has no widget: the questions with their choices, and after them all, the answers."""
    out = build(tmp_path_factory, "text")
    assert (
        not (out / "quizzes.json").exists() and not (out / "_quizzes").exists()
    )  # exports: HTML builds only
    text = (out / "quiz.txt").read_text("utf-8")
    sections = text.split("-[ Answers ]-")
    assert len(sections) == 3  # one answers section after each of the two quizzes
    for quiz_id, questions_part, answers_part in (
        ("canal-all", sections[0], sections[1]),
        ("canal-letter", sections[1], sections[2]),
    ):
        questions = quiz_json[quiz_id]["questions"]
        answers = re.findall(r"^\d+\. \*\*(.+?)\*\* — ", answers_part, re.M | re.S)
        assert [normalise(" ".join(a.split())) for a in answers] == [
            normalise(key_text(q)) for q in questions
        ]
        flat = normalise(" ".join(questions_part.split()))
        for q in questions:  # every choice is printed, so the worksheet can be answered
            for choice in q["choices"]:
                assert normalise(choice) in flat, (quiz_id, q["id"], choice)
