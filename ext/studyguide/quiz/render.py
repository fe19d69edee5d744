"""Quizzes, answer keys and "asked in" notes, rendered into the pages that show them.

HTML builders get the interactive widget (``quiz.js``), whose markup works without
JavaScript; every other builder gets plain lists with the answers at the end.
All source text is escaped.
"""

from __future__ import annotations

import json
from html import escape
from importlib.util import find_spec
from typing import TYPE_CHECKING

from docutils import nodes

from studyguide.core import Feature, ResolvePage, register_feature
from studyguide.i18n import _
from studyguide.nodes import href
from studyguide.quiz.directive import BuiltQuiz, QuizSet, built_quizzes, quiz_fingerprints
from studyguide.quiz.generate import Question
from studyguide.quiz.keyfacts import KeyFacts, key_facts
from studyguide.warnings import warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx

EXPORT_DIR = "_quizzes"
PAPER_BUILDERS = ("simplepdf", "latex", "rinoh")
QUIZ_KINDS = ("quiz", "quiz-key", "quiz-count", "claim-data", "claim-quizzes")  # exams: exams.py


def labels() -> dict[str, str]:
    """The widget's words, translated and HTML-escaped (literal calls, so extraction finds them)."""
    return {
        "re_read_the_passage": escape(_("Re-read the passage")),
        "check": escape(_("Check")),
        "show_the_answer": escape(_("Show the answer")),
        "answer": escape(_("Answer:")),
        "moodle_gift": escape(_("Moodle (GIFT)")),
        "moodle_xml": escape(_("Moodle (XML)")),
        "canvas_qti_1_2": escape(_("Canvas (QTI 1.2)")),
        "all_quizzes_json": escape(_("all quizzes (JSON)")),
        "answer_key": escape(_("answer key")),
        "for_teachers": escape(_("For teachers:")),
        "version": escape(_("version")),
        "reset_answers": escape(_("Reset answers")),
        "exam_version": escape(_("exam version")),
        "read_about": escape(_("Read about:")),
        "anki_deck": escape(_("Anki deck")),
    }


def anki_available() -> bool:
    """Whether Anki decks are written (``anki.py``; genanki is an optional dependency)."""
    return find_spec("genanki") is not None


def deck_path(quiz_id: str) -> str:
    """A quiz's Anki deck, from the root of the HTML output."""
    return f"{EXPORT_DIR}/{quiz_id}.apkg"


def interactive(app: Sphinx) -> bool:
    """Whether the output is a web page a student uses (not an e-book, a PDF or print)."""
    name = app.builder.name
    return app.builder.format == "html" and not name.startswith("epub") and name not in PAPER_BUILDERS


def question_anchor(quiz_id: str, question_id: str) -> str:
    return f"q-{quiz_id}--{question_id}"


def _root_prefix(app: Sphinx, docname: str) -> str:
    """The relative path from a page to the root of the HTML output."""
    uri = app.builder.get_target_uri(docname)
    return "../" * uri.count("/")


def _attr(value: object) -> str:
    return escape(str(value), quote=True)


def input_kind(question: Question) -> str:
    if question.type == "blank":
        return "text"
    if question.type in ("order", "match"):
        return "select"
    return "radio"


def _answer_values(question: Question) -> list[str]:
    """What quiz.js compares: choice indices, accepted texts, or each row's right option."""
    if question.type == "blank":
        return list(question.answer)
    if question.type == "order":
        return [str(question.answer.index(item) + 1) for item in question.items]
    if question.type == "match":
        return [str(question.choices.index(role)) for role in question.answer]
    return [str(question.choices.index(question.answer[0]))]


def _answer_text(question: Question) -> str:
    if question.type == "order":
        return " → ".join(question.answer)
    if question.type == "match":
        return "; ".join(
            f"{item}: {role}" for item, role in zip(question.items, question.answer, strict=True)
        )
    if question.type == "blank":
        return " / ".join(question.answer)  # every accepted answer
    return question.answer[0]


