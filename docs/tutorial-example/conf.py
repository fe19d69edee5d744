"""Sphinx configuration of the study guide 'Letters on the Harbour Light' (made by `python -m studyguide new`)."""

from __future__ import annotations

import os

project = "Letters on the Harbour Light"
author = "Thomas Reed; the Harbour Board of Gullhaven"
copyright = "Thomas Reed; the Harbour Board of Gullhaven"
# EPUB 3 needs a version; raise it when you publish a new edition.
version = release = "1.0"
language = "en"
smartquotes = False  # keep the source's quotation marks as they are

extensions = [
    "myst_parser",  # Markdown pages (MyST)
    "studyguide",  # the register, claims and quizzes
]
myst_enable_extensions = ["attrs_block", "attrs_inline", "colon_fence", "deflist"]

# text/front.md is shown on the front page through {include}, not as a page of its own.
exclude_patterns = ["_build", "text/front.md", ".venv", "Thumbs.db", ".DS_Store"]

# Exam keys are written outside the published HTML, for the teacher only.
studyguide_exam_keys_dir = "_build/teacher"

epub_show_urls = "no"
epub_basename = "letters-on-the-harbour-light"

# `make pdf` prints through HTML with sphinx-simplepdf (no TeX); install it with
# `python -m pip install sphinx-simplepdf` first.
if os.environ.get("STUDYGUIDE_PDF"):
    extensions.append("sphinx_simplepdf")
