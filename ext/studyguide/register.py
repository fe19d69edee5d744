"""Register entries and mentions: the entry directives (``person``, ``event``, ...), the roles
that mention them, and the read step that records each mention with its paragraph."""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING, Any, ClassVar, cast

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.directives import ObjectDescription
from sphinx.domains import Domain
from sphinx.roles import XRefRole
from sphinx.util.nodes import make_id

from studyguide.core import Feature, ReadPage, register_feature
from studyguide.dates import FuzzyDate, display_span, parse_date
from studyguide.domain import OBJECT_TYPES, Entry, Mention, StudyGuideDomain
from studyguide.i18n import _
from studyguide.nodes import sg_placeholder
from studyguide.syntax import ID_PATTERN, split_list
from studyguide.warnings import warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

TYPE_LABELS = {
    "person": _("person"),
    "event": _("event"),
    "org": _("organisation"),
    "place": _("place"),
    "work": _("work"),
    "topic": _("topic"),
}
QID_PATTERN = re.compile(r"^Q[1-9]\d*$")
URL_PATTERN = re.compile(r"^https?://[^\s<>\"]+$")


class EntryDirective(ObjectDescription[str]):
    """Define a register entry: ``{person} trotsky`` with its options and a description body."""

    has_content = True
    required_arguments = 1
    optional_arguments = 0
    final_argument_whitespace = True  # a bad id gets our warning, not a docutils error
    option_spec: ClassVar[dict[str, Any]] = {
        "name": directives.unchanged_required,
        "short": directives.unchanged,
        "sort": directives.unchanged,
        "variants": directives.unchanged,
        "born": directives.unchanged,
        "died": directives.unchanged,
        "start": directives.unchanged,
        "end": directives.unchanged,
        "role": directives.unchanged,
        "roles": directives.unchanged,
        "text-role": directives.unchanged,
        "wikidata": directives.unchanged,
        "related": directives.unchanged,
        "term": directives.unchanged,
        "source": directives.unchanged,
        "no-index": directives.flag,
        "no-index-entry": directives.flag,
        "no-contents-entry": directives.flag,
    }

    def run(self) -> list[nodes.Node]:
        if ":" not in self.name:  # the short form {person} is {sg:person}
            self.name = f"sg:{self.name}"
        return super().run()

    @property
    def objtype_name(self) -> str:
        return self.name.split(":")[-1]

    def _date(self, option: str) -> FuzzyDate | None:
        text = self.options.get(option)
        if text is None:
            return None
        try:
            return parse_date(text)
        except ValueError as exc:
            warn(
                "bad-date",
                f"{self.objtype_name} {self.arguments[0]!r}, :{option}: {exc}",
                self.get_location(),
            )
            return None

    def _entry(self, entry_id: str) -> Entry:
        name = self.options.get("name") or entry_id
        start_opt, end_opt = ("born", "died") if self.objtype_name == "person" else ("start", "end")
        for wrong in {"born", "died", "start", "end"} - {start_opt, end_opt}:
            if wrong in self.options:
                warn(
                    "bad-option",
                    f"{self.objtype_name} {entry_id!r}: use :{start_opt}: and :{end_opt}:, not :{wrong}:",
                    self.get_location(),
                )
        roles: list[tuple[str, str]] = []
        for line in split_list(self.options.get("roles")):
            period, sep, text = line.partition(":")
            if not sep or not text.strip():
                warn(
                    "bad-option",
                    f"{entry_id!r}, :roles: line {line!r} is not 'PERIOD: text'",
                    self.get_location(),
                )
                continue
            roles.append((period.strip(), text.strip()))
        qid = self.options.get("wikidata", "").strip()
        if qid and not QID_PATTERN.match(qid):
            warn("bad-option", f"{entry_id!r}, :wikidata: {qid!r} is not a Wikidata QID", self.get_location())
            qid = ""
        sources: list[str] = []
        for url in split_list(self.options.get("source")):
            if URL_PATTERN.match(url):
                sources.append(url)
            else:
                warn(
                    "bad-option", f"{entry_id!r}, :source: {url!r} is not an http(s) URL", self.get_location()
                )
        if not sources and self.config.studyguide_require_source and "no-index" not in self.options:
            warn("no-source", f"{self.objtype_name} {entry_id!r} has no :source:", self.get_location())
        return Entry(
            id=entry_id,
            objtype=self.objtype_name,
            docname=self.env.docname,
            node_id="",
            line=self.lineno,
            name=name,
            short=self.options.get("short") or name,
            sort=self.options.get("sort") or name,
            variants=tuple(split_list(self.options.get("variants"))),
            start=self._date(start_opt),
            end=self._date(end_opt),
            role=" ".join(self.options.get("role", "").split()),
            roles=tuple(roles),
            wikidata=qid,
            related=tuple(split_list(self.options.get("related"))),
            term=" ".join(self.options.get("term", "").split()),
            text_role=" ".join(self.options.get("text-role", "").split()),
            sources=tuple(sources),
        )

    def handle_signature(self, sig: str, signode: addnodes.desc_signature) -> str:
        entry_id = sig.strip()
        if not ID_PATTERN.match(entry_id):
            warn(
                "bad-option",
                f"{entry_id!r} is not a register id (lowercase letters, digits, hyphens)",
                self.get_location(),
            )
        if "name" not in self.options:
            warn("bad-option", f"{self.objtype_name} {entry_id!r} has no :name:", self.get_location())
        entry = self._entry(entry_id)
        self.sg_entry = entry
        signode += addnodes.desc_name(entry.name, entry.name)
        span = display_span(entry.start, entry.end, entry.objtype)
        if span:
            signode += addnodes.desc_annotation(f" ({span})", f" ({span})")
        return entry_id

    def add_target_and_index(self, name: str, sig: str, signode: addnodes.desc_signature) -> None:
        node_id = make_id(self.env, self.state.document, self.objtype_name, name)
        signode["ids"].append(node_id)
        self.state.document.note_explicit_target(signode)
        entry = self.sg_entry
        domain = cast(StudyGuideDomain, self.env.domains["sg"])
        domain.note_entry(
            Entry(**{**entry.__dict__, "node_id": node_id}),
        )
        if "no-index-entry" not in self.options:
            label = TYPE_LABELS[self.objtype_name]
            self.indexnode["entries"].append(("single", f"{entry.sort} ({label})", node_id, "", None))

    def _object_hierarchy_parts(self, sig_node: addnodes.desc_signature) -> tuple[str, ...]:
        return (sig_node.astext(),)

    def _toc_entry_name(self, sig_node: addnodes.desc_signature) -> str:
        entry: Entry | None = getattr(self, "sg_entry", None)
        return entry.name if entry else ""

    def transform_content(self, content_node: addnodes.desc_content) -> None:
        entry: Entry | None = getattr(self, "sg_entry", None)
        if entry is None:
            return
        fields = nodes.field_list(classes=["sg-entry-fields"])

        def add(label: str, body: nodes.Node | str) -> None:
            value = nodes.paragraph()
            value += body if isinstance(body, nodes.Node) else nodes.Text(body)
            fields.append(nodes.field("", nodes.field_name(label, label), nodes.field_body("", value)))

        if entry.role:
            add(_("Role"), entry.role)
        for period, text in entry.roles:
            add(_("In {period}").format(period=period), text)
        if entry.variants:
            add(_("Also written"), "; ".join(entry.variants))
        if entry.wikidata:
            url = f"https://www.wikidata.org/wiki/{entry.wikidata}"
            add(_("Wikidata"), nodes.reference(entry.wikidata, entry.wikidata, refuri=url))
        if entry.sources:
            links = nodes.inline()
            for position, url in enumerate(entry.sources):
                if position:
                    links += nodes.Text("; ")
                links += nodes.reference(url, _source_label(url), refuri=url)
            add(_("Source"), links)
        if entry.related:
            para = nodes.inline()
            for position, related in enumerate(entry.related):
                if position:
                    para += nodes.Text(", ")
                xref = addnodes.pending_xref(
                    "", refdomain="sg", reftype="any", reftarget=related, refexplicit=False, sg_explicit=False
                )
                xref += nodes.inline(related, related)
                para += xref
            add(_("See also"), para)
        if len(fields):
            content_node.insert(0, fields)
        content_node += sg_placeholder(kind="backlinks", target=entry.id)
        cast(StudyGuideDomain, self.env.domains["sg"]).note_generated(self.env.docname, "backlinks")


