"""Item analysis of a graded exam: pure Python, one specification that ``grader.js`` follows.

Every figure is computed from whole numbers so that the command and the grader page give the
same digits (docs/reference/grading.md defines them):

- a question's *students* ``n`` are the graded students whose exam version asks it, and its
  *right* ``k`` those who got it right; its **difficulty** is the share right, ``k / n``, shown
  as a whole percentage rounded half up, ``(200 k + n) // (2 n)``;
- its **discrimination** is the corrected point-biserial correlation: Pearson's ``r`` between
  the question's mark ``x`` (1 or 0) and the student's *rest score* ``y`` (the exam score
  without this question), over its ``n`` students,
  ``r = (n Σxy - Σx Σy) / sqrt((n Σx² - (Σx)²) (n Σy² - (Σy)²))``; undefined (shown "-") when
  fewer than two students took it or either factor under the root is 0; shown with two
  decimals, rounded half up from ``r * 100``;
- **flags**: *too easy* when ``10 k >= 9 n`` (90 % or more right), *too hard* when
  ``10 k < 3 n`` (under 30 %), *negative discrimination* when ``r`` is defined and its
  numerator is below 0 (students who did worse on the rest did better on this question);
- **wrong answers**: for a question with choices, how many students picked each wrong choice
  (every wrong choice listed, in the question's order, zero counts too); for a blank, the
  wrong answers typed, grouped by the site's folding (``answers.normalise_answer``) and shown
  by the group's first spelling in code-point order; for order and match questions, each
  wrong pair "row -> picked"; then the unanswered count. Typed and paired answers are listed
  most frequent first (ties in code-point order), at most :data:`MAX_WRONG` of them;
- **per claim** and **per piece**: right answers over answers given to the questions testing
  the claim (or the piece's claims), as a share rounded like difficulty;
- the **score distribution**: each student's score as a share of the exam's questions, in ten
  bands, ``min(9, 10 score // total)``.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from studyguide.quiz.answers import normalise_answer
from studyguide.quiz.exam import ROW_TYPES, exam_normalise, right_rows
from studyguide.quiz.grading import spreadsheet_cell

MAX_WRONG = 5
CHOICE_TYPES = ("who", "tf", "mc")
EASY, HARD, NEGATIVE = "too easy", "too hard", "negative discrimination"


@dataclass
class ItemStats:
    id: str
    type: str
    prompt: str
    claim: str
    source: str
    piece: str
    n: int = 0
    right: int = 0
    numerator: int = 0
    r: float | None = None
    wrong: list[tuple[str, int]] = field(default_factory=list)
    unanswered: int = 0

    @property
    def percent(self) -> int:
        return percent(self.right, self.n)

    @property
    def r_text(self) -> str:
        return two_decimals(self.r)

    @property
    def flags(self) -> list[str]:
        found = []
        if self.n and 10 * self.right >= 9 * self.n:
            found.append(EASY)
        if self.n and 10 * self.right < 3 * self.n:
            found.append(HARD)
        if self.r is not None and self.numerator < 0:
            found.append(NEGATIVE)
        return found


@dataclass
class GroupStats:
    """A claim or a piece: right answers over answers given to its questions."""

    id: str
    title: str
    url: str = ""  # where it is read: a claim's passage (its first question's link), a piece's page
    attempts: int = 0
    right: int = 0
    questions: list[str] = field(default_factory=list)

    @property
    def percent(self) -> int:
        return percent(self.right, self.attempts)


@dataclass
class Analysis:
    students: int
    items: list[ItemStats]
    claims: dict[str, GroupStats]
    pieces: list[GroupStats]
    bands: list[int]  # ten score bands, 0-9 %, ..., 90-100 %
    score: int  # all right answers
    total: int  # all questions asked

    @property
    def mean_percent(self) -> int:
        return percent(self.score, self.total)


def percent(part: int, whole: int) -> int:
    """A share as a whole percentage, rounded half up (0 when there is no whole)."""
    return (200 * part + whole) // (2 * whole) if whole else 0


def hundredths(value: float) -> int:
    """``value * 100`` rounded half up to a whole number."""
    return math.floor(value * 100 + 0.5)


def two_decimals(value: float | None) -> str:
    """A correlation with two decimals, rounded half up from ``value * 100``; "-" when undefined."""
    if value is None:
        return "-"
    whole = hundredths(value)
    sign = "-" if whole < 0 else ""
    return f"{sign}{abs(whole) // 100}.{abs(whole) % 100:02d}"


def point_biserial(pairs: Sequence[tuple[int, int]]) -> tuple[int, float | None]:
    """(numerator, r) of Pearson's r over (mark, rest score) pairs, from whole-number sums."""
    n = len(pairs)
    sx = sum(x for x, _ in pairs)
    sy = sum(y for _, y in pairs)
    sxy = sum(x * y for x, y in pairs)
    sxx = sum(x * x for x, _ in pairs)
    syy = sum(y * y for _, y in pairs)
    numerator = n * sxy - sx * sy
    vx, vy = n * sxx - sx * sx, n * syy - sy * sy
    if n < 2 or vx <= 0 or vy <= 0:
        return numerator, None
    return numerator, numerator / math.sqrt(vx * vy)


def _string(value: object) -> str:
    return value if isinstance(value, str) else ""


def _strings(value: object) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def given(answer: Sequence[str]) -> bool:
    """Whether a student answered at all (a row or a text other than spaces)."""
    return any(text.strip(" ") for text in answer)


