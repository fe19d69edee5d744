"""Issue 13 in a browser, on the real publication: the learning loop of the quizzes, a reading page
that stays out of the way (one tooltip above the line, a tap card, the reading-aids switch),
arrivals marked with a way back, 24 px targets, the debate map and timeline on a phone, the
navigation, and axe at 375 and 1280 px in light and dark.

What a test expects comes from quizzes.json, register.json, the accepted-answer rules of
ext/studyguide/quiz/answers.py, the WCAG figures, or the sources in docs/, never from the page.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Locator, Page, expect

from studyguide.quiz.answers import normalise_answer
from tests.answers import load_quizzes
from tests.browser.keyboard import has_focus_ring, tab_to

pytestmark = pytest.mark.browser

DOCS = Path(__file__).resolve().parents[2] / "docs"
TROTSKY = "quizzes/trotsky.html"
TEXT = "text/reply-to-trotsky.html"
TEXTS = [
    "text/letter-to-the-editors.html",
    "text/reply-to-trotsky.html",
    "text/reply-to-ciliga.html",
    "text/reply-to-serge.html",
]
RIGHT, WRONG = "Right.", "Not quite."
TARGET = 24  # WCAG 2.5.8: a target of at least 24 by 24 CSS px


@pytest.fixture(scope="module")
def url(site: Path, serve_dir: Callable[[Path], str]) -> str:
    return serve_dir(site)


@pytest.fixture(scope="module")
def quizzes(site: Path) -> dict[str, dict[str, Any]]:
    return load_quizzes(site)


@pytest.fixture(scope="module")
def register(site: Path) -> list[dict[str, Any]]:
    return list(json.loads((site / "register.json").read_text("utf-8"))["entries"])


def themed(new_page: Callable[..., Page], mode: str, width: int, **options: Any) -> Page:
    page = new_page(color_scheme=mode, viewport={"width": width, "height": 800}, **options)
    page.add_init_script(f"localStorage.setItem('theme', {json.dumps(mode)})")
    return page


def keyed(page: Page, quiz: dict[str, Any], kind: str) -> list[tuple[Locator, dict[str, Any]]]:
    """The quiz's questions of a type on the page, each with its key from quizzes.json."""
    found = []
    for q in quiz["questions"]:
        if q["type"] in kind.split():
            found.append((page.locator(f"[id='q-{quiz['id']}--{q['id']}']"), q))
    assert found, f"no {kind} question in {quiz['id']}"
    return found


def choose(question: Locator, key: dict[str, Any], right: bool) -> None:
    labels = question.locator("label.sg-choice")
    texts = [t.strip() for t in labels.all_inner_texts()]
    pick = key["answer"][0] if right else next(c for c in key["choices"] if c not in key["answer"])
    labels.nth(texts.index(pick)).locator("input").check()
    question.locator(".sg-check").click()


# --- 1. practice that teaches -------------------------------------------------------------------


def test_a_first_wrong_answer_gets_a_hint_and_another_try(
    page: Page, url: str, quizzes: dict[str, dict[str, Any]]
) -> None:
    page.goto(f"{url}/{TROTSKY}")
    (first, key), (second, key2) = keyed(page, quizzes["trotsky"], "tf mc who")[:2]
    choose(first, key, right=False)
    expect(first.locator(".sg-verdict")).to_have_text(WRONG)
    hint = first.locator(".sg-hint")
    expect(hint).to_be_visible()
    link = hint.get_by_role("link")
    assert urljoin(page.url, link.get_attribute("href") or "") == f"{url}/{key['source']}"
    expect(first.locator(".sg-answer")).to_be_hidden()  # the answer is not given away
    expect(first.locator(".sg-reveal")).to_be_visible()
    choose(first, key, right=True)  # the second try
    expect(first.locator(".sg-verdict")).to_have_text(RIGHT)
    expect(hint).to_be_hidden()
    expect(first.locator(".sg-answer")).to_be_visible()

    # Two wrong tries: the answer and its explanation come.
    choose(second, key2, right=False)
    expect(second.locator(".sg-answer")).to_be_hidden()
    choose(second, key2, right=False)
    expect(second.locator(".sg-answer")).to_be_visible()
    expect(second.locator(".sg-correct strong")).to_have_text(key2["answer"][0])
    expect(second.locator(".sg-hint")).to_be_hidden()

    # Asked for: the answer after one wrong try, and it stays after a reload.
    third, key3 = keyed(page, quizzes["trotsky"], "tf mc who")[2]
    choose(third, key3, right=False)
    third.locator(".sg-reveal").click()
    expect(third.locator(".sg-answer")).to_be_visible()
    page.reload()
    expect(third.locator(".sg-answer")).to_be_visible()
    expect(first.locator(".sg-verdict")).to_have_text(RIGHT)


