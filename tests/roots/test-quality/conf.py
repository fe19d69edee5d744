extensions = ["myst_parser", "studyguide"]
myst_enable_extensions = ["attrs_block", "attrs_inline", "colon_fence"]
exclude_patterns = ["_build"]
project = "Quality test"
version = release = "1"
copyright = "the tests"
latex_documents = [("index", "test.tex", "Quality test", "Tester", "manual")]
man_pages = [("index", "test", "Quality test", ["Tester"], 1)]
