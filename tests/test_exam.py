"""Exam mode: the exam page holds no answers; grading checks files against the answer key."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest

from studyguide.__main__ import main
from studyguide.quiz.exam import (
    check_hashes,
    exam_id,
    exam_normalise,
    grade,
    gradebook_csv,
    is_right,
    load_keys,
    salt_for,
)


@pytest.fixture
def exam_site(quiz_site: Path) -> Path:
    return quiz_site


def quiz(site: Path, quiz_id: str = "canal-all") -> dict[str, Any]:
    data = json.loads((site / "quizzes.json").read_text("utf-8"))
    return next(q for q in data["quizzes"] if q["id"] == quiz_id)


def right_answers(q: dict[str, Any]) -> dict[str, list[str]]:
    """What a student who knows everything chooses (as exam.js records it)."""
    from studyguide.quiz.exam import right_rows

    return {
        exam_id(q["id"], q["quiz_version"], question["id"]): right_rows(question)
        if question["type"] in ("order", "match")
        else [question["answer"][0]]
        for question in q["questions"]
    }


def results_file(folder: Path, name: str, **fields: Any) -> Path:
    data = {
        "format": "studyguide-results",
        "format_version": 1,
        "submitted": "2026-11-27T10:00:00Z",
        **fields,
    }
    path = folder / name
    path.write_text(json.dumps(data), "utf-8")
    return path


def test_exam_page_holds_no_answers(exam_site: Path) -> None:
    page = (exam_site / "exams" / "canal-all.html").read_text("utf-8")
    assert "data-sg-answer" not in page and "sg-answer" not in page and "sg-explain" not in page
    assert "exam.js" in page and "quiz.js" not in page
    q = quiz(exam_site)
    items = dict(
        re.findall(r'<li class="sg-question" id="[^"]*" data-sg-qid="([^"]+)"(.*?)</li>', page, re.S)
    )
    ids = {exam_id("canal-all", q["quiz_version"], question["id"]): question for question in q["questions"]}
    assert set(items) == set(ids)
    for opaque, question in ids.items():
        html = opaque + items[opaque]  # the question's id, data and markup
        if question["type"] == "blank":
            for accepted in question["answer"]:
                assert accepted not in html, (question["id"], accepted)
        if question["type"] in ("who", "tf", "mc"):
            # every choice is marked up the same way: only its own text differs
            shapes = {
                re.sub(r'value="[^"]*"> [^<]*', "", label) for label in re.findall(r"<label.*?</label>", html)
            }
            assert len(shapes) == 1, shapes


def test_hashes_match_only_the_right_answers(exam_site: Path) -> None:
    q = quiz(exam_site)
    page = (exam_site / "exams" / "canal-all.html").read_text("utf-8")
    for question in q["questions"]:
        salt = salt_for("canal-all", q["quiz_version"], question["id"])
        hashes = check_hashes(question, salt)
        assert f'data-sg-salt="{salt}"' in page
        assert json.dumps(hashes).replace('"', "&quot;") in page
        if question["type"] in ("who", "tf", "mc"):
            import hashlib

            for choice in question["choices"]:
                digest = hashlib.sha256(f"{salt}\n{exam_normalise(choice)}".encode()).hexdigest()
                assert (digest in hashes) == (choice in question["answer"])


def test_quiz_page_links_its_exam(exam_site: Path) -> None:
    assert 'href="exams/canal-all.html">exam version' in (exam_site / "quiz.html").read_text("utf-8")


def test_is_right_per_type() -> None:
    assert is_right({"type": "blank", "answer": ["Dzerzhinsky"]}, ["  dzerzhinsky. "])
    assert not is_right({"type": "blank", "answer": ["Dzerzhinsky"]}, [])
    assert is_right({"type": "order", "answer": ["a", "b", "c"], "items": ["b", "c", "a"]}, ["2", "3", "1"])
    assert not is_right(
        {"type": "order", "answer": ["a", "b", "c"], "items": ["b", "c", "a"]}, ["1", "2", "3"]
    )
    match = {"type": "match", "answer": ["x", "y", "z"], "items": ["P", "Q", "R"]}
    assert is_right(match, ["x", "y", "z"]) and not is_right(match, ["y", "x", "z"])


def test_grading(exam_site: Path, tmp_path: Path) -> None:
    q = quiz(exam_site)
    version = q["quiz_version"]
    perfect = right_answers(q)
    half = dict(perfect)
    wrong_ids = list(perfect)[::2]
    for qid in wrong_ids:
        half[qid] = ["certainly wrong"]
    folder = tmp_path / "results"
    folder.mkdir()
    results_file(
        folder, "ada.json", quiz="canal-all", quiz_version=version, student="Ada", answers=perfect, score=0
    )
    # a tampered score is ignored: the answers decide
    results_file(
        folder, "bob.json", quiz="canal-all", quiz_version=version, student="Bob", answers=half, score=999
    )
    results_file(
        folder, "other.json", quiz="canal-letter", quiz_version=version, student="Cy", answers={}, score=1
    )
    results_file(
        folder, "old.json", quiz="canal-all", quiz_version="0ld0ld0ld0ld", student="Di", answers={}, score=1
    )
    # two files for one student: neither is graded, the teacher decides
    results_file(
        folder, "cy-1.json", quiz="canal-all", quiz_version=version, student="Cy", answers={}, score=0
    )
    results_file(
        folder, "cy-2.json", quiz="canal-all", quiz_version=version, student="cy ", answers=perfect, score=0
    )
    (folder / "broken.json").write_text("{not json", "utf-8")
    (folder / "empty.json").write_text("{}", "utf-8")
    report = grade(sorted(folder.glob("*.json")), load_keys([exam_site]), "canal-all")
    rows = {r["student"]: r for r in report.rows}
    total = len(q["questions"])
    assert rows["Ada"]["score"] == total and rows["Ada"]["total"] == total
    assert rows["Bob"]["score"] == total - len(wrong_ids)
    reasons = "\n".join(report.skipped)
    assert "other.json: for quiz 'canal-letter', not 'canal-all'" in reasons
    assert "old.json: taken on version '0ld0ld0ld0ld'" in reasons and f"known versions: {version}" in reasons
    assert "cy-1.json: one of 2 files for 'Cy' (cy-1.json, cy-2.json); keep one" in reasons
    assert "cy-2.json: one of 2 files" in reasons and "Cy" not in rows
    assert "broken.json: malformed" in reasons and "empty.json: malformed" in reasons
    table = list(csv.reader(io.StringIO(gradebook_csv(report, "canal-all"))))
    assert table[0][:5] == ["Student", "Quiz", "Version", "Score", "Out of"]
    assert table[0][5:] == [question["id"] for question in q["questions"]]
    assert table[1][:5] == ["Ada", "canal-all", version, str(total), str(total)]
    assert table[2][0] == "Bob" and table[2][5] == "0" and table[2][6] == "1"


def test_grade_command(exam_site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    q = quiz(exam_site)
    folder = tmp_path / "results"
    folder.mkdir()
    results_file(
        folder,
        "ada.json",
        quiz="canal-all",
        quiz_version=q["quiz_version"],
        student="Ada",
        answers=right_answers(q),
        score=0,
    )
    out = tmp_path / "book.csv"
    args = ["grade", str(folder), "--quiz", "canal-all", "--keys", str(exam_site), "--out", str(out)]
    assert main(args) == 0
    assert out.read_text("utf-8").splitlines()[1].startswith("Ada,canal-all,")
    before = out.read_text("utf-8")
    assert main(args) == 2  # never overwritten without --force
    assert "use --force" in capsys.readouterr().err and out.read_text("utf-8") == before
    assert main([*args, "--force"]) == 0
    assert (
        main(
            [
                "grade",
                str(folder),
                "--quiz",
                "nope",
                "--keys",
                str(exam_site),
                "--out",
                str(tmp_path / "x.csv"),
            ]
        )
        == 2
    )
    assert "no answer key for quiz 'nope'" in capsys.readouterr().err
    assert not (tmp_path / "x.csv").exists()
    assert main(["grade", str(tmp_path / "missing"), "--quiz", "canal-all", "--keys", str(exam_site)]) == 2
