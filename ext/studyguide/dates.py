"""Dates as historians write them: ISO 8601 with approximate, uncertain and either-or forms.

``1921``, ``1921-03``, ``1921-03-17``; suffix ``~`` (approximate) or ``?`` (uncertain);
``A/B`` for "some time between A and B".  Parsing is pure Python; the wording of a displayed
date (month names, "c.", "or", "born", "founded", ranges) goes through the extension's
catalog (:mod:`studyguide.i18n`), so a French build writes "17 mars 1921", "fondation : 1903".
Outside a Sphinx build the English wording is used.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

from studyguide.i18n import _

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


def _month(number: int) -> str:
    """The month's name in the build's language (each name a literal, for the catalog)."""
    names = (
        _("January"),
        _("February"),
        _("March"),
        _("April"),
        _("May"),
        _("June"),
        _("July"),
        _("August"),
        _("September"),
        _("October"),
        _("November"),
        _("December"),
    )
    return str(names[number - 1])


def _say(pattern: object, **fields: str) -> str:
    """A translated pattern (``_("born {date}")``) with its named fields filled in."""
    return str(pattern).format(**fields)


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

    @property
    def either_or(self) -> bool:
        """An ``A/B`` date: some time between A and B, often a date on which sources differ."""
        return "/" in self.iso

    @property
    def precision(self) -> int:
        """3 for a day, 2 for a month, 1 for a year (of the first part of an ``A/B`` date)."""
        match = _PART.match(self.iso.split("/")[0])
        assert match is not None
        return 1 + sum(1 for group in match.groups()[1:3] if group)

    def display(self) -> str:
        """Human form: '17 March 1921', 'March 1921', 'c. 1880', '1921?', '7 or 8 May 1937'."""
        parts = self.iso.split("/")
        if len(parts) == 1:
            return _display_part(parts[0])
        first, second = (_display_part(p) for p in parts)
        # '7 May 1937 or 8 May 1937' reads '7 or 8 May 1937': drop the shared tail
        head, _sep, tail = first.partition(" ")
        if tail and second.endswith(" " + tail) and not _marked(first):
            return str(_("{first} or {second}")).format(first=head, second=second)
        return str(_("{first} or {second}")).format(first=first, second=second)


def _marked(text: str) -> bool:
    """True for an approximate ('c. 1880') or uncertain ('1921?') date."""
    return text.endswith("?") or text.startswith(_say(_("c. {date}"), date=""))


def _display_part(part: str) -> str:
    match = _PART.match(part)
    assert match is not None
    year, month, day, mark = match.groups()
    if day:
        # the first of the month is written "1er" in French: the day "1" has its own entry
        number = str(_("1")) if int(day) == 1 else str(int(day))
        text = _say(_("{day} {month} {year}"), day=number, month=_month(int(month)), year=year)
    elif month:
        text = _say(_("{month} {year}"), month=_month(int(month)), year=year)
    else:
        text = year
    if mark == "~":
        return _say(_("c. {date}"), date=text)
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
    numeric = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", text)
    if numeric:
        first, second, year = (int(n) for n in numeric.groups())
        day, month, order = (
            (second, first, "month/day/year") if second > 12 else (first, second, "day/month/year")
        )
        raise ValueError(
            f"{text!r} could be day/month/year or month/day/year; write dates as ISO 8601, year first: "
            f"{year}-{month:02d}-{day:02d} if it is {order}"
        )
    if len(pieces) > 2:
        raise ValueError(f"{text!r}: use A/B for 'between A and B', with one slash")
    parsed = [_parse_part(p) for p in pieces]
    earliest, latest = parsed[0][0], parsed[-1][1]
    if earliest > latest:
        raise ValueError(f"{text!r}: the first date is after the second")
    marks = {mark for _earliest, _latest, mark in parsed}
    return FuzzyDate(
        iso="/".join(p.strip() for p in pieces),
        earliest=earliest,
        latest=latest,
        approximate="~" in marks,
        uncertain="?" in marks or len(pieces) == 2,
    )


def _compact_span(start: FuzzyDate, end: FuzzyDate) -> str:
    """'1–18 March 1921', '3 March – 7 November 1917', '1936 – 1939': shared month and year said once."""
    first, last = start.display(), end.display()
    plain = not (start.approximate or start.uncertain or end.approximate or end.uncertain)
    if plain and start.precision == end.precision == 3 and start.year == end.year:
        # '1–18 March 1921': the first day's date without what it shares with the last
        if start.earliest[1] == end.earliest[1]:
            head = first.removesuffix(
                _say(_("{month} {year}"), month=_month(start.earliest[1]), year=str(start.year))
            )
            if head != first:
                return f"{head.strip()}–{last}"
        else:
            head = first.removesuffix(" " + str(start.year))
            if head != first:
                return f"{head} – {last}"
    if plain and start.precision == end.precision == 1:
        return f"{first}–{last}"
    return f"{first} – {last}"


def display_span(start: FuzzyDate | None, end: FuzzyDate | None, kind: str = "") -> str:
    """The long form, for an entry's heading and the timeline, as historians write it by kind.

    A person: '30 December 1890 – 17 November 1947', 'born 1864', 'died 1944'.
    An organisation: 'founded 1903', '20 December 1917 – February 1922'.
    A work or an event: its date ('1930', '21 January 1924') or its range ('1–18 March 1921').
    Anything else: a range, 'from 1790', 'until 1922'.
    A range with an either-or end reads 'from November 1917 or May 1918 to November 1920
    or October 1922'.  Empty when no date is known.
    """
    if start and end:
        if start.iso == end.iso:
            return start.display()
        if start.either_or or end.either_or:
            return _say(_("from {start} to {end}"), start=start.display(), end=end.display())
        return _compact_span(start, end)
    if start:
        if kind == "person":
            return _say(_("born {date}"), date=start.display())
        if kind == "org":
            return _say(_("founded {date}"), date=start.display())
        if kind in ("work", "event"):
            return start.display()
        return _say(_("from {date}"), date=start.display())
    if end:
        if kind == "person":
            return _say(_("died {date}"), date=end.display())
        if kind == "org":
            return _say(_("ended {date}"), date=end.display())
        return _say(_("until {date}"), date=end.display())
    return ""


def _short_year(date: FuzzyDate) -> str:
    """'1921', 'c. 1880', '1921?', '1917/18' (an either-or date across two years)."""
    first, last = date.earliest[0], date.latest[0]
    if first == last:
        text = str(first)
    elif date.either_or and first // 100 == last // 100:
        text = f"{first}/{last % 100:02d}"
    else:
        text = f"{first}/{last}"
    if date.approximate:
        text = _say(_("c. {date}"), date=text)
    if "?" in date.iso:
        text += "?"
    return text


def display_years(start: FuzzyDate | None, end: FuzzyDate | None, kind: str = "") -> str:
    """The short form, for hovers, cards and indices, by kind.

    A person: '1879–1940', 'c. 1850–1921', 'b. 1864' (death unknown), 'd. 1944'.
    An organisation: '1935–1937', 'founded 1903', 'until 1922'.
    A work: its year ('1930'), or the years of a periodical's run.
    An event: its date ('21 January 1924') or its range within a year ('1–18 March 1921');
    the years of a longer one ('1936–1939', '1917/18–1920/22' when its ends are either-or).
    """
    plain = start is not None and not (start.either_or or (end is not None and end.either_or))
    if kind == "event" and start and plain and (end is None or start.earliest[0] == end.latest[0]):
        return display_span(start, end, kind)  # within a year: the dates themselves
    first = _short_year(start) if start else ""
    last = _short_year(end) if end else ""
    if first and last:
        return first if first == last else f"{first}–{last}"
    if first:
        if kind == "person":
            return _say(_("b. {year}"), year=first)
        if kind == "org":
            return _say(_("founded {date}"), date=first)
        if kind in ("work", "event"):
            return first
        return _say(_("from {date}"), date=first)
    if last:
        if kind == "person":
            return _say(_("d. {year}"), year=last)
        return _say(_("until {year}"), year=last)
    return ""


def chronological_key(date: FuzzyDate | None) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
    """Order for timelines: by the earliest date a start can be; a date known only to its month
    or year comes after the days known within that month or year (so 'November 1917' after
    '7 November 1917'), and undated entries come last."""
    if date is None:
        return ((10000, 0, 0), (10000, 0, 0))
    year, month, day = date.earliest
    precision = date.precision
    return ((year, month if precision >= 2 else 13, day if precision >= 3 else 32), date.latest)
