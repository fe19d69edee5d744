"""Accepted answers spelled out for platforms that compare answers less kindly than the site.

The site folds a typed answer (``answers.normalise_answer``: case, quotes, spacing, end
punctuation, a leading article, hyphens, number words, a final plural ``-s``); Moodle's
short answer compares case-insensitively and nothing more, and Canvas likewise. So an export
lists, after the key's own answers, the common spellings the site would take: without or with
"the", hyphens as spaces or run together, numbers as digits or words, straight quotes, a
plural ``-s`` added or dropped. Every spelling listed folds to one of the key's answers, so an
export never accepts what the site refuses.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

from studyguide.quiz.answers import NUMBER_WORDS, normalise_answer

MAX_VARIANTS = 16  # per question, the key's own answers not counted
_WORDS = {value: word for word, value in NUMBER_WORDS.items()}
_DASH = re.compile(r"\s*[\u2010-\u2015\u2212-]\s*")
_END = ".,;:!?'\"‘’‚‛“”„‟ "
_STRAIGHT = str.maketrans("‘’‚‛“”„‟", "''''\"\"\"\"")
_ARTICLE = re.compile(r"^(?:the|an|a)\s+", re.IGNORECASE)
_NUMBER_WORD = re.compile(
    r"\b(" + "|".join(sorted((re.escape(w) for w in NUMBER_WORDS), key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)


def _transforms() -> list[Callable[[str], str]]:
    """Spelling changes, the likeliest first (a question keeps at most MAX_VARIANTS)."""
    return [
        lambda t: _ARTICLE.sub("", t),
        lambda t: _NUMBER_WORD.sub(lambda m: NUMBER_WORDS[m.group(1).lower()], t),
        lambda t: re.sub(r"\b\d{1,2}\b", lambda m: _WORDS.get(str(int(m.group())), m.group()), t),
        lambda t: _DASH.sub(" ", t),
        lambda t: _DASH.sub("", t),
        lambda t: t.strip(_END),
        lambda t: t.translate(_STRAIGHT),
        lambda t: t[:-1] if t.endswith("s") and not t.endswith("ss") else t + "s",
        lambda t: t if _ARTICLE.match(t) else "the " + t,
    ]


def accepted_variants(answers: Sequence[str], limit: int = MAX_VARIANTS) -> list[str]:
    """The key's answers, then spellings the site also accepts (each folds to one of them)."""
    accepted = {normalise_answer(a) for a in answers if normalise_answer(a)}
    result = list(dict.fromkeys(answers))
    seen = {a.casefold() for a in result}
    frontier: Iterable[str] = result
    extra = 0
    for _round in range(2):  # one change, then two
        found = []
        for text in frontier:
            for transform in _transforms():
                variant = " ".join(transform(text).split())
                if not variant or variant.casefold() in seen or normalise_answer(variant) not in accepted:
                    continue
                seen.add(variant.casefold())
                found.append(variant)
        for variant in found:
            if extra < limit:
                result.append(variant)
                extra += 1
        frontier = found
    return result
