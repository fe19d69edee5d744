"""Quizzes: the ``quiz``, ``quiz-key`` and ``quiz-exam`` directives, and the questions built for them.

Owns: the quiz records, the generation of every quiz once per build from the domain's data
(``built_quizzes``, a ``QuizSet``), the checks made on them and their fingerprint.  Rendering
(``render``), exports (``export``), exams (``exams``) and the report sit above it;
``quiz.setup`` wires them into Sphinx.
"""

from __future__ import annotations

import difflib
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, cast

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective, SphinxRole

from studyguide.claims import Claim
from studyguide.core import document_order, page_title, page_uri
from studyguide.dates import display_span
from studyguide.i18n import _
from studyguide.nodes import sg_placeholder
from studyguide.quiz.generate import (
    QUESTION_TYPES,
    ClaimInput,
    Person,
    Question,
    QuizSpec,
    Wording,
    build_quiz,
    debate_voices,
    extra_questions,
    question_key,
)
from studyguide.quiz.keyfacts import key_facts
from studyguide.quiz.quality import QuizProfile, check_across, check_claim, check_entry, check_quiz
from studyguide.syntax import ID_PATTERN, split_list
from studyguide.warnings import warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from studyguide.domain import Entry, StudyGuideDomain

logger = logging.getLogger("studyguide")


@dataclass(frozen=True)
class QuizRecord:
    """A quiz as its directive defined it."""

    id: str
    docname: str
    line: int | None
    title: str
    spec: QuizSpec


@dataclass
class BuiltQuiz:
    record: QuizRecord
    questions: list[Question]
    claims: list[ClaimInput]
    version: str = ""
    key_docname: str | None = None
    exam_docname: str | None = None


@dataclass
class QuizSet:
    """Everything generated for one build."""

    quizzes: dict[str, BuiltQuiz] = field(default_factory=dict)
    claims: dict[str, ClaimInput] = field(default_factory=dict)
    usage: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # claim -> [(quiz, question id)]
    people: dict[str, Person] = field(default_factory=dict)  # the register as generation sees it


def _count(text: str) -> int:
    value = int(text)
    if value < 1:
        raise ValueError("must be 1 or more")
    return value


