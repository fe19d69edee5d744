"""The register: entries, mention roles, back-links, indices, objects.inv and register.json."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp
from sphinx.util.inventory import InventoryFile

SNAPSHOTS = Path(__file__).parent / "snapshots"


def html(app: SphinxTestApp, page: str) -> str:
    return (Path(app.outdir) / page).read_text("utf-8")


@pytest.mark.sphinx("html", testroot="register", freshenv=True)
def test_builds_without_warnings(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == ""


@pytest.mark.sphinx("html", testroot="register", freshenv=True)
def test_roles_keep_printed_wording_and_link(app: SphinxTestApp) -> None:
    app.build()
    page = html(app, "canal.html")
    # explicit title: the printed words; bare target: the entry's short name
    assert re.search(r'href="register.html#person-example"[^>]*>\s*<span[^>]*>Mary Example</span>', page)
    assert re.search(r'href="register.html#person-example"[^>]*>\s*<span[^>]*>Example</span>', page)
    assert ">Closing of the locks<" in page  # {sg:event}`lock-closing`: the entry's name
    # every mention has its own anchor, in order
    assert re.findall(r'id="(mention-example(?:-\d+)?)"', page) == [
        "mention-example",
        "mention-example-1",
        "mention-example-2",
    ]
    # reST works the same way
    assert 'href="register.html#person-example"' in html(app, "second.html")


@pytest.mark.sphinx("html", testroot="register", freshenv=True)
def test_tooltip_on_hover_and_focus(app: SphinxTestApp) -> None:
    app.build()
    page = html(app, "canal.html")
    link = re.search(r'<a aria-describedby="(mention-example-tip)"[^>]*>', page)
    assert link, "the link names its tooltip with aria-describedby"
    assert "title=" not in link.group(0), "one tooltip only: no native title beside the tip"
    assert (
        '<span class="sg-tip sg-apparatus" role="tooltip" id="mention-example-tip">'
        "c. 1850–1921 · parish clerk of Dover</span>" in page
    )


@pytest.mark.sphinx("html", testroot="register", freshenv=True)
def test_backlinks_grouped_by_page(app: SphinxTestApp) -> None:
    app.build()
    page = html(app, "register.html")
    entry = page[page.index('id="person-example"') : page.index('id="event-lock-closing"')]
    assert "Mentioned in:" in entry
    canal = re.search(r"<li><p>The canal letter: (.*?)</p>", entry)
    assert canal is not None
    # one link per passage: paragraphs 1, 2 and 4 (the third names nobody)
    assert re.findall(r'href="(canal.html#[^"]+)">(¶ \d+)<', canal.group(1)) == [
        ("canal.html#mention-example", "¶ 1"),
        ("canal.html#mention-example-1", "¶ 2"),
        ("canal.html#mention-example-2", "¶ 4"),
    ]
    assert re.search(r"<li><p>The reST page: <a [^>]*href=\"second.html#mention-example\"", entry)
    # the paragraph anchors exist on the page linked to
    canal_page = html(app, "canal.html")
    for anchor in ("p-1", "p-2", "p-4", "mention-example-2"):
        assert f'id="{anchor}"' in canal_page
    toll = page[page.index('id="event-toll-rise"') :]
    assert "Not mentioned in the text." in toll[: toll.index("</dd>")]


@pytest.mark.sphinx("html", testroot="register", freshenv=True)
def test_entry_html_snapshot(app: SphinxTestApp) -> None:
    """The shape of one entry's HTML; refresh with STUDYGUIDE_UPDATE_SNAPSHOTS=1."""
    import os

    app.build()
    page = html(app, "register.html")
    start = page.index('<dl class="sg person')
    entry = page[start : page.index('<dl class="sg event', start)].strip()
    snapshot = SNAPSHOTS / "register-entry-person.html"
    if os.environ.get("STUDYGUIDE_UPDATE_SNAPSHOTS"):
        snapshot.parent.mkdir(exist_ok=True)
        snapshot.write_text(entry + "\n", "utf-8")
    assert entry + "\n" == snapshot.read_text("utf-8")


