"""The built site in a browser: quiz pages, register tooltips, escaping, small screens.

Most tests run on the real publication (the session fixture `site` builds docs/ once, with the
flags `make html` uses); the escaping test runs on tests/roots/test-quiz, whose claim text holds
`<script>alert(1)</script>`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
import sphinx.locale
from axe_playwright_python.sync_playwright import Axe
from babel.messages.pofile import read_po
from playwright.sync_api import Locator, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from sphinx.cmd.build import build_main

from tests.answers import key_text, load_quizzes
from tests.browser.keyboard import has_focus_ring, tab_to

pytestmark = pytest.mark.browser

ROOTS = Path(__file__).resolve().parents[1] / "roots"
QUIZ_PAGES = [
    "quizzes/letter.html",
    "quizzes/trotsky.html",
    "quizzes/ciliga.html",
    "quizzes/serge.html",
    "quizzes/debate.html",
]
TROTSKY = "quizzes/trotsky.html"
TEXT_PAGE = "text/reply-to-trotsky.html"
TEXT_PAGES = [
    "text/letter-to-the-editors.html",
    "text/reply-to-trotsky.html",
    "text/reply-to-ciliga.html",
    "text/reply-to-serge.html",
]
RIGHT, WRONG, EMPTY = "Right.", "Not quite.", "Choose or type an answer first."
DARK_BACKGROUND = "rgb(19, 20, 22)"  # furo's --color-background-primary in dark mode
XSS = "<script>alert(1)</script>"


# --- fixtures --------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def site_url(site: Path, serve_dir: Callable[[Path], str]) -> str:
    return serve_dir(site)


@pytest.fixture(scope="session")
def quiz_root_url(tmp_path_factory: pytest.TempPathFactory, serve_dir: Callable[[Path], str]) -> str:
    """tests/roots/test-quiz built once, with the flags `make html` uses."""
    out = tmp_path_factory.mktemp("test-quiz") / "html"
    args = ["-W", "--keep-going", "-n", "-q", "-b", "html", "-d", str(out.parent / "doctrees")]
    assert build_main([*args, str(ROOTS / "test-quiz"), str(out)]) == 0, "test-quiz does not build cleanly"
    return serve_dir(out)


# --- helpers ---------------------------------------------------------------------------------


def themed_page(new_page: Callable[..., Page], mode: str) -> Page:
    """A page whose system colour scheme and furo theme choice (localStorage "theme") are `mode`."""
    page = new_page(color_scheme=mode)
    page.add_init_script(f"localStorage.setItem('theme', {json.dumps(mode)})")
    return page


def questions(page: Page) -> Locator:
    return page.locator(".sg-question")


# Each question's key, by its id on the page ("q-<quiz>--<question>"), from the site's quizzes.json:
# what a test expects is never read from the page under test.
KEYS: dict[str, dict[str, Any]] = {}


@pytest.fixture(scope="module", autouse=True)
def site_keys(site: Path) -> None:
    for quiz_id, quiz in load_quizzes(site).items():
        for q in quiz["questions"]:
            KEYS[f"q-{quiz_id}--{q['id']}"] = q


def choice_values(question: Locator) -> dict[str, str]:
    """A radio question's choices as shown: label text -> input value."""
    pairs = question.locator("label.sg-choice").evaluate_all(
        "ls => ls.map(l => [l.textContent.trim(), l.querySelector('input').value])"
    )
    return dict(pairs)


def answer_of(question: Locator) -> list[str]:
    """What the question must accept, from quizzes.json: a choice's input value, or the words."""
    key = KEYS[question.get_attribute("id") or ""]
    if key["type"] == "blank":
        return list(key["answer"])
    value = choice_values(question).get(key["answer"][0])
    assert value is not None, f"the page has no choice {key['answer'][0]!r}"
    return [value]


def radio_questions(page: Page) -> list[Locator]:
    return page.locator(".sg-question[data-sg-kind='radio']").all()


def blank_questions(page: Page) -> list[Locator]:
    return page.locator(".sg-question[data-sg-kind='text']").all()


def wrong_value(question: Locator) -> str:
    right = answer_of(question)
    values = question.locator("input[type=radio]").evaluate_all("es => es.map(e => e.value)")
    return next(v for v in values if v not in right)


def score(page: Page) -> Locator:
    return page.locator(".sg-score")


def serious_violations(page: Page) -> list[str]:
    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


