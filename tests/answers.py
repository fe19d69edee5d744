"""What each question's right answer must be, from two sources the page under test does not give.

- `source_problems`: a question in ``quizzes.json`` against the author's markup (tests/sourcetext.py);
- `widget_problems`: a page's quiz widget against ``quizzes.json``;
- `qti_problems` and `gift_problems`: the exports against ``quizzes.json``;
- `key_text`: the words an answer key shows for a question.
"""

from __future__ import annotations

import json
import re
import zipfile
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from studyguide.quiz.answers import normalise_answer
from tests import gift
from tests.sourcetext import Claim, Source, normalise

Question = dict[str, Any]
QTI = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"
TF_PROMPT = "True or false? "  # the English tf prompt: "True or false? {statement}"
WHO_PROMPT = "Who holds this view? "


def load_quizzes(html_dir: Path) -> dict[str, dict[str, Any]]:
    data = json.loads((html_dir / "quizzes.json").read_text("utf-8"))
    return {quiz["id"]: quiz for quiz in data["quizzes"]}


def key_text(question: Question) -> str:
    """The answer as a key prints it."""
    if question["type"] == "order":
        return " → ".join(question["answer"])
    if question["type"] == "match":
        return "; ".join(f"{i}: {r}" for i, r in zip(question["items"], question["answer"], strict=True))
    if question["type"] == "blank":
        return " / ".join(question["answer"])  # every accepted answer
    return str(question["answer"][0])


# -- typed answers, folded as docs/reference/markup.md says (written here, not imported) ---------

_NUMBERS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def _number_words() -> dict[str, str]:
    words = {w: str(n) for n, w in enumerate(_NUMBERS)}
    for t, tens in enumerate(_TENS):
        words[tens] = str(20 + 10 * t)
        for u in range(1, 10):
            words[f"{tens} {_NUMBERS[u]}"] = str(20 + 10 * t + u)
    return words


NUMBER_WORDS = _number_words()


def fold(answer: str) -> str:
    """Case, quotation marks, spacing, end punctuation, a leading article, hyphens and dashes,
    a final plural -s and number words folded away: two answers are one when their folds are equal."""
    import unicodedata

    text = unicodedata.normalize("NFKC", answer).casefold()
    text = re.sub(r"[\u2018\u2019\u201a\u201b]", "'", re.sub(r"[\u201c\u201d\u201e\u201f]", '"', text))
    text = " ".join(text.split()).strip(" .,;:!?'\"")
    for article in ("the ", "an ", "a "):
        if text.startswith(article):
            text = text[len(article) :]
            break
    text = " ".join(re.sub(r"[\u2010-\u2015\u2212-]", " ", text).split())
    for words in sorted(NUMBER_WORDS, key=len, reverse=True):
        text = re.sub(rf"\b{words}\b", NUMBER_WORDS[words], text)
    text = text.replace(" ", "")
    return text[:-1] if len(text) > 3 and text.endswith("s") and not text.endswith("ss") else text


# -- quizzes.json against the source ------------------------------------------------------------


def source_problems(source: Source, q: Question) -> list[str]:
    """Where a question's key disagrees with what the author wrote (English builds)."""
    where = f"{q['id']}:"
    kind = q["type"]
    if kind in ("order", "match"):
        entries = {e.name: e for e in source.entries.values()}
        if kind == "match":
            # the roles the text gives when every row has one, the register's otherwise
            in_text = all(entries[item].text_role for item in q["items"])
            roles = [entries[item].text_role if in_text else entries[item].role for item in q["items"]]
            return [] if q["answer"] == roles else [f"{where} {q['answer']} != roles {roles}"]
        dates = [entries[name].start for name in q["items"]]
        expected = [name for _, name in sorted(zip(dates, q["items"], strict=True))]
        return [] if q["answer"] == expected else [f"{where} {q['answer']} != by date {expected}"]
    claim = source.claims.get(q["claim"])
    if claim is None:
        return [f"{where} no claim {q['claim']!r} in the source"]
    if kind == "who":
        return who_problems(source, claim, q)
    if kind == "tf":
        if not q["prompt"].startswith(TF_PROMPT):
            return [f"{where} the prompt {q['prompt']!r} does not ask true or false"]
        statement = normalise(q["prompt"][len(TF_PROMPT) :])
        if statement in [normalise(f) for f in claim.false()]:
            expected = "False"
        elif claim.paraphrase and statement == normalise(claim.paraphrase):
            expected = "True"
        else:
            return [f"{where} the statement is neither the claim's :paraphrase: nor one of its :false:"]
        return [] if q["answer"] == [expected] else [f"{where} {q['answer']} != {expected!r}"]
    if kind == "blank":
        return blank_problems(source, claim, q)
    if "answer" in claim.options:  # an author's own multiple-choice question
        problems = [] if q["answer"] == [claim.options["answer"]] else [f"{where} != :answer:"]
        missing = set(claim.wrong()) - set(q["choices"])
        return problems + ([f"{where} :wrong: choices missing: {missing}"] if missing else [])
    return [f"{where} a {kind} question the source cannot check"]


