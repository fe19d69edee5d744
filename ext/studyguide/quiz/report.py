"""The editors' quiz report: the ``quiz-report`` directive, a table of each quiz's checks.

For each quiz and each exam: its questions by type, the balance of true and false statements and of
who-question keys, the claims it asks about, and what the question-quality lint found.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from studyguide.core import Feature, ResolvePage, register_feature
from studyguide.i18n import _
from studyguide.nodes import sg_placeholder
from studyguide.quiz.directive import quiz_profiles
from studyguide.quiz.exams import built_exams
from studyguide.quiz.quality import check_quiz

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from studyguide.domain import StudyGuideDomain
    from studyguide.quiz.quality import QuizProfile


class QuizReportDirective(SphinxDirective):
    """``quiz-report``: no arguments; the table is made once every quiz is built."""

    def run(self) -> list[nodes.Node]:
        domain = cast("StudyGuideDomain", self.env.domains["sg"])
        domain.note_generated(self.env.docname, "quiz-report")
        placeholder = sg_placeholder(kind="quiz-report", target="")
        self.set_source_info(placeholder)
        return [placeholder]


def _cell(text: str) -> nodes.entry:
    return nodes.entry("", nodes.paragraph("", text))


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{key} {value}" for key, value in sorted(counts.items())) or "—"


def report_table(profiles: list[QuizProfile]) -> nodes.table:
    headings = [
        _("Quiz"),
        _("Questions"),
        _("By type"),
        _("True / false"),
        _("Who-question keys"),
        _("Claims asked"),
        _("Checks"),
    ]
    table = nodes.table(classes=["sg-quiz-report"])
    group = nodes.tgroup(cols=len(headings))
    table += group
    for _heading in headings:
        group += nodes.colspec(colwidth=1)
    head = nodes.thead()
    head += nodes.row("", *(_cell(h) for h in headings))
    group += head
    body = nodes.tbody()
    for profile in profiles:
        findings = "; ".join(f"{f.message} [{f.subtype}]" for f in profile.findings) or _("all pass")
        body += nodes.row(
            "",
            _cell(profile.quiz),
            _cell(str(profile.questions)),
            _cell(_counts(profile.by_type)),
            _cell(f"{profile.true} / {profile.false}"),
            _cell(_counts(profile.who_keys)),
            _cell(f"{profile.claims_asked} / {profile.claims_selected}"),
            _cell(findings),
        )
    group += body
    return table


def resolve_report(app: Sphinx, page: ResolvePage) -> None:
    """Resolve step: the report's table, once every quiz and exam is built."""
    placeholders = page.of_kind("quiz-report")
    if not placeholders:
        return
    profiles = quiz_profiles(app)
    profiles += [
        check_quiz(f"{quiz_id} (exam)", exam.questions, len(exam.claims))
        for quiz_id, exam in sorted(built_exams(app).items())
    ]
    for placeholder in placeholders:
        placeholder.replace_self(report_table(profiles))


def setup_report(app: Sphinx) -> None:
    for name in ("quiz-report", "sg:quiz-report"):
        app.add_directive(name, QuizReportDirective)
    register_feature(Feature("quiz-report", resolve=resolve_report))
