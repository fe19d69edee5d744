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

from studyguide.core import Feature, ResolvePage, document_order, page_title, register_feature
from studyguide.domain import Mention, StudyGuideDomain
from studyguide.i18n import _
from studyguide.nodes import href

#: what docutils' HTML writers escape in text and attribute values
_HTML_SPECIAL = {ord("&"): "&amp;", ord("<"): "&lt;", ord('"'): "&quot;", ord(">"): "&gt;", ord("@"): "&#64;"}

#: a page's passages: (page title, [(label, link, same page)])
Group = tuple[str, list[tuple[str, str, bool]]]


def _groups(
    app: Sphinx, fromdocname: str, mentions: list[Mention], order: dict[str, int], unnumbered: str = ""
) -> list[Group]:
    """One line per page, in reading order; one link per passage (the first mention in each paragraph)."""
    by_doc: dict[str, list[Mention]] = {}
    for mention in mentions:
        by_doc.setdefault(mention.docname, []).append(mention)
    groups: list[Group] = []
    fallback = unnumbered or _("passage")
    for docname in sorted(by_doc, key=lambda d: order.get(d, len(order))):
        title = page_title(app.env, docname)
        passages: dict[object, Mention] = {}
        for mention in sorted(by_doc[docname], key=lambda m: (m.line or 0, m.node_id)):
            passages.setdefault(mention.paragraph or mention.node_id, mention)
        links = []
        for mention in passages.values():
            label = f"¶ {mention.paragraph}" if mention.paragraph else fallback
            if docname == fromdocname:
                links.append((label, mention.node_id, True))
            else:
                links.append((label, href(app.builder, fromdocname, docname, mention.node_id), False))
        groups.append((docname if title is None else title, links))
    return groups


def _sections(
    app: Sphinx,
    fromdocname: str,
    mentions: Iterable[Mention],
    order: dict[str, int],
    notes: Iterable[Mention],
) -> list[tuple[str, str, list[Group]]]:
    """(class, heading, lines): the text's mentions (or that there is none), then the editors' notes."""
    text = list(mentions)
    sections: list[tuple[str, str, list[Group]]] = []
    if text:
        sections.append(("sg-backlinks-title", _("Mentioned in:"), _groups(app, fromdocname, text, order)))
    else:
        sections.append(("sg-backlinks-none", _("Not mentioned in the text."), []))
    in_notes = list(notes)
    if in_notes:
        groups = _groups(app, fromdocname, in_notes, order, _("note"))
        sections.append(("sg-backlinks-notes", _("Named in this edition's notes:"), groups))
    return sections


def backlinks_node(
    app: Sphinx,
    fromdocname: str,
    mentions: Iterable[Mention],
    order: dict[str, int],
    notes: Iterable[Mention] = (),
) -> nodes.Element:
    """'Mentioned in' the text, with one line per page and one link per passage; then, apart,
    the editors' notes that name the entry.

    HTML builders get one raw fragment (what the docutils nodes below would write, built
    without them); every other builder gets the nodes.
    """
    sections = _sections(app, fromdocname, mentions, order, notes)
    if app.builder.format == "html":
        return nodes.raw("", _html(sections), format="html")
    container = nodes.container(classes=["sg-backlinks"])
    for classname, heading, groups in sections:
        container += nodes.paragraph("", heading, classes=[classname])
        if not groups:
            continue
        items = nodes.bullet_list()
        for title, links in groups:
            item = nodes.paragraph()
            item += nodes.Text(f"{title}: ")
            for position, (label, link, same_page) in enumerate(links):
                if position:
                    item += nodes.Text(", ")
                ref = nodes.reference("", label, internal=True, classes=["sg-backlink"])
                ref["refid" if same_page else "refuri"] = link
                item += ref
            items += nodes.list_item("", item)
        container += items
    return container


def _html(sections: list[tuple[str, str, list[Group]]]) -> str:
    out = ['<div class="sg-backlinks docutils container">\n']
    for classname, heading, groups in sections:
        out.append(f'<p class="{classname}">{heading.translate(_HTML_SPECIAL)}</p>\n')
        if not groups:
            continue
        out.append('<ul class="simple">\n')
        for title, links in groups:
            out.append(f"<li><p>{title.translate(_HTML_SPECIAL)}: ")
            for position, (label, link, same_page) in enumerate(links):
                if position:
                    out.append(", ")
                target = f"#{link}" if same_page else link or "#"
                out.append(
                    f'<a class="sg-backlink reference internal" href="{target.translate(_HTML_SPECIAL)}">'
                    f"{label.translate(_HTML_SPECIAL)}</a>"
                )
            out.append("</p></li>\n")
        out.append("</ul>\n")
    out.append("</div>\n")
    return "".join(out)


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
                        page_title(app.env, m.docname) or "",
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
