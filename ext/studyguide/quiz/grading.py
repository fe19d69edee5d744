"""Grading exam results against the teacher's keys, into a gradebook no spreadsheet misreads.

Keys come from the keys file a build writes outside its HTML output
(:data:`studyguide.quiz.exam.KEYS_FILE`); a teacher's mistake there (a missing or
malformed file) raises :class:`GradingError`, and nothing is written. A student's file
that does not fit is skipped with a reason naming it (``results.py`` reads each one).
The gradebook is written to a temporary file and renamed into place, so it is either
whole or not there, and no cell can start a spreadsheet formula.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from studyguide.quiz.exam import ANSWER_TYPES, KEYS_FILE, KEYS_FORMAT, KEYS_VERSION, ROW_TYPES, is_right
from studyguide.quiz.results import Rejected, Results, clean_text, parse_json, read_bytes, read_results, shown

MAX_KEYS_BYTES = 50_000_000
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class GradingError(Exception):
    """A problem the teacher must fix before grading (nothing was written)."""


@dataclass
class Report:
    rows: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # "file: reason"
    question_ids: list[str] = field(default_factory=list)
    # for the item analysis: each graded student's answers (question id -> what was chosen),
    # and each question's key as first met
    chosen: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    questions: dict[str, Mapping[str, Any]] = field(default_factory=dict)


Keys = dict[tuple[str, str], dict[str, Any]]  # (quiz id, exam version) -> exam


def load_keys(paths: Iterable[Path]) -> Keys:
    """(quiz id, exam version) -> exam with its questions, from keys files or folders holding one."""
    keys: Keys = {}
    for path in paths:
        source = path / KEYS_FILE if path.is_dir() else path
        if path.is_dir() and not source.exists():
            raise GradingError(
                f"no {KEYS_FILE} in {shown(path)} (a build writes exam keys to docs/_build/teacher/; "
                "run make html first)"
            )
        try:
            data = parse_json(read_bytes(source, MAX_KEYS_BYTES), max_depth=8)
            exams = _checked_keys(data)
        except Rejected as exc:
            raise GradingError(f"cannot read exam keys from {shown(source)}: it {exc}") from exc
        for exam in exams:
            keys[(exam["quiz"], exam["exam_version"])] = exam
    return keys


def _checked_keys(data: object) -> list[dict[str, Any]]:
    if not isinstance(data, dict) or data.get("format") != KEYS_FORMAT:
        raise Rejected(f"is not a {KEYS_FORMAT} file")
    if data.get("format_version") != KEYS_VERSION:
        raise Rejected(f"has format version {data.get('format_version')!r}, not {KEYS_VERSION}")
    exams = data.get("exams")
    if not isinstance(exams, list):
        raise Rejected("has no list of exams")
    for n, exam in enumerate(exams, 1):
        if not (
            isinstance(exam, dict)
            and isinstance(exam.get("quiz"), str)
            and isinstance(exam.get("exam_version"), str)
            and isinstance(exam.get("questions"), list)
        ):
            raise Rejected(f"has a malformed exam (number {n})")
        for question in exam["questions"]:
            if not _question_ok(question):
                raise Rejected(f"has a malformed question in exam {exam['quiz']!r}")
    return exams


def _question_ok(question: object) -> bool:
    if not isinstance(question, dict):
        return False
    strings = all(isinstance(question.get(k), str) for k in ("id", "exam_id", "prompt"))
    answer, items = question.get("answer"), question.get("items", [])
    if not (strings and question.get("type") in ANSWER_TYPES and isinstance(answer, list) and answer):
        return False
    if not (isinstance(items, list) and all(isinstance(a, str) for a in [*answer, *items])):
        return False
    if question["type"] == "order":
        return sorted(items) == sorted(answer)
    return question["type"] != "match" or len(items) == len(answer)


def grade(results: Sequence[Path], keys: Mapping[tuple[str, str], Mapping[str, Any]], quiz_id: str) -> Report:
    """Grade every results file for one quiz; files that do not fit are skipped with a reason."""
    versions = sorted(v for q, v in keys if q == quiz_id)
    if not versions:
        raise GradingError(f"no exam key for quiz {quiz_id!r} in the keys given")
    report = Report()
    accepted: list[tuple[Results, Mapping[str, Any]]] = []
    for path in sorted(results):
        try:
            found = read_results(path)
        except Rejected as exc:
            report.skipped.append(f"{shown(path)}: {exc}")
            continue
        if found.quiz != quiz_id:
            report.skipped.append(f"{shown(path)}: for quiz {found.quiz!r}, not {quiz_id!r}")
            continue
        key = keys.get((quiz_id, found.exam_version))
        if key is None:
            report.skipped.append(
                f"{shown(path)}: taken on exam version {found.exam_version!r} of {quiz_id!r}, whose key is not "
                f"among the keys given (known versions: {', '.join(versions)}); pass that version's "
                f"{KEYS_FILE} with --keys"
            )
            continue
        accepted.append((found, key))
    by_student: dict[str, list[Path]] = {}
    for found, _key in accepted:
        by_student.setdefault(found.student.casefold(), []).append(found.path)
    for found, key in accepted:
        files = by_student[found.student.casefold()]
        if len(files) > 1:
            names = ", ".join(shown(p) for p in files)
            report.skipped.append(
                f"{shown(found.path)}: one of {len(files)} files for {found.student!r} ({names}); keep one"
            )
            continue
        marks = {}
        answers = report.chosen.setdefault(found.student, {})
        for question in key["questions"]:
            chosen = found.answers.get(question["exam_id"], [])
            if question["type"] not in ROW_TYPES:
                chosen = chosen[:1]
            marks[question["id"]] = 1 if is_right(question, chosen) else 0
            answers[question["id"]] = chosen
            if question["id"] not in report.question_ids:
                report.question_ids.append(question["id"])
                report.questions[question["id"]] = question
        report.rows.append(
            {
                "student": found.student,
                "version": found.exam_version,
                "score": sum(marks.values()),
                "total": len(marks),
                **marks,
            }
        )
    return report


def spreadsheet_cell(value: object) -> str:
    """A cell no spreadsheet reads as a formula, without invisible characters."""
    if isinstance(value, int):
        return str(value)
    text = clean_text(str(value)).strip()
    return "'" + text if text.startswith(_FORMULA_START) else text


def gradebook_csv(report: Report, quiz_id: str) -> str:
    """One row per student: name, score, out of, then 1/0 per question (Moodle and Canvas import)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    header = ["Student", "Quiz", "Version", "Score", "Out of", *report.question_ids]
    writer.writerow([spreadsheet_cell(h) for h in header])
    for row in sorted(report.rows, key=lambda r: (r["student"].casefold(), r["student"])):
        cells = [row["student"], quiz_id, row["version"], row["score"], row["total"]]
        cells += [row.get(q, "") for q in report.question_ids]
        writer.writerow([spreadsheet_cell(c) for c in cells])
    return buffer.getvalue()


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) to a temporary file beside ``path``, then rename it into place."""
    data = text.encode("utf-8", errors="replace")
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
