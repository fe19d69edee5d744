"""Every warning the extension emits, by subtype.

All are emitted with ``type="studyguide"``, so each can be silenced with
``suppress_warnings = ["studyguide.<subtype>"]`` (or all with ``"studyguide"``); ``warn``
drops a silenced one before any log record is made.
"""

from __future__ import annotations

from typing import Any

from sphinx.util import logging
from sphinx.util.logging import is_suppressed_warning

WARNING_TYPE = "studyguide"

#: subtype -> what it means.  The docs' warnings page is generated from this table.
SUBTYPES: dict[str, str] = {
    "unknown-id": "A role, holder, topic, related entry or debate-map row or column names an id that has no "
    "register entry, or a :term: no glossary term (the message names the option and the closest id).",
    "duplicate-id": "Two register entries, two claims or two quizzes share an id; the first one wins.",
    "bad-date": "A date option is not an ISO date (YYYY, YYYY-MM, YYYY-MM-DD, with ~ or ? and A/B); "
    "a date such as 04/10/1905 gets the ISO form to write instead.",
    "empty-target": "A role has no target id, as in {person}`Text <>`.",
    "bad-option": "An option has a value of the wrong shape (an id, a Wikidata QID, a period line, a URL).",
    "no-source": "A register entry cites no :source: where the site requires one.",
    "claim-holder": "A claim has no holder and its page sets no default holder.",
    "claim-blank": "A claim's blank term is missing, empty, or not in the claim's text; or a blank stands "
    "outside any claim.",
    "claim-orphan": "A claim passage (inline or span form) has no claim directive with its id on the page, "
    "or a body-less claim directive has no passage.",
    "quiz-filter": "A quiz's filter matches no claim, or names an unknown piece, type or id (the message "
    "names the option, and the closest page or id).",
    "quiz-short": "A quiz asks for more questions than its claims can give.",
    "quiz-count": "A quiz's :count: leaves out the order or match question its claims would give.",
    "claim-unused": "A claim that no quiz or exam asks a question about.",
    # question quality (studyguide.quiz.quality)
    "claim-context": "A claim's extract opens on a pronoun (It, They, his, ...) and has no :context:.",
    "question-voice": "A claim's voice model does not hold: unknown :kind:, or its holder also listed in :shared-by:.",
    "question-tf": "A true/false statement is missing, quoted, or differs in length from the true one by more than a third.",
    "question-quote": "Words in quotation marks in a paraphrase, question, choice or context that are not the claim's own words.",
    "question-blank": "A blank is a month, a number, a function word or a modifier: it tests nothing of the argument.",
    "question-mc": "A multiple-choice key is the longest option by far, or repeats a wrong answer.",
    "question-set": "A quiz is not a set: two questions on one claim, an answer printed in another question, "
    "one voice the key of most who-questions, true and false unbalanced, or one type taking over.",
    "question-order": "An order question repeated in two quizzes.",
    "question-match": "A register role used in match questions names its own person.",
    "exam-empty": "An exam has no question: every question its quiz's claims give is on a practice page.",
    "exam-keys": "The exam keys cannot be written, or their folder is inside the published HTML output.",
}

logger = logging.getLogger("studyguide")

#: the subtypes this build's ``suppress_warnings`` silences (set when its configuration is read)
_suppressed: set[str] = set()


def note_suppressed(app: Any, config: Any) -> None:
    """Which subtypes the project silences, so that ``warn`` need not make a record for them."""
    _suppressed.clear()
    _suppressed.update(
        subtype
        for subtype in SUBTYPES
        if is_suppressed_warning(WARNING_TYPE, subtype, list(config.suppress_warnings))
    )


def warn(subtype: str, message: str, location: Any = None) -> None:
    """Emit a suppressible warning of one of the documented subtypes."""
    assert subtype in SUBTYPES, subtype
    if subtype in _suppressed:
        return
    # Sphinx appends "[studyguide.<subtype>]" to the message itself.
    logger.warning(message, type=WARNING_TYPE, subtype=subtype, location=location)


def setup_warnings(app: Any) -> None:
    """The ``studyguide-warnings`` directive: the table above, for the documentation."""
    from docutils import nodes
    from sphinx.util.docutils import SphinxDirective

    class WarningsTable(SphinxDirective):
        def run(self) -> list[nodes.Node]:
            table = nodes.table(classes=["sg-warnings"])
            group = nodes.tgroup(cols=2)
            table += group
            group += nodes.colspec(colwidth=1)
            group += nodes.colspec(colwidth=3)
            head = nodes.thead()
            head += nodes.row(
                "",
                nodes.entry("", nodes.paragraph("", "suppress_warnings entry")),
                nodes.entry("", nodes.paragraph("", "when it is emitted")),
            )
            group += head
            body = nodes.tbody()
            for subtype, meaning in SUBTYPES.items():
                code = nodes.literal("", f"{WARNING_TYPE}.{subtype}")
                body += nodes.row(
                    "",
                    nodes.entry("", nodes.paragraph("", "", code)),
                    nodes.entry("", nodes.paragraph("", meaning)),
                )
            group += body
            return [table]

    app.add_directive("studyguide-warnings", WarningsTable)
    app.connect("config-inited", note_suppressed)
