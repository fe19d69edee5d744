"""What an answer key says of a question beyond its answer: what it tests and where to read it.

For a teacher in class: every accepted answer as the author wrote it (a blank's term, its
``:accept:`` variants and the register's names for it, each spelling kept even where two fold
to the same answer), the claim it tests (id and paraphrase), the voice holding that view (the
register's name), and its passage. The practice keys (``render.py``) and the exam keys'
text files (``exams.py``) both print these facts. No Sphinx here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from studyguide.quiz.generate import ClaimInput, Person, Question


@dataclass(frozen=True)
class KeyFacts:
    accepted: tuple[str, ...] = ()  # blanks only: every accepted answer as written
    claim: str = ""  # the claim's id ("" for a question built from the register)
    paraphrase: str = ""
    voice: str = ""  # the name of the claim's holder
    piece: str = ""  # the page (docname) of the passage
    piece_title: str = ""
    anchor: str = ""  # the passage's anchor on that page
    source: str = ""  # the passage's URL, relative to the HTML root


def _one_space(text: str) -> str:
    return " ".join(text.split())


def accepted_as_written(question: Question, claim: ClaimInput | None) -> tuple[str, ...]:
    """A blank's accepted answers: its term and the author's variants as written, then the key's."""
    if question.type != "blank":
        return ()
    written = [claim.blank, *claim.accept] if claim is not None else []
    found = [_one_space(a) for a in (*written, *question.answer)]
    return tuple(dict.fromkeys(a for a in found if a))


def key_facts(question: Question, claims: Mapping[str, ClaimInput], people: Mapping[str, Person]) -> KeyFacts:
    claim = claims.get(question.claim) if question.claim else None
    accepted = accepted_as_written(question, claim)
    if claim is None:
        return KeyFacts(accepted=accepted)
    holder = people.get(claim.holder)
    page, _hash, anchor = question.source.partition("#")
    return KeyFacts(
        accepted=accepted,
        claim=claim.id,
        paraphrase=_one_space(claim.paraphrase),
        voice=holder.name if holder is not None else claim.holder,
        piece=claim.piece,
        piece_title=claim.piece_title,
        anchor=anchor,
        source=question.source or page,
    )


#: said in a key beside a blank's accepted answers (the site's folding, answers.normalise_answer)
FOLDING_NOTE = "Case, articles, a plural -s, hyphens and number words (two or 2) are ignored."


def key_lines(facts: KeyFacts, links: tuple[tuple[str, str], ...] = ()) -> list[str]:
    """The facts as plain-text lines of a printed key (the exam keys' text files)."""
    lines = []
    if facts.accepted:
        lines.append("Accepted answers: " + "; ".join(facts.accepted) + ". " + FOLDING_NOTE)
    if facts.claim:
        claim = facts.claim + (f" ({facts.paraphrase.rstrip('.')})" if facts.paraphrase else "")
        voice = f", the view of {facts.voice}" if facts.voice else ""
        lines.append(f"Tests claim {claim}{voice}.")
        lines.append(f"Passage: {facts.piece_title or facts.piece}, {facts.source}")
    elif links:
        lines.append("Read about: " + "; ".join(f"{label}, {url}" for label, url in links))
    return lines
