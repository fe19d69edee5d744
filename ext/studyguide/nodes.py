"""Custom docutils nodes and how each builder renders them; links between pages (``href``).

Owns: ``sg_reference`` (a link to a register entry, with its direct HTML visitor),
``sg_placeholder`` (where generated content goes), and ``href``, whose relative URIs are
computed once per builder and pair of pages.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterator
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.writers.html5 import HTML5Translator


class sg_reference(nodes.reference):
    """A link to a register entry; in HTML it carries a hover/focus tooltip, and a mention's
    link is wrapped in the span that carries the mention's id (``sg_mention_id``).

    Non-HTML builders fall back to ``visit_reference`` through the class hierarchy.
    """


class sg_placeholder(nodes.General, nodes.Element):
    """Where generated content goes (back-links, quizzes, timelines); replaced at resolve time."""


def elements(node: nodes.Node, condition: Callable[[nodes.Node], bool]) -> Iterator[nodes.Element]:
    """The elements under ``node`` (itself included) that meet ``condition``, typed as elements."""
    for found in node.findall(condition):
        if isinstance(found, nodes.Element):
            yield found


def visit_sg_reference_html(self: HTML5Translator, node: sg_reference) -> None:
    """The ``<a>`` of an entry link, written directly (as ``visit_reference`` would, plus its tooltip)."""
    attributes = node.attributes
    tip_id = attributes.get("sg_tip_id")
    has_tip = bool(tip_id and attributes.get("sg_tip"))
    mention_id = attributes.get("sg_mention_id")
    if mention_id:  # a mention: the span that carries its id (the back-links' target)
        self.body.append(f'<span class="sg-mention" id="{self.attval(str(mention_id))}">')
    if (
        attributes["ids"]
        or "target" in attributes
        or "rel" in attributes
        or attributes.get("secnumber")
        or not isinstance(node.parent, nodes.TextElement)
        or not attributes.get("internal")
        or any(c.startswith("language-") for c in attributes["classes"])
    ):  # what the standard visitor handles and entry links never have
        # One tooltip only: a link with its own tip has no native title repeating it.
        title = attributes.pop("reftitle", None) if has_tip else None
        self.visit_reference(node)
        if title is not None:
            attributes["reftitle"] = title
        if has_tip:
            self.body[-1] = self.body[-1].replace("<a ", f'<a aria-describedby="{tip_id}" ', 1)
        return
    link = (attributes["refuri"] or "#") if "refuri" in attributes else "#" + attributes["refid"]
    classes = list(dict.fromkeys([*attributes["classes"], "reference", "internal"]))
    tag = ["<a"]
    if has_tip:
        tag.append(f' aria-describedby="{self.attval(str(tip_id))}"')
    tag.append(f' class="{self.attval(" ".join(classes))}" href="{self.attval(link)}"')
    if "reftitle" in attributes and not has_tip:  # one tooltip only
        tag.append(f' title="{self.attval(attributes["reftitle"])}"')
    tag.append(">")
    self.body.append("".join(tag))


def depart_sg_reference_html(self: HTML5Translator, node: sg_reference) -> None:
    self.depart_reference(node)
    tip_id = node.get("sg_tip_id")
    if tip_id and node.get("sg_tip"):
        text = self.encode(node["sg_tip"])
        self.body.append(f'<span class="sg-tip sg-apparatus" role="tooltip" id="{tip_id}">{text}</span>')
    if node.get("sg_mention_id"):
        self.body.append("</span>")


def _skip(self: Any, node: nodes.Element) -> None:
    raise nodes.SkipNode


def setup_nodes(app: Sphinx) -> None:
    app.add_node(sg_reference, override=True, html=(visit_sg_reference_html, depart_sg_reference_html))
    # A placeholder left unresolved (it should not be) renders as nothing anywhere.
    skip = (_skip, None)
    app.add_node(
        sg_placeholder,
        html=skip,
        latex=skip,
        text=skip,
        man=skip,
        texinfo=skip,
    )


#: builder -> (from page, to page) -> relative URI; a builder's URIs do not change during its build
_RELATIVE_URIS: weakref.WeakKeyDictionary[Any, dict[tuple[str, str], str]] = weakref.WeakKeyDictionary()


def relative_uri(builder: Any, fromdoc: str, todoc: str) -> str:
    """``builder.get_relative_uri``, computed once per builder and pair of pages."""
    try:
        uris = _RELATIVE_URIS[builder]
    except KeyError:
        uris = _RELATIVE_URIS[builder] = {}
    except TypeError:  # an object that cannot be weakly referenced (a stand-in): no cache
        return str(builder.get_relative_uri(fromdoc, todoc))
    key = (fromdoc, todoc)
    uri = uris.get(key)
    if uri is None:
        uri = uris[key] = str(builder.get_relative_uri(fromdoc, todoc))
    return uri


def href(builder: Any, fromdoc: str, todoc: str, anchor: str = "") -> str:
    """A link from one page to an anchor on another, right for every HTML builder.

    Single-page builders (singlehtml, PDF via HTML) give each page's URI as ``#document-...``:
    there the anchor alone is the link.
    """
    if fromdoc == todoc:
        return f"#{anchor}" if anchor else ""
    uri = relative_uri(builder, fromdoc, todoc)
    if uri.startswith("#") and anchor:
        return f"#{anchor}"
    return f"{uri}#{anchor}" if anchor else uri
