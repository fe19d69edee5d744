"""Keyboard helpers shared by the browser tests."""

from __future__ import annotations

from playwright.sync_api import Page


def tab_to(page: Page, selector: str, limit: int = 400) -> None:
    """Press Tab until the focused element matches `selector`."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def has_focus_ring(page: Page) -> bool:
    """The focused element shows an outline of at least 2px."""
    return bool(
        page.evaluate(
            """() => { const s = getComputedStyle(document.activeElement);
                      return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2; }"""
        )
    )
