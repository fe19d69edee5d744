"""The item-writing rules: the voice model, true/false, blanks, a quiz as a set, the lint.

Pure tests of the generator and the lint, with property tests for each rule; the Sphinx
side (warnings with file and line, suppression) is tested on the ``test-quality`` root.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st
from sphinx.testing.util import SphinxTestApp

from studyguide.quiz.answers import NUMBER_WORDS, normalise_answer
from studyguide.quiz.generate import (
    BLANK,
    ClaimInput,
    Person,
    Question,
    QuizSpec,
    blank_question,
    build_quiz,
    is_true,
    match_question,
    order_question,
    orderable_events,
    question_key,
    who_question,
)
from studyguide.quiz.quality import blank_problem, check_across, check_claim, check_entry, check_quiz

PEOPLE = {
    "serge": Person("serge", "person", "Victor Serge", role="a writer", short="Serge"),
    "trotsky": Person("trotsky", "person", "Leon Trotsky", role="an exile", short="Trotsky"),
    "ciliga": Person("ciliga", "person", "Ante Ciliga", role="a critic", short="Ciliga"),
    "editors": Person("editors", "org", "The Editors of the Review", short="the editors"),
}
VOICES = ["ciliga", "editors", "serge", "trotsky"]


def claim(**kw: object) -> ClaimInput:
    base: dict[str, object] = {
        "id": "c-1",
        "text": "The repression, I repeat, was atrocious.",
        "holder": "serge",
        "blank": "atrocious",
        "paraphrase": "Serge says that the repression after the rising was atrocious.",
        "false": ("Serge says that the repression after the rising was mild and brief.",),
        "explain": "Serge repeats that the repression was atrocious.",
    }
    base.update(kw)
    return ClaimInput(**base)  # type: ignore[arg-type]


# -- the voice model -------------------------------------------------------------------------


def test_who_is_asked_only_of_a_view_in_its_holders_own_words() -> None:
    assert who_question(claim(), PEOPLE, VOICES, "s") is not None
    assert who_question(claim(kind="fact"), PEOPLE, VOICES, "s") is None
    assert who_question(claim(kind="remark"), PEOPLE, VOICES, "s") is None
    # the narrator reporting someone else's view: not "who holds this view"
    assert who_question(claim(speaker="serge", holder="trotsky"), PEOPLE, VOICES, "s") is None


def test_a_shared_view_is_never_asked_and_a_sharer_never_a_wrong_answer() -> None:
    assert who_question(claim(shared_by=("trotsky",)), PEOPLE, VOICES, "s") is None
    # a sharer who is not a voice of the quiz: asked, and never offered as a choice
    question = who_question(claim(shared_by=("lenin",)), PEOPLE, VOICES, "s")
    assert question is not None and question.answer == ("Serge",)
    people = {**PEOPLE, "lenin": Person("lenin", "person", "Lenin", short="Lenin")}
    question = who_question(claim(shared_by=("lenin",)), people, [*VOICES, "lenin"], "s")
    assert question is None


def test_who_choices_use_short_names_so_length_gives_nothing_away() -> None:
    question = who_question(claim(holder="editors"), PEOPLE, VOICES, "s")
    assert question is not None
    assert set(question.choices) == {"Serge", "Trotsky", "Ciliga", "the editors"}


def test_context_comes_in_brackets_before_the_extract_and_inner_quotes_turn_single() -> None:
    c = claim(text="It said “no” to them.", context="On the party", blank="")
    question = who_question(c, PEOPLE, VOICES, "s")
    assert question is not None
    assert question.prompt == "Who holds this view? [On the party] “It said ‘no’ to them.”"


# -- blanks ----------------------------------------------------------------------------------


def test_blank_accepts_listed_alternatives_and_the_key_shows_them_all() -> None:
    question = blank_question(claim(accept=("massacred", "slaughtered")), PEOPLE, "s")
    assert question is not None
    assert question.answer == ("atrocious", "massacred", "slaughtered")
    assert BLANK in question.prompt


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("Repressions", "repression"),
        ("rewriting", "re-writing"),
        ("18–19", "18-19"),
        ("eighteen-nineteen", "18-19"),
        ("“Reformist”.", "reformist"),
        ("the Cheka", "Cheka"),
        ("twenty one", "21"),
    ],
)
def test_folding(typed: str, key: str) -> None:
    assert normalise_answer(typed) == normalise_answer(key)


def test_folding_keeps_different_words_apart() -> None:
    assert normalise_answer("repression") != normalise_answer("oppression")
    assert normalise_answer("18") != normalise_answer("19")


def test_folded_forms() -> None:
    """The folded form itself, where the rules meet their edges (written out, not computed)."""
    assert normalise_answer("the\tCheka") == "cheka"  # spacing folded before the article goes
    assert normalise_answer("twenty – one") == "21"  # and again after the dash, for number words
    assert normalise_answer("arms") == "arm"  # four letters: the plural -s goes
    assert normalise_answer("gas") == "gas"  # three letters: kept
    assert normalise_answer("class") == "class" and normalise_answer("classes") == "classe"  # -ss kept


@settings(max_examples=200, deadline=None)
@given(word=st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=4, max_size=12))
@example(word="aaas")  # a hyphen before a final -s once kept the plural
def test_folding_ignores_case_hyphens_and_a_plural(word: str) -> None:
    assume(not any(number in word for number in NUMBER_WORDS))  # "eig-ht" is no longer "eight"
    key = normalise_answer(word)
    assert normalise_answer(word.upper()) == key
    assert normalise_answer(f"{word[:2]}-{word[2:]}") == key
    if not word.endswith("s"):
        assert normalise_answer(word + "s") == key


@pytest.mark.parametrize(
    ("term", "problem"),
    [
        ("July", "a month"),
        ("18-19", "a number"),
        ("2,000,000", "a number"),
        ("two", "a modifier"),
        ("trifling", "a modifier"),
        ("plainest", "a modifier"),
        ("demonstratively", "a modifier"),
        ("the", "a function word"),
        ("repression", ""),
        ("monopoly", ""),
        ("interest", ""),
        ("reformist", ""),
    ],
)
def test_blank_problem(term: str, problem: str) -> None:
    assert blank_problem(term) == problem


# -- a quiz is a set -------------------------------------------------------------------------

claims_strategy = st.lists(
    st.tuples(
        st.sampled_from(VOICES),
        st.sampled_from(["view", "fact"]),
        st.booleans(),  # has a paraphrase
        st.booleans(),  # has false statements
        st.booleans(),  # central
    ),
    min_size=1,
    max_size=14,
)


def _claims(spec: list[tuple[str, str, bool, bool, bool]]) -> list[ClaimInput]:
    made = []
    for i, (holder, kind, paraphrase, false, central) in enumerate(spec):
        made.append(
            ClaimInput(
                id=f"c-{i}",
                text=f"Claim number {i} holds that concept{i} matters.",
                holder=holder,
                position=i,
                kind=kind,
                central=central,
                blank=f"concept{i}",
                paraphrase=f"The voice holds that concept{i} matters." if paraphrase else "",
                false=(f"The voice holds that concept{i} is idle.",) if false else (),
            )
        )
    return made


@settings(max_examples=150, deadline=None)
@given(spec=claims_strategy, count=st.one_of(st.none(), st.integers(1, 16)), seed=st.text(max_size=4))
@example(spec=[("serge", "view", True, True, False)] * 6, count=None, seed="")
def test_a_quiz_is_a_set(spec: list[tuple[str, str, bool, bool, bool]], count: int | None, seed: str) -> None:
    claims = _claims(spec)
    questions, _ = build_quiz(QuizSpec(id="q", count=count, seed=seed), claims, PEOPLE)
    per_claim = Counter(q.claim for q in questions)
    assert all(n == 1 for n in per_claim.values())  # one question per claim
    assert count is None or len(questions) <= count
    # every claim here can also be asked as a blank, so the balances must hold
    who = Counter(q.answer[0] for q in questions if q.type == "who")
    assert not who or who.most_common(1)[0][1] * 2 <= max(sum(who.values()), 1) or sum(who.values()) == 1
    tf = [q for q in questions if q.type == "tf"]
    both_forms = {c.id for c in claims if c.paraphrase and c.false}
    if all(q.claim in both_forms for q in tf):
        trues = sum(1 for q in tf if is_true(q))
        assert abs(2 * trues - len(tf)) <= 1
    guaranteed = ("questions on claim", "printed in another question")
    assert not [f for f in check_quiz("q", questions).findings if any(g in f.message for g in guaranteed)]


def test_central_views_are_asked_as_who_when_a_quiz_spans_voices() -> None:
    claims = _claims(
        [
            ("serge", "view", True, True, True),
            ("trotsky", "view", True, True, True),
            ("ciliga", "fact", True, True, False),
        ]
    )
    questions, _ = build_quiz(QuizSpec(id="debate"), claims, PEOPLE)
    assert [q.type for q in questions][:2] == ["who", "who"]
    one_voice, _ = build_quiz(QuizSpec(id="one", holders=("serge",)), claims, PEOPLE)
    assert one_voice[0].type != "who" or len(one_voice) == 1


def test_no_question_prints_the_answer_of_another() -> None:
    first = claim(id="c-a", position=0, blank="ultimatum", text="They sent an ultimatum first.", context="x")
    second = claim(
        id="c-b",
        position=1,
        blank="",
        paraphrase="Serge says that the ultimatum came after the negotiations.",
        false=("Serge says that no ultimatum was ever sent to the rebels.",),
    )
    for seed in map(str, range(20)):
        questions, _ = build_quiz(QuizSpec(id="q", seed=seed, types=("blank", "tf")), [first, second], PEOPLE)
        blank = [q for q in questions if q.type == "blank"]
        assert not blank or "ultimatum" not in questions[1].prompt.casefold()


def test_an_exam_avoids_the_practice_questions() -> None:
    claims = _claims([("serge", "view", True, True, False), ("trotsky", "fact", True, True, False)])
    practice, _ = build_quiz(QuizSpec(id="q"), claims, PEOPLE)
    exam, _ = build_quiz(
        QuizSpec(id="q", seed="exam"), claims, PEOPLE, avoid={question_key(q) for q in practice}
    )
    assert exam and not {question_key(q) for q in exam} & {question_key(q) for q in practice}


# -- order and match -------------------------------------------------------------------------

day = st.tuples(st.integers(1900, 1940), st.integers(1, 12), st.integers(1, 28))


@settings(max_examples=150, deadline=None)
@given(spans=st.lists(st.tuples(day, st.integers(0, 2000)), max_size=10), seed=st.text(max_size=4))
def test_order_events_never_overlap_and_are_four_or_more(
    spans: list[tuple[tuple[int, int, int], int]], seed: str
) -> None:
    events = []
    for i, (start, length) in enumerate(spans):
        end_year = start[0] + length // 365
        events.append(Person(f"e{i}", "event", f"Event {i}", sort_date=start, end_date=(end_year, 12, 31)))
    question = order_question(events, "q", seed)
    if question is None:
        assert len(orderable_events(events)) < 4
        return
    assert len(question.answer) >= 4
    by_name = {e.name: e for e in events}
    ordered = [by_name[n] for n in question.answer]
    for one, after in itertools.pairwise(ordered):
        assert one.end_date is not None and after.sort_date is not None
        assert one.end_date < after.sort_date  # the earlier one is over before the next begins
    assert {label for label, _ in question.links} <= set(question.answer)


def test_an_order_question_is_not_repeated_when_avoided() -> None:
    events = [Person(f"e{i}", "event", f"Event {i}", sort_date=(1900 + i, 1, 1)) for i in range(6)]
    first = order_question(events, "a", "s")
    assert first is not None
    second = order_question(events, "a", "s", avoid={question_key(first)})
    assert second is not None and question_key(second) != question_key(first)


def test_match_leaves_out_roles_that_name_their_person_and_needs_four_rows() -> None:
    people = [
        Person("a", "person", "Anna Petrova", role="head of the Cheka", url="r.html#a"),
        Person("b", "person", "Boris Orlov", role="chairman of the Soviet"),
        Person("c", "person", "Clara Zetkin", role="author of the Zetkin letters"),
        Person("d", "person", "Dmitri Kol", role="commissar for war"),
        Person("e", "person", "Emil Sand", role="editor of the review"),
    ]
    question = match_question(people, "q", "s")
    assert question is not None and len(question.items) == 4
    assert "Clara Zetkin" not in question.items
    assert ("Anna Petrova", "r.html#a") in question.links
    assert match_question(people[:4], "q", "s") is None  # three usable rows are too few
    assert check_entry(people[2])[0].subtype == "question-match"
    assert check_entry(people[0]) == []


# -- the lint --------------------------------------------------------------------------------


def _subtypes(found: list[object]) -> set[str]:
    return {f.subtype for f in found}  # type: ignore[attr-defined]


def test_lint_fires_on_each_claim_rule() -> None:
    assert check_claim(claim(), PEOPLE) == []
    assert _subtypes(check_claim(claim(text="It was atrocious."), PEOPLE)) == {"claim-context"}
    assert check_claim(claim(text="It was atrocious.", context="the repression"), PEOPLE) == []
    assert _subtypes(check_claim(claim(kind="opinion"), PEOPLE)) == {"question-voice"}
    assert _subtypes(check_claim(claim(shared_by=("serge",)), PEOPLE)) == {"question-voice"}
    assert _subtypes(check_claim(claim(paraphrase=""), PEOPLE)) == {"question-tf"}
    assert _subtypes(check_claim(claim(false=("“the repression was mild”",)), PEOPLE)) >= {"question-tf"}
    assert _subtypes(check_claim(claim(false=("Serge says no.",)), PEOPLE)) == {"question-tf"}  # length
    bad_quote = claim(paraphrase="Serge calls the repression “a needless crime” once more.")
    assert _subtypes(check_claim(bad_quote, PEOPLE)) == {"question-quote"}
    good_quote = claim(paraphrase="Serge says that the repression was “atrocious”, and repeats it.")
    assert check_claim(good_quote, PEOPLE) == []
    assert _subtypes(check_claim(claim(blank="July", text="In July it was atrocious."), PEOPLE)) == {
        "question-blank"
    }
    long_key = claim(
        question="Why?", answer="Because of a very long and detailed reason given", wrong=("No", "Yes")
    )
    assert _subtypes(check_claim(long_key, PEOPLE)) == {"question-mc"}
    repeated = claim(question="Why?", answer="Fear", wrong=("fear", "Hope"))
    assert _subtypes(check_claim(repeated, PEOPLE)) == {"question-mc"}


def _q(i: int, kind: str, answer: str, claim_id: str = "", prompt: str = "") -> Question:
    choices = ("True", "False") if kind == "tf" else ("Serge", "Trotsky", "Ciliga")
    return Question(
        id=f"q{i}",
        type=kind,
        prompt=prompt or f"Prompt {i}",
        choices=() if kind == "blank" else choices,
        answer=(answer,),
        explanation="",
        claim=claim_id or f"c-{i}",
        source="",
    )


def test_lint_fires_on_each_set_rule() -> None:
    assert check_quiz("q", [_q(1, "who", "Serge"), _q(2, "who", "Trotsky")]).findings == ()
    messages = [f.message for f in check_quiz("q", [_q(1, "who", "Serge"), _q(2, "who", "Serge")]).findings]
    assert any("key of 2 of its 2" in m for m in messages)
    twice = check_quiz("q", [_q(1, "tf", "True", "c-x"), _q(2, "blank", "atrocious", "c-x")]).findings
    assert any("2 questions on claim" in f.message for f in twice)
    leak = check_quiz("q", [_q(1, "blank", "atrocious"), _q(2, "tf", "True", prompt="It was atrocious.")])
    assert any("printed in another question" in f.message for f in leak.findings)
    unbalanced = check_quiz("q", [_q(i, "tf", "True") for i in range(4)])
    assert any("true and" in f.message for f in unbalanced.findings)
    one_type = check_quiz("q", [_q(i, "blank", f"w{i}") for i in range(6)])
    assert any("spread the types" in f.message for f in one_type.findings)
    assert {f.subtype for f in leak.findings} == {"question-set"}


def test_lint_fires_on_an_order_question_asked_twice() -> None:
    events = [Person(f"e{i}", "event", f"Event {i}", sort_date=(1900 + i, 1, 1)) for i in range(4)]
    order = order_question(events, "a", "s")
    assert order is not None
    found = check_across([("a", [order]), ("b", [replace(order, id="b-order")])])
    assert [(f.subtype, f.quiz) for f in found] == [("question-order", "b")]


# -- the Sphinx side -------------------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="quality")
def test_each_quality_warning_fires_with_file_and_line(app: SphinxTestApp) -> None:
    app.build()
    warnings = app.warning.getvalue()
    for subtype, line in [
        ("claim-context", "index.md:"),
        ("question-voice", "index.md:"),
        ("question-tf", "index.md:"),
        ("question-quote", "index.md:"),
        ("question-blank", "index.md:"),
        ("question-mc", "index.md:"),
        ("question-set", "quizzes.md:"),
        ("question-match", "register.md:"),
    ]:
        found = [w for w in warnings.splitlines() if f"[studyguide.{subtype}]" in w]
        assert found, f"no {subtype} warning in:\n{warnings}"
        assert all(re.search(re.escape(line) + r"\d+", w) for w in found), found
    assert "Traceback" not in warnings


@pytest.mark.sphinx(
    "html",
    testroot="quality",
    confoverrides={"suppress_warnings": ["studyguide.question-blank", "studyguide.claim-context"]},
)
def test_quality_warnings_can_be_suppressed(app: SphinxTestApp) -> None:
    app.build()
    warnings = app.warning.getvalue()
    assert "[studyguide.question-blank]" not in warnings
    assert "[studyguide.claim-context]" not in warnings
    assert "[studyguide.question-tf]" in warnings  # the others stay


# -- the publication -------------------------------------------------------------------------


def _fold(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", text.casefold()).split())


def test_site_quotes_only_the_sources_words(site: Path) -> None:
    """Every span in quotation marks in a prompt or choice is in the seed text (read independently)."""
    import json

    seed = _fold(
        (Path(__file__).parent.parent / "seeds" / "serge-1939-a-letter-and-some-notes.txt").read_text()
    )
    quizzes = json.loads((site / "quizzes.json").read_text(encoding="utf-8"))["quizzes"]
    checked = 0
    for quiz in quizzes:
        for question in quiz["questions"]:
            for text in [question["prompt"], *question["choices"]]:
                for span in re.findall(r"“([^”]+)”", text):
                    for part in span.split(BLANK):
                        if _fold(part):
                            checked += 1
                            assert _fold(part) in seed, (question["id"], part)
            if question["type"] == "tf":
                assert "“" not in question["prompt"], question["id"]  # statements are never quoted
    assert checked > 20


def test_a_topic_s_other_names_are_not_accepted_for_a_blank() -> None:
    people = {
        **PEOPLE,
        "counter": Person("counter", "topic", "Counter-revolution", variants=("The danger of it in 1921",)),
    }
    c = claim(text="Remember the lurking counter-revolution.", blank="counter-revolution")
    question = blank_question(c, people, "s")
    assert question is not None and question.answer == ("counter-revolution",)


def test_match_prefers_the_roles_the_text_gives() -> None:
    people = [
        Person(f"p{i}", "person", f"Person {name}", role=f"register role {i}", text_role=f"text role {i}")
        for i, name in enumerate("ABCDE")
    ]
    question = match_question(people, "q", "s")
    assert question is not None and all(r.startswith("text role") for r in question.answer)
    few = [*people[:3], *(replace(p, text_role="") for p in people[3:])]
    question = match_question(few, "q", "s")  # three text roles are too few: the register's
    assert question is not None and all(r.startswith("register role") for r in question.answer)


def test_who_is_not_asked_when_we_names_the_one_group() -> None:
    we = claim(holder="editors", text="We cannot subscribe to this analysis.")
    assert who_question(we, PEOPLE, VOICES, "s") is None
    assert who_question(replace(we, text="This analysis is false."), PEOPLE, VOICES, "s") is not None


def test_lint_fires_on_absolutes_and_cued_blanks() -> None:
    absolute = claim(false=("Serge says that the repression after the rising never happened.",))
    assert any("absolute" in f.message for f in check_claim(absolute, PEOPLE))
    cued = claim(text="Learn to discuss, for discussion is the method.", blank="discuss")
    assert any("cued by 'discussion'" in f.message for f in check_claim(cued, PEOPLE))


def test_who_is_not_asked_when_the_context_names_a_voice() -> None:
    named = claim(context="Serge, on the repression")
    assert who_question(named, PEOPLE, VOICES, "s") is None
    assert who_question(claim(context="On the repression"), PEOPLE, VOICES, "s") is not None


def test_a_match_drops_the_rows_another_question_prints() -> None:
    people = {
        f"p{i}": Person(f"p{i}", "person", f"Person {n}", text_role=f"{role}", role="r")
        for i, (n, role) in enumerate(
            [
                ("Anna", "stayed in the background"),
                ("Boris", "held the countryside"),
                ("Clara", "head of the police"),
                ("Dmitri", "chairman of the council"),
                ("Emil", "led the peasant army"),
                ("Fyodor", "wrote the review"),
            ]
        )
    }
    loud = ClaimInput(
        id="c-loud",
        text="Anna stayed in the background.",
        holder="p0",
        topics=tuple(people),
        position=0,
        paraphrase="Anna says that she stayed in the background then.",
        false=("Anna says that she led from the front then.",),
        kind="fact",
    )
    questions, _ = build_quiz(QuizSpec(id="q", types=("tf", "match")), [loud], people)
    match = next(q for q in questions if q.type == "match")
    assert "stayed in the background" not in match.answer
    assert "Person Anna" not in match.items