# An element is in view when its box lies within the window (its top at least, if it is taller).
IN_VIEWPORT = """e => { const r = e.getBoundingClientRect(), h = innerHeight, w = innerWidth;
    return r.height > 0 && r.top >= 0 && r.top < h && (r.bottom <= h || r.height > h)
      && r.left >= 0 && r.right <= w; }"""


# --- 1. accessibility of every quiz page, light and dark --------------------------------------


@pytest.mark.parametrize("path", QUIZ_PAGES, ids=[Path(p).stem for p in QUIZ_PAGES])
def test_quiz_page_has_no_serious_axe_violation(
    new_page: Callable[..., Page], site_url: str, path: str
) -> None:
    """Light, then dark as furo's toggle sets it (stored choice and body[data-theme])."""
    page = themed_page(new_page, "light")
    page.goto(f"{site_url}/{path}")
    expect(page.locator(".sg-quiz.sg-js")).to_have_count(1)
    assert page.evaluate("document.body.dataset.theme") == "light"
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") != DARK_BACKGROUND

    # Every state the widget shows: right, wrong, "answer first", answers open, the rest fresh.
    first, second = radio_questions(page)[:2]
    first.locator(f"input[value='{answer_of(first)[0]}']").check()
    first.locator(".sg-check").click()
    second.locator(f"input[value='{wrong_value(second)}']").check()
    second.locator(".sg-check").click()
    empty = page.locator(".sg-question:not(.sg-right):not(.sg-wrong)").first
    empty.locator(".sg-check").click()
    expect(first.locator(".sg-verdict")).to_have_text(RIGHT)
    expect(second.locator(".sg-verdict")).to_have_text(WRONG)
    expect(empty.locator(".sg-verdict")).to_have_text(EMPTY)
    page.locator(".sg-reset").focus()
    found = [f"light: {v}" for v in serious_violations(page)]

    page.emulate_media(color_scheme="dark")
    page.evaluate("() => { localStorage.setItem('theme', 'dark'); document.body.dataset.theme = 'dark'; }")
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == DARK_BACKGROUND
    found += [f"dark: {v}" for v in serious_violations(page)]
    assert not found, "\n".join(found)


# --- 2. a student on the Trotsky quiz ---------------------------------------------------------


