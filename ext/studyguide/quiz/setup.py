"""Wires the quiz modules into Sphinx and the core: directives, checks, resolve steps, fingerprints.

Owns nothing else; it is the top of the ``quiz`` package (``studyguide.setup`` calls it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from studyguide.quiz.anki import setup_anki
from studyguide.quiz.coverage import setup_coverage
from studyguide.quiz.directive import (
    QuizCountRole,
    QuizDirective,
    QuizExamDirective,
    QuizKeyDirective,
    check_quizzes,
)
from studyguide.quiz.exams import setup_exams
from studyguide.quiz.export import setup_exports
from studyguide.quiz.grader_page import setup_grader
from studyguide.quiz.moodle_xml import setup_moodle_xml
from studyguide.quiz.render import setup_render
from studyguide.quiz.report import setup_report

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup_quiz(app: Sphinx) -> None:
    for name in ("quiz", "sg:quiz"):
        app.add_directive(name, QuizDirective)
    for name in ("quiz-key", "sg:quiz-key"):
        app.add_directive(name, QuizKeyDirective)
    for name in ("quiz-count", "sg:quiz-count"):
        app.add_role(name, QuizCountRole())
    for name in ("quiz-exam", "sg:quiz-exam"):
        app.add_directive(name, QuizExamDirective)
    app.connect("env-check-consistency", check_quizzes, priority=600)
    setup_render(app)
    setup_report(app)
    setup_exports(app)
    setup_moodle_xml(app)
    setup_anki(app)
    setup_grader(app)
    setup_exams(app)
    setup_coverage(app)
