"""Rendering and export functions one at a time, on questions written here by hand.

Fast (no Sphinx build) so that `make mutate` can run them against every mutant; the expected
values are written out in full, never computed with the product's own helpers. The snapshot
tests at the end pin the widget's markup (the contract with quiz.js and quiz.css) and the
export files (what Moodle and Canvas import); refresh with STUDYGUIDE_UPDATE_SNAPSHOTS=1
after a deliberate change, and read the diff.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from xml.etree import ElementTree

import pytest
import sphinx.locale
from docutils import nodes

from studyguide.quiz import export, moodle_xml, render
from studyguide.quiz.directive import BuiltQuiz, QuizRecord, QuizSet
from studyguide.quiz.generate import Question, QuizSpec
from tests import gift

SNAPSHOTS = Path(__file__).parent / "snapshots"
QTI = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"

WHO = Question(
    "c-1-who",
    "who",
    "Who holds this view? “x”",
    ("Anna", "Boris", "Clara"),
    ("Boris",),
    "Boris says so.",
    "c-1",
    "a.html#c-1",
)
TF = Question(
    "c-1-tf", "tf", "True or false? Boris: “y”", ("True", "False"), ("False",), "", "c-1", "a.html#c-1"
)
TF_TRUE = Question("c-2-tf", "tf", "True or false? Anna: “z”", ("True", "False"), ("True",), "", "c-2", "")
BLANK = Question(
    "c-1-blank", "blank", "Fill in: a _____ b", (), ("gates", "the gätes"), "", "c-1", "a.html#c-1"
)
MC = Question(
    "c-1-mc", "mc", "Which {one}?", ("w1", "w2", "right = 1", "w3"), ("right = 1",), "Why: ~so~", "c-1", ""
)
ORDER = Question(
    "q-order", "order", "Put in order.", ("Late", "Early", "Middle"), ("Early", "Middle", "Late"), "", "", "",
    items=("Late", "Early", "Middle"),
)  # fmt: skip
MATCH = Question(
    "q-match",
    "match",
    "Match.",
    ("r-b", "r-c", "r-a"),
    ("r-a", "r-b", "r-c"),
    "",
    "",
    "",
    items=("A", "B", "C"),
    links=(("A & co", "register/people.html#a"), ("B", "register/people.html#b")),
)
ALL = (WHO, TF, TF_TRUE, BLANK, MC, ORDER, MATCH)


@pytest.fixture(autouse=True, scope="module")
def english() -> Iterator[None]:
    """The extension's catalog as a build registers it, in English (words as written)."""
    sphinx.locale.init([], None, "studyguide")
    yield
    sphinx.locale.translators.clear()


def quiz(*questions: Question) -> BuiltQuiz:
    record = QuizRecord("qz", "quizzes/qz", 3, "The <quiz> & title", QuizSpec("qz"))
    return BuiltQuiz(record, list(questions), [], "0123456789ab")


# -- render: values quiz.js compares, and the words shown -----------------------------------------


def test_answer_values_are_what_the_inputs_send() -> None:
    assert render._answer_values(WHO) == ["1"]
    assert render._answer_values(TF) == ["1"]
    assert render._answer_values(TF_TRUE) == ["0"]
    assert render._answer_values(MC) == ["2"]
    assert render._answer_values(BLANK) == ["gates", "the gätes"]
    assert render._answer_values(ORDER) == ["3", "1", "2"]  # Late is 3rd, Early 1st, Middle 2nd
    assert render._answer_values(MATCH) == ["2", "0", "1"]  # A: r-a is option 2, ...


def test_answer_text() -> None:
    assert render._answer_text(WHO) == "Boris"
    assert render._answer_text(BLANK) == "gates / the gätes"  # every accepted answer
    assert render._answer_text(TF) == "False" and render._answer_text(MC) == "right = 1"
    assert render._answer_text(ORDER) == "Early → Middle → Late"
    assert render._answer_text(MATCH) == "A: r-a; B: r-b; C: r-c"


def test_kinds() -> None:
    assert [render.input_kind(q) for q in ALL] == [
        "radio",
        "radio",
        "radio",
        "text",
        "radio",
        "select",
        "select",
    ]


