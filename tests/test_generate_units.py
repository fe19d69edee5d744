"""Generation's smaller rules one at a time, on questions and events written here by hand.

Fast, so that `make mutate` runs them against every mutant of generate.py; expected values
are written out, never computed with the product's helpers.
"""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from studyguide.quiz import generate
from studyguide.quiz.generate import (
    ClaimInput,
    Person,
    Question,
    QuizSpec,
    build_quiz,
    order_question,
    orderable_events,
)


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


def test_a_role_names_its_person_by_a_word_of_four_letters_or_more() -> None:
    assert generate.role_names_person(Person("marx", "person", "Karl Marx", role="reader of Marx's work"))
    assert not generate.role_names_person(Person("ada", "person", "Ada Byron", role="an ada programmer"))
    assert not generate.role_names_person(Person("bo", "person", "Bo Lind", role="a baker"))


# -- whole quizzes, pinned: a change to generation shows here, and each pin obeys the rules -----

SNAPSHOTS = Path(__file__).parent / "snapshots"
REGISTER = {
    "serge": Person("serge", "person", "Victor Serge", role="writer in Paris", short="Serge"),
    "trotsky": Person("trotsky", "person", "Leon Trotsky", role="exile in Mexico", short="Trotsky"),
    "ciliga": Person("ciliga", "person", "Ante Ciliga", role="Yugoslav communist", short="Ciliga"),
    "lenin": Person("lenin", "person", "Lenin", role="head of government", url="register/lenin.html"),
    "marx": Person("marx", "person", "Karl Marx", role="reader of Marx"),  # never matched: the role names him
    "editors": Person("editors", "org", "The Editors", role="editors of the review"),
    "kronstadt": Person(
        "kronstadt", "event", "Kronstadt rising", sort_date=(1921, 3, 1), date_text="March 1921"
    ),
    "tambov": Person(
        "tambov",
        "event",
        "Tambov rising",
        sort_date=(1920, 8, 1),
        end_date=(1921, 2, 1),
        url="register/tambov.html",
    ),
    "nep": Person("nep", "event", "New Economic Policy", sort_date=(1921, 3, 21), date_text="21 March 1921"),
    "death": Person("death", "event", "Death of Lenin", sort_date=(1924, 1, 21), date_text="1924"),
    "spain": Person("spain", "event", "Spanish revolution", sort_date=(1936, 7, 1), date_text="July 1936"),
    "repression": Person("repression", "topic", "Repression", variants=("terror",)),
}


def _claims() -> list[ClaimInput]:
    def c(i: int, holder: str, text: str, blank: str, **kw: object) -> ClaimInput:
        base: dict[str, Any] = {
            "paraphrase": f"{holder.title()} says that {text[0].lower()}{text[1:]}",
            "false": (f"{holder.title()} says that nothing of the kind happened.",),
            "piece": "a" if i < 4 else "b",
            "position": i,
            "source": f"a.html#c-{i}",
        }
        return ClaimInput(f"c-{i}", text, holder, blank=blank, **{**base, **kw})  # type: ignore[arg-type]

    return [
        c(0, "serge", "The repression after Kronstadt was atrocious.", "atrocious",
          mentions=("kronstadt",), topics=("repression",), central=True),
        c(1, "trotsky", "Tambov was a peasant war against the state.", "peasant", mentions=("tambov",)),
        c(2, "ciliga", "The New Economic Policy came too late for the sailors.", "sailors", mentions=("nep",),
          question="For whom did the policy come too late?", answer="The sailors",
          wrong=("The peasants", "The workers", "The Cheka")),
        c(3, "serge", "Lenin's death opened the succession.", "succession", mentions=("death", "lenin"),
          kind="fact"),
        c(4, "trotsky", "Spain showed what a party must not do.", "party", mentions=("spain",),
          topics=("repression",), central=True),
        c(5, "editors", "We print both letters in full.", "letters", kind="remark",
          speaker="editors", shared_by=("serge",)),
        c(6, "ciliga", "Trotsky never answered the question of Kronstadt.", "question",
          mentions=("trotsky", "kronstadt")),
    ]  # fmt: skip


