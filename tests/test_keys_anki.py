"""Answer keys a teacher uses in class, Anki decks, and quiz counts, judged against the markup.

The expectations come from the author's source read by ``tests/sourcetext.py`` (which never
imports the extension) and from ``quizzes.json``; never from the page under test.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import sqlite3
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from tests import sourcetext
from tests.conftest import build_html

SNAPSHOTS = Path(__file__).parent / "snapshots"
ROOT = Path(__file__).parent / "roots" / "test-keys"
FOLDING = "Case, articles, a plural -s, hyphens and number words (two or 2) are ignored."
BASEURL = "https://keys.example/site/"  # the root's html_baseurl


@pytest.fixture(scope="module")
def keys_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    src = tmp_path_factory.mktemp("keys-site") / "src"
    shutil.copytree(ROOT, src)
    return build_html(src, src.parent / "html")


@pytest.fixture(scope="module")
def source() -> sourcetext.Source:
    return sourcetext.read(ROOT)


def quizzes(out: Path) -> dict[str, Any]:
    return {q["id"]: q for q in json.loads((out / "quizzes.json").read_text("utf-8"))["quizzes"]}


class _KeyItems(HTMLParser):
    """The answer key's items: each as its text and the links it holds."""

    def __init__(self) -> None:
        super().__init__()
        self.items: list[dict[str, Any]] = []
        self.depth = 0  # inside <ol class="... sg-key">
        self.inside = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "ol" and "sg-key" in (found.get("class") or "").split():
            self.inside, self.depth = True, 0
        if not self.inside:
            return
        if tag == "ol":
            self.depth += 1
        elif tag == "li" and self.depth == 1:
            self.items.append({"text": "", "links": []})
        elif tag == "a" and self.items:
            self.items[-1]["links"].append(found.get("href") or "")

    def handle_endtag(self, tag: str) -> None:
        if self.inside and tag == "ol":
            self.depth -= 1
            self.inside = self.depth > 0

    def handle_data(self, data: str) -> None:
        if self.inside and self.items:
            self.items[-1]["text"] += data


def key_items(page: Path) -> list[dict[str, Any]]:
    parser = _KeyItems()
    parser.feed(page.read_text("utf-8"))
    for item in parser.items:
        item["text"] = " ".join(item["text"].split())
    return parser.items


def voice_of(source: sourcetext.Source, claim: sourcetext.Claim) -> str:
    return source.entries[claim.holder].name


# -- practice keys ---------------------------------------------------------------------------
@pytest.mark.parametrize("quiz_id", ["blanks", "all"])
def test_practice_key_says_what_each_question_tests(
    keys_site: Path, source: sourcetext.Source, quiz_id: str
) -> None:
    questions = quizzes(keys_site)[quiz_id]["questions"]
    items = key_items(keys_site / "answers" / f"{quiz_id}.html")
    assert len(items) == len(questions)
    for item, question in zip(items, questions, strict=True):
        claim = source.claims[question["claim"]]
        text = item["text"]
        assert f"Tests claim {claim.id}" in text
        assert claim.paraphrase.rstrip(".") in text
        assert f"the view of {voice_of(source, claim)}" in text
        anchor = question["source"].split("#", 1)[1]
        assert f"../{claim.page}.html#{anchor}" in item["links"]
        if question["type"] == "blank":
            # the blank and every variant the author wrote, each spelling as written
            written = [*source.blanks(claim), *claim.accept()]
            listed = text.split("Accepted answers: ", 1)[1].split(". Case", 1)[0].split("; ")
            assert listed[: len(written)] == written
            assert FOLDING in text
        else:
            assert "Accepted answers" not in text


def test_practice_key_keeps_spellings_that_fold_together(keys_site: Path, source: sourcetext.Source) -> None:
    claim = source.claims["c-light-out"]
    folded = {sourcetext.normalise(a).removeprefix("the ") for a in claim.accept()}
    assert len(folded) < len(claim.accept())  # the root's variants do fold together
    text = " ".join(i["text"] for i in key_items(keys_site / "answers" / "blanks.html"))
    for variant in claim.accept():
        assert variant in text


def test_practice_key_snapshot(keys_site: Path) -> None:
    """The printed shape of a key: answer, prompt, explanation, accepted answers, claim, passage."""
    lines = [
        f"{n}. {item['text']} | links: {' '.join(item['links'])}"
        for n, item in enumerate(key_items(keys_site / "answers" / "blanks.html"), 1)
    ]
    text = "\n".join(lines) + "\n"
    path = SNAPSHOTS / "key-blanks.txt"
    if os.environ.get("STUDYGUIDE_UPDATE_SNAPSHOTS"):
        path.write_text(text, "utf-8")
    assert text == path.read_text("utf-8"), (
        "key-blanks.txt changed: if meant, refresh with STUDYGUIDE_UPDATE_SNAPSHOTS=1"
    )