def _wrong(question: Mapping[str, Any], chosen: Sequence[Sequence[str]]) -> list[tuple[str, int]]:
    kind = question["type"]
    answered = [c for c in chosen if given(c)]
    if kind in CHOICE_TYPES:
        right = {exam_normalise(a) for a in question["answer"]}
        picks = [exam_normalise(c[0]) for c in answered]
        return [
            (choice, picks.count(exam_normalise(choice)))
            for choice in _strings(question.get("choices"))
            if exam_normalise(choice) not in right
        ]
    groups: dict[str, list[str]] = {}
    if kind == "blank":
        accepted = {normalise_answer(a) for a in question["answer"]}
        for c in answered:
            folded = normalise_answer(c[0])
            if not folded or folded not in accepted:
                groups.setdefault(folded, []).append(c[0])
    elif kind in ROW_TYPES:
        rows = right_rows(question)
        items = list(question.get("items", []))
        for c in answered:
            for i, (picked, row) in enumerate(zip(c, rows, strict=False)):
                if exam_normalise(picked) != exam_normalise(row) and i < len(items):
                    label = f"{items[i]} -> {picked}"
                    groups.setdefault(label, []).append(label)
    counted = [(min(spellings), len(spellings)) for spellings in groups.values()]
    counted.sort(key=lambda pair: (-pair[1], pair[0]))  # ties in code-point order
    return counted[:MAX_WRONG]


def analyse(
    rows: Sequence[Mapping[str, Any]],
    chosen: Mapping[str, Mapping[str, Sequence[str]]],
    questions: Mapping[str, Mapping[str, Any]],
    question_ids: Sequence[str],
    passages: Sequence[Mapping[str, Any]] = (),
) -> Analysis:
    """The item analysis of graded rows (``grading.grade``'s report) against their questions."""
    piece_titles = {str(p.get("url", "")): str(p.get("title", "")) for p in passages}
    claim_piece: dict[str, str] = {}
    for passage in passages:
        for paragraph in passage.get("paragraphs", []):
            for _text, claim in paragraph:
                if claim:
                    claim_piece.setdefault(claim, str(passage.get("url", "")))
    items: list[ItemStats] = []
    for qid in question_ids:
        question = questions[qid]
        taking = [row for row in rows if qid in row]
        claim, source = _string(question.get("claim")), _string(question.get("source"))
        piece = claim_piece.get(claim) or source.split("#", 1)[0]
        item = ItemStats(qid, question["type"], question["prompt"], claim, source, piece)
        item.n = len(taking)
        item.right = sum(int(row[qid]) for row in taking)
        item.numerator, item.r = point_biserial(
            [(int(row[qid]), int(row["score"]) - int(row[qid])) for row in taking]
        )
        answers = [list(chosen.get(row["student"], {}).get(qid, [])) for row in taking]
        item.unanswered = sum(1 for a in answers if not given(a))
        item.wrong = _wrong(question, answers)
        items.append(item)
    claims: dict[str, GroupStats] = {}
    pieces: dict[str, GroupStats] = {}
    for item in items:
        groups = []
        if item.claim:
            groups.append(claims.setdefault(item.claim, GroupStats(item.claim, item.claim, item.source)))
        if item.piece:
            title = piece_titles.get(item.piece, item.piece)
            groups.append(pieces.setdefault(item.piece, GroupStats(item.piece, title, item.piece)))
        for group in groups:
            group.attempts += item.n
            group.right += item.right
            group.questions.append(item.id)
    bands = [0] * 10
    for row in rows:
        if row["total"]:
            bands[min(9, 10 * int(row["score"]) // int(row["total"]))] += 1
    return Analysis(
        students=len(rows),
        items=items,
        claims=claims,
        pieces=list(pieces.values()),
        bands=bands,
        score=sum(int(r["score"]) for r in rows),
        total=sum(int(r["total"]) for r in rows),
    )


def wrong_text(item: ItemStats) -> str:
    """The wrong answers in one line: "choice: count; ...; unanswered: count"."""
    parts = [f"{label}: {count}" for label, count in item.wrong]
    if item.unanswered:
        parts.append(f"unanswered: {item.unanswered}")
    return "; ".join(parts)


ITEMS_HEADER = (
    "Question",
    "Type",
    "Claim",
    "Piece",
    "Students",
    "Right",
    "Difficulty (% right)",
    "Discrimination",
    "Flags",
    "Wrong answers",
)


def items_rows(analysis: Analysis) -> list[list[object]]:
    """The item analysis as spreadsheet rows (the header first)."""
    rows: list[list[object]] = [list(ITEMS_HEADER)]
    for item in analysis.items:
        rows.append(
            [
                item.id,
                item.type,
                item.claim,
                item.piece,
                item.n,
                item.right,
                item.percent,
                item.r_text,
                ", ".join(item.flags),
                wrong_text(item),
            ]
        )
    return rows


def items_csv(analysis: Analysis) -> str:
    """The item analysis as CSV, cells as the gradebook writes them (no formula can start).

    The discrimination is left a number ("-0.25"; empty when undefined).
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for n, row in enumerate(items_rows(analysis)):
        cells = [spreadsheet_cell(cell) for cell in row]
        if n:  # the discrimination is a figure of ours, a number a spreadsheet must read as one
            cells[7] = "" if row[7] == "-" else str(row[7])
        writer.writerow(cells)
    return buffer.getvalue()
