"""Sphinx configuration of the tutorial's example study guide."""

project = "Letters on the Harbour Light"
author = "Thomas Reed; the Harbour Board of Gullhaven"
copyright = "text invented for the tutorial"
language = "en"
smartquotes = False  # the source has its typographic quotes already

extensions = [
    "myst_parser",  # Markdown pages (MyST)
    "studyguide",  # the register, claims and quizzes
]
myst_enable_extensions = ["attrs_block", "attrs_inline", "colon_fence", "deflist"]

# front.md is shown on the front page through {include}, not as a page of its own.
exclude_patterns = ["_build", "text/front.md"]
