"""Every page of the built site, in a real browser: no serious or critical axe violation, and
readable on a 375 px phone screen without sideways scrolling."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

pytestmark = pytest.mark.browser


def test_every_page_is_accessible_and_fits_a_phone(
    site: Path, serve_dir: Callable[[Path], str], new_page: Callable[..., Page]
) -> None:
    base = serve_dir(site)
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html") if "_static" not in p.parts)
    assert len(pages) > 30
    axe = Axe()
    page = new_page(viewport={"width": 375, "height": 800})
    problems: list[str] = []
    for name in pages:
        page.goto(f"{base}/{name}")
        page.wait_for_load_state("load")
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 375:
            problems.append(f"{name}: {width}px wide at a 375px window")
        for violation in axe.run(page).response["violations"]:
            if violation["impact"] in ("serious", "critical"):
                targets = [n["target"] for n in violation["nodes"]][:3]
                problems.append(f"{name}: {violation['id']} ({violation['impact']}) at {targets}")
    assert problems == []
