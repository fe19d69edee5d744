"""Claims and quizzes in a built site: widget markup, answer keys, exports, bad input, rebuilds."""

from __future__ import annotations

import gzip
import json
import re
import shutil
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
from sphinx.testing.util import SphinxTestApp

from tests import gift

QTI = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"


def read(app: SphinxTestApp, name: str) -> str:
    return (Path(app.outdir) / name).read_text("utf-8")


def quizzes(app: SphinxTestApp) -> dict[str, Any]:
    return {q["id"]: q for q in json.loads(read(app, "quizzes.json"))["quizzes"]}


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "id" and value:
                self.ids.append(value)


def ids_in(html: str) -> list[str]:
    parser = _Ids()
    parser.feed(html)
    return parser.ids


@pytest.fixture
def built(app: SphinxTestApp) -> SphinxTestApp:
    app.build()
    return app


pytestmark = pytest.mark.sphinx("html", testroot="quiz", freshenv=True)


def test_builds_clean_with_a_summary(built: SphinxTestApp) -> None:
    assert built.warning.getvalue() == ""
    assert re.search(
        r"studyguide: 6 claims, 2 quizzes, \d+ questions \(who \d+, tf \d+", built.status.getvalue()
    )


def test_quizzes_json_shape_and_links(built: SphinxTestApp) -> None:
    data = json.loads(read(built, "quizzes.json"))
    assert data["version"] == 1
    assert [q["id"] for q in data["quizzes"]] == ["canal-all", "canal-letter"]
    for quiz in data["quizzes"]:
        assert set(quiz) >= {"id", "title", "url", "questions"}
        page, anchor = quiz["url"].split("#")
        assert anchor in ids_in(read(built, page))
        for q in quiz["questions"]:
            assert set(q) >= {"id", "type", "prompt", "choices", "answer", "explanation", "claim", "source"}
            assert q["answer"], q
            if q["type"] == "blank":
                assert q["choices"] == [] and "_____" in q["prompt"]
            elif q["type"] in ("order", "match"):
                assert sorted(q["answer"]) == sorted(q["choices"])
            else:
                assert q["answer"][0] in q["choices"] and len(set(q["choices"])) == len(q["choices"])
            if q["claim"]:
                page, anchor = q["source"].split("#")
                assert anchor in ids_in(read(built, page)), q["source"]
    types = [q["type"] for q in quizzes(built)["canal-all"]["questions"]]
    assert len(set(types)) >= 3 and set(types) <= {"who", "tf", "blank", "mc"}  # too few events to order
    assert {q["type"] for q in quizzes(built)["canal-letter"]["questions"]} <= {"who", "tf", "blank"}


def test_filled_blank_reads_as_the_source(built: SphinxTestApp) -> None:
    from tests.htmltext import main_text, normalise

    for q in quizzes(built)["canal-all"]["questions"]:
        if q["type"] != "blank":
            continue
        filled = q["prompt"].removeprefix("Fill in the blank: ").replace("_____", q["answer"][0])
        page = main_text(read(built, q["source"].split("#")[0]))
        # the prompt quotes the extract, its own quotation marks turned single
        assert normalise(filled.strip("“”")).replace("'", '"') in page.replace("'", '"'), filled


def test_who_names_the_holder_including_quoted_voices(built: SphinxTestApp) -> None:
    # whose view each claim of the root is (from its markup); facts are never asked as "who"
    holders = {
        "c-tolls-gates": "The Canal Company",  # the company quoted in her letter (:speaker:)
        "c-not-told": "Mary Example",  # the page's default voice
        "c-quoted": "John Clerk",  # the clerk quoted in the company's reply
        "c-xss": "The Canal Company",
    }
    asked = [q for quiz in quizzes(built).values() for q in quiz["questions"] if q["type"] == "who"]
    assert asked
    for q in asked:
        assert q["claim"] in holders, q["claim"]  # not c-locks-closed or c-gates-ordered: facts
        assert q["answer"] == [holders[q["claim"]]]


