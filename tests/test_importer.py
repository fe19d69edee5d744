"""The conversion command, on a text written for the tests and on the seed."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from studyguide import importer
from studyguide.__main__ import main
from tests.conftest import SEED

DATA = Path(__file__).parent / "data"
SECOND = DATA / "second-text.txt"


def run(tmp_path: Path, *extra: str, source: Path = SECOND) -> int:
    return main(["import-text", str(source), "--out", str(tmp_path / "out"), *extra])


def test_second_text_structure() -> None:
    source = importer.parse(SECOND.read_text("utf-8"), quotes=["The parish was not told"])
    assert source.author == "Mary Example"
    assert source.title == "Two Letters on the Canal"
    assert source.note is not None and source.note.startswith("These letters were first printed")
    assert [p.title for p in source.pieces] == ["Two Letters on the Canal", "Reply to the Company"]
    first, second = source.pieces
    kinds = [(b.kind, b.in_item) for b in first.blocks]
    assert kinds == [
        ("para", False),
        ("item", False),
        ("item", False),
        ("quote", True),
        ("quote", True),
        ("para", True),
        ("dateline", False),
    ]
    assert first.footnotes == {1: "The parish minute book, pages 12 to 14."}
    assert second.footnotes == {2: "The table is not reproduced in this transcription."}
    assert second.blocks[-1].kind == "signature"


def test_second_text_markdown(tmp_path: Path) -> None:
    assert run(tmp_path, "--first-title", "Letter to the Parish", "--quote", "The parish was not told") == 0
    out = tmp_path / "out"
    assert sorted(p.name for p in out.iterdir()) == [
        ".import-manifest.json",
        "front.md",
        "letter-to-the-parish.md",
        "reply-to-the-company.md",
    ]
    letter = (out / "letter-to-the-parish.md").read_text("utf-8")
    assert letter.startswith("(letter-to-the-parish)=\n# Letter to the Parish\n")
    assert "1. The company says" in letter
    assert "1884. [^1]" in letter and "[^1]: The parish minute book" in letter
    assert "   > Tolls were raised in 1880" in letter
    assert "   >\n   > The parish was not told" in letter
    assert "   This I take to be the heart of the matter." in letter
    assert "{.dateline}\nDover, 3 March 1886" in letter
    reply = (out / "reply-to-the-company.md").read_text("utf-8")
    assert "{.signature}\nMary Example" in reply and "[^2]: The table" in reply
    front = (out / "front.md").read_text("utf-8")
    assert "{.source-note}\nThese letters were first printed" in front


def test_every_word_is_kept() -> None:
    """Markup aside, the pages carry exactly the words of the source, seed included."""
    for path, options in [(SECOND, {}), (SEED, {"quotes": ["The leaders of the counter"]})]:
        text = path.read_text("utf-8")
        files = importer.plan(importer.parse(text, **options))  # type: ignore[arg-type]
        # Numbering of points and footnotes becomes list markup; footnote markers become [^N].
        words_in = Counter(
            w.strip("[]")
            for w in text.split()
            if not (w.rstrip(".*").isdigit() or re.fullmatch(r"\[\d+\]", w))
        )
        out = " ".join(files.values())
        words_out = Counter(
            w.strip("[]").replace("\\", "")
            for w in out.split()
            if not (
                w.endswith(")=")
                or w.startswith(("{.", "#", ">", "[^"))
                or w.rstrip(".").isdigit()
                or w == ">"
            )
        )
        missing = words_in - words_out
        assert not missing, list(missing)[:10]


def test_markup_in_the_text_is_escaped() -> None:
    assert importer.escape("a *b* _c_ `d` <e>") == r"a \*b\* \_c\_ \`d\` \<e>"
    assert importer.escape("# not a heading") == r"\# not a heading"
    assert importer.escape("see [this](x)") == r"see \[this](x)"
    assert importer.escape("in March [1918], a") == "in March [1918], a"
    assert importer.escape("true [1].", footnotes=[1]) == "true [^1]."


def test_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(tmp_path, source=tmp_path / "nope.txt") == 2
    assert "no such file" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("content", ["", "\n\n\n", "Just one line\n"])
def test_no_pieces(tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str) -> None:
    source = tmp_path / "empty.txt"
    source.write_text(content, "utf-8")
    assert run(tmp_path, source=source) == 2
    err = capsys.readouterr().err
    assert "nothing was written" in err and ("no pieces" in err or "empty" in err)
    assert not (tmp_path / "out").exists()


def test_refuses_to_overwrite_edits(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(tmp_path) == 0
    page = tmp_path / "out" / "reply-to-the-company.md"
    assert run(tmp_path) == 0  # unchanged pages may be written again
    page.write_text(page.read_text("utf-8") + "\nAn editor's addition.\n", "utf-8")
    edited = page.read_text("utf-8")
    assert run(tmp_path) == 2
    assert "reply-to-the-company.md" in capsys.readouterr().err
    assert page.read_text("utf-8") == edited
    assert run(tmp_path, "--force") == 0
    assert "An editor's addition." not in page.read_text("utf-8")


def test_refuses_pages_it_did_not_write(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "front.md").write_text("hand-written\n", "utf-8")
    assert run(tmp_path) == 2
    assert (out / "front.md").read_text("utf-8") == "hand-written\n"


def test_seed_pages_are_the_ones_in_docs() -> None:
    """The pages in docs/ came from the seed: each piece's page exists with the importer's title."""
    source = importer.parse(SEED.read_text("utf-8"), first_title="Letter to the Editors")
    docs = Path(__file__).resolve().parent.parent / "docs" / "text"
    for piece in source.pieces:
        page = (docs / f"{piece.slug}.md").read_text("utf-8")
        page = re.sub(r"\A---\n.*?\n---\n", "", page, flags=re.DOTALL)  # front matter added since
        assert page.startswith(f"({piece.slug})=\n# {piece.title}\n")
    assert [p.slug for p in source.pieces] == [
        "letter-to-the-editors",
        "reply-to-trotsky",
        "reply-to-ciliga",
        "reply-to-serge",
    ]


def test_seed_import_gives_the_pages_it_gave() -> None:
    """`make import-text`, run today, writes the pages the first import wrote (the manifest's digests)."""
    import json
    import shlex

    root = Path(__file__).resolve().parent.parent
    recipe = (root / "Makefile").read_text("utf-8").split("\nimport-text:", 1)[1].split("\n\n", 1)[0]
    words = shlex.split(recipe.replace("\\\n", " ").split("import-text", 1)[1].replace("$(IMPORTOPTS)", ""))
    first_title = words[words.index("--first-title") + 1]
    quotes = [words[i + 1] for i, w in enumerate(words) if w == "--quote"]
    files = importer.plan(importer.parse(SEED.read_text("utf-8"), first_title=first_title, quotes=quotes))
    manifest = json.loads((root / "docs" / "text" / importer.MANIFEST_NAME).read_text("utf-8"))["files"]
    assert sorted(files) == sorted(manifest)
    for name, content in files.items():
        assert importer._digest(content) == manifest[name], name


def test_an_italic_dateline_is_a_dateline_in_italics() -> None:
    text = "A Letter\n\nRunning text of the letter, long enough to be a paragraph of its own here.\n\n_Eastport, 3 May 1906_\n"
    source = importer.parse(text)
    (piece,) = source.pieces
    assert [b.kind for b in piece.blocks] == ["para", "dateline"]
    assert "{.dateline}\n*Eastport, 3 May 1906*" in importer.render_piece(piece)
    assert "dateline 'Eastport, 3 May 1906' -> a-letter.md" in "\n".join(source.report)
