"""Question generation: claims and register in, questions out.

Pure Python with no Sphinx import, so it can be unit- and property-tested alone.
Every random choice is drawn from a generator seeded by the quiz seed, the claim id
and the question type, so the same source gives the same questions, ids and choice
order on every build and on every machine.

A quiz is a set, not a list: one question per claim, no question printing another's
answer, true and false statements balanced, no voice the key of most who-questions,
and the question types spread (``build_quiz``).
"""

from __future__ import annotations

import functools
import hashlib
import random
import re
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field, replace

from studyguide.quiz.answers import normalise_answer

BLANK = "_____"

#: question type -> what it asks
QUESTION_TYPES: dict[str, str] = {
    "who": "who holds this view",
    "tf": "true or false",
    "blank": "fill in the blank",
    "mc": "multiple choice",
    "order": "put the events in order",
    "match": "match a person to a role",
}
CLAIM_TYPES = ("who", "tf", "blank", "mc")
#: what a claim can be; only a view is asked as "who holds this view"
CLAIM_KINDS = ("view", "fact", "remark")
#: how many questions either side of a who-question must not name its key...
NEAR = 1
#: ...when their claims are this close to its claim in the text
NEAR_TEXT = 1
#: the fewest rows an order or a match question may have
MIN_ROWS = 4


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
    short: str = ""  # the name a voice is given in choices ("Serge"); "" = the name
    end_date: tuple[int, int, int] | None = None  # the last day of an event that spans time
    url: str = ""  # where the entry can be read, relative to the HTML root
    text_role: str = ""  # the role as the text gives it: match questions prefer it


@dataclass(frozen=True, slots=True)
class ClaimInput:
    """What generation needs of a claim."""

    id: str
    text: str
    holder: str  # whose view it is
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
    speaker: str = ""  # whose words these are; "" = the holder
    shared_by: tuple[str, ...] = ()  # voices that share or endorse the view
    kind: str = "view"
    central: bool = False
    context: str = ""  # shown in brackets before the extract
    paraphrase: str = ""  # a true statement of the claim in plain words
    accept: tuple[str, ...] = ()  # other answers accepted for the blank

    @property
    def voice(self) -> str:
        """Whose words the extract is."""
        return self.speaker or self.holder


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
    links: tuple[tuple[str, str], ...] = field(default=())  # (label, URL) where the answer is read

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
            **({"links": [{"label": a, "url": b} for a, b in self.links]} if self.links else {}),
        }


def question_key(question: Question) -> str:
    """What makes two questions the same question: the prompt, and the rows it lists."""
    if question.items:
        return question.prompt + "\x1f" + "\x1f".join(sorted(question.items))
    return question.prompt


@dataclass(frozen=True)
class Wording:
    """The words generation writes; the Sphinx side passes translated ones."""

    who: str = "Who holds this view? {claim}"
    tf: str = "True or false? {statement}"
    blank: str = "Fill in the blank: {claim}"
    order: str = "Put these events in the order in which they happened."
    match: str = "Match each person to their role."
    holds: str = "This is the view of {holder}."
    holds_in: str = "This is the view of {holder} ({piece})."
    text_says: str = "What the text says: {claim}"
    in_order: str = "In order, with the dates the register gives: {events}."
    true: str = "True"
    false: str = "False"


ENGLISH = Wording()


class GenerationError(ValueError):
    """A claim or quiz that cannot give a valid question; the message says why."""


def rng_for(*parts: object) -> random.Random:
    """A generator seeded from the parts' text, stable across runs and Python versions."""
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


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

    @classmethod
    def of(cls, people: dict[str, Person]) -> RegisterIndex:
        by_name: dict[str, tuple[str, ...]] = {}
        for person in people.values():
            if person.kind == "topic":  # a theme's other names are headings, not answers
                continue
            names = (person.name, *person.variants)
            for name in names:
                by_name.setdefault(normalise_answer(name), names)
        return cls(people, by_name)


def _shuffled(rng: random.Random, values: Sequence[str]) -> tuple[str, ...]:
    items = list(values)
    rng.shuffle(items)
    return tuple(items)


