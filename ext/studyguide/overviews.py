"""Overviews generated from the register and the claims: timeline, cards, debate map.

Owns: the ``timeline``, ``register-cards`` and ``debate-map`` directives, their resolve step
and their fingerprint.  Each directive leaves a placeholder that is filled at write time from
the whole site's data, so the overview follows every edit of the register or the claims.  It
sits above ``quiz.directive``, whose claims (as generation reads them) the debate map shows.
"""

from __future__ import annotations

import difflib
import hashlib
import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, ClassVar, cast

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from studyguide.charts import position_cell, scroll_box
from studyguide.core import Feature, ResolvePage, register_feature
from studyguide.dates import chronological_key, display_span
from studyguide.domain import OBJECT_TYPES, Entry, StudyGuideDomain
from studyguide.i18n import _
from studyguide.nodes import href, sg_placeholder
from studyguide.quiz.directive import built_quizzes
from studyguide.syntax import ID_PATTERN, split_list
from studyguide.warnings import warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx

OVERVIEW_KINDS = ("timeline", "cards", "debate-map")


class _OverviewDirective(SphinxDirective):
    kind: ClassVar[str] = ""
    has_content = False
    option_spec: ClassVar[dict[str, Any]] = {}

    def options_record(self) -> dict[str, Any]:
        return {}

    def run(self) -> list[nodes.Node]:
        domain = cast(StudyGuideDomain, self.env.domains["sg"])
        domain.note_generated(self.env.docname, self.kind)
        placeholder = sg_placeholder(kind=self.kind, target="")
        placeholder["sg_options"] = self.options_record()
        self.set_source_info(placeholder)
        return [placeholder]


def _year(text: str) -> int:
    return int(text)


class TimelineDirective(_OverviewDirective):
    """``timeline``: the register's dated events (or other types) between two years."""

    kind = "timeline"
    option_spec: ClassVar[dict[str, Any]] = {
        "from": _year,
        "to": _year,
        "types": directives.unchanged,
    }

    def options_record(self) -> dict[str, Any]:
        types = split_list(self.options.get("types")) or ["event"]
        for objtype in types:
            if objtype not in OBJECT_TYPES:
                warn(
                    "bad-option",
                    f"timeline: :types: names unknown type {objtype!r}{_type_hint(objtype)}",
                    self.get_location(),
                )
        return {"from": self.options.get("from"), "to": self.options.get("to"), "types": types}


class CardsDirective(_OverviewDirective):
    """``register-cards``: a sphinx-design card for each entry of a type (a who's who)."""

    kind = "cards"
    option_spec: ClassVar[dict[str, Any]] = {"type": directives.unchanged, "columns": directives.positive_int}

    def options_record(self) -> dict[str, Any]:
        objtype = self.options.get("type", "person")
        if objtype not in OBJECT_TYPES:
            warn(
                "bad-option",
                f"register-cards: :type: names unknown type {objtype!r}{_type_hint(objtype)}",
                self.get_location(),
            )
        return {"type": objtype, "columns": self.options.get("columns", 3)}


class DebateMapDirective(_OverviewDirective):
    """``debate-map``: for each topic, what each voice holds, each cell linking to its passages."""

    kind = "debate-map"
    option_spec: ClassVar[dict[str, Any]] = {"topics": directives.unchanged, "voices": directives.unchanged}

    def options_record(self) -> dict[str, Any]:
        for ident in split_list(self.options.get("topics")) + split_list(self.options.get("voices")):
            if not ID_PATTERN.match(ident):
                warn("bad-option", f"debate-map: {ident!r} is not a register id", self.get_location())
        return {
            "topics": split_list(self.options.get("topics")),
            "voices": split_list(self.options.get("voices")),
        }


def _type_hint(objtype: str) -> str:
    close = difflib.get_close_matches(objtype, sorted(OBJECT_TYPES), n=1)
    return f"; did you mean {close[0]!r}?" if close else f"; one of {', '.join(OBJECT_TYPES)}"