def _source_label(url: str) -> str:
    """A source link's text: its site and page ('en.wikipedia.org: Kronstadt_rebellion')."""
    rest = url.split("://", 1)[-1].rstrip("/")
    host, _sep, path = rest.partition("/")
    page = path.rsplit("/", 1)[-1] if path else ""
    return f"{host}: {page}" if page else host


@functools.lru_cache(maxsize=4096)
def _safe_id(target: str) -> str:
    """An id fit for HTML, whatever the target (the same for every mention of it)."""
    return nodes.make_id(target) or "entry"


class MentionRole(XRefRole):
    """``{person}`trotsky``` or ``{person}`L.D. Trotsky <trotsky>```: a link that is also a mention."""

    def __init__(self) -> None:
        super().__init__(innernodeclass=nodes.inline, warn_dangling=True)

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        if ":" not in self.name:  # the short form {person} is {sg:person}
            self.name = f"sg:{self.name}"
        return super().run()

    def process_link(
        self, env: BuildEnvironment, refnode: nodes.Element, has_explicit_title: bool, title: str, target: str
    ) -> tuple[str, str]:
        refnode["sg_explicit"] = has_explicit_title
        return title, target.strip()

    def result_nodes(
        self, document: nodes.document, env: BuildEnvironment, node: nodes.Element, is_ref: bool
    ) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        target = node["reftarget"]
        objtype = self.reftype
        if not target:
            warn(
                "empty-target",
                f"{self.name} role {self.rawtext!r} has no target id",
                (env.docname, self.lineno),
            )
            return [nodes.inline(self.title, self.title)], []
        safe = _safe_id(target)
        serial = env.new_serialno(f"sg-mention-{safe}")
        mention_id = f"mention-{safe}-{serial}" if serial else f"mention-{safe}"
        # The reference itself is the mention (no wrapper node): its id is written around the
        # link by the HTML visitor (``<span class="sg-mention" id=...>``).
        node["sg_mention_id"] = mention_id
        node["sg_target"] = target
        node["sg_objtype"] = objtype
        document.ids[mention_id] = node
        return [node], []


