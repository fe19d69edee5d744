"""Glossary markers: at an entry's first mention on a page, a small link to its glossary term.

Owns: the resolve step that adds the marker, for entries with a ``:term:``, in HTML output.
The terms are read through the standard domain's public ``get_objects``, once per build.
"""

from __future__ import annotations

import difflib
from html import escape
from typing import TYPE_CHECKING, cast

from docutils import nodes

from studyguide.core import Feature, ResolvePage, register_feature
from studyguide.domain import StudyGuideDomain
from studyguide.i18n import _
from studyguide.nodes import href
from studyguide.warnings import warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def glossary_terms(app: Sphinx) -> dict[str, tuple[str, str]]:
    """Every glossary term, lowercased, with its page and anchor (computed once per build)."""
    domain = cast(StudyGuideDomain, app.env.domains["sg"])
    cache = domain.build_cache
    terms: dict[str, tuple[str, str]] | None = cache.get("glossary-terms")
    if terms is None:
        terms = {}
        for (
            name,
            _display,
            objtype,
            docname,
            anchor,
            _priority,
        ) in app.env.domains.standard_domain.get_objects():
            if objtype == "term":
                terms[name.lower()] = (docname, anchor)
        cache["glossary-terms"] = terms
    return terms


def glossary_markers(app: Sphinx, page: ResolvePage) -> None:
    """Resolve step: after the first mention on a page of an entry with a ``:term:``, a "?" link."""
    if app.builder.format != "html" or not page.mentions:
        return
    domain = cast(StudyGuideDomain, app.env.domains["sg"])
    terms: dict[str, tuple[str, str]] | None = None
    seen: set[str] = set()
    for mention in page.mentions:
        target = mention["sg_target"]
        if target in seen:
            continue
        entry = domain.find(target)
        if entry is None or not entry.term:
            continue
        seen.add(target)
        if terms is None:
            terms = glossary_terms(app)
        found = terms.get(entry.term.lower())
        if found is None:
            close = difflib.get_close_matches(entry.term.lower(), sorted(terms), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            warn(
                "unknown-id",
                f"{target!r}: :term: names no glossary term {entry.term!r}{hint}",
                (entry.docname, entry.line),
            )
            continue
        term_doc, label = found
        link = escape(href(app.builder, page.docname, term_doc, label), quote=True)
        title = escape(_("{term} in the glossary").format(term=entry.term), quote=True)
        marker = f'<sup class="sg-gloss sg-apparatus"><a href="{link}" title="{title}" aria-label="{title}">?</a></sup>'
        parent = mention.parent
        parent.insert(parent.index(mention) + 1, nodes.raw("", marker, format="html"))


def setup_glossary(app: Sphinx) -> None:
    register_feature(Feature("glossary", resolve=glossary_markers))