def test_near_misses_the_answer_rules_allow_are_right(
    page: Page, url: str, quizzes: dict[str, dict[str, Any]]
) -> None:
    page.goto(f"{url}/{TROTSKY}")
    for question, key in keyed(page, quizzes["trotsky"], "blank"):
        typed = f"  the {key['answer'][0].upper()}. "
        assert normalise_answer(typed) == normalise_answer(key["answer"][0])  # the rules allow it
        question.get_by_role("textbox").fill(typed)
        question.locator(".sg-check").click()
        expect(question.locator(".sg-verdict")).to_have_text(RIGHT)


def test_retry_the_missed_ones_and_reset_asks_first(
    page: Page, url: str, quizzes: dict[str, dict[str, Any]]
) -> None:
    page.goto(f"{url}/{TROTSKY}")
    total = len(quizzes["trotsky"]["questions"])
    (a, ka), (b, kb), (c, kc) = keyed(page, quizzes["trotsky"], "tf mc who")[:3]
    choose(a, ka, right=True)
    choose(b, kb, right=False)
    choose(c, kc, right=False)
    score = page.locator(".sg-score")
    expect(score).to_have_text(f"3 of {total} checked, 1 right.")
    page.get_by_role("button", name="Retry the ones I missed").click()
    expect(score).to_have_text(f"1 of {total} checked, 1 right.")
    expect(b.locator("input:checked")).to_have_count(0)
    expect(a.locator(".sg-verdict")).to_have_text(RIGHT)
    expect(page.get_by_role("button", name="Retry the ones I missed")).to_be_hidden()
    assert page.evaluate("document.activeElement.closest('.sg-question')?.id") == b.get_attribute("id")

    # Reset asks; "Keep them" keeps them.
    page.get_by_role("button", name="Reset answers").click()
    expect(page.get_by_text("Clear every answer to this quiz?")).to_be_visible()
    page.get_by_role("button", name="Keep them").click()
    expect(score).to_have_text(f"1 of {total} checked, 1 right.")
    page.get_by_role("button", name="Reset answers").click()
    page.get_by_role("button", name="Yes, clear them").click()
    expect(score).to_have_text(f"0 of {total} checked.")
    # the reset sits at the end of the quiz, not beside the score
    assert page.locator(".sg-quiz-bar .sg-reset").count() == 0


def test_the_progress_bar_stays_in_view_on_a_phone(new_page: Callable[..., Page], url: str) -> None:
    page = new_page(viewport={"width": 375, "height": 700})
    page.goto(f"{url}/{TROTSKY}")
    page.locator(".sg-question").last.scroll_into_view_if_needed()
    box = page.locator(".sg-quiz-bar").bounding_box()
    header = page.locator(".mobile-header").bounding_box()
    assert box and header
    assert header["y"] + header["height"] - 1 <= box["y"] <= 200, box