def test_student_answers_by_mouse_reloads_and_resets(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/{TROTSKY}")
    total = questions(page).count()
    assert total >= 2
    expect(score(page)).to_have_text(f"0 of {total} checked.")
    first, second = radio_questions(page)[:2]
    right, wrong = answer_of(first)[0], wrong_value(second)

    first.locator(f"input[type=radio][value='{right}']").click()
    first.locator(".sg-check").click()
    expect(first.locator(".sg-verdict")).to_have_text(RIGHT)
    expect(first).to_have_class(re.compile(r"\bsg-right\b"))
    answer = first.locator(".sg-answer")
    expect(answer).to_be_visible()
    expect(answer).to_have_attribute("open", "")
    expect(answer.locator(".sg-explain")).to_be_visible()
    expect(answer.locator(".sg-explain")).not_to_have_text("")
    expect(answer.get_by_role("link", name="Re-read the passage")).to_be_visible()

    second.locator(f"input[type=radio][value='{wrong}']").click()
    second.locator(".sg-check").click()
    expect(second.locator(".sg-verdict")).to_have_text(WRONG)
    expect(second).to_have_class(re.compile(r"\bsg-wrong\b"))
    expect(second.locator(".sg-hint")).to_be_visible()  # a hint and another try, not the answer
    expect(second.locator(".sg-correct")).to_be_hidden()
    expect(score(page)).to_have_text(f"2 of {total} checked, 1 right.")

    page.reload()
    expect(score(page)).to_have_text(f"2 of {total} checked, 1 right.")
    expect(first.locator(f"input[value='{right}']")).to_be_checked()
    expect(second.locator(f"input[value='{wrong}']")).to_be_checked()
    expect(first.locator(".sg-verdict")).to_have_text(RIGHT)
    expect(second.locator(".sg-verdict")).to_have_text(WRONG)
    expect(first.locator(".sg-answer")).to_be_visible()

    page.get_by_role("button", name="Reset answers").click()
    page.get_by_role("button", name="Yes, clear them").click()
    expect(score(page)).to_have_text(f"0 of {total} checked.")
    expect(page.locator(".sg-quiz input:checked")).to_have_count(0)
    expect(page.locator(".sg-verdict:not(:empty)")).to_have_count(0)
    expect(page.locator(".sg-answer:visible")).to_have_count(0)
    page.reload()
    expect(score(page)).to_have_text(f"0 of {total} checked.")
    expect(page.locator(".sg-quiz input:checked")).to_have_count(0)


def test_student_answers_by_keyboard_alone(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/{TROTSKY}")
    total = questions(page).count()
    # A question whose right choice is not the first, so that the arrows are needed.
    radio = next(q for q in radio_questions(page) if int(answer_of(q)[0]) > 0)
    radio_id, right = radio.get_attribute("id"), int(answer_of(radio)[0])
    blank = blank_questions(page)[0]
    blank_id, typed = blank.get_attribute("id"), answer_of(blank)[0]

    # A radio group: Tab in, Space picks the first choice, the arrows move on, Tab, Enter.
    tab_to(page, f"#{radio_id} input[type=radio]")
    assert has_focus_ring(page)
    page.keyboard.press("Space")
    for _ in range(right):
        page.keyboard.press("ArrowDown")
    expect(radio.locator("input:checked")).to_have_value(str(right))
    page.keyboard.press("Tab")
    assert page.evaluate(f"document.activeElement.matches('#{radio_id} .sg-check')")
    assert has_focus_ring(page)
    page.keyboard.press("Enter")
    expect(radio.locator(".sg-verdict")).to_have_text(RIGHT)

    # A blank: type, Enter checks.
    tab_to(page, f"#{blank_id} input[type=text]")
    assert has_focus_ring(page)
    page.keyboard.type(typed)
    page.keyboard.press("Enter")
    expect(blank.locator(".sg-verdict")).to_have_text(RIGHT)
    expect(score(page)).to_have_text(f"2 of {total} checked, 2 right.")

    # The passage link in the revealed answer is reachable too.
    tab_to(page, f"#{blank_id} .sg-source")
    assert has_focus_ring(page)


def test_reread_link_lands_on_the_passage(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/{TROTSKY}")
    question = radio_questions(page)[0]
    question.locator(f"input[value='{answer_of(question)[0]}']").click()
    question.locator(".sg-check").click()
    link = question.get_by_role("link", name="Re-read the passage")
    href = link.get_attribute("href")
    assert href and "#" in href
    link.click()
    page.wait_for_url(re.compile(rf"/{re.escape(TEXT_PAGE)}#"))
    url = urlsplit(page.url)
    fragment = unquote(url.fragment)
    assert fragment == unquote(href.split("#", 1)[1])
    target = page.locator(f"[id='{fragment}']")
    expect(target).to_have_count(1)
    expect(target).to_be_visible()
    try:
        page.wait_for_function(f"() => ({IN_VIEWPORT})(document.getElementById({json.dumps(fragment)}))")
    except PlaywrightTimeout as error:
        box, size = target.bounding_box(), page.viewport_size
        raise AssertionError(f"#{fragment} is not scrolled into view: {box} in {size}") from error


# --- 4. text from the source never runs as script ----------------------------------------------


@pytest.mark.parametrize(
    "path", ["reply.html", "quiz.html", "answers/canal-all.html", "exams/canal-all.html"]
)
def test_source_text_is_never_run(new_page: Callable[..., Page], quiz_root_url: str, path: str) -> None:
    assert (ROOTS / "test-quiz" / path).with_suffix(".md").is_file(), f"test-quiz has no {path}"
    page = new_page()
    page.add_init_script(
        """window.__sg_alerts = [];
           for (const name of ['alert', 'confirm', 'prompt']) {
             window[name] = (...args) => { window.__sg_alerts.push([name, ...args.map(String)]); };
           }"""
    )
    page.goto(f"{quiz_root_url}/{path}")
    if path == "quiz.html":  # the widget too writes the text only as text
        expect(page.locator(".sg-quiz.sg-js")).to_have_count(page.locator(".sg-quiz").count())
        page.locator(".sg-check").evaluate_all("bs => bs.forEach(b => b.click())")
        expect(page.locator(".sg-verdict", has_text=EMPTY).first).to_be_visible()
        page.locator(".sg-reset").evaluate_all("bs => bs.forEach(b => b.click())")
    if path.startswith("exams/"):  # the questions show once a name is given
        page.locator('input[name="sg-student"]').fill("<img src=x onerror=alert(1)>")
        page.locator(".sg-begin").click()
        expect(page.locator(".sg-exam-who")).to_contain_text("<img src=x onerror=alert(1)>")
        expect(page.locator(".sg-prompt").first).to_be_visible()
    assert page.evaluate("window.__sg_alerts") == []
    text = page.locator("body").inner_text()
    if not path.startswith("exams/"):  # an exam asks what no practice page asks: maybe not this claim
        assert XSS in text
        expect(page.get_by_text(XSS).first).to_be_visible()
    expect(page.locator("img[src=x]")).to_have_count(0)
    scripts = page.locator("script").evaluate_all("es => es.map(e => e.textContent)")
    assert not [s for s in scripts if "alert(" in s]
    # the claim's <b>bold</b> is on the quiz page and the key (its explanation): as text, not markup
    expect(page.locator("b", has_text="bold")).to_have_count(0)
    if path in ("quiz.html", "answers/canal-all.html"):
        if path == "quiz.html":
            page.locator(".sg-answer").evaluate_all(
                "ds => ds.forEach(d => { d.hidden = false; d.open = true; })"
            )
        expect(page.get_by_text("<b>bold</b>", exact=False).first).to_be_visible()


# --- 5. register tooltips ---------------------------------------------------------------------


def test_register_link_tooltip_on_hover_and_focus(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/{TEXT_PAGE}")
    links = page.locator("article a.sg-ref")
    assert links.count() > 10
    # Every register link: described by its own tooltip, and no native title repeating it.
    mismatches = links.evaluate_all(
        """links => links.map(a => {
             const tip = document.getElementById(a.getAttribute('aria-describedby') || '');
             const ok = tip && tip.getAttribute('role') === 'tooltip' && tip === a.nextElementSibling
               && tip.classList.contains('sg-tip') && tip.textContent.trim() !== '' && !a.hasAttribute('title');
             return ok ? null : a.outerHTML;
           }).filter(Boolean)"""
    )
    assert mismatches == []

    link = links.first
    tip = link.locator("xpath=following-sibling::*[1]")
    tip_id = link.get_attribute("aria-describedby")
    expect(tip).to_have_attribute("id", tip_id or "")
    expect(tip).to_have_class(re.compile(r"\bsg-tip\b"))
    expect(tip).not_to_have_text("")
    expect(tip).to_be_hidden()

    link.hover()
    expect(tip).to_be_visible()
    page.mouse.move(0, 0)
    expect(tip).to_be_hidden()

    link_id = link.evaluate("a => a.parentElement.id")
    tab_to(page, f"#{link_id} > a.sg-ref")
    expect(tip).to_be_visible()
    page.keyboard.press("Tab")
    expect(tip).to_be_hidden()


@pytest.mark.parametrize("width", [375, 1280])
def test_register_tooltips_stay_inside_the_viewport(
    new_page: Callable[..., Page], site_url: str, width: int
) -> None:
    """A shown tooltip is read whole: not cut off at, nor scrolling past, the window's edge."""
    page = new_page(viewport={"width": width, "height": 800})
    outside: list[str] = []
    for path in TEXT_PAGES:
        page.goto(f"{site_url}/{path}")
        outside += page.locator("article a.sg-ref").evaluate_all(
            """(links, path) => links.map(a => {
                 a.focus();
                 const tip = a.nextElementSibling.getBoundingClientRect();
                 const inside = tip.width > 0 && tip.left >= 0 && tip.right <= window.innerWidth;
                 return inside ? null : `${path}: "${a.textContent}" tip spans x=${Math.round(tip.left)}`
                   + `..${Math.round(tip.right)} in a ${window.innerWidth}px window`;
               }).filter(Boolean)""",
            path,
        )
    assert not outside, f"{len(outside)} tooltips leave the window:\n" + "\n".join(outside)


# --- 6. small screens -------------------------------------------------------------------------


@pytest.mark.parametrize("path", [TROTSKY, TEXT_PAGE], ids=["quiz", "text"])
def test_no_horizontal_overflow_at_375px(new_page: Callable[..., Page], site_url: str, path: str) -> None:
    page = new_page(viewport={"width": 375, "height": 800})
    page.goto(f"{site_url}/{path}")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    if path == TROTSKY:  # verdicts and answers shown
        for question in radio_questions(page):
            question.locator(f"input[value='{answer_of(question)[0]}']").check()
        page.locator(".sg-check").evaluate_all("bs => bs.forEach(b => b.click())")
        expect(page.locator(".sg-answer[open]:visible")).to_have_count(len(radio_questions(page)))
        assert page.evaluate("document.documentElement.scrollWidth") <= 375


# --- 7. every question, answered in Chromium, is keyed as quizzes.json says --------------------


def answer(question: Locator, key: dict[str, Any], right: bool) -> None:
    """Answer as a student does; with `right=False`, a wrong answer of the same kind."""
    if key["type"] == "blank":
        question.get_by_role("textbox").fill(key["answer"][0] if right else "not the answer at all")
    elif key["type"] in ("order", "match"):
        wanted = (
            [str(key["answer"].index(item) + 1) for item in key["items"]]
            if key["type"] == "order"
            else list(key["answer"])
        )
        if not right:
            wanted = wanted[1:] + wanted[:1]  # every row moved on by one
        selects = question.locator("select").all()
        for select, text in zip(selects, wanted, strict=True):
            select.select_option(label=text)
    else:
        choices = choice_values(question)
        pick = key["answer"][0] if right else next(c for c in key["choices"] if c not in key["answer"])
        question.locator(f"input[type=radio][value='{choices[pick]}']").check()
    question.locator(".sg-check").click()


VERDICTS = """qs => qs.map(q => [q.id, q.querySelector('.sg-verdict').textContent,
                                  q.querySelector('.sg-correct strong').textContent])"""


@pytest.mark.parametrize("path", QUIZ_PAGES, ids=[Path(p).stem for p in QUIZ_PAGES])
def test_every_question_accepts_its_key_and_refuses_another(page: Page, site_url: str, path: str) -> None:
    """Each question answered wrong, then right, by real clicks, typing and choosing; the verdicts."""
    page.goto(f"{site_url}/{path}")
    quiz_id = Path(path).stem
    keyed = {qid: key for qid, key in KEYS.items() if qid.startswith(f"q-{quiz_id}--")}
    assert keyed and questions(page).count() == len(keyed)
    for right, verdict in ((False, WRONG), (True, RIGHT)):
        for qid, key in keyed.items():
            answer(page.locator(f"[id='{qid}']"), key, right=right)
        expect(page.locator(".sg-verdict", has_text=verdict)).to_have_count(len(keyed))
        shown = {qid: (said, correct) for qid, said, correct in questions(page).evaluate_all(VERDICTS)}
        assert shown == {qid: (verdict, key_text(key)) for qid, key in keyed.items()}
    expect(score(page)).to_have_text(f"{len(keyed)} of {len(keyed)} checked, {len(keyed)} right.")


# --- 8. a French build: the widget speaks French ----------------------------------------------


def french(msgid: str) -> str:
    """The catalog's translation (the expectation), never the page's own data-sg-text."""
    po = ROOTS.parent.parent / "ext" / "studyguide" / "locale" / "fr" / "LC_MESSAGES" / "studyguide.po"
    messages = {str(m.id): str(m.string) for m in read_po(po.open("rb")) if m.id}
    assert messages[msgid] and messages[msgid] != msgid, msgid
    return messages[msgid]


@pytest.fixture(scope="session")
def french_quiz_root(
    tmp_path_factory: pytest.TempPathFactory, serve_dir: Callable[[Path], str]
) -> tuple[str, Path]:
    out = tmp_path_factory.mktemp("test-quiz-fr") / "html"
    args = ["-q", "-b", "html", "-D", "language=fr", "-d", str(out.parent / "doctrees")]
    assert build_main([*args, str(ROOTS / "test-quiz"), str(out)]) == 0
    # Sphinx keeps a build's translations for the process: later English builds would speak French
    sphinx.locale.translators.clear()
    return serve_dir(out), out


def test_the_widget_speaks_the_build_language(page: Page, french_quiz_root: tuple[str, Path]) -> None:
    url, out = french_quiz_root
    page.goto(f"{url}/quiz.html")
    quiz = page.locator("#sg-quiz-canal-letter")
    expect(quiz).to_have_class(re.compile(r"\bsg-js\b"))
    keys = load_quizzes(out)["canal-letter"]["questions"]
    total = len(keys)
    status = quiz.locator(".sg-score")
    expect(status).to_have_text(french("{done} of {total} checked.").format(done=0, total=total))
    expect(quiz.locator(".sg-reset")).to_have_text(french("Reset answers"))
    first, second, third = (quiz.locator(f"[id='q-canal-letter--{k['id']}']") for k in keys[:3])
    expect(first.locator(".sg-check")).to_have_text(french("Check"))
    first.locator(".sg-check").click()
    expect(first.locator(".sg-verdict")).to_have_text(french("Choose or type an answer first."))
    answer(first, keys[0], right=True)
    expect(first.locator(".sg-verdict")).to_have_text(french("Right."))
    answer(second, keys[1], right=False)
    expect(second.locator(".sg-verdict")).to_have_text(french("Not quite."))
    answer(third, keys[2], right=True)
    expect(status).to_have_text(
        french("{done} of {total} checked, {right} right.").format(done=3, total=total, right=2)
    )
