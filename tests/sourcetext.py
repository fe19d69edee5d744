"""An independent reading of a project's MyST source: claims, their blanks and options, register entries.

The tests judge the generated quizzes against what the author wrote, so this module reads the
markup with its own small parser and never imports the extension. It understands what the
test roots and docs/ use: claim directives (``:::{claim} id`` with options, and a body for a
block claim), inline claims (``[words]{.claim #id}`` and ``{claim}`words <id>```), blanks
(``{blank}`term``` and ``[term]{.blank}``), roles (``{person}`words <id>```) and register
directives (```` ```{person} id ```` with ``:name:``, ``:short:``, ``:variants:``, ``:role:``,
``:start:``), and the voice model's claim options (``:speaker:``, ``:holder:``, ``:shared-by:``,
``:kind:``, ``:paraphrase:``, ``:false:``, ``:accept:``), as docs/reference/markup.md defines them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

KINDS = ("person", "event", "org", "place", "work", "topic")
_FENCE = re.compile(r"^(?P<fence>:{3,}|`{3,})\{(?:sg:)?(?P<name>[\w-]+)\}\s*(?P<arg>\S*)\s*$")
_OPTION = re.compile(r"^:(?P<key>[\w-]+):\s*(?P<value>.*)$")
_ROLE = re.compile(r"\{(?:sg:)?(?P<role>[\w-]+)\}(?P<ticks>`+)(?P<body>.*?)(?P=ticks)", re.S)
_TITLED = re.compile(r"^(?P<title>.*?)\s*<(?P<target>[^<>]+)>$", re.S)


def normalise(text: str) -> str:
    """For comparing words: NFC, straight quotes, one space, no end punctuation, no case."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\u2018", "'").replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"')
    text = " ".join(text.split()).strip().strip("\"'").strip()
    return text.rstrip(" .,;:!?").casefold()


@dataclass
class Entry:
    id: str
    kind: str
    name: str = ""
    short: str = ""
    role: str = ""
    start: str = ""
    variants: tuple[str, ...] = ()
    text_role: str = ""  # the role as the text gives it (`:text-role:`)

    @property
    def voice_name(self) -> str:
        """The name a voice has among the choices of a who-question: its short name."""
        return self.short or self.name


@dataclass
class Claim:
    id: str
    page: str
    raw: str = ""  # the marked words as written
    options: dict[str, str] = field(default_factory=dict)
    default_holder: str = ""

    @property
    def speaker(self) -> str:
        """Whose words: :speaker:, or the page's sg-holder."""
        return self.options.get("speaker", "") or self.default_holder

    @property
    def holder(self) -> str:
        """Whose view: :holder:, or the speaker."""
        return self.options.get("holder", "") or self.speaker

    @property
    def kind(self) -> str:
        return self.options.get("kind", "") or "view"

    @property
    def paraphrase(self) -> str:
        """The true statement of a true/false question."""
        return self.options.get("paraphrase", "")

    def shared_by(self) -> list[str]:
        return split(self.options.get("shared-by", ""))

    def false(self) -> list[str]:
        return split(self.options.get("false", ""))

    def accept(self) -> list[str]:
        return split(self.options.get("accept", ""))

    def wrong(self) -> list[str]:
        return split(self.options.get("wrong", ""))