def inputs_html(question: Question, name: str) -> str:
    kind = input_kind(question)
    if kind == "radio":
        choices = "".join(
            f'<label class="sg-choice"><input type="radio" name="{name}" value="{i}"> {escape(text)}</label>'
            for i, text in enumerate(question.choices)
        )
        return f'<div class="sg-choices">{choices}</div>'
    if kind == "text":
        label = escape(_("Your answer"))
        return (
            f'<label class="sg-blank">{label} '
            f'<input type="text" name="{name}" autocomplete="off" spellcheck="false"></label>'
        )
    rows = []
    if question.type == "order":
        options = [(str(i + 1), str(i + 1)) for i in range(len(question.items))]
        placeholder = _("Position…")
    else:
        options = [(str(i), role) for i, role in enumerate(question.choices)]
        placeholder = _("Choose…")
    option_html = f'<option value="">{escape(placeholder)}</option>' + "".join(
        f'<option value="{value}">{escape(text)}</option>' for value, text in options
    )
    for i, item in enumerate(question.items):
        rows.append(
            f'<li><label>{escape(item)} <select name="{name}-{i}">{option_html}</select></label></li>'
        )
    return f'<ol class="sg-rows">{"".join(rows)}</ol>'


def question_html(app: Sphinx, docname: str, quiz: BuiltQuiz, question: Question) -> str:
    L = labels()
    qid = _attr(question_anchor(quiz.record.id, question.id))
    answer = json.dumps(_answer_values(question), ensure_ascii=False)
    source = ""
    claim = built_quizzes(app).claims.get(question.claim)
    if claim is not None and "#" in question.source:
        link = _attr(href(app.builder, docname, claim.piece, question.source.split("#", 1)[1]))
        source = f'<p><a class="sg-source" href="{link}">{L["re_read_the_passage"]}</a></p>'
    elif question.links:
        prefix = _root_prefix(app, docname)
        anchors = ", ".join(
            f'<a href="{_attr(prefix + url)}">{escape(label)}</a>' for label, url in question.links
        )
        source = f'<p class="sg-source">{L["read_about"]} {anchors}</p>'
    explain = f'<p class="sg-explain">{escape(question.explanation)}</p>' if question.explanation else ""
    return (
        f'<li class="sg-question" id="{qid}" data-sg-type="{question.type}" data-sg-kind="{input_kind(question)}" '
        f"data-sg-answer='{_attr(answer)}'>"
        f'<fieldset class="sg-fieldset"><legend class="sg-prompt">{escape(question.prompt)}</legend>'
        f"{inputs_html(question, qid)}</fieldset>"
        f'<div class="sg-actions"><button type="button" class="sg-check" hidden>{L["check"]}</button></div>'
        f'<p class="sg-verdict" aria-live="polite"></p>'
        f'<details class="sg-answer"><summary>{L["show_the_answer"]}</summary>'
        f'<p class="sg-correct">{L["answer"]} <strong>{escape(_answer_text(question))}</strong></p>'
        f"{explain}{source}</details></li>"
    )


def quiz_html(app: Sphinx, docname: str, quiz: BuiltQuiz) -> str:
    L = labels()
    record = quiz.record
    prefix = _root_prefix(app, docname)
    links = [
        f'<a href="{_attr(prefix + EXPORT_DIR)}/{_attr(record.id)}.gift" download>{L["moodle_gift"]}</a>',
        f'<a href="{_attr(prefix + EXPORT_DIR)}/{_attr(record.id)}-moodle.xml" download>{L["moodle_xml"]}</a>',
        f'<a href="{_attr(prefix + EXPORT_DIR)}/{_attr(record.id)}-qti12.zip" download>{L["canvas_qti_1_2"]}</a>',
        f'<a href="{prefix}quizzes.json">{L["all_quizzes_json"]}</a>',
    ]
    if anki_available():
        links.append(f'<a href="{_attr(prefix + deck_path(record.id))}" download>{L["anki_deck"]}</a>')
    if quiz.key_docname:
        key = href(app.builder, docname, quiz.key_docname)
        links.insert(0, f'<a href="{_attr(key)}">{L["answer_key"]}</a>')
    if quiz.exam_docname:
        exam = href(app.builder, docname, quiz.exam_docname)
        links.insert(0, f'<a href="{_attr(exam)}">{L["exam_version"]}</a>')
    teacher = (
        f'<p class="sg-teacher sg-apparatus">{L["for_teachers"]} '
        + " · ".join(links)
        + f' <span class="sg-version">({L["version"]} {quiz.version})</span></p>'
    )
    questions = "".join(question_html(app, docname, quiz, q) for q in quiz.questions)
    texts = {
        "right": _("Right."),
        "wrong": _("Not quite."),
        "empty": _("Choose or type an answer first."),
        "score": _("{done} of {total} checked."),
        "scoreRight": _("{done} of {total} checked, {right} right."),
        "hint": _("Hint: {link}, then try again."),
        "hintNoLink": _("Try again."),
        "reveal": _("Show the answer"),
        "retry": _("Retry the ones I missed"),
        "resetAsk": _("Clear every answer to this quiz?"),
        "resetYes": _("Yes, clear them"),
        "resetNo": _("Keep them"),
    }
    return (
        f'<section class="sg-quiz sg-apparatus" id="sg-quiz-{_attr(record.id)}" data-sg-quiz="{_attr(record.id)}" '
        f'data-sg-version="{quiz.version}" aria-label="{_attr(record.title)}" '
        f"data-sg-text='{_attr(json.dumps(texts, ensure_ascii=False))}'>"
        f'<div class="sg-quiz-bar"><p class="sg-score" role="status" aria-live="polite"></p>'
        f'<button type="button" class="sg-reset" hidden>{L["reset_answers"]}</button></div>'
        f'<ol class="sg-questions">{questions}</ol>{teacher}</section>'
    )