def test_inputs_html() -> None:
    assert render.inputs_html(WHO, "n") == (
        '<div class="sg-choices">'
        '<label class="sg-choice"><input type="radio" name="n" value="0"> Anna</label>'
        '<label class="sg-choice"><input type="radio" name="n" value="1"> Boris</label>'
        '<label class="sg-choice"><input type="radio" name="n" value="2"> Clara</label></div>'
    )
    assert render.inputs_html(BLANK, "n") == (
        '<label class="sg-blank">Your answer <input type="text" name="n" autocomplete="off" spellcheck="false"></label>'
    )
    order = render.inputs_html(ORDER, "n")
    options = '<option value="">Position…</option><option value="1">1</option><option value="2">2</option><option value="3">3</option>'
    assert order == (
        f'<ol class="sg-rows"><li><label>Late <select name="n-0">{options}</select></label></li>'
        f'<li><label>Early <select name="n-1">{options}</select></label></li>'
        f'<li><label>Middle <select name="n-2">{options}</select></label></li></ol>'
    )
    match = render.inputs_html(MATCH, "n")
    assert (
        '<option value="">Choose…</option><option value="0">r-b</option><option value="1">r-c</option><option value="2">r-a</option>'
        in match
    )
    assert match.count("<select") == 3 and '<select name="n-2">' in match and "<label>C <select" in match


def test_escaping_and_anchors() -> None:
    assert render._attr("a\"b<c>&'") == "a&quot;b&lt;c&gt;&amp;&#x27;"
    assert render.question_anchor("qz", "c-1-who") == "q-qz--c-1-who"
    hostile = Question("h", "mc", "p", ("<b>x</b>", "y"), ("y",), "", "", "")
    assert "&lt;b&gt;x&lt;/b&gt;" in render.inputs_html(hostile, "n")


def test_interactive_builders() -> None:
    def app(name: str, format: str = "html") -> object:
        return SimpleNamespace(builder=SimpleNamespace(name=name, format=format))

    assert render.interactive(app("html"))  # type: ignore[arg-type]
    assert render.interactive(app("dirhtml"))  # type: ignore[arg-type]
    assert render.interactive(app("singlehtml"))  # type: ignore[arg-type]
    for name in ("epub", "epub3", "simplepdf", "latex", "rinoh"):
        assert not render.interactive(app(name)), name  # type: ignore[arg-type]
    assert not render.interactive(app("text", "text"))  # type: ignore[arg-type]


def test_root_prefix() -> None:
    def app(uri: str) -> object:
        return SimpleNamespace(builder=SimpleNamespace(get_target_uri=lambda docname: uri))

    assert render._root_prefix(app("quiz.html"), "quiz") == ""  # type: ignore[arg-type]
    assert render._root_prefix(app("quizzes/answers/a.html"), "x") == "../../"  # type: ignore[arg-type]


# -- render: print (no widget) ----------------------------------------------------------------


def _texts(node: nodes.Node) -> list[str]:
    return [p.astext() for p in node.findall(nodes.paragraph)]


def test_print_questions() -> None:
    result = render.quiz_nodes(quiz(WHO, MATCH, BLANK), with_answers=False)
    assert len(result) == 1
    questions = result[0]
    assert isinstance(questions, nodes.enumerated_list)
    assert (questions["enumtype"], questions["prefix"], questions["suffix"]) == ("arabic", "", ".")
    assert questions["classes"] == ["sg-quiz-print"]
    who, match, blank = questions.children
    choices = next(iter(who.findall(nodes.enumerated_list)))
    assert (choices["enumtype"], choices["prefix"], choices["suffix"]) == ("loweralpha", "", ")")
    assert _texts(who) == ["Who holds this view? “x”", "Anna", "Boris", "Clara"]
    assert _texts(match) == ["Match.", "A ______", "B ______", "C ______", "Roles: r-b; r-c; r-a"]
    assert _texts(blank) == ["Fill in: a _____ b"]
    order = render.quiz_nodes(quiz(ORDER), with_answers=False)[0]
    assert _texts(order) == ["Put in order.", "Late ______", "Early ______", "Middle ______"]


