"""Exports written once per HTML build: ``quizzes.json``, Moodle GIFT and QTI 1.2 packages.

All three are byte-for-byte reproducible: sorted keys, no timestamps, fixed zip dates.
No author text can break them: GIFT text is kept on one line with every special character
escaped and no leading ``%weight%`` or ``[format]`` left for Moodle to read; QTI text loses
the characters XML 1.0 forbids.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

from sphinx.util import logging

from studyguide.quiz.directive import BuiltQuiz, built_quizzes
from studyguide.quiz.generate import Question
from studyguide.quiz.render import EXPORT_DIR
from studyguide.quiz.variants import accepted_variants

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger("studyguide")
QUIZZES_JSON_VERSION = 1
#: said in an export (a comment) where the format has no ordering question
CANNOT_HOLD_ORDER = (
    "{format} has no ordering question: this one is exported as matching, each event to its position"
)
HTML_BUILDERS = ("html", "dirhtml", "singlehtml")
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)


# -- quizzes.json ------------------------------------------------------------------------
def quizzes_json(app: Sphinx) -> dict[str, Any]:
    quizset = built_quizzes(app)
    return {
        "version": QUIZZES_JSON_VERSION,
        "quizzes": [
            {
                "id": quiz.record.id,
                "title": quiz.record.title,
                "url": f"{app.builder.get_target_uri(quiz.record.docname)}#sg-quiz-{quiz.record.id}",
                "quiz_version": quiz.version,
                "questions": [q.as_json() for q in quiz.questions],
            }
            for quiz in quizset.quizzes.values()
        ],
    }


# -- text any format can hold -----------------------------------------------------------
# What XML 1.0 forbids (C0 controls but tab and line breaks, surrogates, U+FFFE and U+FFFF),
# and the C1 controls, which no reader wants.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """Text without the characters XML 1.0 cannot hold."""
    return _NOT_XML.sub("", text)


def one_line(text: str) -> str:
    """Text on one line: no control characters, every run of whitespace (line breaks too) one space."""
    return " ".join(xml_text(text).split())


# -- GIFT --------------------------------------------------------------------------------
_GIFT_SPECIAL = re.compile(r"([~=#{}:\\])")
# Moodle reads "%50%" at the start of an answer as its weight, and "[html]" at the start of
# any text as its format; an explicit "[moodle]" (the default format) makes both plain text.
_GIFT_LEADING = ("%", "[")


def gift_plain(text: str) -> str:
    """GIFT text Moodle reads as is (the right side of a matching pair): one line, escaped."""
    return _GIFT_SPECIAL.sub(r"\\\1", one_line(text))


def gift_escape(text: str) -> str:
    """GIFT text: one line, its special characters escaped, no leading weight or format."""
    escaped = gift_plain(text)
    return "[moodle]" + escaped if escaped.startswith(_GIFT_LEADING) else escaped


def gift_row(text: str) -> str:
    """Text in an answer block where "->" would mean a matching pair: the arrow as "-&gt;".

    Moodle splits a pair at its first "->", and reads any answer block with "=" and "->"
    as a matching question.
    """
    return gift_escape(text).replace("->", "-&gt;")


def gift_short_answer(text: str) -> str:
    """An accepted answer of a short-answer question: "*" is Moodle's wildcard there, so "\\*"."""
    return gift_row(text.replace("*", "\\*"))


