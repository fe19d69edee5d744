"""The ``sg`` domain: the data every page contributes, and references to register entries.

Owns: the records (``Entry``, ``Mention``, ``DocData``: entries, mentions, claims, quizzes
per page) and the caches computed from them; purging and merging, which keep them right under
``-j N`` and incremental builds; resolving references into links with a tooltip
(``make_entry_reference``); the domain indices.  The features record into it while pages
are read (through the core's read walk); it imports none of them.
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Iterable, Iterator, Set
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from sphinx.addnodes import pending_xref
from sphinx.domains import Domain, Index, IndexEntry, ObjType

from studyguide.dates import FuzzyDate, chronological_key, display_years
from studyguide.i18n import _
from studyguide.nodes import href, sg_reference
from studyguide.warnings import warn

if TYPE_CHECKING:
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

#: object type -> (label, plural label) used in indices and JSON.
OBJECT_TYPES: dict[str, tuple[str, str]] = {
    "person": ("person", "people"),
    "event": ("event", "events"),
    "org": ("organisation", "organisations"),
    "place": ("place", "places"),
    "work": ("work", "works"),
    "topic": ("topic", "topics"),
}


@dataclass(frozen=True)
class Entry:
    """One register entry, as its directive defined it."""

    id: str
    objtype: str
    docname: str
    node_id: str
    line: int | None
    name: str
    short: str
    sort: str
    variants: tuple[str, ...] = ()
    start: FuzzyDate | None = None  # born, for a person
    end: FuzzyDate | None = None  # died, for a person
    role: str = ""
    roles: tuple[tuple[str, str], ...] = ()
    wikidata: str = ""
    related: tuple[str, ...] = ()
    term: str = ""  # a glossary term that explains the entry
    text_role: str = ""  # the role as the text itself gives it (for match questions)
    sources: tuple[str, ...] = ()  # URLs of the public references its dates and role were checked in

    @functools.cached_property
    def years(self) -> str:
        return display_years(self.start, self.end, self.objtype)

    @functools.cached_property
    def tip(self) -> str:
        """The line shown on hover and focus: dates as the kind of entry has them, and role."""
        return " · ".join(p for p in (self.years, self.role) if p)


@dataclass(frozen=True, slots=True)
class Mention:
    """One passage that mentions an entry."""

    target: str
    objtype: str
    docname: str
    node_id: str
    line: int | None
    paragraph: int | None
    note: bool = False  # in an editor's note (an admonition of a ``studyguide_note_classes`` class)


@dataclass
class DocData:
    """All a single page contributed; purged and merged as a unit."""

    entries: dict[str, Entry] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    claims: dict[str, Any] = field(default_factory=dict)  # id -> studyguide.claims.Claim
    quizzes: dict[str, Any] = field(default_factory=dict)  # id -> studyguide.quiz.directive.QuizRecord
    keys: dict[str, int | None] = field(default_factory=dict)  # quiz id -> line of its answer key
    exams: dict[str, int | None] = field(default_factory=dict)  # quiz id -> line of its exam
    exam_options: dict[str, dict[str, Any]] = field(default_factory=dict)  # quiz id -> exam's count, seed
    generated: set[str] = field(default_factory=set)  # kinds of generated content the page shows


class StudyGuideDomain(Domain):
    """Register entries (people, events, organisations, places, works) and claims."""

    name = "sg"
    label = "Study guide"
    object_types: ClassVar[dict[str, ObjType]] = {
        objtype: ObjType(label, objtype) for objtype, (label, _plural) in OBJECT_TYPES.items()
    }
    initial_data: ClassVar[dict[str, Any]] = {"docs": {}, "fingerprints": {}}
    data_version = 1
    _mentions_cache: dict[tuple[str, bool], list[Mention]] | None = None
    _entries_cache: dict[str, Entry] | None = None
    quiz_cache: Any = None  # studyguide.quiz.directive.QuizSet, built once per build
    _build_cache: dict[str, Any] | None = None

    # -- data access -----------------------------------------------------------------
    @property
    def docs(self) -> dict[str, DocData]:
        docs: dict[str, DocData] = self.data["docs"]
        return docs

    def doc(self, docname: str) -> DocData:
        docs = self.docs
        if docname not in docs:
            docs[docname] = DocData()
        return docs[docname]

    @property
    def entries(self) -> dict[str, Entry]:
        """Every entry by id; where two pages define one id, the first in name order wins.

        Built once and kept until the data changes (callers must not modify it).
        """
        cache = self._entries_cache
        if cache is None:
            cache = {}
            for docname in sorted(self.docs):
                for entry_id, entry in self.docs[docname].entries.items():
                    cache.setdefault(entry_id, entry)
            self._entries_cache = cache
        return cache

    def mentions_of(self, target: str) -> list[Mention]:
        """The passages of the text that mention an entry (not the editors' notes)."""
        return list(self._mention_index().get((target, False), ()))

    def note_mentions_of(self, target: str) -> list[Mention]:
        """The editors' notes that name an entry."""
        return list(self._mention_index().get((target, True), ()))

    def _mention_index(self) -> dict[tuple[str, bool], list[Mention]]:
        """(entry, in a note) -> its mentions, pages in name order."""
        cache = self._mentions_cache
        if cache is None:
            cache = {}
            for docname in sorted(self.docs):
                for mention in self.docs[docname].mentions:
                    cache.setdefault((mention.target, mention.note), []).append(mention)
            self._mentions_cache = cache
        return cache

    @property
    def build_cache(self) -> dict[str, Any]:
        """What is computed once per build from the data (page titles, URIs, reading order).

        Emptied whenever the data changes; never pickled with the environment.
        """
        if self._build_cache is None:
            self._build_cache = {}
        return self._build_cache

    def page_title(self, docname: str) -> str | None:
        """A page's title as text (None for a page without one), computed once per build."""
        titles: dict[str, str] | None = self.build_cache.get("titles")
        if titles is None:
            titles = {name: title.astext() for name, title in self.env.titles.items()}
            self.build_cache["titles"] = titles
        return titles.get(docname)

    def changed(self) -> None:
        """The data changed: drop everything computed from it."""
        self._mentions_cache = None
        self._entries_cache = None
        self._build_cache = None
        self.quiz_cache = None

    _changed = changed

    def find(self, target: str) -> Entry | None:
        return self.entries.get(target)

    def suggest(self, target: str) -> str:
        """' (did you mean 'trotsky'?)' or ''."""
        close = difflib.get_close_matches(target, self.entries.keys(), n=1, cutoff=0.6)
        return f"; did you mean {close[0]!r}?" if close else ""

    # -- recording (read phase) ---------------------------------------------------------
    def note_entry(self, entry: Entry) -> None:
        existing = self.find(entry.id)
        if existing is not None and (existing.docname, existing.node_id) != (entry.docname, entry.node_id):
            warn(
                "duplicate-id",
                f"duplicate register entry {entry.id!r}: also defined in "
                f"{existing.docname}, line {existing.line}",
                location=(entry.docname, entry.line),
            )
            return
        self.doc(entry.docname).entries[entry.id] = entry
        self._changed()

    def note_generated(self, docname: str, kind: str) -> None:
        self.doc(docname).generated.add(kind)

    # -- purge and merge ----------------------------------------------------------------
    def clear_doc(self, docname: str) -> None:
        self.docs.pop(docname, None)
        self._changed()

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for docname in docnames:
            if docname in otherdata["docs"]:
                self.docs[docname] = otherdata["docs"][docname]
        self._changed()

    # -- resolving ----------------------------------------------------------------------
    def resolve_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: pending_xref,
        contnode: nodes.Element,
    ) -> nodes.reference | None:
        entry = self.find(target)
        if entry is None or (typ != "any" and self.object_types[entry.objtype].roles[0] != typ):
            return None
        return make_entry_reference(builder, fromdocname, entry, node, contnode)

    def resolve_any_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: pending_xref,
        contnode: nodes.Element,
    ) -> list[tuple[str, nodes.reference]]:
        entry = self.find(target)
        if entry is None:
            return []
        ref = make_entry_reference(builder, fromdocname, entry, node, contnode)
        return [(f"sg:{entry.objtype}", ref)]

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        for entry in sorted(self.entries.values(), key=lambda e: e.id):
            yield entry.id, entry.name, entry.objtype, entry.docname, entry.node_id, 1

    def get_full_qualified_name(self, node: nodes.Element) -> str | None:
        target = node.get("reftarget")
        return str(target) if target else None


