"""Static assets: the package's CSS on every page, the quiz widget on pages with a quiz."""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config

from studyguide.domain import StudyGuideDomain

STATIC = Path(__file__).parent / "static"


def _add_static_path(app: Sphinx, config: Config) -> None:
    # At config-inited, so the saved configuration compares equal on the next build.
    if str(STATIC) not in config.html_static_path:
        config.html_static_path.append(str(STATIC))


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


def setup_assets(app: Sphinx) -> None:
    app.connect("config-inited", _add_static_path)
    app.connect("html-page-context", _quiz_assets)
    app.add_css_file("studyguide.css")
