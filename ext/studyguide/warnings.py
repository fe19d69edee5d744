"""Every warning the extension emits, by subtype.

All are emitted with ``type="studyguide"``, so each can be silenced with
``suppress_warnings = ["studyguide.<subtype>"]`` (or all with ``"studyguide"``).
"""

from __future__ import annotations

from typing import Any

from sphinx.util import logging

WARNING_TYPE = "studyguide"

#: subtype -> what it means.  The docs' warnings page is generated from this table.
SUBTYPES: dict[str, str] = {
    "unknown-id": "A role, holder, topic or related entry names an id that has no register entry.",
    "duplicate-id": "Two register entries (or two claims) share an id; the first one wins.",
    "bad-date": "A date option is not an ISO date (YYYY, YYYY-MM, YYYY-MM-DD, with ~ or ? and A/B).",
    "empty-target": "A role has no target id, as in {person}`Text <>`.",
    "bad-option": "An option has a value of the wrong shape (an id, a Wikidata QID, a period line).",
    "claim-holder": "A claim has no holder and its page sets no default holder.",
    "claim-blank": "A claim's blank term is missing, empty, or not in the claim's text.",
    "claim-orphan": "An inline claim has no claim directive with its id on the page, or the reverse.",
    "quiz-filter": "A quiz's filter matches no claim, or names an unknown piece, type or id.",
    "quiz-short": "A quiz asks for more questions than its claims can give.",
    "claim-unused": "A claim that no quiz asks a question about.",
}

logger = logging.getLogger("studyguide")


def warn(subtype: str, message: str, location: Any = None) -> None:
    """Emit a suppressible warning of one of the documented subtypes."""
    assert subtype in SUBTYPES, subtype
    # Sphinx appends "[studyguide.<subtype>]" to the message itself.
    logger.warning(message, type=WARNING_TYPE, subtype=subtype, location=location)
