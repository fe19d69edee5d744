"""Generated content: "Mentioned in" back-links, and keeping pages that show them fresh."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from html import escape
from typing import cast

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from studyguide.domain import Mention, StudyGuideDomain
from studyguide.i18n import _
from studyguide.nodes import elements, href, sg_placeholder
from studyguide.warnings import warn


def document_order(env: BuildEnvironment) -> dict[str, int]:
    """Docnames in reading order (depth-first through the toctrees), others after."""
    order: dict[str, int] = {}

    def walk(docname: str) -> None:
        if docname in order:
            return
        order[docname] = len(order)
        for child in env.toctree_includes.get(docname, []):
            walk(child)

    walk(env.config.root_doc)
    for docname in sorted(env.found_docs):
        order.setdefault(docname, len(order))
    return order


def backlinks_node(
    app: Sphinx, fromdocname: str, mentions: Iterable[Mention], order: dict[str, int]
) -> nodes.Element:
    """'Mentioned in' with one line per page, one link per passage."""
    env = app.env
    by_doc: dict[str, list[Mention]] = {}
    for mention in mentions:
        by_doc.setdefault(mention.docname, []).append(mention)
    container = nodes.container(classes=["sg-backlinks"])
    if not by_doc:
        container += nodes.paragraph("", _("Not mentioned in the text."), classes=["sg-backlinks-none"])
        return container
    container += nodes.paragraph("", _("Mentioned in:"), classes=["sg-backlinks-title"])
    items = nodes.bullet_list()
    for docname in sorted(by_doc, key=lambda d: order.get(d, len(order))):
        title = env.titles[docname].astext() if docname in env.titles else docname
        item = nodes.paragraph()
        item += nodes.Text(f"{title}: ")
        passages: dict[object, Mention] = {}
        for mention in sorted(by_doc[docname], key=lambda m: (m.line or 0, m.node_id)):
            # One link per passage: the first mention in each paragraph.
            passages.setdefault(mention.paragraph or mention.node_id, mention)
        for position, mention in enumerate(passages.values()):
            if position:
                item += nodes.Text(", ")
            label = f"¶ {mention.paragraph}" if mention.paragraph else _("passage")
            ref = nodes.reference("", label, internal=True, classes=["sg-backlink"])
            if docname == fromdocname:
                ref["refid"] = mention.node_id
            else:
                ref["refuri"] = href(app.builder, fromdocname, docname, mention.node_id)
            item += ref
        items += nodes.list_item("", item)
    container += items
    return container


def glossary_markers(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """At the first mention on a page of an entry with a ``:term:``, a small link to the glossary."""
    if app.builder.format != "html":
        return
    domain = cast(StudyGuideDomain, app.env.domains["sg"])
    terms: dict[str, tuple[str, str]] = app.env.domains.standard_domain._terms
    seen: set[str] = set()
    for mention in list(elements(doctree, lambda n: isinstance(n, nodes.inline) and "sg_target" in n)):
        target = mention["sg_target"]
        entry = domain.find(target)
        if entry is None or not entry.term or target in seen:
            continue
        seen.add(target)
        found = terms.get(entry.term.lower())
        if found is None:
            warn("unknown-id", f"{target!r}: no glossary term {entry.term!r}", (entry.docname, entry.line))
            continue
        term_doc, label = found
        link = escape(href(app.builder, docname, term_doc, label), quote=True)
        title = escape(_("{term} in the glossary").format(term=entry.term), quote=True)
        marker = f'<sup class="sg-gloss sg-apparatus"><a href="{link}" title="{title}" aria-label="{title}">?</a></sup>'
        mention.parent.insert(mention.parent.index(mention) + 1, nodes.raw("", marker, format="html"))


def resolve_backlinks(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    glossary_markers(app, doctree, docname)
    domain = cast(StudyGuideDomain, app.env.domains["sg"])
    placeholders = [p for p in doctree.findall(sg_placeholder) if p["kind"] == "backlinks"]
    if not placeholders:
        return
    order = document_order(app.env)
    for placeholder in placeholders:
        placeholder.replace_self(
            backlinks_node(app, docname, domain.mentions_of(placeholder["target"]), order)
        )


def _backlink_fingerprints(app: Sphinx, docnames: Iterable[str]) -> dict[str, str]:
    """For each page, a digest of the back-links it shows."""
    domain = cast(StudyGuideDomain, app.env.domains["sg"])
    titles = app.env.titles
    result = {}
    for docname in docnames:
        data = domain.docs.get(docname)
        if data is None or "backlinks" not in data.generated:
            continue
        parts = [
            [
                entry_id,
                [
                    [
                        m.docname,
                        m.node_id,
                        m.paragraph,
                        titles[m.docname].astext() if m.docname in titles else "",
                    ]
                    for m in domain.mentions_of(entry_id)
                ],
            ]
            for entry_id in sorted(data.entries)
        ]
        result[docname] = hashlib.sha256(json.dumps(parts).encode("utf-8")).hexdigest()
    return result


def pages_to_rewrite(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """After reading: the pages whose generated content changed, though their source did not.

    Each page that shows generated content (back-links, quizzes, "asked in" notes) keeps a
    digest of what it showed; only the pages whose digest changed are written again.
    """
    from studyguide.overviews import overview_fingerprints
    from studyguide.quiz.directive import quiz_fingerprints
    from studyguide.quiz.exams import exam_fingerprints

    domain = cast(StudyGuideDomain, env.domains["sg"])
    pages = [d for d, data in domain.docs.items() if data.generated or data.claims]
    fingerprints: dict[str, str] = {}
    backlinks = _backlink_fingerprints(app, pages)
    quizzes = quiz_fingerprints(app, pages)
    overviews = overview_fingerprints(app, pages)
    exams = exam_fingerprints(app, pages)
    for docname in pages:
        fingerprints[docname] = (
            backlinks.get(docname, "")
            + quizzes.get(docname, "")
            + overviews.get(docname, "")
            + exams.get(docname, "")
        )
    previous: dict[str, str] = domain.data.setdefault("fingerprints", {})
    changed = sorted(d for d, digest in fingerprints.items() if previous.get(d) != digest)
    domain.data["fingerprints"] = fingerprints
    return changed


def setup_backlinks(app: Sphinx) -> None:
    app.connect("doctree-resolved", resolve_backlinks)
    app.connect("env-updated", pages_to_rewrite)
