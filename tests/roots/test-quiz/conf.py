extensions = ["myst_parser", "studyguide"]
myst_enable_extensions = ["attrs_block", "attrs_inline", "colon_fence"]
exclude_patterns = ["_build"]
project = "Quiz test"
version = release = "1"
copyright = "the tests"
latex_documents = [("index", "test.tex", "Quiz test", "Tester", "manual")]
man_pages = [("index", "test", "Quiz test", ["Tester"], 1)]
# The blanks on years test how numbers are printed and folded, not what a good blank is.
suppress_warnings = ["studyguide.question-blank"]
