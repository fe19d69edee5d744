extensions = ["myst_parser", "sphinx.ext.intersphinx", "studyguide"]
exclude_patterns = ["_build"]
# objects.inv of the register test project is copied here by the test.
intersphinx_mapping = {"guide": ("https://guide.example.org/", "guide-objects.inv")}
