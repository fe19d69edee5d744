"""Dates as historians write them: ISO 8601 with approximate, uncertain and either-or forms.

``1921``, ``1921-03``, ``1921-03-17``; suffix ``~`` (approximate) or ``?`` (uncertain);
``A/B`` for "some time between A and B".  Pure Python, no Sphinx imports.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

_PART = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?([~?]?)$")
_MONTHS = [
    "",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]

Day = tuple[int, int, int]


@dataclass(frozen=True)
class FuzzyDate:
    """A date or a span of uncertainty, kept with its original ISO text."""

    iso: str
    earliest: Day
    latest: Day
    approximate: bool = False
    uncertain: bool = False

    @property
    def sort_key(self) -> tuple[Day, Day]:
        return (self.earliest, self.latest)

    @property
    def year(self) -> int:
        return self.earliest[0]

    def display(self) -> str:
        """Human form: '17 March 1921', 'March 1921', 'c. 1880', '1921?', '1920 or 1921'."""
        parts = [_display_part(p) for p in self.iso.split("/")]
        return " or ".join(parts) if len(parts) > 1 else parts[0]


def _display_part(part: str) -> str:
    match = _PART.match(part)
    assert match is not None
    year, month, day, mark = match.groups()
    if day:
        text = f"{int(day)} {_MONTHS[int(month)]} {year}"
    elif month:
        text = f"{_MONTHS[int(month)]} {year}"
    else:
        text = year
    if mark == "~":
        return f"c. {text}"
    return text + ("?" if mark == "?" else "")


def _parse_part(part: str) -> tuple[Day, Day, str]:
    match = _PART.match(part.strip())
    if not match:
        raise ValueError(f"{part!r} is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD, optionally with ~ or ?)")
    year, month, day, mark = match.groups()
    y = int(year)
    if month is None:
        return (y, 1, 1), (y, 12, 31), mark
    m = int(month)
    if not 1 <= m <= 12:
        raise ValueError(f"{part!r} has no month {m}")
    last = calendar.monthrange(y, m)[1]
    if day is None:
        return (y, m, 1), (y, m, last), mark
    d = int(day)
    if not 1 <= d <= last:
        raise ValueError(f"{part!r}: {_MONTHS[m]} {y} has no day {d}")
    return (y, m, d), (y, m, d), mark


def parse_date(text: str) -> FuzzyDate:
    """Parse a date option; raise ValueError with a reader-facing message."""
    text = text.strip()
    if not text:
        raise ValueError("the date is empty")
    pieces = text.split("/")
    if len(pieces) > 2:
        raise ValueError(f"{text!r}: use A/B for 'between A and B', with one slash")
    parsed = [_parse_part(p) for p in pieces]
    earliest, latest = parsed[0][0], parsed[-1][1]
    if earliest > latest:
        raise ValueError(f"{text!r}: the first date is after the second")
    marks = {mark for _, _, mark in parsed}
    return FuzzyDate(
        iso="/".join(p.strip() for p in pieces),
        earliest=earliest,
        latest=latest,
        approximate="~" in marks,
        uncertain="?" in marks or len(pieces) == 2,
    )


def display_span(start: FuzzyDate | None, end: FuzzyDate | None) -> str:
    """'1879–1940', '1–18 March 1921' style spans; empty when no date is known."""
    if start and end:
        if start.iso == end.iso:
            return start.display()
        return f"{start.display()} – {end.display()}"
    if start:
        return f"from {start.display()}"
    if end:
        return f"until {end.display()}"
    return ""


def display_years(start: FuzzyDate | None, end: FuzzyDate | None) -> str:
    """Short form for hovers and cards: '1879–1940', 'c. 1880–1921', 'b. 1898'."""

    def year(date: FuzzyDate) -> str:
        text = str(date.earliest[0]) if date.earliest[0] == date.latest[0] else date.display()
        if date.approximate and not text.startswith("c. "):
            text = f"c. {text}"
        return text + ("?" if date.uncertain and "?" not in date.iso and "/" not in date.iso else "")

    if start and end:
        first, last = year(start), year(end)
        return first if first == last else f"{first}–{last}"
    if start:
        return f"b. {year(start)}" if start else ""
    if end:
        return f"d. {year(end)}"
    return ""
