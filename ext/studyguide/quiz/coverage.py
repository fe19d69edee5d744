"""Coverage: the claims that no quiz or exam asks about, and the build's one-line summary.

It sits above the quizzes and the exams, so a claim left out of a practice quiz on purpose
and asked in an exam counts as asked.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, cast

from sphinx.util import logging

from studyguide.quiz.directive import built_quizzes
from studyguide.quiz.exams import built_exams
from studyguide.quiz.generate import QUESTION_TYPES
from studyguide.warnings import warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from studyguide.domain import StudyGuideDomain

logger = logging.getLogger("studyguide")


def check_coverage(app: Sphinx, env: BuildEnvironment) -> None:
    quizset = built_quizzes(app)
    if not quizset.quizzes:
        return
    domain = cast("StudyGuideDomain", env.domains["sg"])
    exams = built_exams(app)
    asked = set(quizset.usage) | {q.claim for exam in exams.values() for q in exam.questions if q.claim}
    unused = []
    for docname in sorted(domain.docs):
        for claim in domain.docs[docname].claims.values():
            if claim.id not in asked:
                unused.append(claim.id)
                warn("claim-unused", f"no quiz or exam asks about claim {claim.id!r}", (docname, claim.line))
    by_type = Counter(q.type for quiz in quizset.quizzes.values() for q in quiz.questions)
    summary = ", ".join(f"{t} {by_type[t]}" for t in QUESTION_TYPES if by_type[t])
    in_exams = sum(len(exam.questions) for exam in exams.values())
    logger.info(
        f"studyguide: {len(quizset.claims)} claims, {len(quizset.quizzes)} quizzes, "
        f"{sum(by_type.values())} questions ({summary}), {len(exams)} exams, {in_exams} exam questions, "
        f"{len(unused)} claims with no question"
    )


def setup_coverage(app: Sphinx) -> None:
    app.connect("env-check-consistency", check_coverage, priority=700)
