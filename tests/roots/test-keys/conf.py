extensions = ["myst_parser", "studyguide"]
myst_enable_extensions = ["attrs_block", "attrs_inline", "colon_fence"]
exclude_patterns = ["_build"]
project = "Keys test"
version = release = "1"
copyright = "the tests"
html_baseurl = "https://keys.example/site/"
# c-plain (no paraphrase, no blank) gives no question; its Anki card is what it tests.
suppress_warnings = ["studyguide.claim-unused"]
