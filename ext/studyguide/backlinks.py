"""Back-links: under each register entry, "Mentioned in" the passages that name it.

Owns: the back-link list (``backlinks_node``), its resolve step and its fingerprint (what a
page with back-links shows, so that the core rewrites it when a mention moves).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import cast

from docutils import nodes
from sphinx.application import Sphinx

from studyguide.core import Feature, ResolvePage, document_order, register_feature
from studyguide.domain import Mention, StudyGuideDomain
from studyguide.i18n import _
from studyguide.nodes import href


def backlinks_node(
    app: Sphinx,
    fromdocname: str,
    mentions: Iterable[Mention],
    order: dict[str, int],
    notes: Iterable[Mention] = (),
) -> nodes.Element:
    """'Mentioned in' the text, with one line per page and one link per passage; then, apart,
    the editors' notes that name the entry."""
    container = nodes.container(classes=["sg-backlinks"])
    text = list(mentions)
    if text:
        container += nodes.paragraph("", _("Mentioned in:"), classes=["sg-backlinks-title"])
        container += _passage_list(app, fromdocname, text, order)
    else:
        container += nodes.paragraph("", _("Not mentioned in the text."), classes=["sg-backlinks-none"])
    in_notes = list(notes)
    if in_notes:
        container += nodes.paragraph("", _("Named in this edition's notes:"), classes=["sg-backlinks-notes"])
        container += _passage_list(app, fromdocname, in_notes, order, _("note"))
    return container


def _passage_list(
    app: Sphinx, fromdocname: str, mentions: list[Mention], order: dict[str, int], unnumbered: str = ""
) -> nodes.bullet_list:
    env = app.env
    by_doc: dict[str, list[Mention]] = {}
    for mention in mentions:
        by_doc.setdefault(mention.docname, []).append(mention)
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
            label = f"¶ {mention.paragraph}" if mention.paragraph else unnumbered or _("passage")
            ref = nodes.reference("", label, internal=True, classes=["sg-backlink"])
            if docname == fromdocname:
                ref["refid"] = mention.node_id
            else:
                ref["refuri"] = href(app.builder, fromdocname, docname, mention.node_id)
            item += ref
        items += nodes.list_item("", item)
    return items


def resolve_backlinks(app: Sphinx, page: ResolvePage) -> None:
    """Resolve step: each entry's back-link placeholder becomes its list of passages."""
    placeholders = page.of_kind("backlinks")
    if not placeholders:
        return
    domain = cast(StudyGuideDomain, app.env.domains["sg"])
    order = document_order(app.env)
    for placeholder in placeholders:
        target = placeholder["target"]
        placeholder.replace_self(
            backlinks_node(
                app, page.docname, domain.mentions_of(target), order, domain.note_mentions_of(target)
            )
        )


def backlink_fingerprints(app: Sphinx, docnames: Iterable[str]) -> dict[str, str]:
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
                        m.note,
                    ]
                    for m in domain.mentions_of(entry_id) + domain.note_mentions_of(entry_id)
                ],
            ]
            for entry_id in sorted(data.entries)
        ]
        result[docname] = hashlib.sha256(json.dumps(parts).encode("utf-8")).hexdigest()
    return result


def setup_backlinks(app: Sphinx) -> None:
    register_feature(Feature("backlinks", resolve=resolve_backlinks, fingerprint=backlink_fingerprints))
