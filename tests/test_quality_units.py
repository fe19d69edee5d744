"""The question-quality lint's rules one at a time, with the messages editors read written out.

Fast (no build), so that `make mutate` runs them against every mutant of quality.py.
"""

from __future__ import annotations

from typing import Any

import pytest

from studyguide.quiz import quality
from studyguide.quiz.generate import ClaimInput, Person, Question
from studyguide.quiz.quality import Finding, QuizProfile, check_across, check_claim, check_quiz

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
            [
                ("question-blank", "the blank 'atrociously' is a modifier" + BLANK_ADVICE),
                ("question-blank", "the blank 'atrociously' is cued by 'atrocious' in its own extract"),
            ],
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


def test_more_claim_rules() -> None:
    long = "Serge says that the repression after the rising was mild, brief and forgotten within the year."
    assert found(paraphrase=long, false=("“Serge says that it was mild",)) == [
        ("question-tf", "a false statement is in quotation marks: '“Serge says that it was mild'"),
        ("question-tf", "a false statement is 28 characters, the true one 94: length gives the answer away "
                        "('“Serge says that it was mild'...)"),
    ]  # fmt: skip
    opening = (
        '"Serge says that the repression after the rising was not so harsh, and soon over, as he wrote."'
    )
    assert found(paraphrase=long, false=(opening,)) == [
        ("question-tf", "a false statement is in quotation marks: "
                        "'\"Serge says that the repression after the rising was not so '"),
    ]  # fmt: skip
    assert found(false=("Serge says that the repression was only a little harsh now and then.",)) == [
        ("question-tf", "a false statement is 68 characters, the true one 45: length gives the answer away "
                        "('Serge says that the repression was only '...)"),
    ]  # fmt: skip
    assert found(false=('"Serge says that the repression was very mild.',)) == [  # an unclosed quotation mark
        (
            "question-tf",
            "a false statement is in quotation marks: '\"Serge says that the repression was very mild.'",
        )
    ]
    assert found(context='as he says, "the mild ones"') == [
        ("question-quote", ":context: quotes words that are not the claim's: 'the mild ones'")
    ]
    span = "x" * 70
    assert found(explain=f'"{span}"') == [
        ("question-quote", f":explain: quotes words that are not the claim's: '{'x' * 60}'")
    ]
    # the key as long as the longest wrong answer is not "the longest by far"
    assert found(question="How?", answer="Atrocious!", wrong=("Mild thing", "Soft", "Kind")) == []


def test_more_blank_problems() -> None:
    assert quality.blank_problem("—") == ""
    assert quality.blank_problem("March the 1921") == ""
    assert quality.blank_problem("March 18 1921") == "a month"
    assert quality.blank_problem("18 more") == "a number"
    assert quality.blank_problem("more") == "a modifier"


def test_check_entry() -> None:
    role = "reader of Marx and of everything Marx ever wrote in London, 1850"
    assert quality.check_entry(Person("marx", "person", "Karl Marx", role=role)) == [
        Finding(
            "question-match",
            "entry 'marx': its role names the person ('reader of Marx and of everything Marx ever wrote i'): "
            "match questions leave it out",
            entry="marx",
        )
    ]
    assert quality.check_entry(Person("marx", "org", "Karl Marx", role=role)) == []
    assert quality.check_entry(Person("bo", "person", "Bo Lind", role="a baker")) == []


def _tf(i: int, true: bool, claim: str = "") -> Question:
    answer = "True" if true else "False"
    return Question(
        f"t{i}", "tf", f"True or false? statement {i}", ("True", "False"), (answer,), "", claim or f"c{i}", ""
    )


def _blank(i: int, answer: str) -> Question:
    return Question(f"b{i}", "blank", f"Fill in: thing {i} _____", (), (answer,), "", f"d{i}", "")


def _who(i: int, key: str) -> Question:
    return Question(
        f"w{i}",
        "who",
        f"Who holds this view? view {i}",
        ("Serge", "Trotsky", "Ciliga"),
        (key,),
        "",
        f"e{i}",
        "",
    )


def _set(quiz: str, message: str) -> Finding:
    return Finding("question-set", f"quiz '{quiz}': {message}", quiz=quiz)


BLANKS = [_blank(i, w) for i, w in enumerate(["alpha", "beta", "gamma", "delta"])]


def test_quiz_profiles_and_set_rules() -> None:
    # 6 of 10 one type is not over 60 %; 3 true and 3 false
    assert check_quiz("a", [_tf(i, i < 3) for i in range(6)] + BLANKS, 12) == QuizProfile(
        "a", 10, {"tf": 6, "blank": 4}, 3, 3, {}, 10, 12, ()
    )
    # 7 of 10 is; 5 true and 2 false is out of balance (more than a fifth of 7, or one, apart)
    assert check_quiz("b", [_tf(i, i < 5) for i in range(7)] + BLANKS[:3]) == QuizProfile(
        "b", 10, {"tf": 7, "blank": 3}, 5, 2, {}, 10, 0,
        (_set("b", "5 true and 2 false statements: keep them between 40% and 60%"),
         _set("b", "7 of 10 claim questions are 'tf': spread the types")),
    )  # fmt: skip
    # 6 true of 10 is within a fifth
    assert check_quiz("c", [_tf(i, i < 6) for i in range(10)]).findings == (
        _set("c", "10 of 10 claim questions are 'tf': spread the types"),
    )
    questions = [_tf(0, True), _tf(1, True, "c0"), _who(0, "Serge"), _who(1, "Serge"), _who(2, "Trotsky"),
                 _blank(0, "statement")]  # fmt: skip
    assert check_quiz("d", questions) == QuizProfile(
        "d", 6, {"tf": 2, "who": 3, "blank": 1}, 2, 0, {"Serge": 2, "Trotsky": 1}, 5, 0,
        (_set("d", "2 questions on claim 'c0'"),
         _set("d", "the answer of 'b0' ('statement') is printed in another question"),
         _set("d", "'Serge' is the key of 2 of its 3 who-questions"),
         _set("d", "2 true and 0 false statements: keep them between 40% and 60%")),
    )  # fmt: skip
