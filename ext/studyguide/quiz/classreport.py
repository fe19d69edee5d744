"""The class report: one self-contained HTML file of an exam's item analysis and its passages.

Pure Python; ``grader.js`` writes the same file byte for byte (a browser test compares them).
No script, no external resource: inline CSS and SVG only. Every text from the keys or from a
student goes through :func:`html.escape`. Figures are written in words next to every colour.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

from studyguide.quiz.analysis import Analysis, GroupStats, hundredths, wrong_text

CSS = (
    "body{font:16px/1.5 Georgia,serif;color:#1a1a1a;background:#fff;margin:0}"
    "main{max-width:46rem;margin:0 auto;padding:1rem}"
    "h1,h2,h3{font-family:system-ui,sans-serif;line-height:1.25}"
    "table{border-collapse:collapse;margin:.5rem 0 1rem;font-size:.9rem}"
    "th,td{border:1px solid #999;padding:.2rem .4rem;text-align:left;vertical-align:top}"
    "figure{margin:1rem 0}svg{max-width:100%;height:auto}"
    "mark{color:#1a1a1a;padding:0 .1rem}"
    ".sg-band-0{background:#f4a3a3}.sg-band-1{background:#f7c59f}.sg-band-2{background:#f6e7a1}"
    ".sg-band-3{background:#cfe8b0}.sg-band-4{background:#a9dcc0}"
    ".sg-share{font-family:system-ui,sans-serif;font-size:.85em;font-weight:bold}"
    "a{color:#0b4f9c}"
    "@media print{body{font-size:11pt}main{max-width:none;padding:0}a{color:inherit}"
    "mark{-webkit-print-color-adjust:exact;print-color-adjust:exact}"
    "h2{break-after:avoid}figure,tr{break-inside:avoid}}"
)
BANDS = ("0-9", "10-19", "20-29", "30-39", "40-49", "50-59", "60-69", "70-79", "80-89", "90-100")


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def link(base: str, source: str) -> str:
    """A passage's address: the site's root (given) and the link relative to it."""
    return base + source if source else ""


def band(share: int) -> int:
    """Five shades for 0-19, 20-39, ..., 80-100 % right."""
    return min(4, share // 20)


def _revisit(analysis: Analysis, numbers: Mapping[str, int], base: str) -> str:
    flagged = [i for i in analysis.items if {"too hard", "negative discrimination"} & set(i.flags)]
    if not flagged:
        return "<p>None: no question is too hard or discriminates negatively.</p>"
    rows = []
    for item in flagged:
        href = link(base, item.source)
        name = f"Question {numbers[item.id]} ({_e(item.id)})"
        target = f'<a href="{_e(href)}">{name}</a>' if href else name
        rows.append(
            f"<li>{target}: {_e(item.prompt)} <strong>{item.percent}% right, discrimination "
            f"{item.r_text}; {_e(', '.join(item.flags))}</strong></li>"
        )
    return "<ol>" + "".join(rows) + "</ol>"


def scores_svg(analysis: Analysis) -> str:
    """Bars of how many students scored in each tenth."""
    top = max(analysis.bands) or 1
    parts = [
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 440 220" width="440" height="220" '
        'role="img" aria-labelledby="sg-scores-title"><title id="sg-scores-title">Students by score '
        "(% of questions right)</title>"
        '<line x1="30" y1="180" x2="430" y2="180" stroke="#1a1a1a"/>'
    ]
    for i, count in enumerate(analysis.bands):
        height = count * 150 // top
        x = 34 + 40 * i
        parts.append(
            f'<rect x="{x}" y="{180 - height}" width="32" height="{height}" fill="#5b7fa6"/>'
            f'<text x="{x + 16}" y="{174 - height}" text-anchor="middle" font-size="12">{count}</text>'
            f'<text x="{x + 16}" y="196" text-anchor="middle" font-size="10">{BANDS[i]}</text>'
        )
    parts.append('<text x="230" y="214" text-anchor="middle" font-size="11">% right</text></svg>')
    return "".join(parts)


def scatter_svg(analysis: Analysis, numbers: Mapping[str, int]) -> str:
    """Each question at (difficulty, discrimination), numbered as in the table."""
    parts = [
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 260" width="400" height="260" '
        'role="img" aria-labelledby="sg-items-title"><title id="sg-items-title">Questions by difficulty '
        "(% right, across) and discrimination (up)</title>"
        '<rect x="40" y="20" width="300" height="200" fill="none" stroke="#1a1a1a"/>'
        '<line x1="40" y1="120" x2="340" y2="120" stroke="#1a1a1a" stroke-dasharray="4 3"/>'
        '<line x1="130" y1="20" x2="130" y2="220" stroke="#999" stroke-dasharray="4 3"/>'
        '<line x1="310" y1="20" x2="310" y2="220" stroke="#999" stroke-dasharray="4 3"/>'
        '<text x="36" y="24" text-anchor="end" font-size="10">1</text>'
        '<text x="36" y="124" text-anchor="end" font-size="10">0</text>'
        '<text x="36" y="224" text-anchor="end" font-size="10">-1</text>'
        '<text x="40" y="236" text-anchor="middle" font-size="10">0%</text>'
        '<text x="130" y="236" text-anchor="middle" font-size="10">30%</text>'
        '<text x="310" y="236" text-anchor="middle" font-size="10">90%</text>'
        '<text x="340" y="236" text-anchor="middle" font-size="10">100%</text>'
        '<text x="190" y="254" text-anchor="middle" font-size="11">% right</text>'
    ]
    for item in analysis.items:
        if item.r is None:
            continue
        x, y = 40 + 3 * item.percent, 120 - hundredths(item.r)
        parts.append(
            f"<g><title>Question {numbers[item.id]}: {item.percent}% right, discrimination {item.r_text}</title>"
            f'<circle cx="{x}" cy="{y}" r="4" fill="#5b7fa6"/>'
            f'<text x="{x + 6}" y="{y - 4}" font-size="10">{numbers[item.id]}</text></g>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _items_table(analysis: Analysis, numbers: Mapping[str, int], base: str) -> str:
    head = (
        "<table><thead><tr><th>No.</th><th>Question</th><th>Students</th><th>% right</th>"
        "<th>Discrimination</th><th>Flags</th><th>Wrong answers</th></tr></thead><tbody>"
    )
    rows = []
    for item in analysis.items:
        href = link(base, item.source)
        name = f'<a href="{_e(href)}">{_e(item.id)}</a>' if href else _e(item.id)
        rows.append(
            f"<tr><td>{numbers[item.id]}</td><td>{name} ({_e(item.type)}): {_e(item.prompt)}</td>"
            f"<td>{item.n}</td><td>{item.percent}</td><td>{item.r_text}</td>"
            f"<td>{_e(', '.join(item.flags))}</td><td>{_e(wrong_text(item))}</td></tr>"
        )
    return head + "".join(rows) + "</tbody></table>"


def _groups_table(groups: Sequence[GroupStats], anchor: str, heading: str, column: str, base: str) -> str:
    if not groups:
        return ""
    rows = []
    for group in groups:
        href = link(base, group.url)
        name = f'<a href="{_e(href)}">{_e(group.title)}</a>' if href else _e(group.title)
        rows.append(f"<tr><td>{name}</td><td>{len(group.questions)}</td><td>{group.percent}</td></tr>")
    return (
        f'<h2 id="{anchor}">{heading}</h2><table><thead><tr><th>{column}</th><th>Questions</th>'
        f"<th>% right</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def _text(analysis: Analysis, passages: Sequence[Mapping[str, Any]], base: str) -> str:
    parts = [
        '<h2 id="text">The passages, claim by claim</h2><p>Each claim an exam question tests is shaded by '
        "the share of the class that answered its questions right (the figure follows it in brackets; "
        "darker red: fewer right).</p>"
    ]
    for passage in passages:
        href = link(base, str(passage.get("url", "")))
        parts.append(f'<h3><a href="{_e(href)}">{_e(passage.get("title", ""))}</a></h3>')
        for paragraph in passage.get("paragraphs", []):
            html = []
            for text, claim in paragraph:
                stats = analysis.claims.get(claim) if claim else None
                if stats is None or not stats.attempts:
                    html.append(_e(text))
                    continue
                html.append(
                    f'<mark class="sg-band-{band(stats.percent)}">{_e(text)}</mark> '
                    f'<span class="sg-share">[{_e(claim)}: {stats.percent}% right]</span>'
                )
            parts.append("<p>" + "".join(html) + "</p>")
    return "".join(parts)


def report_html(
    title: str, quiz_id: str, analysis: Analysis, passages: Sequence[Mapping[str, Any]], base: str = ""
) -> str:
    """The class report of one quiz's exam as a whole HTML document."""
    numbers = {item.id: n for n, item in enumerate(analysis.items, 1)}
    heading = f"Class report: {_e(title)}"
    rows = "".join(f"<tr><td>{BANDS[i]}</td><td>{c}</td></tr>" for i, c in enumerate(analysis.bands))
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{heading}</title><style>{CSS}</style></head><body><main>"
        f"<h1>{heading}</h1>"
        f"<p>Quiz {_e(quiz_id)}: {analysis.students} students graded, {analysis.mean_percent}% of "
        "answers right. Difficulty is the share of students right; discrimination is the correlation of "
        "a question with the rest of the exam (below 0: the stronger students got it wrong more often).</p>"
        f'<h2 id="revisit">Questions to revisit</h2>{_revisit(analysis, numbers, base)}'
        f'<h2 id="scores">Score distribution</h2><figure>{scores_svg(analysis)}</figure>'
        "<table><thead><tr><th>% right</th><th>Students</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
        f'<h2 id="items">Difficulty against discrimination</h2><figure>{scatter_svg(analysis, numbers)}'
        "</figure>"
        f"{_items_table(analysis, numbers, base)}"
        f"{_groups_table(analysis.pieces, 'pieces', 'By piece', 'Piece', base)}"
        f"{_groups_table(list(analysis.claims.values()), 'claims', 'By claim', 'Claim', base)}"
        f"{_text(analysis, passages, base)}"
        "</main></body></html>\n"
    )