# -- resolving -------------------------------------------------------------------------------
def _link(app: Sphinx, fromdoc: str, todoc: str, anchor: str, text: str) -> nodes.reference:
    return nodes.reference("", text, internal=True, refuri=href(app.builder, fromdoc, todoc, anchor))


def _table(headers: list[str], rows: list[list[nodes.Node]], classes: list[str]) -> nodes.table:
    table = nodes.table(classes=classes)
    group = nodes.tgroup(cols=len(headers))
    table += group
    for _header in headers:
        group += nodes.colspec(colwidth=1)
    head = nodes.thead()
    row = nodes.row()
    for header in headers:
        row += nodes.entry("", nodes.paragraph("", header))
    head += row
    group += head
    body = nodes.tbody()
    for cells in rows:
        row = nodes.row()
        for cell in cells:
            entry = nodes.entry()
            entry += cell
            row += entry
        body += row
    group += body
    return table


def timeline_node(app: Sphinx, docname: str, options: dict[str, Any]) -> nodes.Node:
    domain = cast(StudyGuideDomain, app.env.domains["sg"])
    first, last = options.get("from"), options.get("to")
    chosen: list[Entry] = []
    for entry in domain.entries.values():
        if entry.objtype not in options["types"] or entry.start is None:
            continue
        end_year = entry.end.latest[0] if entry.end else entry.start.latest[0]
        if (first is not None and end_year < first) or (last is not None and entry.start.year > last):
            continue
        chosen.append(entry)
    # a range sorts by its start (the earlier reading of an either-or start)
    chosen.sort(key=lambda e: (chronological_key(e.start), chronological_key(e.end), e.sort))
    rows: list[list[nodes.Node]] = []
    for entry in chosen:
        assert entry.start is not None
        when = display_span(entry.start, entry.end, entry.objtype)
        name = nodes.paragraph()
        name += _link(app, docname, entry.docname, entry.node_id, entry.name)
        rows.append([nodes.paragraph("", when), name, nodes.paragraph("", entry.role)])
    if not rows:
        return nodes.paragraph("", _("No dated entries in this period."))
    return _table([_("When"), _("What"), _("In short")], rows, ["sg-timeline"])


def cards_node(app: Sphinx, docname: str, options: dict[str, Any]) -> nodes.Node:
    from sphinx_design.shared import create_component

    domain = cast(StudyGuideDomain, app.env.domains["sg"])
    entries = sorted(
        (e for e in domain.entries.values() if e.objtype == options["type"]), key=lambda e: e.sort.casefold()
    )
    columns = int(options.get("columns", 3))
    row = create_component(
        "grid-row",
        ["sd-row", "sd-row-cols-1", "sd-row-cols-sm-2", f"sd-row-cols-md-{columns}", "sd-g-3"],
    )
    for entry in entries:
        title = create_component("card-title", ["sd-card-title", "sd-font-weight-bold"])
        title += nodes.paragraph("", "", _link(app, docname, entry.docname, entry.node_id, entry.name))
        body = create_component("card-body", ["sd-card-body"])
        body += title
        if entry.years:
            body += nodes.paragraph("", entry.years, classes=["sd-card-text", "sg-card-dates"])
        if entry.role:
            body += nodes.paragraph("", entry.role, classes=["sd-card-text"])
        card = create_component("card", ["sd-card", "sd-sphinx-override", "sd-w-100", "sd-shadow-sm"])
        card += body
        column = create_component("grid-item", ["sd-col", "sd-d-flex-row"])
        column += card
        row += column
    grid = create_component(
        "grid-container", ["sd-container-fluid", "sd-sphinx-override", "sd-mb-4", "sg-cards"]
    )
    grid += row
    return grid