def test_the_quiz_index_shows_each_quiz_progress(
    page: Page, url: str, quizzes: dict[str, dict[str, Any]]
) -> None:
    page.goto(f"{url}/{TROTSKY}")
    (a, ka), (b, kb) = keyed(page, quizzes["trotsky"], "tf mc who")[:2]
    choose(a, ka, right=True)
    choose(b, kb, right=False)
    page.goto(f"{url}/quizzes/index.html")
    total = len(quizzes["trotsky"]["questions"])
    link = page.locator("article a[href='trotsky.html']").first
    expect(link.locator("xpath=following-sibling::*[1]")).to_have_text(f" (2 of {total} checked, 1 right)")
    expect(page.locator("article a[href='letter.html'] + .sg-quiz-progress")).to_have_count(0)


# --- 2. reading without clutter -----------------------------------------------------------------

TIP_CHECK = """(links) => links.map(a => {
    a.focus();
    const tips = [...document.querySelectorAll('.sg-tip')].filter(t => getComputedStyle(t).display !== 'none');
    const line = a.getClientRects()[0];
    const out = [];
    if (a.hasAttribute('title')) out.push('has a title');
    if (tips.length !== 1) out.push(tips.length + ' tips shown');
    else {
      const r = tips[0].getBoundingClientRect();
      if (r.bottom > line.top + 0.5) out.push(`tip ${Math.round(r.top)}..${Math.round(r.bottom)} over line at ${Math.round(line.top)}`);
      if (r.left < 0 || r.right > innerWidth || r.top < 0) out.push('tip outside the window');
    }
    a.blur();
    return out.length ? a.textContent + ': ' + out.join(', ') : null;
  }).filter(Boolean)"""


@pytest.mark.parametrize("width", [375, 1280])
def test_one_tooltip_above_the_line(new_page: Callable[..., Page], url: str, width: int) -> None:
    """Every register link: no native title, one tip, wholly above the link's (first) line."""
    page = new_page(viewport={"width": width, "height": 800})
    problems: list[str] = []
    for path in TEXTS:
        page.goto(f"{url}/{path}")
        problems += [f"{path}: {p}" for p in page.locator("article a.sg-ref").evaluate_all(TIP_CHECK)]
    assert not problems, "\n".join(problems[:20])


def test_the_tip_shows_on_hover_and_escape_hides_it(new_page: Callable[..., Page], url: str) -> None:
    page = new_page(viewport={"width": 1280, "height": 800})
    page.goto(f"{url}/{TEXT}")
    link = page.locator("article p a.sg-ref").nth(3)
    link.scroll_into_view_if_needed()
    page.mouse.wheel(0, -200)
    tip = page.locator(f"[id='{link.get_attribute('aria-describedby')}']")
    link.hover()
    expect(tip).to_be_visible()
    line = link.evaluate("a => a.getClientRects()[0].top")
    box = tip.bounding_box()
    assert box and box["y"] + box["height"] <= line + 0.5
    # hoverable (WCAG 1.4.13): the pointer moves from the link onto the tip, which stays
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2, steps=8)
    page.wait_for_timeout(600)
    expect(tip).to_be_visible()
    page.keyboard.press("Escape")
    expect(tip).to_be_hidden()


def test_register_links_stand_apart_from_the_text(new_page: Callable[..., Page], url: str) -> None:
    """An underline of at least 3:1 against the background, light and dark (WCAG 1.4.1 / 1.4.11)."""
    for mode in ("light", "dark"):
        page = themed(new_page, mode, 1280)
        page.goto(f"{url}/{TEXT}")
        ratio = page.locator("article p a.sg-ref").first.evaluate(
            """a => {
              const rgb = c => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
              const lum = c => { const v = rgb(c).map(x => { x /= 255; return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4; });
                                 return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; };
              const s = getComputedStyle(a);
              if (!s.textDecorationLine.includes('underline') || parseFloat(s.textDecorationThickness) < 2) return 0;
              let bg = document.body; const b = getComputedStyle(bg).backgroundColor;
              const [l1, l2] = [lum(s.textDecorationColor), lum(b)].sort((x, y) => y - x);
              return (l1 + 0.05) / (l2 + 0.05);
            }"""
        )
        assert ratio >= 3, f"{mode}: underline contrast {ratio:.2f}"


