"""The site's own register: every entry cites where its dates and role were checked.

The entries are read from `docs/register/*.md` (the source, not the page under test); the built
site's `register.json` must carry each of them with the same sources, and the site's `conf.py`
must require a source, so that an entry added without one fails `make html`. The sources must
be ones a historian would accept: no scraper copies of Wikipedia, mirrors, shops, pirated-book
sites, trivia sites or blogs (a deny-list of hosts), no raw IP addresses or non-standard ports,
no mobile or old-revision (`oldid=`) Wikipedia addresses.
"""

from __future__ import annotations

import ipaddress
import json
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

DOCS = Path(__file__).resolve().parent.parent / "docs"
ENTRY = re.compile(r"^```\{(person|event|org|place|work|topic)\} ([a-z0-9-]+)\n(.*?)^```", re.M | re.S)


def register_sources() -> dict[str, list[str]]:
    """Each entry of the register pages with the URLs of its `:source:` option ([] if none)."""
    found: dict[str, list[str]] = {}
    for page in sorted((DOCS / "register").glob("*.md")):
        for _kind, entry_id, body in ENTRY.findall(page.read_text("utf-8")):
            line = re.search(r"^:source: (.*)$", body, re.M)
            found[entry_id] = [url.strip() for url in line.group(1).split(";")] if line else []
    return found


def test_every_register_entry_cites_a_source() -> None:
    sources = register_sources()
    assert len(sources) > 60
    assert [entry for entry, urls in sources.items() if not urls] == []
    bad = {
        entry: url for entry, urls in sources.items() for url in urls if not re.match(r"https?://\S+$", url)
    }
    assert bad == {}


def test_the_site_requires_a_source() -> None:
    conf = (DOCS / "conf.py").read_text("utf-8")
    assert re.search(r"^studyguide_require_source = True\b", conf, re.M)


def test_register_json_carries_every_source(site: Path) -> None:
    data = json.loads((site / "register.json").read_text("utf-8"))
    carried = {entry["id"]: entry["sources"] for entry in data["entries"]}
    assert carried == register_sources()


# Hosts whose pages are not sources: scraper copies of Wikipedia, mirrors of marxists.org, shops,
# pirated-book sites, trivia and homework sites, blogs and forums. A host matches itself and its
# subdomains. The canonical article (en.wikipedia.org/wiki/Title, www.marxists.org/...) is cited
# instead.
DENIED_HOSTS = frozenset(
    {
        # copies of Wikipedia
        "wikimili.com",
        "theinfolist.com",
        "piglix.com",
        "wikien4.appspot.com",
        "the-uncensored-wiki.com",
        "primidi.com",
        "liquisearch.com",
        "hubbry.com",
        "trenfo.com",
        "factsnippet.com",
        "aroundus.com",
        "wikipedia-on-ipfs.org",
        "nostalgia.wikipedia.org",
        "en.m.wikipedia.org",
        "wiki-org.ru",
        "amazonaws.com",
        "wikiwand.com",
        "everything.explained.today",
        "knowpia.com",
        "wikizero.net",
        "questionai.com",
        "wikisum.wiki",
        "hmong.ru",
        "academic.ru",
        "fact-index.com",
        "alegsaonline.com",
        "princeton.edu/~achaney",
        # mirrors of marxists.org
        "marxists.info",
        "marxists-malta.org",
        "marxists.catbull.com",
        "marxists.anu.edu.au",
        "marxists.pages.dev",
        "marxistsfr.org",
        # shops and pirated books
        "buchboxberlin.de",
        "loveread.ec",
        "bibliboba.online",
        "fdocuments.es",
        "fdocuments.net",
        "decitre.fr",
        "scribd.com",
        "dokumen.pub",
        "vdoc.pub",
        "sciarium.com",
        # trivia, homework and fact sites
        "bodysize.org",
        "deathpulse.com",
        "factmonster.com",
        "teachervision.com",
        "studymode.com",
        "historydraft.com",
        "kiddle.co",
        "historyinanhour.com",
        "yadcjj.prodejce.cz",
        # blogs, forums and self-publishing
        "blogspot.com",
        "medium.com",
        "sites.google.com",
        "wordpress.com",
        "freeshell.org",
        "realtimehistory.net",
        "anarchistagency.com",
        "critiqueslibres.com",
    }
)


def source_problem(url: str) -> str | None:
    """Why `url` is not an acceptable register source, or None if it is."""
    parts = urlsplit(url)
    host = (parts.hostname or "").rstrip(".").lower()
    if not host:
        return "no host"
    try:
        ipaddress.ip_address(host)
    except ValueError:
        pass
    else:
        return "raw IP address"
    if parts.port is not None:
        return f"non-standard port {parts.port}"
    if "oldid" in parse_qs(parts.query):
        return "old revision (oldid=)"
    for denied in DENIED_HOSTS:
        denied_host, _, denied_path = denied.partition("/")
        on_host = host == denied_host or host.endswith("." + denied_host)
        if on_host and parts.path.startswith("/" + denied_path):
            return f"denied host {denied}"
    return None


@pytest.mark.parametrize(
    "url",
    [
        "https://wikimili.com/en/Kronstadt",
        "http://piglix.com/piglix/Leo_Trotsky",
        "http://marxists.info/history/etol/newspape/ni/index.htm",
        "https://marxists-malta.org/history/etol/newspape/ni/vol04/no08/editors.htm",
        "https://user.bibliboba.online/books/x/p/17",
        "https://ninos.kiddle.co/Menchevismo",
        "https://neodemocracy.blogspot.com/2020/10/review.html",
        "https://www.sites.google.com/site/x/leon-trotsky",
        "http://the-uncensored-wiki.com:20061/s/t/e/Stepan_Petrichenko_c55a.html",
        "http://52.31.62.7/storiadigitale/p/voce/4719/partito",
        "http://ec2-3-131-244-37.us-east-2.compute.amazonaws.com:8888/wikipedia_en_all_maxi_2022-05/A/Free_Territory",
        "http://en.wikipedia.org/wiki/Revolutionary_Insurgent_Army_of_Ukraine?oldid=1124336159&ns=0",
        "http://en.citizendium.org./wiki/index.php?direction=prev&oldid=590773&title=Comintern",
        "https://en.m.wikipedia.org/wiki/Group_of_Democratic_Centralism",
        "http://www.princeton.edu/~achaney/tmve/wiki100k/docs/October_Revolution.html",
    ],
)
def test_the_source_check_rejects_scrapers_mirrors_shops_and_blogs(url: str) -> None:
    assert source_problem(url) is not None


@pytest.mark.parametrize(
    "url",
    [
        "https://en.wikipedia.org/wiki/Kronstadt",
        "https://fi.wikipedia.org/wiki/Stepan_Petrit%C5%A1enko",
        "https://www.marxists.org/history/etol/newspape/ni/index.htm",
        "https://www.wikidata.org/wiki/Q30",
        "https://www.katesharpleylibrary.net/w0vvjp",
        "https://www.princeton.edu/history/",
    ],
)
def test_the_source_check_accepts_canonical_references(url: str) -> None:
    assert source_problem(url) is None


def test_no_register_source_is_a_scraper_mirror_shop_or_blog() -> None:
    bad = {
        f"{entry}: {url}": problem
        for entry, urls in register_sources().items()
        for url in urls
        if (problem := source_problem(url))
    }
    assert bad == {}
