"""Exams: their own questions, a hand-in page without answers, and keys kept off the site.

Each ``quiz-exam`` page shows an exam drawn for its quiz with a seed of its own, from
questions no practice quiz asks (so no practice page, answer key, export or
``quizzes.json`` holds an exam question), at most one question per claim, and no
fill-in-the-blank whose answer another question of the exam prints; it asks as many
questions as its quiz, or fewer when its claims give no more. The page holds the
questions only; ``exam.js`` lets the student answer and download a results file. The
answers go to a keys file in a teacher folder outside the HTML output
(``studyguide_exam_keys_dir``, by default ``<outdir>/../teacher``), which the ``grade``
command reads; Read the Docs publishes only the HTML output.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import replace
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from docutils import nodes

from studyguide.core import Feature, ReadPage, ResolvePage, register_feature
from studyguide.i18n import _
from studyguide.quiz.directive import BuiltQuiz, QuizSet, built_quizzes, wording
from studyguide.quiz.exam import KEYS_FILE, exam_id, keys_document, keys_text, pick_exam_questions
from studyguide.quiz.export import HTML_BUILDERS
from studyguide.quiz.generate import Question, build_quiz, question_key
from studyguide.quiz.keyfacts import key_facts, key_lines
from studyguide.quiz.passages import passages
from studyguide.quiz.quality import check_quiz
from studyguide.quiz.render import input_kind, inputs_html, interactive, quiz_nodes
from studyguide.warnings import warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from studyguide.domain import StudyGuideDomain

# the exams of the last QuizSet built (a QuizSet is rebuilt whenever the domain's data changes)
_cache: dict[str, tuple[QuizSet, dict[str, BuiltQuiz]]] = {}


def exam_version(questions: Iterable[Question]) -> str:
    """A digest of what the exam asks and accepts (not of links, which differ by builder)."""
    parts = [[q.id, q.type, q.prompt, q.choices, q.answer, q.items] for q in questions]
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode("utf-8")).hexdigest()[:12]


def built_exams(app: Sphinx) -> dict[str, BuiltQuiz]:
    """quiz id -> its exam (a quiz of its own questions), for every quiz with an exam page."""
    quizset = built_quizzes(app)
    cached = _cache.get("last")
    if cached is not None and cached[0] is quizset:
        return cached[1]
    practice = {question_key(q) for quiz in quizset.quizzes.values() for q in quiz.questions}
    claims = list(quizset.claims.values())
    people = quizset.people
    domain = cast("StudyGuideDomain", app.env.domains["sg"])
    exams: dict[str, BuiltQuiz] = {}
    for quiz_id, quiz in sorted(quizset.quizzes.items()):
        if not quiz.exam_docname:
            continue
        spec = quiz.record.spec
        options = domain.docs[quiz.exam_docname].exam_options.get(quiz_id, {})
        seed = str(options.get("seed") or f"{spec.seed or spec.id}-exam")
        pool, used = build_quiz(
            replace(spec, seed=seed, count=None), claims, people, wording(), avoid=practice
        )
        fresh = {c.id for c in used} - set(quizset.usage)
        questions = pick_exam_questions(pool, options.get("count", spec.count), seed, prefer=fresh)
        exams[quiz_id] = BuiltQuiz(quiz.record, questions, used, exam_version(questions))
    _cache["last"] = (quizset, exams)
    return exams


def check_exams(app: Sphinx, env: BuildEnvironment) -> None:
    """An exam left with no question, or one that is not a set (the quiz checks)."""
    quizzes = built_quizzes(app).quizzes
    domain = cast("StudyGuideDomain", env.domains["sg"])
    for quiz_id, exam in built_exams(app).items():
        if not exam.questions:
            warn(
                "exam-empty",
                f"the exam of quiz {quiz_id!r} has no question: every question its claims give "
                "is asked on a practice page",
                (quizzes[quiz_id].exam_docname, None),
            )
            continue
        # an exam is a set too: the same rules as a practice quiz
        docname = quizzes[quiz_id].exam_docname
        line = domain.docs[docname].exams.get(quiz_id) if docname in domain.docs else None
        for finding in check_quiz(f"{quiz_id} (exam)", exam.questions).findings:
            warn(finding.subtype, finding.message, (docname, line))


# -- the exam page -----------------------------------------------------------------------
def exam_labels() -> dict[str, str]:
    """The exam page's words, translated (literal calls, so extraction finds them)."""
    return {
        "name": _("Your name"),
        "begin": _("Start the exam"),
        "needName": _("Enter your name first."),
        "hello": _("Answering as {name}."),
        "unanswered": _("Not answered yet: {list}."),
        "question": _("question {n}"),
        "allAnswered": _("Every question has an answer."),
        "submit": _("Hand in"),
        "confirm": _("Questions without an answer: {n}. Press Hand in again to hand in anyway."),
        "submitted": _("Handed in at {time}. Download your results file and give it to your teacher."),
        "download": _("Download your results file"),
        "saved": _("Your answers are saved in this browser until you hand in."),
    }


