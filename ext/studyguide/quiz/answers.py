"""How a typed answer is compared with the accepted ones: one specification, pure Python.

``quiz.js`` implements the same folding for the browser (a test runs both over the same
cases).  Folded away: Unicode form, case, typographic quotes, spacing, end punctuation, a leading article,
hyphens and dashes, a plural ``-s`` at the end, and number words up to
ninety-nine (so "eighteen" and "18" are one answer).
"""

from __future__ import annotations

import functools
import re
import unicodedata

_UNITS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
NUMBER_WORDS: dict[str, str] = {word: str(value) for value, word in enumerate(_UNITS)}
for _i, _tens in enumerate(_TENS):
    _base = 20 + 10 * _i
    NUMBER_WORDS[_tens] = str(_base)
    for _j, _unit in enumerate(_UNITS[1:10], start=1):
        NUMBER_WORDS[f"{_tens} {_unit}"] = str(_base + _j)

_DASHES = re.compile(r"[\u2010-\u2015\u2212-]")
_QUOTES = str.maketrans("‘’‚‛“”„‟", "''''\"\"\"\"")
_NUMBER_PHRASE = re.compile(
    r"\b(" + "|".join(sorted((re.escape(w) for w in NUMBER_WORDS), key=len, reverse=True)) + r")\b"
)


def normalise_answer(text: str) -> str:
    """The folded form of an answer: two answers are the same when their forms are equal."""
    return _normalise(str(text))


@functools.lru_cache(maxsize=1 << 13)
def _normalise(text: str) -> str:
    """``normalise_answer`` of a string, kept (generation folds the same texts many times)."""
    text = unicodedata.normalize("NFKC", str(text)).translate(_QUOTES).lower()
    text = re.sub(r"\s+", " ", text).strip().strip(".,;:!?'\"").strip()
    text = re.sub(r"^(?:the|an|a) ", "", text)  # "the Cheka" is "Cheka"
    text = _DASHES.sub(" ", text)  # "re-writing" and "18–19": dashes and hyphens are spaces...
    text = re.sub(r"\s+", " ", text).strip()
    text = _NUMBER_PHRASE.sub(lambda m: NUMBER_WORDS[m.group(1)], text)
    return _singular(text.replace(" ", ""))  # ...and then go, with the spaces: "re writing" is "rewriting"


def _singular(word: str) -> str:
    """A plural -s dropped (both sides are folded alike, so "thus" -> "thu" does no harm)."""
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word
