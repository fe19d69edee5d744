"""Static assets and page weight: the package's CSS and reading script on every page, the quiz
widget on pages with a quiz; each page's meta description; stylesheets and scripts a page does
not use left out, and head scripts deferred so that nothing blocks the first paint."""

from __future__ import annotations

import json
import re
from html import escape
from pathlib import Path
from typing import Any, cast

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders.html._assets import _JavaScript
from sphinx.config import Config

from studyguide.domain import StudyGuideDomain
from studyguide.i18n import _

STATIC = Path(__file__).parent / "static"
DESCRIPTION_LENGTH = 155

# A stylesheet or script another extension adds to every page, and the markup that needs it.
_USED_BY: tuple[tuple[str, str], ...] = (
    ("sphinx-design", ' class="sd-'),
    ("sphinx_design", ' class="sd-'),
    ("design-tabs", "sd-tab"),
    ("pygments.css", 'class="highlight'),
)


def _add_static_path(app: Sphinx, config: Config) -> None:
    # At config-inited, so the saved configuration compares equal on the next build.
    if str(STATIC) not in config.html_static_path:
        config.html_static_path.append(str(STATIC))


def reading_texts() -> dict[str, str]:
    """The reading script's words, translated (literal calls, so extraction finds them)."""
    return {
        "aids": _("Quiz and glossary markers"),
        "back": _("Back to where you were"),
        "backQuestion": _("Back to the question"),
        "backText": _("Back to the text"),
        "open": _("Open the entry"),
        "close": _("Close"),
        "progress": _("{done} of {total} checked, {right} right"),
    }


def _add_reading_script(app: Sphinx) -> None:
    # At builder-inited: the build's language is known, so the words are translated.
    if app.builder.format == "html":
        texts = json.dumps(reading_texts(), ensure_ascii=False)
        attributes: dict[str, Any] = {"defer": "defer", "data-sg-text": texts}
        app.add_js_file("studyguide.js", **attributes)


def _quiz_assets(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    domain = cast(StudyGuideDomain, app.env.domains["sg"])
    data = domain.docs.get(pagename)
    if data is None:
        return
    if {"quiz", "quiz-exam"} & data.generated:
        app.add_css_file("quiz.css")
    if "quiz" in data.generated:
        app.add_js_file("quiz.js", defer="defer")
    if "quiz-exam" in data.generated:
        app.add_css_file("exam.css")
        app.add_js_file("exam.js", defer="defer")


def page_description(doctree: nodes.document | None, fallback: str) -> str:
    """A page's summary for search engines: its first paragraph of some length, cut at a word."""
    if doctree is not None:
        for para in doctree.findall(nodes.paragraph):
            text = " ".join(para.astext().split())
            if len(text) >= 40:
                if len(text) <= DESCRIPTION_LENGTH:
                    return text
                cut = text[: DESCRIPTION_LENGTH - 1].rsplit(" ", 1)[0].rstrip(",;:")
                return cut + "…"
    return fallback


def _asset_name(asset: object) -> str:
    return str(getattr(asset, "filename", asset) or "")


def _trim_page(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    if not app.config.studyguide_trim_assets:
        return
    metatags = str(context.get("metatags", ""))
    if 'name="description"' not in metatags:
        title = str(context.get("title") or "")
        site = str(app.config.html_title or app.config.project)
        fallback = f"{title} — {site}" if title and title != site else site
        text = page_description(doctree, re.sub(r"<[^>]+>", "", fallback))
        context["metatags"] = (
            metatags + f'\n    <meta name="description" content="{escape(text, quote=True)}" />'
        )
    body = context.get("body")
    if templatename != "page.html":
        body = ""  # search, genindex, domain indices: lists of links, no design or code
    elif not isinstance(body, str):
        return
    css = context.get("css_files")
    if isinstance(css, list):
        context["css_files"] = [
            c
            for c in css
            if not any(name in _asset_name(c) and marker not in body for name, marker in _USED_BY)
        ]
    scripts = context.get("script_files")
    if isinstance(scripts, list):
        kept: list[Any] = []
        for js in scripts:
            name = _asset_name(js)
            if any(n in name and marker not in body for n, marker in _USED_BY):
                continue
            attrs = dict(getattr(js, "attributes", {}))
            # (only on content pages: the search and index templates have inline scripts of their
            # own that need documentation_options.js and doctools.js at once)
            deferrable = templatename == "page.html" and isinstance(js, _JavaScript)
            if name and deferrable and "async" not in attrs and "defer" not in attrs:
                attrs["defer"] = "defer"
                js = _JavaScript(js.filename, priority=js.priority, **attrs)
            kept.append(js)
        context["script_files"] = kept


def setup_assets(app: Sphinx) -> None:
    app.add_config_value("studyguide_trim_assets", True, "html", types=[bool])
    app.connect("config-inited", _add_static_path)
    app.connect("builder-inited", _add_reading_script)
    app.connect("html-page-context", _quiz_assets)
    app.connect("html-page-context", _trim_page, priority=950)
    app.add_css_file("studyguide.css")