def exam_question_html(exam: BuiltQuiz, question: Question) -> str:
    """A question, and nothing that tells its answer (choices are all marked up alike)."""
    opaque = exam_id(exam.record.id, exam.version, question.id)
    qid = escape(f"q-{exam.record.id}--{opaque}", quote=True)
    kind = input_kind(question)
    if kind == "radio":
        choices = "".join(
            f'<label class="sg-choice"><input type="radio" name="{qid}" value="{escape(text, quote=True)}"> '
            f"{escape(text)}</label>"
            for text in question.choices
        )
        inputs = f'<div class="sg-choices">{choices}</div>'
    else:
        inputs = inputs_html(question, qid)
    return (
        f'<li class="sg-question" id="{qid}" data-sg-qid="{opaque}" data-sg-kind="{kind}">'
        f'<fieldset class="sg-fieldset"><legend class="sg-prompt">{escape(question.prompt)}</legend>'
        f"{inputs}</fieldset></li>"
    )


def exam_html(exam: BuiltQuiz) -> str:
    record = exam.record
    labels = exam_labels()
    texts = escape(json.dumps(labels, ensure_ascii=False), quote=True)
    intro = _(
        "Exam: give your name, answer every question, then hand in and download your results "
        "file for your teacher. Nothing is checked or sent anywhere; your teacher grades the file."
    )
    questions = "".join(exam_question_html(exam, q) for q in exam.questions)
    return (
        f'<section class="sg-quiz sg-exam sg-apparatus" id="sg-exam-{escape(record.id, quote=True)}" '
        f'data-sg-quiz="{escape(record.id, quote=True)}" data-sg-version="{exam.version}" '
        f"aria-label=\"{escape(record.title, quote=True)}\" data-sg-text='{texts}'>"
        f'<p class="sg-exam-intro">{escape(intro)}</p>'
        f'<div class="sg-exam-start" hidden><label>{escape(labels["name"])} '
        f'<input type="text" name="sg-student" autocomplete="name" maxlength="200"></label> '
        f'<button type="button" class="sg-begin">{escape(labels["begin"])}</button>'
        f'<p class="sg-exam-note" role="status" aria-live="polite"></p></div>'
        f'<p class="sg-exam-who" hidden></p>'
        f'<ol class="sg-questions">{questions}</ol>'
        f'<div class="sg-quiz-bar sg-exam-bar" hidden>'
        f'<p class="sg-unanswered" role="status" aria-live="polite"></p>'
        f'<button type="button" class="sg-submit">{escape(labels["submit"])}</button>'
        f'<p class="sg-exam-status" role="status" aria-live="polite"></p>'
        f'<button type="button" class="sg-download" hidden>{escape(labels["download"])}</button>'
        f"</div></section>"
    )


def resolve_exams(app: Sphinx, page: ResolvePage) -> None:
    """Resolve step: each exam placeholder becomes the exam (HTML) or its questions (elsewhere)."""
    placeholders = page.of_kind("quiz-exam")
    if not placeholders:
        return
    exams = built_exams(app)
    for placeholder in placeholders:
        exam = exams.get(placeholder["target"])
        replacement: list[nodes.Node] = []
        if exam is not None and interactive(app):
            replacement = [nodes.raw("", exam_html(exam), format="html")]
        elif exam is not None:
            replacement = quiz_nodes(exam, with_answers=False)
        placeholder.replace_self(replacement)