def test_print_with_answers_and_key() -> None:
    result = render.quiz_nodes(quiz(WHO, ORDER), with_answers=True)
    assert [type(n).__name__ for n in result] == ["enumerated_list", "rubric", "enumerated_list"]
    assert result[1].astext() == "Answers"
    key = result[2]
    assert (key["enumtype"], key["prefix"], key["suffix"], key["classes"]) == ("arabic", "", ".", ["sg-key"])
    assert _texts(key) == [
        "Boris — Who holds this view? “x”",
        "Boris says so.",
        "Early → Middle → Late — Put in order.",
    ]
    assert next(iter(key.findall(nodes.strong))).astext() == "Boris"
    explain = [p for p in key.findall(nodes.paragraph) if "sg-explain" in p["classes"]]
    assert [p.astext() for p in explain] == ["Boris says so."]
    bare = render.key_nodes(quiz(WHO))
    assert [type(n).__name__ for n in bare] == ["enumerated_list"]  # the key page has no heading


# -- export: GIFT -----------------------------------------------------------------------------


def test_gift_escape() -> None:
    assert export.gift_escape("a ~ b = c # d { e } f : g \\ h") == r"a \~ b \= c \# d \{ e \} f \: g \\ h"
    assert export.gift_escape("  two\n lines\t here ") == "two lines here"


def test_gift_questions() -> None:
    assert export.gift_question(TF) == (
        "// question: c-1-tf (tf)\n// [id:c-1-tf] [tag:type-tf] [tag:claim-c-1]\n// source: a.html#c-1\n"
        "::c-1-tf::True or false? Boris\\: “y” {FALSE}\n"
    )
    assert (
        export.gift_question(TF_TRUE)
        == "// question: c-2-tf (tf)\n// [id:c-2-tf] [tag:type-tf] [tag:claim-c-2]\n"
        "::c-2-tf::True or false? Anna\\: “z” {TRUE}\n"
    )
    # the key's answers, then the spellings the site folds to them (article, plural -s)
    assert export.gift_question(BLANK).endswith(
        "::c-1-blank::Fill in\\: a _____ b {=gates =the gätes =gate =the gates =gätes =the gäte =the gate =gäte}\n"
    )
    assert (
        export.gift_question(MC, "qz").splitlines()[1]
        == "// [id:c-1-mc] [tag:quiz-qz] [tag:type-mc] [tag:claim-c-1]"
    )
    assert export.gift_question(MC).endswith(
        "::c-1-mc::Which \\{one\\}? {\n~w1\n~w2\n=right \\= 1\n~w3 ####Why\\: \\~so\\~\n}\n"
    )
    assert export.gift_question(WHO).endswith("{\n~Anna\n=Boris\n~Clara ####Boris says so.\n}\n")
    assert export.gift_question(ORDER).endswith("{\n=Early -> 1\n=Middle -> 2\n=Late -> 3\n}\n")
    assert export.gift_question(ORDER).splitlines()[2] == (
        "// GIFT has no ordering question: this one is exported as matching, each event to its position"
    )
    assert export.gift_question(MATCH).endswith("{\n=A -> r-a\n=B -> r-b\n=C -> r-c\n}\n")


def test_gift_document() -> None:
    text = export.gift_document(quiz(TF, TF_TRUE))
    assert text.startswith(
        "// The <quiz> & title (quiz qz, version 0123456789ab)\n$CATEGORY: qz\n\n// question: c-1-tf"
    )
    assert "{FALSE}\n\n// question: c-2-tf" in text


# -- export: QTI ------------------------------------------------------------------------------


def _item(question: Question) -> ElementTree.Element:
    return ElementTree.fromstring(
        export.qti_item(question).replace("<item ", f'<item xmlns="{QTI[1:-1]}" ', 1)
    )


def _fields(item: ElementTree.Element) -> dict[str, str]:
    return {
        f.findtext(f"{QTI}fieldlabel", ""): f.findtext(f"{QTI}fieldentry", "")
        for f in item.iter(f"{QTI}qtimetadatafield")
    }


