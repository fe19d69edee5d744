"""QTI 1.2 packages against the QTI 1.2.1 ASI content models and IMS Content Packaging
(tests/qti12.py, written from the specifications): the unit quiz, hostile text, built sites."""

from __future__ import annotations

from pathlib import Path

import pytest

from studyguide.quiz.export import qti_package
from tests import qti12
from tests.test_export_hostile import HOSTILE, hostile_quiz
from tests.test_quiz_units import ALL, quiz


def test_every_type_fits_the_specification() -> None:
    assert qti12.package_problems(qti_package(quiz(*ALL))) == []


@pytest.mark.parametrize("offset", range(len(HOSTILE)))
def test_hostile_packages_fit(offset: int) -> None:
    assert qti12.package_problems(qti_package(hostile_quiz(offset))) == []


def test_built_packages_fit(quiz_site: Path, site: Path) -> None:
    packages = sorted((quiz_site / "_quizzes").glob("*-qti12.zip")) + sorted(
        (site / "_quizzes").glob("*-qti12.zip")
    )
    assert len(packages) >= 3
    for path in packages:
        assert qti12.package_problems(path.read_bytes()) == [], path.name


def test_the_checks_can_fail() -> None:
    item = (
        '<questestinterop xmlns="http://www.imsglobal.org/xsd/ims_qtiasiv1p2"><item ident="i"><presentation>'
        '<response_lid ident="r"><render_choice><response_label ident="c0"/></render_choice></response_lid>'
        "</presentation><resprocessing><outcomes><decvar/></outcomes><respcondition><conditionvar>"
        '<varequal respident="r">c9</varequal></conditionvar><displayfeedback linkrefid="fb"/>'
        '<setvar action="Set">100</setvar></respcondition></resprocessing></item></questestinterop>'
    )
    found = qti12.assessment_problems(item.encode())
    assert any("respcondition" in p for p in found)  # setvar after displayfeedback
    assert any("names no choice" in p for p in found) and any("links no itemfeedback" in p for p in found)