def voices(source: Source) -> set[str]:
    """The voices of the debate: every claim's holder."""
    return {c.holder for c in source.claims.values() if c.holder}


def who_problems(source: Source, claim: Claim, q: Question) -> list[str]:
    """The key is the holder by short name; asked only of a view in its holder's own words."""
    where = f"{q['id']}:"
    problems = []
    holder = source.entries[claim.holder].voice_name
    if q["answer"] != [holder]:
        problems.append(f"{where} {q['answer']} != holder {holder!r}")
    if claim.kind != "view" or claim.speaker != claim.holder:
        problems.append(
            f"{where} a who-question on a {claim.kind} in {claim.speaker}'s words, held by {claim.holder}"
        )
    debate = voices(source)
    if set(claim.shared_by()) & debate:
        problems.append(f"{where} a who-question on a view {claim.shared_by()} share")
    names = {source.entries[v].voice_name: v for v in debate if v in source.entries}
    allowed = {name for name, v in names.items() if v not in claim.shared_by()}
    if not set(q["choices"]) <= allowed or len(q["choices"]) < 2 or holder not in q["choices"]:
        problems.append(f"{where} choices {q['choices']} are not voices by short name ({sorted(allowed)})")
    # the extract is quoted, its own quotation marks made single ones
    quoted = normalise(source.text(claim)).replace('"', "'")
    if not q["prompt"].startswith(WHO_PROMPT) or quoted not in normalise(q["prompt"]).replace('"', "'"):
        problems.append(f"{where} the prompt {q['prompt']!r} does not quote the claim")
    return problems


def blank_problems(source: Source, claim: Claim, q: Question) -> list[str]:
    """The keys: the blank term, then :accept:, then the register names of the entry the term names."""
    where = f"{q['id']}:"
    blanks = source.blanks(claim)
    term = next((b for b in blanks if normalise(b) == normalise(q["answer"][0])), None)
    if term is None:
        return [f"{where} {q['answer'][0]!r} is not a blank of the claim ({blanks})"]
    expected = [term, *claim.accept()]
    for entry in source.entries.values():
        names = [entry.name, *entry.variants]
        if entry.kind != "topic" and fold(term) in {fold(n) for n in names}:
            expected += names
            break
    wanted = {fold(a) for a in expected if fold(a)}
    got = [fold(a) for a in q["answer"]]
    problems = []
    if set(got) != wanted:
        problems.append(f"{where} accepts {q['answer']}, the source gives {expected}")
    if len(set(got)) != len(got):
        problems.append(f"{where} the same answer twice in {q['answer']}")
    return problems


# -- the widget against quizzes.json -----------------------------------------------------------


@dataclass
class Widget:
    """One `li.sg-question` as the page has it."""

    id: str
    type: str
    kind: str
    answer: list[str]
    choices: list[tuple[str, str]] = field(default_factory=list)  # (value, label)
    rows: list[tuple[str, list[tuple[str, str]]]] = field(default_factory=list)  # (label, options)
    texts: int = 0
    shown: str = ""  # the "Answer:" line's answer


class WidgetParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.questions: list[Widget] = []
        self.current: Widget | None = None
        self.text: list[str] | None = None  # collecting a label's or an option's words
        self.option: str | None = None
        self.in_strong = False
        self.in_correct = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        classes = a.get("class", "").split()
        if tag == "li" and "sg-question" in classes:
            answer = json.loads(a["data-sg-answer"]) if "data-sg-answer" in a else []
            self.current = Widget(a["id"], a["data-sg-type"], a["data-sg-kind"], [str(x) for x in answer])
            self.questions.append(self.current)
        if self.current is None:
            return
        if tag == "label":
            self.text = []
        elif tag == "input" and a.get("type") == "radio":
            self.current.choices.append((a["value"], ""))
        elif tag == "input" and a.get("type") == "text":
            self.current.texts += 1
        elif tag == "select":
            self.current.rows.append(("".join(self.text or []).strip(), []))
            self.text = None
        elif tag == "option":
            self.option, self.text = a["value"], []
        elif tag == "p" and "sg-correct" in classes:
            self.in_correct = True
        elif tag == "strong" and self.in_correct:
            self.in_strong = True

    def handle_endtag(self, tag: str) -> None:
        if self.current is None:
            return
        if tag == "label":
            if self.text is not None and self.current.choices and not self.current.rows:
                self.current.choices[-1] = (self.current.choices[-1][0], "".join(self.text).strip())
            self.text = None
        elif tag == "option" and self.option is not None:
            self.current.rows[-1][1].append((self.option, "".join(self.text or [])))
            self.option, self.text = None, None
        elif tag == "strong":
            self.in_strong = False
        elif tag == "p":
            self.in_correct = False

    def handle_data(self, data: str) -> None:
        if self.text is not None:
            self.text.append(data)
        if self.in_strong and self.current is not None:
            self.current.shown += data


