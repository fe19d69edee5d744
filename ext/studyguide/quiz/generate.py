"""Question generation: claims and register in, questions out.

Pure Python with no Sphinx import, so it can be unit- and property-tested alone.
Every random choice is drawn from a generator seeded by the quiz seed, the claim id
and the question type, so the same source gives the same questions, ids and choice
order on every build and on every machine.
"""

from __future__ import annotations

import hashlib
import itertools
import random
import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field, replace

BLANK = "_____"

#: question type -> what it asks; the order is the order of questions about one claim.
QUESTION_TYPES: dict[str, str] = {
    "who": "who holds this view",
    "tf": "true or false",
    "blank": "fill in the blank",
    "mc": "multiple choice",
    "order": "put the events in order",
    "match": "match a person to a role",
}
CLAIM_TYPES = ("who", "tf", "blank", "mc")


@dataclass(frozen=True, slots=True)
class Person:
    """What generation needs of a register entry."""

    id: str
    kind: str  # person, org, event, place, work
    name: str
    role: str = ""
    sort_date: tuple[int, int, int] | None = None  # start (events) or birth (people)
    date_text: str = ""
    variants: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ClaimInput:
    """What generation needs of a claim."""

    id: str
    text: str
    holder: str
    piece: str = ""  # the page (docname) it is on
    piece_title: str = ""
    position: int = 0  # order of the claim in the whole text
    source: str = ""  # URL of its passage, relative to the HTML root
    blank: str = ""
    topics: tuple[str, ...] = ()
    mentions: tuple[str, ...] = ()
    false: tuple[str, ...] = ()
    question: str = ""
    answer: str = ""
    wrong: tuple[str, ...] = ()
    explain: str = ""


@dataclass(frozen=True, slots=True)
class Question:
    id: str
    type: str
    prompt: str
    choices: tuple[str, ...]
    answer: tuple[str, ...]
    explanation: str
    claim: str  # claim id, or "" for questions built from the register
    source: str  # URL with anchor of the passage ("" for register questions)
    items: tuple[str, ...] = field(default=())  # rows of order and match questions

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "type": self.type,
            "prompt": self.prompt,
            "choices": list(self.choices),
            "answer": list(self.answer),
            "explanation": self.explanation,
            "claim": self.claim,
            "source": self.source,
            **({"items": list(self.items)} if self.items else {}),
        }


@dataclass(frozen=True)
class Wording:
    """The words generation writes; the Sphinx side passes translated ones."""

    who: str = "Who holds this view? {claim}"
    tf: str = "True or false? {holder}, in the text: {statement}"
    blank: str = "Fill in the blank: {claim}"
    order: str = "Put these events in the order in which they happened."
    match: str = "Match each person to their role."
    holds: str = "This is the view of {holder}."
    holds_in: str = "This is the view of {holder} ({piece})."
    text_says: str = "What the text says: {claim}"
    in_order: str = "In order: {events}."
    true: str = "True"
    false: str = "False"


ENGLISH = Wording()


class GenerationError(ValueError):
    """A claim or quiz that cannot give a valid question; the message says why."""


def rng_for(*parts: object) -> random.Random:
    """A generator seeded from the parts' text, stable across runs and Python versions."""
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def normalise_answer(text: str) -> str:
    """How a typed answer is compared: case, spacing, quotes and end punctuation aside."""
    text = text.translate(str.maketrans("‘’“”", "''\"\""))
    return re.sub(r"\s+", " ", text).strip().strip(".,;:!?").strip().casefold()


def _distinct(values: Iterable[str], exclude: Iterable[str] = (), limit: int | None = None) -> list[str]:
    """Non-empty values, each once (by normalised form), none equal to an excluded one."""
    seen = {normalise_answer(v) for v in exclude}
    result: list[str] = []
    for value in values:
        if limit is not None and len(result) >= limit:
            break
        key = normalise_answer(value)
        if key and key not in seen:
            seen.add(key)
            result.append(value.strip())
    return result


