"""Exam mode and grading, without Sphinx: answer hashes for the exam page, and the grader.

The exam page carries, for each question, SHA-256 hashes of ``salt + "\\n" + answer``
where the answer is normalised the way ``exam.js`` normalises what the student chose.
Grading never uses those hashes or the score a results file claims: it checks the
chosen answers against the answer key of the quiz version the file names.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

RESULTS_FORMAT = "studyguide-results"
_END_PUNCTUATION = re.compile(r"[\s.,;:!?]+$")


def exam_normalise(text: str) -> str:
    """What exam.js does: NFC, straight quotes, one space, no end punctuation, lower case."""
    text = unicodedata.normalize("NFC", str(text))
    text = text.translate(str.maketrans("‘’“”", "''\"\""))
    text = re.sub(r"\s+", " ", text).strip()
    return _END_PUNCTUATION.sub("", text).lower()


def exam_id(quiz_id: str, version: str, question_id: str) -> str:
    """The opaque id a question has on the exam page (its real id can name the answer)."""
    return "e" + hashlib.sha256(f"{quiz_id}:{version}:{question_id}".encode()).hexdigest()[:12]


def salt_for(quiz_id: str, version: str, question_id: str) -> str:
    return exam_id(quiz_id, version, question_id)


def _hash(salt: str, key: str) -> str:
    return hashlib.sha256(f"{salt}\n{key}".encode()).hexdigest()


def right_rows(question: Mapping[str, Any]) -> list[str]:
    """For order and match questions, the right option text of each row."""
    items = list(question.get("items", []))
    answer = list(question["answer"])
    if question["type"] == "order":
        return [str(answer.index(item) + 1) for item in items]
    return answer


def check_hashes(question: Mapping[str, Any], salt: str) -> list[str]:
    """The hashes an exam page carries for one question (from its quizzes.json form)."""
    kind = question["type"]
    if kind in ("order", "match"):
        return [_hash(salt, "\n".join(exam_normalise(r) for r in right_rows(question)))]
    return sorted({_hash(salt, exam_normalise(a)) for a in question["answer"]})


def is_right(question: Mapping[str, Any], chosen: Sequence[str]) -> bool:
    """Grade one answer against the key."""
    if not chosen:
        return False
    kind = question["type"]
    if kind in ("order", "match"):
        rows = right_rows(question)
        return len(chosen) == len(rows) and all(
            exam_normalise(c) == exam_normalise(r) for c, r in zip(chosen, rows, strict=True)
        )
    return exam_normalise(chosen[0]) in {exam_normalise(a) for a in question["answer"]}


# -- grading ---------------------------------------------------------------------------------
class GradingError(Exception):
    """A problem the teacher must fix before grading (no output was written)."""


@dataclass
class Report:
    rows: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # "file: reason"
    question_ids: list[str] = field(default_factory=list)


def load_keys(paths: Iterable[Path]) -> dict[tuple[str, str], dict[str, Any]]:
    """(quiz id, version) -> quiz, from quizzes.json files or built sites holding one."""
    keys: dict[tuple[str, str], dict[str, Any]] = {}
    for path in paths:
        source = path / "quizzes.json" if path.is_dir() else path
        try:
            data = json.loads(source.read_text("utf-8"))
        except (OSError, ValueError) as exc:
            raise GradingError(f"cannot read answer keys from {source}: {exc}") from exc
        for quiz in data.get("quizzes", []):
            keys[(quiz["id"], quiz.get("quiz_version", ""))] = quiz
    return keys


def grade(results: Sequence[Path], keys: Mapping[tuple[str, str], Mapping[str, Any]], quiz_id: str) -> Report:
    """Grade every results file for one quiz; files that do not fit are skipped with a reason."""
    versions = sorted(v for q, v in keys if q == quiz_id)
    if not versions:
        raise GradingError(f"no answer key for quiz {quiz_id!r} in the keys given")
    report = Report()
    accepted: list[tuple[Path, str, str, dict[str, Any], Mapping[str, Any]]] = []
    for path in sorted(results):
        try:
            data = json.loads(path.read_text("utf-8"))
            if not isinstance(data, dict) or data.get("format") != RESULTS_FORMAT:
                raise ValueError("not a study-guide results file")
            student = str(data["student"]).strip()
            answers = data["answers"]
            if not student or not isinstance(answers, dict):
                raise ValueError("no student name or no answers")
        except (OSError, ValueError, KeyError, TypeError) as exc:
            report.skipped.append(f"{path.name}: malformed ({exc})")
            continue
        if data.get("quiz") != quiz_id:
            report.skipped.append(f"{path.name}: for quiz {data.get('quiz')!r}, not {quiz_id!r}")
            continue
        version = str(data.get("quiz_version", ""))
        key = keys.get((quiz_id, version))
        if key is None:
            report.skipped.append(
                f"{path.name}: taken on version {version!r} of {quiz_id!r}, whose answer key is not among "
                f"the keys given (known versions: {', '.join(versions)}); pass that version's quizzes.json"
            )
            continue
        accepted.append((path, student, version, answers, key))
    by_student: dict[str, list[Path]] = {}
    for path, student, *_rest in accepted:
        by_student.setdefault(student.casefold(), []).append(path)
    for path, student, version, answers, key in accepted:
        files = by_student[student.casefold()]
        if len(files) > 1:
            names = ", ".join(p.name for p in files)
            report.skipped.append(
                f"{path.name}: one of {len(files)} files for {student!r} ({names}); keep one"
            )
            continue
        marks = {}
        for question in key["questions"]:
            chosen = answers.get(exam_id(quiz_id, version, question["id"]), answers.get(question["id"], []))
            chosen = [str(c) for c in chosen] if isinstance(chosen, list) else [str(chosen)]
            marks[question["id"]] = 1 if is_right(question, chosen) else 0
            if question["id"] not in report.question_ids:
                report.question_ids.append(question["id"])
        report.rows.append(
            {
                "student": student,
                "version": version,
                "score": sum(marks.values()),
                "total": len(marks),
                **marks,
            }
        )
    return report


def gradebook_csv(report: Report, quiz_id: str) -> str:
    """One row per student: name, score, out of, then 1/0 per question (Moodle and Canvas import)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["Student", "Quiz", "Version", "Score", "Out of", *report.question_ids])
    for row in sorted(report.rows, key=lambda r: r["student"].casefold()):
        writer.writerow(
            [row["student"], quiz_id, row["version"], row["score"], row["total"]]
            + [row.get(q, "") for q in report.question_ids]
        )
    return buffer.getvalue()
