# The two promises: `make html` builds the site, `make test` runs every test.
# Both create .venv and install the project on first use.

PYTHON      ?= python3
VENV        ?= .venv
BIN         := $(VENV)/bin
SPHINXOPTS  ?= -W --keep-going -n
SOURCEDIR   := docs
BUILDDIR    := docs/_build
PYTESTOPTS  ?=

.DEFAULT_GOAL := help

.PHONY: help html test lint format serve clean bench browser-deps import-text locale pdf mutate audit

# make mutate: the modules whose mutants must die, and the fast tests run against each mutant;
# MUTATE_ONLY=ext/studyguide/quiz/grading.py runs some of them (each module's results are kept
# in .mutate/<module>/ and the report adds them up)
MUTATE_MODULES ?= ext/studyguide/quiz/render.py ext/studyguide/quiz/export.py ext/studyguide/quiz/generate.py \
  ext/studyguide/quiz/quality.py ext/studyguide/quiz/answers.py ext/studyguide/quiz/exam.py \
  ext/studyguide/quiz/grading.py
MUTATE_TESTS   ?= tests/test_quiz_units.py tests/test_grading_units.py tests/test_generate_units.py tests/test_quality_units.py \
  tests/test_generate.py tests/test_question_quality.py tests/test_answers.py tests/test_exam.py tests/test_i18n.py \
  tests/test_grading.py tests/test_export_hostile.py
MUTATE_SKIP    ?= not test_site_ and not test_template_is_up_to_date and not anywhere_in_the_site
# functions left out of the scores (a regular expression of function names); none
MUTATE_FUNCS_SKIPPED ?=
MUTATE_ONLY    ?=

help: ## list the targets
	@echo "Targets:"
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | awk -F'\t' '{printf "  %-14s %s\n", $$1, $$2}'
	@echo "  <builder>      any other sphinx-build -M target: epub, latex, text, man, linkcheck, dirhtml, ..."

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed-docs: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[docs]"
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@ $(VENV)/.installed-docs

html: $(VENV)/.installed-docs ## set up .venv and build the site into docs/_build/html
	$(BIN)/sphinx-build -M html $(SOURCEDIR) $(BUILDDIR) $(SPHINXOPTS)

browser-deps: ## make sure the browser tests' chromium and the HTML checker are there
	@sh tests/ensure-chromium.sh
	@sh tests/ensure-vnu.sh
	@sh tests/ensure-gift-pegjs.sh

test: $(VENV)/.installed-test browser-deps ## set up .venv and run every test
	$(BIN)/python -m pytest $(PYTESTOPTS)

lint: $(VENV)/.installed-test ## ruff check, ruff format --check, mypy on ext/
	$(BIN)/ruff check ext tests benchmarks
	$(BIN)/ruff format --check ext tests benchmarks
	$(BIN)/mypy

format: $(VENV)/.installed-test ## apply ruff's fixes and formatting
	$(BIN)/ruff check --fix ext tests benchmarks
	$(BIN)/ruff format ext tests benchmarks

serve: $(VENV)/.installed-test ## rebuild on change and serve on http://127.0.0.1:8000
	$(BIN)/sphinx-autobuild $(SOURCEDIR) $(BUILDDIR)/html $(SPHINXOPTS)

import-text: $(VENV)/.installed-docs ## re-run the conversion of seeds/ into docs/text (refuses to clobber edits)
	$(BIN)/python -m studyguide import-text seeds/serge-1939-a-letter-and-some-notes.txt --out docs/text \
	  --first-title "Letter to the Editors" --quote "The leaders of the counter-revolutionary parties" $(IMPORTOPTS)

locale: $(VENV)/.installed-test ## refresh the extension's message catalog template and compile catalogs
	cd ext/studyguide && ../../$(BIN)/pybabel extract -k _ --no-location --sort-output \
	  --project=sphinx-studyguide --copyright-holder="The study-guide team" -o locale/studyguide.pot .
	cd ext/studyguide && ../../$(BIN)/pybabel update -i locale/studyguide.pot -d locale -D studyguide --no-fuzzy-matching
	cd ext/studyguide && ../../$(BIN)/pybabel compile -d locale -D studyguide

pdf: $(VENV)/.installed-test ## a PDF of the text, register and worksheets, without TeX (sphinx-simplepdf)
	PATH="$(CURDIR)/$(BIN):$$PATH" STUDYGUIDE_PDF=1 $(BIN)/sphinx-build -M simplepdf $(SOURCEDIR) $(BUILDDIR) $(SPHINXOPTS)
	@ls $(BUILDDIR)/simplepdf/*.pdf

$(VENV)/.installed-mutate: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[mutate]"
	touch $@

mutate: $(VENV)/.installed-mutate ## mutation testing (mutmut) of MUTATE_MODULES into tests/mutation-report.md (slow)
	$(BIN)/python tests/mutate.py --modules $(MUTATE_MODULES) --tests $(MUTATE_TESTS) --deselect "$(MUTATE_SKIP)" \
	  --skip "$(MUTATE_FUNCS_SKIPPED)" $(if $(MUTATE_ONLY),--only $(MUTATE_ONLY)) $(MUTATEOPTS)

# make audit: npm's lighthouse, installed into .audit/ on first use, with the machine's Chromium
AUDIT_DIR   ?= .audit
LIGHTHOUSE  := $(AUDIT_DIR)/node_modules/.bin/lighthouse
CHROME_PATH ?= /usr/bin/chromium

$(LIGHTHOUSE):
	npm install --prefix $(AUDIT_DIR) --no-audit --no-fund --silent lighthouse

audit: html $(LIGHTHOUSE) ## Lighthouse (mobile, gzip) on five pages into docs/_build/audit/ (needs npm; not in make test)
	CHROME_PATH=$(CHROME_PATH) $(BIN)/python tests/audit.py --site $(BUILDDIR)/html --lighthouse $(LIGHTHOUSE) --out $(BUILDDIR)/audit

bench: $(VENV)/.installed-docs ## builds of 10/100/500 synthetic pages: the extension against built-ins, plain text, sphinx-needs (benchmarks/results.md)
	$(BIN)/python benchmarks/bench.py

clean: ## remove build output (keeps .venv)
	rm -rf $(BUILDDIR) .pytest_cache .mypy_cache .ruff_cache benchmarks/_work .mutate

# Files make may try to remake: never hand them to the catch-all below.
Makefile pyproject.toml tests/ensure-chromium.sh tests/ensure-vnu.sh tests/ensure-gift-pegjs.sh: ;

# Anything else goes to sphinx-build -M (epub, latex, text, man, linkcheck, ...).
%: $(VENV)/.installed-docs
	$(BIN)/sphinx-build -M $@ $(SOURCEDIR) $(BUILDDIR) $(SPHINXOPTS)