def test_a_tap_shows_a_preview_card(
    new_page: Callable[..., Page], url: str, register: list[dict[str, Any]]
) -> None:
    page = new_page(viewport={"width": 375, "height": 800}, has_touch=True, is_mobile=True)
    page.goto(f"{url}/{TEXT}")
    link = page.locator("article p a.sg-ref").nth(4)
    link.scroll_into_view_if_needed()
    href = link.get_attribute("href") or ""
    link.tap()
    card = page.locator(".sg-card")
    expect(card).to_be_visible()
    assert page.url == f"{url}/{TEXT}"  # the tap did not leave the page
    entry = next(e for e in register if urljoin(f"{url}/{TEXT}", href) == f"{url}/{e['url']}")
    expect(card).to_contain_text(entry["role"])
    go = card.get_by_role("link", name="Open the entry")
    assert urljoin(page.url, go.get_attribute("href") or "") == f"{url}/{entry['url']}"
    line = link.evaluate("a => a.getClientRects()[0].top")
    box = card.bounding_box()
    assert box and box["y"] + box["height"] <= line + 0.5, "the card covers the line"
    card.get_by_role("button", name="Close").tap()
    expect(card).to_be_hidden()


def test_the_reading_aids_switch_is_remembered(page: Page, url: str) -> None:
    page.goto(f"{url}/{TEXT}")
    markers = page.locator(".sg-asked a, .sg-gloss a")
    assert markers.count() > 3
    expect(markers.first).to_be_visible()
    switch = page.get_by_role("button", name="Quiz and glossary markers")
    expect(switch).to_have_attribute("aria-pressed", "true")
    switch.click()
    expect(switch).to_have_attribute("aria-pressed", "false")
    expect(page.locator(".sg-asked a:visible, .sg-gloss a:visible")).to_have_count(0)
    page.goto(f"{url}/{TEXTS[0]}")
    expect(page.locator(".sg-asked a:visible, .sg-gloss a:visible")).to_have_count(0)
    expect(page.get_by_role("button", name="Quiz and glossary markers")).to_have_attribute(
        "aria-pressed", "false"
    )
    page.get_by_role("button", name="Quiz and glossary markers").click()
    page.reload()
    expect(page.locator(".sg-asked a").first).to_be_visible()


# --- 3. arrivals ---------------------------------------------------------------------------------


def test_an_arrival_is_marked_with_a_way_back(
    page: Page, url: str, quizzes: dict[str, dict[str, Any]]
) -> None:
    page.goto(f"{url}/{TROTSKY}")
    question, key = keyed(page, quizzes["trotsky"], "tf mc who")[0]
    qid = question.get_attribute("id")
    choose(question, key, right=False)
    question.locator(".sg-hint a").click()
    page.wait_for_url(f"{url}/{key['source']}")
    anchor = key["source"].split("#", 1)[1]
    target = page.locator(f"[id='{anchor}']")
    marked = target.evaluate(
        "e => getComputedStyle(e).backgroundColor !== getComputedStyle(e.parentElement).backgroundColor"
    )
    assert marked, "the passage reached is not highlighted"
    back = page.locator("a.sg-back")
    expect(back).to_have_count(1)
    expect(back).to_contain_text("Back to the question")
    back.click()
    page.wait_for_url(f"{url}/{TROTSKY}#{qid}")
    expect(page.locator(f"[id='{qid}']")).to_be_in_viewport()
    assert page.locator(f"[id='{qid}']").evaluate("e => e.matches(':target')")


