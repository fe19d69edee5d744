"""Item analysis against figures worked out by hand (in the comments), and the class report.

The browser test holds grader.js to the same figures (byte-identical files); here the figures
themselves are checked against arithmetic done by hand, not against the code's own output.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest

from studyguide.__main__ import main
from studyguide.quiz.analysis import EASY, HARD, NEGATIVE, analyse, items_csv, percent, two_decimals
from studyguide.quiz.classreport import report_html

Q1 = {"id": "q1", "type": "mc", "prompt": "Pick A", "choices": ["A", "B", "C"], "answer": ["A"],
      "claim": "c-one", "source": "text/one.html#claim-c-one"}  # fmt: skip
Q2 = {"id": "q2", "type": "tf", "prompt": "True?", "choices": ["True", "False"], "answer": ["True"],
      "claim": "c-two", "source": "text/one.html#claim-c-two"}  # fmt: skip
Q3 = {"id": "q3", "type": "blank", "prompt": "The ___", "choices": [], "answer": ["tide"],
      "claim": "c-one", "source": "text/two.html#claim-c-one"}  # fmt: skip
QUESTIONS = {"q1": Q1, "q2": Q2, "q3": Q3}
#: student -> (marks q1, q2, q3), answers
CLASS: dict[str, tuple[tuple[int, int, int], dict[str, list[str]]]] = {
    "S1": ((1, 1, 1), {"q1": ["A"], "q2": ["True"], "q3": ["tide"]}),
    "S2": ((1, 0, 1), {"q1": ["A"], "q2": ["False"], "q3": ["the tides"]}),
    "S3": ((0, 1, 0), {"q1": ["B"], "q2": ["True"], "q3": []}),
    "S4": ((0, 0, 0), {"q1": ["C"], "q2": ["False"], "q3": ["Moon"]}),
    "S5": ((1, 1, 0), {"q1": ["A"], "q2": ["True"], "q3": ["moons"]}),
}


def rows() -> list[dict[str, Any]]:
    result = []
    for name, (marks, _answers) in CLASS.items():
        row: dict[str, Any] = {"student": name, "version": "v", "score": sum(marks), "total": 3}
        row.update(zip(("q1", "q2", "q3"), marks, strict=True))
        result.append(row)
    return result


def test_difficulty_discrimination_and_wrong_answers_by_hand() -> None:
    chosen = {name: answers for name, (_m, answers) in CLASS.items()}
    analysis = analyse(rows(), chosen, QUESTIONS, ["q1", "q2", "q3"])
    q1, q2, q3 = analysis.items
    # q1: marks 1,1,0,0,1; rest scores 2,1,1,0,1. n=5, Σx=3, Σy=5, Σxy=4, Σx²=3, Σy²=7:
    # numerator 5·4-3·5 = 5; root of (5·3-9)(5·7-25) = 60; r = 5/√60 = 0.645...
    assert (q1.n, q1.right, q1.percent) == (5, 3, 60)
    assert q1.numerator == 5 and q1.r == pytest.approx(5 / math.sqrt(60)) and q1.r_text == "0.65"
    assert q1.wrong == [("B", 1), ("C", 1)] and q1.unanswered == 0 and q1.flags == []
    # q2: marks 1,0,1,0,1; rest 2,2,0,0,1: Σxy=3, Σy=5: numerator 15-15 = 0, r = 0
    assert (q2.percent, q2.numerator, q2.r_text, q2.flags) == (60, 0, "0.00", [])
    assert q2.wrong == [("False", 2)]
    # q3: marks 1,1,0,0,0; rest 2,1,1,0,2: Σx=2, Σy=6, Σxy=3, Σy²=10: numerator 15-12 = 3,
    # root of (10-4)(50-36) = 84; r = 3/√84 = 0.327...; "the tides" folds to "tide" (right);
    # "Moon" and "moons" fold alike and show as "Moon" (code-point order); S3 gave nothing
    assert (q3.right, q3.percent, q3.r_text) == (2, 40, "0.33")
    assert q3.wrong == [("Moon", 2)] and q3.unanswered == 1
    # per claim: c-one is q1 and q3, 3+2 right of 10; per piece by the links' pages
    assert (analysis.claims["c-one"].right, analysis.claims["c-one"].attempts) == (5, 10)
    assert analysis.claims["c-one"].percent == 50 and analysis.claims["c-two"].percent == 60
    assert [(p.id, p.right, p.attempts) for p in analysis.pieces] == [
        ("text/one.html", 6, 10),
        ("text/two.html", 2, 5),
    ]
    # scores 3,2,1,0,2 of 3: 100 %, 66 %, 33 %, 0 %, 66 % -> bands 9, 6, 3, 0, 6
    assert analysis.bands == [1, 0, 0, 1, 0, 0, 2, 0, 0, 1]
    assert (analysis.score, analysis.total, analysis.mean_percent) == (8, 15, 53)  # 53.3 %


def test_flags_by_hand() -> None:
    # qa right only for the student who got nothing else: r = -3/√(3·3) = -1; qb right for the
    # three others: numerator 4·0 - 3·1 = -3; qc right for all: too easy, r undefined (no variance)
    questions = {
        k: {"id": k, "type": "tf", "prompt": k, "choices": ["True", "False"], "answer": ["True"]}
        for k in ("qa", "qb", "qc")
    }
    marks = {"S1": (0, 1, 1), "S2": (0, 1, 1), "S3": (0, 1, 1), "S4": (1, 0, 1)}
    table = [
        {"student": s, "score": sum(m), "total": 3, **dict(zip(("qa", "qb", "qc"), m, strict=True))}
        for s, m in marks.items()
    ]
    qa, qb, qc = analyse(table, {}, questions, ["qa", "qb", "qc"]).items
    assert (qa.percent, qa.r_text, qa.flags) == (25, "-1.00", [HARD, NEGATIVE])
    assert (qb.percent, qb.numerator, qb.flags) == (75, -3, [NEGATIVE])
    assert (qc.percent, qc.r, qc.r_text, qc.flags) == (100, None, "-", [EASY])
    assert qa.unanswered == 4  # no answers were given to analyse


@pytest.mark.parametrize(
    ("part", "whole", "expected"), [(1, 8, 13), (1, 3, 33), (2, 3, 67), (0, 5, 0), (5, 5, 100), (1, 0, 0)]
)
def test_percent_rounds_half_up(part: int, whole: int, expected: int) -> None:
    assert percent(part, whole) == expected


@pytest.mark.parametrize(
    ("value", "expected"), [(0.125, "0.13"), (-0.125, "-0.12"), (0.005, "0.01"), (-1.0, "-1.00"), (None, "-")]
)
def test_two_decimals(value: float | None, expected: str) -> None:
    assert two_decimals(value) == expected


def test_items_csv_cells_cannot_start_a_formula() -> None:
    questions = {
        "=q": {"id": "=q", "type": "blank", "prompt": "p", "answer": ["x"], "claim": "", "source": ""}
    }
    table = [{"student": "A", "score": 0, "total": 1, "=q": 0}]
    text = items_csv(analyse(table, {"A": {"=q": ["=1+1"]}}, questions, ["=q"]))
    assert text.splitlines()[1] == "'=q,blank,,,1,0,0,,too hard,'=1+1: 1"


def test_the_report_shades_claims_with_the_figure_and_escapes() -> None:
    chosen = {name: answers for name, (_m, answers) in CLASS.items()}
    passages = [
        {
            "title": "One <b>",
            "url": "text/one.html",
            "paragraphs": [
                [["Before ", ""], ["the claim", "c-one"], [" & after.", ""]],
                [["Untested.", "c-x"]],
            ],
        }
    ]
    analysis = analyse(rows(), chosen, QUESTIONS, ["q1", "q2", "q3"], passages)
    html = report_html("Quiz <i>", "q&z", analysis, passages, "https://example.org/")
    assert "<title>Class report: Quiz &lt;i&gt;</title>" in html and "Quiz q&amp;z:" in html
    assert (
        '<p>Before <mark class="sg-band-2">the claim</mark> <span class="sg-share">[c-one: 50% right]</span>'
        " &amp; after.</p>" in html
    )
    assert "<p>Untested.</p>" in html
    assert '<h3><a href="https://example.org/text/one.html">One &lt;b&gt;</a></h3>' in html
    assert html.count("<svg") == 2 and "<script" not in html
    # by piece: with passages, a claim's piece is the page its passage is on, so q3 (linked to
    # two.html) counts for one.html: 3 + 3 + 2 right of 15, 53 %; by claim, linked to its passage
    assert (
        '<tr><td><a href="https://example.org/text/one.html">One &lt;b&gt;</a></td><td>3</td><td>53</td></tr>'
        in html
    )
    assert (
        '<tr><td><a href="https://example.org/text/one.html#claim-c-one">c-one</a></td><td>2</td><td>50</td></tr>'
        in html
    )


def test_report_command_refuses_what_it_cannot_do(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    keys = tmp_path / "keys.json"
    keys.write_text(json.dumps({"format": "studyguide-exam-keys", "format_version": 1, "exams": []}))
    (tmp_path / "results").mkdir()
    out = tmp_path / "report.html"
    assert main(["report", str(tmp_path / "nowhere"), "--keys", str(keys), "--out", str(out)]) == 2
    assert main(["report", str(tmp_path / "results"), "--keys", str(keys), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("nothing was written") == 2 and "Traceback" not in err
    assert not out.exists()