class QuizDirective(SphinxDirective):
    """``quiz`` with filters; renders the quiz where it stands."""

    required_arguments = 1
    final_argument_whitespace = True
    has_content = False
    option_spec: ClassVar[dict[str, Any]] = {
        "title": directives.unchanged,
        "pieces": directives.unchanged,
        "holders": directives.unchanged,
        "topics": directives.unchanged,
        "types": directives.unchanged,
        "count": _count,
        "seed": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        quiz_id = self.arguments[0].strip()
        if not ID_PATTERN.match(quiz_id):
            warn(
                "bad-option",
                f"{quiz_id!r} is not a quiz id (lowercase letters, digits, hyphens)",
                self.get_location(),
            )
            return []
        types = tuple(split_list(self.options.get("types")))
        unknown = [t for t in types if t not in QUESTION_TYPES]
        if unknown:
            warn(
                "quiz-filter",
                f"quiz {quiz_id!r}: :types: names unknown question types {unknown}; "
                f"known: {', '.join(QUESTION_TYPES)}",
                self.get_location(),
            )
            types = tuple(t for t in types if t in QUESTION_TYPES)
        pieces = tuple(_docname(p) for p in split_list(self.options.get("pieces")))
        spec = QuizSpec(
            id=quiz_id,
            pieces=pieces,
            holders=tuple(split_list(self.options.get("holders"))),
            topics=tuple(split_list(self.options.get("topics"))),
            types=types,
            count=self.options.get("count"),
            seed=self.options.get("seed", ""),
        )
        record = QuizRecord(
            id=quiz_id,
            docname=self.env.docname,
            line=self.lineno,
            title=self.options.get("title", quiz_id),
            spec=spec,
        )
        domain = cast("StudyGuideDomain", self.env.domains["sg"])
        doc = domain.doc(self.env.docname)
        if quiz_id in doc.quizzes:
            warn("duplicate-id", f"duplicate quiz id {quiz_id!r} on this page", self.get_location())
        doc.quizzes[quiz_id] = record
        domain.note_generated(self.env.docname, "quiz")
        placeholder = sg_placeholder(kind="quiz", target=quiz_id)
        self.set_source_info(placeholder)
        return [placeholder]


class QuizKeyDirective(SphinxDirective):
    """``quiz-key`` names a quiz; renders its answer key (for teachers)."""

    required_arguments = 1
    final_argument_whitespace = True

    def run(self) -> list[nodes.Node]:
        domain = cast("StudyGuideDomain", self.env.domains["sg"])
        domain.doc(self.env.docname).keys[self.arguments[0].strip()] = self.lineno
        domain.note_generated(self.env.docname, "quiz-key")
        placeholder = sg_placeholder(kind="quiz-key", target=self.arguments[0].strip())
        self.set_source_info(placeholder)
        return [placeholder]


class QuizCountRole(SphinxRole):
    """```{quiz-count}`quiz-id```: the number of questions the quiz asks, as the build made it."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        domain = cast("StudyGuideDomain", self.env.domains["sg"])
        domain.note_generated(self.env.docname, "quiz-count")
        placeholder = sg_placeholder(kind="quiz-count", target=self.text.strip())
        self.set_source_info(placeholder)
        return [placeholder], []


class QuizExamDirective(SphinxDirective):
    """``quiz-exam`` names a quiz; renders an exam of its own questions to hand in (see exams.py)."""

    required_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar[dict[str, Any]] = {"count": _count, "seed": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        domain = cast("StudyGuideDomain", self.env.domains["sg"])
        quiz_id = self.arguments[0].strip()
        domain.doc(self.env.docname).exams[quiz_id] = self.lineno
        domain.doc(self.env.docname).exam_options[quiz_id] = dict(self.options)
        domain.note_generated(self.env.docname, "quiz-exam")
        placeholder = sg_placeholder(kind="quiz-exam", target=quiz_id)
        self.set_source_info(placeholder)
        return [placeholder]


def _docname(path: str) -> str:
    """A piece named relative to the root ("text/reply-to-trotsky") or with a leading "/"."""
    name = path.strip().lstrip("/")
    for suffix in (".md", ".rst", ".html"):
        name = name.removesuffix(suffix)
    return name


def wording() -> Wording:
    """The generator's words in the build's language."""
    return Wording(
        who=_("Who holds this view? {claim}"),
        tf=_("True or false? {statement}"),
        blank=_("Fill in the blank: {claim}"),
        order=_("Put these events in the order in which they happened."),
        match=_("Match each person to their role."),
        holds=_("This is the view of {holder}."),
        holds_in=_("This is the view of {holder} ({piece})."),
        text_says=_("What the text says: {claim}"),
        in_order=_("In order, with the dates the register gives: {events}."),
        true=_("True"),
        false=_("False"),
    )


def target_uri(app: Sphinx, docname: str) -> str:
    """A page's URL relative to the output root, or "" where the builder has none."""
    return page_uri(app, docname)


def _title_or(env: BuildEnvironment, docname: str) -> str:
    title = page_title(env, docname)
    return docname if title is None else title


def _last_day(entry: Entry) -> tuple[int, int, int] | None:
    """The last day an entry other than a person may have lasted to (its end, or its start's)."""
    if entry.objtype == "person":
        return None
    date = entry.end or entry.start
    return date.latest if date else None


def _date_text(entry: Entry) -> str:
    """The date an explanation gives: an event's whole span, as its register entry shows it."""
    if entry.objtype == "event":
        return display_span(entry.start, entry.end, entry.objtype)
    return entry.start.display() if entry.start else ""


def _people(app: Sphinx, domain: StudyGuideDomain) -> dict[str, Person]:
    people = {}
    for entry in domain.entries.values():
        uri = target_uri(app, entry.docname)
        people[entry.id] = Person(
            id=entry.id,
            kind=entry.objtype,
            name=entry.name,
            role=entry.role,
            text_role=entry.text_role,
            sort_date=entry.start.earliest if entry.start else None,
            date_text=_date_text(entry),
            variants=(entry.short, *entry.variants) if entry.short != entry.name else entry.variants,
            short=entry.short,
            end_date=_last_day(entry),
            url=f"{uri}#{entry.node_id}" if uri else "",
        )
    return people


def built_quizzes(app: Sphinx) -> QuizSet:
    """Generate every quiz once per build (cached on the domain until its data changes)."""
    env = app.env
    domain = cast("StudyGuideDomain", env.domains["sg"])
    cached: QuizSet | None = getattr(domain, "quiz_cache", None)
    if cached is not None:
        return cached
    order = document_order(env)
    result = QuizSet()
    all_claims: list[tuple[Claim, str]] = []
    for docname in sorted(domain.docs, key=lambda d: order.get(d, len(order))):
        default_holder = str(env.metadata.get(docname, {}).get("sg-holder", ""))
        for claim in sorted(domain.docs[docname].claims.values(), key=lambda c: c.index):
            all_claims.append((claim, default_holder))
    for position, (claim, default_holder) in enumerate(all_claims):
        result.claims[claim.id] = ClaimInput(
            id=claim.id,
            text=claim.text,
            holder=claim.holder or claim.speaker or default_holder,
            speaker=claim.speaker or default_holder,
            shared_by=claim.shared_by,
            kind=claim.kind or "view",
            central=claim.central,
            context=claim.context,
            paraphrase=claim.paraphrase,
            accept=claim.accept,
            piece=claim.docname,
            piece_title=_title_or(env, claim.docname),
            position=position,
            source=f"{target_uri(app, claim.docname)}#{claim.anchor}",
            blank=claim.blank,
            topics=claim.topics,
            mentions=claim.mentions,
            false=claim.false,
            question=claim.question,
            answer=claim.answer,
            wrong=claim.wrong,
            explain=claim.explain,
        )
    people = result.people = _people(app, domain)
    claims = list(result.claims.values())
    keys = {quiz_id: docname for docname, data in sorted(domain.docs.items()) for quiz_id in data.keys}
    exams = {quiz_id: docname for docname, data in sorted(domain.docs.items()) for quiz_id in data.exams}
    asked_once: set[str] = set()  # order and match questions are not repeated across quizzes
    voices = debate_voices(claims)
    words = wording()
    by_piece: dict[str, list[ClaimInput]] = {}
    for claim_input in claims:
        by_piece.setdefault(claim_input.piece, []).append(claim_input)
    for docname in sorted(domain.docs, key=lambda d: order.get(d, len(order))):
        for record in domain.docs[docname].quizzes.values():
            if record.id in result.quizzes:
                continue
            pool = claims
            if record.spec.pieces:  # the pieces' claims, in the same order (a quiz selects from them)
                pool = [c for piece in dict.fromkeys(record.spec.pieces) for c in by_piece.get(piece, ())]
                pool.sort(key=lambda c: c.position)
            questions, used = build_quiz(record.spec, pool, people, words, avoid=asked_once, voices=voices)
            asked_once |= {question_key(q) for q in questions if q.type in ("order", "match")}
            version = hashlib.sha256(
                json.dumps([q.as_json() for q in questions], sort_keys=True).encode("utf-8")
            ).hexdigest()[:12]
            result.quizzes[record.id] = BuiltQuiz(
                record, questions, used, version, keys.get(record.id), exams.get(record.id)
            )
            for question in questions:
                if question.claim:
                    result.usage.setdefault(question.claim, []).append((record.id, question.id))
    domain.quiz_cache = result
    return result


def _dropped_by_count(quizset: QuizSet, quiz: BuiltQuiz) -> list[str]:
    """The order and match questions a quiz's :count: leaves no room for.

    ``build_quiz`` counts them first, so only a count below their number drops any: the ones past it.
    """
    count = quiz.record.spec.count
    if count is None:
        return []
    others = {
        question_key(q)
        for other in quizset.quizzes.values()
        if other is not quiz
        for q in other.questions
        if q.type in ("order", "match")
    }
    extra, _ = extra_questions(quiz.record.spec, quiz.claims, quizset.people, wording(), avoid=others)
    asked = {q.type for q in quiz.questions}
    return sorted({q.type for q in extra[count:]} - asked)


def check_quizzes(app: Sphinx, env: BuildEnvironment) -> None:
    """Filters that match nothing, short quizzes, unused claims; and a one-line summary."""
    domain = cast("StudyGuideDomain", env.domains["sg"])
    quizset = built_quizzes(app)
    _check_duplicate_quizzes(domain, quizset)
    for quiz in quizset.quizzes.values():
        record, spec = quiz.record, quiz.record.spec
        where = (record.docname, record.line)
        for piece in spec.pieces:
            if piece not in env.found_docs:
                close = difflib.get_close_matches(piece, sorted(env.found_docs), n=1)
                hint = f"; did you mean {close[0]!r}?" if close else ""
                warn("quiz-filter", f"quiz {record.id!r}: :pieces: names no page {piece!r}{hint}", where)
        for option, idents in (("holders", spec.holders), ("topics", spec.topics)):
            for ident in idents:
                if domain.find(ident) is None:
                    warn(
                        "quiz-filter",
                        f"quiz {record.id!r}: :{option}: names unknown id {ident!r}{domain.suggest(ident)}",
                        where,
                    )
        if not quiz.claims:
            warn("quiz-filter", f"quiz {record.id!r}: its filters match no claim", where)
        elif spec.count is not None and (dropped := _dropped_by_count(quizset, quiz)):
            warn(
                "quiz-count",
                f"quiz {record.id!r}: :count: {spec.count} leaves out the "
                + " and ".join(dropped)
                + " question its claims give; raise :count: to keep it",
                where,
            )
        elif spec.count is not None and len(quiz.questions) < spec.count:
            warn(
                "quiz-short",
                f"quiz {record.id!r} asks for {spec.count} questions; its claims give {len(quiz.questions)}",
                where,
            )
    for docname, data in domain.docs.items():
        for quiz_id, line in [*data.keys.items(), *data.exams.items()]:
            if quiz_id not in quizset.quizzes:
                warn(
                    "quiz-filter",
                    f"answer key or exam for unknown quiz {quiz_id!r}{_suggest(quiz_id, quizset)}",
                    (docname, line),
                )
    if not quizset.quizzes:
        return
    check_quality(app, domain, quizset)
    # claims no quiz asks about, and the summary line: studyguide.quiz.coverage, once the
    # exams are built too (a claim an exam asks about is asked)


def quiz_profiles(app: Sphinx) -> list[QuizProfile]:
    """Each quiz's set checks, in the order the quizzes were built (for the editors' report)."""
    quizset = built_quizzes(app)
    return [check_quiz(quiz.record.id, quiz.questions, len(quiz.claims)) for quiz in quizset.quizzes.values()]


def check_quality(app: Sphinx, domain: StudyGuideDomain, quizset: QuizSet) -> None:
    """The question-quality lint: each claim, each register role, each quiz, and across quizzes."""
    where_claim = {
        claim.id: (docname, claim.options_line or claim.line)
        for docname, data in domain.docs.items()
        for claim in data.claims.values()
    }
    people = quizset.people
    for claim in quizset.claims.values():
        for ident in (claim.speaker, *claim.shared_by):
            if ident and ident not in people:
                warn(
                    "unknown-id",
                    f"claim {claim.id!r}: unknown voice {ident!r}{domain.suggest(ident)}",
                    where_claim.get(claim.id),
                )
        for finding in check_claim(claim, people):
            warn(finding.subtype, finding.message, where_claim.get(claim.id))
    for person in people.values():
        for finding in check_entry(person):
            entry = domain.entries[person.id]
            warn(finding.subtype, finding.message, (entry.docname, entry.line))
    for quiz in quizset.quizzes.values():
        where = (quiz.record.docname, quiz.record.line)
        for finding in check_quiz(quiz.record.id, quiz.questions).findings:
            warn(finding.subtype, finding.message, where)
    for finding in check_across((q.record.id, q.questions) for q in quizset.quizzes.values()):
        record = quizset.quizzes[finding.quiz].record
        warn(finding.subtype, finding.message, (record.docname, record.line))


def _check_duplicate_quizzes(domain: StudyGuideDomain, quizset: QuizSet) -> None:
    """A quiz id defined on two pages: the page that comes first keeps it; say where both are."""
    for docname in sorted(domain.docs):
        for record in domain.docs[docname].quizzes.values():
            kept = quizset.quizzes[record.id].record
            if kept.docname != docname:
                warn(
                    "duplicate-id",
                    f"duplicate quiz id {record.id!r}: also defined in {kept.docname}, line {kept.line}; "
                    "that one is used",
                    (docname, record.line),
                )


def _suggest(quiz_id: str, quizset: QuizSet) -> str:
    import difflib

    close = difflib.get_close_matches(quiz_id, quizset.quizzes.keys(), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


def quiz_fingerprints(app: Sphinx, docnames: Iterable[str]) -> dict[str, str]:
    """For each page, a digest of the generated quiz content it shows."""
    quizset = built_quizzes(app)
    domain = cast("StudyGuideDomain", app.env.domains["sg"])
    result = {}
    for docname in docnames:
        data = domain.docs.get(docname)
        if data is None:
            continue
        parts: list[Any] = []
        for quiz_id in sorted(data.quizzes):
            quiz = quizset.quizzes.get(quiz_id)
            pages = (quiz.key_docname, quiz.exam_docname) if quiz else (None, None)
            parts.append([quiz_id, quiz.version if quiz else None, *pages])
        for quiz_id in sorted({*data.keys, *data.exams}):
            quiz = quizset.quizzes.get(quiz_id)
            parts.append(
                ["key", quiz_id, quiz.version if quiz else None, quiz.record.title if quiz else None]
            )
        for claim_id in sorted(data.claims):
            parts.append([claim_id, quizset.usage.get(claim_id, [])])
        for quiz_id in sorted(data.keys):  # a key prints what its questions test (keyfacts.py)
            quiz = quizset.quizzes.get(quiz_id)
            facts = [key_facts(q, quizset.claims, quizset.people) for q in quiz.questions] if quiz else []
            parts.append(["facts", quiz_id, [repr(f) for f in facts]])
        if "quiz-count" in data.generated:
            parts.append(
                ["counts", sorted((q.record.id, len(q.questions)) for q in quizset.quizzes.values())]
            )
        if "quiz-report" in data.generated:
            parts.append(["report", sorted((q.record.id, q.version) for q in quizset.quizzes.values())])
        result[docname] = hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()
    return result