def quote(text: str) -> str:
    """The text in double quotation marks; quotation marks inside it become single ones."""
    text = text.strip()
    if text.startswith("“") and text.endswith("”") and "“" not in text[1:-1]:
        text = text[1:-1]
    return "“" + text.replace("“", "‘").replace("”", "’") + "”"


def extract(claim: ClaimInput, text: str | None = None) -> str:
    """The claim's words as a prompt shows them: quoted, after its context in brackets."""
    quoted = quote(claim.text if text is None else text)
    return f"[{claim.context.strip()}] {quoted}" if claim.context.strip() else quoted


def _names(person: Person) -> tuple[str, ...]:
    """Every name of an entry, and the last word of its name (a surname)."""
    names = [person.name, person.short, *person.variants]
    parts = person.name.split()
    if person.kind == "person" and len(parts) > 1:
        names.append(parts[-1])
    return tuple(n for n in names if n)


def voice_name(person: Person) -> str:
    return person.short or person.name


def explanation_for(claim: ClaimInput, holder: Person | None, wording: Wording = ENGLISH) -> str:
    if claim.explain:
        return claim.explain
    who = voice_name(holder) if holder else claim.holder
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


def can_ask_who(claim: ClaimInput, voices: Collection[str]) -> bool:
    """A view, in its holder's own words, that no other voice shares and that names no other voice."""
    others = set(voices) - {claim.holder}
    return (
        claim.kind == "view"
        and claim.voice == claim.holder
        and claim.holder in voices
        and not (set(claim.shared_by) & set(voices))
        and not (set(claim.mentions) & others)  # a voice the extract names is ruled out as a choice
    )


def who_question(
    claim: ClaimInput,
    people: dict[str, Person],
    voices: Sequence[str],
    seed: str,
    wording: Wording = ENGLISH,
) -> Question | None:
    """Who holds this view?  The choices are the voices of the debate, by their short names."""
    holder = people.get(claim.holder)
    if holder is None or not can_ask_who(claim, voices):
        return None
    if any(leaks(name, claim.context) for v in voices if v in people for name in _names(people[v])):
        return None  # a context that names a voice rules it in or out
    group_voice = holder.kind != "person" and all(
        people[v].kind == "person" for v in voices if v in people and v != holder.id
    )
    if group_voice and re.search(r"\b(we|us|our|ours)\b", claim.text, re.IGNORECASE):
        return None  # "we" names the one voice that is a group
    rng = rng_for(seed, claim.id, "who")
    others = [voice_name(people[v]) for v in voices if v in people and v not in (holder.id, *claim.shared_by)]
    wrong = _distinct(others, exclude=[voice_name(holder)], limit=3)
    if not wrong:  # a debate of two voices asks which of the two; one voice asks nothing
        return None
    choices = _shuffled(rng, [voice_name(holder), *wrong])
    prompt = wording.who.format(claim=extract(claim))
    return _claim_question(
        claim, "who", prompt, choices, (voice_name(holder),), explanation_for(claim, holder, wording)
    )


def tf_question(
    claim: ClaimInput,
    people: dict[str, Person],
    seed: str,
    wording: Wording = ENGLISH,
    true: bool | None = None,
) -> Question | None:
    """True or false: the author's true paraphrase, or one of the false ones, never quoted.

    ``true`` asks for one or the other (``None``: a seeded choice); ``None`` is returned
    when the claim has no statement of that kind.
    """
    if true and not claim.paraphrase.strip():
        return None  # no true statement to ask (before the false ones are folded)
    falses = _distinct(claim.false, exclude=[claim.paraphrase, claim.text])
    rng = rng_for(seed, claim.id, "tf")
    if true is None:
        true = not falses or (bool(claim.paraphrase.strip()) and rng.random() < 0.5)
    if true and not claim.paraphrase.strip():
        return None
    if not true and not falses:
        return None
    statement = " ".join(claim.paraphrase.split()) if true else rng.choice(falses)
    explanation = explanation_for(claim, people.get(claim.holder), wording)
    if not true:
        explanation += " " + wording.text_says.format(claim=quote(claim.text))
    prompt = wording.tf.format(statement=statement)
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
    register_names = index.by_name.get(normalise_answer(term), ())  # a register name: its variants too
    accepted = _distinct([term, *claim.accept, *register_names])
    prompt = wording.blank.format(claim=extract(claim, prompt_text))
    explanation = explanation_for(claim, people.get(claim.holder), wording)
    return _claim_question(claim, "blank", prompt, (), tuple(accepted), explanation)


