"""Exam answers without Sphinx: how an answer is compared, question ids, the keys file.

An exam page holds questions only. What the student chose goes into a results file
(``results.py`` reads those); the answers live in a keys file written outside the HTML
output, which ``grading.py`` reads. This module owns the shapes both sides agree on:
the opaque question id on the page, the normalisation of an answer, whether an answer
is right, and the keys file's format.
"""

from __future__ import annotations

import hashlib
import random
import re
import unicodedata
from collections.abc import Collection, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from studyguide.quiz.answers import normalise_answer

if TYPE_CHECKING:
    from studyguide.quiz.generate import Question

RESULTS_FORMAT = "studyguide-results"
RESULTS_VERSION = 2  # version 1 (hashes in the page) is no longer graded
KEYS_FORMAT = "studyguide-exam-keys"
KEYS_VERSION = 1
KEYS_FILE = "exam-keys.json"
ROW_TYPES = ("order", "match")
ANSWER_TYPES = ("who", "tf", "blank", "mc", *ROW_TYPES)
_END_PUNCTUATION = re.compile(r"[\s.,;:!?]+$")


def exam_normalise(text: str) -> str:
    """What exam.js does too: NFC, straight quotes, one space, no end punctuation, lower case."""
    text = unicodedata.normalize("NFC", str(text))
    text = text.translate(str.maketrans("‘’“”", "''\"\""))
    text = re.sub(r"\s+", " ", text).strip()
    return _END_PUNCTUATION.sub("", text).lower()


def exam_id(quiz_id: str, version: str, question_id: str) -> str:
    """The opaque id a question has on the exam page (its real id names its claim and type)."""
    return "e" + hashlib.sha256(f"{quiz_id}:{version}:{question_id}".encode()).hexdigest()[:12]


def right_rows(question: Mapping[str, Any]) -> list[str]:
    """For order and match questions, the right option text of each row, as the page shows it."""
    items = list(question.get("items", []))
    answer = list(question["answer"])
    if question["type"] == "order":
        return [str(answer.index(item) + 1) for item in items]
    return answer


def is_right(question: Mapping[str, Any], chosen: Sequence[str]) -> bool:
    """Grade one answer against the key."""
    if not chosen:
        return False
    if question["type"] in ROW_TYPES:
        rows = right_rows(question)
        return len(chosen) == len(rows) and all(
            exam_normalise(c) == exam_normalise(r) for c, r in zip(chosen, rows, strict=True)
        )
    if question["type"] == "blank":  # typed: folded as the practice widget folds it
        return bool(normalise_answer(chosen[0])) and normalise_answer(chosen[0]) in {
            normalise_answer(a) for a in question["answer"]
        }
    return exam_normalise(chosen[0]) in {exam_normalise(a) for a in question["answer"]}


