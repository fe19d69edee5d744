"""Question-quality lint: item-writing rules checked on claims and on built quizzes.

Pure Python, no Sphinx import: each check returns ``Finding`` records (a warning
subtype, a message, and the claim or quiz it is about); the Sphinx side turns them
into warnings with the file and line (the subtypes are listed in ``studyguide.warnings``).  The rules follow the project's rubric: one
defensible answer, no giveaway, honest attribution, blanks on concepts, a quiz that
is a set.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from studyguide.quiz.answers import NUMBER_WORDS
from studyguide.quiz.generate import (
    CLAIM_KINDS,
    ClaimInput,
    Person,
    Question,
    answer_words,
    is_true,
    leaks,
    question_key,
    question_text,
    role_names_person,
)

PRONOUNS = frozenset(
    [
        "it",
        "its",
        "they",
        "them",
        "their",
        "theirs",
        "he",
        "him",
        "his",
        "she",
        "her",
        "hers",
        "this",
        "these",
        "those",
        "such",
    ]
)
MONTHS = frozenset(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ]
)
FUNCTION_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "nor",
        "so",
        "yet",
        "for",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "with",
        "from",
        "into",
        "onto",
        "upon",
        "over",
        "under",
        "about",
        "above",
        "after",
        "against",
        "along",
        "among",
        "around",
        "as",
        "before",
        "behind",
        "below",
        "beneath",
        "beside",
        "between",
        "beyond",
        "during",
        "except",
        "inside",
        "near",
        "off",
        "out",
        "outside",
        "since",
        "through",
        "throughout",
        "till",
        "until",
        "up",
        "within",
        "without",
        "not",
        "no",
        "i",
        "you",
        "he",
        "she",
        "it",
        "we",
        "they",
        "me",
        "him",
        "her",
        "us",
        "them",
        "my",
        "your",
        "his",
        "its",
        "our",
        "their",
        "this",
        "that",
        "these",
        "those",
        "who",
        "whom",
        "whose",
        "which",
        "what",
        "there",
        "here",
        "then",
        "than",
        "if",
        "when",
        "where",
        "while",
        "because",
        "although",
        "though",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "have",
        "has",
        "had",
        "do",
        "does",
        "did",
        "will",
        "would",
        "shall",
        "should",
        "can",
        "could",
        "may",
        "might",
        "must",
    ]
)
#: words that only grade or count: blanking them tests nothing of the argument
MODIFIERS = frozenset(
    [
        "very",
        "most",
        "more",
        "less",
        "least",
        "much",
        "many",
        "few",
        "several",
        "some",
        "any",
        "all",
        "every",
        "each",
        "both",
        "either",
        "neither",
        "other",
        "another",
        "same",
        "such",
        "only",
        "just",
        "even",
        "also",
        "still",
        "already",
        "quite",
        "rather",
        "too",
        "almost",
        "nearly",
        "hardly",
        "merely",
        "simply",
        "really",
        "truly",
        "indeed",
        "first",
        "second",
        "third",
        "last",
        "next",
        "hundred",
        "hundreds",
        "thousand",
        "thousands",
        "dozen",
        "dozens",
        "half",
        "trifling",
        "slight",
        "small",
        "large",
        "great",
        "big",
        "little",
        "plain",
        "plainest",
    ]
) | frozenset(NUMBER_WORDS)  # number words up to ninety-nine count too
_NUMBER = re.compile(r"^[\d.,\s–-]+$")
_QUOTED = re.compile(r"[“\"]([^”\"]+)[”\"]")


@dataclass(frozen=True, slots=True)
class Finding:
    subtype: str
    message: str
    claim: str = ""  # the claim it is about, or ""
    quiz: str = ""  # the quiz it is about, or ""
    entry: str = ""  # the register entry it is about, or ""


def first_word(text: str) -> str:
    match = re.match(r"[\W_]*(\w+)", text)
    return match.group(1).casefold() if match else ""


def _words(text: str) -> list[str]:
    return [w for w in re.split(r"[^\w’']+", text.casefold()) if w]


def blank_problem(term: str) -> str:
    """Why a blank tests nothing ("" when it is fine)."""
    words = _words(term)
    if not words:
        return ""
    if _NUMBER.match(term.strip()):
        return "a number"
    if all(w in MONTHS for w in words) or (words[0] in MONTHS and all(w.isdigit() for w in words[1:])):
        return "a month"
    if all(w.isdigit() or w in MODIFIERS for w in words):
        return "a number" if any(w.isdigit() for w in words) else "a modifier"
    if all(w in FUNCTION_WORDS for w in words):
        return "a function word"
    if len(words) == 1 and _looks_like_modifier(words[0]):
        return "a modifier"
    return ""


_ADVERB_ENDINGS = (
    "ally",
    "ively",
    "ously",
    "fully",
    "lessly",
    "ently",
    "antly",
    "ately",
    "edly",
    "ingly",
    "ibly",
    "ably",
    "ely",
)
#: words ending in -est that are not superlatives
_NOT_SUPERLATIVE = frozenset(
    [
        "interest",
        "protest",
        "conquest",
        "manifest",
        "arrest",
        "request",
        "harvest",
        "forest",
        "honest",
        "modest",
        "contest",
        "suggest",
        "digest",
        "invest",
        "attest",
        "detest",
        "molest",
        "unrest",
        "behest",
        "bequest",
        "earnest",
    ]
)


def _looks_like_modifier(word: str) -> bool:
    """An adverb in -ly or a superlative in -est: it grades a statement rather than making it."""
    if word.endswith(_ADVERB_ENDINGS) and len(word) > 5:
        return True
    return word.endswith("est") and len(word) > 6 and word not in _NOT_SUPERLATIVE


#: words that make a statement easy to reject without reading the text
ABSOLUTES = frozenset(
    (
        "never",
        "always",
        "nobody",
        "nothing",
        "none",
        "entirely",
        "wholly",
        "completely",
        "undoubtedly",
        "certainly",
    )
)


def cued_by(term: str, text: str) -> str:
    """A word of the extract outside the blank that shares the blank word's stem ("" if none)."""
    words = _words(term)
    if len(words) != 1 or len(words[0]) < 5:
        return ""
    stem = words[0][: max(5, len(words[0]) - 3)]
    rest = text.replace(term, " ", 1)
    for word in _words(rest):
        if word.startswith(stem):
            return word
    return ""


