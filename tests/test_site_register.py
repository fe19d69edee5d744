"""The site's own register: every entry cites where its dates and role were checked.

The entries are read from `docs/register/*.md` (the source, not the page under test); the built
site's `register.json` must carry each of them with the same sources, and the site's `conf.py`
must require a source, so that an entry added without one fails `make html`.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

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