def debate_map_node(app: Sphinx, docname: str, options: dict[str, Any]) -> nodes.Node:
    domain = cast(StudyGuideDomain, app.env.domains["sg"])
    claims = list(built_quizzes(app).claims.values())
    voices = options["voices"] or sorted({c.holder for c in claims if c.holder})
    # Without :topics:, the rows are the topic entries the claims name (not people, places, events).
    topics = options["topics"] or sorted(
        {t for c in claims for t in c.topics if (e := domain.find(t)) is not None and e.objtype == "topic"}
    )
    anchors = {c.id: c for docdata in domain.docs.values() for c in docdata.claims.values()}
    rows: list[list[nodes.Node]] = []
    for topic in topics:
        entry = domain.find(topic)
        label = nodes.paragraph()
        if entry:
            label += _link(app, docname, entry.docname, entry.node_id, entry.name)
        else:
            label += nodes.Text(topic)
        cells: list[nodes.Node] = [label]
        for voice in voices:
            held = [c for c in claims if c.holder == voice and (topic in c.topics or topic in c.mentions)]
            if not held:
                cells.append(nodes.paragraph("", "—", classes=["sg-map-empty"]))
                continue
            cells.append(
                nodes.container("", *position_cell(app, docname, held, anchors), classes=["sg-map-cell"])
            )
        rows.append(cells)
    headers = [_("Topic")]
    for voice in voices:
        entry = domain.find(voice)
        headers.append(entry.short if entry else voice)
    return scroll_box(_table(headers, rows, ["sg-debate-map"]), ["sg-map-scroll"])


RENDERERS = {"timeline": timeline_node, "cards": cards_node, "debate-map": debate_map_node}


def _check_map_ids(app: Sphinx, placeholder: sg_placeholder) -> None:
    """A debate map's :topics: and :voices: name register entries (checked once all are read)."""
    domain = cast(StudyGuideDomain, app.env.domains["sg"])
    for option in ("topics", "voices"):
        for ident in placeholder["sg_options"][option]:
            if ID_PATTERN.match(ident) and domain.find(ident) is None:
                warn(
                    "unknown-id",
                    f"debate-map: :{option}: names unknown id {ident!r}{domain.suggest(ident)}",
                    placeholder,
                )


def resolve_overviews(app: Sphinx, page: ResolvePage) -> None:
    """Resolve step: each overview placeholder becomes its table or cards."""
    for placeholder in page.of_kind(*RENDERERS):
        if placeholder["kind"] == "debate-map":
            _check_map_ids(app, placeholder)
        renderer = RENDERERS[placeholder["kind"]]
        placeholder.replace_self(renderer(app, page.docname, placeholder["sg_options"]))


def overview_fingerprints(app: Sphinx, docnames: Iterable[str]) -> dict[str, str]:
    """A digest of the data each overview page shows: the register, and the claims for a map."""
    domain = cast(StudyGuideDomain, app.env.domains["sg"])
    pages = [d for d in docnames if d in domain.docs and set(OVERVIEW_KINDS) & domain.docs[d].generated]
    if not pages:
        return {}
    entries = [(e.id, e.docname, e.node_id, e.name, e.sort, e.role, e.years) for e in domain.entries.values()]
    base = json.dumps(sorted(entries), default=str)
    # every field of every claim: a map cell shows the paraphrase, the voices and the passages
    claims = "\n".join(sorted(repr(c) for c in built_quizzes(app).claims.values()))
    result = {}
    for docname in pages:
        data = base + (claims if "debate-map" in domain.docs[docname].generated else "")
        result[docname] = hashlib.sha256(data.encode("utf-8")).hexdigest()
    return result


def setup_overviews(app: Sphinx) -> None:
    for name, directive in (
        ("timeline", TimelineDirective),
        ("register-cards", CardsDirective),
        ("debate-map", DebateMapDirective),
    ):
        app.add_directive(name, directive)
        app.add_directive(f"sg:{name}", directive)
    register_feature(Feature("overviews", resolve=resolve_overviews, fingerprint=overview_fingerprints))