def test_qti_choice_items() -> None:
    for question, kind, right in ((WHO, "multiple_choice_question", "c1"), (TF, "true_false_question", "c1"),
                                  (TF_TRUE, "true_false_question", "c0"), (MC, "multiple_choice_question", "c2")):  # fmt: skip
        item = _item(question)
        assert item.get("ident") == item.get("title") == question.id
        assert _fields(item) == {"question_type": kind, "points_possible": "1"}
        lid = item.find(f"{QTI}presentation/{QTI}response_lid")
        assert lid is not None and lid.get("ident") == "response1" and lid.get("rcardinality") == "Single"
        labels = [(r.get("ident"), r.findtext(f".//{QTI}mattext")) for r in lid.iter(f"{QTI}response_label")]
        assert labels == [(f"c{i}", c) for i, c in enumerate(question.choices)]
        *shown, condition = item.iter(f"{QTI}respcondition")
        # with an explanation, a first condition that always holds shows it, and scoring goes on
        assert [(c.get("continue"), c.find(f"{QTI}conditionvar/{QTI}other") is not None) for c in shown] == (
            [("Yes", True)] if question.explanation else []
        )
        for c in shown:
            display = c.find(f"{QTI}displayfeedback")
            assert display is not None and display.attrib == {
                "feedbacktype": "Response",
                "linkrefid": "general_fb",
            }
        assert condition.get("continue") == "No"
        equal = condition.find(f".//{QTI}varequal")
        assert equal is not None and equal.text == right and equal.get("respident") == "response1"
        setvar = condition.find(f"{QTI}setvar")
        assert setvar is not None and (setvar.get("action"), setvar.get("varname"), setvar.text) == (
            "Set",
            "SCORE",
            "100",
        )
        decvar = item.find(f".//{QTI}decvar")
        assert decvar is not None and decvar.attrib == {
            "maxvalue": "100",
            "minvalue": "0",
            "varname": "SCORE",
            "vartype": "Decimal",
        }
        mattext = item.find(f"{QTI}presentation/{QTI}material/{QTI}mattext")
        assert (
            mattext is not None
            and mattext.text == question.prompt
            and mattext.get("texttype") == "text/plain"
        )
    feedback = _item(WHO).find(f"{QTI}itemfeedback")
    assert feedback is not None and feedback.get("ident") == "general_fb"
    assert feedback.findtext(f".//{QTI}mattext") == "Boris says so."
    assert _item(TF).find(f"{QTI}itemfeedback") is None


def test_qti_blank_item() -> None:
    item = _item(BLANK)
    assert _fields(item)["question_type"] == "short_answer_question"
    response = item.find(f"{QTI}presentation/{QTI}response_str")
    assert (
        response is not None
        and response.get("ident") == "response1"
        and response.get("rcardinality") == "Single"
    )
    label = response.find(f"{QTI}render_fib/{QTI}response_label")
    assert label is not None and label.attrib == {"ident": "answer1", "rshuffle": "No"}
    accepted = ["gates", "the gätes", "gate", "the gates", "gätes", "the gäte", "the gate", "gäte"]
    assert [(e.get("respident"), e.text) for e in item.iter(f"{QTI}varequal")] == [
        ("response1", a) for a in accepted
    ]
    # each accepted answer is a condition of its own: in one <conditionvar> all would be required
    conditions = list(item.iter(f"{QTI}respcondition"))
    assert len(conditions) == len(accepted)
    for condition in conditions:
        assert len(list(condition.iter(f"{QTI}varequal"))) == 1
        assert condition.get("continue") == "No" and condition.findtext(f"{QTI}setvar") == "100"


def test_qti_matching_items() -> None:
    for question, options, keyed in ((ORDER, ["1", "2", "3"], ["o2", "o0", "o1"]),
                                     (MATCH, ["r-b", "r-c", "r-a"], ["o2", "o0", "o1"])):  # fmt: skip
        item = _item(question)
        assert _fields(item)["question_type"] == "matching_question"
        rows = item.findall(f"{QTI}presentation/{QTI}response_lid")
        assert [r.get("ident") for r in rows] == ["row0", "row1", "row2"]
        assert [r.findtext(f"{QTI}material/{QTI}mattext") for r in rows] == list(question.items)
        for row in rows:
            labels = [
                (x.get("ident"), x.findtext(f".//{QTI}mattext")) for x in row.iter(f"{QTI}response_label")
            ]
            assert labels == [(f"o{i}", o) for i, o in enumerate(options)]
        conditions = list(item.iter(f"{QTI}respcondition"))
        assert [
            (c.find(f".//{QTI}varequal").get("respident"), c.findtext(f".//{QTI}varequal"))
            for c in conditions
        ] == [  # type: ignore[union-attr]
            (f"row{i}", k) for i, k in enumerate(keyed)
        ]
        for c in conditions:
            assert c.get("continue") == "Yes"  # each row scores: the next condition is looked at too
            setvar = c.find(f"{QTI}setvar")
            assert setvar is not None and (setvar.get("action"), setvar.get("varname"), setvar.text) == (
                "Add",
                "SCORE",
                "33.33",
            )


