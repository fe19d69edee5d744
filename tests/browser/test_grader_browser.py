"""The grader page against the command: the same files give byte-identical gradebooks, item
analyses and class reports, hostile files included; the page sends nothing and is accessible.

What the marks should be comes from the class made from the keys (``tests/classresults.py``);
what the page must equal is the command's output on the same files.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from studyguide.__main__ import main
from studyguide.quiz.exam import KEYS_FILE
from tests.classresults import PATTERN, write_class

pytestmark = pytest.mark.browser

CORPUS = Path(__file__).parent.parent / "data" / "hostile-results"


def keys_file(site: Path) -> Path:
    return site.parent / "teacher" / KEYS_FILE


@pytest.fixture
def results(exam_site: Path, tmp_path: Path) -> tuple[Path, dict[str, list[str]]]:
    """A class of seven (hostile names among them) and every hostile file a browser can pick."""
    data = json.loads(keys_file(exam_site).read_text("utf-8"))
    exam = next(e for e in data["exams"] if e["quiz"] == "light")
    folder = tmp_path / "results"
    intended = write_class(exam, folder / "class")
    hostile = folder / "hostile"
    shutil.copytree(CORPUS, hostile)
    for path in hostile.rglob("*"):
        if path.is_file():
            path.write_bytes(path.read_bytes().replace(b"@VERSION@", exam["exam_version"].encode()))
    (hostile / "deep-200000.json").write_text("[" * 200_000 + "]" * 200_000)
    big = {"format": "studyguide-results", "format_version": 2, "quiz": "light", "student": "Big"}
    (hostile / "big.json").write_text(json.dumps({**big, "padding": "x" * 1_200_000}))
    (hostile / "html-name.json").write_text(
        json.dumps(
            {
                **big,
                "student": "<img src=x onerror=alert(1)>",
                "exam_version": exam["exam_version"],
                "answers": {},
            }
        )
    )
    return folder, intended


def grade_on_page(page: Page, base: str, site: Path, folder: Path) -> dict[str, bytes]:
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(f"{base}/grader.html")
    page.wait_for_load_state("load")
    loaded = list(requests)
    section = page.locator("section.sg-grader")
    expect(section).to_be_visible()
    section.locator(".sg-grader-keys").set_input_files(str(keys_file(site)))
    section.locator(".sg-grader-folder").set_input_files(str(folder))
    expect(section.locator(".sg-grader-status")).to_contain_text("Graded ")
    got = {}
    for what in ("gradebook", "items", "report"):
        with page.expect_download() as info:
            section.locator(f".sg-grader-dl-{what}").click()
        got[what] = Path(info.value.path()).read_bytes()
    # nothing fetched after the page loaded: the files stay in the browser
    assert [u for u in requests if u not in loaded and not u.startswith("blob:")] == []
    return got


def test_page_and_command_give_the_same_bytes(
    exam_site: Path,
    results: tuple[Path, dict[str, list[str]]],
    serve_dir: Callable[[Path], str],
    new_page: Callable[..., Page],
    tmp_path: Path,
) -> None:
    folder, intended = results
    base = serve_dir(exam_site)
    page = new_page(accept_downloads=True)
    got = grade_on_page(page, base, exam_site, folder)

    teacher = str(keys_file(exam_site).parent)
    book, items, report = tmp_path / "book.csv", tmp_path / "items.csv", tmp_path / "report.html"
    assert (
        main(
            [
                "grade",
                str(folder),
                "--quiz",
                "light",
                "--keys",
                teacher,
                "--out",
                str(book),
                "--items",
                str(items),
            ]
        )
        == 0
    )
    assert main(["report", str(folder), "--keys", teacher, "--out", str(report), "--site", f"{base}/"]) == 0
    assert got["gradebook"] == book.read_bytes()
    assert got["items"] == items.read_bytes()
    assert got["report"] == report.read_bytes()

    # and both are right: the class's marks are the ones its files were made with
    rows = {r[0]: r for r in csv.reader(io.StringIO(got["gradebook"].decode("utf-8")))}
    for name, marks in intended.items():
        shown = "'" + name if name.startswith("=") else name
        assert rows[shown][5:] == marks, name
    assert rows["<img src=x onerror=alert(1)>"][3] == "0"
    for row in rows.values():
        assert not row[0].startswith(("=", "+", "-", "@")), row
    # the names reach the page as text, never as markup
    book_table = page.locator(".sg-gradebook")
    for name in PATTERN:
        shown = "'" + name if name.startswith("=") else name
        expect(book_table.get_by_text(shown, exact=True)).to_have_count(1)
    expect(page.locator(".sg-gradebook img, .sg-gradebook b, .sg-gradebook script")).to_have_count(0)
    expect(page.locator(".sg-skipped li")).not_to_have_count(0)
    found = Axe().run(page, context="section.sg-grader").response["violations"]
    assert [v["id"] for v in found if v["impact"] in ("serious", "critical")] == []


def test_the_report_is_escaped_self_contained_and_accessible(
    exam_site: Path,
    results: tuple[Path, dict[str, list[str]]],
    serve_dir: Callable[[Path], str],
    new_page: Callable[..., Page],
    tmp_path: Path,
) -> None:
    folder, _intended = results
    teacher = str(keys_file(exam_site).parent)
    report = tmp_path / "report" / "report.html"
    report.parent.mkdir()
    assert main(["report", str(folder), "--keys", teacher, "--out", str(report)]) == 0
    text = report.read_text("utf-8")
    assert "<script" not in text and "<img" not in text and "<link" not in text
    assert "&lt;img src=x onerror=alert(1)&gt;" in text  # a wrong answer typed, shown as text
    page = new_page()
    page.goto(f"{serve_dir(report.parent)}/report.html")
    page.wait_for_load_state("load")
    expect(page.locator("svg")).to_have_count(2)
    expect(page.locator("mark").first).to_be_visible()
    violations = [v for v in Axe().run(page).response["violations"] if v["impact"] in ("serious", "critical")]
    assert [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations] == []
    pdf_page = new_page()
    pdf_page.goto(f"{serve_dir(report.parent)}/report.html")
    pdf_page.emulate_media(media="print")
    assert (
        pdf_page.locator("mark").first.evaluate("m => getComputedStyle(m).backgroundColor")
        != "rgba(0, 0, 0, 0)"
    )


def test_the_grader_page_is_accessible_and_holds_no_key(
    exam_site: Path, serve_dir: Callable[[Path], str], new_page: Callable[..., Page]
) -> None:
    html = (exam_site / "grader.html").read_text("utf-8")
    data = json.loads(keys_file(exam_site).read_text("utf-8"))
    for question in data["exams"][0]["questions"]:
        assert question["exam_id"] not in html
    page = new_page()
    page.goto(f"{serve_dir(exam_site)}/grader.html")
    page.wait_for_load_state("load")
    expect(page.locator("section.sg-grader")).to_be_visible()
    # the test root's theme is Sphinx's default; the whole site's pages are checked by test_every_page
    found = Axe().run(page, context="section.sg-grader").response["violations"]
    violations = [v for v in found if v["impact"] in ("serious", "critical")]
    assert [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations] == []


def test_the_site_grader_equals_the_command_on_the_real_text(
    site: Path, serve_dir: Callable[[Path], str], new_page: Callable[..., Page], tmp_path: Path
) -> None:
    """The published site's grader page (its theme, its keys, its passages) against the command."""
    data = json.loads(keys_file(site).read_text("utf-8"))
    exam = data["exams"][0]
    folder = tmp_path / "results"
    write_class(exam, folder)
    base = serve_dir(site)
    page = new_page(accept_downloads=True)
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(f"{base}/quizzes/grader.html")
    page.wait_for_load_state("load")
    assert all(u.startswith(base) for u in requests), requests  # the page loads nothing from elsewhere
    section = page.locator("section.sg-grader")
    section.locator(".sg-grader-keys").set_input_files(str(keys_file(site)))
    section.locator(".sg-grader-files").set_input_files([str(p) for p in sorted(folder.iterdir())])
    expect(section.locator(".sg-grader-status")).to_contain_text(f"Graded {len(PATTERN)} files")
    with page.expect_download() as info:
        section.locator(".sg-grader-dl-report").click()
    got = Path(info.value.path()).read_bytes()
    report = tmp_path / "report.html"
    teacher = str(keys_file(site).parent)
    assert main(["report", str(folder), "--keys", teacher, "--out", str(report), "--site", f"{base}/"]) == 0
    assert got == report.read_bytes()
    text = got.decode("utf-8")
    assert text.count("<mark ") >= 1 and f"{base}/text/" in text  # passages shaded, linked to the site


def test_a_wrong_keys_file_is_named_and_nothing_is_graded(
    exam_site: Path,
    results: tuple[Path, dict[str, list[str]]],
    serve_dir: Callable[[Path], str],
    new_page: Callable[..., Page],
) -> None:
    folder, _intended = results
    page = new_page()
    page.goto(f"{serve_dir(exam_site)}/grader.html")
    section = page.locator("section.sg-grader")
    student = sorted((folder / "class").iterdir())[0]
    section.locator(".sg-grader-keys").set_input_files(str(student))  # a results file, not keys
    section.locator(".sg-grader-folder").set_input_files(str(folder))
    expect(section.locator(".sg-grader-status")).to_contain_text(
        f"cannot read exam keys from {student.name}: it is not a studyguide-exam-keys file"
    )
    expect(section.locator(".sg-grader-out")).to_be_hidden()
    expect(section.locator(".sg-gradebook table")).to_have_count(0)
