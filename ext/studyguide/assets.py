"""Static assets: the package's CSS and JS, added to HTML pages."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

STATIC = Path(__file__).parent / "static"


def _add_static_path(app: Sphinx) -> None:
    if app.builder.format == "html":
        app.config.html_static_path.append(str(STATIC))


def setup_assets(app: Sphinx) -> None:
    app.connect("builder-inited", _add_static_path)
    app.add_css_file("studyguide.css")