def test_qti_assessment_and_manifest() -> None:
    text = export.qti_assessment(quiz(WHO, BLANK))
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<questestinterop ')
    root = ElementTree.fromstring(text.encode("utf-8"))
    assert root.tag == f"{QTI}questestinterop"
    assert root.get("{http://www.w3.org/2001/XMLSchema-instance}schemaLocation") == (
        "http://www.imsglobal.org/xsd/ims_qtiasiv1p2 http://www.imsglobal.org/xsd/ims_qtiasiv1p2p1.xsd"
    )
    assessment = root.find(f"{QTI}assessment")
    assert assessment is not None and assessment.attrib == {"ident": "qz", "title": "The <quiz> & title"}
    metadata = assessment.find(f"{QTI}qtimetadata")
    assert metadata is not None and _fields(metadata) == {"cc_maxattempts": "1"}
    section = assessment.find(f"{QTI}section")
    assert section is not None and section.get("ident") == "root_section"
    assert [i.get("ident") for i in section.iter(f"{QTI}item")] == ["c-1-who", "c-1-blank"]
    manifest = ElementTree.fromstring(export.qti_manifest(quiz(WHO)).encode("utf-8"))
    cp = "{http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1}"
    assert manifest.get("identifier") == "manifest-qz"
    assert manifest.findtext(f"{cp}metadata/{cp}schema") == "IMS Content"
    assert manifest.findtext(f"{cp}metadata/{cp}schemaversion") == "1.1.3"
    resource = manifest.find(f"{cp}resources/{cp}resource")
    assert resource is not None and resource.attrib == {"identifier": "res-qz", "type": "imsqti_xmlv1p2"}
    assert [f.get("href") for f in resource.iter(f"{cp}file")] == ["qz/qz.xml"]


def test_qti_manifest_text() -> None:
    assert export.qti_manifest(quiz(WHO)) == (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<manifest identifier="manifest-qz" xmlns="http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1">\n'
        "<metadata><schema>IMS Content</schema><schemaversion>1.1.3</schemaversion></metadata>\n"
        "<organizations/>\n"
        '<resources><resource identifier="res-qz" type="imsqti_xmlv1p2"><file href="qz/qz.xml"/>'
        '<dependency identifierref="res-qz-meta"/></resource>\n'
        '<resource identifier="res-qz-meta" type="associatedcontent/imscc_xmlv1p1/learning-application-resource" '
        'href="qz/assessment_meta.xml"><file href="qz/assessment_meta.xml"/></resource></resources>\n'
        "</manifest>\n"
    )


def test_qti_package_is_reproducible() -> None:
    data = export.qti_package(quiz(WHO, TF))
    assert data == export.qti_package(quiz(WHO, TF))
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        infos = package.infolist()
        assert [i.filename for i in infos] == ["imsmanifest.xml", "qz/qz.xml", "qz/assessment_meta.xml"]
        for info in infos:
            assert info.date_time == (1980, 1, 1, 0, 0, 0)
            assert info.compress_type == zipfile.ZIP_DEFLATED
            assert info.external_attr >> 16 == 0o644
        assert package.read("qz/qz.xml").decode("utf-8") == export.qti_assessment(quiz(WHO, TF))
        assert package.read("imsmanifest.xml").decode("utf-8") == export.qti_manifest(quiz(WHO, TF))


