"""Drawn overviews: the timeline chart (inline SVG, made at build time) and the debate map's cells.

``timeline-chart`` draws, on one axis between two years, the register's dated events as points
and spans, the lives of its people as bars and the date of each piece as a mark, every mark a
link to its entry or page; the ``timeline`` table stays beside it for screen readers and print.
The debate map states each voice's position on a topic in one line (the claim's paraphrase)
with its passages one click away, in a scroll box of its own.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from typing import TYPE_CHECKING, Any, ClassVar, cast

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from studyguide.core import Feature, ResolvePage, register_feature
from studyguide.dates import FuzzyDate, parse_date
from studyguide.domain import Entry, StudyGuideDomain
from studyguide.i18n import _
from studyguide.nodes import href, sg_placeholder
from studyguide.syntax import split_list
from studyguide.warnings import warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from studyguide.quiz.generate import ClaimInput

CHART_KIND = "timeline-chart"

# Geometry of the chart, in SVG user units (the SVG scales to its box).
WIDTH = 760
LABELS = 110  # the left column, for the names of the lives
RIGHT = 12
ROW = 18
CHAR = 6.4  # a rough width of one character of the labels' 12 px type


def _fraction(day: tuple[int, int, int], end: bool = False) -> float:
    """A day as a fractional year; `end` takes the end of a month or year given without it."""
    year, month, dom = day
    value = year + (max(month, 1) - 1) / 12 + (max(dom, 1) - 1) / 365
    if end:
        value += 1 / 365 if dom else (1 / 12 if month else 1.0)
    return value


class TimelineChartDirective(SphinxDirective):
    """``timeline-chart``: events, lives and the pieces' dates drawn on one axis."""

    has_content = False
    option_spec: ClassVar[dict[str, Any]] = {
        "from": int,
        "to": int,
        "events": directives.unchanged,
        "lives": directives.unchanged,
        "pieces": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        domain = cast(StudyGuideDomain, self.env.domains["sg"])
        domain.note_generated(self.env.docname, "timeline")  # the same data as the table
        first, last = self.options.get("from"), self.options.get("to")
        if first is None or last is None or first > last:
            warn("bad-option", "timeline-chart: needs :from: and :to: years, in order", self.get_location())
            return []
        pieces: list[tuple[str, str]] = []
        for item in split_list(self.options.get("pieces")):
            docname, _sep, when = (p.strip() for p in item.partition("="))
            try:
                parse_date(when)
            except ValueError:
                warn(
                    "bad-option", f"timeline-chart: {when!r} is not a date (in {item!r})", self.get_location()
                )
                continue
            if docname not in self.env.found_docs:
                warn("bad-option", f"timeline-chart: no page {docname!r}", self.get_location())
                continue
            pieces.append((docname, when))
        placeholder = sg_placeholder(kind=CHART_KIND, target="")
        placeholder["sg_options"] = {
            "from": first,
            "to": last,
            "events": split_list(self.options.get("events")) or ["event"],
            "lives": split_list(self.options.get("lives")) or ["person"],
            "pieces": pieces,
        }
        self.set_source_info(placeholder)
        return [placeholder]


def _event_label(entry: Entry) -> str:
    """An event's label on the chart: its short name if that reads as a name ("NEP"), else its name.

    A short name in lower case ("civil war") is how the text runs it into a sentence, not a label.
    """
    return entry.short if entry.short[:1].isupper() else entry.name


def _lanes(spans: list[tuple[float, float]]) -> list[int]:
    """A lane for each (left, right) extent so that none overlaps another in its lane."""
    ends: list[float] = []
    lanes: list[int] = []
    for left, right in spans:
        for lane, end in enumerate(ends):
            if left > end + 4:
                ends[lane] = right
                lanes.append(lane)
                break
        else:
            ends.append(right)
            lanes.append(len(ends) - 1)
    return lanes


def timeline_svg(app: Sphinx, docname: str, options: dict[str, Any]) -> str:
    domain = cast(StudyGuideDomain, app.env.domains["sg"])
    first, last = int(options["from"]), int(options["to"]) + 1
    scale = (WIDTH - LABELS - RIGHT) / (last - first)

    def x(value: float) -> float:
        return LABELS + (min(max(value, first), last) - first) * scale

    def link(entry: Entry) -> str:
        return escape(href(app.builder, docname, entry.docname, entry.node_id), quote=True)

    parts: list[str] = []
    y = 34
    # the axis: a tick each year, a label every other year
    axis = [f'<line class="sg-axis" x1="{LABELS}" y1="{y}" x2="{WIDTH - RIGHT}" y2="{y}"/>']
    for year in range(first, last + 1):
        tx = x(year)
        axis.append(f'<line class="sg-tick" x1="{tx:.1f}" y1="{y - 4}" x2="{tx:.1f}" y2="{y}"/>')
        if (year - first) % 2 == 0 and year < last:
            axis.append(f'<text class="sg-year" x="{tx + scale / 2:.1f}" y="{y - 8}">{year}</text>')
    parts += axis

    # events, packed into lanes
    events = sorted(
        (e for e in domain.entries.values() if e.objtype in options["events"] and e.start is not None),
        key=lambda e: (cast(FuzzyDate, e.start).sort_key, e.sort),
    )
    events = [e for e in events if _fraction(cast(FuzzyDate, e.start).earliest) < last]
    events = [e for e in events if _fraction((e.end or cast(FuzzyDate, e.start)).latest, True) >= first]
    y += 14
    events_title = escape(_("Events"))
    parts.append(f'<text class="sg-section" x="4" y="{y + 12}">{events_title}</text>')
    extents = []
    flipped = []  # labels that would run off the right edge go left of their mark
    for entry in events:
        start = cast(FuzzyDate, entry.start)
        left = x(_fraction(start.earliest))
        right = max(x(_fraction(entry.end.latest, True)) if entry.end else left, left)
        width = 8 + CHAR * len(_event_label(entry))
        flip = right + width > WIDTH - RIGHT
        flipped.append(flip)
        extents.append((left - width, right + 4) if flip else (left - 4, right + width))
    order = sorted(range(len(events)), key=lambda i: extents[i][0])
    packed = _lanes([extents[i] for i in order])
    lanes = [0] * len(events)
    for i, lane in zip(order, packed, strict=True):
        lanes[i] = lane
    for entry, lane, flip in zip(events, lanes, flipped, strict=True):
        start = cast(FuzzyDate, entry.start)
        left = x(_fraction(start.earliest))
        top = y + lane * ROW
        when = escape(entry.years or start.display())
        label = escape(_event_label(entry))
        if entry.end is not None:
            right = max(x(_fraction(entry.end.latest, True)), left + 3)
            mark = f'<rect class="sg-span" x="{left:.1f}" y="{top + 5}" width="{right - left:.1f}" height="8" rx="2"/>'
        else:
            right = left
            mark = f'<circle class="sg-point" cx="{left:.1f}" cy="{top + 9}" r="4.5"/>'
        place = f'text-anchor="end" x="{left - 7:.1f}"' if flip else f'x="{right + 7:.1f}"'
        parts.append(
            f'<a href="{link(entry)}"><title>{label}, {when}</title>{mark}'
            f'<text class="sg-label" {place} y="{top + 13}">{label}</text></a>'
        )
    y += (max(lanes) + 1 if lanes else 1) * ROW + 16

    # lives: one bar each, the name in the left column
    def life_key(entry: Entry) -> tuple[Any, str]:
        known = entry.start or entry.end
        return (known.sort_key if known else (), entry.sort)

    lives = sorted(
        (e for e in domain.entries.values() if e.objtype in options["lives"] and (e.start or e.end)),
        key=life_key,
    )
    lives_title = escape(_("Lives"))
    parts.append(f'<text class="sg-section" x="4" y="{y}">{lives_title}</text>')
    y += 6
    for entry in lives:
        born = _fraction(entry.start.earliest) if entry.start else float(first)
        died = _fraction(entry.end.latest, True) if entry.end else float(last)
        if died < first or born > last:
            continue
        left, right = x(born), x(died)
        open_left = "" if entry.start and born >= first else " sg-open-start"
        open_right = "" if entry.end and died <= last else " sg-open-end"
        when = escape(entry.years)
        name = escape(entry.name)
        parts.append(
            f'<a href="{link(entry)}"><title>{name}, {when}</title>'
            f'<text class="sg-name" x="{LABELS - 6}" y="{y + 12}">{escape(entry.short)}</text>'
            f'<rect class="sg-life{open_left}{open_right}" x="{left:.1f}" y="{y + 4}" '
            f'width="{max(right - left, 2):.1f}" height="10" rx="2"/></a>'
        )
        y += ROW
    bottom = y + 4

    # the pieces' dates: a dashed line across the chart, the title at the foot
    marks: dict[str, list[str]] = {}
    for piece, when in options["pieces"]:
        marks.setdefault(when, []).append(piece)
    foot = bottom + 14
    for when, pieces in sorted(marks.items(), key=lambda m: parse_date(m[0]).sort_key):
        date = parse_date(when)
        px = x(_fraction(date.earliest))
        parts.insert(0, f'<line class="sg-piece" x1="{px:.1f}" y1="{34}" x2="{px:.1f}" y2="{bottom}"/>')
        for piece in pieces:
            title = app.env.titles[piece].astext() if piece in app.env.titles else piece
            uri = escape(href(app.builder, docname, piece), quote=True)
            anchor = "end" if px > WIDTH / 2 else "start"
            parts.append(
                f'<a href="{uri}"><title>{escape(title)}, {escape(date.display())}</title>'
                f'<circle class="sg-piece-dot" cx="{px:.1f}" cy="{foot - 4}" r="4"/>'
                f'<text class="sg-label" text-anchor="{anchor}" x="{px + (-8 if anchor == "end" else 8):.1f}" '
                f'y="{foot}">{escape(title)} ({escape(date.display())})</text></a>'
            )
            foot += ROW
    height = foot + 4
    label = escape(_("Timeline chart, {first} to {last}").format(first=first, last=last - 1), quote=True)
    return (
        f'<div class="sg-chart-scroll" role="region" aria-label="{label}" tabindex="0">'
        f'<svg class="sg-timeline-chart" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'role="group" aria-label="{label}" xmlns="http://www.w3.org/2000/svg">'
        + "".join(parts)
        + "</svg></div>"
    )


def resolve_charts(app: Sphinx, page: ResolvePage) -> None:
    """Resolve step: each chart placeholder becomes its SVG (HTML pages), or nothing elsewhere."""
    for placeholder in page.of_kind(CHART_KIND):
        if app.builder.format == "html" and not app.builder.name.startswith("epub"):
            html = timeline_svg(app, page.docname, placeholder["sg_options"])
            placeholder.replace_self(nodes.raw("", html, format="html"))
        else:
            placeholder.replace_self([])  # paper and e-books: the table says it all


# -- the debate map -------------------------------------------------------------------------------
def position_cell(
    app: Sphinx, docname: str, held: list[ClaimInput], anchors: dict[str, Any]
) -> list[nodes.Node]:
    """A voice's position on a topic in a line, then its passages, one link each."""
    ranked = sorted(held, key=lambda c: (not c.paraphrase, not c.central, c.position))
    lead = ranked[0]
    if lead.paraphrase:
        line = lead.paraphrase
    else:
        words = lead.text.split()
        line = " ".join(words[:16]) + (" …" if len(words) > 16 else "")
    result: list[nodes.Node] = [nodes.paragraph("", line, classes=["sg-map-position"])]
    links = nodes.paragraph("", "", classes=["sg-map-passages"])
    links += nodes.Text(_("Passages:") + " ")
    for number, claim in enumerate(held, start=1):
        if number > 1:
            links += nodes.Text(" ")
        source = anchors[claim.id]
        ref = nodes.reference(
            "", str(number), internal=True, refuri=href(app.builder, docname, source.docname, source.anchor)
        )
        ref["classes"].append("sg-map-passage")
        ref["reftitle"] = " ".join(claim.text.split()[:20])
        links += ref
    result.append(links)
    return result


def scroll_box(table: nodes.Node, classes: Iterable[str]) -> nodes.container:
    box = nodes.container(classes=list(classes))
    box += table
    return box


def setup_charts(app: Sphinx) -> None:
    app.add_directive("timeline-chart", TimelineChartDirective)
    app.add_directive("sg:timeline-chart", TimelineChartDirective)
    register_feature(Feature("charts", resolve=resolve_charts))
