"""The Nu HTML Checker finds no error caused by our markup anywhere on the built site."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT

JAR = ROOT / ".cache" / "vnu" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
FILTER = Path(__file__).parent / "vnu-filter.txt"
# Messages the filter must never excuse: our markup's kind of error, in several shapes.
NOT_ALLOWED = [
    "Element “div” not allowed as child of element “span” in this context. | <span><div>",
    'Duplicate ID “q-trotsky--c-trotsky-16000-tf”. | <li class="sg-question" id="q-trotsky--c-trotsky-16000-tf">',
    "Attribute “data-sg-answer” not allowed on element “p” at this point. | <p data-sg-answer='[\"0\"]'>",
    "Stray end tag “li”. | </li>",
    'The “aria-describedby” attribute must point to an element in the same document. | <a class="sg-ref">',
    'Bad value “” for attribute “id” on element “span”: An ID must not be the empty string. | <span id="">',
    'Element “p” is missing required attribute “aria-level”. | <p role="heading">',
    "",
]


def allowed() -> list[re.Pattern[str]]:
    lines = FILTER.read_text("utf-8").splitlines()
    return [re.compile(line) for line in lines if line.strip() and not line.startswith("#")]


def messages(folder: Path) -> list[dict[str, Any]]:
    """The checker's errors on every HTML file under `folder`; its exit code must agree."""
    assert shutil.which("java"), (
        "the HTML validity test needs Java: sudo apt-get install -y default-jre-headless"
    )
    assert JAR.exists(), "the HTML validity test needs the Nu HTML Checker: run sh tests/ensure-vnu.sh"
    result = subprocess.run(
        ["java", "-jar", str(JAR), "--errors-only", "--format", "json", "--skip-non-html", str(folder)],
        capture_output=True,
        text=True,
    )
    found: list[dict[str, Any]] = json.loads(result.stderr)["messages"]
    errors = [m for m in found if m.get("type") == "error"]
    # 0: no error; 1: errors (which the filter may excuse). Anything else: the checker failed.
    assert result.returncode == (1 if errors else 0), (result.returncode, result.stdout[-500:], found[:3])
    assert len(errors) == len(found), [m for m in found if m.get("type") != "error"][:3]
    return found


def unexcused(found: list[dict[str, Any]], used: set[str]) -> list[str]:
    problems = []
    for message in found:
        text = f"{message.get('message', '')} | {message.get('extract', '')}"
        matching = [p.pattern for p in allowed() if p.search(text)]
        used.update(matching)
        if not matching:
            where = message.get("url", "").rsplit("/", 2)[-2:]
            problems.append(f"{'/'.join(where)}:{message.get('lastLine')}: {text[:300]}")
    return problems


@pytest.fixture(scope="module")
def checked(site: Path, quiz_site: Path) -> dict[str, list[dict[str, Any]]]:
    """The publication, and the quiz root with the hostile input (script tags, quotes) it lacks."""
    return {"site": messages(site), "quiz root": messages(quiz_site)}


@pytest.mark.parametrize("name", ["site", "quiz root"])
def test_html_is_valid(checked: dict[str, list[dict[str, Any]]], name: str) -> None:
    assert unexcused(checked[name], set()) == []


def test_every_filter_line_is_needed(checked: dict[str, list[dict[str, Any]]]) -> None:
    """A pattern that excuses nothing any more is removed, lest it excuse our own error later."""
    used: set[str] = set()
    for found in checked.values():
        unexcused(found, used)
    assert [p.pattern for p in allowed() if p.pattern not in used] == []


def test_filter_is_not_a_blanket() -> None:
    """Every allowed pattern names a specific message; none excuses any of these."""
    assert allowed()
    for pattern in allowed():
        for message in NOT_ALLOWED:
            assert not pattern.search(message), (pattern.pattern, message)


def test_the_checker_finds_errors(tmp_path: Path) -> None:
    """The checker runs and reports: a page with a known error gives exactly that error."""
    (tmp_path / "bad.html").write_text(
        '<!DOCTYPE html><html lang="en"><head><title>t</title></head>'
        "<body><span><div>x</div></span></body></html>",
        "utf-8",
    )
    found = messages(tmp_path)
    assert [m["message"] for m in found] == [
        "Element “div” not allowed as child of element “span” in this context. (Suppressing further errors from this subtree.)"
    ]