def mc_question(
    claim: ClaimInput, people: dict[str, Person], seed: str, wording: Wording = ENGLISH
) -> Question | None:
    """The author's own multiple-choice question, choices in a seeded order."""
    answer = claim.answer.strip()
    if not (claim.question.strip() and normalise_answer(answer)):
        return None
    wrong = _distinct(claim.wrong, exclude=[answer])
    if not wrong:
        return None
    rng = rng_for(seed, claim.id, "mc")
    choices = _shuffled(rng, [answer, *wrong])
    explanation = explanation_for(claim, people.get(claim.holder), wording)
    return _claim_question(claim, "mc", claim.question.strip(), choices, (answer,), explanation)


def _overlap(one: Person, other: Person) -> bool:
    """The two events' spans (their date ranges, uncertainty included) share a day."""
    assert one.sort_date is not None and other.sort_date is not None
    one_end = one.end_date or one.sort_date
    other_end = other.end_date or other.sort_date
    return one.sort_date <= other_end and other.sort_date <= one_end


def orderable_events(events: Iterable[Person]) -> list[Person]:
    """Dated events whose spans do not overlap, in date order.

    Where two overlap (one lasts over the other's start, or their dates are too vague to
    tell which came first) the shorter one is kept, so every order asked is a fact.
    """
    dated = [e for e in events if e.kind == "event" and e.sort_date]

    kept: list[Person] = []
    for event in sorted(dated, key=lambda e: (_days(e), e.id)):
        if not any(_overlap(event, other) for other in kept):
            kept.append(event)
    names = Counter(normalise_answer(e.name) for e in kept)
    return sorted(
        (e for e in kept if names[normalise_answer(e.name)] == 1), key=lambda e: (e.sort_date, e.id)
    )


def _days(event: Person) -> int:
    """The length of an event's span, roughly in days."""
    assert event.sort_date is not None
    end = event.end_date or event.sort_date

    def day(d: tuple[int, int, int]) -> int:
        return d[0] * 372 + d[1] * 31 + d[2]

    return day(end) - day(event.sort_date)


def _link(person: Person) -> tuple[str, str] | None:
    return (person.name, person.url) if person.url else None


def order_question(
    events: Sequence[Person],
    quiz_id: str,
    seed: str,
    size: int = MIN_ROWS,
    wording: Wording = ENGLISH,
    avoid: Collection[str] = frozenset(),
) -> Question | None:
    """Put events in order, from their dates: at least four, distinct dates, none spanning another."""
    usable = orderable_events(events)
    if len(usable) < MIN_ROWS:
        return None
    rng = rng_for(seed, quiz_id, "order")

    def draw() -> Question:
        chosen = sorted(rng.sample(usable, min(size, len(usable))), key=lambda e: (e.sort_date, e.id))
        names = [e.name for e in chosen]
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
            links=tuple(link for e in chosen if (link := _link(e))),
        )

    return _first_unasked(draw, avoid)


def _first_unasked(draw: Callable[[], Question], avoid: Collection[str], tries: int = 20) -> Question | None:
    """The first of up to ``tries`` seeded draws that is not a question asked already."""
    for _attempt in range(tries):
        question = draw()
        if question_key(question) not in avoid:
            return question
    return None


def role_names_person(person: Person) -> bool:
    """The role gives the answer away: it contains one of the person's names."""
    role = f" {normalise_words(person.role)} "
    for name in (person.name, person.short, *person.variants):
        for word in normalise_words(name).split():
            if len(word) > 3 and f" {word} " in role:
                return True
    return False


def normalise_words(text: str) -> str:
    if len(text) <= _KEPT_WORDS:
        return _normalise_short_words(text)
    return " ".join(re.sub(r"[^\w]+", " ", text.casefold()).split())


#: texts up to this length (names, roles, answers) are folded once and kept; longer ones (a
#: quiz's other questions) are folded each time, so that the cache stays small
_KEPT_WORDS = 300


