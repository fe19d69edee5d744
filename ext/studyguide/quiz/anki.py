"""Anki decks, one a quiz, written once per HTML build: ``_quizzes/<quiz>.apkg``.

A deck holds a cloze card for each claim in the quiz's scope (the claim's words with its blank
as the cloze; without a blank, its paraphrase, or without one its voice) with the passage, and a name-to-role card for each register entry its claims name. Built with
``genanki`` (an optional dependency: without it no deck is written and no page links one).

Re-importing a newer deck updates the notes it imported before: model, deck and note ids
come from the project and quiz ids, never from the clock. The package is byte-for-byte
reproducible: genanki writes the collection with a fixed timestamp (``SOURCE_DATE_EPOCH``
when set) into a database of ours, and the zip is written here with fixed dates.
Anki fields are HTML: every author text is escaped, braces too, so no text makes a cloze.
"""

from __future__ import annotations

import hashlib
import io
import itertools
import os
import re
import sqlite3
import tempfile
import zipfile
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util import logging

from studyguide.quiz.directive import BuiltQuiz, QuizSet, built_quizzes
from studyguide.quiz.export import HTML_BUILDERS, one_line, xml_text
from studyguide.quiz.render import anki_available, deck_path

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from studyguide.quiz.generate import ClaimInput

logger = logging.getLogger("studyguide")
#: the notes' modification time when SOURCE_DATE_EPOCH is not set (2020-01-01 00:00 UTC)
FIXED_TIMESTAMP = 1_577_836_800
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)
_CSS = ".card { font-family: serif; font-size: 20px; text-align: left; } .cloze { font-weight: bold; }"


def stable_id(*parts: str) -> int:
    """An id Anki keeps across builds: from the names given, in genanki's advised range."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).digest()
    return (1 << 30) + int.from_bytes(digest[:4], "big") % (1 << 30)


def field(text: str) -> str:
    """Author text for an Anki field (HTML): escaped, and braces too, which Anki reads as clozes."""
    return _html(one_line(text))


def _html(text: str) -> str:
    return escape(xml_text(text), quote=True).replace("{", "&#123;").replace("}", "&#125;")


def cloze_term(text: str) -> str:
    """The cloze's answer: a field, with "::" (Anki's hint marker) kept from starting a hint."""
    return field(text).replace(":", "&#58;")


def _tag(text: str) -> str:
    return re.sub(r"\s+", "-", one_line(text)) or "-"


@dataclass(frozen=True)
class Card:
    """A note as the deck holds it: its GUID seed, its fields (HTML) and tags."""

    kind: str  # "claim" or "register"
    key: str  # the claim's or the entry's id
    fields: tuple[str, ...]
    tags: tuple[str, ...]


def _passage(claim: ClaimInput, baseurl: str) -> str:
    title = field(claim.piece_title or claim.piece)
    if baseurl and claim.source:
        url = escape(baseurl.rstrip("/") + "/" + claim.source, quote=True)
        return f'<a href="{url}">{title}</a>'
    return f"{title} ({field(claim.source)})" if claim.source else title


def claim_text(claim: ClaimInput, voice: str) -> str:
    """The cloze field: the claim's words with its blank as the cloze; without a blank, the words
    and their paraphrase as the cloze; without either, the voice as the cloze."""
    words = " ".join(claim.text.split())
    term = " ".join(claim.blank.split())
    if term and term in words:
        before, _found, after = words.partition(term)
        return f"{_html(before)}{{{{c1::{cloze_term(term)}}}}}{_html(after)}"
    quoted = f"“{field(words)}” ({field(voice)})"
    if claim.paraphrase.strip():
        return f"{quoted}<br>In plain words: {{{{c1::{cloze_term(claim.paraphrase)}}}}}"
    return f"“{field(words)}” ({{{{c1::{cloze_term(voice)}}}}})"


def deck_cards(quizset: QuizSet, quiz: BuiltQuiz, baseurl: str) -> list[Card]:
    people = quizset.people
    cards = []
    named: set[str] = set()
    for claim in quiz.claims:
        holder = people.get(claim.holder)
        voice = holder.name if holder is not None else claim.holder
        extra = f"The view of {field(voice)}. Passage: {_passage(claim, baseurl)}"
        cards.append(
            Card(
                "claim",
                claim.id,
                (claim_text(claim, voice), extra),
                ("studyguide", _tag(f"quiz-{quiz.record.id}"), _tag(f"claim-{claim.id}")),
            )
        )
        named.update((claim.holder, claim.speaker, *claim.shared_by, *claim.mentions))
    entries = sorted(
        (people[i] for i in named if i in people and people[i].role), key=lambda p: (p.name, p.id)
    )
    for entry in entries:
        link = ""
        if baseurl and entry.url:
            url = escape(baseurl.rstrip("/") + "/" + entry.url, quote=True)
            link = f'<a href="{url}">{field(entry.name)}</a>'
        cards.append(
            Card(
                "register",
                entry.id,
                (field(entry.name), field(entry.role), link),
                ("studyguide", _tag(f"quiz-{quiz.record.id}"), _tag(f"register-{entry.kind}")),
            )
        )
    return cards


def timestamp() -> int:
    """SOURCE_DATE_EPOCH (the reproducible-builds convention) when set, else a fixed date."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "")
    return int(value) if value.isdigit() else FIXED_TIMESTAMP


