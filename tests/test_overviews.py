"""Timeline, register cards and debate map: generated from the register and the claims."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp


def page(app: SphinxTestApp) -> str:
    return (Path(app.outdir) / "overview.html").read_text("utf-8")


@pytest.mark.sphinx("html", testroot="quiz", freshenv=True)
def test_timeline_in_date_order_within_the_years(app: SphinxTestApp) -> None:
    app.build()
    html = page(app)
    table = html[html.index("sg-timeline") : html.index("</table>", html.index("sg-timeline"))]
    names = re.findall(r'href="register.html#event-[\w-]+">([^<]+)<', table)
    assert names == ["Rise of the tolls", "Closing of the locks"]  # 1886's fitting is outside 1880-1885
    assert "January 1881" in table


@pytest.mark.sphinx("html", testroot="quiz", freshenv=True)
def test_cards_use_sphinx_design(app: SphinxTestApp) -> None:
    app.build()
    html = page(app)
    assert "sd-row-cols-md-2" in html
    cards = re.findall(
        r'<div class="sd-card sd-sphinx-override[^"]*">(.*?)</div>\s*</div>\s*</div>', html, re.S
    )
    assert len(cards) == 3  # the three people, not the organisation
    first = cards[0]
    assert 'href="register.html#person-engineer"' in first and "builder of the new lock gates" in first


@pytest.mark.sphinx("html", testroot="quiz", freshenv=True)
def test_debate_map_cells_link_to_passages(app: SphinxTestApp) -> None:
    app.build()
    html = page(app)
    table = html[html.index("sg-debate-map") :]
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", table, re.S)
    header, tolls, locks = rows[0], rows[1], rows[2]
    assert [h.strip() for h in re.findall(r"<p>([^<]+)</p>", header)] == [
        "Topic",
        "Mary Example",
        "The Canal Company",
        "John Clerk",
    ]
    # the rise of the tolls: Mary Example's claim (mentions it) and the company's (topic)
    assert 'href="letter.html#c-not-told"' in tolls and 'href="reply.html#claim-c-gates-ordered"' in tolls
    assert 'href="letter.html#claim-c-locks-closed"' in locks
    assert "—" in locks  # a voice with nothing on the topic


def test_debate_map_follows_an_edited_claim(make_app, rootdir: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    src = tmp_path / "quiz"
    shutil.copytree(rootdir / "test-quiz", src)
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    assert "gates-ordered" in page(app)
    app.cleanup()
    reply = src / "reply.md"
    reply.write_text(reply.read_text("utf-8").replace(":topics: toll-rise\n", ":topics: lock-closing\n"))
    app = make_app("html", srcdir=src)
    app.build()
    html = page(app)
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", html[html.index("sg-debate-map") :], re.S)
    assert "gates-ordered" not in rows[1] and "gates-ordered" in rows[2]


def test_debate_map_follows_an_edited_paraphrase(make_app, rootdir: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A map cell states the claim's paraphrase: editing only that option rewrites the map page."""
    src = tmp_path / "quiz"
    shutil.copytree(rootdir / "test-quiz", src)
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    assert "the gates were ordered in 1880" in page(app)
    app.cleanup()
    reply = src / "reply.md"
    old = ":paraphrase: The company says that the gates were ordered in 1880."
    assert old in reply.read_text("utf-8")
    reply.write_text(
        reply.read_text("utf-8").replace(old, ":paraphrase: The company says it ordered new gates in 1880.")
    )
    app = make_app("html", srcdir=src)
    app.build()
    assert "it ordered new gates in 1880" in page(app)
    assert "the gates were ordered in 1880" not in page(app)