def gift_question(question: Question, quiz_id: str = "") -> str:
    title = f"::{gift_escape(question.id)}::"
    prompt = gift_escape(question.prompt)
    feedback = f" ####{gift_escape(question.explanation)}" if question.explanation else ""
    if question.type == "tf":
        # choices are (true, false) in the build's language
        body = "{" + ("TRUE" if question.answer[0] == question.choices[0] else "FALSE") + feedback + "}"
    elif question.type == "blank":
        answers = accepted_variants([one_line(a) for a in question.answer])
        body = "{" + " ".join(f"={gift_short_answer(a)}" for a in answers) + feedback + "}"
    elif question.type == "order":
        pairs = [f"={gift_row(item)} -> {position}" for position, item in enumerate(question.answer, 1)]
        body = "{\n" + "\n".join(pairs) + feedback + "\n}"
    elif question.type == "match":
        pairs = [
            f"={gift_row(i)} -> {gift_plain(r)}" for i, r in zip(question.items, question.answer, strict=True)
        ]
        body = "{\n" + "\n".join(pairs) + feedback + "\n}"
    else:
        options = [("=" if c in question.answer else "~") + gift_escape(c) for c in question.choices]
        body = "{\n" + "\n".join(options) + feedback + "\n}"
    source = f"// source: {gift_comment(question.source)}\n" if question.source else ""
    if question.type == "order":
        source += f"// {CANNOT_HOLD_ORDER.format(format='GIFT')}\n"
    # Moodle (3.6+) keeps "[id:...]" of a comment line as the question's ID number, "[tag:...]" as tags.
    marks = " ".join(f"[tag:{gift_id(t)}]" for t in question_tags(quiz_id, question))
    ident = f"// [id:{gift_id(question.id)}] {marks}\n"
    return (
        f"// question: {gift_comment(question.id)} ({question.type})\n{ident}{source}{title}{prompt} {body}\n"
    )


def question_tags(quiz_id: str, question: Question) -> list[str]:
    """Tags of an exported question: its quiz, its type and its claim."""
    found = [f"quiz-{quiz_id}"] if quiz_id else []
    found.append(f"type-{question.type}")
    return [*found, f"claim-{question.claim}"] if question.claim else found


def gift_comment(text: str) -> str:
    """Text for a comment line: one line, and no "[id:...]" or "[tag:...]" for Moodle to take."""
    return one_line(text).replace("[", "(").replace("]", ")")


def gift_id(text: str) -> str:
    """An ID number for Moodle's "[id:...]": one line, no "]" or backslash to end it early."""
    return re.sub(r"[\]\\\s]+", "-", one_line(text))


def gift_document(quiz: BuiltQuiz) -> str:
    header = (
        f"// {gift_comment(quiz.record.title)} (quiz {gift_comment(quiz.record.id)}, version {quiz.version})\n"
        f"$CATEGORY: {one_line(quiz.record.id)}\n\n"
    )
    return header + "\n".join(gift_question(q, quiz.record.id) for q in quiz.questions)


# -- QTI 1.2 -----------------------------------------------------------------------------
def _mattext(text: str) -> str:
    return f'<material><mattext texttype="text/plain">{xml_escape(xml_text(text))}</mattext></material>'


def _metadata(qti_type: str, points: int = 1) -> str:
    fields = [("question_type", qti_type), ("points_possible", str(points))]
    body = "".join(
        f"<qtimetadatafield><fieldlabel>{k}</fieldlabel><fieldentry>{v}</fieldentry></qtimetadatafield>"
        for k, v in fields
    )
    return f"<itemmetadata><qtimetadata>{body}</qtimetadata></itemmetadata>"


# the explanation, shown whatever the answer: a condition that always holds, then the next ones
_SHOW_FEEDBACK = (
    '<respcondition continue="Yes"><conditionvar><other/></conditionvar>'
    '<displayfeedback feedbacktype="Response" linkrefid="general_fb"/></respcondition>'
)


def _choice_item(question: Question, qti_type: str) -> str:
    labels = "".join(
        f'<response_label ident="c{i}">{_mattext(choice)}</response_label>'
        for i, choice in enumerate(question.choices)
    )
    right = question.choices.index(question.answer[0])
    return (
        _metadata(qti_type)
        + f'<presentation>{_mattext(question.prompt)}<response_lid ident="response1" rcardinality="Single">'
        f"<render_choice>{labels}</render_choice></response_lid></presentation>"
        '<resprocessing><outcomes><decvar maxvalue="100" minvalue="0" varname="SCORE" vartype="Decimal"/></outcomes>'
        f"{_SHOW_FEEDBACK if question.explanation else ''}"
        f'<respcondition continue="No"><conditionvar><varequal respident="response1">c{right}</varequal></conditionvar>'
        '<setvar action="Set" varname="SCORE">100</setvar></respcondition></resprocessing>'
    )