SPECS = {
    "all": QuizSpec("all"),
    "seeded": QuizSpec("all", seed="spring"),
    "count": QuizSpec("count", count=4),
    "topics": QuizSpec("topics", topics=("repression",)),
    "holders": QuizSpec("holders", holders=("serge", "trotsky"), types=("who", "tf", "order", "match")),
    "piece-b": QuizSpec("piece-b", pieces=("b",), types=("order", "match", "blank")),
}


def test_whole_quizzes_pinned() -> None:
    claims = _claims()
    found: dict[str, Any] = {}
    for name, spec in SPECS.items():
        questions, used = build_quiz(spec, claims, REGISTER)
        found[name] = {"claims": [c.id for c in used], "questions": [q.as_json() for q in questions]}
        for question in questions:
            if question.type == "order":  # the key by date, whatever the pin says
                dated = sorted(
                    (REGISTER[e].sort_date, REGISTER[e].name)
                    for e in REGISTER
                    if REGISTER[e].name in question.items
                )
                assert list(question.answer) == [n for _, n in dated]
            if question.type == "match":
                assert list(question.answer) == [
                    next(p.role for p in REGISTER.values() if p.name == i) for i in question.items
                ]
                assert "Karl Marx" not in question.items
    # a longer text: twelve claims of three voices, every type possible for most of them
    many = [
        ClaimInput(
            f"m-{i}",
            f"Point {i} of the debate concerns the {word} of the revolution.",
            ("serge", "trotsky", "ciliga")[i % 3],
            piece="m",
            position=i,
            blank=word,
            paraphrase=f"{('Serge', 'Trotsky', 'Ciliga')[i % 3]} says that point {i} concerns the {word}.",
            false=(f"{('Serge', 'Trotsky', 'Ciliga')[i % 3]} says that point {i} concerns nothing.",),
            question=f"What does point {i} concern?" if i % 4 == 0 else "",
            answer=f"The {word}" if i % 4 == 0 else "",
            wrong=("The weather", "The harvest", "The navy") if i % 4 == 0 else (),
            central=i in (1, 5),
        )
        for i, word in enumerate(
            [
                "sailors",
                "soviets",
                "peasants",
                "terror",
                "party",
                "press",
                "unions",
                "army",
                "trials",
                "exiles",
                "famine",
                "bread",
            ]
        )
    ]
    for name, spec in {"many": QuizSpec("many"), "many-7": QuizSpec("many", count=7, seed="x")}.items():
        questions, used = build_quiz(spec, many, REGISTER)
        found[name] = [(q.id, list(q.choices), list(q.answer)) for q in questions]
        statements = [q for q in questions if q.type == "tf"]
        trues = sum(generate.is_true(q) for q in statements)
        assert abs(2 * trues - len(statements)) <= 1  # true and false balanced
        who = [q.answer[0] for q in questions if q.type == "who"]
        assert all(2 * who.count(k) <= len(who) for k in who)  # no voice the key of most
    # avoided questions are not asked again
    order = next(q for q in build_quiz(SPECS["all"], claims, REGISTER)[0] if q.type == "order")
    again, _ = build_quiz(SPECS["all"], claims, REGISTER, avoid={generate.question_key(order)})
    other = next(q for q in again if q.type == "order")
    assert generate.question_key(other) != generate.question_key(order)
    found["avoid-order"] = other.as_json()
    text = json.dumps(found, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    path = SNAPSHOTS / "build-quiz.json"
    if os.environ.get("STUDYGUIDE_UPDATE_SNAPSHOTS"):
        path.write_text(text, "utf-8")
    assert text == path.read_text("utf-8"), (
        "build-quiz.json changed: if meant, refresh with STUDYGUIDE_UPDATE_SNAPSHOTS=1"
    )


# -- smaller rules: quoting, explanations, limits, the register index --------------------------


def test_quote() -> None:
    assert generate.quote(" “Whole.” ") == "“Whole.”"  # already quoted: not quoted twice
    assert generate.quote("“a” and “b”") == "“‘a’ and ‘b’”"  # two quotations inside: kept, made single
    assert generate.quote("“open") == "“‘open”"
    assert generate.quote("close”") == "“close’”"
    assert generate.quote("“”") == "“”"


WORDS = generate.Wording(
    who="Qui ? {claim}", tf="Vrai ou faux ? {statement}", blank="Complétez : {claim}", order="Ordre.",
    match="Associez.", holds="Avis de {holder}.", holds_in="Avis de {holder} ({piece}).",
    text_says="Le texte : {claim}", in_order="Dans l'ordre : {events}.", true="Vrai", false="Faux",
)  # fmt: skip


def test_every_question_in_the_build_s_words() -> None:
    """A quiz built with translated words uses them in every question, every path."""
    claims = [replace(c, piece_title="Lettre") for c in _claims()]
    questions, _ = build_quiz(QuizSpec("all"), claims, REGISTER, wording=WORDS)
    seen = set()
    for question in questions:
        start = {"who": "Qui ? ", "tf": "Vrai ou faux ? ", "blank": "Complétez : ", "order": "Ordre.",
                 "match": "Associez.", "mc": ""}[question.type]  # fmt: skip
        assert question.prompt.startswith(start), question
        if question.type == "tf":
            assert question.choices == ("Vrai", "Faux")
            if question.answer == ("Faux",):
                assert "Le texte : “" in question.explanation
        if question.claim:
            assert question.explanation.startswith("Avis de ") and "(Lettre)." in question.explanation
        seen.add(question.type)
    assert seen == {"who", "tf", "blank", "mc", "order", "match"}
    for claim in claims:  # each claim's every candidate too
        for question in generate.questions_for_claim(
            claim, REGISTER, ["serge", "trotsky", "ciliga"], "s", WORDS
        ):
            assert "True" not in question.choices and "holds this view" not in question.prompt


def test_explanations() -> None:
    c = ClaimInput("c", "Text.", "trotsky")
    assert generate.explanation_for(c, REGISTER["trotsky"]) == "This is the view of Trotsky."
    assert generate.explanation_for(replace(c, piece_title="Reply"), REGISTER["trotsky"]) == (
        "This is the view of Trotsky (Reply)."
    )
    assert generate.explanation_for(replace(c, explain="Because."), None) == "Because."
    assert generate.explanation_for(c, None) == "This is the view of trotsky."


def test_who_offers_at_most_three_wrong_voices() -> None:
    voices = ["serge", "trotsky", "ciliga", "lenin", "editors"]
    question = generate.who_question(ClaimInput("c", "I say so.", "serge"), REGISTER, voices, "s")
    assert question is not None and len(question.choices) == 4 and "Serge" in question.choices
    assert set(question.choices) <= {"Serge", "Trotsky", "Ciliga", "Lenin", "The Editors"}
    shared = ClaimInput("c", "I say so.", "serge", shared_by=("trotsky",))
    two = generate.who_question(shared, REGISTER, ["serge", "trotsky", "ciliga"], "s")
    assert two is None  # a voice of the debate shares it
    unknown = generate.who_question(ClaimInput("c", "I say so.", "serge"), REGISTER, ["serge", "nobody"], "s")
    assert unknown is None  # no other voice in the register: nothing to choose from


def test_false_statements_equal_to_the_true_one_are_dropped() -> None:
    c = ClaimInput(
        "c", "The text.", "serge", paraphrase="Serge says so.", false=(" serge says so ", "The text")
    )
    assert generate.tf_question(c, REGISTER, "s", true=False) is None
    assert generate.tf_question(c, REGISTER, "s").answer == ("True",)  # type: ignore[union-attr]


def test_register_names_after_a_topic_are_indexed() -> None:
    people = {
        "terror": REGISTER["repression"],
        "trotsky": Person("trotsky", "person", "Leon Trotsky", variants=("L.D.",)),
    }
    question = generate.blank_question(
        ClaimInput("c", "Leon Trotsky wrote.", "serge", blank="Leon Trotsky"), people, "s"
    )
    assert question is not None and question.answer == ("Leon Trotsky", "L.D.")


def test_blank_spacing_is_the_text_s() -> None:
    c = ClaimInput("c", "more than his belated\n   critics.", "trotsky", blank="belated\n critics")
    (question,) = [q for q in generate.candidates_for_claim(c, REGISTER, [], "s") if q.type == "blank"]
    assert question.answer == ("belated critics",) and "_____" in question.prompt


def test_order_rows_without_dates_explain_nothing_and_people_are_not_events() -> None:
    events = [Person(f"e{i}", "event", f"Event {i}", sort_date=(1900 + i, 1, 1)) for i in range(4)]
    question = order_question(events, "q", "s")
    assert question is not None and question.explanation == ""
    born = Person("p", "person", "A Person", sort_date=(1850, 1, 1))
    assert [e.id for e in orderable_events([born, *events])] == ["e0", "e1", "e2", "e3"]


def test_quiz_edge_specs() -> None:
    claims = [*_claims(), ClaimInput("c-9", "Nobody knows.", "serge", mentions=("unknown-id",), blank="Nobody",
                                     position=9, piece="b")]  # fmt: skip
    questions, _ = build_quiz(QuizSpec("two", count=2), claims, REGISTER)
    assert [q.type for q in questions] == ["order", "match"]  # the count taken by order and match
    one_voice, _ = build_quiz(QuizSpec("serge", holders=("serge",)), claims, REGISTER)
    assert one_voice and all(q.type != "who" for q in one_voice)  # one voice: no who-question


def test_the_false_statement_drawn_follows_the_seed() -> None:
    """Of several false statements, the seed picks one (pinned: the same on every machine)."""
    c = ClaimInput("c", "The text.", "serge", paraphrase="Serge says so.",
                   false=("Serge says one.", "Serge says two.", "Serge says three.", "Serge says four."))  # fmt: skip
    drawn = {
        seed: [q.prompt for q in generate.candidates_for_claim(c, {}, [], seed) if q.answer == ("False",)]
        for seed in ("s1", "s2", "s3")
    }
    assert drawn == {
        "s1": ["True or false? Serge says three."],
        "s2": ["True or false? Serge says four."],
        "s3": ["True or false? Serge says one."],
    }


def test_a_match_row_an_explanation_states_is_left_out_and_a_claim_takes_the_place() -> None:
    """Explanations are read before the match at the end: a role one of them states is no question."""
    names = ["Anna Berg", "Boris Carr", "Clara Dahl", "Dmitri Eck", "Elsa Fink"]
    people = {
        f"p{i}": Person(f"p{i}", "person", name, role=f"keeper of the {place} archive")
        for i, (name, place) in enumerate(
            zip(names, ["north", "south", "east", "west", "river"], strict=True)
        )
    }
    people["v"] = Person("v", "person", "Vera Gall", role="author of the first letter")
    people["w"] = Person("w", "person", "Walter Hahn", role="author of the reply")
    claims = [
        ClaimInput(f"c-{i}", f"Claim number {i} names a keeper of papers.", "v" if i % 2 else "w",
                   position=i, piece="a", mentions=(f"p{i % 5}",), paraphrase=f"Claim {i} says papers were kept.",
                   false=(f"Claim {i} says no papers were kept.",))
        for i in range(8)
    ]  # fmt: skip
    spec = QuizSpec("m", count=6, types=("tf", "match"))
    quiet, _ = build_quiz(spec, claims, people)
    assert len(quiet) == 6
    (match,) = [q for q in quiet if q.type == "match"]
    told = next(i for i in match.items if i in names)
    role = people[next(k for k, p in people.items() if p.name == told)].role
    # the same quiz, with one claim's explanation stating that row's role
    loud_claims = [replace(c, explain=f"Here {told}, the {role}, is named.") for c in claims]
    loud, _ = build_quiz(spec, loud_claims, people)
    assert len(loud) == 6  # a claim question takes the place of a match that could not be quiet
    stated = any(role in q.explanation for q in loud if q.type != "match")
    assert stated
    for q in loud:
        if q.type == "match":
            assert told not in q.items