@functools.lru_cache(maxsize=1 << 13)
def _normalise_short_words(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", text.casefold()).split())


def match_question(
    people: Sequence[Person],
    quiz_id: str,
    seed: str,
    size: int = MIN_ROWS,
    wording: Wording = ENGLISH,
    avoid: Collection[str] = frozenset(),
) -> Question | None:
    """Match each person to a role: at least four rows, no role naming its person.

    Roles as the text gives them (``text_role``) are used when four people have one, so the
    question can be answered from the text; the register's roles otherwise.
    """
    in_text = [replace(p, role=p.text_role) for p in people if p.kind == "person" and p.text_role]
    pool = in_text if len([p for p in in_text if not role_names_person(p)]) >= MIN_ROWS else list(people)
    candidates = sorted(
        (p for p in pool if p.kind == "person" and p.role and not role_names_person(p)), key=lambda p: p.id
    )
    by_role: dict[str, Person] = {}
    for person in candidates:
        by_role.setdefault(normalise_answer(person.role), person)
    candidates = list(by_role.values())
    if len(candidates) < MIN_ROWS:
        return None
    rng = rng_for(seed, quiz_id, "match")

    def draw() -> Question:
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
            links=tuple(link for p in chosen if (link := _link(p))),
        )

    return _first_unasked(draw, avoid)


def normalise_space(text: str) -> str:
    return " ".join(text.split())


def candidates_for_claim(
    claim: ClaimInput,
    people: dict[str, Person],
    voices: Sequence[str],
    seed: str,
    wording: Wording = ENGLISH,
    index: RegisterIndex | None = None,
) -> list[Question]:
    """Every question one claim can give; true/false in both its true and its false form."""
    made = [make() for _type, make in candidate_makers(claim, people, voices, seed, wording, index)]
    return [q for q in made if q is not None]


def candidate_makers(
    claim: ClaimInput,
    people: dict[str, Person],
    voices: Sequence[str],
    seed: str,
    wording: Wording = ENGLISH,
    index: RegisterIndex | None = None,
) -> list[tuple[str, Callable[[], Question | None]]]:
    """The questions ``candidates_for_claim`` makes, each as (its type, how to make it), in its order.

    Each question is seeded by the claim alone, so making some and not others changes none.
    """
    text, blank = normalise_space(claim.text), normalise_space(claim.blank)
    if (text, blank) != (claim.text, claim.blank):
        claim = replace(claim, text=text, blank=blank)
    register = index or RegisterIndex.of(people)
    return [
        ("who", lambda: who_question(claim, people, voices, seed, wording)),
        ("tf", lambda: tf_question(claim, people, seed, wording, true=True)),
        ("tf", lambda: tf_question(claim, people, seed, wording, true=False)),
        ("blank", lambda: blank_question(claim, people, seed, wording, register)),
        ("mc", lambda: mc_question(claim, people, seed, wording)),
    ]


class _Options:
    """A claim's candidate questions of the wanted types not to avoid, made only when asked for."""

    #: the order in which ``any`` tries the makers: the author's own question and the true
    #: statement (absent or cheap), the who-question, the blank, then the false statement
    PROBE = (4, 1, 0, 3, 2)

    def __init__(
        self,
        makers: list[tuple[str, Callable[[], Question | None]]],
        types: Collection[str],
        avoid: Collection[str],
    ) -> None:
        self.makers = makers
        self.types = types
        self.avoid = avoid
        self.made: dict[int, Question | None] = {}

    def _get(self, position: int) -> Question | None:
        if position not in self.made:
            kind, make = self.makers[position]
            question = make() if kind in self.types else None
            if question is not None and question_key(question) in self.avoid:
                question = None
            self.made[position] = question
        return self.made[position]

    def any(self) -> bool:
        return any(self._get(position) is not None for position in self.PROBE)

    def all(self) -> list[Question]:
        made = [self._get(position) for position in range(len(self.makers))]
        return [q for q in made if q is not None]