def _blank_item(question: Question) -> str:
    # one condition per accepted answer: several <varequal> in one <conditionvar> are all required
    conditions = "".join(
        f'<respcondition continue="No"><conditionvar><varequal respident="response1">{xml_escape(xml_text(a))}'
        '</varequal></conditionvar><setvar action="Set" varname="SCORE">100</setvar></respcondition>'
        for a in accepted_variants([one_line(a) for a in question.answer])
    )
    return (
        _metadata("short_answer_question")
        + f'<presentation>{_mattext(question.prompt)}<response_str ident="response1" rcardinality="Single">'
        '<render_fib><response_label ident="answer1" rshuffle="No"/></render_fib></response_str></presentation>'
        '<resprocessing><outcomes><decvar maxvalue="100" minvalue="0" varname="SCORE" vartype="Decimal"/></outcomes>'
        f"{_SHOW_FEEDBACK if question.explanation else ''}{conditions}</resprocessing>"
    )


def _matching_item(question: Question) -> str:
    """Matching (Canvas ``matching_question``); an ordering question matches items to positions."""
    if question.type == "order":
        options = [str(i) for i in range(1, len(question.items) + 1)]
        right = [str(question.answer.index(item) + 1) for item in question.items]
    else:
        options = list(question.choices)
        right = list(question.answer)
    labels = "".join(
        f'<response_label ident="o{i}">{_mattext(o)}</response_label>' for i, o in enumerate(options)
    )
    rows = "".join(
        f'<response_lid ident="row{i}">{_mattext(item)}<render_choice>{labels}</render_choice></response_lid>'
        for i, item in enumerate(question.items)
    )
    share = f"{100 / len(question.items):.2f}"
    conditions = "".join(
        f'<respcondition continue="Yes"><conditionvar><varequal respident="row{i}">o{options.index(r)}</varequal>'
        f'</conditionvar><setvar varname="SCORE" action="Add">{share}</setvar></respcondition>'
        for i, r in enumerate(right)
    )
    note = f"<!-- {CANNOT_HOLD_ORDER.format(format='QTI 1.2')} -->" if question.type == "order" else ""
    return (
        note
        + _metadata("matching_question")
        + f"<presentation>{_mattext(question.prompt)}{rows}</presentation>"
        '<resprocessing><outcomes><decvar maxvalue="100" minvalue="0" varname="SCORE" vartype="Decimal"/></outcomes>'
        f"{_SHOW_FEEDBACK if question.explanation else ''}{conditions}</resprocessing>"
    )


def qti_item(question: Question) -> str:
    if question.type == "tf":
        body = _choice_item(question, "true_false_question")
    elif question.type == "blank":
        body = _blank_item(question)
    elif question.type in ("order", "match"):
        body = _matching_item(question)
    else:
        body = _choice_item(question, "multiple_choice_question")
    feedback = ""
    if question.explanation:
        feedback = f'<itemfeedback ident="general_fb"><flow_mat>{_mattext(question.explanation)}</flow_mat></itemfeedback>'
    ident = quoteattr(one_line(question.id))
    return f"<item ident={ident} title={ident}>{body}{feedback}</item>"


def qti_assessment(quiz: BuiltQuiz) -> str:
    items = "\n".join(qti_item(q) for q in quiz.questions)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<questestinterop xmlns="http://www.imsglobal.org/xsd/ims_qtiasiv1p2" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xsi:schemaLocation="http://www.imsglobal.org/xsd/ims_qtiasiv1p2 '
        'http://www.imsglobal.org/xsd/ims_qtiasiv1p2p1.xsd">\n'
        f"<assessment ident={quoteattr(one_line(quiz.record.id))} title={quoteattr(one_line(quiz.record.title))}>"
        "<qtimetadata><qtimetadatafield><fieldlabel>cc_maxattempts</fieldlabel><fieldentry>1</fieldentry>"
        "</qtimetadatafield></qtimetadata>\n"
        f'<section ident="root_section">\n{items}\n</section></assessment></questestinterop>\n'
    )