@dataclass(frozen=True)
class RegisterIndex:
    """What generation looks up in the register, prepared once per quiz."""

    people: dict[str, Person]
    by_name: dict[str, tuple[str, ...]]  # normalised name or variant -> every name of that entry
    candidates: tuple[Person, ...]  # people and organisations with a role, by id

    @classmethod
    def of(cls, people: dict[str, Person]) -> RegisterIndex:
        by_name: dict[str, tuple[str, ...]] = {}
        for person in people.values():
            names = (person.name, *person.variants)
            for name in names:
                by_name.setdefault(normalise_answer(name), names)
        candidates = tuple(
            sorted((p for p in people.values() if p.kind in ("person", "org") and p.role), key=lambda p: p.id)
        )
        return cls(people, by_name, candidates)


def _shuffled(rng: random.Random, values: Sequence[str]) -> tuple[str, ...]:
    items = list(values)
    rng.shuffle(items)
    return tuple(items)


def quote(text: str) -> str:
    """The text in quotation marks, unless it is already quoted whole."""
    text = text.strip()
    if text.startswith("“") and text.endswith("”") and "“" not in text[1:-1]:
        return text
    return f"“{text}”"


def explanation_for(claim: ClaimInput, holder: Person | None, wording: Wording = ENGLISH) -> str:
    if claim.explain:
        return claim.explain
    who = holder.name if holder else claim.holder
    if claim.piece_title:
        return wording.holds_in.format(holder=who, piece=claim.piece_title)
    return wording.holds.format(holder=who)


def _claim_question(
    claim: ClaimInput,
    kind: str,
    prompt: str,
    choices: tuple[str, ...],
    answer: tuple[str, ...],
    explanation: str,
) -> Question:
    """A question about one claim: its id, claim and source follow from the claim."""
    return Question(
        id=f"{claim.id}-{kind}",
        type=kind,
        prompt=prompt,
        choices=choices,
        answer=answer,
        explanation=explanation,
        claim=claim.id,
        source=claim.source,
    )


def who_question(
    claim: ClaimInput,
    people: dict[str, Person],
    voices: Sequence[str],
    seed: str,
    wording: Wording = ENGLISH,
    index: RegisterIndex | None = None,
) -> Question | None:
    """Who holds this view?  Wrong answers are the other voices, then people of the same kind."""
    holder = people.get(claim.holder)
    if holder is None:
        return None
    index = index or RegisterIndex.of(people)
    rng = rng_for(seed, claim.id, "who")
    others = [people[v].name for v in voices if v in people and v != holder.id]
    named = [p.name for p in index.candidates if p.id in claim.mentions]

    def closeness(person: Person) -> tuple[bool, int, str]:
        """Same kind first, then the nearest in time: plausible wrong answers."""
        gap = abs(person.sort_date[0] - holder.sort_date[0]) if person.sort_date and holder.sort_date else 999
        return (person.kind != holder.kind, gap, person.id)

    rest = (p.name for p in sorted(index.candidates, key=closeness) if p.id not in claim.mentions)
    wrong = _distinct(itertools.chain(others, named, rest), exclude=[holder.name], limit=3)
    if len(wrong) < 2:
        return None
    choices = _shuffled(rng, [holder.name, *wrong])
    prompt = wording.who.format(claim=quote(claim.text))
    return _claim_question(
        claim, "who", prompt, choices, (holder.name,), explanation_for(claim, holder, wording)
    )


def tf_question(
    claim: ClaimInput, people: dict[str, Person], seed: str, wording: Wording = ENGLISH
) -> Question | None:
    """True or false: the claim as written, or one of its false restatements."""
    holder = people.get(claim.holder)
    who = holder.name if holder else claim.holder
    falses = _distinct(claim.false, exclude=[claim.text])
    rng = rng_for(seed, claim.id, "tf")
    if falses and rng.random() < 0.5:
        statement, true = rng.choice(falses), False
    else:
        statement, true = claim.text, True
    explanation = explanation_for(claim, holder, wording)
    if not true:
        explanation += " " + wording.text_says.format(claim=quote(claim.text))
    prompt = wording.tf.format(holder=who, statement=quote(statement))
    answer = (wording.true if true else wording.false,)
    return _claim_question(claim, "tf", prompt, (wording.true, wording.false), answer, explanation)


