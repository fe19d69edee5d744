"""Convert a plain-text source into one MyST page per piece, and say what was understood.

The importer is deliberately free of Sphinx imports: it reads text, builds a small
document model (front matter, pieces of blocks, footnotes), renders Markdown, and
writes it only inside the output folder.  It owns the layout rules (what is a
heading, a quotation, a dateline, a signature, a footnote), the escaping of
everything MyST would read as syntax, the report of what went where, and the
configuration that settles ambiguous layouts.  It recognises:

* a front block before the first piece: author and title lines, ``by X`` lines,
  ``Title:``/``Author:`` lines, and a source-metadata block ("First published: ...",
  "Source: ...", "Transcription: ...") kept as metadata, never a piece;
* piece headings: ``# Title`` (Markdown-like), capitalised lines (``LETTER I.``),
  and short lines after a gap of two blank lines, on one to three lines;
* numbered points ``1.`` and ``1)`` (lists) and ``(a)`` (kept as text in the point);
* quotations: ``>`` lines, indented blocks, a paragraph after a lead-in ending with
  a colon inside a numbered point, and any paragraph named with ``--quote PREFIX``;
* correspondence: datelines (``12 Abbey Terrace, 12 March 1906``), signature blocks
  of several lines (valediction, name, title, address, date), a postscript;
* footnotes: markers ``[N]``, ``[^N]``, ``*``; notes ``N. text`` (after a gap or a
  ``Notes`` heading), ``[N] text``, ``[^N]: text``, ``Note N. text``, ``* text``;
  a note ``1*.`` (or an unmarked ``*`` note) is the source note of the front page;
* CRLF line ends, tabs and a byte-order mark.

Every word of the source is kept; only markup is added.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import os
import re
import tempfile
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

MANIFEST_NAME = ".import-manifest.json"
FRONT_NAME = "front.md"
RESERVED = {"front", "index", "register", "quizzes", "exam", "teachers", "conf"}

_NUMBERED = re.compile(r"^(\d{1,4})([.)])\s+")
_LETTERED = re.compile(r"^\(([a-z]|[ivx]{1,4})\)\s+")
_SOURCE_NOTE = re.compile(r"^(?:\d{1,4}\*|\*)\.?\s+")
_MARKER = re.compile(r"(?<!\])\[(\^?)(\d{1,3})\]")
_STAR_MARKER = re.compile(r"(?<=[\w.,;:!?’”\"')\]])(\*{1,3}|†|‡)(?=[\s.,;:!?)’”\"]|$)")
_EMPHASIS = re.compile(r"(?<![\w\\])\*\w")
_STAR_NOTE = re.compile(r"^(\*{1,3}|†|‡)\s+")
_NOTE_FORMS = [
    re.compile(r"^\[\^(\d{1,4})\]:\s*"),  # [^1]: text
    re.compile(r"^\[(\d{1,4})\]:?\s+"),  # [1] text
    re.compile(r"^Note\s+(\d{1,4})[.:]\s+", re.IGNORECASE),  # Note 1. text
]
_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
_DATE = rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTHS})\.?,?|(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?)\s+\d{{4}}"
_DATELINE = re.compile(rf"^(?:[\w][\w .,'’-]{{0,60}},\s+)?{_DATE}\.?$")
_POSTSCRIPT = re.compile(r"^(?:P\.\s?P\.\s?S\.|P\.\s?S\.|PS[.:]|Postscript[.:])", re.IGNORECASE)
_PG_MARKER = re.compile(r"^\*{3}\s*(START|END) OF (THE|THIS) PROJECT GUTENBERG", re.IGNORECASE)
_SALUTATION = re.compile(r"^To the Editors?\b", re.IGNORECASE)
_BYLINE = re.compile(r"^by\s+\S", re.IGNORECASE)
_KEY_LINE = re.compile(r"^([A-Z][A-Za-z -]{1,30}):\s*(.*)$")
METADATA_KEYS = {
    "first published",
    "published",
    "source",
    "transcription",
    "transcribed",
    "transcription/markup",
    "translated",
    "translation",
    "written",
    "delivered",
    "html markup",
    "markup",
    "proofread",
    "proofed",
    "copyleft",
    "public domain",
    "online version",
    "original source",
    "release date",
    "language",
    "credits",
    "title",
    "author",
}
NOTES_HEADINGS = {"notes", "footnotes", "endnotes", "references"}
_SHORT = 80

CONFIG_KEYS = {
    "first-title": "title of a first piece that has no heading of its own",
    "quotes": "paragraphs starting with one of these are long quotations",
    "headings": "lines that are piece headings whatever their layout",
    "not-headings": "lines that are never headings",
    "heading-gap": "blank lines needed before a plain short heading (default 2)",
    "multi-line-headings": '"subtitle" (default: the first line is the title) or "join"',
    "header": 'the order of plain front lines: "author-title" (default for two lines) or "title-author"',
    "metadata-keys": "more 'Key:' names of a source-metadata block",
}


class ImportError_(Exception):
    """A source that cannot be converted; the message is meant for the user."""


@dataclass
class Config:
    first_title: str | None = None
    quotes: list[str] = field(default_factory=list)
    headings: list[str] = field(default_factory=list)
    not_headings: list[str] = field(default_factory=list)
    heading_gap: int = 2
    multi_line_headings: str = "subtitle"
    header: str = ""
    metadata_keys: list[str] = field(default_factory=list)


def _did_you_mean(name: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(name, sorted(known), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def config_from_mapping(data: Any, where: str, base: Config | None = None) -> Config:
    """A Config from a TOML table; unknown keys and wrong types are errors naming the key."""
    config = base or Config()
    if not isinstance(data, dict):
        raise ImportError_(f"{where}: the import settings must be a table")
    for key, value in data.items():
        if key not in CONFIG_KEYS:
            raise ImportError_(f"{where}: unknown setting {key!r}{_did_you_mean(key, CONFIG_KEYS)}")
        attr = key.replace("-", "_")
        current = getattr(config, attr)
        if isinstance(current, list):
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ImportError_(f"{where}: {key} must be a list of strings")
            setattr(config, attr, list(value))
        elif attr == "heading_gap":
            if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 9:
                raise ImportError_(f"{where}: heading-gap must be a whole number from 1 to 9")
            config.heading_gap = value
        else:
            if not isinstance(value, str):
                raise ImportError_(f"{where}: {key} must be a string")
            setattr(config, attr, value)
    if config.multi_line_headings not in ("subtitle", "join"):
        raise ImportError_(f'{where}: multi-line-headings must be "subtitle" or "join"')
    if config.header not in ("", "author-title", "title-author"):
        raise ImportError_(f'{where}: header must be "author-title" or "title-author"')
    return config


def find_config(source: Path, explicit: Path | None = None) -> tuple[Config, str | None]:
    """The settings for a source: --config FILE, else SOURCE-STEM.import.toml or a pyproject.toml beside it."""
    candidates: list[tuple[Path, bool]] = []
    if explicit is not None:
        candidates.append((explicit, False))
    else:
        candidates.append((source.with_name(source.stem + ".import.toml"), False))
        candidates.append((source.with_name("pyproject.toml"), True))
    for path, in_pyproject in candidates:
        if explicit is None and not path.is_file():
            continue
        try:
            data = tomllib.loads(path.read_text("utf-8"))
        except FileNotFoundError:
            raise ImportError_(f"no such settings file: {path}") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise ImportError_(f"cannot read {path}: {exc}") from None
        except tomllib.TOMLDecodeError as exc:
            raise ImportError_(f"{path} is not valid TOML: {exc}") from None
        if in_pyproject:
            table = data.get("tool", {})
            table = table.get("studyguide", {}) if isinstance(table, dict) else {}
            table = table.get("import") if isinstance(table, dict) else None
            if table is None:
                continue
            return config_from_mapping(table, f"{path} [tool.studyguide.import]"), str(path)
        return config_from_mapping(data.get("import", data), str(path)), str(path)
    return Config(), None


# --------------------------------------------------------------------------- model


@dataclass
class Block:
    """One paragraph of the source and what it is."""

    text: str
    kind: str = "para"  # para, item, quote, dateline, signature, postscript, subheading
    number: int | None = None  # for items
    in_item: bool = False  # a paragraph or quote continuing a numbered point
    lines: list[str] = field(default_factory=list)  # a signature's lines
    line: int = 0  # where it starts in the source
    delimiter: str = "."  # of a numbered point
    italic: bool = False  # a dateline written in _underscores_ or *stars*


@dataclass
class Piece:
    title: str
    slug: str
    blocks: list[Block] = field(default_factory=list)
    footnotes: dict[int, str] = field(default_factory=dict)
    star_notes: dict[str, str] = field(default_factory=dict)  # label -> text, for * notes
    caret_notes: set[int] = field(default_factory=set)  # numbers whose markers are written [^N]
    notes_heading: str | None = None  # a "Notes" heading of the source, shown above the notes
    subtitle: str | None = None
    line: int = 0
    heading_source: str = ""


@dataclass
class Source:
    author: str | None
    title: str | None
    note: str | None
    pieces: list[Piece]
    subtitles: list[str] = field(default_factory=list)
    metadata: list[str] = field(default_factory=list)
    front_lines: list[str] = field(default_factory=list)
    notes_heading: str | None = None
    report: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass
class _Note:
    label: str  # a number, or '*' + the symbol
    text: str
    line: int
    where: Piece | None  # the piece it sits in
    original: str  # the whole paragraph, kept if the note has no marker


@dataclass
class _Raw:
    lines: list[str]  # with indentation, tabs expanded
    gap: int  # blank lines before
    line: int  # 1-based line number of the first line
    quoted: bool = False  # from '>' lines
    indented: bool = False

    @property
    def text(self) -> str:
        return " ".join(line.strip() for line in self.lines)


def _normalise(text: str) -> tuple[list[str], list[str]]:
    notes: list[str] = []
    if text.startswith("\ufeff"):
        text = text[1:]
        notes.append("byte-order mark removed")
    if "\r" in text:
        notes.append("CRLF line ends read" if "\r\n" in text else "CR line ends read")
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\t" in text:
        notes.append("tabs read as spaces")
    lines = [line.expandtabs(4).rstrip() for line in text.split("\n")]
    return lines, notes


def _blocks(lines: list[str]) -> list[_Raw]:
    result: list[_Raw] = []
    gap = 2  # the start of the text counts as a section break
    current: list[str] = []
    start = 0
    for number, line in enumerate(lines, 1):
        if line.strip():
            if not current:
                start = number
            current.append(line)
            continue
        if current:
            result.append(_Raw(current, gap, start))
            current, gap = [], 0
        gap += 1
    if current:
        result.append(_Raw(current, gap, start))
    split: list[_Raw] = []
    for raw in result:
        split.extend(_split_block(raw))
    return split


def _split_block(raw: _Raw) -> list[_Raw]:
    """A '#' heading line or a run of '>' lines inside a block is a block of its own."""
    parts: list[_Raw] = []
    current: list[str] = []
    current_quoted = False
    start = raw.line
    for offset, line in enumerate(raw.lines):
        stripped = line.strip()
        is_heading = bool(re.match(r"#{1,6}\s+\S", stripped))
        quoted = stripped.startswith(">")
        is_point = bool(_NUMBERED.match(stripped) or _LETTERED.match(stripped)) and not quoted
        if current and (is_heading or quoted != current_quoted or is_point):
            parts.append(_Raw(current, raw.gap if not parts else 0, start, quoted=current_quoted))
            current = []
            start = raw.line + offset
        if is_heading:
            parts.append(_Raw([line], raw.gap if not parts else 0, raw.line + offset))
            start = raw.line + offset + 1
            continue
        current_quoted = quoted
        current.append(re.sub(r"^\s*>\s?", "", line) if quoted else line)
    if current:
        parts.append(_Raw(current, raw.gap if not parts else 0, start, quoted=current_quoted))
    return parts


def _is_short(text: str) -> bool:
    return len(text) <= _SHORT and not text.endswith((".", ",", ":", ";", "?", "!", "…"))


def _is_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return (
        len(letters) >= 2
        and all(c.isupper() for c in letters)
        and len(text) <= 60
        and not text.endswith((",", ";", ":"))
    )


def _md_heading(raw: _Raw) -> tuple[int, str] | None:
    if len(raw.lines) != 1:
        return None
    match = re.match(r"^(#{1,6})\s+(.*?)(?:\s+#+)?$", raw.lines[0].strip())
    return (len(match.group(1)), match.group(2)) if match else None


def _is_notes_heading(text: str) -> bool:
    return text.strip().lower().rstrip(":") in NOTES_HEADINGS


def _is_dateline(text: str) -> bool:
    return bool(_DATELINE.match(text.strip("_*").strip()))


def _is_metadata(raw: _Raw, keys: set[str]) -> bool:
    if all(_PG_MARKER.match(line.strip()) for line in raw.lines):
        return True
    found = False
    for line in raw.lines:
        match = _KEY_LINE.match(line.strip())
        if match and match.group(1).strip().lower() in keys:
            found = True
        elif not found:
            return False  # continuation lines are allowed after a key line
    return found


def slugify(title: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    if len(slug) > 48:
        slug = slug[:48].rsplit("-", 1)[0]
    return slug or "piece"


def _quote(text: str, width: int = 60) -> str:
    return repr(text if len(text) <= width else text[: width - 1] + "…")


class _Parser:
    def __init__(self, text: str, config: Config) -> None:
        self.config = config
        lines, self.notes = _normalise(text)
        self.raws = _blocks(lines)
        self.keys = METADATA_KEYS | {k.lower() for k in config.metadata_keys}
        self.forced = {h.strip() for h in config.headings}
        self.never = {h.strip() for h in config.not_headings}
        self.warnings: list[str] = []
        self.report: list[str] = []
        self.note_report: list[str] = []
        bodies = [r for r in self.raws if len(r.lines) > 1 or len(r.text) > _SHORT]
        indents = [len(r.lines[0]) - len(r.lines[0].lstrip()) for r in bodies]
        self.first_indent = max(set(indents), key=indents.count) if indents else 0
        for raw in self.raws:
            indents_of = [len(line) - len(line.lstrip()) for line in raw.lines]
            rest = indents_of[1:] or indents_of
            raw.indented = min(rest) >= 2 and (len(raw.lines) > 1 or indents_of[0] > self.first_indent)

    # what a block looks like, in isolation
    def heading_kind(self, index: int) -> str | None:
        """'md', 'caps', 'plain' or 'forced' if the block could open a piece, else None."""
        raw = self.raws[index]
        text = raw.text
        if text in self.never or raw.quoted or raw.indented:
            return None
        if text in self.forced:
            return "forced"
        md = _md_heading(raw)
        if md:
            return None if _is_notes_heading(md[1]) else "md"
        if len(raw.lines) > 3 or _is_dateline(text) or _BYLINE.match(text) or _is_notes_heading(text):
            return None
        if _NUMBERED.match(text) or _SOURCE_NOTE.match(text) or _POSTSCRIPT.match(text):
            return None
        if _is_metadata(raw, self.keys):
            return None
        following = self.raws[index + 1] if index + 1 < len(self.raws) else None
        if following is None:
            return None
        previous = self.raws[index - 1].text if index > 0 else ""
        if (
            _is_caps(raw.lines[0].strip())
            and all(len(line.strip()) <= 60 for line in raw.lines)
            and not previous.endswith(",")
            and not (len(following.lines) == 1 and _is_caps(following.text))
            and not _md_heading(following)
        ):
            return "caps"
        if not self.is_body(index + 1):
            return None
        if (
            raw.gap >= self.config.heading_gap
            and all(_is_short(line.strip()) for line in raw.lines)
            and following.gap < 2
        ):
            return "plain"
        return None

    def is_body(self, index: int) -> bool:
        """A block of running text (not a heading, metadata, or a lone short line)."""
        raw = self.raws[index]
        text = raw.text
        if _md_heading(raw) or text in self.forced or _is_metadata(raw, self.keys):
            return False
        return not (len(raw.lines) == 1 and _is_short(text) and not _NUMBERED.match(text))

    def warn(self, line: int, message: str) -> None:
        self.warnings.append(f"line {line}: {message}")

    def parse(self) -> Source:
        if not self.raws:
            raise ImportError_("the source is empty")
        kinds = [self.heading_kind(i) for i in range(len(self.raws))]
        front_end = 0
        while front_end < len(self.raws) and kinds[front_end] is None and not self.is_body(front_end):
            raw = self.raws[front_end]
            if _SOURCE_NOTE.match(raw.text) or _NUMBERED.match(raw.text):
                break
            front_end += 1
        # A Markdown-like level-1 title over level-2 pieces belongs to the front.
        levels = [h[0] for r in self.raws if (h := _md_heading(r))]
        if levels and levels.count(1) == 1 and max(levels) > 1 and front_end < len(self.raws):
            first = _md_heading(self.raws[front_end])
            if first is not None and first[0] == 1:
                front_end += 1
        body_levels = [
            h[0] for r in self.raws[front_end:] if (h := _md_heading(r)) and not _is_notes_heading(h[1])
        ]
        top_level = min(body_levels, default=1)
        source = self.front(self.raws[:front_end])
        self.body(front_end, kinds, top_level, source)
        return source

    def front(self, raws: list[_Raw]) -> Source:
        author = title = None
        metadata: list[str] = []
        plain: list[str] = []
        for raw in raws:
            heading = _md_heading(raw)
            text = heading[1] if heading else raw.text
            if _is_metadata(raw, self.keys):
                for line in raw.lines:
                    match = _KEY_LINE.match(line.strip())
                    key = match.group(1).strip().lower() if match else ""
                    if key == "title" and match and title is None:
                        title = match.group(2)
                    elif key == "author" and match and author is None:
                        author = match.group(2)
                    metadata.append(line.strip())
                self.report.append(
                    f"line {raw.line}: source metadata ({len(raw.lines)} lines) -> {FRONT_NAME}"
                )
            elif _BYLINE.match(text) and author is None:
                author = text
            else:
                plain.append(text)
        header = self.config.header or ("author-title" if len(plain) == 2 else "")
        if header == "author-title" and len(plain) >= 2 and author is None and title is None:
            author, title, plain = plain[0], plain[1], plain[2:]
        else:
            if title is None and plain:
                title, plain = plain[0], plain[1:]
            if author is None and header == "title-author" and plain:
                author, plain = plain[0], plain[1:]
        if title:
            self.report.append(f"title {_quote(title)} -> {FRONT_NAME}")
        if author:
            self.report.append(f"author {_quote(author)} -> {FRONT_NAME}")
        for line in plain:
            self.report.append(f"front line {_quote(line)} -> {FRONT_NAME}")
        return Source(author=author, title=title, note=None, pieces=[], subtitles=plain, metadata=metadata)

    def body(self, start: int, kinds: list[str | None], top_level: int, source: Source) -> None:
        pieces: list[Piece] = []
        current: Piece | None = None
        notes: list[_Note] = []
        in_notes = False
        footnote_run = False
        markers = {
            m.group(1) + m.group(2) for r in self.raws for m in _MARKER.finditer(r.text) if m.start() > 0
        }
        stars = sum(len(_STAR_MARKER.findall(r.text)) for r in self.raws if not _EMPHASIS.search(r.text))

        def open_piece(title: str, line: int, subtitle: str | None = None, how: str = "") -> Piece:
            piece = Piece(title=title, slug=slugify(title), subtitle=subtitle, line=line, heading_source=how)
            pieces.append(piece)
            return piece

        for index in range(start, len(self.raws)):
            raw = self.raws[index]
            text = raw.text
            kind = kinds[index]
            md = _md_heading(raw)
            if _is_notes_heading(md[1] if md else text) and len(raw.lines) == 1:
                in_notes = True
                heading = md[1] if md else text
                target = current if current is not None else None
                if target is None:
                    self.warn(raw.line, f"{_quote(heading)} heading before any piece: kept as a paragraph")
                else:
                    target.notes_heading = heading
                    self.report.append(
                        f"line {raw.line}: {_quote(heading)} heading: the notes follow; the heading stays, "
                        f"above the notes of {target.slug}.md"
                    )
                if target is None:
                    in_notes = False
                else:
                    continue
                continue
            if md and md[0] > top_level and current is not None and kind != "forced":
                current.blocks.append(Block(text=md[1], kind="subheading", line=raw.line))
                continue
            if kind is not None:
                in_notes = footnote_run = False
                title = md[1] if md else raw.lines[0].strip()
                subtitle = None
                if len(raw.lines) > 1:
                    rest = " ".join(line.strip() for line in raw.lines[1:])
                    if self.config.multi_line_headings == "join":
                        title = text
                    else:
                        subtitle = rest
                how = {
                    "md": "a '#' heading",
                    "caps": "a capitalised line",
                    "plain": "a short line after a gap",
                }
                current = open_piece(
                    title, raw.line, subtitle, how.get(kind, "a heading named in the settings")
                )
                continue
            if _PG_MARKER.match(text):
                source.metadata.append(text)
                self.report.append(f"line {raw.line}: {_quote(text, 40)} -> {FRONT_NAME} (source metadata)")
                continue
            # footnotes
            label, body = self.note_of(raw, in_notes, footnote_run, markers, notes, stars)
            if label is not None:
                notes.append(_Note(label, body, raw.line, current, text))
                footnote_run = True
                continue
            if _SOURCE_NOTE.match(text):
                note = _SOURCE_NOTE.sub("", text, count=1)
                source.note = note if source.note is None else source.note + " " + note
                self.report.append(f"line {raw.line}: source note -> {FRONT_NAME}")
                footnote_run = False
                continue
            if in_notes and notes:
                notes[-1].text += " " + text
                notes[-1].original += " " + text
                continue
            footnote_run = False
            if current is None:
                name = self.config.first_title or source.title
                if not name:
                    name = "Text"
                    self.warn(
                        raw.line,
                        "the first piece has no heading and the source no title: named 'Text' "
                        "(set first-title)",
                    )
                current = open_piece(
                    name,
                    raw.line,
                    how="no heading: "
                    + (
                        "first-title"
                        if self.config.first_title
                        else "the source's title"
                        if source.title
                        else "a default"
                    ),
                )
            self.inside_paragraph_headings(raw)
            if _SALUTATION.match(text) and any(_SALUTATION.match(b.text) for b in current.blocks):
                self.warn(
                    raw.line,
                    f"a second {_quote(text, 30)} in {_quote(current.title)}: a new letter? Give it a heading, "
                    "or list a line under headings",
                )
            block = Block(text=text, line=raw.line, lines=[line.strip() for line in raw.lines])
            if raw.quoted or raw.indented:
                block.kind = "quote"
            current.blocks.append(block)

        for piece in pieces:
            if not piece.blocks:
                self.warn(piece.line, f"the piece {_quote(piece.title)} has a heading and no text")
        if not any(p.blocks for p in pieces):
            raise ImportError_("no pieces were recognised in the source")
        for piece in pieces:
            _classify(piece, self.config.quotes)
        _unique_slugs(pieces)
        self.attach_notes(pieces, notes)
        source.pieces = pieces

    def note_of(
        self,
        raw: _Raw,
        in_notes: bool,
        run: bool,
        markers: set[str],
        notes: list[_Note],
        stars: int,
    ) -> tuple[str | None, str]:
        text = raw.text
        for form in _NOTE_FORMS:
            match = form.match(text)
            caret = "^" if form is _NOTE_FORMS[0] else ""
            if match and (in_notes or caret + match.group(1) in markers or caret):
                return caret + match.group(1), text[match.end() :]
        star = _STAR_NOTE.match(text)
        bullets = len(raw.lines) > 1 and re.search(r"\n\s*\*\s", "\n".join(raw.lines))
        stars_left = stars > sum(1 for n in notes if not n.label.isdigit())
        if star and not bullets and (stars_left or in_notes):
            return "*" + star.group(1), text[star.end() :]
        numbered = _NUMBERED.match(text)
        if numbered and numbered.group(2) == ".":
            number = numbered.group(1)
            taken = {n.label for n in notes}
            if (
                in_notes
                or (raw.gap >= 2 and number in markers and number not in taken)
                or (run and raw.gap < 2 and number in markers)
            ):
                return number, text[numbered.end() :]
        return None, ""

    def inside_paragraph_headings(self, raw: _Raw) -> None:
        if len(raw.lines) < 2 or raw.quoted or raw.indented:
            return
        for offset, line in enumerate(raw.lines):
            stripped = line.strip()
            if _is_caps(stripped) and len(stripped) >= 4 and not _is_dateline(stripped):
                nxt = raw.lines[offset + 1].strip() if offset + 1 < len(raw.lines) else ""
                if nxt and not _is_caps(nxt):
                    self.warn(
                        raw.line + offset,
                        f"a heading-like line inside a paragraph: {_quote(stripped)} "
                        "(kept as text; put a blank line after it, or list it under headings)",
                    )
                    return

    def attach_notes(self, pieces: list[Piece], notes: list[_Note]) -> None:
        marked: dict[str, list[Piece]] = {}
        star_order: list[tuple[Piece, str]] = []
        for piece in pieces:
            for block in piece.blocks:
                for match in _MARKER.finditer(block.text):
                    key = match.group(1) + match.group(2)
                    if piece not in marked.setdefault(key, []):
                        marked[key].append(piece)
                star_order += [(piece, symbol) for symbol in _star_markers(block.text)]
        star_index = 0
        for note in notes:
            if note.label.startswith("*"):
                symbol = note.label[1:]
                while star_index < len(star_order) and star_order[star_index][1] != symbol:
                    star_index += 1
                if star_index < len(star_order):
                    piece = star_order[star_index][0]
                    key = f"n{len(piece.star_notes) + 1}"
                    piece.star_notes[key] = note.text
                    self.note_report.append(f"line {note.line}: footnote {symbol} -> {piece.slug}.md")
                    star_index += 1
                    continue
            else:
                number = int(note.label.lstrip("^"))
                candidates = [p for p in marked.get(note.label, []) if number not in p.footnotes]
                if note.where in candidates:
                    candidates.remove(note.where)
                    candidates.insert(0, note.where)
                if candidates:
                    piece = candidates[0]
                    piece.footnotes[number] = note.text
                    piece.caret_notes |= {number} if note.label.startswith("^") else set()
                    self.note_report.append(f"line {note.line}: footnote {note.label} -> {piece.slug}.md")
                    continue
            # A note with no marker: kept, whole, as a paragraph where it stood, and a warning.
            piece = note.where if note.where in pieces else pieces[-1]
            piece.blocks.append(Block(text=note.original, line=note.line, lines=[note.original]))
            self.warn(
                note.line,
                f"a note with no marker ({note.label.lstrip('*') or note.label}): "
                f"kept as a paragraph at the end of {piece.slug}.md",
            )
        for label, pieces_with in marked.items():
            for piece in pieces_with:
                number = int(label.lstrip("^"))
                if number not in piece.footnotes or (number in piece.caret_notes) != label.startswith("^"):
                    self.warn(
                        piece.line, f"footnote marker [{label}] in {piece.slug}.md has no note (kept as text)"
                    )
        noted = sum(len(p.star_notes) for p in pieces)
        if noted and len(star_order) > noted:
            self.warn(0, f"{len(star_order) - noted} '*' footnote marker(s) have no note (kept as text)")


def _star_markers(text: str) -> list[str]:
    """The '*' (or dagger) footnote markers of a paragraph, unless it uses '*' for emphasis."""
    if _EMPHASIS.search(text):
        return []
    return [m.group(1) for m in _STAR_MARKER.finditer(text)]


def _unique_slugs(pieces: list[Piece]) -> None:
    taken = set(RESERVED)
    titles = [p.title for p in pieces]
    for piece in pieces:
        if piece.subtitle and titles.count(piece.title) > 1:
            # Two pieces under one heading line (a paper's running head): the second line tells them apart.
            piece.title, piece.subtitle = f"{piece.title}: {piece.subtitle}", None
            piece.slug = slugify(piece.title)
        base = piece.slug
        slug, n = base, 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        piece.slug = slug
        taken.add(slug)


def parse(
    text: str,
    *,
    first_title: str | None = None,
    quotes: Sequence[str] = (),
    config: Config | None = None,
) -> Source:
    """Parse a plain-text source into its pieces; the report and warnings are on the result."""
    config = config or Config()
    if first_title:
        config.first_title = first_title
    if quotes:
        config.quotes = [*config.quotes, *quotes]
    parser = _Parser(text, config)
    source = parser.parse()
    source.report = parser.notes + parser.report + _piece_report(source) + parser.note_report
    source.warnings = parser.warnings
    return source


def _piece_report(source: Source) -> list[str]:
    lines: list[str] = []
    for number, piece in enumerate(source.pieces, 1):
        counts: dict[str, int] = {}
        for block in piece.blocks:
            counts[block.kind] = counts.get(block.kind, 0) + 1
        paragraphs = sum(counts.values())
        lettered = sum(1 for b in piece.blocks if b.kind == "para" and _LETTERED.match(b.text))
        extra = ", ".join(
            [f"{n} {k}" for k, n in sorted(counts.items()) if k != "para"]
            + ([f"{lettered} lettered points, kept as text"] if lettered else [])
        )
        subtitle = f" / {_quote(piece.subtitle)}" if piece.subtitle else ""
        lines.append(
            f"piece {number}: {_quote(piece.title)}{subtitle} (line {piece.line}, {piece.heading_source}) -> "
            f"{piece.slug}.md: {paragraphs} paragraphs" + (f" ({extra})" if extra else "")
        )
        for block in piece.blocks:
            if block.kind in ("quote", "dateline", "signature", "postscript"):
                what = " / ".join(block.lines) if block.kind == "signature" else block.text
                lines.append(f"  line {block.line}: {block.kind} {_quote(what)} -> {piece.slug}.md")
    return lines


def _classify(piece: Piece, quotes: Sequence[str]) -> None:
    blocks = piece.blocks
    in_item = False
    lead_in = False
    # The closing block: the last one that is not a postscript or a dateline.
    closing = len(blocks) - 1
    while closing > 0 and (_POSTSCRIPT.match(blocks[closing].text) or _is_dateline(blocks[closing].text)):
        closing -= 1
    postscript = False
    for position, block in enumerate(blocks):
        if block.kind == "subheading":
            in_item = lead_in = False
            continue
        numbered = _NUMBERED.match(block.text)
        if postscript or (_POSTSCRIPT.match(block.text) and position > 0):
            block.kind, in_item, postscript = "postscript", False, True
        elif block.kind == "quote":
            block.in_item = in_item
        elif _is_dateline(block.text):
            block.kind, in_item = "dateline", False
            wrapped = re.fullmatch(r"([_*])(.+)\1", block.text)
            if wrapped:  # an italic dateline: the emphasis is markup, not text
                block.text, block.italic = wrapped.group(2).strip(), True
        elif position == closing and position > 0 and _is_signature(block):
            block.kind, in_item = "signature", False
            if len(block.lines) > 1 and _is_dateline(block.lines[-1]):
                date = block.lines.pop()
                blocks.insert(
                    position + 1, Block(text=date, kind="dateline", line=block.line + len(block.lines))
                )
                block.text = " ".join(block.lines)
        elif numbered:
            block.kind, block.number = "item", int(numbered.group(1))
            block.delimiter = numbered.group(2)
            block.text = block.text[numbered.end() :]
            in_item = True
        elif lead_in or any(block.text.startswith(q) for q in quotes):
            block.kind, block.in_item = "quote", in_item
        else:
            block.in_item = in_item
        lead_in = in_item and block.kind in ("item", "para") and block.text.endswith(":")


def _is_signature(block: Block) -> bool:
    if len(block.lines) <= 1:
        return len(block.text) <= 40 and _is_short(block.text.rstrip("."))
    return (
        len(block.lines) <= 7
        and all(len(line) <= 60 for line in block.lines)
        and not any(line.endswith((".", "?", "!")) and len(line) > 40 for line in block.lines)
    )


# --------------------------------------------------------------------------- escaping

_ESCAPE = re.compile(r"([\\`*_<$])")
_LINE_START = re.compile(r"^(?:([#>+=|~:%{-])|(\d+)([.)])(?=\s|$)|(\()(?=[^)]*\)=))")
_ENTITY = re.compile(r"&(?=#?\w+;)")


def _escape_brackets(text: str) -> str:
    """Escape a '[' that MyST could read as a link, reference, attribute span or footnote; linear time."""
    n = len(text)
    # risky[i]: the ']' at i is followed (after spaces) by '(' '[' ':' or '{'
    next_close = [n] * (n + 1)
    risky_close = [False] * n
    following = ""
    for i in range(n - 1, -1, -1):
        next_close[i] = i if text[i] == "]" else next_close[i + 1]
        char = text[i]
        if char == "]":
            risky_close[i] = following in "([:{" and following != ""
        if not char.isspace():
            following = char
    out: list[str] = []
    for i, char in enumerate(text):
        if char == "[" and not (i > 0 and text[i - 1] == "\\"):
            close = next_close[i + 1] if i + 1 <= n else n
            nxt = text[i + 1] if i + 1 < n else ""
            if nxt == "^" or (close < n and risky_close[close]):
                out.append("\\")
        out.append(char)
    return "".join(out)


_REFERENCE = re.compile(
    r"(?<!\])\[(\^?)(\d{1,3})\]|(?<=[\w.,;:!?’”\"')\]])(\*{1,3}|†|‡)(?=[\s.,;:!?)’”\"]|$)"
)


def _escape_plain(text: str, at_line_start: bool) -> str:
    text = _ESCAPE.sub(r"\\\1", text)
    text = _ENTITY.sub(r"\\&", text)
    text = _escape_brackets(text)
    if at_line_start:
        text = _LINE_START.sub(_line_start, text, count=1)
    return text


def escape(
    text: str, footnotes: Sequence[int] = (), stars: list[str] | None = None, carets: Iterable[int] = ()
) -> str:
    """Escape what MyST would read as markup; turn known markers into footnote references.

    ``stars`` is the queue of labels for ``*`` markers, consumed in order (shared across a page's blocks).
    """
    caret_set = {str(n) for n in carets}
    known = {("^" if str(n) in caret_set else "") + str(n) for n in footnotes}
    out: list[str] = []
    position = 0
    for match in _REFERENCE.finditer(text):
        if match.group(2) is not None:
            if match.group(1) + match.group(2) not in known:
                continue
            label = match.group(2)
        else:
            if not stars:
                continue
            label = stars.pop(0)
        out.append(_escape_plain(text[position : match.start()], position == 0))
        out.append(f"[^{label}]")
        position = match.end()
    out.append(_escape_plain(text[position:], position == 0))
    return "".join(out)


def _line_start(match: re.Match[str]) -> str:
    if match.group(1):
        return "\\" + match.group(1)
    if match.group(2):
        return match.group(2) + "\\" + match.group(3)
    return "\\("


def _escape_lines(lines: Sequence[str], notes: Sequence[int]) -> list[str]:
    return [escape(line, notes) for line in lines]


# --------------------------------------------------------------------------- rendering


def render_piece(piece: Piece) -> str:
    notes = sorted(piece.footnotes)
    stars = list(piece.star_notes)
    out: list[str] = [f"({piece.slug})=", f"# {escape(piece.title)}", ""]
    if piece.subtitle:
        out += ["{.subtitle}", escape(piece.subtitle), ""]
    for block in piece.blocks:
        body = escape(block.text, notes, None if _EMPHASIS.search(block.text) else stars, piece.caret_notes)
        indent = "   " if block.in_item else ""
        if block.kind == "item":
            out += [f"{block.number}{block.delimiter} {body}", ""]
        elif block.kind == "quote":
            out += [f"{indent}> {body}", ""]
        elif block.kind == "dateline":
            out += ["{.dateline}", f"*{body}*" if block.italic else body, ""]
        elif block.kind == "signature":
            if len(block.lines) > 1:
                lines = _escape_lines(block.lines, notes)
                out += ["{.signature}", *[line + "\\" for line in lines[:-1]], lines[-1], ""]
            else:
                out += ["{.signature}", body, ""]
        elif block.kind == "postscript":
            out += ["{.postscript}", body, ""]
        elif block.kind == "subheading":
            out += [f"## {body}", ""]
        else:
            out += [f"{indent}{body}", ""]
    # Consecutive quote paragraphs become one block quote.
    text = "\n".join(out)
    text = re.sub(r"(^( *)> .*\n)\n(?=\2> )", r"\1\2>\n", text, flags=re.M)
    text = text.rstrip("\n") + "\n\n"
    if piece.notes_heading:
        text += f":::{{rubric}} {escape(piece.notes_heading)}\n:::\n\n"
    for number in notes:
        text += f"[^{number}]: {escape(piece.footnotes[number], notes)}\n\n"
    for label, note in piece.star_notes.items():
        text += f"[^{label}]: {escape(note, notes)}\n\n"
    return text.rstrip("\n") + "\n"


def render_front(source: Source) -> str:
    out: list[str] = []
    if source.author:
        out += ["{.source-author}", escape(source.author), ""]
    if source.title:
        out += ["{.source-title}", escape(source.title), ""]
    for line in source.subtitles:
        out += ["{.source-subtitle}", escape(line), ""]
    if source.metadata:
        lines = [escape(line) for line in source.metadata]
        out += ["{.source-meta}", *[line + "\\" for line in lines[:-1]], lines[-1], ""]
    if source.note:
        out += ["{.source-note}", escape(source.note), ""]
    return "\n".join(out).rstrip("\n") + "\n"


def _digest(text: str | bytes) -> str:
    return hashlib.sha256(text.encode("utf-8") if isinstance(text, str) else text).hexdigest()


def plan(source: Source) -> dict[str, str]:
    """File name -> content for every file the import writes."""
    files = {FRONT_NAME: render_front(source)}
    for piece in source.pieces:
        name = f"{piece.slug}.md"
        if name in files:  # _unique_slugs makes this impossible; never overwrite one page with another
            raise ImportError_(f"two pieces would both be written to {name}")
        files[name] = render_piece(piece)
    return files


# --------------------------------------------------------------------------- writing


def _inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root)
    except ValueError:
        return False
    return True


def check_out(out: Path) -> Path:
    """The resolved output folder, or an ImportError_ saying why it cannot be one."""
    if out.exists() and not out.is_dir():
        raise ImportError_(f"--out {out} is not a folder")
    parent = out
    while not parent.exists():
        parent = parent.parent
    if not parent.is_dir():
        raise ImportError_(f"--out {out}: {parent} is not a folder")
    return out.resolve()


def write(files: dict[str, str], out: Path, *, force: bool = False, dry_run: bool = False) -> list[Path]:
    """Write the pages, refusing to overwrite a page edited since the last import.

    Every check is made before anything is written; nothing is written outside ``out``
    (a page or manifest that is a symbolic link is refused, even with ``force``).
    """
    root = check_out(out)
    manifest_path = out / MANIFEST_NAME
    manifest: dict[str, str] = {}
    for name in [*files, MANIFEST_NAME]:
        target = out / name
        if target.is_symlink() or (target.exists() and not _inside(target, root)):
            raise ImportError_(f"{target} is a symbolic link; the import writes only real files inside --out")
        if target.exists() and not target.is_file():
            raise ImportError_(f"{target} exists and is not a file")
    if manifest_path.is_file():
        try:
            loaded = json.loads(manifest_path.read_bytes().decode("utf-8")).get("files", {})
        except (ValueError, AttributeError, OSError):
            loaded = {}
        if isinstance(loaded, dict):
            manifest = {k: v for k, v in loaded.items() if isinstance(k, str) and isinstance(v, str)}
    if not force:
        edited = []
        for name in files:
            target = out / name
            if target.exists():
                try:
                    digest = _digest(target.read_bytes())
                except OSError:
                    digest = ""
                if manifest.get(name) != digest:
                    edited.append(name)
        if edited:
            raise ImportError_(
                "these pages were edited since the last import (or were not written by it): "
                + ", ".join(sorted(edited))
                + "; use --force to overwrite them"
            )
    if dry_run:
        return []
    try:
        out.mkdir(parents=True, exist_ok=True)
        written = []
        for name, content in files.items():
            target = out / name
            _write_atomically(target, content)
            manifest[name] = _digest(content)
            written.append(target)
        _write_atomically(manifest_path, json.dumps({"files": manifest}, indent=2, sort_keys=True) + "\n")
    except OSError as exc:
        raise ImportError_(f"cannot write in {out}: {exc.strerror or exc}") from None
    return written


def _write_atomically(target: Path, content: str) -> None:
    handle, temp = tempfile.mkstemp(dir=target.parent, prefix=".import-", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(content)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