@pytest.mark.sphinx("html", testroot="register", freshenv=True)
def test_objects_inv_lists_every_entry(app: SphinxTestApp) -> None:
    app.build()
    inventory = InventoryFile.loads((Path(app.outdir) / "objects.inv").read_bytes(), uri="")
    data = inventory.data
    assert set(data["sg:person"]) == {"example"}
    assert set(data["sg:event"]) == {"lock-closing", "toll-rise"}
    assert set(data["sg:org"]) == {"canal-company"}
    assert set(data["sg:place"]) == {"dover"}
    assert set(data["sg:work"]) == {"gazette"}
    item = data["sg:person"]["example"]
    assert item.uri == "register.html#person-example"
    assert item.display_name == "Mary Example"


@pytest.mark.sphinx("html", testroot="register", freshenv=True)
def test_register_json(app: SphinxTestApp) -> None:
    app.build()
    data = json.loads((Path(app.outdir) / "register.json").read_text("utf-8"))
    assert data["version"] == 2
    entries = {e["id"]: e for e in data["entries"]}
    assert set(entries) == {"example", "lock-closing", "toll-rise", "canal-company", "dover", "gazette"}
    example = entries["example"]
    assert example["type"] == "person"
    assert example["name"] == "Mary Example" and example["sort"] == "Example, Mary"
    assert example["variants"] == ["M. Example", "Mary Exemplar"]
    assert example["dates"] == {"born": "1850~", "died": "1921-03-17"}
    assert example["roles"] == [
        {"period": "1886", "role": "parish clerk"},
        {"period": "1900", "role": "retired"},
    ]
    assert example["url"] == "register.html#person-example"
    assert [m["url"] for m in example["mentions"]] == [
        "canal.html#mention-example",
        "canal.html#mention-example-1",
        "canal.html#mention-example-2",
        "notes.html#mention-example-1",
        "second.html#mention-example",
    ]
    assert [m["url"] for m in example["note_mentions"]] == ["notes.html#mention-example"]
    assert entries["dover"]["authority"] == {"wikidata": "Q179224"}
    assert example["sources"] == [
        "https://example.org/wiki/Mary_Example",
        "https://www.wikidata.org/wiki/Q4115189",
    ]
    assert entries["dover"]["sources"] == []
    assert entries["lock-closing"]["dates"] == {"start": "1881-01", "end": "1881-03/1881-04"}


@pytest.mark.sphinx(
    "html", testroot="register", freshenv=True, confoverrides={"studyguide_index_mentions": True}
)
def test_domain_indices(app: SphinxTestApp) -> None:
    app.build()
    people = html(app, "sg-personindex.html")
    assert "Example, Mary" in people and "The canal letter, ¶ 2" in people
    events = html(app, "sg-eventindex.html")
    # a timeline: grouped by year, in date order
    assert events.index('id="cap-1880"') < events.index("Rise of the tolls") < events.index('id="cap-1881"')
    assert events.index('id="cap-1881"') < events.index("Closing of the locks")


@pytest.mark.sphinx("html", testroot="register-bad", freshenv=True)
def test_bad_input_warns_with_location(app: SphinxTestApp) -> None:
    app.build()  # no exception: the build goes on
    warnings = app.warning.getvalue()
    expected = [
        (r"index.md:\d+: WARNING: unknown register id 'exampel' .*did you mean 'example'\?", "unknown-id"),
        (r"index.md:\d+: WARNING: .*has no target id", "empty-target"),
        (r"index.md:\d+: WARNING: 'example' is a person entry, not a event", "unknown-id"),
        (r"register.md:\d+: WARNING: .*February 1850 has no day 30", "bad-date"),
        (r"register.md:\d+: WARNING: .*'around 1921' is not an ISO date", "bad-date"),
        (r"register.md:\d+: WARNING: .*'12345' is not a Wikidata QID", "bad-option"),
        (r"register.md:\d+: WARNING: .*'no period here' is not 'PERIOD: text'", "bad-option"),
        (
            r"register.md:\d+: WARNING: duplicate register entry 'example': also defined in register, line 3",
            "duplicate-id",
        ),
        (r"register.md:\d+: WARNING: 'Bad_Id' is not a register id", "bad-option"),
        (r"register.md:\d+: WARNING: .*use :start: and :end:, not :born:", "bad-option"),
        (r"register.md:\d+: WARNING: person 'nameless' has no :name:", "bad-option"),
        (
            r"register.md:\d+: WARNING: .*:source: 'see the parish register' is not an http\(s\) URL",
            "bad-option",
        ),
        (r"index.md:\d+: WARNING: timeline-chart: needs :from: and :to: years, in order", "bad-option"),
        (r"index.md:\d+: WARNING: timeline-chart: no page 'nowhere'", "bad-option"),
        (r"index.md:\d+: WARNING: timeline-chart: 'around 1850' is not a date", "bad-option"),
    ]
    for pattern, subtype in expected:
        assert re.search(pattern + rf".*\[studyguide\.{subtype}\]", warnings), pattern
    assert "Traceback" not in warnings


