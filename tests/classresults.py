"""A class's results files, made from the teacher's keys file (never from the grader's output).

Student ``s`` answers question ``q`` right when ``PATTERN[s][q % len(PATTERN[s])]`` is "1";
a wrong answer is the first wrong choice, a wrong typed word, or the rows turned round.
Names include the hostile ones a gradebook and a report must escape.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from studyguide.quiz.exam import right_rows

#: name -> right (1) or wrong (0) by question, repeated over the exam; "-" leaves it unanswered
PATTERN = {
    "Ada Lovelace": "111111111",
    "Grace <b>Hopper</b>": "111111110",
    "=cmd|' /C calc'!A0": "110111101",
    "Straße Müller": "101101100",
    "İsmail Kaya": "011010100",
    'Zoë "quotes", Lee': "100100-00",
    "Bob & <script>alert(1)</script>": "010000100",
}


def wrong_answer(question: dict[str, Any]) -> list[str]:
    if question["type"] in ("order", "match"):
        rows = right_rows(question)
        return [rows[1], rows[0], *rows[2:]]
    if question["type"] == "blank":
        return ["<img src=x onerror=alert(1)>"]
    return [next(c for c in question["choices"] if c not in question["answer"])]


def right_answer(question: dict[str, Any]) -> list[str]:
    if question["type"] in ("order", "match"):
        return right_rows(question)
    return [question["answer"][0]]


def write_class(exam: dict[str, Any], folder: Path) -> dict[str, list[str]]:
    """One results file per student in ``folder``; returns name -> the marks intended."""
    folder.mkdir(parents=True, exist_ok=True)
    intended = {}
    for n, (name, pattern) in enumerate(PATTERN.items()):
        answers = {}
        marks = []
        for q, question in enumerate(exam["questions"]):
            mark = pattern[q % len(pattern)]
            marks.append("1" if mark == "1" else "0")
            if mark != "-":
                answers[question["exam_id"]] = (
                    right_answer(question) if mark == "1" else wrong_answer(question)
                )
        data = {
            "format": "studyguide-results",
            "format_version": 2,
            "quiz": exam["quiz"],
            "exam_version": exam["exam_version"],
            "student": name,
            "answers": answers,
        }
        (folder / f"student-{n}.json").write_text(json.dumps(data, ensure_ascii=False), "utf-8")
        intended[name] = marks
    return intended