def test_widget_markup(built: SphinxTestApp) -> None:
    page = read(built, "quiz.html")
    assert page.count('class="sg-quiz sg-apparatus"') == 2
    assert 'src="_static/quiz.js' in page and "_static/quiz.css" in page
    assert "quiz.js" not in read(built, "letter.html")  # only pages with a quiz load it
    assert '<button type="button" class="sg-check" hidden>' in page
    for match in re.finditer(
        r'<li class="sg-question" id="([^"]+)" data-sg-type="(\w+)" data-sg-kind="(\w+)"', page
    ):
        qid, qtype, kind = match.groups()
        assert qid.startswith(("q-canal-all--", "q-canal-letter--"))
        assert kind == {"blank": "text", "order": "select", "match": "select"}.get(qtype, "radio")
    # every question has its answer in a collapsed element, for reading without JavaScript
    assert page.count('<details class="sg-answer">') == page.count('class="sg-question"')
    assert 'href="_quizzes/canal-all.gift"' in page and 'href="_quizzes/canal-all-qti12.zip"' in page
    assert 'href="answers/canal-all.html"' in page  # the answer key, for teachers
    assert 'href="letter.html#claim-c-locks-closed">Re-read the passage' in page


def test_answer_key_page(built: SphinxTestApp) -> None:
    key = read(built, "answers/canal-all.html")
    quiz = quizzes(built)["canal-all"]
    assert key.count("<li><p><strong>") >= len(quiz["questions"])
    assert "sg-quiz" not in key  # the key is not a quiz


def test_passages_show_which_quizzes_ask(built: SphinxTestApp) -> None:
    letter = read(built, "letter.html")
    # a block claim: a marker after the passage; an inline claim: right after its words
    assert re.search(
        r'<sup class="sg-asked sg-apparatus"><a href="quiz.html#q-canal-all--c-locks-closed-\w+" '
        r'title="Asked in: The canal letters; The letter"',
        letter,
    )
    assert re.search(r'id="claim-c-tolls-gates">[^\n]*?”</span><sup class="sg-asked', letter)
    assert 'id="c-not-told"' in letter  # the MyST span form keeps its own anchor


def test_text_from_the_source_is_escaped(built: SphinxTestApp) -> None:
    for page in ("reply.html", "quiz.html", "answers/canal-all.html"):
        html = read(built, page)
        assert "<script>alert(1)</script>" not in html
        assert "alert(1)" in html  # shown as text
    # the claim's explanation holds <b>bold</b>: the widget and the key show it as text
    for page in ("quiz.html", "answers/canal-all.html"):
        html = read(built, page)
        assert "&lt;b&gt;bold&lt;/b&gt;" in html and "<b>bold</b>" not in html, page


def test_gift_files_parse(built: SphinxTestApp) -> None:
    for quiz_id, quiz in quizzes(built).items():
        parsed = gift.parse(read(built, f"_quizzes/{quiz_id}.gift"))
        assert [p.title for p in parsed] == [q["id"] for q in quiz["questions"]]
        for p, q in zip(parsed, quiz["questions"], strict=True):
            if q["type"] == "tf":
                assert p.kind == "truefalse" and p.right == [q["answer"][0].upper()]
            elif q["type"] == "blank":
                # the key's answers first, then spellings the site also takes
                assert p.kind == "shortanswer" and p.right[: len(q["answer"])] == q["answer"]
            elif q["type"] in ("order", "match"):
                assert p.kind == "matching" and len(p.pairs) == len(q["answer"])
            else:
                assert p.kind == "multichoice" and p.right == q["answer"]
                assert sorted(p.right + p.wrong) == sorted(q["choices"])


def test_gift_parser_rejects_malformed() -> None:
    with pytest.raises(gift.GiftError):
        gift.parse("::t::A question {=right ~wrong")
    with pytest.raises(gift.GiftError):
        gift.parse("::t::Unescaped = sign {=a ~b}")
    with pytest.raises(gift.GiftError):
        gift.parse("::t::Only wrong {~a ~b}")


