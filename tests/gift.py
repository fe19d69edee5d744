"""A small parser for Moodle's GIFT format, strict enough to catch malformed exports.

GIFT (https://docs.moodle.org/en/GIFT_format): questions separated by blank lines;
``// comment`` lines; ``$CATEGORY:`` lines; ``::title::`` then the question text, then an
answer block in braces.  ``~ = # { } :`` are escaped with a backslash in text.

As Moodle does, a text that starts with ``[html]``, ``[moodle]``, ``[plain]`` or ``[markdown]``
has that format (the prefix is not part of the text; ``formats`` lists every one met), and
an answer that starts with ``%number%`` has that weight (listed in ``weights``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_SPECIAL = "~=#{}:"


class GiftError(ValueError):
    pass


@dataclass
class GiftQuestion:
    title: str
    text: str
    kind: str  # truefalse, shortanswer, multichoice, matching
    right: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)
    pairs: list[tuple[str, str]] = field(default_factory=list)
    feedback: str = ""
    formats: list[str] = field(default_factory=list)
    weights: list[str] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)  # "[id:...]" of its comment lines (Moodle 3.6+)
    tags: list[str] = field(default_factory=list)  # "[tag:...]" of its comment lines (Moodle 3.6+)


_FORMAT = re.compile(r"^\[(html|moodle|plain|markdown)\]")
_WEIGHT = re.compile(r"^%-*([0-9]{1,2})\.?([0-9]*)%")


def _format(text: str, formats: list[str]) -> str:
    """Moodle's reading of a leading [format]: noted, and cut from the text."""
    match = _FORMAT.match(text)
    if match:
        formats.append(match.group(1))
        return text[match.end() :]
    return text


def _split_unescaped(text: str, char: str) -> int:
    i = 0
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text[i] == char:
            return i
        i += 1
    return -1


def _check_text(text: str, what: str) -> str:
    i = 0
    while i < len(text):
        if text[i] == "\\":
            if i + 1 >= len(text) or text[i + 1] not in _SPECIAL + "\\n":
                raise GiftError(f"bad escape in {what}: {text!r}")
            i += 2
            continue
        if text[i] in "{}~=#":
            raise GiftError(f"unescaped {text[i]!r} in {what}: {text!r}")
        i += 1
    return re.sub(r"\\(.)", r"\1", text).strip()


def _tokens(block: str) -> list[str]:
    """Split an answer block at unescaped ~ and = (keeping the marker)."""
    tokens: list[str] = []
    current = ""
    i = 0
    while i < len(block):
        c = block[i]
        if c == "\\":
            current += block[i : i + 2]
            i += 2
            continue
        if c in "~=" and not (c == "=" and block[i - 1 : i] == "-"):
            if current.strip():
                tokens.append(current)
            current = c
        else:
            current += c
        i += 1
    if current.strip():
        tokens.append(current)
    return tokens


def parse_question(chunk: str) -> GiftQuestion:
    match = re.match(r"^::(.*?)::(.*)$", chunk, re.DOTALL)
    if not match:
        raise GiftError(f"no ::title:: in {chunk[:60]!r}")
    title, rest = match.group(1), match.group(2)
    start = _split_unescaped(rest, "{")
    if start < 0:
        raise GiftError(f"no answer block in {title!r}")
    end = _split_unescaped(rest[start + 1 :], "}")
    if end < 0:
        raise GiftError(f"unclosed answer block in {title!r}")
    formats: list[str] = []
    text = _format(_check_text(rest[:start], f"question {title}"), formats)
    after = rest[start + 1 + end + 1 :]
    if after.strip():
        _check_text(after, f"text after answers of {title}")
    block = rest[start + 1 : start + 1 + end]
    feedback = ""
    general = block.find("####")
    if general >= 0:
        feedback = _format(_check_text(block[general + 4 :], f"feedback of {title}"), formats)
        block = block[:general]
    stripped = block.strip()
    if stripped in ("TRUE", "FALSE", "T", "F"):
        return GiftQuestion(title, text, "truefalse", right=[stripped], feedback=feedback, formats=formats)
    tokens = _tokens(block)
    if not tokens:
        raise GiftError(f"empty answer block in {title!r}")
    question = GiftQuestion(title, text, "multichoice", feedback=feedback, formats=formats)
    for token in tokens:
        marker, body = token[0], token[1:].strip()
        weight = _WEIGHT.match(body)
        if weight:
            question.weights.append(weight.group())
            body = body[weight.end() :]
        if marker not in "~=":
            raise GiftError(f"answer without = or ~ in {title!r}: {token!r}")
        # as Moodle: a block with a "~" is multiple choice, where "->" is only text
        arrow = body.find("->") if _split_unescaped(block, "~") < 0 else -1
        if arrow >= 0:
            question.pairs.append(
                (_format(_check_text(body[:arrow], title), formats), _check_text(body[arrow + 2 :], title))
            )
            continue
        value = _format(
            _check_text(body.split("#", 1)[0] if _split_unescaped(body, "#") >= 0 else body, title), formats
        )
        if not value:
            raise GiftError(f"empty answer in {title!r}")
        (question.right if marker == "=" else question.wrong).append(value)
    if question.pairs:
        if question.right or question.wrong or len(question.pairs) < 3:
            raise GiftError(f"a matching question needs three or more pairs only: {title!r}")
        question.kind = "matching"
    elif not question.right:
        raise GiftError(f"no right answer in {title!r}")
    elif not question.wrong:
        question.kind = "shortanswer"
    return question


def parse(document: str) -> list[GiftQuestion]:
    """Questions as Moodle reads them: split at blank lines, comment lines kept apart."""
    questions = []
    for chunk in re.split(r"\n\s*\n", document):
        lines = chunk.split("\n")
        comments = [line.strip() for line in lines if line.strip().startswith("//")]
        body = "\n".join(line for line in lines if not line.strip().startswith(("//", "$CATEGORY:"))).strip()
        if not body:
            continue
        question = parse_question(body)
        question.ids = [m for c in comments for m in re.findall(r"\[id:([^\]]*)\]", c)]
        question.tags = [m for c in comments for m in re.findall(r"\[tag:([^\]]*)\]", c)]
        questions.append(question)
    return questions
