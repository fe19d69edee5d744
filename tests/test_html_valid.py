"""The Nu HTML Checker finds no error caused by our markup anywhere on the built site."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

from tests.conftest import ROOT

JAR = ROOT / ".cache" / "vnu" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
FILTER = Path(__file__).parent / "vnu-filter.txt"


def allowed() -> list[re.Pattern[str]]:
    lines = FILTER.read_text("utf-8").splitlines()
    return [re.compile(line) for line in lines if line.strip() and not line.startswith("#")]


def check(folder: Path) -> list[str]:
    assert shutil.which("java"), (
        "the HTML validity test needs Java: sudo apt-get install -y default-jre-headless"
    )
    assert JAR.exists(), "the HTML validity test needs the Nu HTML Checker: run sh tests/ensure-vnu.sh"
    result = subprocess.run(
        ["java", "-jar", str(JAR), "--errors-only", "--format", "json", "--skip-non-html", str(folder)],
        capture_output=True,
        text=True,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    patterns = allowed()
    problems = []
    for message in messages:
        text = f"{message.get('message', '')} | {message.get('extract', '')}"
        if not any(p.search(text) for p in patterns):
            where = message.get("url", "").rsplit("/", 2)[-2:]
            problems.append(f"{'/'.join(where)}:{message.get('lastLine')}: {text[:300]}")
    return problems


def test_site_html_is_valid(site: Path) -> None:
    assert check(site) == []


def test_quiz_root_html_is_valid(quiz_site: Path) -> None:
    """The quiz root has the hostile input (script tags, quotes) the real site does not."""
    assert check(quiz_site) == []


def test_filter_is_not_a_blanket() -> None:
    """Every allowed pattern names a specific message; none matches everything."""
    for pattern in allowed():
        assert not pattern.search("Element “div” not allowed as child of element “span” | <span><div>")
