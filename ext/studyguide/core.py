"""The core of generated content: one doctree walk per phase, and which pages to rewrite.

Owns: the list of features (each registers a read step, a resolve step and a fingerprint
with ``register_feature``); the read walk (a transform, where Sphinx lets domains read a
page), which numbers the paragraphs of
the running text and finds the mentions, claim passages and placeholders a page holds; the
resolve walk (``doctree-resolved``), which finds the placeholders, mentions and inline claims
that features replace or mark; the freshness of generated pages (``pages_to_rewrite``, on
``env-updated``); and what every feature reads once per build: the reading order of the pages
(``document_order``), their titles (``page_title``) and their URIs (``page_uri``).

It knows the extension's markup (the attributes ``sg_target`` and ``sg_claim``, the
``sg_placeholder`` node), not what any feature does with it.  Features import the core, never
the other way round.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

from docutils import nodes
from sphinx.errors import NoUri
from sphinx.transforms import SphinxTransform

from studyguide.domain import StudyGuideDomain
from studyguide.nodes import sg_placeholder

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

_NO_CLASSES: frozenset[str] = frozenset()
#: containers whose paragraphs are apparatus, not running text (not numbered)
_APART = (nodes.Admonition, nodes.table, nodes.field_list, nodes.footnote)
_APART_NAMES = frozenset({"desc", "glossary", "sg_placeholder"})
_BLANK_CLASSES = frozenset({"sg-blank", "blank"})


@dataclass(slots=True)
class Spot:
    """A node the read walk found, with what its ancestors say about it."""

    node: nodes.Element
    line: int | None  # its own line, or its nearest ancestor's
    paragraph: int | None  # the number of the paragraph of running text it lies in
    admonitions: frozenset[str]  # the classes of the admonitions it lies in


@dataclass(slots=True)
class Passage:
    """A claim passage: the node, its line, and the blanks and mentions inside it."""

    node: nodes.Element
    line: int | None
    blanks: list[nodes.Element] = field(default_factory=list)
    mentions: list[nodes.Element] = field(default_factory=list)


@dataclass(slots=True)
class ReadPage:
    """What the read walk found on one page, in document order."""

    docname: str
    document: nodes.document
    paragraphs: list[nodes.paragraph] = field(default_factory=list)
    mentions: list[Spot] = field(default_factory=list)
    passages: list[Passage] = field(default_factory=list)
    placeholders: list[sg_placeholder] = field(default_factory=list)
    stray_blanks: list[Spot] = field(default_factory=list)  # blanks outside any claim passage


@dataclass(slots=True)
class ResolvePage:
    """What the resolve walk found on one page, in document order."""

    docname: str
    doctree: nodes.document
    placeholders: list[sg_placeholder] = field(default_factory=list)
    by_kind: dict[str, list[sg_placeholder]] = field(default_factory=dict)
    mentions: list[nodes.Element] = field(default_factory=list)  # resolved mentions (``sg_target``)
    claims: list[nodes.inline] = field(default_factory=list)  # inline claim passages

    def of_kind(self, *kinds: str) -> list[sg_placeholder]:
        """The placeholders of these kinds, in document order."""
        if len(kinds) == 1:
            return list(self.by_kind.get(kinds[0], ()))
        if not any(kind in self.by_kind for kind in kinds):
            return []
        return [p for p in self.placeholders if p["kind"] in kinds]


ReadStep = Callable[["BuildEnvironment", ReadPage], None]
ResolveStep = Callable[["Sphinx", ResolvePage], None]
Fingerprint = Callable[["Sphinx", Sequence[str]], dict[str, str]]


@dataclass(frozen=True)
class Feature:
    """A kind of generated content, as the core runs it."""

    name: str
    read: ReadStep | None = None
    resolve: ResolveStep | None = None
    fingerprint: Fingerprint | None = None


#: the features in the order they were registered (each ``setup`` registers the same ones)
_FEATURES: dict[str, Feature] = {}


def register_feature(feature: Feature) -> None:
    """Add a feature, or replace the one of the same name (``setup`` runs once per app)."""
    _FEATURES[feature.name] = feature


def features() -> list[Feature]:
    return list(_FEATURES.values())


# -- the read walk ---------------------------------------------------------------------------
def read_walk(docname: str, document: nodes.document) -> ReadPage:
    """One pass over a page: paragraphs of running text, mentions, claim passages, placeholders."""
    page = ReadPage(docname, document)
    paragraphs = page.paragraphs
    mentions = page.mentions
    passages = page.passages
    placeholders = page.placeholders
    paragraph_class = nodes.paragraph
    inline_class = nodes.inline
    element_class = nodes.Element
    admonition_class = nodes.Admonition

    def visit(
        node: nodes.Element,
        running: bool,
        paragraph: int | None,
        line: int | None,
        admonitions: frozenset[str],
        open_passages: list[Passage],
    ) -> None:
        for child in node.children:
            if not isinstance(child, element_class):
                continue
            attributes = child.attributes
            child_line = child.line or line
            child_paragraph = paragraph
            child_passages = open_passages
            if isinstance(child, paragraph_class):
                if running:
                    paragraphs.append(child)
                    child_paragraph = len(paragraphs)
            elif isinstance(child, sg_placeholder):
                placeholders.append(child)
            if "sg_target" in attributes:
                if "sg_mention_id" in attributes:
                    mentions.append(Spot(child, child_line, child_paragraph, admonitions))
                for passage in open_passages:
                    passage.mentions.append(child)
            if "sg_claim" in attributes or (
                isinstance(child, inline_class) and attributes["ids"] and "claim" in attributes["classes"]
            ):
                passage = Passage(child, child_line)
                passages.append(passage)
                child_passages = [*open_passages, passage]
            elif isinstance(child, inline_class) and not _BLANK_CLASSES.isdisjoint(attributes["classes"]):
                for passage in open_passages:
                    passage.blanks.append(child)
                if not open_passages:
                    page.stray_blanks.append(Spot(child, child_line, child_paragraph, admonitions))
            if not child.children:
                continue
            child_running = running and not (
                isinstance(child, _APART)
                or "sg-apparatus" in attributes["classes"]
                or child.__class__.__name__ in _APART_NAMES
            )
            child_admonitions = admonitions
            if isinstance(child, admonition_class) and attributes["classes"]:
                child_admonitions = admonitions | frozenset(attributes["classes"])
            visit(child, child_running, child_paragraph, child_line, child_admonitions, child_passages)

    visit(document, True, None, document.line, _NO_CLASSES, [])
    return page


def _number_paragraphs(page: ReadPage) -> None:
    """Each paragraph of the running text gets an anchor ``p-N`` (unless the page has one)."""
    ids = page.document.ids
    for number, paragraph in enumerate(page.paragraphs, start=1):
        anchor = f"p-{number}"
        if anchor not in ids:
            paragraph["ids"].append(anchor)
            ids[anchor] = paragraph


def run_read_steps(env: BuildEnvironment, document: nodes.document) -> None:
    page = read_walk(env.docname, document)
    _number_paragraphs(page)
    for feature in _FEATURES.values():
        if feature.read is not None:
            feature.read(env, page)
    sg_domain(env).changed()


class ReadWalk(SphinxTransform):
    """The read phase, where Sphinx lets domains read a page (``SphinxDomains``, priority 850):
    after the parser's transforms, before ``doctree-read`` (whose metadata collector takes the
    front matter out of the tree)."""

    default_priority = 850

    def apply(self, **kwargs: Any) -> None:
        run_read_steps(self.env, self.document)


# -- the resolve walk ------------------------------------------------------------------------
def resolve_walk(docname: str, doctree: nodes.document) -> ResolvePage:
    """One pass over a page as it is written: placeholders by kind, mentions, inline claims."""
    page = ResolvePage(docname, doctree)
    placeholders = page.placeholders
    by_kind = page.by_kind
    mentions = page.mentions
    claims = page.claims
    inline_class = nodes.inline
    for node in doctree.findall(nodes.Element):
        attributes = node.attributes
        if "sg_target" in attributes:
            if "sg_mention_id" in attributes:
                mentions.append(node)
        elif isinstance(node, inline_class):
            if "sg_claim" in attributes:
                claims.append(node)
        elif isinstance(node, sg_placeholder):
            placeholders.append(node)
            by_kind.setdefault(node["kind"], []).append(node)
    return page


def run_resolve_steps(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    page = resolve_walk(docname, doctree)
    for feature in _FEATURES.values():
        if feature.resolve is not None:
            feature.resolve(app, page)


# -- what every feature reads once per build ---------------------------------------------------
def sg_domain(env: BuildEnvironment) -> StudyGuideDomain:
    return cast(StudyGuideDomain, env.domains["sg"])


def _cache(env: BuildEnvironment) -> dict[str, Any]:
    return sg_domain(env).build_cache


def document_order(env: BuildEnvironment) -> dict[str, int]:
    """Docnames in reading order (depth-first through the toctrees), others after."""
    cache = _cache(env)
    cached: dict[str, int] | None = cache.get("order")
    if cached is not None:
        return cached
    order: dict[str, int] = {}
    stack = [env.config.root_doc]
    while stack:
        docname = stack.pop()
        if docname in order:
            continue
        order[docname] = len(order)
        stack.extend(reversed(env.toctree_includes.get(docname, [])))
    for docname in sorted(env.found_docs):
        order.setdefault(docname, len(order))
    cache["order"] = order
    return order


def page_title(env: BuildEnvironment, docname: str) -> str | None:
    """A page's title as text (None for a page without one), computed once per build."""
    return sg_domain(env).page_title(docname)


