extensions = ["myst_parser", "studyguide"]
myst_enable_extensions = ["attrs_block", "attrs_inline", "colon_fence"]
exclude_patterns = ["_build"]