def widgets(html: str) -> list[Widget]:
    parser = WidgetParser()
    parser.feed(html)
    return parser.questions


def expected_values(q: Question, w: Widget) -> list[str]:
    """What the widget must accept, from quizzes.json and the labels the page shows."""
    if q["type"] == "blank":
        return list(q["answer"])
    if q["type"] in ("order", "match"):
        wanted = [str(q["answer"].index(i) + 1) for i in q["items"]] if q["type"] == "order" else q["answer"]
        values = []
        for (_, options), text in zip(w.rows, wanted, strict=True):
            values += [value for value, label in options if label == text]
        return values
    return [value for value, label in w.choices if label == q["answer"][0]]


def widget_problems(q: Question, w: Widget) -> list[str]:
    where = f"{w.id}:"
    problems = []
    if q["type"] in ("order", "match"):
        if [label for label, _ in w.rows] != q["items"]:
            problems.append(f"{where} rows {[label for label, _ in w.rows]} != items {q['items']}")
    elif q["type"] == "blank":
        if w.texts != 1:
            problems.append(f"{where} {w.texts} text fields")
    elif sorted(label for _, label in w.choices) != sorted(q["choices"]):
        problems.append(f"{where} choices {w.choices} != {q['choices']}")
    expected = expected_values(q, w)
    if w.answer != expected or not expected:
        problems.append(f"{where} the widget accepts {w.answer}, the key is {q['answer']} ({expected})")
    if w.type != q["type"]:
        problems.append(f"{where} type {w.type} != {q['type']}")
    if w.shown != key_text(q):
        problems.append(f"{where} shows {w.shown!r} as the answer, not {key_text(q)!r}")
    return problems


def page_widget_problems(html: str, quizzes: dict[str, dict[str, Any]], quiz_ids: list[str]) -> list[str]:
    """Every question of the named quizzes is on the page once, keyed as quizzes.json says."""
    found = {w.id: w for w in widgets(html)}
    problems = []
    expected_ids = []
    for quiz_id in quiz_ids:
        for q in quizzes[quiz_id]["questions"]:
            anchor = f"q-{quiz_id}--{q['id']}"
            expected_ids.append(anchor)
            if anchor not in found:
                problems.append(f"{anchor}: not on the page")
                continue
            problems += widget_problems(q, found[anchor])
    if sorted(found) != sorted(expected_ids):
        problems.append(
            f"the page has questions {sorted(set(found) - set(expected_ids))} not in quizzes.json"
        )
    return problems


# -- exports against quizzes.json --------------------------------------------------------------

QTI_TYPES = {
    "tf": "true_false_question",
    "blank": "short_answer_question",
    "order": "matching_question",
    "match": "matching_question",
}


def _mattext(element: ElementTree.Element) -> str:
    found = element.find(f"{QTI}material/{QTI}mattext")
    assert found is not None
    return found.text or ""


