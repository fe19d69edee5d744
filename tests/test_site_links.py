"""Quiz links in the built HTML land on something: every practice-quiz question made from a
claim has a "Re-read the passage" link to an element id on its target page, and every link to a
question (the "Asked in" notes) points to one.

Read from the files, no browser: on the real site (`site`) and on tests/roots/test-quiz.
"""

from __future__ import annotations

from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

import pytest
from sphinx.cmd.build import build_main

ROOTS = Path(__file__).resolve().parent / "roots"
# Questions made from the register, not from one passage, have no passage to link to.
REGISTER_TYPES = {"order", "match"}
SITE_QUIZ_PAGES = {
    "quizzes/letter.html",
    "quizzes/trotsky.html",
    "quizzes/ciliga.html",
    "quizzes/serge.html",
    "quizzes/debate.html",
}


class _Page(HTMLParser):
    """The ids of a page, and the hrefs of its links by class."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.questions: dict[str, str] = {}  # question id: its type
        self.links: list[tuple[list[str], str, str | None]] = []  # (classes, href, enclosing question id)
        self._open: list[tuple[str, str | None]] = []  # li elements: (tag, question id)
        self._sections: list[bool] = []  # open sections: is it a practice quiz?

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = dict(attrs)
        classes = (attr.get("class") or "").split()
        if attr.get("id"):
            self.ids.add(attr["id"] or "")
        if tag == "section":
            self._sections.append("sg-quiz" in classes and "sg-exam" not in classes)
        if tag == "li":
            # Practice quizzes only: an exam's questions link to no passage.
            practice = any(self._sections)
            qid = attr.get("id") if "sg-question" in classes and practice else None
            if qid:
                self.questions[qid] = attr.get("data-sg-type") or ""
            self._open.append((tag, qid))
        if tag == "a" and attr.get("href"):
            current = next((q for _, q in reversed(self._open) if q), None)
            self.links.append((classes, attr["href"] or "", current))

    def handle_endtag(self, tag: str) -> None:
        if tag == "li" and self._open:
            self._open.pop()
        if tag == "section" and self._sections:
            self._sections.pop()


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


class _Site:
    def __init__(self, root: Path) -> None:
        self.root = root
        self._pages: dict[str, _Page] = {}

    def page(self, rel: str) -> _Page:
        if rel not in self._pages:
            self._pages[rel] = _parse(self.root / rel)
        return self._pages[rel]

    def html_files(self) -> Iterator[str]:
        for path in sorted(self.root.rglob("*.html")):
            rel = path.relative_to(self.root).as_posix()
            if not rel.startswith(("_static/", "_sources/")):
                yield rel

    def resolve(self, from_page: str, href: str) -> tuple[str, str]:
        """The page (relative to the root) and the fragment a relative href points to."""
        parts = urlsplit(href)
        assert not parts.scheme and not parts.netloc, f"{from_page}: {href} leaves the site"
        target = (
            PurePosixPath(from_page).parent / unquote(parts.path) if parts.path else PurePosixPath(from_page)
        )
        normal: list[str] = []
        for part in target.parts:
            if part == "..":
                assert normal, f"{from_page}: {href} climbs out of the site"
                normal.pop()
            elif part != ".":
                normal.append(part)
        return "/".join(normal), unquote(parts.fragment)


@pytest.fixture(scope="session")
def quiz_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("test-quiz-links") / "html"
    args = ["-W", "--keep-going", "-n", "-q", "-b", "html", "-d", str(out.parent / "doctrees")]
    assert build_main([*args, str(ROOTS / "test-quiz"), str(out)]) == 0, "test-quiz does not build cleanly"
    return out


@pytest.fixture(params=["site", "test-quiz"])
def built(request: pytest.FixtureRequest) -> _Site:
    return _Site(request.getfixturevalue("site" if request.param == "site" else "quiz_root"))


def _quiz_pages(site: _Site) -> list[str]:
    return [rel for rel in site.html_files() if site.page(rel).questions]


def test_the_site_has_its_quiz_pages(site: Path) -> None:
    """The links test below reads every quiz page; it must find at least these."""
    assert set(_quiz_pages(_Site(site))) >= SITE_QUIZ_PAGES


def test_every_question_links_to_its_passage(built: _Site) -> None:
    pages = _quiz_pages(built)
    assert pages
    broken: list[str] = []
    for rel in pages:
        page = built.page(rel)
        sources = {qid: href for classes, href, qid in page.links if "sg-source" in classes}
        for qid, qtype in page.questions.items():
            href = sources.get(qid)
            if href is None:
                if qtype not in REGISTER_TYPES:
                    broken.append(f"{rel}#{qid}: no “Re-read the passage” link")
                continue
            target, fragment = built.resolve(rel, href)
            if not fragment:
                broken.append(f"{rel}#{qid}: {href} has no #fragment")
            elif not (built.root / target).is_file():
                broken.append(f"{rel}#{qid}: {href}: no page {target}")
            elif fragment not in built.page(target).ids:
                broken.append(f"{rel}#{qid}: {href}: no id {fragment!r} on {target}")
    assert not broken, "\n".join(broken)


def test_every_asked_in_note_links_to_a_question(built: _Site) -> None:
    checked = 0
    broken: list[str] = []
    for rel in built.html_files():
        page = built.page(rel)
        for _classes, href, _qid in page.links:
            if urlsplit(href).scheme:
                continue
            target, fragment = built.resolve(rel, href)
            if not fragment.startswith("q-"):
                continue
            checked += 1
            if not (built.root / target).is_file() or fragment not in built.page(target).questions:
                broken.append(f"{rel}: {href}: no question {fragment!r} on {target}")
    assert checked, "no link to a question anywhere"
    assert not broken, "\n".join(broken)