def test_write_if_changed(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "c.txt"  # folders made as needed
    export._write_if_changed(path, b"one")
    assert path.read_bytes() == b"one"
    os.utime(path, (1, 1))
    export._write_if_changed(path, b"one")
    assert path.stat().st_mtime == 1  # unchanged content: the file is left alone
    export._write_if_changed(path, b"two")
    assert path.read_bytes() == b"two"


# -- snapshots: the widget's markup and the export files ---------------------------------------


def _snapshot(name: str, text: str) -> None:
    path = SNAPSHOTS / name
    if os.environ.get("STUDYGUIDE_UPDATE_SNAPSHOTS"):
        path.write_text(text, "utf-8")
    assert text == path.read_text("utf-8"), (
        f"{name} changed: if meant, refresh with STUDYGUIDE_UPDATE_SNAPSHOTS=1"
    )


def fake_app() -> object:
    """Just what the widget reads: a builder's URIs and the build's claims (for the passage link)."""
    builder = SimpleNamespace(
        name="html",
        format="html",
        get_target_uri=lambda docname: f"{docname}.html",
        get_relative_uri=lambda fromdoc, todoc: "../" * fromdoc.count("/") + f"{todoc}.html",
    )
    claims = {"c-1": SimpleNamespace(piece="text/a"), "c-2": SimpleNamespace(piece="text/b")}
    domain = SimpleNamespace(quiz_cache=QuizSet(claims=claims))  # type: ignore[arg-type]
    return SimpleNamespace(builder=builder, env=SimpleNamespace(domains={"sg": domain}))


def _lines(html: str) -> str:
    return re.sub(r"(</li>|</p>|</fieldset>|</div>|</details>)", r"\1\n", html) + "\n"


def test_widget_markup_snapshot() -> None:
    built = quiz(*ALL)
    built.key_docname, built.exam_docname = "quizzes/answers/qz", "quizzes/exams/qz"
    html = render.quiz_html(fake_app(), "quizzes/qz", built)  # type: ignore[arg-type]
    _snapshot("quiz-widget.html", _lines(html))
    plain = render.quiz_html(fake_app(), "quizzes/qz", quiz(TF))  # type: ignore[arg-type]
    assert "answer key" not in plain and "exam version" not in plain


def test_asked_in_marker() -> None:
    app = fake_app()
    first = quiz(WHO)
    first.record = QuizRecord("one", "quizzes/one", 1, 'Say "hi"', QuizSpec("one"))
    second = quiz(TF)
    second.record = QuizRecord("two", "quizzes/two", 1, "Second", QuizSpec("two"))
    quizset = QuizSet(
        quizzes={"one": first, "two": second},
        usage={"c-1": [("one", "c-1-who"), ("one", "c-1-tf"), ("two", "c-1-tf")]},
    )
    node = render._asked_in(app, "text/a", quizset, "c-1")  # type: ignore[arg-type]
    assert isinstance(node, nodes.raw) and node["format"] == "html"
    assert node.astext() == (
        '<sup class="sg-asked sg-apparatus"><a href="../quizzes/one.html#q-one--c-1-who" '
        'title="Asked in: Say &quot;hi&quot;; Second" aria-label="Asked in: Say &quot;hi&quot;; Second">quiz</a></sup>'
    )
    assert render._asked_in(app, "text/a", quizset, "c-9") is None  # no quiz asks
    app.builder.name = "epub"  # type: ignore[attr-defined]
    assert render._asked_in(app, "text/a", quizset, "c-1") is None  # not in e-books


def test_export_snapshots() -> None:
    document = export.gift_document(quiz(*ALL))
    assert [q.title for q in gift.parse(document)] == [q.id for q in ALL]  # an independent parser reads it
    _snapshot("quiz.gift", document)
    _snapshot("quiz-qti.xml", export.qti_assessment(quiz(*ALL)).replace("><", ">\n<"))
    _snapshot("quiz-qti-meta.xml", export.qti_meta(quiz(*ALL)).replace("><", ">\n<"))
    _snapshot("quiz-moodle.xml", moodle_xml.moodle_document(quiz(*ALL)).replace("><", ">\n<"))


def test_gift_comment_and_id() -> None:
    """Comment lines hold no "[id:...]" or "[tag:...]" for Moodle to take; ids no "]" or backslash."""
    assert export.gift_comment("a [id:x]\n b") == "a (id:x) b"
    assert export.gift_id("a] b\\\\c\n d") == "a-b-c-d"
