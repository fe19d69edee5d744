"""Translation: every string the extension writes onto a page goes through its own catalog.

The catalog template is ``locale/studyguide.pot``; a language's catalog lives in
``locale/<lang>/LC_MESSAGES/studyguide.po`` (and its compiled ``.mo``).
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.locale import get_translation

MESSAGE_CATALOG = "studyguide"
LOCALE_DIR = Path(__file__).parent / "locale"

_ = get_translation(MESSAGE_CATALOG)


def setup_i18n(app: Sphinx) -> None:
    app.add_message_catalog(MESSAGE_CATALOG, str(LOCALE_DIR))
