"""A reader of Moodle XML question files that checks them against Moodle's documented format.

Written from the format's documentation (Moodle Docs, "Moodle XML format") and what Moodle's
importer (question/format/xml) and the ordering question type read; it shares no code with the
exporter. ``read(text)`` returns the questions with their texts unescaped as Moodle would show
them, and ``problems`` lists every departure from the format it knows.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from xml.etree import ElementTree

TYPES = (
    "multichoice",
    "truefalse",
    "shortanswer",
    "matching",
    "ordering",
    "essay",
    "numerical",
    "description",
)
FORMATS = ("html", "moodle_auto_format", "plain_text", "markdown")
LAYOUT = ("VERTICAL", "HORIZONTAL")
SELECT = ("ALL", "RANDOM", "CONTIGUOUS")
GRADING = (
    "ALL_OR_NOTHING",
    "ABSOLUTE_POSITION",
    "RELATIVE_NEXT_EXCLUDE_LAST",
    "RELATIVE_NEXT_INCLUDE_LAST",
    "RELATIVE_ONE_PREVIOUS_AND_NEXT",
    "RELATIVE_ALL_PREVIOUS_AND_NEXT",
    "LONGEST_ORDERED_SUBSET",
    "LONGEST_CONTIGUOUS_SUBSET",
    "RELATIVE_TO_CORRECT",
)


@dataclass
class Answer:
    text: str
    fraction: float
    feedback: str = ""


@dataclass
class Read:
    kind: str
    name: str
    text: str
    feedback: str
    idnumber: str
    tags: list[str] = field(default_factory=list)
    answers: list[Answer] = field(default_factory=list)
    pairs: list[tuple[str, str]] = field(default_factory=list)  # matching: (row, answer)
    problems: list[str] = field(default_factory=list)


def _shown(element: ElementTree.Element | None, where: str, problems: list[str]) -> str:
    """A text field as Moodle shows it: HTML unescaped and tags dropped for html; as is otherwise."""
    if element is None:
        return ""
    fmt = element.get("format", "moodle_auto_format")
    if fmt not in FORMATS:
        problems.append(f"{where}: format {fmt!r}")
    text = element.findtext("text")
    if text is None:
        problems.append(f"{where}: no <text>")
        return ""
    if fmt == "html":
        if re.search(r"<(?!/?p>)[a-z/!]", text, re.I):
            problems.append(f"{where}: markup in the text {text[:40]!r}")
        return html.unescape(re.sub(r"</?p>", "", text))
    return text


def read(text: str) -> tuple[list[Read], list[str]]:
    problems: list[str] = []
    root = ElementTree.fromstring(text.encode("utf-8"))
    if root.tag != "quiz":
        return [], [f"root is <{root.tag}>, not <quiz>"]
    questions = root.findall("question")
    if any(child.tag != "question" for child in root):
        problems.append("the root holds something other than questions")
    if not questions or questions[0].get("type") != "category":
        problems.append("no category first")
    elif not (questions[0].findtext("category/text") or "").startswith("$course$/"):
        problems.append("the category is not in the course")
    found = []
    ids: set[str] = set()
    for q in questions[1:]:
        kind = q.get("type", "")
        name = q.findtext("name/text") or ""
        where = f"{name} ({kind})"
        r = Read(kind, name, "", "", q.findtext("idnumber") or "")
        r.text = _shown(q.find("questiontext"), f"{where} questiontext", r.problems)
        r.feedback = _shown(q.find("generalfeedback"), f"{where} generalfeedback", r.problems)
        if kind not in TYPES:
            r.problems.append(f"{where}: unknown type")
        if not name:
            r.problems.append(f"{where}: no name")
        if not r.idnumber or len(r.idnumber) > 100 or r.idnumber in ids:
            r.problems.append(f"{where}: idnumber {r.idnumber!r} missing, too long or used twice")
        ids.add(r.idnumber)
        r.tags = [t.findtext("text") or "" for t in q.findall("tags/tag")]
        if any(not t or "," in t for t in r.tags):
            r.problems.append(f"{where}: tags {r.tags}")
        for a in q.findall("answer"):
            try:
                fraction = float(a.get("fraction", "x"))
            except ValueError:
                r.problems.append(f"{where}: answer without a fraction")
                fraction = 0.0
            shown = _shown(a, f"{where} answer", r.problems)
            r.answers.append(
                Answer(shown, fraction, _shown(a.find("feedback"), f"{where} feedback", r.problems))
            )
        for sub in q.findall("subquestion"):
            r.pairs.append(
                (_shown(sub, f"{where} subquestion", r.problems), sub.findtext("answer/text") or "")
            )
        _check(q, r, where)
        found.append(r)
    return found, problems + [p for r in found for p in r.problems]


def _check(q: ElementTree.Element, r: Read, where: str) -> None:
    fractions = [a.fraction for a in r.answers]
    if r.kind == "multichoice":
        single = q.findtext("single")
        if single not in ("true", "false"):
            r.problems.append(f"{where}: <single> is {single!r}")
        if single == "true" and (fractions.count(100) != 1 or any(f not in (0, 100) for f in fractions)):
            r.problems.append(f"{where}: fractions {fractions} (one answer at 100)")
        if len(r.answers) < 2:
            r.problems.append(f"{where}: fewer than two choices")
    elif r.kind == "truefalse":
        if sorted(a.text for a in r.answers) != ["false", "true"] or sorted(fractions) != [0, 100]:
            r.problems.append(f"{where}: answers {[(a.text, a.fraction) for a in r.answers]}")
    elif r.kind == "shortanswer":
        if q.findtext("usecase") not in ("0", "1") or not r.answers or any(f != 100 for f in fractions):
            r.problems.append(f"{where}: usecase {q.findtext('usecase')!r}, fractions {fractions}")
    elif r.kind == "matching":
        answers = {a for _row, a in r.pairs}
        if len(r.pairs) < 2 or (len(answers) < 3 and len(r.pairs) >= 3):
            r.problems.append(f"{where}: {len(r.pairs)} pairs, {len(answers)} answers")
        if any(not row or not a for row, a in r.pairs):
            r.problems.append(f"{where}: an empty pair")
    elif r.kind == "ordering":
        for tag, allowed in (("layouttype", LAYOUT), ("selecttype", SELECT), ("gradingtype", GRADING)):
            if q.findtext(tag) not in allowed:
                r.problems.append(f"{where}: <{tag}> {q.findtext(tag)!r}")
        if len(r.answers) < 2 or fractions != sorted(fractions):
            r.problems.append(f"{where}: items out of order ({fractions})")
