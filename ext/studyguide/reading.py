"""The end of a piece: a link to the quiz on that piece (HTML pages a student uses only).

A quiz whose ``:pieces:`` names exactly one page is that page's quiz; the page ends with a
paragraph linking it, so that a student who has read the piece can go straight on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from studyguide.core import Feature, ResolvePage, register_feature
from studyguide.i18n import _
from studyguide.nodes import href
from studyguide.quiz.directive import built_quizzes
from studyguide.quiz.render import interactive

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def quiz_of_piece(app: Sphinx, docname: str) -> tuple[str, str] | None:
    """(quiz docname, quiz title) of the first quiz on this page alone, if any."""
    for quiz in built_quizzes(app).quizzes.values():
        if quiz.record.spec.pieces == (docname,) and quiz.record.docname != docname:
            return quiz.record.docname, quiz.record.title
    return None


def add_quiz_link(app: Sphinx, page: ResolvePage) -> None:
    """Resolve step: the paragraph linking the piece's quiz, at the end of the piece."""
    doctree, docname = page.doctree, page.docname
    if not interactive(app):
        return
    found = quiz_of_piece(app, docname)
    if found is None:
        return
    quiz_doc, title = found
    link = nodes.reference("", _("Take the quiz: {title}").format(title=title), internal=True)
    link["refuri"] = href(app.builder, docname, quiz_doc)
    link["classes"].append("sg-next-link")
    para = nodes.paragraph("", "", link, classes=["sg-next", "sg-apparatus"])
    sections = [s for s in doctree.children if isinstance(s, nodes.section)]
    (sections[-1] if sections else doctree).append(para)


def setup_reading(app: Sphinx) -> None:
    register_feature(Feature("quiz-link", resolve=add_quiz_link))