def blank_question(
    claim: ClaimInput,
    people: dict[str, Person],
    seed: str,
    wording: Wording = ENGLISH,
    index: RegisterIndex | None = None,
) -> Question | None:
    """Fill in the blank: the key term marked in the text, cut out of the claim."""
    term = claim.blank.strip()
    if not normalise_answer(term) or term not in claim.text:
        return None  # no term, only punctuation, or not in the text
    prompt_text = claim.text.replace(term, BLANK, 1)
    index = index or RegisterIndex.of(people)
    accepted = [term, *index.by_name.get(normalise_answer(term), ())]  # a register name: its variants too
    prompt = wording.blank.format(claim=quote(prompt_text))
    explanation = explanation_for(claim, people.get(claim.holder), wording)
    return _claim_question(claim, "blank", prompt, (), tuple(_distinct(accepted)), explanation)


def mc_question(
    claim: ClaimInput, people: dict[str, Person], seed: str, wording: Wording = ENGLISH
) -> Question | None:
    """The author's own multiple-choice question, choices in a seeded order."""
    if not (claim.question and claim.answer):
        return None
    wrong = _distinct(claim.wrong, exclude=[claim.answer])
    if not wrong:
        return None
    rng = rng_for(seed, claim.id, "mc")
    choices = _shuffled(rng, [claim.answer.strip(), *wrong])
    explanation = explanation_for(claim, people.get(claim.holder), wording)
    return _claim_question(claim, "mc", claim.question, choices, (claim.answer.strip(),), explanation)


def order_question(
    events: Sequence[Person], quiz_id: str, seed: str, size: int = 4, wording: Wording = ENGLISH
) -> Question | None:
    """Put events in order, from their dates; only events with distinct dates are used."""
    dated = sorted((e for e in events if e.sort_date), key=lambda e: (e.sort_date, e.id))
    distinct: list[Person] = []
    for event in dated:
        if not distinct or event.sort_date != distinct[-1].sort_date:
            distinct.append(event)
    if len(distinct) < 3:
        return None
    rng = rng_for(seed, quiz_id, "order")
    chosen = sorted(rng.sample(distinct, min(size, len(distinct))), key=lambda e: (e.sort_date, e.id))
    names = [e.name for e in chosen]
    if len(set(names)) != len(names):
        return None
    shown = _shuffled(rng, names)
    if list(shown) == names:  # never show them already in order
        shown = (*shown[1:], shown[0])
    dates = "; ".join(f"{e.name}: {e.date_text}" for e in chosen if e.date_text)
    return Question(
        id=f"{quiz_id}-order",
        type="order",
        prompt=wording.order,
        choices=shown,
        answer=tuple(names),
        explanation=wording.in_order.format(events=dates) if dates else "",
        claim="",
        source="",
        items=shown,
    )


def match_question(
    people: Sequence[Person], quiz_id: str, seed: str, size: int = 4, wording: Wording = ENGLISH
) -> Question | None:
    """Match each person to a role: rows are people, choices their roles in a seeded order."""
    candidates = sorted((p for p in people if p.kind == "person" and p.role), key=lambda p: p.id)
    by_role: dict[str, Person] = {}
    for person in candidates:
        by_role.setdefault(normalise_answer(person.role), person)
    candidates = list(by_role.values())
    if len(candidates) < 3:
        return None
    rng = rng_for(seed, quiz_id, "match")
    chosen = sorted(rng.sample(candidates, min(size, len(candidates))), key=lambda p: p.name)
    roles = _shuffled(rng, [p.role for p in chosen])
    return Question(
        id=f"{quiz_id}-match",
        type="match",
        prompt=wording.match,
        choices=roles,
        answer=tuple(p.role for p in chosen),
        explanation="; ".join(f"{p.name}: {p.role}" for p in chosen) + ".",
        claim="",
        source="",
        items=tuple(p.name for p in chosen),
    )


def normalise_space(text: str) -> str:
    return " ".join(text.split())