def _warn_missing_reference(app: Sphinx, domain: Domain | None, node: addnodes.pending_xref) -> bool | None:
    """Our own warning for an unresolved reference: a subtype, and a close match if there is one.

    Runs after every resolver (intersphinx included) has had its chance.
    """
    if domain is None or domain.name != "sg":
        return None
    sg = cast(StudyGuideDomain, domain)
    target = node["reftarget"]
    entry = sg.find(target)
    kind = node["reftype"]
    if entry is not None and kind != "any":
        message = f"{target!r} is a {entry.objtype} entry, not a {kind}"
    else:
        message = f"unknown register id {target!r} in a {kind} reference{sg.suggest(target)}"
    warn("unknown-id", message, node)
    return True


def record_mentions(env: BuildEnvironment, page: ReadPage) -> None:
    """Read step: each mention on the page, with its paragraph and whether an editor's note holds it."""
    if not page.mentions:
        return
    note_classes = frozenset(env.config.studyguide_note_classes)
    docname = page.docname
    mentions = cast(StudyGuideDomain, env.domains["sg"]).doc(docname).mentions
    for spot in page.mentions:
        node = spot.node
        mentions.append(
            Mention(
                target=node["sg_target"],
                objtype=node["sg_objtype"],
                docname=docname,
                node_id=node["sg_mention_id"],
                line=spot.line,
                paragraph=spot.paragraph,
                note=bool(spot.admonitions) and not note_classes.isdisjoint(spot.admonitions),
            )
        )


def check_related(app: Sphinx, env: BuildEnvironment) -> None:
    """Related entries that do not exist."""
    domain = cast(StudyGuideDomain, env.domains["sg"])
    for entry in domain.entries.values():
        for related in entry.related:
            if domain.find(related) is None:
                warn(
                    "unknown-id",
                    f"{entry.id!r}, :related: unknown id {related!r}{domain.suggest(related)}",
                    (entry.docname, entry.line),
                )


def setup_register(app: Sphinx) -> None:
    app.add_domain(StudyGuideDomain)
    # Admonitions of these classes are the editors' notes: what they name is not a mention in the text.
    app.add_config_value("studyguide_note_classes", ["editorial"], "env", types=[list, tuple])
    # When on, the domain indices list each passage that mentions an entry under it.
    app.add_config_value("studyguide_index_mentions", False, "env", types=[bool])
    # When on, every register entry must cite a :source: (warning no-source).
    app.add_config_value("studyguide_require_source", False, "env", types=[bool])
    for objtype in OBJECT_TYPES:
        app.add_directive_to_domain("sg", objtype, EntryDirective)
        app.add_role_to_domain("sg", objtype, MentionRole())
        # The short forms {person}, {event}, ... add the domain prefix.
        app.add_directive(objtype, EntryDirective)
        app.add_role(objtype, MentionRole())
    register_feature(Feature("mentions", read=record_mentions))
    app.connect("warn-missing-reference", _warn_missing_reference)
    app.connect("env-check-consistency", check_related)
