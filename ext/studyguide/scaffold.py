"""``python -m studyguide new DIR``: a study-guide project that builds at once.

This module owns the files of a new project (``conf.py``, ``Makefile``,
``.readthedocs.yaml``, the front page, a register page, a quiz page per piece and
one for the whole text, answer keys, an exam and a teachers' page); the pieces
themselves come from :mod:`studyguide.importer`.  Like the importer it has no
Sphinx imports, and it writes nothing until every check has passed.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from studyguide import importer

#: what a fresh project's conf.py silences until claims are tagged (see the tutorial)
UNTAGGED_WARNINGS = ("studyguide.quiz-filter", "studyguide.exam-empty")
WHOLE_TEXT = "whole-text"


@dataclass
class Answers:
    title: str
    author: str
    source: Path
    version: str = "1.0"
    language: str = "en"


def _py(value: str) -> str:
    """A Python string literal (json's escaping is valid Python for str)."""
    return json.dumps(value, ensure_ascii=False)


def _md_text(value: str) -> str:
    return importer.escape(value)


def _yaml(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def conf_py(answers: Answers, slug: str) -> str:
    return f'''"""Sphinx configuration of the study guide {answers.title!r} (made by `python -m studyguide new`)."""

from __future__ import annotations

import os

project = {_py(answers.title)}
author = {_py(answers.author)}
copyright = {_py(answers.author)}
# EPUB 3 needs a version; raise it when you publish a new edition.
version = release = {_py(answers.version)}
language = {_py(answers.language)}
smartquotes = False  # keep the source's quotation marks as they are

extensions = [
    "myst_parser",  # Markdown pages (MyST)
    "studyguide",  # the register, claims and quizzes
]
myst_enable_extensions = ["attrs_block", "attrs_inline", "colon_fence", "deflist"]

# text/front.md is shown on the front page through {{include}}, not as a page of its own.
exclude_patterns = ["_build", "text/front.md", ".venv", "Thumbs.db", ".DS_Store"]

# Until the first claims are tagged (tutorial, step 6) the quizzes and the exam have no
# questions, which would be warnings; delete these three lines then.
suppress_warnings = {list(UNTAGGED_WARNINGS)!r}

# Exam keys are written outside the published HTML, for the teacher only.
studyguide_exam_keys_dir = "_build/teacher"

epub_show_urls = "no"
epub_basename = {_py(slug)}

# `make pdf` prints through HTML with sphinx-simplepdf (no TeX); install it with
# `python -m pip install sphinx-simplepdf` first.
if os.environ.get("STUDYGUIDE_PDF"):
    extensions.append("sphinx_simplepdf")
'''


MAKEFILE = """\
# make html | test | epub | pdf   (a warning fails every build)
SPHINXBUILD ?= sphinx-build
SPHINXOPTS  ?= -W --keep-going -n
BUILDDIR    := _build

.PHONY: help html test epub pdf clean

help:
\t@echo "make html   the site, in $(BUILDDIR)/html (open $(BUILDDIR)/html/index.html)"
\t@echo "make test   build everything from scratch; any warning is an error"
\t@echo "make epub   an e-book, in $(BUILDDIR)/epub"
\t@echo "make pdf    a PDF without TeX (needs sphinx-simplepdf), in $(BUILDDIR)/simplepdf"

html:
\t$(SPHINXBUILD) -M html . $(BUILDDIR) $(SPHINXOPTS)

test:
\t$(SPHINXBUILD) -E -a -b html -d $(BUILDDIR)/test/doctrees . $(BUILDDIR)/test/html $(SPHINXOPTS)

epub:
\t$(SPHINXBUILD) -M epub . $(BUILDDIR) $(SPHINXOPTS)

pdf:
\tSTUDYGUIDE_PDF=1 $(SPHINXBUILD) -M simplepdf . $(BUILDDIR) $(SPHINXOPTS)

clean:
\trm -rf $(BUILDDIR)
"""

READTHEDOCS = """\
# Read the Docs: the same build as `make html`; a warning fails the build.
version: 2

build:
  os: ubuntu-24.04
  tools:
    python: "3.12"

python:
  install:
    - requirements: requirements.txt

sphinx:
  configuration: conf.py
  fail_on_warning: true

formats:
  - epub
"""

REQUIREMENTS = """\
# What the build needs. sphinx-studyguide is not on PyPI: replace the last line with
# where your copy of it lives (a path, or a git address such as git+https://...).
sphinx
myst-parser
sphinx-studyguide
"""

GITIGNORE = "_build/\n.venv/\n"


def index_md(answers: Answers, pieces: list[importer.Piece]) -> str:
    toc = "\n".join(f"text/{p.slug}" for p in pieces)
    return f"""# {_md_text(answers.title)}

```{{include}} text/front.md
```

```{{toctree}}
:maxdepth: 1
:caption: The text

{toc}
```

```{{toctree}}
:maxdepth: 1
:caption: Study

register
quizzes/index
teachers
```
"""


def register_md(answers: Answers) -> str:
    return """# Register

:::{admonition} About the register
:class: editorial

The people, organisations, events, places and works the text names, one entry each.
Add an entry with a directive, as in the example below (written as a comment, so that it does
not show), then link a name in the text to it with a role such as
`` {person}`Name <id>` ``. The tutorial shows every option.
:::

% ```{person} some-id
% :name: Full Name
% :role: One line on who they were
% ```
"""


def quiz_md(title: str, quiz_id: str, piece: importer.Piece | None) -> str:
    on = f"{{doc}}`/text/{piece.slug}`" if piece else "the whole text"
    pieces = f":pieces: text/{piece.slug}\n" if piece else ""
    return f"""# Quiz: {_md_text(title)}

:::{{admonition}} How this quiz works
:class: editorial

Questions on {on}, generated when the site is built from the claims tagged in the text.
Answer, press **Check**, and follow "Re-read the passage" to see the words in context.
:::

```{{quiz}} {quiz_id}
:title: {title}
{pieces}```
"""


def answers_md(title: str, quiz_id: str) -> str:
    return f"""---
orphan: true
---
# Answer key: {_md_text(title)}

```{{quiz-key}} {quiz_id}
```
"""


def exam_md(title: str) -> str:
    return f"""---
orphan: true
---
# Exam: {_md_text(title)}

```{{quiz-exam}} {WHOLE_TEXT}
```
"""


def quizzes_index_md(answers: Answers, pieces: list[importer.Piece]) -> str:
    rows = "\n".join(f"| {{doc}}`{p.slug}` | {{doc}}`/text/{p.slug}` |" for p in pieces)
    toc = "\n".join(p.slug for p in pieces)
    return f"""# Quizzes

| Quiz | On |
| --- | --- |
{rows}
| {{doc}}`{WHOLE_TEXT}` | the whole text |

```{{toctree}}
:hidden:

{toc}
{WHOLE_TEXT}
```
"""


def teachers_md(answers: Answers, pieces: list[importer.Piece]) -> str:
    rows = "\n".join(
        f"| {{doc}}`quizzes/{p.slug}` | `quizzes/{p.slug}.html` | {{doc}}`quizzes/answers/{p.slug}` |"
        for p in pieces
    )
    return f"""# Teachers' page

## The quizzes

Each quiz has a stable address, which you can give to a class. The answer keys are not in
the menus; each quiz page links its own in its line for teachers, with its exports for Moodle
(GIFT, `_quizzes/<id>.gift`) and Canvas (QTI 1.2, `_quizzes/<id>.qti.zip`).

| Quiz | Address | Answer key |
| --- | --- | --- |
{rows}
| {{doc}}`quizzes/{WHOLE_TEXT}` | `quizzes/{WHOLE_TEXT}.html` | {{doc}}`quizzes/answers/{WHOLE_TEXT}` |

## The exam

{{doc}}`quizzes/exam` asks questions of its own on the whole text, none of which a quiz page
or answer key shows. Students answer, hand in and download a results file. `make html` writes
the exam keys to `_build/teacher/`, outside the published site; grade the students' files with

```sh
python -m studyguide grade results/ --quiz {WHOLE_TEXT} --keys _build/teacher --out grades.csv
```

The quizzes and the exam have questions once claims are tagged in the text (see the tutorial).
"""


def plan(answers: Answers, source: importer.Source) -> dict[str, str]:
    """Path (relative to the project) -> content, for every file but the imported pages."""
    slug = importer.slugify(answers.title)
    files = {
        "conf.py": conf_py(answers, slug),
        "Makefile": MAKEFILE,
        ".readthedocs.yaml": READTHEDOCS,
        "requirements.txt": REQUIREMENTS,
        ".gitignore": GITIGNORE,
        "index.md": index_md(answers, source.pieces),
        "register.md": register_md(answers),
        "teachers.md": teachers_md(answers, source.pieces),
        "quizzes/index.md": quizzes_index_md(answers, source.pieces),
        f"quizzes/{WHOLE_TEXT}.md": quiz_md(answers.title, WHOLE_TEXT, None),
        f"quizzes/answers/{WHOLE_TEXT}.md": answers_md(answers.title, WHOLE_TEXT),
        "quizzes/exam.md": exam_md(answers.title),
    }
    for piece in source.pieces:
        files[f"quizzes/{piece.slug}.md"] = quiz_md(piece.title, piece.slug, piece)
        files[f"quizzes/answers/{piece.slug}.md"] = answers_md(piece.title, piece.slug)
    return files


def check_target(target: Path) -> None:
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise importer.ImportError_(f"{target} exists and is not an empty folder")


def create(answers: Answers, target: Path, config: importer.Config, source_text: str) -> list[str]:
    """Write the project; returns the import report. Raises ImportError_ (nothing written) on bad input."""
    check_target(target)
    if not answers.title.strip():
        raise importer.ImportError_("the title is empty")
    if not re.fullmatch(r"[0-9][0-9A-Za-z.+-]*", answers.version):
        raise importer.ImportError_(f"version {answers.version!r} is not a version number such as 1.0")
    source = importer.parse(source_text, config=config)
    pages = importer.plan(source)
    files = plan(answers, source)
    try:
        target.mkdir(parents=True, exist_ok=True)
        importer.write(pages, target / "text")
        for name, content in files.items():
            path = target / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content, "utf-8")
        (target / "source.txt").write_bytes(answers.source.read_bytes())
    except OSError as exc:
        raise importer.ImportError_(f"cannot write in {target}: {exc.strerror or exc}") from None
    return [*source.report, *(f"warning: {w}" for w in source.warnings)]
