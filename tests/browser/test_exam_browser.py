"""A student takes a quiz in exam mode, submits, downloads the results file; the file grades."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page

from studyguide.__main__ import main
from studyguide.quiz.exam import exam_id, right_rows

pytestmark = pytest.mark.browser


def key(site: Path) -> dict[str, Any]:
    data = json.loads((site / "quizzes.json").read_text("utf-8"))
    return next(q for q in data["quizzes"] if q["id"] == "canal-all")


def answer_everything(page: Page, quiz: dict[str, Any], wrong: set[str]) -> None:
    """Answer each question as a student would, rightly except for the ids in ``wrong``."""
    for question in quiz["questions"]:
        opaque = exam_id(quiz["id"], quiz["quiz_version"], question["id"])
        li = page.locator(f'li[data-sg-qid="{opaque}"]')
        bad = question["id"] in wrong
        if question["type"] in ("order", "match"):
            rows = right_rows(question)
            for i, value in enumerate(rows):
                if bad and i < 2:
                    value = rows[1 - i]  # two rows swapped
                li.locator("select").nth(i).select_option(label=value)
        elif question["type"] == "blank":
            li.locator('input[type="text"]').fill("not this" if bad else question["answer"][0])
        else:
            choice = next(c for c in question["choices"] if (c in question["answer"]) != bad)
            li.get_by_label(choice, exact=True).check()


def test_exam_submit_download_and_grade(
    quiz_site: Path, serve_dir: Callable[[Path], str], new_page: Callable[..., Page], tmp_path: Path
) -> None:
    quiz = key(quiz_site)
    base = serve_dir(quiz_site)
    page = new_page(accept_downloads=True)
    page.goto(f"{base}/exams/canal-all.html")
    section = page.locator("section.sg-exam")
    assert not page.locator("details.sg-answer").count()
    wrong = {quiz["questions"][0]["id"], quiz["questions"][-1]["id"]}
    answer_everything(page, quiz, wrong)
    # nothing tells right from wrong before the whole quiz is submitted
    assert page.locator(".sg-verdict").all_inner_texts() == [""] * len(quiz["questions"])
    assert not page.locator(".sg-right, .sg-wrong").count()
    assert section.locator(".sg-handin").is_hidden()
    section.locator(".sg-submit").click()
    total = len(quiz["questions"])
    result = section.locator(".sg-result")
    result.filter(has_text="right").wait_for()
    assert result.inner_text() == f"{total - len(wrong)} of {total} right."
    assert page.locator(".sg-wrong").count() == len(wrong)
    # the hand-in: a name, then the file
    section.locator(".sg-download").click()
    assert "name" in section.locator(".sg-handin-note").inner_text()
    section.locator('input[name="sg-student"]').fill("Ada Lovelace")
    with page.expect_download() as info:
        section.locator(".sg-download").click()
    results = tmp_path / "results"
    results.mkdir()
    saved = results / info.value.suggested_filename
    info.value.save_as(saved)
    data = json.loads(saved.read_text("utf-8"))
    assert data["student"] == "Ada Lovelace" and data["quiz"] == "canal-all"
    assert data["quiz_version"] == quiz["quiz_version"] and data["score"] == total - len(wrong)
    # the teacher grades it; the CSV has the score the answers earn
    out = tmp_path / "gradebook.csv"
    assert (
        main(["grade", str(results), "--quiz", "canal-all", "--keys", str(quiz_site), "--out", str(out)]) == 0
    )
    rows = list(csv.reader(io.StringIO(out.read_text("utf-8"))))
    assert rows[1][:5] == [
        "Ada Lovelace",
        "canal-all",
        quiz["quiz_version"],
        str(total - len(wrong)),
        str(total),
    ]
    marks = dict(zip(rows[0][5:], rows[1][5:], strict=True))
    assert {q for q, mark in marks.items() if mark == "0"} == wrong