def questions_for_claim(
    claim: ClaimInput,
    people: dict[str, Person],
    voices: Sequence[str],
    seed: str,
    wording: Wording = ENGLISH,
    index: RegisterIndex | None = None,
) -> list[Question]:
    """One question of each type a claim gives (true/false in its seeded form)."""
    made: dict[str, Question] = {}
    for question in candidates_for_claim(claim, people, voices, seed, wording, index):
        made.setdefault(question.type, question)
    tf = tf_question(replace(claim, text=normalise_space(claim.text)), people, seed, wording)
    if tf is not None:
        made["tf"] = tf
    return [made[t] for t in CLAIM_TYPES if t in made]


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


def debate_voices(claims: Iterable[ClaimInput]) -> list[str]:
    """Every holder of a claim: the choices a who-question draws on (``voices`` of ``build_quiz``)."""
    return sorted({c.holder for c in claims if c.holder})


def select_claims(claims: Iterable[ClaimInput], spec: QuizSpec) -> list[ClaimInput]:
    """The claims a quiz's filters select, in text order."""
    pieces, holders, topics = set(spec.pieces), set(spec.holders), set(spec.topics)
    chosen = [
        c
        for c in claims
        if (not pieces or c.piece in pieces)
        and (not holders or c.holder in holders)
        and (not topics or not topics.isdisjoint((*c.topics, *c.mentions)))
    ]
    return sorted(chosen, key=lambda c: (c.position, c.id))


def answer_words(question: Question) -> list[str]:
    """The answers a question must not see printed in another question of its quiz."""
    if question.type == "blank":
        return [question.answer[0]]  # the word of the text; a synonym printed elsewhere is no key
    if question.type == "mc":
        return list(question.answer)
    return []


def question_text(question: Question) -> str:
    """Everything a student reads before answering."""
    return " ".join([question.prompt, *question.choices, *question.items])


def leaks(answer: str, text: str) -> bool:
    """The answer can be read in the text (as whole words, whatever the case and spelling)."""
    words = normalise_words(answer)
    return bool(words) and f" {words} " in f" {normalise_words(text)} "


def build_quiz(
    spec: QuizSpec,
    claims: Sequence[ClaimInput],
    people: dict[str, Person],
    wording: Wording = ENGLISH,
    avoid: Collection[str] = frozenset(),
    voices: Sequence[str] | None = None,
) -> tuple[list[Question], list[ClaimInput]]:
    """All questions of a quiz, and the claims it drew on.

    ``avoid`` holds the keys (``question_key``) of questions that must not be asked again:
    an exam avoids every practice question, and a quiz avoids the order and match
    questions of the quizzes built before it.

    One question per claim, in text order; the order and match questions come last.
    With ``count``, central claims come first, then a seeded sample of the rest.
    """
    seed = spec.seed or spec.id
    types = spec.types or tuple(QUESTION_TYPES)
    selected = select_claims(claims, spec)
    if voices is None:
        voices = debate_voices(claims)
    index = RegisterIndex.of(people)
    rng = rng_for(seed, spec.id, "pick")
    # A claim's questions are made when the quiz keeps the claim; before, only as many as it
    # takes to know that the claim gives one.
    lazy = {
        claim.id: _Options(candidate_makers(claim, people, voices, seed, wording, index), types, avoid)
        for claim in selected
    }
    extra: list[Question] = []
    named = {m for c in selected for m in (*c.mentions, *c.topics)}
    if "order" in types:
        events = [people[i] for i in sorted(named) if i in people and people[i].kind == "event"]
        order = order_question(events, spec.id, seed, wording=wording, avoid=avoid)
        if order:
            extra.append(order)
    persons: list[Person] = []
    if "match" in types:
        persons = [people[i] for i in sorted(named | {c.holder for c in selected}) if i in people]
        match = match_question(persons, spec.id, seed, wording=wording, avoid=avoid)
        if match:
            extra.append(match)
    by_id = {c.id: c for c in selected}
    asked = [c.id for c in selected if lazy[c.id].any()]
    if spec.count is not None:
        room = max(spec.count - len(extra), 0)
        extra = extra[: spec.count]
        if len(asked) > room:
            keep = spread_claims([by_id[c] for c in asked], room, rng)
            asked = [c for c in asked if c in keep]
    options = {c: lazy[c].all() for c in asked}
    if len({by_id[c].holder for c in asked}) < 2:  # one voice: "who holds this view" asks nothing
        options = {c: [q for q in made if q.type != "who"] or made for c, made in options.items()}
    chosen = assign_types([options[c] for c in asked], [by_id[c] for c in asked], rng)
    quiet = [
        _quiet_match(q, chosen, persons, spec.id, seed, wording, avoid) if q.type == "match" else q
        for q in extra
    ]
    extra = [q for q in quiet if q is not None]
    return spread_keys([*chosen, *extra], rng), selected


