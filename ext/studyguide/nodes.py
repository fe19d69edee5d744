"""Custom docutils nodes and how each builder renders them."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.writers.html5 import HTML5Translator


class sg_reference(nodes.reference):
    """A link to a register entry; in HTML it carries a hover/focus tooltip.

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
    tip_id = node.get("sg_tip_id")
    tipped = bool(tip_id and node.get("sg_tip"))
    # One tooltip only: a link with its own tip has no native title repeating it.
    title = node.attributes.pop("reftitle", None) if tipped else None
    self.visit_reference(node)
    if title is not None:
        node["reftitle"] = title
    if tipped:
        self.body[-1] = self.body[-1].replace("<a ", f'<a aria-describedby="{tip_id}" ', 1)


def depart_sg_reference_html(self: HTML5Translator, node: sg_reference) -> None:
    self.depart_reference(node)
    tip_id = node.get("sg_tip_id")
    if tip_id and node.get("sg_tip"):
        text = self.encode(node["sg_tip"])
        self.body.append(f'<span class="sg-tip sg-apparatus" role="tooltip" id="{tip_id}">{text}</span>')


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


def href(builder: Any, fromdoc: str, todoc: str, anchor: str = "") -> str:
    """A link from one page to an anchor on another, right for every HTML builder.

    Single-page builders (singlehtml, PDF via HTML) give each page's URI as ``#document-...``:
    there the anchor alone is the link.
    """
    if fromdoc == todoc:
        return f"#{anchor}" if anchor else ""
    uri = str(builder.get_relative_uri(fromdoc, todoc))
    if uri.startswith("#") and anchor:
        return f"#{anchor}"
    return f"{uri}#{anchor}" if anchor else uri
