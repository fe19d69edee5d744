"""The teacher's grader page: the ``grader`` directive and its assets (``grader.js``, ``grader.css``).

The page holds no key and fetches nothing: the teacher chooses the exam keys file a build
wrote outside the site (``exams.py``) and the students' results files, and ``grader.js``
grades them in the browser by the rules of ``grading.py``, ``analysis.py`` and
``classreport.py``. Non-HTML builders show a line saying the grader needs the HTML site.
"""

from __future__ import annotations

from typing import Any, ClassVar, cast

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from studyguide.domain import StudyGuideDomain

GRADER_HTML = (
    '<section class="sg-grader sg-apparatus" aria-label="Grader" hidden>'
    '<p class="sg-grader-step"><label>1. The exam keys file (<code>exam-keys.json</code>, in the '
    "teacher folder a build writes, never on the site): "
    '<input type="file" class="sg-grader-keys" accept=".json,application/json"></label></p>'
    '<p class="sg-grader-step"><label>2. The students\u2019 results files: '
    '<input type="file" class="sg-grader-files" multiple accept=".json,application/json"></label> '
    '<label>or a folder of them: <input type="file" class="sg-grader-folder"></label></p>'
    '<div class="sg-grader-drop">Or drop the keys file and results files or folders here.</div>'
    '<p><label>Quiz: <select class="sg-grader-quiz"></select></label> '
    '<button type="button" class="sg-grader-clear">Start again</button></p>'
    '<p class="sg-grader-status" role="status" aria-live="polite"></p>'
    '<div class="sg-grader-out" hidden>'
    '<p class="sg-grader-downloads">'
    '<button type="button" class="sg-grader-dl-gradebook">Download the gradebook (CSV)</button> '
    '<button type="button" class="sg-grader-dl-items">Download the item analysis (CSV)</button> '
    '<button type="button" class="sg-grader-dl-report">Download the class report (HTML)</button></p>'
    '<h2>Gradebook</h2><div class="sg-gradebook"></div>'
    '<h2>Item analysis</h2><div class="sg-items"></div>'
    '<h2>By piece and by claim</h2><div class="sg-groups"></div>'
    '<h2>Files not graded</h2><p class="sg-skipped-none">None.</p><ul class="sg-skipped"></ul>'
    "</div></section>"
    "<noscript><p>The grader needs JavaScript; without it, grade with "
    "<code>python -m studyguide grade</code>.</p></noscript>"
)
FALLBACK = "The grader works in the HTML version of the site; or grade with: python -m studyguide grade"


class GraderDirective(SphinxDirective):
    """``grader``: the in-browser grader for teachers (no options)."""

    option_spec: ClassVar[dict[str, Any]] = {}

    def run(self) -> list[nodes.Node]:
        domain = cast(StudyGuideDomain, self.env.domains["sg"])
        domain.note_generated(self.env.docname, "grader")
        return [
            nodes.raw("", GRADER_HTML, format="html"),
            nodes.paragraph("", "", nodes.Text(FALLBACK), classes=["sg-grader-fallback", "only-print"]),
        ]


def _assets(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    domain = cast(StudyGuideDomain, app.env.domains["sg"])
    data = domain.docs.get(pagename)
    if data is not None and "grader" in data.generated:
        app.add_css_file("grader.css")
        app.add_js_file("grader.js", defer="defer")


def setup_grader(app: Sphinx) -> None:
    for name in ("grader", "sg:grader"):
        app.add_directive(name, GraderDirective)
    app.connect("html-page-context", _assets)