def make_entry_reference(
    builder: Builder, fromdocname: str, entry: Entry, node: pending_xref, contnode: nodes.Element
) -> sg_reference:
    """A link to an entry; a bare reference shows the entry's short name."""
    if not node.get("sg_explicit", True):
        contnode = contnode.deepcopy()
        contnode.children = [nodes.Text(entry.short)]
    ref = sg_reference("", "", internal=True, classes=["sg-ref", f"sg-{entry.objtype}"])
    if fromdocname == entry.docname:
        ref["refid"] = entry.node_id
    else:
        ref["refuri"] = href(builder, fromdocname, entry.docname, entry.node_id)
    ref["reftitle"] = entry.tip or entry.name
    mention_id = node.get("sg_mention_id")
    if mention_id:  # a mention: its id and target go with the link
        ref["sg_mention_id"] = mention_id
        ref["sg_target"] = node["sg_target"]
    if mention_id and entry.tip:
        ref["sg_tip"] = entry.tip
        ref["sg_tip_id"] = f"{mention_id}-tip"
    ref.append(contnode)
    return ref


class EntryIndex(Index):
    """A domain index of one object type; with ``studyguide_index_mentions``, a sub-entry for each
    passage that mentions an entry (the entry's back-links list them in any case)."""

    objtype = "person"

    def generate(
        self, docnames: Iterable[str] | None = None
    ) -> tuple[list[tuple[str, list[IndexEntry]]], bool]:
        domain = self.domain
        assert isinstance(domain, StudyGuideDomain)
        env = domain.env
        with_mentions = bool(env.config.studyguide_index_mentions)
        content: dict[str, list[IndexEntry]] = {}
        entries = [e for e in domain.entries.values() if e.objtype == self.objtype]
        for entry in sorted(entries, key=self.sort_key):
            if docnames is not None and entry.docname not in docnames:
                continue
            mentions = domain.mentions_of(entry.id) if with_mentions else []
            letter = self.group(entry)
            rows = content.setdefault(letter, [])
            rows.append(
                IndexEntry(
                    entry.sort, 1 if mentions else 0, entry.docname, entry.node_id, entry.years, "", ""
                )
            )
            for mention in mentions:
                title = domain.page_title(mention.docname) or ""
                where = f"{title}, ¶ {mention.paragraph}" if mention.paragraph else title
                rows.append(IndexEntry(where, 2, mention.docname, mention.node_id, "", "", ""))
        return sorted(content.items()), True

    def sort_key(self, entry: Entry) -> Any:
        return entry.sort.casefold()

    def group(self, entry: Entry) -> str:
        return entry.sort[:1].upper()


INDEX_NAMES = {
    "person": (_("Index of people"), _("people")),
    "event": (_("Index of events"), _("events")),
    "org": (_("Index of organisations"), _("organisations")),
    "place": (_("Index of places"), _("places")),
    "work": (_("Index of works"), _("works")),
    "topic": (_("Index of topics"), _("topics")),
}


def _index_class(objtype: str) -> type[EntryIndex]:
    class _Index(EntryIndex):
        name = f"{objtype}index"
        localname, shortname = INDEX_NAMES[objtype]

    _Index.objtype = objtype
    if objtype == "event":

        def sort_key(self: EntryIndex, entry: Entry) -> Any:
            return (chronological_key(entry.start), entry.sort)

        def group(self: EntryIndex, entry: Entry) -> str:
            return str(entry.start.year) if entry.start else _("undated")

        _Index.sort_key = sort_key  # type: ignore[method-assign]
        _Index.group = group  # type: ignore[method-assign]
    _Index.__name__ = f"{objtype.title()}Index"
    return _Index


StudyGuideDomain.indices = [_index_class(t) for t in OBJECT_TYPES]