def keep_out_of_search(env: BuildEnvironment, page: ReadPage) -> None:
    """Read step: an exam page's questions stay out of the search index (Sphinx's ``nosearch``)."""
    if any(p["kind"] == "quiz-exam" for p in page.placeholders):
        env.metadata.setdefault(page.docname, {})["nosearch"] = True


def keep_sources_private(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    """Where a site has exams, pages with claims publish no ``_sources`` copy (``html_copy_source``).

    Their markup holds the answers: a claim's ``:false:`` statements, ``:answer:`` and ``:wrong:``.
    Sphinx copies a page's source after this event, and only when ``sourcename`` is set.
    """
    domain = cast("StudyGuideDomain", app.env.domains["sg"])
    data = domain.docs.get(pagename)
    if data is None or not data.claims:
        return
    has_exams = domain.build_cache.get("site-has-exams")
    if has_exams is None:
        has_exams = domain.build_cache["site-has-exams"] = any(d.exams for d in domain.docs.values())
    if has_exams:
        context["sourcename"] = ""


def exam_fingerprints(app: Sphinx, docnames: Iterable[str]) -> dict[str, str]:
    """For each exam page, a digest of the exam it shows."""
    domain = cast("StudyGuideDomain", app.env.domains["sg"])
    exams = built_exams(app)
    result = {}
    for docname in docnames:
        data = domain.docs.get(docname)
        if data is None or not data.exams:
            continue
        parts = [[q, exams[q].version if q in exams else None] for q in sorted(data.exams)]
        result[docname] = hashlib.sha256(json.dumps(parts).encode("utf-8")).hexdigest()
    return result


# -- the teacher folder --------------------------------------------------------------------
def teacher_dir(app: Sphinx) -> Path:
    """Where exam keys go: the configured folder (relative to conf.py's), or <outdir>/../teacher."""
    configured = str(app.config.studyguide_exam_keys_dir or "")
    if not configured:
        return Path(app.outdir).resolve().parent / "teacher"
    return (Path(app.confdir) / configured).resolve()


def keys_json(app: Sphinx) -> dict[str, Any]:
    exams = []
    asked: set[str] = set()
    for quiz_id, exam in sorted(built_exams(app).items()):
        asked.update(q.claim for q in exam.questions if q.claim)
        questions = [{**q.as_json(), "exam_id": exam_id(quiz_id, exam.version, q.id)} for q in exam.questions]
        exams.append(
            {
                "quiz": quiz_id,
                "title": exam.record.title,
                "exam_version": exam.version,
                "questions": questions,
            }
        )
    return keys_document(exams, passages(app, built_quizzes(app).claims, asked))


def write_keys(app: Sphinx, exception: BaseException | None) -> None:
    if exception is not None or app.builder.name not in HTML_BUILDERS or not built_exams(app):
        return
    folder = teacher_dir(app)
    outdir = Path(app.outdir).resolve()
    if folder == outdir or outdir in folder.parents:
        warn(
            "exam-keys",
            f"studyguide_exam_keys_dir {str(folder)!r} is inside the HTML output, which is published; "
            "exam keys were not written",
        )
        return
    data = keys_json(app)
    files = {KEYS_FILE: json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"}
    quizset = built_quizzes(app)
    built = built_exams(app)
    for exam in data["exams"]:
        notes = {
            q.id: key_lines(key_facts(q, quizset.claims, quizset.people), q.links)
            for q in built[exam["quiz"]].questions
        }
        files[f"{exam['quiz']}-exam-key.txt"] = keys_text(exam, notes)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name, text in files.items():
            path = folder / name
            if not (path.is_file() and path.read_text("utf-8") == text):
                path.write_text(text, "utf-8")
    except OSError as exc:
        warn("exam-keys", f"cannot write exam keys to {folder}: {exc.strerror or exc}")


def setup_exams(app: Sphinx) -> None:
    app.add_config_value("studyguide_exam_keys_dir", "", "", types=[str])
    app.connect("env-check-consistency", check_exams, priority=650)
    register_feature(
        Feature("exams", read=keep_out_of_search, resolve=resolve_exams, fingerprint=exam_fingerprints)
    )
    app.connect("html-page-context", keep_sources_private)
    app.connect("build-finished", write_keys)