def quoted_spans(text: str) -> list[str]:
    return [m.group(1).strip() for m in _QUOTED.finditer(text) if m.group(1).strip()]


def _fold(text: str) -> str:
    text = text.replace("‘", "'").replace("’", "'").replace("“", '"').replace("”", '"')
    return " ".join(re.sub(r"[^\w']+", " ", text.casefold()).split())


def check_claim(claim: ClaimInput, people: dict[str, Person]) -> list[Finding]:
    """The rules one claim's markup must keep."""
    found: list[Finding] = []

    def add(subtype: str, message: str) -> None:
        found.append(Finding(subtype, f"claim {claim.id!r}: {message}", claim=claim.id))

    if first_word(claim.text) in PRONOUNS and not claim.context.strip():
        add("claim-context", f"the extract opens on {first_word(claim.text)!r}; give a :context:")
    if claim.kind not in CLAIM_KINDS:
        add("question-voice", f"unknown :kind: {claim.kind!r}; one of {', '.join(CLAIM_KINDS)}")
    if claim.holder and claim.holder in claim.shared_by:
        add("question-voice", f":shared-by: lists the holder {claim.holder!r} itself")
    # true/false
    paraphrase = " ".join(claim.paraphrase.split())
    if claim.false and not paraphrase:
        add("question-tf", "false statements need a true :paraphrase: to balance them")
    for statement in claim.false:
        if _QUOTED.search(statement) or statement.strip().startswith(("“", '"')):
            add("question-tf", f"a false statement is in quotation marks: {statement[:60]!r}")
        if paraphrase and abs(len(statement) - len(paraphrase)) * 3 > len(paraphrase):
            add(
                "question-tf",
                f"a false statement is {len(statement)} characters, the true one {len(paraphrase)}: "
                f"length gives the answer away ({statement[:40]!r}...)",
            )
        if paraphrase and _fold(statement) == _fold(paraphrase):
            add("question-tf", "a false statement is the same as the paraphrase")
        absolutes = sorted(set(_words(statement)) & ABSOLUTES - set(_words(paraphrase)))
        if paraphrase and absolutes:
            add(
                "question-tf",
                f"a false statement rests on {', '.join(absolutes)} where the true one does not: "
                f"an absolute gives it away ({statement[:40]!r}...)",
            )
    # quotation marks only around the text's own words
    own = f" {_fold(claim.text)} "
    fields = {
        "paraphrase": [claim.paraphrase],
        "question": [claim.question],
        "answer": [claim.answer],
        "wrong": list(claim.wrong),
        "context": [claim.context],
        "explain": [claim.explain],
    }
    for name, values in fields.items():
        for value in values:
            for span in quoted_spans(value):
                if f" {_fold(span)} " not in own:
                    add("question-quote", f":{name}: quotes words that are not the claim's: {span[:60]!r}")
    # blanks
    if claim.blank:
        problem = blank_problem(claim.blank)
        if problem:
            add(
                "question-blank",
                f"the blank {claim.blank!r} is {problem}: mark a word that carries the argument",
            )
        cue = cued_by(claim.blank, claim.text)
        if cue:
            add("question-blank", f"the blank {claim.blank!r} is cued by {cue!r} in its own extract")
    # multiple choice
    answer = claim.answer.strip()
    if claim.question and answer and claim.wrong:
        wrong = [w.strip() for w in claim.wrong if w.strip()]
        if any(_fold(w) == _fold(answer) for w in wrong):
            add("question-mc", "a wrong answer repeats the key")
        elif (
            wrong
            and len(answer) > max(len(w) for w in wrong)
            and len(answer) * 4 > sum(map(len, wrong)) / len(wrong) * 5
        ):
            add("question-mc", f"the key ({len(answer)} characters) is the longest option by far: a giveaway")
    return found


