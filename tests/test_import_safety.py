"""import-text on hostile input: never a word lost, never a traceback, never a write outside --out."""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from studyguide import importer
from studyguide.__main__ import main

LETTER = (
    "A Short Letter\n\nThe first paragraph of the letter, long enough to be running text and not a heading.\n"
)


def run(source: Path, out: Path, *extra: str) -> int:
    return main(["import-text", str(source), "--out", str(out), *extra])


def write(tmp_path: Path, text: str, name: str = "source.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return path


def one_error_line(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("error: ") and "Traceback" not in err, err
    return err


def test_a_title_never_overwrites_another_page(tmp_path: Path) -> None:
    text = "Front\n\nThe front piece has running text that is long enough to be a paragraph of its own.\n\n\n"
    text += "Front\n\nA second piece of the same name, again with running text long enough for a paragraph.\n"
    source = importer.parse(text, first_title="Front")
    names = list(importer.plan(source))
    assert names[0] == "front.md" and len(set(names)) == len(names) == 3
    assert "front-2.md" in names


@pytest.mark.parametrize(
    "text",
    [
        "["
        + "9" * 5000
        + "] a marker of five thousand digits in running text that goes on and on.\n\nMore text.",
        "9" * 5000 + ". a list number of five thousand digits in running text that goes on and on.\n\nMore.",
        "A paragraph of running text with a marker at the end, long enough to be a paragraph. [1]\n\n\n"
        + "1" * 5000
        + ". A note with a very long number.",
    ],
)
def test_huge_numbers_are_text(tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str) -> None:
    assert run(write(tmp_path, text), tmp_path / "out") == 0
    written = "".join(p.read_text("utf-8") for p in (tmp_path / "out").glob("*.md"))
    assert "9" * 5000 in written or "1" * 5000 in written


def test_byte_order_mark_and_crlf(tmp_path: Path) -> None:
    source = tmp_path / "bom.txt"
    source.write_bytes(("\ufeff" + LETTER).replace("\n", "\r\n").encode("utf-8"))
    assert run(source, tmp_path / "out") == 0
    for page in (tmp_path / "out").glob("*.md"):
        data = page.read_bytes()
        assert b"\xef\xbb\xbf" not in data and b"\r" not in data


def test_out_is_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = write(tmp_path, "not a folder", "out")
    assert run(write(tmp_path, LETTER), out) == 2
    assert "not a folder" in one_error_line(capsys)


def test_a_folder_named_like_a_page(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "out" / "front.md").mkdir(parents=True)
    assert run(write(tmp_path, LETTER), tmp_path / "out", "--force") == 2
    assert "is not a file" in one_error_line(capsys)


def test_non_utf8_page_in_out_counts_as_edited(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "front.md").write_bytes(b"\xff\xfe not utf-8")
    assert run(write(tmp_path, LETTER), out) == 2
    assert "front.md" in one_error_line(capsys)
    assert (out / "front.md").read_bytes() == b"\xff\xfe not utf-8"
    assert run(write(tmp_path, LETTER), out, "--force") == 0


@pytest.mark.parametrize(
    "manifest", ['{"files": ["front.md"]}', "[1, 2]", "\xff", '{"files": {"front.md": 3}}']
)
def test_a_bad_manifest_is_no_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], manifest: str
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / importer.MANIFEST_NAME).write_text(manifest, "utf-8", errors="surrogateescape")
    assert run(write(tmp_path, LETTER), out) == 0
    assert json.loads((out / importer.MANIFEST_NAME).read_text("utf-8"))["files"]["front.md"]


