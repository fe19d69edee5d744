"""The markup reference, generated at build time from the extension's own registrations.

``{markup-reference}`` lists every directive and role the ``studyguide`` extension
registers (found in docutils' registries and the ``sg`` domain, by the module that defines
them), each option of each directive as its ``option_spec`` declares it, the kind of value
that option's converter takes, what it means, and one example.  The meanings and examples
live here, in the documentation; the names and options come from the code.  A directive,
role or option the code has and this file does not describe (or the reverse) is a warning,
so with ``-W`` the reference cannot drift from the code.
"""

from __future__ import annotations

from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives, roles
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

logger = logging.getLogger(__name__)

SEPARATOR = "several values: see the separator rule"

ENTRY_OPTIONS = {
    "name": "display name (required)",
    "short": "short name a bare reference shows (default: `name`)",
    "sort": "sort form for indices (`Trotsky, Leon`; default: `name`)",
    "variants": "other names; " + SEPARATOR,
    "born": "a person's birth date (see Dates)",
    "died": "a person's death date",
    "start": "start date of an event, organisation, work (publication), place or topic",
    "end": "end date of the same",
    "role": "one line: shown on hover and focus of every link to the entry; match questions use it",
    "roles": "the role in each period, `PERIOD: text`; " + SEPARATOR,
    "text-role": "the role as the text itself gives it: match questions prefer these when four people "
    "named by a quiz have one, so the question can be answered from the text",
    "wikidata": "Wikidata QID (`Q` and digits), only where certain",
    "related": "ids of related entries; " + SEPARATOR,
    "term": "a glossary term that explains the entry: its first mention on each page links to it",
    "source": "`http(s)` address(es) of the references the dates and role were checked in; "
    + SEPARATOR
    + ". Required when `studyguide_require_source = True`",
    "no-index": "Sphinx's own: no index entry and no cross-reference target",
    "no-index-entry": "Sphinx's own: no general-index entry",
    "no-contents-entry": "Sphinx's own: no table-of-contents entry",
}

CLAIM_OPTIONS = {
    "speaker": "register id of whose words these are; default: the page's `sg-holder` front matter",
    "holder": "register id of whose view it is; default: the speaker",
    "shared-by": "ids of voices that share the view (never a wrong answer); " + SEPARATOR,
    "kind": "`view` (default), `fact` or `remark`; only a view in its holder's own words is asked "
    "as 'who holds this view'",
    "central": "a flag: one of the central arguments of its piece (kept first by `count`)",
    "context": "a few words shown in square brackets before an extract that opens on a pronoun",
    "paraphrase": "a short true statement of the claim that names its voice: the true statement of "
    "true/false questions",
    "topics": "register ids the claim is about; " + SEPARATOR,
    "false": "false statements of the same form and about the same length as the paraphrase; "
    + SEPARATOR
    + "; never in quotation marks, never the same as the true statement",
    "accept": "other answers the blank accepts; " + SEPARATOR,
    "question": "the prompt of a multiple-choice question of your own",
    "answer": "its right answer",
    "wrong": "its wrong answers; " + SEPARATOR,
    "explain": "shown after a student answers: why the answer is right, from the text",
}

