"""Read the text a reader sees from built HTML pages (stdlib only)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_BLOCK = {
    "p",
    "li",
    "div",
    "blockquote",
    "aside",
    "section",
    "h1",
    "h2",
    "h3",
    "h4",
    "dt",
    "dd",
    "td",
    "th",
    "br",
}
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'"})


def normalise(text: str) -> str:
    """Whitespace and typographic quotes aside, the same text."""
    return re.sub(r"\s+", " ", text.translate(_QUOTES)).strip()


class _MainText(HTMLParser):
    """Collect the text of the page's main article, leaving out the site's apparatus.

    Elements with the class ``sg-apparatus`` (headnotes, quiz badges, tooltips) are added
    by the edition and are not part of the source's wording.
    """

    def __init__(self, skip_classes: tuple[str, ...]) -> None:
        super().__init__(convert_charrefs=True)
        self.skip_classes = skip_classes
        self.stack: list[tuple[str, bool]] = []
        self.inside_main = 0
        self.parts: list[str] = []

    def _skipping(self) -> bool:
        return any(skip for _, skip in self.stack)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK:
            self.parts.append(" ")
        if tag in _VOID:
            return
        attributes = dict(attrs)
        classes = (attributes.get("class") or "").split()
        skip = tag in ("script", "style", "template") or any(c in self.skip_classes for c in classes)
        is_main = attributes.get("role") == "main"
        self.stack.append((tag, skip))
        if is_main:
            self.inside_main = len(self.stack)

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCK:
            self.parts.append(" ")
        if tag in _VOID:
            return
        while self.stack:
            open_tag, _ = self.stack.pop()
            if len(self.stack) < self.inside_main:
                self.inside_main = 0
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.inside_main and not self._skipping():
            self.parts.append(data)


def main_text(html: str, skip_classes: tuple[str, ...] = ("sg-apparatus", "headerlink")) -> str:
    parser = _MainText(skip_classes)
    parser.feed(html)
    return normalise("".join(parser.parts))
