"""Study guides on Sphinx: a register of people and events, tagged claims, generated quizzes."""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"


def setup(app: Any) -> dict[str, Any]:
    from studyguide.assets import setup_assets
    from studyguide.backlinks import setup_backlinks
    from studyguide.charts import setup_charts
    from studyguide.claims import setup_claims
    from studyguide.i18n import setup_i18n
    from studyguide.nodes import setup_nodes
    from studyguide.overviews import setup_overviews
    from studyguide.quiz.directive import setup_quiz
    from studyguide.reading import setup_reading
    from studyguide.register import setup_register
    from studyguide.register_json import setup_register_json
    from studyguide.warnings import setup_warnings

    setup_i18n(app)
    setup_nodes(app)
    setup_register(app)
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
        "env_version": 7,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
