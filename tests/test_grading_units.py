"""Grading's checks one at a time, on keys and results written here by hand (no build).

Fast, so that `make mutate` runs them against every mutant of grading.py; the messages a
teacher reads are written out in full.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from studyguide.quiz import exam as exam_module
from studyguide.quiz import grading
from studyguide.quiz.generate import Question
from studyguide.quiz.grading import GradingError, Report, grade, gradebook_csv, load_keys, write_atomically
from studyguide.quiz.results import Rejected

QUESTION = {"id": "c-1-tf", "exam_id": "e1", "type": "tf", "prompt": "True or false? x", "answer": ["False"]}


def keys_file(tmp_path: Path, exams: list[Any], name: str = "exam-keys.json", **top: Any) -> Path:
    data = {"format": "studyguide-exam-keys", "format_version": 1, "exams": exams, **top}
    path = tmp_path / name
    path.write_text(json.dumps(data), "utf-8")
    return path


def exam(**fields: Any) -> dict[str, Any]:
    return {"quiz": "q", "exam_version": "v1", "questions": [QUESTION], **fields}


def rejected(data: object) -> str:
    with pytest.raises(Rejected) as caught:
        grading._checked_keys(data)
    return str(caught.value)


def test_a_folder_without_keys_says_how_to_get_them(tmp_path: Path) -> None:
    with pytest.raises(GradingError) as caught:
        load_keys([tmp_path])
    assert str(caught.value) == (
        f"no exam-keys.json in {tmp_path} (a build writes exam keys to docs/_build/teacher/; run make html first)"
    )


def test_keys_files_larger_than_a_results_file_load(tmp_path: Path) -> None:
    """The keys may be larger than the 1 MB a student's file may be (a big site's exams)."""
    padding = "x" * 1_200_000
    path = keys_file(tmp_path, [exam()], padding=padding)
    assert path.stat().st_size > 1_000_000
    assert list(load_keys([path])) == [("q", "v1")]
    assert load_keys([tmp_path])[("q", "v1")]["questions"] == [QUESTION]  # a folder: its exam-keys.json


def test_malformed_keys_are_named() -> None:
    good = {"format": "studyguide-exam-keys", "format_version": 1}
    assert rejected({**good, "format_version": 2, "exams": []}) == "has format version 2, not 1"
    assert rejected({**good, "exams": {}}) == "has no list of exams"
    assert rejected({**good, "exams": ["x"]}) == "has a malformed exam (number 1)"
    assert rejected({**good, "exams": [exam(), "x"]}) == "has a malformed exam (number 2)"
    for missing in ("quiz", "exam_version", "questions"):
        broken = {k: v for k, v in exam().items() if k != missing}
        assert rejected({**good, "exams": [exam(), broken]}) == "has a malformed exam (number 2)", missing
    for field, value in (("quiz", 1), ("exam_version", None), ("questions", {})):
        assert rejected({**good, "exams": [exam(**{field: value})]}) == "has a malformed exam (number 1)"
    assert grading._checked_keys({**good, "exams": [exam()]}) == [exam()]


@pytest.mark.parametrize(
    "question",
    [
        "c-1-tf",
        {k: v for k, v in QUESTION.items() if k != "prompt"},  # a field missing, an answer given
        {**QUESTION, "exam_id": 7},
        {**QUESTION, "type": "essay"},
        {**QUESTION, "answer": []},
        {**QUESTION, "answer": "False"},
        {**QUESTION, "answer": [1]},
        {**QUESTION, "items": "ab"},
        {**QUESTION, "type": "order", "items": ["a", "b"], "answer": ["a", "c"]},
        {**QUESTION, "type": "order", "items": ["a", 2], "answer": ["a", 2]},
        {**QUESTION, "type": "match", "items": ["a", "b"], "answer": ["r"]},
    ],
)
def test_malformed_questions_are_refused(question: object) -> None:
    assert grading._question_ok(question) is False


def test_well_formed_questions_pass() -> None:
    assert grading._question_ok(QUESTION) is True
    assert grading._question_ok({**QUESTION, "type": "order", "items": ["b", "a"], "answer": ["a", "b"]})
    assert grading._question_ok({**QUESTION, "type": "match", "items": ["a", "b"], "answer": ["r", "r"]})


def results_file(folder: Path, name: str, student: str, answers: dict[str, Any]) -> Path:
    data = {
        "format": "studyguide-results",
        "format_version": 2,
        "quiz": "q",
        "exam_version": "v1",
        "student": student,
        "answers": answers,
    }
    path = folder / name
    path.write_text(json.dumps(data), "utf-8")
    return path


def test_two_files_for_one_student_are_both_skipped_and_named(tmp_path: Path) -> None:
    keys = load_keys([keys_file(tmp_path, [exam()])])
    one = results_file(tmp_path, "a.json", "Ada", {"e1": "False"})
    two = results_file(tmp_path, "b.json", "ada", {"e1": "True"})
    solo = results_file(tmp_path, "c.json", "Bo", {"e1": ["False", "True"]})
    report = grade([one, two, solo], keys, "q")
    assert report.skipped == [
        f"{one}: one of 2 files for 'Ada' ({one}, {two}); keep one",
        f"{two}: one of 2 files for 'ada' ({one}, {two}); keep one",
    ]
    assert report.rows == [{"student": "Bo", "version": "v1", "score": 1, "total": 1, "c-1-tf": 1}]


def test_an_unknown_version_names_the_known_ones(tmp_path: Path) -> None:
    keys = load_keys([keys_file(tmp_path, [exam(), exam(exam_version="v2")])])
    path = results_file(tmp_path, "a.json", "Ada", {})
    data = json.loads(path.read_text("utf-8"))
    path.write_text(json.dumps({**data, "exam_version": "v9"}), "utf-8")
    assert grade([path], keys, "q").skipped == [
        f"{path}: taken on exam version 'v9' of 'q', whose key is not among the keys given "
        "(known versions: v1, v2); pass that version's exam-keys.json with --keys"
    ]


def test_gradebook_lines_and_missing_cells() -> None:
    report = Report(
        rows=[{"student": "Ada", "version": "v1", "score": 1, "total": 2, "a": 1}],
        question_ids=["a", "b"],
    )
    assert gradebook_csv(report, "q") == "Student,Quiz,Version,Score,Out of,a,b\nAda,q,v1,1,2,1,\n"


def test_written_through_a_temporary_file_beside_the_target(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "grades.csv"
    moves: list[tuple[str, str]] = []
    replace = os.replace

    def spy(source: str, destination: str) -> None:
        moves.append((str(source), str(destination)))
        replace(source, destination)

    monkeypatch.setattr(grading.os, "replace", spy)
    write_atomically(target, "é,1\n")
    assert target.read_bytes() == "é,1\n".encode()
    (temporary, destination), *_ = moves
    assert destination == str(target) and Path(temporary).parent == tmp_path
    assert Path(temporary).name.startswith(".grades.csv.") and temporary.endswith(".tmp")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["grades.csv"]


# -- exam.py: what grading compares, and the key a teacher reads -------------------------------


def test_right_rows_and_answer_text() -> None:
    order = {"type": "order", "items": ["Late", "Early", "Middle"], "answer": ["Early", "Middle", "Late"]}
    match = {"type": "match", "items": ["A", "B"], "answer": ["r-a", "r-b"]}
    assert exam_module.right_rows(order) == ["3", "1", "2"]
    assert exam_module.right_rows({"type": "match", "answer": ["r-a"]}) == ["r-a"]  # no items: none needed
    assert exam_module.answer_text(order) == "Early → Middle → Late"
    assert exam_module.answer_text(match) == "A: r-a; B: r-b"
    assert exam_module.answer_text({"type": "match", "answer": []}) == ""
    assert exam_module.answer_text({"type": "blank", "answer": ["gates", "the gätes"]}) == "gates / the gätes"
    assert exam_module.answer_text({"type": "tf", "answer": ["False", "x"]}) == "False"
    assert exam_module.answer_text({"type": "mc", "answer": [7]}) == "7"
    assert exam_module.answer_text({"type": "mc", "answer": []}) == ""


def test_an_empty_typed_answer_is_never_right() -> None:
    """Even against a key with an answer that folds to nothing (punctuation only)."""
    key = {"type": "blank", "answer": ["gates", "."]}
    assert not exam_module.is_right(key, ["?"])
    assert exam_module.is_right(key, ["The Gates!"])


def test_exam_normalise_and_ids() -> None:
    assert exam_module.exam_normalise("  The\tLantern  Glass.. ") == "the lantern glass"
    assert exam_module.exam_normalise("“It’s” ") == '"it\'s"'
    # the opaque id: "e" and 12 hex digits of sha256("quiz:version:question id")
    assert exam_module.exam_id("light", "abc", "c-1-tf") == "e3003d5583307"


def test_keys_document_and_text() -> None:
    assert exam_module.keys_document([]) == {
        "format": "studyguide-exam-keys",
        "format_version": 1,
        "exams": [],
    }
    key = {
        "title": "The lighthouse",
        "quiz": "light",
        "exam_version": "abc",
        "questions": [
            {"prompt": "True or false? x", "type": "tf", "answer": ["False"]},
            {"prompt": "Order.", "type": "order", "items": ["B", "A"], "answer": ["A", "B"]},
        ],
    }
    assert exam_module.keys_text(key) == (
        "The lighthouse: exam key (quiz light, exam version abc)\n"
        "Not for students. Grade results files with: python -m studyguide grade RESULTS --quiz light\n"
        "\n"
        "1. True or false? x\n"
        "   Answer: False\n"
        "\n"
        "2. Order.\n"
        "   - B\n"
        "   - A\n"
        "   Answer: A → B\n"
    )


def _pool() -> list[Question]:
    def q(i: int, kind: str, answer: str, choices: tuple[str, ...] = (), prompt: str = "") -> Question:
        return Question(f"c{i}-{kind}", kind, prompt or f"Prompt {i}", choices, (answer,), "", f"c{i}", "")

    pool = [q(i, "tf", "True" if i % 2 == 0 else "False", ("True", "False")) for i in range(8)]
    pool += [
        q(8, "blank", "lantern"),
        q(9, "mc", "a", ("a", "b"), "Which lantern?"),
        q(10, "mc", "a", ("a", "b")),
    ]
    pool += [
        Question("r-order", "order", "Order.", ("A", "B"), ("B", "A"), "", "", "", items=("A", "B")),
        Question("r-match", "match", "Match.", ("x", "y"), ("y", "x"), "", "", "", items=("P", "Q")),
    ]
    return pool


@pytest.mark.parametrize(
    ("count", "seed", "ids"),
    [
        # the others first (c9's prompt prints c8's blank: never both), then true and false in
        # turn, at most three in five of the exam; in the pool's order
        (
            None,
            "s",
            [
                "c2-tf",
                "c3-tf",
                "c4-tf",
                "c5-tf",
                "c6-tf",
                "c7-tf",
                "c8-blank",
                "c10-mc",
                "r-order",
                "r-match",
            ],
        ),
        (
            5,
            "s",
            ["c4-tf", "c8-blank", "c10-mc", "r-order", "r-match"],
        ),  # four trues, four falses: a true first
        (5, "t", ["c6-tf", "c8-blank", "c10-mc", "r-order", "r-match"]),
        (6, "u", ["c5-tf", "c6-tf", "c8-blank", "c10-mc", "r-order", "r-match"]),
        (3, "s", ["c8-blank", "c10-mc", "r-match"]),
    ],
)
def test_exam_picks(count: int | None, seed: str, ids: list[str]) -> None:
    """Pinned picks (seeded): a change to the pick shows here first; each obeys the rules."""
    picked = exam_module.pick_exam_questions(_pool(), count, seed)
    assert [q.id for q in picked] == ids
    statements = [q for q in picked if q.type == "tf"]
    assert 5 * len(statements) <= 3 * len(picked)
    trues = sum(q.answer == ("True",) for q in statements)
    assert abs(2 * trues - len(statements)) <= 1
    assert not {"c8-blank", "c9-mc"} <= {q.id for q in picked}


def test_of_a_claim_s_questions_the_one_that_prints_no_other_claim_s_blank_is_taken() -> None:
    """c1's true/false statement prints c2's blank ("lantern"): c1 is asked by its other question.
    c4's statement prints only its own claim's blank, which is no reason to pass it over."""

    def q(
        qid: str, kind: str, prompt: str, answer: str = "a", choices: tuple[str, ...] = ("a", "b")
    ) -> Question:
        return Question(
            qid, kind, prompt, choices if kind != "blank" else (), (answer,), "", qid.split("-")[0], ""
        )

    pool = [
        q("c1-tf", "tf", "True or false? The lantern broke.", "True", ("True", "False")),
        q("c1-mc", "mc", "Which part broke?"),
        q("c2-blank", "blank", "Fill in: the _____ of the tower.", "lantern"),
        q("c4-blank", "blank", "Fill in: the _____ froze.", "harbour"),
        q("c4-tf", "tf", "True or false? The harbour froze.", "False", ("True", "False")),
        q("c5-mc", "mc", "What came?"),
    ]
    picks = {
        seed: [x.id for x in exam_module.pick_exam_questions(pool, None, seed)] for seed in ("s0", "s1", "s5")
    }
    assert picks == {
        "s0": ["c1-mc", "c2-blank", "c4-tf", "c5-mc"],
        "s1": ["c1-mc", "c2-blank", "c4-blank", "c5-mc"],
        "s5": ["c1-mc", "c2-blank", "c4-tf", "c5-mc"],
    }
    # an accepted answer that folds to nothing gives nothing away
    dots = Question("b", "blank", "Fill in: _____.", (), ("...", "lantern"), "", "b", "")
    assert not exam_module._gives_away(pool[1], dots) and exam_module._gives_away(pool[0], dots)
