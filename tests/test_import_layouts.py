"""Six short texts in common layouts (tests/data/layouts/, written for these tests): each is imported,
the report says what went where, the pages build with -W, and every word of the source is on them.

The expectations (piece titles, what the report names) are written here from the sources by hand;
the word check reads the source and the built HTML only, with rules of its own.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from studyguide.__main__ import main
from tests.conftest import build_html
from tests.htmltext import main_text, normalise

LAYOUTS = Path(__file__).parent / "data" / "layouts"

CONF = """\
project = "Layout test"
extensions = ["myst_parser", "studyguide"]
myst_enable_extensions = ["attrs_block", "attrs_inline", "colon_fence", "deflist"]
exclude_patterns = ["_build", "text/front.md"]
"""
INDEX = """\
# Layout test

```{include} text/front.md
```

```{toctree}
:glob:

text/*
```
"""

# layout -> (piece titles in order, phrases the report must contain)
EXPECTED: dict[str, tuple[list[str], list[str]]] = {
    "gutenberg": (
        ["LETTER I.", "LETTER II."],
        [
            "source metadata (4 lines) -> front.md",
            "title 'Letters from the Salt Marsh' -> front.md",
            "author 'Helen Ashcombe' -> front.md",
            "'*** END OF THE PROJECT GUTENBERG EBOOK …' -> front.md (source metadata)",
            "quote 'No man shall open the lower sluice",
            "signature 'Your loving cousin, / Helen' -> letter-i.md",
            "signature 'Helen' -> letter-ii.md",
            "footnote * -> letter-i.md",
            "footnote ** -> letter-ii.md",
        ],
    ),
    "marxists": (
        ["On the Ferry Question"],
        [
            "source metadata (3 lines) -> front.md",
            "author 'Rosa Tremayne' -> front.md",
            "'Notes' heading",
            "footnote 1 -> on-the-ferry-question.md",
            "footnote 2 -> on-the-ferry-question.md",
        ],
    ),
    "correspondence": (
        ["THE HARBOUR WALL: A Letter from the Pilots", "THE HARBOUR WALL: A Reply from the Commissioners"],
        [
            "-> the-harbour-wall-a-letter-from-the-pilots.md: 4 paragraphs",
            "dateline '12 Abbey Terrace, 12 March 1906' -> the-harbour-wall-a-reply-from-the-commissioners.md",
            "signature 'I am, Sir, yours faithfully, / SAMUEL OKE,",
            "signature 'Yours truly, / MARTHA LEWIN,",
            "footnote * -> the-harbour-wall-a-letter-from-the-pilots.md",
            "footnote * -> the-harbour-wall-a-reply-from-the-commissioners.md",
        ],
    ),
    "crlf-tabs": (
        ["A Note on Allotments", "The Question of Bees"],
        [
            "CRLF line ends read",
            "tabs read as spaces",
            "(3 item, 1 quote)",
            "quote 'The ground is let for the growing",
            "signature 'K. Morrow, secretary' -> the-question-of-bees.md",
        ],
    ),
    "markdown-like": (
        ["The Catalogue", "The New System"],
        [
            "title 'Notes from the Reading Room' -> front.md",
            "quote 'A catalogue is a promise",
            "footnote ^1 -> the-catalogue.md",
            "warning: line 3: footnote marker [^9] in the-catalogue.md has no note",
        ],
    ),
    "postscript": (
        ["A Letter about the School Bell"],
        [
            "signature 'With best wishes, / Arthur Penrose / Headmaster",
            "dateline '2 October 1931'",
            "postscript 'P.S. The bell itself",
            "footnote 1 -> a-letter-about-the-school-bell.md",
            "footnote 2 -> a-letter-about-the-school-bell.md",
        ],
    ),
}

_LABEL = re.compile(r"^(?:\d+[.)]|Note \d+[.:]|\[\^?\d+\]:?|\*{1,3})\s+")


def words(text: str) -> list[str]:
    """The words of a text, numbers of one to three digits (list and footnote numbers) left out."""
    return [w for w in re.findall(r"\w+", normalise(text)) if not re.fullmatch(r"\d{1,3}", w)]


def source_paragraphs(text: str) -> list[list[str]]:
    """The source's paragraphs as word lists, by blank lines; '>' and note labels are layout."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n")
    result = []
    for block in re.split(r"\n[ \t]*\n", text):
        lines = [re.sub(r"^\s*>?\s*", "", line) for line in block.splitlines() if line.strip()]
        if lines:
            result.append(words(_LABEL.sub("", " ".join(lines))))
    return result


def contains(haystack: list[str], needle: list[str]) -> bool:
    n = len(needle)
    return any(haystack[i : i + n] == needle for i in range(len(haystack) - n + 1))


def import_and_build(tmp_path: Path, layout: str, capsys: pytest.CaptureFixture[str]) -> tuple[Path, str]:
    project = tmp_path / "project"
    project.mkdir()
    (project / "conf.py").write_text(CONF, "utf-8")
    (project / "index.md").write_text(INDEX, "utf-8")
    source = LAYOUTS / f"{layout}.txt"
    assert main(["import-text", str(source), "--out", str(project / "text")]) == 0
    report = capsys.readouterr().out
    return build_html(project, tmp_path / "html"), report


@pytest.mark.parametrize("layout", sorted(EXPECTED))
def test_layout_imports_builds_and_keeps_every_word(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], layout: str
) -> None:
    html, report = import_and_build(tmp_path, layout, capsys)
    titles, phrases = EXPECTED[layout]
    pieces = re.findall(r"^  piece \d+: '([^']*)'", report, flags=re.M)
    assert pieces == titles, report
    for phrase in phrases:
        assert phrase in report, f"{phrase!r} not in the report:\n{report}"
    pages = sorted(html.glob("text/*.html"))
    assert len(pages) == len(titles)
    shown = " ".join(main_text(p.read_text("utf-8")) for p in [html / "index.html", *pages])
    assert "\\" not in shown, "a backslash of the escaping shows on a page"
    built = words(shown)
    source = (LAYOUTS / f"{layout}.txt").read_text("utf-8")
    missing = [" ".join(p) for p in source_paragraphs(source) if not contains(built, p)]
    assert not missing, f"paragraphs not found word for word: {missing}"


def test_dry_run_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "text"
    assert main(["import-text", str(LAYOUTS / "correspondence.txt"), "--out", str(out), "--dry-run"]) == 0
    report = capsys.readouterr().out
    assert "dateline '12 Abbey Terrace, 12 March 1906'" in report and "nothing was written" in report
    assert not out.exists()