def questions_for_claim(
    claim: ClaimInput,
    people: dict[str, Person],
    voices: Sequence[str],
    seed: str,
    wording: Wording = ENGLISH,
    index: RegisterIndex | None = None,
) -> list[Question]:
    """Every question one claim gives (its text and blank taken with spacing normalised)."""
    claim = replace(claim, text=normalise_space(claim.text), blank=normalise_space(claim.blank))
    index = index or RegisterIndex.of(people)
    made = [
        who_question(claim, people, voices, seed, wording, index),
        tf_question(claim, people, seed, wording),
        blank_question(claim, people, seed, wording, index),
        mc_question(claim, people, seed, wording),
    ]
    return [q for q in made if q is not None]


@dataclass(frozen=True, slots=True)
class QuizSpec:
    """A quiz as its directive asked for it."""

    id: str
    pieces: tuple[str, ...] = ()
    holders: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    count: int | None = None
    seed: str = ""


def select_claims(claims: Iterable[ClaimInput], spec: QuizSpec) -> list[ClaimInput]:
    """The claims a quiz's filters select, in text order."""
    chosen = [
        c
        for c in claims
        if (not spec.pieces or c.piece in spec.pieces)
        and (not spec.holders or c.holder in spec.holders)
        and (not spec.topics or set(spec.topics) & (set(c.topics) | set(c.mentions)))
    ]
    return sorted(chosen, key=lambda c: (c.position, c.id))


def build_quiz(
    spec: QuizSpec,
    claims: Sequence[ClaimInput],
    people: dict[str, Person],
    wording: Wording = ENGLISH,
    avoid: Collection[str] = frozenset(),
) -> tuple[list[Question], list[ClaimInput]]:
    """All questions of a quiz, and the claims it drew on.

    ``avoid`` holds prompts that must not be asked again (an exam avoids every
    question of the practice quizzes).

    Claim questions come in text order; the order and match questions, built from the
    events and people the selected claims name, come last.  With ``count``, questions
    are taken round-robin over the types so that a short quiz still mixes them.
    """
    seed = spec.seed or spec.id
    types = spec.types or tuple(QUESTION_TYPES)
    selected = select_claims(claims, spec)
    voices = sorted({c.holder for c in claims if c.holder})
    index = RegisterIndex.of(people)
    pool: list[Question] = []
    for claim in selected:
        pool += [
            q for q in questions_for_claim(claim, people, voices, seed, wording, index) if q.type in types
        ]
    named = {m for c in selected for m in (*c.mentions, *c.topics)}
    if "order" in types:
        events = [people[i] for i in sorted(named) if i in people and people[i].kind == "event"]
        question = order_question(events, spec.id, seed, wording=wording)
        if question:
            pool.append(question)
    if "match" in types:
        persons = [people[i] for i in sorted(named | {c.holder for c in selected}) if i in people]
        question = match_question(persons, spec.id, seed, wording=wording)
        if question:
            pool.append(question)
    pool = [q for q in pool if q.prompt not in avoid]
    if spec.count is not None and spec.count < len(pool):
        pool = _pick(pool, spec.count, rng_for(seed, spec.id, "pick"))
    return pool, selected


def _pick(pool: list[Question], count: int, rng: random.Random) -> list[Question]:
    """Choose ``count`` questions: first one per claim (rotating the types), then any.

    So a short quiz still covers every claim it can, and mixes the question types.
    """
    by_claim: dict[str, list[Question]] = {}
    for question in pool:
        if question.claim:  # order and match questions only fill the places left
            by_claim.setdefault(question.claim, []).append(question)
    groups = list(by_claim.values())
    if len(groups) > count:
        groups = rng.sample(groups, count)
    type_order = list(CLAIM_TYPES)
    rng.shuffle(type_order)
    picked: set[str] = set()
    turn = 0
    for questions in groups:
        # the next type in the rotation that this claim can give
        available = {q.type for q in questions}
        while type_order[turn % len(type_order)] not in available:
            turn += 1
        wanted = type_order[turn % len(type_order)]
        turn += 1
        picked.add(next(q.id for q in questions if q.type == wanted))
    rest = [q for q in pool if q.id not in picked]
    rng.shuffle(rest)
    rest.sort(key=lambda q: bool(q.claim))  # the order and match questions first
    for question in rest[: count - len(picked)]:
        picked.add(question.id)
    return [q for q in pool if q.id in picked]