def role_printed(role: str, text: str) -> bool:
    """Most of a role's words stand in the text (another question prints the role)."""
    words = {w for w in normalise_words(role).split() if len(w) > 3}
    if not words:
        return False
    present = words & set(normalise_words(text).split())
    return len(present) * 3 >= len(words) * 2


def _quiet_match(
    match: Question,
    chosen: Sequence[Question],
    persons: Sequence[Person],
    quiz_id: str,
    seed: str,
    wording: Wording,
    avoid: Collection[str],
) -> Question | None:
    """The match question without the rows whose role another question of the quiz prints."""
    texts = [question_text(q) for q in chosen]
    left = list(persons)
    question: Question | None = match
    while question is not None:
        loud = {
            item
            for item, role in zip(question.items, question.answer, strict=True)
            if any(role_printed(role, text) for text in texts)
        }
        if not loud:
            return question
        left = [p for p in left if p.name not in loud]
        question = match_question(left, quiz_id, seed, wording=wording, avoid=avoid)
    return None


def spread_keys(questions: list[Question], rng: random.Random) -> list[Question]:
    """Put the keys of the choice questions in every position in turn (from a seeded start)."""
    turn = rng.randrange(4)
    result = []
    for question in questions:
        if question.type in ("who", "mc") and len(question.choices) > 1:
            others = [c for c in question.choices if c != question.answer[0]]
            place = turn % len(question.choices)
            turn += 1
            question = replace(question, choices=(*others[:place], question.answer[0], *others[place:]))
        result.append(question)
    return result


def spread_claims(claims: Sequence[ClaimInput], room: int, rng: random.Random) -> set[str]:
    """Which claims a quiz of ``room`` questions asks: central ones first, then a seeded sample,
    none next to another chosen one in the text while others are left.

    Neighbouring claims share their context and often print each other's answers.
    """
    order = [c for c in claims if c.central]
    rest = [c for c in claims if not c.central]
    rng.shuffle(rest)
    order += rest
    chosen: list[ClaimInput] = []
    for near_ok in (False, True):
        for claim in order:
            if len(chosen) >= room:
                break
            if claim in chosen:
                continue
            if near_ok or not any(abs(claim.position - c.position) <= 1 for c in chosen):
                chosen.append(claim)
    return {c.id for c in chosen}


def assign_types(
    options: list[list[Question]], claims: list[ClaimInput], rng: random.Random
) -> list[Question]:
    """One question per claim: types spread, constraints of a set kept.

    - central claims are asked as who-questions where the quiz spans several voices;
    - otherwise the types rotate, each claim taking the next type it can give;
    - no voice is the key of more than half of the who-questions;
    - true and false statements are balanced (the false form where the count is even);
    - a blank or multiple-choice answer printed in another question is avoided.
    """
    rotation = list(CLAIM_TYPES)
    rng.shuffle(rotation)
    turn = 0
    picked: list[Question] = []
    for made, claim in zip(options, claims, strict=True):
        types = [q.type for q in made]
        wanted = ""
        if claim.central and "who" in types:
            wanted = "who"
        else:
            for step in range(len(rotation)):
                if rotation[(turn + step) % len(rotation)] in types:
                    wanted = rotation[(turn + step) % len(rotation)]
                    turn += step + 1
                    break
        picked.append(next(q for q in made if q.type == wanted))
    by_claim = dict(zip([c.id for c in claims], options, strict=True))
    positions = {c.id: c.position for c in claims}
    picked = _balance_who(picked, by_claim, claims)
    picked = _avoid_leaks(picked, by_claim, positions)
    picked = _balance_tf(picked, by_claim, rng)
    picked = _avoid_leaks(picked, by_claim, positions)
    return _balance_who(picked, by_claim, claims)