def qti_problems(package: Path, quiz: dict[str, Any]) -> list[str]:
    with zipfile.ZipFile(package) as z:
        root = ElementTree.fromstring(z.read(f"{quiz['id']}/{quiz['id']}.xml"))
    items = {item.get("ident"): item for item in root.iter(f"{QTI}item")}
    problems = []
    if list(items) != [q["id"] for q in quiz["questions"]]:
        problems.append(f"items {list(items)} != questions")
    for q in quiz["questions"]:
        item = items.get(q["id"])
        if item is None:
            continue
        where = f"{quiz['id']}/{q['id']}:"
        kind = item.find(f".//{QTI}fieldentry")
        if kind is None or kind.text != QTI_TYPES.get(q["type"], "multiple_choice_question"):
            problems.append(f"{where} question_type {kind.text if kind is not None else None}")
        presentation = item.find(f"{QTI}presentation")
        assert presentation is not None
        if _mattext(presentation) != q["prompt"]:
            problems.append(f"{where} prompt {_mattext(presentation)!r}")
        feedback = item.find(f"{QTI}itemfeedback/{QTI}flow_mat")
        if (_mattext(feedback) if feedback is not None else "") != q["explanation"]:
            problems.append(f"{where} feedback is not the explanation")
        conditions = list(item.iter(f"{QTI}respcondition"))
        shown = [d.get("linkrefid") for c in conditions for d in c.iter(f"{QTI}displayfeedback")]
        feedback_ids = [f.get("ident") for f in item.iter(f"{QTI}itemfeedback")]
        if shown != feedback_ids:  # a strict player shows only the feedback a condition links
            problems.append(f"{where} feedback {feedback_ids} shown by {shown}")
        if q["type"] == "blank":
            # one condition per accepted answer (in one <conditionvar> they would all be required)
            scoring = [c for c in conditions if c.find(f".//{QTI}varequal") is not None]
            if any(
                len(list(c.iter(f"{QTI}varequal"))) != 1 or c.findtext(f"{QTI}setvar") != "100"
                for c in scoring
            ):
                problems.append(f"{where} an accepted answer does not score 100 on its own")
            accepted = [e.text or "" for e in item.iter(f"{QTI}varequal")]
            if accepted[: len(q["answer"])] != q["answer"]:
                problems.append(f"{where} accepts {accepted}, the key is {q['answer']}")
            folded = {normalise_answer(a) for a in q["answer"]}
            refused = [a for a in accepted if normalise_answer(a) not in folded]
            if refused:
                problems.append(f"{where} accepts {refused}, which the site refuses")
            continue
        scores = [float(s.text or 0) for c in conditions for s in c.iter(f"{QTI}setvar")]
        if round(sum(scores)) != 100:
            problems.append(f"{where} a right answer scores {scores}, not 100 in all")
        if q["type"] in ("order", "match") and any(
            c.get("continue") != "Yes" for c in conditions if c.find(f".//{QTI}varequal") is not None
        ):
            problems.append(f"{where} a row's condition stops the scoring (continue is not Yes)")
        if q["type"] in ("order", "match"):
            wanted = (
                [str(q["answer"].index(i) + 1) for i in q["items"]] if q["type"] == "order" else q["answer"]
            )
            rows = item.findall(f".//{QTI}response_lid")
            if [_mattext(r) for r in rows] != q["items"]:
                problems.append(f"{where} rows {[_mattext(r) for r in rows]} != {q['items']}")
            for row, text in zip(rows, wanted, strict=False):
                labels = {lab.get("ident"): _mattext(lab) for lab in row.iter(f"{QTI}response_label")}
                keyed = [
                    labels.get(e.text or "")
                    for e in item.iter(f"{QTI}varequal")
                    if e.get("respident") == row.get("ident")
                ]
                if keyed != [text]:
                    problems.append(f"{where} row {_mattext(row)!r} keyed {keyed}, not {text!r}")
            continue
        labels = {lab.get("ident"): _mattext(lab) for lab in item.iter(f"{QTI}response_label")}
        if list(labels.values()) != q["choices"]:
            problems.append(f"{where} choices {list(labels.values())} != {q['choices']}")
        keyed = [labels.get(e.text or "") for e in item.iter(f"{QTI}varequal")]
        if keyed != q["answer"]:
            problems.append(f"{where} keyed {keyed}, the key is {q['answer']}")
    return problems


def gift_problems(text: str, quiz: dict[str, Any]) -> list[str]:
    parsed = gift.parse(text)
    problems = []
    if [p.title for p in parsed] != [q["id"] for q in quiz["questions"]]:
        problems.append(f"titles {[p.title for p in parsed]} != questions")
    for p, q in zip(parsed, quiz["questions"], strict=False):
        where = f"{quiz['id']}/{q['id']}:"
        if p.ids != [q["id"]] or f"type-{q['type']}" not in p.tags:
            problems.append(f"{where} id {p.ids} and tags {p.tags}")
        if " ".join(q["prompt"].split()) != p.text:
            problems.append(f"{where} text {p.text!r}")
        if p.feedback != " ".join(q["explanation"].split()):
            problems.append(f"{where} feedback {p.feedback!r}")
        if q["type"] == "tf":
            right = ["TRUE" if q["answer"] == ["True"] else "FALSE"]
            got: object = p.right
        elif q["type"] == "order":
            right = [(item, str(position)) for position, item in enumerate(q["answer"], 1)]
            got = p.pairs
        elif q["type"] == "match":
            right = list(zip(q["items"], q["answer"], strict=True))
            got = p.pairs
        elif q["type"] == "blank":
            right = q["answer"]
            got = p.right[: len(right)]
            folded = {normalise_answer(a) for a in right}
            refused = [
                a
                for a in p.right
                if normalise_answer(a.replace("\\*", "*").replace("-&gt;", "->")) not in folded
            ]
            if refused:
                problems.append(f"{where} accepts {refused}, which the site refuses")
        else:
            right = q["answer"]
            got = p.right
            if sorted(p.right + p.wrong) != sorted(q["choices"]):
                problems.append(f"{where} choices {p.right + p.wrong} != {q['choices']}")
        if got != right:
            problems.append(f"{where} keyed {got}, the key is {right}")
    return problems
