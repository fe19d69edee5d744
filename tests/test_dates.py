"""Dates shown by kind of entry: people, works, events and organisations, as historians write them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sphinx.testing.util import SphinxTestApp

from studyguide.dates import FuzzyDate, chronological_key, display_span, display_years, parse_date


def d(text: str | None) -> FuzzyDate | None:
    return parse_date(text) if text else None


@pytest.mark.parametrize(
    ("kind", "start", "end", "years", "span"),
    [
        ("person", "1890-12-30", "1947-11-17", "1890–1947", "30 December 1890 – 17 November 1947"),
        ("person", "1864", None, "b. 1864", "born 1864"),
        ("person", None, "1944", "d. 1944", "died 1944"),
        ("person", "1850~", "1921-03-17", "c. 1850–1921", "c. 1850 – 17 March 1921"),
        ("work", "1930", None, "1930", "1930"),
        ("work", "1939-02", None, "1939", "February 1939"),
        ("work", "1934-07", "1958", "1934–1958", "July 1934 – 1958"),
        ("event", "1924-01-21", None, "21 January 1924", "21 January 1924"),
        ("event", "1921-03-01", "1921-03-18", "1–18 March 1921", "1–18 March 1921"),
        ("event", "1918-04-11", "1918-04-12", "11–12 April 1918", "11–12 April 1918"),
        ("event", "1917-03-08", "1917-11-07", "8 March – 7 November 1917", "8 March – 7 November 1917"),
        ("event", "1936-07-17", "1939-04-01", "1936–1939", "17 July 1936 – 1 April 1939"),
        (
            "event",
            "1917-11/1918-05",
            "1920-11/1922-10",
            "1917/18–1920/22",
            "from November 1917 or May 1918 to November 1920 or October 1922",
        ),
        ("event", "1937-05-03", "1937-05-07/1937-05-08", "1937", "from 3 May 1937 to 7 or 8 May 1937"),
        ("org", "1903", None, "founded 1903", "founded 1903"),
        ("org", "1935-09-29", "1937-06", "1935–1937", "29 September 1935 – June 1937"),
        ("org", "1901/1902", None, "founded 1901/02", "founded 1901 or 1902"),
        ("org", None, "1922", "until 1922", "ended 1922"),
        ("place", "1790?", None, "from 1790?", "from 1790?"),
        ("topic", None, None, "", ""),
    ],
)
def test_dates_by_kind(kind: str, start: str | None, end: str | None, years: str, span: str) -> None:
    assert display_years(d(start), d(end), kind) == years
    assert display_span(d(start), d(end), kind) == span


def test_only_a_person_is_born() -> None:
    for kind in ("work", "event", "org", "place", "topic"):
        assert "b." not in display_years(d("1903"), None, kind)
        assert "born" not in display_span(d("1903"), None, kind)


def test_either_or_reads_plainly() -> None:
    assert parse_date("1937-05-07/1937-05-08").display() == "7 or 8 May 1937"
    assert parse_date("1918-03/1918-05").display() == "March or May 1918"
    assert parse_date("1917-11/1918-05").display() == "November 1917 or May 1918"
    assert parse_date("1901/1902").display() == "1901 or 1902"
    assert parse_date("1880~/1881").display() == "c. 1880 or 1881"


def test_timeline_order_by_earliest_start() -> None:
    revolution, war, rising = d("1917-11-07"), d("1917-11/1918-05"), d("1921-03-01")
    # a month comes after the days known within it; a range sorts by its start
    assert chronological_key(revolution) < chronological_key(war) < chronological_key(rising)
    assert (
        chronological_key(d("1921-03-18")) < chronological_key(d("1921")) < chronological_key(d("1922-01-01"))
    )
    assert chronological_key(None) > chronological_key(d("9999"))


_date = st.builds(
    lambda y, m, day, precision, mark: (
        f"{y:04d}" + (f"-{m:02d}" if precision > 1 else "") + (f"-{day:02d}" if precision > 2 else "") + mark
    ),
    st.integers(1000, 2100),
    st.integers(1, 12),
    st.integers(1, 28),
    st.integers(1, 3),
    st.sampled_from(["", "~", "?"]),
)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(["person", "work", "event", "org", "place", "topic"]), _date, _date)
def test_any_span_reads_as_its_kind(kind: str, first: str, second: str) -> None:
    start, end = sorted([parse_date(first), parse_date(second)], key=lambda x: x.earliest)
    years, span = display_years(start, end, kind), display_span(start, end, kind)
    assert str(start.year) in years and str(start.year) in span
    assert str(end.latest[0]) in span
    assert not re.search(r"\bb\.|born|from|founded", years + span)  # both ends known: a plain range
    alone_years, alone = display_years(start, None, kind), display_span(start, None, kind)
    assert ("b. " in alone_years) == (kind == "person") and ("born " in alone) == (kind == "person")
    assert ("founded " in alone) == (kind == "org")
    assert alone.startswith("from ") == (kind in ("place", "topic"))


@settings(max_examples=200, deadline=None)
@given(_date, _date)
def test_chronological_key_follows_the_earliest_day(first: str, second: str) -> None:
    a, b = parse_date(first), parse_date(second)
    if a.latest < b.earliest:  # one wholly before the other
        assert chronological_key(a) < chronological_key(b)


def html(app: SphinxTestApp, page: str) -> str:
    return (Path(app.outdir) / page).read_text("utf-8")


@pytest.mark.sphinx("html", testroot="dates", freshenv=True)
def test_entries_and_tooltips_show_dates_by_kind(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    register = html(app, "register.html")

    def heading(entry_id: str) -> str:
        match = re.search(rf'id="[a-z]+-{entry_id}">(.*?)</dt>', register, re.S)
        assert match, entry_id
        return re.sub(r"<[^>]+>", "", match.group(1)).replace("¶", "").strip()

    assert heading("writer") == "Ada Writer (30 December 1890 – 17 November 1947)"
    assert heading("envoy") == "Basil Envoy (born 1864)"
    assert heading("review") == "The Review (1930)"
    assert heading("monthly") == "The Monthly (July 1934 – 1958)"
    assert heading("congress") == "The Congress (21 January 1924)"
    assert heading("rising") == "The Rising (1–18 March 1921)"
    assert heading("league") == "The League (founded 1903)"
    assert heading("club") == "The Club (29 September 1935 – June 1937)"
    assert "(from 1930)" not in register and "b. 1903" not in register
    index = html(app, "index.html")
    tips = dict(
        re.findall(
            r'<span class="sg-tip sg-apparatus" role="tooltip" id="mention-([a-z]+)-tip">([^<]*)<', index
        )
    )
    assert tips == {
        "writer": "1890–1947 · a writer",
        "envoy": "b. 1864 · an envoy whose death is unknown",
        "congress": "21 January 1924 · a one-day event",
        "review": "1930 · a book",
        "league": "founded 1903 · an organisation still in being",
        "club": "1935–1937 · an organisation that ended",
        "war": "1917/18–1920/22 · an event whose ends historians date differently",
        "rising": "1–18 March 1921 · an event of some days",
    }


@pytest.mark.sphinx("html", testroot="dates", freshenv=True)
def test_timeline_sorts_a_range_by_its_start(app: SphinxTestApp) -> None:
    app.build()
    page = html(app, "timeline.html")
    rows = re.findall(r"<tr[^>]*><td><p>(.*?)</p></td>\s*<td><p><a [^>]*>(.*?)</a>", page, re.S)
    assert [name for _when, name in rows] == [
        "The League",
        "The Revolution",
        "The War",
        "The Rising",
        "The Congress",
        "The Club",
    ]
    when = dict((name, w) for w, name in rows)
    assert when["The War"] == "from November 1917 or May 1918 to November 1920 or October 1922"
    assert when["The League"] == "founded 1903"
    assert when["The Rising"] == "1–18 March 1921"


@pytest.mark.parametrize(
    ("text", "suggested"),
    [
        ("04/10/1905", "1905-10-04 if it is day/month/year"),
        ("10/25/1905", "1905-10-25 if it is month/day/year"),
    ],
)
def test_a_day_month_year_date_gets_an_iso_suggestion(text: str, suggested: str) -> None:
    with pytest.raises(ValueError, match="could be day/month/year or month/day/year") as caught:
        parse_date(text)
    assert suggested in str(caught.value)


@pytest.mark.sphinx("html", testroot="dates", freshenv=True, confoverrides={"language": "fr"})
def test_a_french_build_writes_dates_in_french(app: SphinxTestApp) -> None:
    """Month names, "born", "founded", "or" and ranges come from the extension's French catalog."""
    app.build()
    assert app.warning.getvalue() == ""
    register = html(app, "register.html")

    def heading(entry_id: str) -> str:
        match = re.search(rf'id="[a-z]+-{entry_id}">(.*?)</dt>', register, re.S)
        assert match, entry_id
        return re.sub(r"<[^>]+>", "", match.group(1)).replace("¶", "").strip()

    nbsp = "\u00a0"
    assert heading("writer") == "Ada Writer (30 décembre 1890 – 17 novembre 1947)"
    assert heading("envoy") == f"Basil Envoy (naissance{nbsp}: 1864)"
    assert heading("monthly") == "The Monthly (juillet 1934 – 1958)"
    assert heading("congress") == "The Congress (21 janvier 1924)"
    assert heading("rising") == "The Rising (1er–18 mars 1921)"
    assert heading("league") == f"The League (fondation{nbsp}: 1903)"
    assert "born" not in register and "founded" not in register and "March" not in register
    tips = dict(
        re.findall(
            r'<span class="sg-tip sg-apparatus" role="tooltip" id="mention-([a-z]+)-tip">([^<]*)<',
            html(app, "index.html"),
        )
    )
    assert tips["envoy"].startswith("n. 1864 · ")
    assert tips["league"].startswith(f"fondation{nbsp}: 1903 · ")
    timeline = html(app, "timeline.html")
    assert "de novembre 1917 ou mai 1918 à novembre 1920 ou octobre 1922" in timeline