def test_practice_key_escapes_author_text(keys_site: Path) -> None:
    page = (keys_site / "answers" / "blanks.html").read_text("utf-8")
    assert "<b>lamp</b>" not in page and "&lt;b&gt;lamp&lt;/b&gt;" in page


# -- exam keys (text files) --------------------------------------------------------------------
def test_exam_key_text_says_what_each_question_tests(exam_site: Path) -> None:
    source = sourcetext.read(Path(__file__).parent / "roots" / "test-exam")
    teacher = exam_site.parent / "teacher"
    data = json.loads((teacher / "exam-keys.json").read_text("utf-8"))
    for exam in data["exams"]:
        text = (teacher / f"{exam['quiz']}-exam-key.txt").read_text("utf-8")
        blocks = re.split(r"\n\n(?=\d+\. )", text.split("\n\n", 1)[1])
        assert len([b for b in blocks if b.strip()]) == len(exam["questions"])
        for block, question in zip(blocks, exam["questions"], strict=False):
            if not question["claim"]:
                continue
            claim = source.claims[question["claim"]]
            head = f"Tests claim {claim.id}"
            if claim.paraphrase:
                head += f" ({claim.paraphrase.rstrip('.')})"
            assert f"{head}, the view of {source.entries[claim.holder].name}." in block
            assert "Passage: " in block and question["source"] in block
            if question["type"] == "blank":
                for answer in [*source.blanks(claim), *claim.accept()]:
                    assert answer in block.split("Accepted answers: ", 1)[1]


# -- Anki decks --------------------------------------------------------------------------------
def deck_notes(apkg: Path, tmp: Path) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    with zipfile.ZipFile(apkg) as package:
        assert sorted(package.namelist()) == ["collection.anki2", "media"]
        (tmp / "collection.anki2").write_bytes(package.read("collection.anki2"))
    connection = sqlite3.connect(tmp / "collection.anki2")
    try:
        rows = connection.execute("SELECT guid, mid, flds, tags FROM notes ORDER BY id").fetchall()
        models = json.loads(connection.execute("SELECT models FROM col").fetchone()[0])
        decks = json.loads(connection.execute("SELECT decks FROM col").fetchone()[0])
        cards = connection.execute("SELECT count(*), count(DISTINCT did) FROM cards").fetchone()
    finally:
        connection.close()
    notes = [
        {"guid": g, "model": models[str(m)]["name"], "fields": f.split("\x1f"), "tags": t.split()}
        for g, m, f, t in rows
    ]
    return notes, {"decks": decks, "cards": cards}


def plain(field: str) -> str:
    """A field as a reader sees it: tags out, entities decoded, the cloze markup removed."""
    text = re.sub(r"\{\{c\d+::(.*?)\}\}", r"\1", field)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", text)).split())


@pytest.mark.parametrize("quiz_id", ["blanks", "all"])
def test_deck_holds_the_quiz_claims_and_register(
    keys_site: Path, source: sourcetext.Source, quiz_id: str, tmp_path: Path
) -> None:
    notes, col = deck_notes(keys_site / "_quizzes" / f"{quiz_id}.apkg", tmp_path)
    quiz = quizzes(keys_site)[quiz_id]
    decks = [d for d in col["decks"].values() if d["name"] == quiz["title"]]
    assert len(decks) == 1 and col["cards"][1] == 1  # every card in the quiz's deck
    claims = [
        n for n in notes if f"quiz-{quiz_id}" in n["tags"] and n["model"].startswith("Study guide claim")
    ]
    # every claim in the root is in both quizzes' scope (neither names pieces)
    assert sorted(t for n in claims for t in n["tags"] if t.startswith("claim-")) == sorted(
        f"claim-{c}" for c in source.claims
    )
    for note in claims:
        claim = source.claims[next(t for t in note["tags"] if t.startswith("claim-"))[6:]]
        text, extra = note["fields"]
        blanks = source.blanks(claim)
        clozes = re.findall(r"\{\{c1::(.*?)\}\}", text)
        assert len(clozes) == 1 and "{{c2" not in text
        if blanks:
            assert html.unescape(clozes[0]) == blanks[0]
            assert sourcetext.normalise(plain(text)) == sourcetext.normalise(source.text(claim))
        elif claim.paraphrase:
            assert html.unescape(clozes[0]) == claim.paraphrase
        else:
            assert html.unescape(clozes[0]) == voice_of(source, claim)
        assert f"The view of {voice_of(source, claim)}" in plain(extra)
        assert f'href="{BASEURL}{claim.page}.html#claim-{claim.id}"' in extra
    register = [n for n in notes if n["model"].startswith("Study guide name to role")]
    named = {c.holder for c in source.claims.values()}
    assert sorted((plain(n["fields"][0]), plain(n["fields"][1])) for n in register) == sorted(
        (source.entries[e].name, source.entries[e].role) for e in named
    )
    assert len({n["guid"] for n in notes}) == len(notes)