def qti_manifest(quiz: BuiltQuiz) -> str:
    ident = quiz.record.id
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f"<manifest identifier={quoteattr(f'manifest-{ident}')} "
        'xmlns="http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1">\n'
        "<metadata><schema>IMS Content</schema><schemaversion>1.1.3</schemaversion></metadata>\n"
        "<organizations/>\n"
        f'<resources><resource identifier={quoteattr(f"res-{ident}")} type="imsqti_xmlv1p2">'
        f"<file href={quoteattr(f'{ident}/{ident}.xml')}/>"
        f"<dependency identifierref={quoteattr(f'res-{ident}-meta')}/></resource>\n"
        f"<resource identifier={quoteattr(f'res-{ident}-meta')} "
        'type="associatedcontent/imscc_xmlv1p1/learning-application-resource" '
        f"href={quoteattr(f'{ident}/assessment_meta.xml')}>"
        f"<file href={quoteattr(f'{ident}/assessment_meta.xml')}/></resource></resources>\n"
        "</manifest>\n"
    )


def qti_meta(quiz: BuiltQuiz) -> str:
    """Canvas's quiz settings (``assessment_meta.xml``): a practice quiz, one point a question,
    answers shown after the attempt, questions in the site's order, one attempt."""
    fields = [
        ("title", one_line(quiz.record.title)),
        ("description", ""),
        ("shuffle_answers", "false"),
        ("scoring_policy", "keep_highest"),
        ("quiz_type", "practice_quiz"),
        ("points_possible", str(len(quiz.questions))),
        ("show_correct_answers", "true"),
        ("allowed_attempts", "1"),
        ("one_question_at_a_time", "false"),
        ("cant_go_back", "false"),
        ("anonymous_submissions", "false"),
    ]
    body = "".join(f"<{k}>{xml_escape(xml_text(v))}</{k}>" for k, v in fields)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<quiz identifier={quoteattr(one_line(quiz.record.id))} xmlns="http://canvas.instructure.com/xsd/cccv1p0">'
        f"{body}</quiz>\n"
    )


def qti_package(quiz: BuiltQuiz) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for name, text in (
            ("imsmanifest.xml", qti_manifest(quiz)),
            (f"{quiz.record.id}/{quiz.record.id}.xml", qti_assessment(quiz)),
            (f"{quiz.record.id}/assessment_meta.xml", qti_meta(quiz)),
        ):
            info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            package.writestr(info, text.encode("utf-8"))
    return buffer.getvalue()


# -- writing -----------------------------------------------------------------------------
def _write_if_changed(path: Path, data: bytes) -> None:
    if path.exists() and path.read_bytes() == data:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def write_exports(app: Sphinx, exception: BaseException | None) -> None:
    if exception is not None or app.builder.name not in HTML_BUILDERS:
        return
    quizset = built_quizzes(app)
    if not quizset.quizzes:
        return
    out = Path(app.outdir)
    text = json.dumps(quizzes_json(app), ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    _write_if_changed(out / "quizzes.json", text.encode("utf-8"))
    for quiz in quizset.quizzes.values():
        _write_if_changed(out / EXPORT_DIR / f"{quiz.record.id}.gift", gift_document(quiz).encode("utf-8"))
        _write_if_changed(out / EXPORT_DIR / f"{quiz.record.id}-qti12.zip", qti_package(quiz))
    orders = sum(q.type == "order" for quiz in quizset.quizzes.values() for q in quiz.questions)
    if orders:  # said once a build, and in a comment at each question
        logger.info(
            "studyguide: GIFT and QTI 1.2 have no ordering question; %d ordering question(s) exported "
            "there as matching (Moodle XML keeps them as ordering)",
            orders,
        )


def setup_exports(app: Sphinx) -> None:
    app.connect("build-finished", write_exports)
