"""Every paragraph of the seed appears, word for word and in order, on its page of the built site."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEED
from tests.htmltext import main_text, normalise

SHARED_SEED = ROOT.parent / "shared" / "seeds" / "000_32ad46a7f3cc6354.txt"
SEED_SHA256 = "0759e17d2a7a21c900ec2dce93658fb151146c8e795ddff484268258ff9624d8"

# The printed order of the pieces: the heading line in the seed that opens each, and its page.
PIECES = [
    (None, "text/letter-to-the-editors.html"),
    ("Reply to Trotsky", "text/reply-to-trotsky.html"),
    ("Reply to Ciliga", "text/reply-to-ciliga.html"),
    ("Reply to Serge", "text/reply-to-serge.html"),
]
FRONT = "index.html"


def seed_paragraphs() -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", SEED.read_text("utf-8")) if p.strip()]


def expected_pages() -> dict[str, list[str]]:
    """Assign each seed paragraph to the page it belongs on, independently of the importer."""
    paragraphs = seed_paragraphs()
    pages: dict[str, list[str]] = {FRONT: paragraphs[:2]}  # author and title lines
    headings = {heading: page for heading, page in PIECES if heading}
    page = PIECES[0][1]
    footnotes: list[str] = []
    for paragraph in paragraphs[2:]:
        if paragraph in headings:
            page = headings[paragraph]
            pages.setdefault(page, []).append(paragraph)
        elif re.match(r"^\d+\*\. ", paragraph):  # the transcriber's source note
            pages[FRONT].append(re.sub(r"^\d+\*\. ", "", paragraph))
        elif page == "text/reply-to-ciliga.html" and re.match(r"^\d+\. ", paragraph):
            footnotes.append(paragraph)  # Serge's footnotes, printed after the Ciliga note
        else:
            pages.setdefault(page, []).append(re.sub(r"^\d+\. ", "", paragraph))
    for footnote in footnotes:
        number, text = footnote.split(". ", 1)
        owner = next(p for p, paras in pages.items() if any(f"[{number}]" in x for x in paras))
        pages[owner].append(text)
    return pages


def test_seed_is_byte_identical() -> None:
    assert hashlib.sha256(SEED.read_bytes()).hexdigest() == SEED_SHA256
    if SHARED_SEED.exists():
        assert SEED.read_bytes() == SHARED_SEED.read_bytes()


def test_every_paragraph_is_assigned() -> None:
    pages = expected_pages()
    assert sum(len(v) for v in pages.values()) == len(seed_paragraphs())
    assert set(pages) == {FRONT} | {page for _, page in PIECES}


@pytest.mark.parametrize("page", [FRONT] + [page for _, page in PIECES])
def test_paragraphs_verbatim_and_in_order(site: Path, page: str) -> None:
    text = main_text((site / page).read_text("utf-8"))
    position = 0
    for paragraph in expected_pages()[page]:
        wanted = normalise(paragraph)
        found = text.find(wanted, position)
        assert found >= 0, f"{page}: missing or out of order: {wanted[:120]!r}"
        position = found + len(wanted)


def test_pieces_are_separate_pages(site: Path) -> None:
    """A piece's own paragraphs are not repeated on another piece's page."""
    pages = expected_pages()
    for _, page in PIECES:
        text = main_text((site / page).read_text("utf-8"))
        for other, paragraphs in pages.items():
            if other in (page, FRONT):
                continue
            assert normalise(paragraphs[-1]) not in text, f"{other}'s text appears on {page}"