def check_entry(person: Person) -> list[Finding]:
    """A role that match questions would show next to its own person's name."""
    if person.kind == "person" and any(
        role and role_names_person(replace(person, role=role)) for role in (person.role, person.text_role)
    ):
        return [
            Finding(
                "question-match",
                f"entry {person.id!r}: its role names the person ({person.role[:50]!r}): "
                "match questions leave it out",
                entry=person.id,
            )
        ]
    return []


@dataclass(frozen=True, slots=True)
class QuizProfile:
    """What a quiz's checks found, for the editors' report."""

    quiz: str
    questions: int
    by_type: dict[str, int]
    true: int
    false: int
    who_keys: dict[str, int]
    claims_asked: int
    claims_selected: int
    findings: tuple[Finding, ...]


def check_quiz(quiz_id: str, questions: Sequence[Question], selected: int = 0) -> QuizProfile:
    """The rules a built quiz must keep as a set."""
    found: list[Finding] = []

    def add(message: str) -> None:
        found.append(Finding("question-set", f"quiz {quiz_id!r}: {message}", quiz=quiz_id))

    per_claim = Counter(q.claim for q in questions if q.claim)
    for claim_id, count in sorted(per_claim.items()):
        if count > 1:
            add(f"{count} questions on claim {claim_id!r}")
    for i, question in enumerate(questions):
        others = " ".join(question_text(q) for j, q in enumerate(questions) if j != i)
        for answer in answer_words(question):
            if leaks(answer, others):
                add(f"the answer of {question.id!r} ({answer!r}) is printed in another question")
                break
    who_keys = Counter(q.answer[0] for q in questions if q.type == "who")
    who_total = sum(who_keys.values())
    if who_total >= 2:
        top, count = who_keys.most_common(1)[0]
        if count * 2 > who_total:
            add(f"{top!r} is the key of {count} of its {who_total} who-questions")
    tf = [q for q in questions if q.type == "tf"]
    trues = sum(1 for q in tf if is_true(q))
    if tf and abs(2 * trues - len(tf)) > max(1, len(tf) // 5):
        add(f"{trues} true and {len(tf) - trues} false statements: keep them between 40% and 60%")
    by_type = Counter(q.type for q in questions)
    claim_questions = sum(per_claim.values())
    if claim_questions >= 6:
        top_type, top_count = Counter(q.type for q in questions if q.claim).most_common(1)[0]
        if top_count * 5 > claim_questions * 3:  # more than 60 %
            add(f"{top_count} of {claim_questions} claim questions are {top_type!r}: spread the types")
    return QuizProfile(
        quiz=quiz_id,
        questions=len(questions),
        by_type=dict(by_type),
        true=trues,
        false=len(tf) - trues,
        who_keys=dict(who_keys),
        claims_asked=len(per_claim),
        claims_selected=selected,
        findings=tuple(found),
    )


def check_across(quizzes: Iterable[tuple[str, Sequence[Question]]]) -> list[Finding]:
    """Order and match questions asked twice across quizzes."""
    seen: dict[str, str] = {}
    found: list[Finding] = []
    for quiz_id, questions in quizzes:
        for question in questions:
            if question.type not in ("order", "match"):
                continue
            key = question_key(question)
            if key in seen:
                found.append(
                    Finding(
                        "question-order",
                        f"quiz {quiz_id!r} asks the same {question.type} question as quiz {seen[key]!r}",
                        quiz=quiz_id,
                    )
                )
            seen.setdefault(key, quiz_id)
    return found
