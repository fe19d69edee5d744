"""``register.json``: every register entry with its mentions, at the root of the HTML output.

Owns the file's shape (``REGISTER_JSON_VERSION``) and its writing at the end of an HTML build.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, cast

from sphinx.application import Sphinx
from sphinx.builders import Builder

from studyguide.core import page_title, page_uri
from studyguide.dates import FuzzyDate
from studyguide.domain import Entry, Mention, StudyGuideDomain

REGISTER_JSON_VERSION = 2
HTML_BUILDERS = ("html", "dirhtml", "singlehtml")


def _date(date: FuzzyDate | None) -> str | None:
    return date.iso if date else None


def url_of(builder: Builder, docname: str, anchor: str) -> str:
    """A URL relative to the HTML root, with its anchor."""
    return f"{builder.get_target_uri(docname)}#{anchor}"


def _url(app: Sphinx, docname: str, anchor: str) -> str:
    return f"{page_uri(app, docname)}#{anchor}"


def register_data(app: Sphinx) -> dict[str, Any]:
    domain = cast(StudyGuideDomain, app.env.domains["sg"])
    builder = app.builder

    def entry_json(entry: Entry) -> dict[str, Any]:
        start, end = ("born", "died") if entry.objtype == "person" else ("start", "end")
        return {
            "id": entry.id,
            "type": entry.objtype,
            "name": entry.name,
            "short": entry.short,
            "sort": entry.sort,
            "variants": list(entry.variants),
            "dates": {start: _date(entry.start), end: _date(entry.end)},
            "role": entry.role,
            "roles": [{"period": p, "role": r} for p, r in entry.roles],
            **({"text_role": entry.text_role} if entry.text_role else {}),
            "authority": {"wikidata": entry.wikidata} if entry.wikidata else {},
            "sources": list(entry.sources),
            "related": list(entry.related),
            "url": url_of(builder, entry.docname, entry.node_id),
            "mentions": passages(domain.mentions_of(entry.id)),
            "note_mentions": passages(domain.note_mentions_of(entry.id)),
        }

    def _title(docname: str) -> str:
        title = page_title(app.env, docname)
        return docname if title is None else title

    def passages(mentions: list[Mention]) -> list[dict[str, Any]]:
        return [
            {
                "page": m.docname,
                "title": _title(m.docname),
                "paragraph": m.paragraph,
                "url": _url(app, m.docname, m.node_id),
            }
            for m in sorted(mentions, key=lambda m: (m.docname, m.line or 0, m.node_id))
        ]

    entries = sorted(domain.entries.values(), key=lambda e: (e.objtype, e.sort.casefold(), e.id))
    return {"version": REGISTER_JSON_VERSION, "entries": [entry_json(e) for e in entries]}


def write_register_json(app: Sphinx, exception: BaseException | None) -> None:
    if exception is not None or app.builder.name not in HTML_BUILDERS:
        return
    # compact: one line, no indentation (a reader's tools format it; it is read, not edited)
    text = json.dumps(register_data(app), ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n"
    Path(app.outdir, "register.json").write_text(text, encoding="utf-8")


def setup_register_json(app: Sphinx) -> None:
    app.connect("build-finished", write_register_json)
