"""The question-quality lint's rules one at a time, with the messages editors read written out.

Fast (no build), so that `make mutate` runs them against every mutant of quality.py.
"""

from __future__ import annotations

from typing import Any

import pytest

from studyguide.quiz import quality
from studyguide.quiz.generate import ClaimInput, Question
from studyguide.quiz.quality import Finding, check_across, check_claim

TEXT = "The repression was atrocious."
PARAPHRASE = "Serge says that the repression was atrocious."  # 45 characters


def claim(**kw: Any) -> ClaimInput:
    return ClaimInput(**{"id": "c", "text": TEXT, "holder": "serge", "paraphrase": PARAPHRASE, **kw})


def found(**kw: Any) -> list[tuple[str, str]]:
    findings = check_claim(claim(**kw), {})
    assert all(f.claim == "c" and f.message.startswith("claim 'c': ") for f in findings)
    return [(f.subtype, f.message.removeprefix("claim 'c': ")) for f in findings]


BLANK_ADVICE = ": mark a word that carries the argument"


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({}, []),
        (
            {"text": "It was “atrocious”, he said."},
            [("claim-context", "the extract opens on 'it'; give a :context:")],
        ),
        ({"text": "It was atrocious.", "context": "The repression"}, []),
        ({"kind": "opinion"}, [("question-voice", "unknown :kind: 'opinion'; one of view, fact, remark")]),
        (
            {"shared_by": ("editors", "serge")},
            [("question-voice", ":shared-by: lists the holder 'serge' itself")],
        ),
        ({"shared_by": ("editors",)}, []),
        (
            {"paraphrase": "", "false": ("Serge says it was mild.",)},
            [("question-tf", "false statements need a true :paraphrase: to balance them")],
        ),
        (
            {"false": ("“Serge says that it was mild, truly.”",)},
            [
                (
                    "question-tf",
                    "a false statement is in quotation marks: '“Serge says that it was mild, truly.”'",
                )
            ],
        ),
        (
            {"false": ('Serge says that the "repression" was mild.',)},
            [
                (
                    "question-tf",
                    "a false statement is in quotation marks: 'Serge says that the \"repression\" was mild.'",
                )
            ],
        ),
        ({"false": ("Serge says that it was mild and very brief.",)}, []),
        # within a third of the paraphrase's length: 30 of 45 characters is fine, 29 is not
        ({"false": ("Serge says it was quite mild.!",)}, []),
        (
            {"false": ("Serge says it was quite mild.",)},
            [
                (
                    "question-tf",
                    "a false statement is 29 characters, the true one 45: length gives the answer away "
                    "('Serge says it was quite mild.'...)",
                )
            ],
        ),
        (
            {"false": ("Serge says that the repression was ATROCIOUS!",)},
            [("question-tf", "a false statement is the same as the paraphrase")],
        ),
        (
            {
                "paraphrase": 'Serge calls the repression "atrocious" in so many words.',
                "question": 'Why "mild"?',
                "answer": "“Cruel”",
                "wrong": ('"soft"', "kind and mild"),
                "context": '"the repression"',
                "explain": 'He says "atrocious and cruel".',
            },
            [
                ("question-quote", ":question: quotes words that are not the claim's: 'mild'"),
                ("question-quote", ":answer: quotes words that are not the claim's: 'Cruel'"),
                ("question-quote", ":wrong: quotes words that are not the claim's: 'soft'"),
                ("question-quote", ":explain: quotes words that are not the claim's: 'atrocious and cruel'"),
            ],
        ),
        (
            {"paraphrase": 'Serge calls it "mild", wrongly.'},
            [("question-quote", ":paraphrase: quotes words that are not the claim's: 'mild'")],
        ),
        ({"blank": "1921"}, [("question-blank", "the blank '1921' is a number" + BLANK_ADVICE)]),
        ({"blank": "March 1921"}, [("question-blank", "the blank 'March 1921' is a month" + BLANK_ADVICE)]),
        ({"blank": "very"}, [("question-blank", "the blank 'very' is a modifier" + BLANK_ADVICE)]),
        ({"blank": "the"}, [("question-blank", "the blank 'the' is a function word" + BLANK_ADVICE)]),
        (
            {"blank": "atrociously"},
            [("question-blank", "the blank 'atrociously' is a modifier" + BLANK_ADVICE)],
        ),
        ({"blank": "atrocious"}, []),
        (
            {"question": "How?", "answer": "Atrocious", "wrong": ("mild", " atrocious. ")},
            [("question-mc", "a wrong answer repeats the key")],
        ),
        (
            {"question": "How?", "answer": "Atrocious beyond all measure", "wrong": ("Mild", "Soft", "Kind")},
            [("question-mc", "the key (28 characters) is the longest option by far: a giveaway")],
        ),
        # the key longest, but not by a quarter more than the average: fine; by more: a giveaway
        ({"question": "How?", "answer": "Atrocious!", "wrong": ("Mild one", "Soft one", "Kind one")}, []),
        (
            {"question": "How?", "answer": "Atrocious!", "wrong": ("Mild on", "Soft one", "Kind one")},
            [("question-mc", "the key (10 characters) is the longest option by far: a giveaway")],
        ),
        ({"question": "How?", "answer": "Atrocious!", "wrong": ("  ",)}, []),
        ({"question": "", "answer": "Atrocious", "wrong": ("Atrocious",)}, []),
    ],
)
def test_claim_rules(fields: dict[str, Any], expected: list[tuple[str, str]]) -> None:
    assert found(**fields) == expected


def test_words_and_modifiers() -> None:
    assert quality.first_word("  “It was") == "it"
    assert quality.first_word("_It") == "it"
    assert quality.first_word("...") == ""
    assert quality._fold("It’s “A—B”  c") == "it's a b c"
    assert quality._fold('‘a’ "b"') == "'a' b"
    for word, modifier in [("gently", True), ("icely", False), ("calmly", False), ("largest", True),
                           ("oldest", False), ("interest", False), ("honesty", False)]:  # fmt: skip
        assert quality._looks_like_modifier(word) is modifier, word


def test_an_order_or_match_question_asked_twice() -> None:
    order = Question("x-order", "order", "Order.", ("A", "B"), ("B", "A"), "", "", "", items=("A", "B"))
    match = Question("x-match", "match", "Match.", ("r", "s"), ("s", "r"), "", "", "", items=("P", "Q"))
    who = Question("c-who", "who", "Who?", ("A", "B"), ("A",), "", "c", "")
    assert check_across([("a", [order, who, match]), ("b", [who, order]), ("c", [order, match])]) == [
        Finding("question-order", "quiz 'b' asks the same order question as quiz 'a'", quiz="b"),
        Finding("question-order", "quiz 'c' asks the same order question as quiz 'a'", quiz="c"),
        Finding("question-order", "quiz 'c' asks the same match question as quiz 'a'", quiz="c"),
    ]
