"""Cases that used to pass silently now warn, and debate-map's default rows are the topic entries."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp


@pytest.mark.sphinx("html", testroot="quiz-count", freshenv=True)
def test_count_that_drops_a_match_question_warns(app: SphinxTestApp) -> None:
    app.build()
    warnings = app.warning.getvalue()
    assert re.search(
        r"index.md:\d+: WARNING: quiz 'short': :count: 1 leaves out the match question its claims give"
        r".*\[studyguide\.quiz-count\]",
        warnings,
    ), warnings


@pytest.mark.sphinx("html", testroot="quiz-count", freshenv=True)
def test_debate_map_defaults_to_topic_entries(app: SphinxTestApp) -> None:
    app.build()
    html = (Path(app.outdir) / "index.html").read_text("utf-8")
    start = html.index("sg-debate-map")
    table = html[start : html.index("</table>", start)]
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", table, re.S)[1:]
    # the claims' :topics: name a topic (fairs), an event (e1) and a person (dov): only the topic is a row
    labels = [re.sub(r"<[^>]+>", "", r.split("</td>")[0]).strip() for r in rows]
    assert labels == ["Fairs"]


@pytest.mark.sphinx("html", testroot="quiz-count", freshenv=True)
def test_every_looked_up_id_names_its_option_and_the_closest(app: SphinxTestApp) -> None:
    app.build()
    warnings = app.warning.getvalue()
    expected = [
        (r"timeline: :types: names unknown type 'evnt'; did you mean 'event'\?", "bad-option"),
        (r"debate-map: :topics: names unknown id 'fars'; did you mean 'fairs'\?", "unknown-id"),
        (r"'fairs': :term: names no glossary term 'Fiar'; did you mean 'fair'\?", "unknown-id"),
    ]
    for pattern, subtype in expected:
        assert re.search(r"index.md:\d+: WARNING: " + pattern + rf".*\[studyguide\.{subtype}\]", warnings), (
            pattern,
            warnings,
        )