def _swap(
    picked: list[Question], i: int, by_claim: dict[str, list[Question]], exclude: Collection[str]
) -> bool:
    """Ask claim i another way (not one of ``exclude``); False when it has no other way."""
    others = [q for q in by_claim[picked[i].claim] if q.type not in (*exclude, "who")]
    if not others:
        return False
    count = Counter(q.type for q in picked)
    picked[i] = min(others, key=lambda q: (count[q.type], CLAIM_TYPES.index(q.type)))
    return True


def _balance_who(
    picked: list[Question], by_claim: dict[str, list[Question]], claims: list[ClaimInput]
) -> list[Question]:
    central = {c.id for c in claims if c.central}
    piece = {c.id: c.piece for c in claims}
    while True:
        who = [i for i, q in enumerate(picked) if q.type == "who"]
        if len(who) < 2:
            return picked
        keys = Counter(picked[i].answer[0] for i in who)
        top, count = keys.most_common(1)[0]
        if count * 2 <= len(who):
            return picked
        # ask one of the top voice's claims another way: a non-central one first, then one
        # from the piece with the most who-questions (so they spread over the pieces), the last
        movable = [i for i in who if picked[i].answer[0] == top]
        pieces = Counter(piece.get(picked[i].claim, "") for i in who)
        movable.sort(key=lambda i: (picked[i].claim in central, -pieces[piece.get(picked[i].claim, "")], -i))
        if not any(_swap(picked, i, by_claim, ("who",)) for i in movable):
            return picked


def _balance_tf(
    picked: list[Question], by_claim: dict[str, list[Question]], rng: random.Random
) -> list[Question]:
    """Turn true/false questions into their other form until true and false differ by one at most."""
    tf = [i for i, q in enumerate(picked) if q.type == "tf"]
    rng.shuffle(tf)
    for i in tf:
        trues = sum(1 for j in tf if is_true(picked[j]))
        if abs(2 * trues - len(tf)) <= 1:
            break
        if is_true(picked[i]) == (2 * trues > len(tf)):
            other = [
                q for q in by_claim[picked[i].claim] if q.type == "tf" and is_true(q) != is_true(picked[i])
            ]
            if other:
                picked[i] = other[0]
    return picked


def is_true(question: Question) -> bool:
    """A true/false question whose key is its first choice, "True"."""
    return question.type == "tf" and question.answer[0] == question.choices[0]


def _avoid_leaks(
    picked: list[Question], by_claim: dict[str, list[Question]], positions: dict[str, int]
) -> list[Question]:
    for i, question in enumerate(picked):
        others = " ".join(question_text(q) for j, q in enumerate(picked) if j != i)
        if any(leaks(a, others) for a in answer_words(question)):
            _swap(picked, i, by_claim, (question.type,))
            continue
        if question.type == "who":
            _keep_key_unnamed(picked, i, by_claim, positions)
    return picked


def _keep_key_unnamed(
    picked: list[Question],
    i: int,
    by_claim: dict[str, list[Question]],
    positions: dict[str, int] | None = None,
) -> None:
    """A who-question's neighbours must not name its key: ask them another way, or it another way.

    Neighbours are the questions next to it in the quiz whose claims are also close to its
    claim in the text (a neighbouring sentence names the same voice on the same point).
    """
    key = picked[i].answer[0]
    where = positions or {}  # without positions every neighbour in the quiz counts
    here = where.get(picked[i].claim, 0)
    for j in range(max(0, i - NEAR), min(len(picked), i + NEAR + 1)):
        if where and abs(where.get(picked[j].claim, here + NEAR_TEXT + 1) - here) > NEAR_TEXT:
            continue
        shown = (
            picked[j].prompt if picked[j].type == "who" else question_text(picked[j])
        )  # every who lists all voices
        if j == i or not leaks(key, shown):
            continue
        if not picked[j].claim:
            continue
        quiet = [q for q in by_claim[picked[j].claim] if q.type != "who" and not leaks(key, question_text(q))]
        if quiet:
            picked[j] = quiet[0]
        else:
            _swap(picked, i, by_claim, ("who",))
            return
