"""Bad input never breaks the build; the same source gives the same output whatever the path."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sphinx.testing.util import SphinxTestApp

from studyguide.dates import parse_date
from studyguide.syntax import split_list

INJECTED = ("<script>window.__pwned", "<img src=x")


@pytest.mark.sphinx("html", testroot="hostile", freshenv=True)
def test_hostile_input_builds_with_warnings_and_escapes(app: SphinxTestApp) -> None:
    app.build()
    warnings = app.warning.getvalue()
    assert "Traceback" not in warnings and "Exception" not in warnings
    assert len(re.findall(r"WARNING: .*\[studyguide\.", warnings)) >= 20
    for subtype in (
        "bad-date",
        "bad-option",
        "duplicate-id",
        "unknown-id",
        "claim-orphan",
        "quiz-filter",
        "quiz-short",
    ):
        assert f"[studyguide.{subtype}]" in warnings, subtype
    out = Path(app.outdir)
    for page in out.rglob("*.html"):
        html = page.read_text("utf-8")
        for needle in INJECTED:
            assert needle not in html, f"{page.name} has unescaped {needle!r}"
        assert not re.search(r'\sid="[^"]*\s[^"]*"', html), f"{page.name} has an id with a space"
    # the text of a claim with a bad id is kept, untagged
    assert "Bad id." in (out / "index.html").read_text("utf-8")
    # right-to-left text comes through whole
    assert "אבג دمشق" in (out / "index.html").read_text("utf-8")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_any_date_text_parses_or_says_why(text: str) -> None:
    try:
        date = parse_date(text)
    except ValueError as exc:
        assert str(exc)
        return
    assert date.earliest <= date.latest
    assert parse_date(date.iso) == date  # the ISO form round-trips
    assert date.display()


@settings(max_examples=200, deadline=None)
@given(
    st.tuples(st.integers(1, 9999), st.integers(1, 12), st.integers(1, 31)),
    st.sampled_from(["", "~", "?"]),
)
def test_valid_dates_parse(ymd: tuple[int, int, int], mark: str) -> None:
    import calendar

    year, month, day = ymd
    text = f"{year:04d}-{month:02d}-{day:02d}{mark}"
    if day > calendar.monthrange(year, month)[1]:
        with pytest.raises(ValueError):
            parse_date(text)
    else:
        assert parse_date(text).earliest == ymd


@given(st.lists(st.text(alphabet=st.characters(blacklist_characters=";\n\r"), max_size=10), max_size=6))
def test_split_list(items: list[str]) -> None:
    assert split_list(";".join(items)) == [i.strip() for i in items if i.strip()]


def _outputs(folder: Path) -> dict[str, bytes]:
    skip = {".buildinfo", "searchindex.js"}  # build-dependent hashes and index order, not ours
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and ".doctrees" not in p.parts and p.name not in skip
    }


def _build(make_app, src: Path, **kw):  # type: ignore[no-untyped-def]
    app = make_app("html", srcdir=src, **kw)
    app.build()
    assert app.warning.getvalue() == ""
    out = Path(app.outdir)
    app.cleanup()
    return out


def test_parallel_build_equals_serial_file_by_file(make_app, rootdir: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    outputs = []
    for jobs in (1, 2):
        src = tmp_path / f"j{jobs}"
        shutil.copytree(rootdir / "test-quiz", src)
        outputs.append(_outputs(_build(make_app, src, freshenv=True, parallel=jobs)))
    assert outputs[0].keys() == outputs[1].keys()
    differ = [name for name in outputs[0] if outputs[0][name] != outputs[1][name]]
    assert differ == []


def test_incremental_build_equals_clean_build(make_app, rootdir: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    edited = tmp_path / "edited"
    shutil.copytree(rootdir / "test-quiz", edited)
    _build(make_app, edited, freshenv=True)
    reply = edited / "reply.md"
    reply.write_text(reply.read_text("utf-8").replace("open to {blank}`anyone`", "open to {blank}`everyone`"))
    letter = edited / "letter.md"
    letter.write_text(
        letter.read_text("utf-8").replace("{person}`the company's clerk <clerk>` agrees", "nobody agrees")
    )
    incremental = _outputs(_build(make_app, edited))
    clean_src = tmp_path / "clean"
    shutil.copytree(edited, clean_src, ignore=shutil.ignore_patterns("_build"))
    clean = _outputs(_build(make_app, clean_src, freshenv=True))
    assert incremental.keys() == clean.keys()
    assert [name for name in clean if clean[name] != incremental[name]] == []