@pytest.mark.sphinx(
    "html",
    testroot="register-bad",
    freshenv=True,
    confoverrides={
        "suppress_warnings": ["studyguide.unknown-id", "studyguide.empty-target", "studyguide.bad-date"]
    },
)
def test_warnings_are_suppressible(app: SphinxTestApp) -> None:
    app.build()
    warnings = app.warning.getvalue()
    assert "unknown register id" not in warnings and "no target id" not in warnings
    assert "not an ISO date" not in warnings
    assert "duplicate register entry" in warnings  # only what was asked is silenced


def test_warnings_fail_a_strict_build(make_app, rootdir: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from sphinx.errors import SphinxError

    src = tmp_path / "bad"
    shutil.copytree(rootdir / "test-register-bad", src)
    app = make_app("html", srcdir=src, warningiserror=True, freshenv=True)
    try:
        app.build()
    except SphinxError:
        return  # older Sphinx stops at the first warning
    assert app.statuscode != 0


def test_intersphinx_from_another_project(make_app, rootdir: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    guide_src = tmp_path / "guide"
    shutil.copytree(rootdir / "test-register", guide_src)
    guide = make_app("html", srcdir=guide_src, freshenv=True)
    guide.build()
    guide.cleanup()  # unregister its nodes before the second app registers them again
    other_src = tmp_path / "other"
    shutil.copytree(rootdir / "test-intersphinx", other_src)
    shutil.copy(Path(guide.outdir) / "objects.inv", other_src / "guide-objects.inv")
    other = make_app("html", srcdir=other_src, freshenv=True)
    other.build()
    assert other.warning.getvalue() == ""
    page = (Path(other.outdir) / "index.html").read_text("utf-8")
    assert page.count('href="https://guide.example.org/register.html#person-example"') == 2
    assert 'href="https://guide.example.org/register.html#event-lock-closing"' in page


@pytest.mark.sphinx("html", testroot="register", freshenv=True)
def test_glossary_link_at_first_mention(app: SphinxTestApp) -> None:
    app.build()
    page = html(app, "canal.html")
    markers = re.findall(r'<sup class="sg-gloss sg-apparatus"><a href="([^"]+)"', page)
    assert markers == ["glossary.html#term-Canal-Company"]  # once per page, at the first mention
    assert page.index("Canal Company</span></a>") < page.index("sg-gloss")
    assert "sg-gloss" in html(app, "second.html")


def test_every_warning_subtype_is_documented(site: Path) -> None:
    from studyguide.warnings import SUBTYPES

    page = (site / "reference" / "warnings.html").read_text("utf-8")
    for subtype, meaning in SUBTYPES.items():
        assert f"studyguide.{subtype}" in page
        assert meaning.split(",")[0].replace("'", "&#x27;")[:30] in page or meaning[:20] in page


@pytest.mark.sphinx("html", testroot="register", freshenv=True)
def test_domain_indices_list_entries_only_by_default(app: SphinxTestApp) -> None:
    """Without studyguide_index_mentions an index has one line per entry; the back-links list passages."""
    app.build()
    people = html(app, "sg-personindex.html")
    assert "Example, Mary" in people
    assert "The canal letter, ¶" not in people and "canal.html#mention-" not in people
    assert "canal.html#mention-example" in html(app, "register.html")


def test_general_index_links_the_register_indices(site: Path) -> None:
    genindex = (site / "genindex.html").read_text("utf-8")
    for name in ("sg-personindex", "sg-eventindex"):
        assert f'href="{name}.html"' in genindex
        assert (site / f"{name}.html").exists()
    people = (site / "sg-personindex.html").read_text("utf-8")
    assert "Trotsky, Leon" in people and "Reply to Trotsky, ¶" in people


@pytest.mark.sphinx("html", testroot="register", freshenv=True)
def test_mentioned_in_means_the_text(app: SphinxTestApp) -> None:
    """What the editors' notes name is listed apart, never as a mention in the text."""
    app.build()
    assert app.warning.getvalue() == ""
    page = html(app, "register.html")
    toll = page[page.index('id="event-toll-rise"') :]
    toll = toll[: toll.index("</dd>")]
    assert "Not mentioned in the text." in toll and "Mentioned in:" not in toll
    notes = re.search(r"Named in this edition.s notes:</p>\s*<ul[^>]*>\s*<li><p>(.*?)</p>", toll, re.S)
    assert notes and 'href="notes.html#mention-toll-rise">note<' in notes.group(1)
    example = page[page.index('id="person-example"') : page.index('id="event-lock-closing"')]
    text_part, _, notes_part = example.partition("Named in this edition")
    # a plain note (no editorial class) is the text; the editorial admonition is not
    assert "notes.html#mention-example-1" in text_part and 'notes.html#mention-example"' not in text_part
    assert 'notes.html#mention-example"' in notes_part
    index = html(app, "sg-eventindex.html")
    assert "A page with notes" not in index  # the index lists passages of the text only
    data = json.loads((Path(app.outdir) / "register.json").read_text("utf-8"))
    toll_json = next(e for e in data["entries"] if e["id"] == "toll-rise")
    assert toll_json["mentions"] == [] and [m["page"] for m in toll_json["note_mentions"]] == ["notes"]


@pytest.mark.sphinx("html", testroot="register", freshenv=True, confoverrides={"studyguide_note_classes": []})
def test_note_classes_are_configurable(app: SphinxTestApp) -> None:
    app.build()
    page = html(app, "register.html")
    toll = page[page.index('id="event-toll-rise"') :]
    assert "Mentioned in:" in toll[: toll.index("</dd>")]


@pytest.mark.sphinx("html", testroot="register", freshenv=True)
def test_source_shown_in_the_entry(app: SphinxTestApp) -> None:
    app.build()
    page = html(app, "register.html")
    entry = page[page.index('id="person-example"') : page.index('id="event-lock-closing"')]
    source = re.search(r"Source<span class=\"colon\">:</span></dt>\s*<dd[^>]*><p>(.*?)</p>", entry, re.S)
    assert source, "the entry shows its sources"
    assert re.findall(r'href="([^"]+)">([^<]+)</a>', source.group(1)) == [
        ("https://example.org/wiki/Mary_Example", "example.org: Mary_Example"),
        ("https://www.wikidata.org/wiki/Q4115189", "www.wikidata.org: Q4115189"),
    ]


@pytest.mark.sphinx(
    "html", testroot="register", freshenv=True, confoverrides={"studyguide_require_source": True}
)
def test_required_source_warns_for_each_entry_without_one(app: SphinxTestApp) -> None:
    app.build()
    warnings = app.warning.getvalue()
    missing = re.findall(
        r"register.md:\d+: WARNING: (\w+) '([\w-]+)' has no :source: \[studyguide.no-source\]", warnings
    )
    assert sorted(missing) == [
        ("event", "lock-closing"),
        ("event", "toll-rise"),
        ("org", "canal-company"),
        ("place", "dover"),
        ("work", "gazette"),
    ]


@pytest.mark.sphinx("html", testroot="glossary", freshenv=True)
def test_glossary_marker_once_per_page_with_several_mentions(app: SphinxTestApp) -> None:
    """Three mentions on one page (two in one paragraph): one marker, after the first of them."""
    app.build()
    assert app.warning.getvalue() == ""
    marker = re.compile(r'<sup class="sg-gloss sg-apparatus"><a href="glossary.html#term-Canal-Company"')
    page = html(app, "twice.html")
    assert len(marker.findall(page)) == 1
    mentions = [m.start() for m in re.finditer(r"(?:Canal Company|company)</span></a>", page)]
    assert len(mentions) == 3
    where = marker.search(page).start()  # type: ignore[union-attr]
    assert mentions[0] < where < mentions[1]
    assert len(marker.findall(html(app, "once.html"))) == 1  # each page has its own first mention
    assert "sg-gloss" not in page[page.index("Mary Example") : page.index("Mary Example") + 200]