@dataclass
class Source:
    claims: dict[str, Claim]
    entries: dict[str, Entry]

    def plain(self, markup: str) -> str:
        """Marked-up words as a reader sees them: roles by their words, no brackets or attributes."""
        text = markup

        def role(match: re.Match[str]) -> str:
            body = self.plain(match.group("body")) if "{" in match.group("body") else match.group("body")
            titled = _TITLED.match(body)
            if titled:
                return titled.group("title")
            entry = self.entries.get(body.strip())
            if match.group("role") in KINDS and entry is not None:
                return entry.short or entry.name
            return body

        for _ in range(4):  # roles nest (a blank in a claim role)
            text = _ROLE.sub(role, text)
        text = re.sub(r"\[\^[\w-]+\]", "", text)  # footnote references
        for _ in range(4):
            text = re.sub(r"\[([^\[\]]*)\]\{[^{}]*\}", r"\1", text)
        return re.sub(r"\\(.)", r"\1", text)

    def blanks(self, claim: Claim) -> list[str]:
        """The words marked as the blank inside a claim's words."""
        found = [m.group("body") for m in _ROLE.finditer(claim.raw) if m.group("role") == "blank"]
        for end in [m.start() for m in re.finditer(r"\]\{\.blank\}", claim.raw)]:
            found.append(claim.raw[_open_bracket(claim.raw, end) + 1 : end])
        return [self.plain(b) for b in found]

    def text(self, claim: Claim) -> str:
        return " ".join(self.plain(claim.raw).split())


def split(value: str) -> list[str]:
    return [part.strip() for part in value.split(";") if part.strip()]


def _open_bracket(text: str, close: int) -> int:
    """The index of the "[" that the "]" at `close` ends."""
    depth = 0
    for i in range(close - 1, -1, -1):
        if text[i] == "]":
            depth += 1
        elif text[i] == "[":
            if depth == 0:
                return i
            depth -= 1
    raise ValueError(f"no opening bracket for the one at {close}")


def _front_matter(text: str) -> dict[str, str]:
    match = re.match(r"---\n(.*?)\n---\n", text, re.S)
    if not match:
        return {}
    pairs = (line.split(":", 1) for line in match.group(1).splitlines() if ":" in line)
    return {k.strip(): v.strip() for k, v in pairs}


def _blocks(lines: list[str]) -> list[tuple[str, str, dict[str, str], str]]:
    """Directive blocks: (name, argument, options, body), nested ones included."""
    found = []
    i = 0
    while i < len(lines):
        start = _FENCE.match(lines[i].strip())
        if not start:
            i += 1
            continue
        fence = start.group("fence")
        j = i + 1
        options: dict[str, str] = {}
        while j < len(lines) and (option := _OPTION.match(lines[j].strip())):
            options[option.group("key")] = option.group("value").strip()
            j += 1
        body_start = j
        while j < len(lines) and lines[j].strip() != fence:
            j += 1
        body = "\n".join(line.strip() for line in lines[body_start:j]).strip()
        found.append((start.group("name"), start.group("arg"), options, body))
        found += _blocks(lines[body_start:j])
        i = j + 1
    return found


def read(srcdir: Path) -> Source:
    claims: dict[str, Claim] = {}
    entries: dict[str, Entry] = {}
    pages = {
        p.relative_to(srcdir).with_suffix("").as_posix(): p.read_text("utf-8") for p in srcdir.rglob("*.md")
    }
    pages = {name: text for name, text in pages.items() if not name.startswith("_build")}
    for page, text in sorted(pages.items()):
        holder = _front_matter(text).get("sg-holder", "")
        for name, arg, options, body in _blocks(text.splitlines()):
            if name == "claim":
                claims[arg] = Claim(arg, page, body, options, holder)
            elif name in KINDS:
                entries[arg] = Entry(
                    arg,
                    name,
                    options.get("name", ""),
                    options.get("short", ""),
                    options.get("role", ""),
                    options.get("start", ""),
                    tuple(split(options.get("variants", ""))),
                    " ".join(options.get("text-role", "").split()),
                )
        for end in re.finditer(r"\]\{\.claim #(?P<id>[\w-]+)\}", text):
            claim = claims.setdefault(end.group("id"), Claim(end.group("id"), page, default_holder=holder))
            claim.raw = text[_open_bracket(text, end.start()) + 1 : end.start()]
        for role in _ROLE.finditer(text):
            titled = _TITLED.match(role.group("body"))
            if role.group("role") == "claim" and titled:
                ident = titled.group("target").strip()
                claim = claims.setdefault(ident, Claim(ident, page, default_holder=holder))
                claim.raw = titled.group("title")
    return Source(claims, entries)