def test_qti_packages_are_well_formed(built: SphinxTestApp) -> None:
    for quiz_id, quiz in quizzes(built).items():
        with zipfile.ZipFile(Path(built.outdir) / f"_quizzes/{quiz_id}-qti12.zip") as package:
            names = package.namelist()
            manifest = ElementTree.fromstring(package.read("imsmanifest.xml"))
            hrefs = [
                f.get("href")
                for f in manifest.iter("{http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1}file")
            ]
            assert hrefs == [f"{quiz_id}/{quiz_id}.xml", f"{quiz_id}/assessment_meta.xml"]
            assert set(hrefs) <= set(names)
            root = ElementTree.fromstring(package.read(hrefs[0]))
        assert root.tag == f"{QTI}questestinterop"
        items = list(root.iter(f"{QTI}item"))
        assert [i.get("ident") for i in items] == [q["id"] for q in quiz["questions"]]
        for item in items:
            assert item.find(f"{QTI}presentation") is not None
            assert item.find(f"{QTI}resprocessing") is not None
            labels = {label.get("ident") for label in item.iter(f"{QTI}response_label")}
            for equal in item.iter(f"{QTI}varequal"):
                kind = item.find(f".//{QTI}fieldentry").text  # type: ignore[union-attr]
                if kind != "short_answer_question":
                    assert equal.text in labels