def question_nodes(question: Question) -> nodes.Element:
    """A question for builders without the widget: prompt and lettered choices or rows."""
    item = nodes.list_item()
    item += nodes.paragraph("", question.prompt)
    if question.type in ("order", "match"):
        rows = nodes.bullet_list()
        for row in question.items:
            rows += nodes.list_item("", nodes.paragraph("", f"{row} ______"))
        item += rows
        if question.type == "match":
            item += nodes.paragraph("", _("Roles: ") + "; ".join(question.choices))
    elif question.choices:
        choices = nodes.enumerated_list(enumtype="loweralpha", prefix="", suffix=")")
        for choice in question.choices:
            choices += nodes.list_item("", nodes.paragraph("", choice))
        item += choices
    return item


def quiz_nodes(
    quiz: BuiltQuiz, with_answers: bool, app: Sphinx | None = None, docname: str = ""
) -> list[nodes.Node]:
    questions = nodes.enumerated_list(enumtype="arabic", prefix="", suffix=".", classes=["sg-quiz-print"])
    for question in quiz.questions:
        questions += question_nodes(question)
    result: list[nodes.Node] = [questions]
    if with_answers:
        result += key_nodes(quiz, heading=True, app=app, docname=docname)
    return result


def _reference(text: str, uri: str) -> nodes.Node:
    return nodes.reference("", text, refuri=uri, internal=True) if uri else nodes.Text(text)


def key_facts_nodes(app: Sphinx, docname: str, question: Question, facts: KeyFacts) -> list[nodes.Node]:
    """What a teacher needs beside the answer: every accepted answer, the claim, the voice, the passage."""
    result: list[nodes.Node] = []
    if facts.accepted:
        para = nodes.paragraph(classes=["sg-key-accepted"])
        para += nodes.Text(_("Accepted answers:") + " ")
        for i, answer in enumerate(facts.accepted):
            if i:
                para += nodes.Text("; ")
            para += nodes.literal("", answer)
        para += nodes.Text(
            ". " + _("Case, articles, a plural -s, hyphens and number words (two or 2) are ignored.")
        )
        result.append(para)
    para = nodes.paragraph(classes=["sg-key-source"])
    if facts.claim:
        para += nodes.Text(_("Tests claim") + " ")
        para += nodes.literal("", facts.claim)
        if facts.paraphrase:
            para += nodes.Text(f" ({facts.paraphrase.rstrip('.')})")
        if facts.voice:
            para += nodes.Text(", " + _("the view of {voice}").format(voice=facts.voice))
        para += nodes.Text(". " + _("Passage:") + " ")
        linked = facts.piece and app.builder.format == "html"
        uri = href(app.builder, docname, facts.piece, facts.anchor) if linked else ""
        para += _reference(facts.piece_title or facts.piece, uri)
        para += nodes.Text(".")
    elif question.links:
        html = app.builder.format == "html"
        prefix = _root_prefix(app, docname) if html else ""
        para += nodes.Text(_("Read about:") + " ")
        for i, (label, url) in enumerate(question.links):
            if i:
                para += nodes.Text(", ")
            para += _reference(label, prefix + url if html else "")
        para += nodes.Text(".")
    if len(para):
        result.append(para)
    return result


