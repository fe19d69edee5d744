"""The passages an exam tests, as plain text for the teacher's keys file and the class report.

For each page holding a claim an exam asks about, in text order, the paragraphs that hold
such a claim, cut into segments ``[text, claim id]`` (the claim id "" for untagged words),
so that a class report can shade each claim's words without the site at hand.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from typing import TYPE_CHECKING, Any

from docutils import nodes

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from studyguide.quiz.generate import ClaimInput


def _claim_of(node: nodes.Node) -> str:
    current: nodes.Node | None = node
    while current is not None:
        if isinstance(current, nodes.Element) and "sg_claim" in current:
            return str(current["sg_claim"])
        current = current.parent
    return ""


def paragraph_segments(paragraph: nodes.paragraph) -> list[list[str]]:
    """A paragraph as ``[text, claim id]`` segments, whitespace collapsed, neighbours merged."""
    segments: list[list[str]] = []
    for text in paragraph.findall(nodes.Text):
        words = re.sub(r"\s+", " ", text.astext())
        claim = _claim_of(text)
        if segments and segments[-1][1] == claim:
            segments[-1][0] += words
        elif words:
            segments.append([words, claim])
    if segments:
        segments[0][0] = segments[0][0].lstrip()
        segments[-1][0] = segments[-1][0].rstrip()
    return [s for s in segments if s[0]]


def passages(app: Sphinx, claims: Mapping[str, ClaimInput], wanted: Collection[str]) -> list[dict[str, Any]]:
    """Per page, in text order, the paragraphs holding a claim in ``wanted``."""
    pages: dict[str, ClaimInput] = {}
    for claim in sorted(claims.values(), key=lambda c: c.position):
        if claim.id in wanted and claim.piece:
            pages.setdefault(claim.piece, claim)
    result = []
    for docname, first in pages.items():
        try:
            doctree = app.env.get_doctree(docname)
        except (OSError, KeyError):  # a page gone since it was read: its claims stay without text
            continue
        paragraphs = []
        for paragraph in doctree.findall(nodes.paragraph):
            segments = paragraph_segments(paragraph)
            if any(claim in wanted for _text, claim in segments):
                paragraphs.append(segments)
        result.append(
            {
                "piece": docname,
                "title": first.piece_title,
                "url": first.source.split("#", 1)[0],
                "paragraphs": paragraphs,
            }
        )
    return result