#: canonical name -> (what it is, its argument, {option: meaning}, example)
DIRECTIVES: dict[str, tuple[str, str, dict[str, str], str]] = {
    "person": (
        "A register entry. One directive per kind: `person`, `event`, `org`, `place`, `work`, `topic`.",
        "the entry's id: lowercase letters, digits, hyphens",
        ENTRY_OPTIONS,
        "```{person} reed\n:name: Thomas Reed\n:short: Reed\n:born: 1861\n:role: Fisherman of Gullhaven\n"
        ":related: harbour-board\n\nA short description, in MyST.\n```",
    ),
    "claim": (
        "The quiz data of a tagged passage: with a body, the body is the passage; without one, the "
        "passage is the inline claim of the same id on the same page.",
        "the claim's id (`c-` and a few words, by convention)",
        CLAIM_OPTIONS,
        ":::{claim} c-light-out\n:holder: reed\n:paraphrase: Reed says that the light was out.\n"
        ":false: Reed says that the light was burning; Reed says that the light was new\n:::",
    ),
    "quiz": (
        "A quiz generated from the claims, rendered where it stands.",
        "the quiz's id (its stable address is the page's)",
        {
            "title": "the title shown above the quiz and in exports (default: the id)",
            "pieces": "pages (docnames) to take claims from; " + SEPARATOR,
            "holders": "register ids: only claims these voices hold; " + SEPARATOR,
            "topics": "register ids: only claims about these topics; " + SEPARATOR,
            "types": "`who`, `tf`, `blank`, `mc`, `order`, `match`; " + SEPARATOR,
            "count": "at most this many questions: order and match first, then central claims, then a "
            "seeded sample",
            "seed": "another seed draws another choice and order; the same seed always gives the same quiz",
        },
        "```{quiz} harbour\n:title: Letters on the Harbour Light\n:pieces: text/reply-to-mr-reed\n:count: 10\n```",
    ),
    "quiz-key": (
        "The answer key of a quiz; put it on a page of its own with `orphan: true`.",
        "the quiz's id",
        {},
        "```{quiz-key} harbour\n```",
    ),
    "quiz-exam": (
        "An exam drawn from the same claims as a quiz, with questions no practice page asks, for "
        "students to hand in; on a page of its own with `orphan: true`. Its keys are written outside "
        "the HTML output (`studyguide_exam_keys_dir`).",
        "the quiz's id",
        {
            "count": "at most this many questions (default: the quiz's)",
            "seed": "another seed draws another exam (default: the quiz's seed or id, plus `-exam`)",
        },
        "```{quiz-exam} harbour\n:count: 12\n:seed: autumn-term\n```",
    ),
    "grader": (
        "The teachers' grader: the teacher chooses an `exam-keys.json` and the students' results files, "
        "and the page grades them in the browser by the rules of `python -m studyguide grade`, with the "
        "item analysis and the class report. It holds no key and fetches nothing; put it on a page of its "
        "own with `orphan: true`, linked from the teachers' pages.",
        "none",
        {},
        "```{grader}\n```",
    ),
    "quiz-report": (
        "A table of the question-quality checks for every quiz and exam.",
        "none",
        {},
        "```{quiz-report}\n```",
    ),
    "timeline": (
        "A table of the dated register entries in date order.",
        "none",
        {
            "from": "the first year shown",
            "to": "the last year shown",
            "types": "entry kinds to show (default `event`); " + SEPARATOR,
        },
        "```{timeline}\n:from: 1917\n:to: 1939\n```",
    ),
    "register-cards": (
        "A card for each entry of a kind: name, dates, role, link (needs sphinx-design).",
        "none",
        {"type": "the entry kind (default `person`)", "columns": "cards per row (default 3)"},
        "```{register-cards}\n:type: person\n:columns: 2\n```",
    ),
    "debate-map": (
        "For each topic, each voice's position in one line (a claim's paraphrase) and its passages "
        "as numbered links. Without `topics` the rows are the `topic` entries the claims name.",
        "none",
        {
            "topics": "the register ids of the rows; " + SEPARATOR,
            "voices": "the register ids of the columns (default: every claim holder); " + SEPARATOR,
        },
        "```{debate-map}\n:topics: repression; kronstadt-rising\n```",
    ),
    "timeline-chart": (
        "An SVG chart drawn at build time (HTML only): events as points and spans on one axis, "
        "lives as bars, a mark at each piece's date; every mark links to its entry or page.",
        "none",
        {
            "from": "the first year of the axis",
            "to": "the last year of the axis",
            "events": "entry kinds drawn as points and spans (default `event`); " + SEPARATOR,
            "lives": "entry kinds drawn as bars from start to end (default `person`); " + SEPARATOR,
            "pieces": "`page = ISO date` pairs, each marked on the axis; " + SEPARATOR,
        },
        "```{timeline-chart}\n:from: 1917\n:to: 1940\n:pieces: text/letter = 1938-10-31\n```",
    ),
    "studyguide-warnings": (
        "The table of the extension's warning subtypes, from `warnings.py`.",
        "none",
        {},
        "```{studyguide-warnings}\n```",
    ),
}

#: canonical role name -> (what it does, example)
ROLES: dict[str, tuple[str, str]] = {
    "person": (
        "A mention: links the words to a register entry without changing them. One role per kind: "
        "`person`, `event`, `org`, `place`, `work`, `topic`, each also as `sg:person` and so on (the "
        "`sg` domain's form).",
        "{person}`Mr Reed <reed>`",
    ),
    "claim": (
        "An inline claim: the words are the passage, the id after them names its directive.",
        "{claim}`the light was out <c-light-out>`",
    ),
    "blank": ("Inside a claim: the key word of a fill-in-the-blank question.", "{blank}`out`"),
    "quiz-count": (
        "The number of questions a quiz asks, as the build made it (for a table of quizzes that "
        "cannot fall out of date); an unknown quiz id is a `quiz-filter` warning.",
        "{quiz-count}`harbour`",
    ),
}