def test_a_quiz_marker_leads_to_its_question_and_back(page: Page, url: str) -> None:
    page.goto(f"{url}/{TEXT}")
    marker = page.locator(".sg-asked a").first
    href = marker.get_attribute("href") or ""
    marker.click()
    fragment = urlsplit(href).fragment
    page.wait_for_url(re.compile(re.escape(fragment) + "$"))
    question = page.locator(f"[id='{fragment}']")
    assert question.evaluate(
        "e => e.matches(':target') && getComputedStyle(e).backgroundColor !== 'rgba(0, 0, 0, 0)'"
    )
    back = question.locator("a.sg-back")
    expect(back).to_contain_text("Back to the text")
    back.click()
    page.wait_for_url(re.compile(re.escape(TEXT) + "#"))


# --- 4. touch targets ------------------------------------------------------------------------------

SMALL = f"""els => els.filter(e => e.offsetParent !== null).map(e => {{
    const r = e.getBoundingClientRect();
    return r.width + 0.5 >= {TARGET} && r.height + 0.5 >= {TARGET} ? null
      : `${{e.textContent.trim()}} ${{r.width.toFixed(1)}}x${{r.height.toFixed(1)}}`;
  }}).filter(Boolean)"""


def test_targets_are_at_least_24px_at_375(new_page: Callable[..., Page], url: str) -> None:
    page = new_page(viewport={"width": 375, "height": 800})
    small: list[str] = []
    for path in [*TEXTS, "register/people.html", "register/events.html", "debate-map.html"]:
        page.goto(f"{url}/{path}")
        found = page.locator(".sg-asked a, .sg-gloss a, a.sg-backlink, a.sg-map-passage")
        small += [f"{path}: {s}" for s in found.evaluate_all(SMALL)]
    assert not small, f"{len(small)} small targets:\n" + "\n".join(small[:20])


# --- 5, 6. the debate map and the timeline ----------------------------------------------------------

PAGES_375 = ["index.html", *TEXTS, TROTSKY, "debate-map.html", "timeline.html", "register/people.html"]


def test_nothing_scrolls_sideways_at_375(new_page: Callable[..., Page], url: str) -> None:
    """Neither the page nor the column of text (furo's .content, a sideways scroll box on a phone)
    scrolls sideways: wide things scroll inside boxes of their own."""
    page = new_page(viewport={"width": 375, "height": 800})
    wide: list[str] = []
    for path in PAGES_375:
        page.goto(f"{url}/{path}")
        sizes = page.evaluate(
            """() => { const c = document.querySelector('.content');
                       return [document.documentElement.scrollWidth, c.scrollWidth, c.clientWidth]; }"""
        )
        if sizes[0] > 375 or sizes[1] > sizes[2]:
            wide.append(f"{path}: page {sizes[0]}px, column {sizes[1]}px in {sizes[2]}px")
    assert not wide, "\n".join(wide)


def test_the_debate_map_scrolls_in_its_own_box_with_sticky_headings(
    new_page: Callable[..., Page], url: str
) -> None:
    page = new_page(viewport={"width": 375, "height": 800})
    page.goto(f"{url}/debate-map.html")
    box = page.locator(".sg-map-scroll")
    expect(box).to_have_count(1)
    assert box.evaluate("b => b.scrollWidth > b.clientWidth && getComputedStyle(b).overflowX === 'auto'")
    box.evaluate("b => { b.scrollTop = 400; b.scrollLeft = 200; }")
    top = box.bounding_box()
    head = page.locator(".sg-map-scroll thead th").nth(1).bounding_box()
    first = page.locator(".sg-map-scroll tbody tr").nth(2).locator("td").first.bounding_box()
    assert top and head and first
    assert abs(head["y"] - top["y"]) < 2, "the header row scrolled away"
    assert abs(first["x"] - top["x"]) < 2, "the topics' column scrolled away"