def pick_exam_questions(
    pool: Sequence[Question], count: int | None, seed: str, prefer: Collection[str] = frozenset()
) -> list[Question]:
    """An exam's questions from ``pool``: at most one per claim, ``count`` of them at most.

    An exam is a set too.  The questions that are not true/false come first (in a seeded
    order), then true/false statements, true and false in turn, no more of them than makes
    three in five of the exam (when there are others to ask); a question is passed over
    when it and a question already chosen give one another away.  The questions come back
    in the pool's (text) order.  Claims in ``prefer`` (those no practice quiz asks about)
    come first within each kind.
    """
    digest = hashlib.sha256(f"{seed}\x1fexam-pick".encode()).digest()
    rng = random.Random(int.from_bytes(digest[:8], "big"))
    groups: dict[str, list[Question]] = {}
    for question in pool:
        groups.setdefault(question.claim or question.id, []).append(question)
    keys = sorted(groups)
    rng.shuffle(keys)
    keys.sort(key=lambda k: k not in prefer)  # claims no practice quiz asks about come first
    others = [k for k in keys if all(q.type != "tf" for q in groups[k])]
    trues = [k for k in keys if k not in others and any(_true_statement(q) for q in groups[k])]
    falses = [k for k in keys if k not in others and k not in trues]
    statements: list[str] = []
    while trues or falses:  # true and false in turn, the longer list first
        first, second = (trues, falses) if len(trues) >= len(falses) else (falses, trues)
        statements.append(first.pop(0))
        if second:
            statements.append(second.pop(0))
    blanks = [q for q in pool if q.type == "blank"]
    chosen: list[Question] = []

    def take(key: str) -> bool:
        candidates = list(groups[key])
        rng.shuffle(candidates)
        # first the questions that print no answer of another claim's blank
        rivals = [q for q in blanks if (q.claim or q.id) != key]
        candidates.sort(key=lambda c: any(_gives_away(c, blank) for blank in rivals))
        for candidate in candidates:
            if not any(_gives_away(c, candidate) or _gives_away(candidate, c) for c in chosen):
                chosen.append(candidate)
                return True
        return False

    limit = count if count is not None else len(keys)
    # every other kind in turn, then the statements; no kind past three in five of the exam
    queues: dict[str, list[str]] = {}
    for key in others:
        queues.setdefault(groups[key][0].type, []).append(key)
    queues["tf"] = statements
    kinds = [k for k in sorted(queues, key=lambda k: (k == "tf", k)) if queues[k]]
    counts: dict[str, int] = dict.fromkeys(kinds, 0)
    while len(chosen) < limit and any(queues.values()):
        progressed = False
        for kind in kinds:
            if len(chosen) >= limit or not queues[kind]:
                continue
            others_left = any(queues[k] for k in kinds if k != kind)
            # the last kind standing stops at three in five of the exam
            capped = len(kinds) > 1 and not others_left and counts[kind]
            if capped and (counts[kind] + 1) * 5 > (len(chosen) + 1) * 3:
                queues[kind] = []
                continue
            if take(queues[kind].pop(0)):
                counts[kind] += 1
            progressed = True
        if not progressed:
            break
    ids = {q.id for q in chosen}
    return [q for q in pool if q.id in ids]


def _true_statement(question: Question) -> bool:
    return question.type == "tf" and bool(question.choices) and question.answer[0] == question.choices[0]


def _printed(question: Question) -> str:
    return exam_normalise(" ".join([question.prompt, *question.choices, *question.items]))


def _gives_away(shown: Question, blank: Question) -> bool:
    """Whether ``shown`` prints an accepted answer of the fill-in-the-blank question ``blank``."""
    if blank.type != "blank":
        return False
    text = _printed(shown)
    return any(
        re.search(rf"(?<!\w){re.escape(exam_normalise(a))}(?!\w)", text)
        for a in blank.answer
        if exam_normalise(a)
    )


def answer_text(question: Mapping[str, Any]) -> str:
    """The right answer in words, for a teacher reading the key."""
    answer = [str(a) for a in question["answer"]]
    if question["type"] == "order":
        return " → ".join(answer)
    if question["type"] == "match":
        return "; ".join(f"{i}: {r}" for i, r in zip(question.get("items", []), answer, strict=True))
    if question["type"] == "blank":
        return " / ".join(answer)
    return answer[0] if answer else ""


def keys_document(
    exams: Sequence[Mapping[str, Any]], passages: Sequence[Mapping[str, Any]] = ()
) -> dict[str, Any]:
    """The keys file: every exam of a build with its questions and answers (no timestamps).

    ``passages`` (optional; ``passages.py``) are the paragraphs holding the claims the exams
    ask about, for the class report.
    """
    document = {"format": KEYS_FORMAT, "format_version": KEYS_VERSION, "exams": list(exams)}
    return {**document, "passages": list(passages)} if passages else document


def keys_text(exam: Mapping[str, Any], notes: Mapping[str, Sequence[str]] | None = None) -> str:
    """One exam's key as plain text: number, prompt, answer, in the order of the exam page.

    ``notes`` (by question id) are more lines under a question's answer (``keyfacts.key_lines``).
    """
    lines = [
        f"{exam['title']}: exam key (quiz {exam['quiz']}, exam version {exam['exam_version']})",
        "Not for students. Grade results files with: python -m studyguide grade RESULTS "
        f"--quiz {exam['quiz']}",
        "",
    ]
    for number, question in enumerate(exam["questions"], 1):
        lines.append(f"{number}. {question['prompt']}")
        for item in question.get("items", []):
            lines.append(f"   - {item}")
        lines.append(f"   Answer: {answer_text(question)}")
        lines.extend(f"   {line}" for line in (notes or {}).get(str(question.get("id", "")), ()))
        lines.append("")
    return "\n".join(lines)
