"""A student sits an exam: a name first, answers kept across a reload, the unanswered list,
no verdict, the hand-in and the download (twice); the file grades as the keys say.

What the answers should be comes from the teacher's keys file (outside the site), never
from the page under test.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Locator, Page, expect

from studyguide.__main__ import main
from studyguide.quiz.exam import KEYS_FILE, right_rows

pytestmark = pytest.mark.browser

NAME = "Ada Lovelace"
SKIP = (1, 4)  # left unanswered at first (0-based)
WRONG = (0, 6)  # answered wrongly


def keys(site: Path) -> dict[str, Any]:
    data = json.loads((site.parent / "teacher" / KEYS_FILE).read_text("utf-8"))
    return next(e for e in data["exams"] if e["quiz"] == "light")


def planned(question: dict[str, Any], wrong: bool) -> list[str]:
    """The texts a student records for a question: right ones, or a wrong choice."""
    if question["type"] in ("order", "match"):
        rows = right_rows(question)
        return [rows[1], rows[0], *rows[2:]] if wrong else rows
    if question["type"] == "blank":
        return ["not this"] if wrong else [question["answer"][0]]
    return [next(c for c in question["choices"] if (c in question["answer"]) != wrong)]


def answer(li: Locator, question: dict[str, Any], texts: list[str]) -> None:
    if question["type"] in ("order", "match"):
        for i, text in enumerate(texts):
            li.locator("select").nth(i).select_option(label=text)
    elif question["type"] == "blank":
        li.locator('input[type="text"]').fill(texts[0])
    else:
        li.get_by_label(texts[0], exact=True).check()


def assert_no_verdict(section: Locator) -> None:
    expect(section.locator(".sg-right, .sg-wrong, .sg-verdict, .sg-answer, .sg-score")).to_have_count(0)
    text = section.inner_text()
    for word in ("Right.", "Wrong.", "Not quite", "correct", "score"):
        assert word not in text, word
    assert not re.search(r"\b\d+ (of|/) \d+\b", text), text


def test_exam_name_first_autosave_unanswered_hand_in_download(
    exam_site: Path, serve_dir: Callable[[Path], str], new_page: Callable[..., Page], tmp_path: Path
) -> None:
    exam = keys(exam_site)
    questions = exam["questions"]
    page = new_page(accept_downloads=True)
    page.goto(f"{serve_dir(exam_site)}/exams/light.html")
    section = page.locator("section.sg-exam")
    items = section.locator(".sg-question")

    # a name first: no question is shown before
    expect(section.locator(".sg-questions")).to_be_hidden()
    section.locator(".sg-begin").click()
    expect(section.locator(".sg-exam-note")).to_have_text("Enter your name first.")
    expect(section.locator(".sg-questions")).to_be_hidden()
    section.locator('input[name="sg-student"]').fill(f"  {NAME} ")
    section.locator(".sg-begin").click()
    expect(section.locator(".sg-questions")).to_be_visible()
    expect(section.locator(".sg-exam-who")).to_contain_text(f"Answering as {NAME}.")
    expect(items).to_have_count(len(questions))

    # answers, some wrong, two left out
    plan = {i: planned(q, i in WRONG) for i, q in enumerate(questions)}
    for i, question in enumerate(questions):
        li = section.locator(f'.sg-question[data-sg-qid="{question["exam_id"]}"]')
        expect(li).to_have_id(items.nth(i).get_attribute("id") or "")  # the keys' order is the page's
        if i not in SKIP:
            answer(li, question, plan[i])
    unanswered = section.locator(".sg-unanswered")
    expect(unanswered).to_have_text("Not answered yet: question 2, question 5.")
    links = unanswered.locator("a")
    assert [links.nth(k).get_attribute("href") for k in range(2)] == [
        f"#q-light--{questions[i]['exam_id']}" for i in SKIP
    ]
    assert_no_verdict(section)

    # a reload keeps the name and every answer
    page.reload()
    expect(section.locator(".sg-questions")).to_be_visible()
    expect(section.locator(".sg-exam-start")).to_be_hidden()
    expect(section.locator(".sg-exam-who")).to_contain_text(NAME)
    expect(unanswered).to_have_text("Not answered yet: question 2, question 5.")
    for i, question in enumerate(questions):
        li = items.nth(i)
        if question["type"] in ("order", "match"):
            rows = li.locator("select")
            for k in range(rows.count()):
                if i in SKIP:
                    expect(rows.nth(k)).to_have_value("")
                else:
                    assert rows.nth(k).evaluate("s => s.options[s.selectedIndex].text") == plan[i][k]
        elif question["type"] == "blank":
            expect(li.locator('input[type="text"]')).to_have_value("" if i in SKIP else plan[i][0])
        elif i in SKIP:
            expect(li.locator("input:checked")).to_have_count(0)
        else:
            expect(li.get_by_label(plan[i][0], exact=True)).to_be_checked()

    # handing in with questions unanswered asks once more
    submit = section.locator(".sg-submit")
    submit.click()
    expect(section.locator(".sg-exam-status")).to_have_text(
        "Questions without an answer: 2. Press Hand in again to hand in anyway."
    )
    expect(section.locator(".sg-download")).to_be_hidden()
    answer(items.nth(SKIP[0]), questions[SKIP[0]], plan[SKIP[0]])
    expect(unanswered).to_have_text("Not answered yet: question 5.")
    submit.click()
    expect(section.locator(".sg-exam-status")).to_contain_text("Questions without an answer: 1.")
    submit.click()
    expect(section.locator(".sg-exam-status")).to_contain_text("Handed in at")
    expect(submit).to_be_hidden()
    for field in section.locator(".sg-questions input, .sg-questions select").all():
        expect(field).to_be_disabled()
    assert_no_verdict(section)

    # the results file, and again after a reload
    files = []
    for reload in (False, False, True):
        if reload:
            page.reload()
            expect(section.locator(".sg-exam-status")).to_contain_text("Handed in at")
            assert_no_verdict(section)
        with page.expect_download() as info:
            section.locator(".sg-download").click()
        saved = tmp_path / f"{len(files)}" / info.value.suggested_filename
        saved.parent.mkdir()
        info.value.save_as(saved)
        files.append(saved)
    assert files[0].name == "light-Ada_Lovelace.json"
    assert files[0].read_bytes() == files[1].read_bytes() == files[2].read_bytes()
    data = json.loads(files[0].read_text("utf-8"))
    assert {k: data[k] for k in ("format", "format_version", "quiz", "exam_version", "student")} == {
        "format": "studyguide-results",
        "format_version": 2,
        "quiz": "light",
        "exam_version": exam["exam_version"],
        "student": NAME,
    }
    expected = {q["exam_id"]: ([] if i == SKIP[1] else plan[i]) for i, q in enumerate(questions)}
    assert data["answers"] == expected
    assert "score" not in data

    # the teacher grades it: right where the plan was right
    out = tmp_path / "book.csv"
    results = tmp_path / "results"
    results.mkdir()
    shutil.copy(files[0], results)
    keys_dir = exam_site.parent / "teacher"
    assert main(["grade", str(results), "--quiz", "light", "--keys", str(keys_dir), "--out", str(out)]) == 0
    rows = list(csv.reader(io.StringIO(out.read_text("utf-8"))))
    right = len(questions) - len(WRONG) - 1
    assert rows[1][:5] == [NAME, "light", exam["exam_version"], str(right), str(len(questions))]
    marks = dict(zip(rows[0][5:], rows[1][5:], strict=True))
    assert {q for q, mark in marks.items() if mark == "0"} == {questions[i]["id"] for i in (*WRONG, SKIP[1])}


def test_two_builds_on_one_origin_keep_apart(
    exam_site: Path, serve_dir: Callable[[Path], str], new_page: Callable[..., Page], tmp_path: Path
) -> None:
    root = tmp_path / "origin"
    for version in ("latest", "stable"):
        shutil.copytree(exam_site, root / "en" / version)
    base = serve_dir(root)
    page = new_page()
    exam = keys(exam_site)

    # an exam begun on /en/latest/ is not begun on /en/stable/
    page.goto(f"{base}/en/latest/exams/light.html")
    page.locator('input[name="sg-student"]').fill(NAME)
    page.locator(".sg-begin").click()
    first = exam["questions"][0]
    answer(page.locator(".sg-question").first, first, planned(first, False))
    page.goto(f"{base}/en/stable/exams/light.html")
    expect(page.locator(".sg-questions")).to_be_hidden()
    expect(page.locator(".sg-exam-start")).to_be_visible()

    # practice answers too, and a reset on one leaves the other's
    latest_quiz = f"{base}/en/latest/quiz.html"
    page.goto(latest_quiz)
    question = page.locator(".sg-quiz .sg-question").first
    question.locator("input").first.check()
    question.locator(".sg-check").click()
    expect(question.locator(".sg-verdict")).not_to_have_text("")
    page.goto(f"{base}/en/stable/quiz.html")
    expect(page.locator(".sg-quiz .sg-question").first.locator("input:checked")).to_have_count(0)
    page.locator(".sg-quiz .sg-question").first.locator("input").nth(1).check()
    page.locator(".sg-quiz .sg-question").first.locator(".sg-check").click()
    page.locator(".sg-reset").click()
    page.locator(".sg-reset-yes").click()  # a reset asks first
    page.goto(latest_quiz)
    expect(page.locator(".sg-quiz .sg-question").first.locator("input").first).to_be_checked()

    keys_now = page.evaluate("() => Object.keys(localStorage).sort()")
    assert any(k.startswith('sg-exam["/en/latest/","light"]') for k in keys_now)
    assert any(k.startswith('sg-quiz["/en/latest/","light"]') for k in keys_now)
    assert not any("/en/stable/" in k and k.startswith("sg-quiz") for k in keys_now)  # reset

    # an older exam version's answers are dropped; the other build's stay
    old = 'sg-exam["/en/latest/","light"]0ld0ld0ld0ld'
    other = 'sg-exam["/en/stable/","light"]0ld0ld0ld0ld'
    page.evaluate("keys => keys.forEach(k => localStorage.setItem(k, '{}'))", [old, other])
    page.goto(f"{base}/en/latest/exams/light.html")
    expect(page.locator(".sg-questions")).to_be_visible()
    keys_after = page.evaluate("() => Object.keys(localStorage)")
    assert old not in keys_after and other in keys_after


def test_exam_script_is_small_and_safe() -> None:
    static = Path(__file__).resolve().parents[2] / "ext" / "studyguide" / "static"
    js = (static / "exam.js").read_text("utf-8")
    assert len(js.encode()) + len((static / "exam.css").read_bytes()) < 12 * 1000
    assert "'use strict'" in js
    for banned in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "confirm("):
        assert banned not in js, banned
    for network in ("fetch(", "XMLHttpRequest", "sendBeacon", "WebSocket", "import(", "EventSource"):
        assert network not in js, network
    for verdict in ("sha256", "crypto", "score", "right", "wrong"):
        assert verdict not in js.lower(), verdict  # nothing that could check or mark an answer
