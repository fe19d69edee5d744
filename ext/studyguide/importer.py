"""Convert a plain-text source into one MyST page per piece.

The importer is deliberately free of Sphinx imports: it reads text, builds a
small document model, and writes Markdown.  It recognises the shapes found in
plain-text transcriptions of periodical articles:

* a header (author line, title line) before the first paragraph;
* pieces introduced by a short heading line after a gap of two or more blank lines;
* numbered points (``1. ...``) as ordered lists, with unnumbered paragraphs
  continuing the point before them;
* long quotations: a paragraph after a lead-in ending with a colon inside a
  numbered point, plus any paragraph named with ``--quote PREFIX``;
* datelines (``Paris, 31 October 1938``) and signatures (a short last line);
* footnote markers ``[N]`` and a run of numbered footnotes after a gap;
* a source note marked ``1*.`` (or ``*``), which goes to the front matter.

Every word of the source is kept; only markup is added.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

MANIFEST_NAME = ".import-manifest.json"
FRONT_NAME = "front.md"

_NUMBERED = re.compile(r"^(\d+)\.\s+")
_SOURCE_NOTE = re.compile(r"^(?:\d+\*|\*)\.?\s+")
_MARKER = re.compile(r"\[(\d+)\]")
_DATELINE = re.compile(
    r"^[A-Z][\w .'’-]{0,40},\s+(?:\d{1,2}\s+[A-Z][a-z]+|[A-Z][a-z]+\s+\d{1,2},?)\s+\d{4}\.?$"
)
_SHORT = 80


class ImportError_(Exception):
    """A source that cannot be converted; the message is meant for the user."""


@dataclass
class Block:
    """One paragraph of the source and what it is."""

    text: str
    kind: str = "para"  # para, item, quote, dateline, signature
    number: int | None = None  # for items
    in_item: bool = False  # a paragraph or quote continuing a numbered point


@dataclass
class Piece:
    title: str
    slug: str
    blocks: list[Block] = field(default_factory=list)
    footnotes: dict[int, str] = field(default_factory=dict)


@dataclass
class Source:
    author: str | None
    title: str | None
    note: str | None
    pieces: list[Piece]


def _paragraphs(text: str) -> list[tuple[int, str]]:
    """Split text into (blank lines before, paragraph) pairs; wrapped lines are joined."""
    result: list[tuple[int, str]] = []
    gap = 0
    current: list[str] = []
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.strip()
        if line:
            current.append(line)
            continue
        if current:
            result.append((gap, " ".join(current)))
            current = []
            gap = 0
        gap += 1
    if current:
        result.append((gap, " ".join(current)))
    if result:
        result[0] = (2, result[0][1])  # the start of the text counts as a section break
    return result


def _is_short(text: str) -> bool:
    return len(text) <= _SHORT and not text.endswith((".", ",", ":", ";", "?", "!", "…"))


def slugify(title: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    return slug or "piece"


def parse(text: str, *, first_title: str | None = None, quotes: Sequence[str] = ()) -> Source:
    """Parse a plain-text source into its pieces."""
    paras = _paragraphs(text)
    if not paras:
        raise ImportError_("the source is empty")

    # Header: up to two short lines at the top that do not open a piece.
    header: list[str] = []
    while len(paras) > 1 and len(header) < 2 and _is_short(paras[0][1]):
        after = paras[1]
        if after[0] < 2 and not _is_short(after[1]):
            break  # a heading followed by its first paragraph
        header.append(paras.pop(0)[1])
    author, title = (header[0], header[1]) if len(header) == 2 else (None, header[0] if header else None)

    markers = {int(m) for _, p in paras for m in _MARKER.findall(p)}
    note: str | None = None
    pieces: list[Piece] = []
    footnotes: dict[int, str] = {}
    footnote_run = False
    current: Piece | None = None

    for index, (gap, para) in enumerate(paras):
        if _SOURCE_NOTE.match(para):
            note = _SOURCE_NOTE.sub("", para, count=1)
            footnote_run = False
            continue
        numbered = _NUMBERED.match(para)
        if numbered:
            number = int(numbered.group(1))
            starts_run = gap >= 2 and number in markers and number not in footnotes
            if starts_run or (footnote_run and gap < 2 and number in markers):
                footnotes[number] = para[numbered.end() :]
                footnote_run = True
                continue
        footnote_run = False
        following = paras[index + 1] if index + 1 < len(paras) else None
        is_heading = (
            gap >= 2
            and _is_short(para)
            and not _DATELINE.match(para)
            and following is not None
            and following[0] < 2
        )
        if is_heading:
            current = Piece(title=para, slug=slugify(para))
            pieces.append(current)
            continue
        if current is None:
            name = first_title or title or "Part 1"
            current = Piece(title=name, slug=slugify(name))
            pieces.append(current)
        current.blocks.append(Block(text=para))

    pieces = [p for p in pieces if p.blocks]
    if not pieces or sum(len(p.blocks) for p in pieces) < 2:
        raise ImportError_("no pieces were recognised in the source")

    for piece in pieces:
        _classify(piece, quotes)
        text_of_piece = " ".join(b.text for b in piece.blocks)
        for number in sorted(footnotes):
            if f"[{number}]" in text_of_piece:
                piece.footnotes[number] = footnotes[number]
    orphans = set(footnotes) - {n for p in pieces for n in p.footnotes}
    if orphans:
        raise ImportError_(f"footnotes without a marker in any piece: {sorted(orphans)}")
    slugs = [p.slug for p in pieces]
    if len(set(slugs)) != len(slugs):
        raise ImportError_(f"two pieces share a title: {slugs}")
    return Source(author=author, title=title, note=note, pieces=pieces)


def _classify(piece: Piece, quotes: Sequence[str]) -> None:
    blocks = piece.blocks
    in_item = False
    lead_in = False
    for position, block in enumerate(blocks):
        is_last = position == len(blocks) - 1
        numbered = _NUMBERED.match(block.text)
        if _DATELINE.match(block.text):
            block.kind, in_item = "dateline", False
        elif is_last and position > 0 and len(block.text) <= 40 and _is_short(block.text.rstrip(".")):
            block.kind, in_item = "signature", False
        elif numbered:
            block.kind, block.number = "item", int(numbered.group(1))
            block.text = block.text[numbered.end() :]
            in_item = True
        elif lead_in or any(block.text.startswith(q) for q in quotes):
            block.kind, block.in_item = "quote", in_item
        else:
            block.in_item = in_item
        lead_in = in_item and block.kind in ("item", "para") and block.text.endswith(":")


_ESCAPE = re.compile(r"([\\`*_<])")
_LINE_START = re.compile(r"^([#>+=|~:-]|\d+[.)]\s)")
_ENTITY = re.compile(r"&(?=#?\w+;)")


def escape(text: str, footnotes: Sequence[int] = ()) -> str:
    """Escape what MyST would read as markup; turn known markers into footnote references."""
    text = _ESCAPE.sub(r"\\\1", text)
    text = _ENTITY.sub(r"\\&", text)
    text = re.sub(r"\[(?=[^\]]*\]\s*[(\[:])", r"\\[", text)
    text = _LINE_START.sub(lambda m: "\\" + m.group(1), text)

    def marker(match: re.Match[str]) -> str:
        number = int(match.group(1))
        return f"[^{number}]" if number in footnotes else match.group(0)

    return _MARKER.sub(marker, text)


def render_piece(piece: Piece) -> str:
    notes = sorted(piece.footnotes)
    out: list[str] = [f"({piece.slug})=", f"# {escape(piece.title)}", ""]
    for block in piece.blocks:
        body = escape(block.text, notes)
        indent = "   " if block.in_item else ""
        if block.kind == "item":
            out += [f"{block.number}. {body}", ""]
        elif block.kind == "quote":
            out += [f"{indent}> {body}", ""]
        elif block.kind == "dateline":
            out += ["{.dateline}", body, ""]
        elif block.kind == "signature":
            out += ["{.signature}", body, ""]
        else:
            out += [f"{indent}{body}", ""]
    # Consecutive quote paragraphs become one block quote.
    text = "\n".join(out)
    text = re.sub(r"(^( *)> .*\n)\n(?=\2> )", r"\1\2>\n", text, flags=re.M)
    text = text.rstrip("\n") + "\n\n"
    for number in notes:
        text += f"[^{number}]: {escape(piece.footnotes[number], notes)}\n\n"
    return text.rstrip("\n") + "\n"


def render_front(source: Source) -> str:
    out: list[str] = []
    if source.author:
        out += ["{.source-author}", escape(source.author), ""]
    if source.title:
        out += ["{.source-title}", escape(source.title), ""]
    if source.note:
        out += ["{.source-note}", escape(source.note), ""]
    return "\n".join(out).rstrip("\n") + "\n"


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def plan(source: Source) -> dict[str, str]:
    """File name -> content for every file the import writes."""
    files = {FRONT_NAME: render_front(source)}
    for piece in source.pieces:
        files[f"{piece.slug}.md"] = render_piece(piece)
    return files


def write(files: dict[str, str], out: Path, *, force: bool = False) -> list[Path]:
    """Write the pages, refusing to overwrite a page edited since the last import."""
    manifest_path = out / MANIFEST_NAME
    manifest: dict[str, str] = {}
    if manifest_path.exists():
        try:
            manifest = json.loads(manifest_path.read_text("utf-8")).get("files", {})
        except (ValueError, AttributeError):
            manifest = {}
    if not force:
        edited = []
        for name in files:
            target = out / name
            if target.exists() and manifest.get(name) != _digest(target.read_text("utf-8")):
                edited.append(name)
        if edited:
            raise ImportError_(
                "these pages were edited since the last import (or were not written by it): "
                + ", ".join(sorted(edited))
                + "; use --force to overwrite them"
            )
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, content in files.items():
        target = out / name
        target.write_text(content, "utf-8")
        manifest[name] = _digest(content)
        written.append(target)
    manifest_path.write_text(json.dumps({"files": manifest}, indent=2, sort_keys=True) + "\n", "utf-8")
    return written