_VALUE_KINDS = {
    "unchanged": "text",
    "unchanged_required": "text",
    "flag": "flag (no value)",
    "positive_int": "whole number, 1 or more",
    "_count": "whole number, 1 or more",
    "_year": "a year",
}


def _ours(obj: Any) -> bool:
    module = getattr(obj, "__module__", "") or type(obj).__module__
    return module.startswith("studyguide") or type(obj).__module__.startswith("studyguide")


def registered(registry: dict[str, Any]) -> dict[str, list[str]]:
    """class name -> its names (the canonical one first), for the extension's registrations."""
    groups: dict[str, list[str]] = {}
    for name, obj in sorted(registry.items(), key=lambda item: (item[0].startswith("sg:"), item[0])):
        if _ours(obj):
            key = obj.__name__ if isinstance(obj, type) else type(obj).__name__
            groups.setdefault(key, []).append(name)
    return groups


def _canonical(names: list[str], known: dict[str, Any]) -> str | None:
    return next((n for n in names if n in known), None)


def _para(*children: nodes.Node | str) -> nodes.paragraph:
    para = nodes.paragraph()
    for child in children:
        para += nodes.Text(child) if isinstance(child, str) else child
    return para


def _inline(text: str) -> nodes.paragraph:
    """A description with `code` spans, as nodes (no MyST parsing needed)."""
    para = nodes.paragraph()
    for index, part in enumerate(text.split("`")):
        if part:
            para += nodes.literal(part, part) if index % 2 else nodes.Text(part)
    return para


class MarkupReference(SphinxDirective):
    has_content = False
    option_spec: ClassVar[dict[str, Any]] = {}

    def warn(self, message: str) -> None:
        logger.warning(f"markup reference: {message}", location=self.get_location())

    def run(self) -> list[nodes.Node]:
        result: list[nodes.Node] = []
        for class_name, names in registered(directives._directives).items():
            canonical = _canonical(names, DIRECTIVES)
            if canonical is None:
                self.warn(f"the directive {names[0]!r} ({class_name}) is not described in docs/_ext")
                continue
            cls = directives._directives[canonical]
            result += self.directive_section(canonical, names, cls)
        result += self.role_section()
        return result

    def directive_section(self, canonical: str, names: list[str], cls: Any) -> list[nodes.Node]:
        summary, argument, meanings, example = DIRECTIVES[canonical]
        spec = dict(getattr(cls, "option_spec", None) or {})
        for option in spec:
            if option not in meanings:
                self.warn(f"option {option!r} of {canonical!r} is not described")
        for option in meanings:
            if option not in spec:
                self.warn(f"{canonical!r} has no option {option!r} any more")
        section = nodes.section(names=[f"directive-{canonical}"])
        self.state.document.note_explicit_target(section, section)
        title = nodes.title()
        title += nodes.literal(canonical, canonical)
        title += nodes.Text(" directive")
        section += title
        section += _inline(summary)
        shown = ", ".join(f"`{n}`" for n in names)
        section += _inline(f"Names: {shown}. Argument: {argument}.")
        if spec:
            table = nodes.table(classes=["sg-options"])
            group = nodes.tgroup(cols=3)
            table += group
            for width in (2, 2, 6):
                group += nodes.colspec(colwidth=width)
            head = nodes.thead()
            head += nodes.row(
                "",
                *(nodes.entry("", _para(label)) for label in ("option", "value", "meaning")),
            )
            group += head
            body = nodes.tbody()
            for option, converter in spec.items():
                kind = _VALUE_KINDS.get(getattr(converter, "__name__", ""), "text")
                body += nodes.row(
                    "",
                    nodes.entry("", _para(nodes.literal("", f":{option}:"))),
                    nodes.entry("", _para(kind)),
                    nodes.entry("", _inline(meanings.get(option, ""))),
                )
            group += body
            section += table
        else:
            section += _para("No options.")
        section += nodes.literal_block(example, example, language="md")
        return [section]

    def role_section(self) -> list[nodes.Node]:
        section = nodes.section(names=["every-role"])
        self.state.document.note_explicit_target(section, section)
        section += nodes.title("", "Roles")
        for class_name, names in registered(roles._roles).items():
            canonical = _canonical(names, ROLES)
            if canonical is None:
                self.warn(f"the role {names[0]!r} ({class_name}) is not described in docs/_ext")
                continue
            what, example = ROLES[canonical]
            shown = ", ".join(f"`{n}`" for n in names)
            section += _inline(f"{shown}: {what}")
            section += nodes.literal_block(example, example, language="md")
        return [section]


def setup(app: Any) -> dict[str, Any]:
    app.add_directive("markup-reference", MarkupReference)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