def key_nodes(
    quiz: BuiltQuiz, heading: bool = False, app: Sphinx | None = None, docname: str = ""
) -> list[nodes.Node]:
    """The answer key: each question with its answer, explanation and, given the app, what it tests."""
    result: list[nodes.Node] = []
    if heading:
        result.append(nodes.rubric("", _("Answers")))
    answers = nodes.enumerated_list(enumtype="arabic", prefix="", suffix=".", classes=["sg-key"])
    quizset = built_quizzes(app) if app is not None else None
    for question in quiz.questions:
        item = nodes.list_item()
        para = nodes.paragraph()
        para += nodes.strong("", _answer_text(question))
        para += nodes.Text(f" — {question.prompt}")
        item += para
        if question.explanation:
            item += nodes.paragraph("", question.explanation, classes=["sg-explain"])
        if app is not None and quizset is not None:
            facts = key_facts(question, quizset.claims, quizset.people)
            item.extend(key_facts_nodes(app, docname, question, facts))
        answers += item
    result.append(answers)
    return result


def _asked_in(app: Sphinx, docname: str, quizset: QuizSet, claim_id: str) -> nodes.Node | None:
    """A small link after a claim's passage to the first quiz that asks about it.

    HTML only; its label names every quiz that asks, for screen readers and on hover.
    """
    uses = quizset.usage.get(claim_id, [])
    if not uses or not interactive(app):
        return None
    first: dict[str, str] = {}
    for quiz_id, question_id in uses:
        first.setdefault(quiz_id, question_id)
    titles = "; ".join(quizset.quizzes[q].record.title for q in first)
    quiz_id, question_id = next(iter(first.items()))
    quiz = quizset.quizzes[quiz_id]
    link = escape(
        href(app.builder, docname, quiz.record.docname, question_anchor(quiz_id, question_id)), quote=True
    )
    label = escape(_("Asked in: {quizzes}").format(quizzes=titles), quote=True)
    text = escape(_("quiz"))
    html = f'<sup class="sg-asked sg-apparatus"><a href="{link}" title="{label}" aria-label="{label}">{text}</a></sup>'
    return nodes.raw("", html, format="html")


def resolve_quizzes(app: Sphinx, page: ResolvePage) -> None:
    """Resolve step: quizzes, answer keys, claim data left by the directives, "asked in" markers."""
    placeholders = page.of_kind(*QUIZ_KINDS)
    if not placeholders and not page.claims:
        return
    docname = page.docname
    quizset = built_quizzes(app)
    # The widget needs a browser; e-books and PDFs get plain questions with the answers at the end.
    is_html = interactive(app)
    for placeholder in placeholders:
        kind, target = placeholder["kind"], placeholder["target"]
        replacement: list[nodes.Node] = []
        if kind == "quiz" and target in quizset.quizzes:
            quiz = quizset.quizzes[target]
            if is_html:
                replacement = [nodes.raw("", quiz_html(app, docname, quiz), format="html")]
            else:
                replacement = quiz_nodes(quiz, with_answers=True, app=app, docname=docname)
        elif kind == "quiz-key" and target in quizset.quizzes:
            replacement = key_nodes(quizset.quizzes[target], app=app, docname=docname)
        elif kind == "quiz-count":
            if target in quizset.quizzes:
                replacement = [nodes.Text(str(len(quizset.quizzes[target].questions)))]
            else:
                warn("quiz-filter", f"quiz-count names unknown quiz {target!r}", placeholder)
                replacement = [nodes.Text(target)]
        elif kind == "claim-quizzes":  # after a block claim
            note = _asked_in(app, docname, quizset, target)
            replacement = [nodes.paragraph("", "", note, classes=["sg-asked-block"])] if note else []
        placeholder.replace_self(replacement)
    # inline claims: the marker goes right after the marked words
    for passage in page.claims:
        note = _asked_in(app, docname, quizset, passage["sg_claim"])
        if note is not None:
            passage.parent.insert(passage.parent.index(passage) + 1, note)


def setup_render(app: Sphinx) -> None:
    register_feature(Feature("quizzes", resolve=resolve_quizzes, fingerprint=quiz_fingerprints))