def test_each_map_cell_is_one_line_with_its_passages(page: Page, url: str) -> None:
    """A cell: one paraphrase from the source (a claim's :paraphrase: or its words), and links."""
    paraphrases = set()
    for md in (DOCS / "text").glob("*.md"):
        paraphrases |= {
            m.strip() for m in re.findall(r"^\s*:paraphrase:(.*)$", md.read_text("utf-8"), flags=re.MULTILINE)
        }
    page.goto(f"{url}/debate-map.html")
    cells = page.locator(".sg-map-cell").evaluate_all(
        "cs => cs.map(c => [c.querySelectorAll('.sg-map-position').length, "
        "c.querySelector('.sg-map-position').textContent, c.querySelectorAll('a.sg-map-passage').length])"
    )
    assert len(cells) > 10
    assert all(n == 1 and links >= 1 for n, _text, links in cells)
    with_paraphrase = [text for _n, text, _links in cells if text in paraphrases]
    # every cell leads with a claim the author paraphrased (each topic row has one here)
    assert len(with_paraphrase) == len(cells), [t for _n, t, _l in cells if t not in paraphrases]


def test_the_timeline_is_drawn_and_each_mark_links_its_entry(
    page: Page, url: str, register: list[dict[str, Any]]
) -> None:
    scripts = "ss => ss.map(s => s.getAttribute('src').split('?')[0].split('_static/')[1])"
    page.goto(f"{url}/{TEXT}")
    text_scripts = set(page.locator("script[src]").evaluate_all(scripts))
    page.goto(f"{url}/timeline.html")
    svg = page.locator("svg.sg-timeline-chart")
    expect(svg).to_have_count(1)
    # drawn at build time: the page loads no script a text page does not
    assert set(page.locator("script[src]").evaluate_all(scripts)) <= text_scripts
    hrefs = {
        urljoin(page.url, h)
        for h in svg.locator("a").evaluate_all("as => as.map(a => a.getAttribute('href'))")
    }

    def in_range(e: dict[str, Any]) -> bool:
        start, end = e.get("dates", {}).get("start"), e.get("dates", {}).get("end")
        return bool(start) and int(start[:4]) <= 1940 and int((end or start)[:4]) >= 1917

    wanted = {f"{url}/{e['url']}" for e in register if e["type"] == "event" and in_range(e)}
    wanted |= {
        f"{url}/{e['url']}" for e in register if e["type"] == "person" and any(e.get("dates", {}).values())
    }
    wanted |= {f"{url}/{p}" for p in TEXTS}
    assert wanted <= hrefs, f"not drawn: {sorted(wanted - hrefs)}"
    expect(page.locator("table.sg-timeline")).to_be_visible()
    page.emulate_media(media="print")
    expect(svg).to_be_hidden()
    expect(page.locator("table.sg-timeline")).to_be_visible()


# --- 7. navigation ------------------------------------------------------------------------------------


