"""Sphinx configuration for the study guide to the 1939 Kronstadt debate."""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "_ext"))  # markup_reference: the reference from the code

project = "Kronstadt 1921: A Debate of 1939"
author = "Victor Serge; the editors of the New International"
copyright = "1939 (text); study-guide apparatus by the study-guide team"
version = release = "1.0"
language = "en"
# The source already has its typographic quotes; keep "..." and "--" as printed.
smartquotes = False

extensions = [
    "myst_parser",
    "sphinx_design",
    "studyguide",
    "markup_reference",
]

myst_enable_extensions = ["attrs_block", "attrs_inline", "colon_fence", "deflist"]
myst_heading_anchors = 2

# Entries cite the reference their dates and role were checked in (:source:).
studyguide_require_source = True  # every register entry cites a :source: (warning no-source)
# The register's indices list every passage that names an entry (as its back-links do).
studyguide_index_mentions = True

exclude_patterns = ["_build", "_ext", "text/front.md", "tutorial-example", "Thumbs.db", ".DS_Store"]
suppress_warnings: list[str] = []

html_theme = "furo"
html_static_path = ["_static"]
templates_path = ["_templates"]
html_css_files = ["site.css"]
html_favicon = "_static/favicon.svg"
html_title = "Kronstadt 1921: A Debate of 1939"
# Read the Docs gives the published address; the Anki decks link passages through it.
html_baseurl = os.environ.get("READTHEDOCS_CANONICAL_URL", "")
html_last_updated_fmt = None
html_show_sourcelink = False
html_copy_source = False

epub_show_urls = "no"

# `make pdf` builds a PDF through HTML with sphinx-simplepdf (weasyprint): no TeX needed.
if os.environ.get("STUDYGUIDE_PDF"):
    extensions.append("sphinx_simplepdf")
simplepdf_file_name = "kronstadt-1921-debate.pdf"
simplepdf_vars = {"primary": "#5a2d82", "links": "#5a2d82"}


def _caption_level(app: object, pagename: str, templatename: str, context: dict[str, object], doctree: object) -> None:
    """Sphinx writes toctree captions as <p role="heading"> without the aria-level that ARIA
    requires (axe: aria-required-attr); furo shows them in the sidebar. Add the level."""
    for key in ("body", "furo_navigation_tree"):
        value = context.get(key)
        if isinstance(value, str):
            context[key] = value.replace('class="caption" role="heading"', 'class="caption" role="heading" aria-level="2"')


def setup(app: object) -> None:
    # after furo has built its navigation tree
    app.connect("html-page-context", _caption_level, priority=900)  # type: ignore[attr-defined]