def anki_package(quizset: QuizSet, quiz: BuiltQuiz, project: str, baseurl: str) -> bytes:
    import genanki  # an optional dependency, checked by anki_available()

    seed = (project, quiz.record.id)
    cloze = genanki.Model(
        stable_id(*seed, "cloze-model"),
        f"Study guide claim ({one_line(quiz.record.id)})",
        fields=[{"name": "Text"}, {"name": "Extra"}],
        templates=[{"name": "Cloze", "qfmt": "{{cloze:Text}}", "afmt": "{{cloze:Text}}<hr>{{Extra}}"}],
        css=_CSS,
        model_type=genanki.Model.CLOZE,
    )
    names = genanki.Model(
        stable_id(*seed, "register-model"),
        f"Study guide name to role ({one_line(quiz.record.id)})",
        fields=[{"name": "Name"}, {"name": "Role"}, {"name": "Link"}],
        templates=[
            {
                "name": "Name to role",
                "qfmt": "{{Name}}",
                "afmt": "{{FrontSide}}<hr id=answer>{{Role}}<br>{{Link}}",
            }
        ],
        css=_CSS,
    )
    deck = genanki.Deck(
        stable_id(*seed, "deck"), one_line(quiz.record.title), description=field(quiz.record.title)
    )
    for card in deck_cards(quizset, quiz, baseurl):
        deck.add_note(
            genanki.Note(
                model=cloze if card.kind == "claim" else names,
                fields=list(card.fields),
                tags=list(card.tags),
                guid=genanki.guid_for(*seed, card.kind, card.key),
            )
        )
    when = timestamp()
    first_id = when * 1000 + stable_id(*seed, "notes") % 1_000_000 * 1000
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "collection.anki2"
        connection = sqlite3.connect(database)
        try:
            genanki.Package(deck).write_to_db(connection.cursor(), when, itertools.count(first_id))
            connection.commit()
        finally:
            connection.close()
        collection = database.read_bytes()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in (("collection.anki2", collection), ("media", b"{}")):
            info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            package.writestr(info, data)
    return buffer.getvalue()


def write_decks(app: Sphinx, exception: BaseException | None) -> None:
    if exception is not None or app.builder.name not in HTML_BUILDERS:
        return
    quizset = built_quizzes(app)
    if not quizset.quizzes:
        return
    if not anki_available():
        logger.info("studyguide: genanki is not installed; no Anki decks written")
        return
    baseurl = str(getattr(app.config, "html_baseurl", "") or "")
    for quiz in quizset.quizzes.values():
        data = anki_package(quizset, quiz, str(app.config.project or ""), baseurl)
        path = Path(app.outdir) / deck_path(quiz.record.id)
        if not (path.is_file() and path.read_bytes() == data):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)


def setup_anki(app: Sphinx) -> None:
    app.connect("build-finished", write_decks)
