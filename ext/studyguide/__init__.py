"""Study guides on Sphinx: a register of people and events, tagged claims, generated quizzes.

Owns ``setup``, which wires every module into Sphinx.  The modules import only downward:

- leaves: ``warnings``, ``i18n``, ``dates``, ``syntax``, ``nodes``; pure quiz modules
  (``quiz.answers``, ``quiz.generate``, ``quiz.quality``, ``quiz.exam``, ``quiz.results``,
  ``quiz.grading``, ``quiz.analysis``, ``quiz.classreport``, ``quiz.variants``, ``quiz.keyfacts``);
- ``domain`` (the data every page contributes);
- ``core`` (one walk per phase, fingerprints, per-build caches);
- features: ``register``, ``claims``, ``backlinks``, ``glossary``, ``register_json``, then
  ``quiz.directive`` < ``quiz.render`` < ``quiz.export`` < ``quiz.moodle_xml``, ``quiz.anki``,
  ``quiz.passages`` < ``quiz.exams`` < ``quiz.report``, ``quiz.coverage``, ``quiz.grader_page``
  < ``quiz.setup``, ``charts`` (the timeline chart, the debate map's cells) < ``overviews``
  (which reads ``quiz.directive``), and ``reading`` (a piece's quiz link);
- ``assets`` (scripts, stylesheets, meta description, page weight);
- this ``setup``.  ``tests/test_imports.py`` fails on any import cycle.

The commands stand apart, with no Sphinx imports: ``importer`` (text to MyST pages) <
``scaffold`` (a new project) < ``__main__``.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"


def setup(app: Any) -> dict[str, Any]:
    from studyguide.assets import setup_assets
    from studyguide.backlinks import setup_backlinks
    from studyguide.charts import setup_charts
    from studyguide.claims import setup_claims
    from studyguide.core import setup_core
    from studyguide.glossary import setup_glossary
    from studyguide.i18n import setup_i18n
    from studyguide.nodes import setup_nodes
    from studyguide.overviews import setup_overviews
    from studyguide.quiz.setup import setup_quiz
    from studyguide.reading import setup_reading
    from studyguide.register import setup_register
    from studyguide.register_json import setup_register_json
    from studyguide.warnings import setup_warnings

    setup_i18n(app)
    setup_nodes(app)
    setup_core(app)
    setup_register(app)
    setup_glossary(app)
    setup_backlinks(app)
    setup_register_json(app)
    setup_claims(app)
    setup_quiz(app)
    setup_overviews(app)
    setup_charts(app)
    setup_reading(app)
    setup_assets(app)
    setup_warnings(app)
    return {
        "version": __version__,
        "env_version": 8,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
