"""Students' results files, read so that no file can break grading.

Every check a file can fail raises :class:`Rejected` with a reason in words; the caller
names the file and goes on with the next. What is checked, in order: that the path is a
regular file (not a FIFO, a device, a folder), at most :data:`MAX_BYTES` long, UTF-8 (a
byte-order mark is allowed), nested no deeper than :data:`MAX_DEPTH` (counted before
parsing, so no recursion can blow up), valid JSON, and of the results format and version
this grader reads, with fields of the right types. Names are normalised
(:func:`normalise_name`) so that two spellings of one name are one student.
"""

from __future__ import annotations

import json
import os
import re
import stat
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from studyguide.quiz.exam import RESULTS_FORMAT, RESULTS_VERSION

MAX_BYTES = 1_000_000
MAX_DEPTH = 32
MAX_NAME = 200
MAX_ANSWER = 2_000
_INVISIBLE = ("Cc", "Cf", "Cs", "Co", "Cn")  # controls, zero-width/bidi formats, lone surrogates, ...
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)


class Rejected(ValueError):
    """A file that cannot be graded; the message says why, without naming the file."""


@dataclass(frozen=True)
class Results:
    """A results file that passed every check."""

    path: Path
    quiz: str
    exam_version: str
    student: str  # normalised
    answers: dict[str, list[str]]


def clean_text(text: str) -> str:
    """Text without invisible characters: controls, zero-width and bidi marks, lone surrogates.

    Whitespace of any kind (tabs, line breaks, no-break spaces) becomes one space.
    """
    text = re.sub(r"\s+", " ", text)
    return "".join(c for c in text if unicodedata.category(c) not in _INVISIBLE)


def shown(path: Path | str) -> str:
    """A file's name safe to print on one line: invisible characters and undecodable bytes escaped."""
    return "".join(
        c if c.isprintable() else f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}"
        for c in str(path)
    )


def normalise_name(name: str) -> str:
    """A student's name as graded: invisible characters removed, NFC, spaces collapsed."""
    return " ".join(unicodedata.normalize("NFC", clean_text(name)).split())


def find_results(folder: Path) -> list[Path]:
    """Every ``*.json`` (any case) under ``folder``, in sub-folders too, sorted.

    Symlinked folders are not followed (no loops); what a file is gets checked on reading.
    """
    found: list[Path] = []

    def walk(here: str) -> Iterator[Path]:
        for root, dirs, files in os.walk(here, onerror=lambda _e: None, followlinks=False):
            dirs.sort()
            for name in files:
                if name.lower().endswith(".json"):
                    yield Path(root, name)
            # a symlink to a folder is listed among dirs and not walked: name it as a file
            for name in dirs:
                if name.lower().endswith(".json") and os.path.islink(os.path.join(root, name)):
                    yield Path(root, name)

    found.extend(walk(str(folder)))
    return sorted(found)


def read_bytes(path: Path, limit: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; never blocks on a FIFO."""
    try:
        info = os.stat(path)
    except OSError as exc:
        raise Rejected(f"cannot be read ({exc.strerror or exc})") from exc
    _check_kind(info)
    if info.st_size > limit:
        raise Rejected(f"is larger than {_size(limit)} ({_size(info.st_size)})")
    try:
        # O_NONBLOCK: if the file was swapped for a FIFO since stat, open does not wait for a writer
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise Rejected(f"cannot be read ({exc.strerror or exc})") from exc
    try:
        _check_kind(os.fstat(fd))
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, min(65536, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        raise Rejected(f"cannot be read ({exc.strerror or exc})") from exc
    finally:
        os.close(fd)
    if size > limit:
        raise Rejected(f"is larger than {_size(limit)}")
    return b"".join(chunks)


def _check_kind(info: os.stat_result) -> None:
    mode = info.st_mode
    if stat.S_ISREG(mode):
        return
    kind = (
        "a folder"
        if stat.S_ISDIR(mode)
        else "a FIFO (named pipe)"
        if stat.S_ISFIFO(mode)
        else "a device"
        if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
        else "a socket"
        if stat.S_ISSOCK(mode)
        else "not a file"
    )
    raise Rejected(f"is not a regular file but {kind}")


def _size(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB" if n >= 100_000 else f"{n} bytes"


def nesting_depth(text: str) -> int:
    """How deeply ``[`` and ``{`` nest in a JSON text, strings aside; no parsing, no recursion."""
    depth = deepest = 0
    for match in re.finditer(r"[\[\]{}]", _STRING.sub('""', text)):
        if match.group() in "[{":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


def parse_json(data: bytes, max_depth: int = MAX_DEPTH) -> Any:
    """UTF-8 JSON (a byte-order mark allowed) nested no deeper than ``max_depth``."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise Rejected(f"is not UTF-8 text (byte {exc.start})") from exc
    if nesting_depth(text) > max_depth:
        raise Rejected(f"nests deeper than {max_depth} levels")
    try:
        return json.loads(text, parse_constant=_no_constant)
    except RecursionError as exc:  # the depth check should make this impossible
        raise Rejected(f"nests deeper than {max_depth} levels") from exc
    except ValueError as exc:
        raise Rejected(f"is not valid JSON ({exc})") from exc


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def read_results(path: Path) -> Results:
    """A results file, checked; :class:`Rejected` with the reason if it does not pass."""
    data = parse_json(read_bytes(path))
    if not isinstance(data, dict) or data.get("format") != RESULTS_FORMAT:
        raise Rejected("is not a study-guide results file")
    version = data.get("format_version")
    if version != RESULTS_VERSION or isinstance(version, bool):
        raise Rejected(
            f"has format version {_short(version)}; this grader reads version {RESULTS_VERSION} "
            "(files from the current exam pages)"
        )
    quiz, exam_version, student = data.get("quiz"), data.get("exam_version"), data.get("student")
    if not isinstance(quiz, str) or not quiz:
        raise Rejected("has no quiz id (a string)")
    if not isinstance(exam_version, str):
        raise Rejected("has no exam version (a string)")
    if not isinstance(student, str):
        raise Rejected(f"has a student name that is not text ({_short(student)})")
    name = normalise_name(student)
    if not name:
        raise Rejected("has an empty student name")
    if len(name) > MAX_NAME:
        raise Rejected(f"has a student name longer than {MAX_NAME} characters")
    return Results(path, clean_text(quiz), clean_text(exam_version), name, _answers(data.get("answers")))


def _answers(raw: object) -> dict[str, list[str]]:
    if not isinstance(raw, dict):
        raise Rejected("has no answers (an object of question id to list of strings)")
    answers: dict[str, list[str]] = {}
    for key, value in raw.items():
        values = value if isinstance(value, list) else [value]
        if not all(isinstance(v, str) for v in values):
            raise Rejected(f"has an answer that is not text (question {_short(key)})")
        if any(len(v) > MAX_ANSWER for v in values):
            raise Rejected(f"has an answer longer than {MAX_ANSWER} characters")
        answers[key] = [clean_text(v) for v in values]
    return answers


def _short(value: object) -> str:
    text = clean_text(json.dumps(value, ensure_ascii=True)) if not isinstance(value, str) else repr(value)
    return text if len(text) <= 40 else text[:37] + "..."