def test_two_builds_give_identical_exports(make_app, rootdir: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    outputs = []
    for run in ("a", "b"):
        src = tmp_path / run
        shutil.copytree(rootdir / "test-quiz", src)
        app = make_app("html", srcdir=src, freshenv=True)
        app.build()
        out = Path(app.outdir)
        outputs.append(
            {
                p.relative_to(out).as_posix(): p.read_bytes()
                for p in [out / "quizzes.json", out / "register.json", *sorted((out / "_quizzes").iterdir())]
            }
        )
        app.cleanup()
    assert outputs[0] == outputs[1]


def test_incremental_edit_and_removal_of_a_claim(make_app, rootdir: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    src = tmp_path / "quiz"
    shutil.copytree(rootdir / "test-quiz", src)
    quiz = src / "quiz.md"  # every claim asked as a blank where it has one
    quiz.write_text(
        quiz.read_text("utf-8").replace(
            ":title: The canal letters", ":title: The canal letters\n:types: blank"
        )
    )
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    before = {q["id"]: q for q in quizzes(app)["canal-all"]["questions"]}
    assert "c-quoted-blank" in before
    app.cleanup()

    # an unchanged rebuild keeps every question
    app = make_app("html", srcdir=src)
    app.build()
    assert {q["id"]: q for q in quizzes(app)["canal-all"]["questions"]} == before
    assert "sg-question" in read(app, "quiz.html")
    app.cleanup()

    # edit a claim on one page: every quiz that uses it changes on the next build
    reply = src / "reply.md"
    reply.write_text(reply.read_text("utf-8").replace("open to {blank}`anyone`", "open to {blank}`everyone`"))
    app = make_app("html", srcdir=src)
    app.build()
    after = {q["id"]: q for q in quizzes(app)["canal-all"]["questions"]}
    assert "everyone" in after["c-quoted-blank"]["answer"]
    assert "everyone" in read(app, "quiz.html") and "everyone" in read(app, "answers/canal-all.html")
    app.cleanup()

    # remove the claim: its questions go
    text = reply.read_text("utf-8")
    start = text.index(":::{claim} c-quoted")
    reply.write_text(text[:start] + text[text.index(":::", text.index("writes", start)) + 3 :])
    app = make_app("html", srcdir=src)
    app.build()
    remaining = {q["id"] for q in quizzes(app)["canal-all"]["questions"]}
    assert not any(qid.startswith("c-quoted") for qid in remaining)
    assert "c-quoted" not in read(app, "quiz.html")


def test_parallel_build_gives_the_same_quizzes(make_app, rootdir: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    results = []
    for jobs in (1, 2):
        src = tmp_path / f"j{jobs}"
        shutil.copytree(rootdir / "test-quiz", src)
        app = make_app("html", srcdir=src, freshenv=True, parallel=jobs)
        app.build()
        out = Path(app.outdir)
        results.append([(out / name).read_bytes() for name in ("quizzes.json", "quiz.html", "letter.html")])
        app.cleanup()
    assert results[0] == results[1]


@pytest.mark.parametrize("builder", ["text", "latex", "epub", "man", "singlehtml", "dirhtml"])
def test_other_builders(make_app, rootdir: Path, tmp_path: Path, builder: str) -> None:  # type: ignore[no-untyped-def]
    src = tmp_path / "quiz"
    shutil.copytree(rootdir / "test-quiz", src)
    app = make_app(builder, srcdir=src, freshenv=True, warningiserror=True)
    app.build()
    assert app.statuscode == 0 and app.warning.getvalue() == ""


@pytest.mark.sphinx("text", testroot="quiz", freshenv=True)
def test_text_builder_has_questions_and_answers(app: SphinxTestApp) -> None:
    app.build()
    text = read(app, "quiz.txt")
    assert "Who holds this view?" in text and "Answers" in text
    assert "_____" in text


@pytest.mark.sphinx("html", testroot="quiz-bad", freshenv=True)
def test_bad_claims_and_quizzes_warn(app: SphinxTestApp) -> None:
    app.build()
    warnings = app.warning.getvalue()
    expected = [
        (r"claim 'c-no-holder' has no :holder:", "claim-holder"),
        (r"claim 'c-unknown': :holder: names unknown id 'somone'; did you mean 'someone'\?", "unknown-id"),
        (r"claim 'c-unknown': :topics: names unknown id 'nowhere'", "unknown-id"),
        (r"duplicate claim id 'c-dup'", "duplicate-id"),
        (r"claim directive 'c-lonely' has no body", "claim-orphan"),
        (r"claim 'c-question': a :question: needs an :answer:", "bad-option"),
        (r"claim role .* needs 'words <claim-id>'", "empty-target"),
        (r"quiz 'nothing': :holders: names unknown id 'nobody-at-all'", "quiz-filter"),
        (r"quiz 'misspelt': :pieces: names no page 'indx'; did you mean 'index'\?", "quiz-filter"),
        (r"quiz 'misspelt': :topics: names unknown id 'somone'; did you mean 'someone'\?", "quiz-filter"),
        (r"claim passage 'c-no-holder' has no claim directive with its id on the page", "claim-orphan"),
        (r"blank 'stray' is outside any claim", "claim-blank"),
        (r"quiz 'nothing': its filters match no claim", "quiz-filter"),
        (r"quiz 'too-many': :types: names unknown question types \['essay'\]", "quiz-filter"),
        (r"quiz 'too-many' asks for 500 questions", "quiz-short"),
        (r"answer key or exam for unknown quiz 'missing-quiz'", "quiz-filter"),
    ]
    for pattern, subtype in expected:
        assert re.search(r"index.md:\d+: WARNING: " + pattern + rf".*\[studyguide\.{subtype}\]", warnings), (
            pattern
        )
    assert "Traceback" not in warnings


@pytest.mark.parametrize("page", ["quiz.html", "exams/canal-all.html"])
def test_quiz_assets_on_a_page_are_under_16_kb_gzipped(built: SphinxTestApp, page: str) -> None:
    """What a student downloads of ours, compressed as a static host serves it (gzip)."""
    html = read(built, page)
    ours = ("studyguide.css", "studyguide.js", "quiz.css", "quiz.js", "exam.css", "exam.js")
    loaded = [name for name in ours if re.search(rf'_static/{re.escape(name)}(\?[^"]*)?"', html)]
    assert "studyguide.css" in loaded and "studyguide.js" in loaded and "quiz.css" in loaded
    size = sum(len(gzip.compress((Path(built.outdir) / "_static" / name).read_bytes(), 9)) for name in loaded)
    assert size <= 16_000, (loaded, size)


@pytest.mark.sphinx("html", testroot="quiz-unused", freshenv=True)
def test_a_claim_no_quiz_asks_about_is_warned_and_counted(app: SphinxTestApp) -> None:
    """The quiz takes claims from one page only: the other page's claim is unused."""
    app.build()
    warnings = app.warning.getvalue()
    unused = re.findall(
        r"left-out.md:\d+: WARNING: no quiz or exam asks about claim '([\w-]+)' \[studyguide\.claim-unused\]",
        warnings,
    )
    assert unused == ["c-toll"]
    assert warnings.count("WARNING") == 1
    # the summary's counts are the build's: claims in the source, quizzes and questions in quizzes.json
    questions = [q for quiz in quizzes(app).values() for q in quiz["questions"]]
    by_type = {
        t: sum(q["type"] == t for q in questions) for t in ("who", "tf", "blank", "mc", "order", "match")
    }
    parts = ", ".join(f"{t} {n}" for t, n in by_type.items() if n)
    summary = (
        f"studyguide: 3 claims, 1 quizzes, {len(questions)} questions ({parts}), 0 exams, 0 exam questions, "
        "1 claims with no question"
    )
    assert summary in app.status.getvalue()
    assert {q["claim"] for q in questions} == {"c-bridge", "c-ferry"}