def test_never_writes_through_a_symlink(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outside = write(tmp_path, "outside\n", "outside.md")
    out = tmp_path / "out"
    out.mkdir()
    os.symlink(outside, out / "front.md")
    assert run(write(tmp_path, LETTER), out, "--force") == 2
    assert "symbolic link" in one_error_line(capsys)
    assert outside.read_text("utf-8") == "outside\n"
    assert not (out / "a-short-letter.md").exists(), "nothing is written half-way"


def test_non_utf8_source(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "latin1.txt"
    source.write_bytes("Caf\xe9 au lait, a paragraph of running text.".encode("latin-1"))
    assert run(source, tmp_path / "out") == 2
    assert "not UTF-8" in one_error_line(capsys)
    assert not (tmp_path / "out").exists()


def test_source_is_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(tmp_path, tmp_path / "out") == 2
    assert "is a folder" in one_error_line(capsys)


def test_settings_beside_the_source(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = (
        "Letters\n\nFirst Letter\n\nRunning text of the first letter, long enough to be a paragraph here.\n"
    )
    source = write(tmp_path, text)
    write(tmp_path, 'first-title = "Opening"\nheadings = ["First Letter"]\n', "source.import.toml")
    assert run(source, tmp_path / "out", "--dry-run") == 0
    report = capsys.readouterr().out
    assert "settings from" in report and "piece 1: 'First Letter'" in report
    write(tmp_path, 'first-titel = "x"\n', "source.import.toml")
    assert run(source, tmp_path / "out") == 2
    assert "did you mean 'first-title'" in one_error_line(capsys)


def test_settings_in_pyproject(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = "LETTER ONE\nA subtitle line\n\nRunning text of the letter, long enough to be a paragraph here.\n"
    source = write(tmp_path, text)
    write(tmp_path, '[tool.studyguide.import]\nmulti-line-headings = "join"\n', "pyproject.toml")
    assert run(source, tmp_path / "out", "--dry-run") == 0
    assert "piece 1: 'LETTER ONE A subtitle line'" in capsys.readouterr().out
    write(tmp_path, '[tool.studyguide.import]\nmulti-line-headings = "both"\n', "pyproject.toml")
    assert run(source, tmp_path / "out") == 2
    assert "multi-line-headings" in one_error_line(capsys)


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("1) a point", r"1\) a point"),
        ("12. a point", r"12\. a point"),
        ("% a comment", r"\% a comment"),
        ("(label)= a target", r"\(label)= a target"),
        ("{.class} an attribute line", r"\{.class} an attribute line"),
        ("a [span]{.claim} inline", r"a \[span]{.claim} inline"),
        ("a footnote [^1] reference", r"a footnote \[^1] reference"),
        ("in March [1918], a", "in March [1918], a"),
        ("$x$ and <b>", r"\$x\$ and \<b>"),
    ],
)
def test_escaping(text: str, escaped: str) -> None:
    assert importer.escape(text) == escaped


def test_warnings_for_doubtful_things(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    text = (
        "A Title\n\nThe Letter\n\nRunning text of the letter with a marker [3], long enough to be a paragraph.\n"
        "IN THE MIDDLE\nand the paragraph goes on after a line that looks like a heading.\n\n"
        "Notes\n\n[7] A note that nothing points to.\n"
    )
    assert run(write(tmp_path, text), tmp_path / "out", "--dry-run") == 0
    out = capsys.readouterr().out
    assert "warning: line 5: footnote marker [3] in the-letter.md has no note" in out
    assert "warning: line 6: a heading-like line inside a paragraph: 'IN THE MIDDLE'" in out
    assert "warning: line 11: a note with no marker (7)" in out
    assert not (tmp_path / "out").exists()


_PIECES = [
    "#", "##", ">", "[", "]", "(", ")", "=", "*", "**", "_", "`", "%", "{", "}", ":", "-", "|", "$", "<", "&",
    "1.", "2)", "(a)", "[1]", "[^1]", "[^1]:", "Note 1.", "P.S.", "LETTER", "Sir,", "Paris, 3 May 1920",
    "alpha", "beta", "gamma", "delta", "Notes", "\t", "  ",
]  # fmt: skip


@settings(deadline=None)  # a machine under load must not fail it on time
@given(
    st.lists(
        st.one_of(st.just(""), st.lists(st.sampled_from(_PIECES), min_size=1, max_size=8).map(" ".join)),
        min_size=1,
        max_size=25,
    )
)
def test_any_text_imports_or_stops_cleanly_and_keeps_its_words(lines: list[str]) -> None:
    text = "\n".join(lines)
    try:
        files = importer.plan(importer.parse(text))
    except importer.ImportError_:
        return
    # the pages without their labels (a label repeats the title's words)
    written = re.sub(r"^\([a-z0-9-]+\)=$", "", " \n".join(files.values()), flags=re.M).replace("\\", "")
    wanted = Counter(w for w in re.findall(r"[A-Za-z]+", text) if w not in ("Note", "S", "P"))
    got = Counter(re.findall(r"[A-Za-z]+", written))
    assert not wanted - got, (wanted - got, text)


def test_two_letters_under_one_heading_are_a_warning(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    text = (
        "Letters\n\nTo the Editor of the Gazette.\n\nSir,—The first letter, with running text long enough.\n\n"
        "A. Writer\n\nTo the Editor of the Gazette.\n\nSir,—A second letter, with running text long enough.\n"
    )
    assert run(write(tmp_path, text), tmp_path / "out", "--dry-run") == 0
    assert "warning: line 9: a second 'To the Editor of the Gazette.' in 'Letters'" in capsys.readouterr().out