def page_uri(app: Sphinx, docname: str) -> str:
    """A page's URI relative to the output root ("" where the builder has none), once per build."""
    uris: dict[str, str] = _cache(app.env).setdefault(f"uris-{app.builder.name}", {})
    uri = uris.get(docname)
    if uri is None:
        try:
            uri = str(app.builder.get_target_uri(docname))
        except NoUri:
            uri = ""
        uris[docname] = uri
    return uri


# -- freshness -------------------------------------------------------------------------------
def pages_to_rewrite(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """After reading: the pages whose generated content changed, though their source did not.

    Each page that shows generated content (back-links, quizzes, overviews, "asked in" notes)
    keeps a digest of what it showed, made of each feature's fingerprint; only the pages whose
    digest changed are written again.
    """
    domain = sg_domain(env)
    pages = [d for d, data in domain.docs.items() if data.generated or data.claims]
    parts = [feature.fingerprint(app, pages) for feature in _FEATURES.values() if feature.fingerprint]
    fingerprints = {docname: "".join(part.get(docname, "") for part in parts) for docname in pages}
    previous: dict[str, str] = domain.data.setdefault("fingerprints", {})
    changed = sorted(d for d, digest in fingerprints.items() if previous.get(d) != digest)
    domain.data["fingerprints"] = fingerprints
    return changed


def setup_core(app: Sphinx) -> None:
    app.add_transform(ReadWalk)
    app.connect("doctree-resolved", run_resolve_steps)
    app.connect("env-updated", pages_to_rewrite)