def test_navigation(page: Page, url: str, quizzes: dict[str, dict[str, Any]]) -> None:
    page.goto(f"{url}/index.html")
    captions = page.locator(".sidebar-tree p.caption").all_inner_texts()
    # no caption repeats the one page under it
    for caption in page.locator(".sidebar-tree p.caption").all():
        items = caption.locator("xpath=following-sibling::ul[1]/li/a").all_inner_texts()
        assert caption.inner_text().strip().casefold() not in [i.strip().casefold() for i in items], captions
    assert [c.strip().casefold() for c in captions][-1] == "editors"
    editors = page.locator(".sidebar-tree p.caption", has_text=re.compile("^Editors$", re.I))
    links = editors.locator("xpath=following-sibling::ul[1]//a").evaluate_all(
        "as => as.map(a => a.getAttribute('href'))"
    )
    assert any("reference/markup" in h for h in links)
    article = page.locator("article")
    expect(article.get_by_role("link", name="Start reading")).to_have_attribute("href", TEXTS[0])
    expect(article.get_by_role("link", name="teachers' guide", exact=True)).to_have_attribute(
        "href", "teachers.html"
    )

    # each piece ends with its quiz: the quiz whose :pieces: (in docs/quizzes/) is that piece alone
    for md in sorted((DOCS / "quizzes").glob("*.md")):
        found = re.search(r"^:pieces:\s*(\S+)\s*$", md.read_text("utf-8"), flags=re.MULTILINE)
        if not found:
            continue
        quiz_id, path = md.stem, found.group(1) + ".html"
        page.goto(f"{url}/{path}")
        last = page.locator("article .sg-next a").last
        expect(last).to_have_attribute("href", f"../quizzes/{quiz_id}.html")
        expect(last).to_contain_text(quizzes[quiz_id]["title"])

    # the teachers' links on a quiz page: one quiet line after the questions
    page.goto(f"{url}/{TROTSKY}")
    assert page.evaluate(
        "() => !!(document.querySelector('.sg-questions').compareDocumentPosition("
        "document.querySelector('.sg-teacher')) & Node.DOCUMENT_POSITION_FOLLOWING)"
    )
    expect(page.locator(".sg-teacher")).to_have_count(1)

    # the search box shows its focus
    page.set_viewport_size({"width": 1280, "height": 800})
    tab_to(page, "input.sidebar-search")
    assert has_focus_ring(page)


# --- 8. page basics Lighthouse checks -----------------------------------------------------------------


def test_favicon_and_a_description_on_every_audited_page(page: Page, url: str) -> None:
    descriptions = set()
    for path in ["index.html", TEXT, TROTSKY, "quizzes/exams/trotsky.html", "register/people.html"]:
        response = page.goto(f"{url}/{path}")
        assert response and response.ok
        icon = page.locator("link[rel~='icon']").get_attribute("href")
        assert icon and page.request.get(urljoin(page.url, icon)).ok
        text = page.locator("meta[name='description']").get_attribute("content") or ""
        assert 40 <= len(text) <= 160, (path, text)
        descriptions.add(text)
        # nothing in the head blocks the first paint but the stylesheets
        blocking = page.locator("head script[src]:not([defer]):not([async])").count()
        assert blocking == 0, path
    assert len(descriptions) == 5


# --- 9. axe at both widths, light and dark -------------------------------------------------------------

AXE_PAGES = ["index.html", TEXT, TROTSKY, "debate-map.html", "timeline.html", "register/people.html"]


@pytest.mark.parametrize("mode", ["light", "dark"])
@pytest.mark.parametrize("width", [375, 1280])
def test_axe_is_clean(new_page: Callable[..., Page], url: str, width: int, mode: str) -> None:
    page = themed(new_page, mode, width)
    found: list[str] = []
    for path in AXE_PAGES:
        page.goto(f"{url}/{path}")
        if path == TROTSKY:  # a hint, a revealed answer and the reset question shown
            question = page.locator(".sg-question[data-sg-kind='radio']").first
            question.locator("input").first.check()
            question.locator(".sg-check").click()
            question.locator("input").last.check()
            question.locator(".sg-check").click()
            page.get_by_role("button", name="Reset answers").click()
        if path == TEXT:  # a tooltip shown
            page.locator("article p a.sg-ref").first.focus()
        for v in Axe().run(page).response["violations"]:
            if v["impact"] in ("serious", "critical"):
                found.append(f"{path}: {v['id']} ({v['impact']}) at {[n['target'] for n in v['nodes']][:3]}")
    assert not found, "\n".join(found)


def test_search_still_works_with_deferred_scripts(page: Page, url: str) -> None:
    """The page-weight changes leave the search page's scripts in working order."""
    page.goto(f"{url}/search.html?q=Ciliga")
    results = page.locator("#search-results li a")
    expect(results.first).to_be_visible(timeout=15000)
    hrefs = results.evaluate_all("as => as.map(a => a.getAttribute('href'))")
    assert any("text/reply-to-ciliga.html" in h for h in hrefs), hrefs
