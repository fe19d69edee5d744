"""Generation's smaller rules one at a time, on questions and events written here by hand.

Fast, so that `make mutate` runs them against every mutant of generate.py; expected values
are written out, never computed with the product's helpers.
"""

from __future__ import annotations

import pytest

from studyguide.quiz import generate
from studyguide.quiz.generate import Person, Question, order_question, orderable_events


def q(
    ident: str, kind: str, prompt: str, claim: str, choices: tuple[str, ...] = (), answer: str = "x"
) -> Question:
    return Question(ident, kind, prompt, choices, (answer,), "", claim, "")


def test_as_json() -> None:
    bare = q("c-1-tf", "tf", "True or false? x", "c-1", ("True", "False"), "False")
    assert bare.as_json() == {
        "id": "c-1-tf",
        "type": "tf",
        "prompt": "True or false? x",
        "choices": ["True", "False"],
        "answer": ["False"],
        "explanation": "",
        "claim": "c-1",
        "source": "",
    }
    rows = Question("q-order", "order", "Order.", ("B", "A"), ("A", "B"), "why", "", "u#a",
                    items=("B", "A"), links=(("A", "register/a.html"), ("B", "register/b.html")))  # fmt: skip
    assert rows.as_json() == {
        "id": "q-order",
        "type": "order",
        "prompt": "Order.",
        "choices": ["B", "A"],
        "answer": ["A", "B"],
        "explanation": "why",
        "claim": "",
        "source": "u#a",
        "items": ["B", "A"],
        "links": [{"label": "A", "url": "register/a.html"}, {"label": "B", "url": "register/b.html"}],
    }


# -- a who-question's neighbours do not name its key --------------------------------------------

WHO = q("w-who", "who", "Who holds this view? “I say so.”", "w", ("Serge", "Trotsky"), "Serge")
WHO_TF = q("w-tf", "tf", "True or false? He says so.", "w", ("True", "False"), "True")


def neighbours() -> tuple[list[Question], dict[str, list[Question]]]:
    """Five questions, the who-question in the middle; its key "Serge"."""
    far_before = q("a-tf", "tf", "True or false? Serge came first.", "a")
    before = q("b-tf", "tf", "True or false? Serge wrote it.", "b")
    after = q("c-mc", "mc", "Who wrote it?", "c", ("Serge", "Lenin"))  # the key in a choice only
    far_after = q("d-tf", "tf", "True or false? Serge wrote last.", "d")
    by_claim = {
        "a": [far_before, q("a-blank", "blank", "Fill in: it came _____.", "a")],
        "b": [
            before,
            q("b-who", "who", "Who holds this view? “It.”", "b", ("Lenin", "Zinoviev")),  # quiet, but a who
            q("b-blank", "blank", "Fill in: it was _____.", "b"),
            q("b-mc", "mc", "What was it?", "b", ("a", "b")),
        ],
        "w": [WHO, WHO_TF],
        "c": [after, q("c-tf", "tf", "True or false? Lenin wrote it.", "c")],
        "d": [far_after, q("d-blank", "blank", "Fill in: _____ last.", "d")],
    }
    return [far_before, before, WHO, after, far_after], by_claim


def test_a_who_question_s_neighbours_are_asked_without_its_key() -> None:
    picked, by_claim = neighbours()
    generate._keep_key_unnamed(picked, 2, by_claim)
    assert [x.id for x in picked] == ["a-tf", "b-blank", "w-who", "c-tf", "d-tf"]  # only the next ones


def test_the_first_question_s_neighbour() -> None:
    picked, by_claim = neighbours()
    picked = picked[1:]  # the who-question second: its neighbour is the first question
    generate._keep_key_unnamed(picked, 1, by_claim)
    assert [x.id for x in picked] == ["b-blank", "w-who", "c-tf", "d-tf"]


def test_a_register_question_beside_it_is_left_and_the_next_still_checked() -> None:
    picked, by_claim = neighbours()
    order = Question("q-order", "order", "Order.", ("Serge's arrest", "X"), ("X", "Serge's arrest"), "", "", "",
                     items=("Serge's arrest", "X"))  # fmt: skip
    picked = [order, WHO, picked[3]]
    generate._keep_key_unnamed(picked, 1, by_claim)
    assert [x.id for x in picked] == ["q-order", "w-who", "c-tf"]


def test_when_a_neighbour_cannot_be_quiet_the_who_question_is_asked_another_way() -> None:
    loud = q("e-tf", "tf", "True or false? Serge said it.", "e")
    by_claim = {"w": [WHO, WHO_TF], "e": [loud, q("e-blank", "blank", "Fill in: Serge said _____.", "e")]}
    picked = [WHO, loud]
    generate._keep_key_unnamed(picked, 0, by_claim)
    assert [x.id for x in picked] == ["w-tf", "e-tf"]


# -- order questions: events whose spans overlap, the shorter kept ------------------------------


def event(ident: str, start: tuple[int, int, int], end: tuple[int, int, int] | None = None) -> Person:
    return Person(ident, "event", f"Event {ident}", sort_date=start, end_date=end)


@pytest.mark.parametrize(
    ("one", "other", "kept"),
    [
        # years: five years against four days inside them
        (event("a", (1900, 1, 1), (1905, 1, 1)), event("b", (1903, 1, 1), (1903, 1, 5)), "b"),
        # days: 19 against 2
        (event("a", (1900, 3, 1), (1900, 3, 20)), event("b", (1900, 3, 10), (1900, 3, 12)), "b"),
        # months: five against one of 30 days
        (event("a", (1900, 1, 15), (1900, 6, 15)), event("b", (1900, 3, 1), (1900, 3, 31)), "b"),
        # three years against eleven months and 30 days
        (event("a", (1900, 6, 1), (1903, 6, 1)), event("b", (1901, 1, 1), (1901, 12, 31)), "b"),
        # 30 days against a month and no day
        (event("a", (1900, 3, 1), (1900, 3, 31)), event("b", (1900, 3, 15), (1900, 4, 15)), "a"),
        # a year less eleven months (31) against a month (31): equal, the first id kept
        (event("a", (1900, 12, 15), (1901, 1, 15)), event("b", (1900, 11, 20), (1900, 12, 20)), "a"),
        (event("z", (1900, 12, 15), (1901, 1, 15)), event("b", (1900, 11, 20), (1900, 12, 20)), "b"),
    ],
)
def test_of_two_overlapping_events_the_shorter_is_kept(one: Person, other: Person, kept: str) -> None:
    found = [e.id for e in orderable_events([one, other])]
    assert found == [kept]


def test_order_links_only_entries_with_a_page() -> None:
    events = [
        Person(
            f"e{i}",
            "event",
            f"Event {i}",
            sort_date=(1900 + i, 1, 1),
            url=f"register/e{i}.html" if i % 2 else "",
        )
        for i in range(4)
    ]
    question = order_question(events, "quiz", "seed")
    assert question is not None
    assert question.links == (("Event 1", "register/e1.html"), ("Event 3", "register/e3.html"))