def test_deck_escapes_author_text(keys_site: Path, tmp_path: Path) -> None:
    notes, _col = deck_notes(keys_site / "_quizzes" / "all.apkg", tmp_path)
    fields = "\x1f".join(f for n in notes for f in n["fields"])
    assert "<b>" not in fields and "<light>" not in fields
    assert "&lt;b&gt;" in fields and "&lt;light&gt;" in fields
    # braces of the author's text cannot become a cloze: only the deck's own c1 clozes are there
    assert "{{c2" not in fields and "{{c1::lamp}}" in fields  # the blank, not the role's text
    assert "&#123;&#123;c1::lamp&#125;&#125;" in fields  # the role's braces, escaped


def test_decks_are_byte_identical_across_builds_and_keep_their_ids(
    keys_site: Path, tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> None:
    src = tmp_path_factory.mktemp("keys-again") / "src"
    shutil.copytree(ROOT, src)
    again = build_html(src, src.parent / "html")
    for quiz_id in ("blanks", "all"):
        first = (keys_site / "_quizzes" / f"{quiz_id}.apkg").read_bytes()
        assert first == (again / "_quizzes" / f"{quiz_id}.apkg").read_bytes()
    # a changed text keeps the deck, model and note ids: a re-import updates, never duplicates
    text = src / "text.md"
    text.write_text(text.read_text("utf-8").replace("for an hour", "for two hours"), "utf-8")
    changed = build_html(src, src.parent / "html-changed")
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    before, col_before = deck_notes(keys_site / "_quizzes" / "all.apkg", tmp_path / "a")
    after, col_after = deck_notes(changed / "_quizzes" / "all.apkg", tmp_path / "b")
    assert [n["guid"] for n in before] == [n["guid"] for n in after]
    assert col_before["decks"].keys() == col_after["decks"].keys()
    assert before != after  # the text did change


def test_quiz_page_and_teachers_link_the_deck(keys_site: Path) -> None:
    page = (keys_site / "quiz.html").read_text("utf-8")
    for quiz_id in ("blanks", "all"):
        assert f'href="_quizzes/{quiz_id}.apkg" download>Anki deck</a>' in page
        assert (keys_site / "_quizzes" / f"{quiz_id}.apkg").is_file()


# -- quiz counts -------------------------------------------------------------------------------
def test_quiz_count_role_prints_the_built_count(keys_site: Path) -> None:
    page = (keys_site / "counts.html").read_text("utf-8")
    rows = re.findall(r"<tr[^>]*><td><p>([\w-]+)</p></td>\s*<td><p>(\d+)</p></td>", page)
    counts = {quiz_id: len(q["questions"]) for quiz_id, q in quizzes(keys_site).items()}
    assert dict((q, int(n)) for q, n in rows) == counts


def test_quiz_count_role_warns_on_an_unknown_quiz(tmp_path: Path) -> None:
    from sphinx.cmd.build import build_main

    src = tmp_path / "src"
    shutil.copytree(ROOT, src)
    (src / "counts.md").write_text("# Counts\n\nIt asks {quiz-count}`nowhere` questions.\n", "utf-8")
    warnings = tmp_path / "warnings.txt"
    status = build_main(["-q", "-b", "html", "-w", str(warnings), str(src), str(tmp_path / "html")])
    assert status == 0
    text = warnings.read_text("utf-8")
    assert "counts.md:3: WARNING: quiz-count names unknown quiz 'nowhere' [studyguide.quiz-filter]" in text


def test_teachers_table_counts_are_the_quizzes(site: Path) -> None:
    """docs/teachers.md's table: each quiz's count as quizzes.json has it."""
    page = (site / "teachers.html").read_text("utf-8")
    counts = {quiz_id: len(q["questions"]) for quiz_id, q in quizzes(site).items()}
    rows = re.findall(
        r'href="quizzes/([\w-]+)\.html"[^\n]*?</td>\s*<td>.*?</td>\s*<td><p>(\d+)</p></td>', page, re.S
    )
    assert dict((q, int(n)) for q, n in rows) == counts
    for quiz_id in counts:
        assert f'href="_quizzes/{quiz_id}.apkg"' in page
