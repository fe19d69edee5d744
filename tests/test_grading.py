"""Grading that no file can break: the hostile corpus, the gradebook, and the teacher's mistakes.

Expectations are written here (fixed names, reasons and cells) or read from the teacher's
keys file; never from what the grader itself reports.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest

from studyguide.__main__ import main
from studyguide.quiz.exam import KEYS_FILE, right_rows
from studyguide.quiz.grading import GradingError, grade, gradebook_csv, load_keys, write_atomically
from studyguide.quiz.results import find_results, nesting_depth, normalise_name

CORPUS = Path(__file__).parent / "data" / "hostile-results"

#: file -> the name it is graded under (as the gradebook's first cell shows it)
GRADED = {
    "bom.json": "Bom Reader",
    "CAPS.JSON": "Caps Lock",
    "per-student/ann/results.json": "Ann Folder",
    "per-student/bob/Results.Json": "Bob Folder",
    "surrogate-name.json": "Eve Surrogate",
    "rtl-nul-name.json": "Mallory",
    "formula-equals.json": '\'=HYPERLINK("http://evil.example","click")',
    "formula-plus.json": "'+cmd|' /C calc'!A0",
    "formula-minus.json": "'-1+1",
    "formula-at.json": "'@SUM(1+1)",
    "formula-tab.json": "'=1+2",
    "formula-cr.json": "'+3",
}
#: file -> the reason it is skipped for (a part of the line that names it)
SKIPPED = {
    "dup-nfc.json": "one of 4 files for 'Zoë Lee'",
    "dup-nfd.json": "one of 4 files for 'Zoë Lee'",
    "dup-space.json": "one of 4 files for 'Zoë Lee'",
    "dup-zwsp.json": "one of 4 files for 'Zoë Lee'",
    "null-name.json": "has a student name that is not text (null)",
    "object-name.json": 'has a student name that is not text ({"first": "Eve"})',
    "number-name.json": "has a student name that is not text (42)",
    "list-name.json": 'has a student name that is not text (["Eve"])',
    "empty-name.json": "has an empty student name",
    "long-name.json": "has a student name longer than 200 characters",
    "version-99.json": "has format version 99; this grader reads version 2",
    "version-1.json": "has format version 1; this grader reads version 2",
    "version-string.json": "has format version '2'; this grader reads version 2",
    "version-true.json": "has format version true; this grader reads version 2",
    "no-version.json": "has format version null; this grader reads version 2",
    "not-json.json": "is not valid JSON",
    "nan.json": "is not valid JSON (NaN is not JSON)",
    "not-utf8.json": "is not UTF-8 text",
    "utf16.json": "is not UTF-8 text",
    "empty.json": "is not valid JSON",
    "array.json": "is not a study-guide results file",
    "other-format.json": "is not a study-guide results file",
    "answers-list.json": "has no answers",
    "answer-number.json": "has an answer that is not text",
    "answer-long.json": "has an answer longer than 2000 characters",
    "other-quiz.json": "for quiz 'canal', not 'light'",
    "quiz-number.json": "has no quiz id",
    "old-version.json": "taken on exam version '0ld0ld0ld0ld' of 'light'",
    "deep-object.json": "nests deeper than 32 levels",
    # made by the fixture: git cannot hold them
    "deep-200000.json": "nests deeper than 32 levels",
    "big.json": "is larger than 1.0 MB",
    "fifo.json": "is not a regular file but a FIFO (named pipe)",
    "dev-zero.json": "is not a regular file but a device",
    "folder-link.json": "is not a regular file but a folder",
    "dangling.json": "cannot be read (No such file or directory)",
    "line\\x0abreak.json": "is not valid JSON",  # a line break in the name cannot forge a line
    "latin-\\udce9.json": "is not valid JSON",  # a name that is not UTF-8 cannot stop the printing
    "bidi-\\u202ename.json": "is not valid JSON",  # nor can a right-to-left override turn it round
}
#: how those names are printed -> the names on disk
ON_DISK = {
    "line\\x0abreak.json": "line\nbreak.json",
    "latin-\\udce9.json": os.fsdecode(b"latin-\xe9.json"),
    "bidi-\\u202ename.json": "bidi-\u202ename.json",
}


def teacher(site: Path) -> Path:
    return site.parent / "teacher"


def exam_keys(site: Path) -> dict[str, Any]:
    data = json.loads((teacher(site) / KEYS_FILE).read_text("utf-8"))
    return next(e for e in data["exams"] if e["quiz"] == "light")


@pytest.fixture
def hostile(exam_site: Path, tmp_path: Path) -> Path:
    """The corpus with the current exam version, and the files git cannot hold."""
    folder = tmp_path / "hostile"
    shutil.copytree(CORPUS, folder)
    version = exam_keys(exam_site)["exam_version"]
    for path in folder.rglob("*"):
        if path.is_file():
            path.write_bytes(path.read_bytes().replace(b"@VERSION@", version.encode()))
    (folder / "deep-200000.json").write_text("[" * 200_000 + "]" * 200_000)
    big = {"format": "studyguide-results", "format_version": 2, "quiz": "light", "student": "Big"}
    (folder / "big.json").write_text(json.dumps({**big, "padding": "x" * 1_200_000}))
    os.mkfifo(folder / "fifo.json")
    (folder / "dev-zero.json").symlink_to("/dev/zero")
    (folder / "a-folder").mkdir()
    (folder / "folder-link.json").symlink_to(folder / "a-folder")
    (folder / "dangling.json").symlink_to(folder / "nowhere")
    for name in ON_DISK.values():
        with open(os.path.join(os.fsencode(folder), os.fsencode(name)), "wb") as handle:
            handle.write(b"{not json")
    return folder


def test_hostile_corpus(exam_site: Path, hostile: Path) -> None:
    found = {p.relative_to(hostile).as_posix() for p in find_results(hostile)}
    # .json in any case, in sub-folders, nothing else
    assert found == set(GRADED) | {ON_DISK.get(name, name) for name in SKIPPED}
    report = grade(find_results(hostile), load_keys([teacher(exam_site)]), "light")
    reasons = {}
    for line in report.skipped:
        path, reason = line.split(": ", 1)
        reasons[Path(path).relative_to(hostile).as_posix()] = reason
    assert set(reasons) == set(SKIPPED)
    for name, reason in SKIPPED.items():
        assert reason in reasons[name], (name, reasons[name])
    table = list(csv.reader(io.StringIO(gradebook_csv(report, "light"))))
    assert sorted(row[0] for row in table[1:]) == sorted(GRADED.values())
    for row in table:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
            assert not any(ord(c) < 32 or 0xD800 <= ord(c) <= 0xDFFF or c == "\u202e" for c in cell), cell


def test_the_command_grades_the_hostile_corpus(
    exam_site: Path, hostile: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "book.csv"
    args = ["grade", str(hostile), "--quiz", "light", "--keys", str(teacher(exam_site)), "--out", str(out)]
    assert main(args) == 0
    err = capsys.readouterr().err
    assert "Traceback" not in err
    skipped = [line for line in err.splitlines() if line.startswith("skipped ")]
    assert len(skipped) == len(SKIPPED) and len(err.splitlines()) == len(SKIPPED)
    for name in SKIPPED:
        assert sum(str(hostile / name) + ":" in line for line in skipped) == 1, name
    rows = list(csv.reader(io.StringIO(out.read_text("utf-8"))))
    assert len(rows) == 1 + len(GRADED)


def test_a_right_answer_scores_and_the_claimed_score_is_ignored(exam_site: Path, tmp_path: Path) -> None:
    key = exam_keys(exam_site)
    perfect = {
        q["exam_id"]: right_rows(q) if q["type"] in ("order", "match") else [q["answer"][0]]
        for q in key["questions"]
    }
    half = dict(perfect)
    wrong = [q["exam_id"] for q in key["questions"]][::2]
    for qid in wrong:
        half[qid] = ["certainly wrong"]
    base = {"format": "studyguide-results", "format_version": 2, "quiz": "light"}
    for name, answers in (("ada", perfect), ("bob", half)):
        data = {**base, "exam_version": key["exam_version"], "student": name.title(), "answers": answers}
        (tmp_path / f"{name}.json").write_text(json.dumps({**data, "score": 999}))
    report = grade(find_results(tmp_path), load_keys([teacher(exam_site)]), "light")
    rows = {r["student"]: r for r in report.rows}
    total = len(key["questions"])
    assert rows["Ada"]["score"] == total and rows["Ada"]["total"] == total
    assert rows["Bob"]["score"] == total - len(wrong)
    table = list(csv.reader(io.StringIO(gradebook_csv(report, "light"))))
    assert table[0] == ["Student", "Quiz", "Version", "Score", "Out of", *[q["id"] for q in key["questions"]]]
    assert table[1][:5] == ["Ada", "light", key["exam_version"], str(total), str(total)]


def test_names_are_normalised() -> None:
    assert normalise_name(" Zoe\u0308\u200b \t Lee\u202e\x00 ") == "Zoë Lee"
    assert normalise_name("\ud800") == ""


def test_depth_is_counted_without_parsing() -> None:
    assert nesting_depth('{"a": [1, {"b": "[[[[{{{{"}]}') == 3
    assert nesting_depth('["\\"[["]') == 1
    assert nesting_depth("[" * 200_000) == 200_000


# -- the teacher's mistakes: one line on stderr, exit 2, nothing written ------------------------
def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(args)
    return code, capsys.readouterr().err


@pytest.fixture
def results(exam_site: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "results"
    folder.mkdir()
    data = {
        "format": "studyguide-results",
        "format_version": 2,
        "quiz": "light",
        "exam_version": exam_keys(exam_site)["exam_version"],
        "student": "Ada",
        "answers": {},
    }
    (folder / "ada.json").write_text(json.dumps(data))
    return folder


def bad_keys(tmp_path: Path) -> dict[str, Path]:
    cases = {
        "not-json": b"{oops",
        "wrong-format": json.dumps({"format": "quizzes"}).encode(),
        "bad-question": json.dumps(
            {
                "format": "studyguide-exam-keys",
                "format_version": 1,
                "exams": [{"quiz": "light", "exam_version": "x", "questions": [{"id": 1}]}],
            }
        ).encode(),
        "deep": b"[" * 100_000,
    }
    paths = {}
    for name, data in cases.items():
        path = tmp_path / f"{name}.json"
        path.write_bytes(data)
        paths[name] = path
    return paths


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("out-missing-folder", "--out {out}: there is no folder"),
        ("out-is-folder", "is a folder; name the CSV file to write"),
        ("keys-missing", "no exam keys at"),
        ("keys-not-json", "cannot read exam keys from"),
        ("keys-wrong-format", "is not a studyguide-exam-keys file"),
        ("keys-bad-question", "has a malformed question in exam 'light'"),
        ("keys-deep", "nests deeper than 8 levels"),
        ("keys-site-folder", f"no {KEYS_FILE} in"),
        ("results-missing", "no such folder"),
        ("unknown-quiz", "no exam key for quiz 'nope'"),
    ],
)
def test_teacher_mistakes(
    case: str,
    message: str,
    exam_site: Path,
    results: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / "book.csv"
    keys = teacher(exam_site)
    quiz, folder = "light", results
    if case == "out-missing-folder":
        out = tmp_path / "missing" / "book.csv"
    elif case == "out-is-folder":
        out = tmp_path
    elif case == "keys-missing":
        keys = tmp_path / "no-teacher"
    elif case.startswith("keys-") and case != "keys-site-folder":
        keys = bad_keys(tmp_path)[case.removeprefix("keys-")]
    elif case == "keys-site-folder":
        keys = exam_site
    elif case == "results-missing":
        folder = tmp_path / "absent"
    elif case == "unknown-quiz":
        quiz = "nope"
    before = sorted(p.name for p in tmp_path.rglob("*"))
    code, err = _run(["grade", str(folder), "--quiz", quiz, "--keys", str(keys), "--out", str(out)], capsys)
    assert code == 2
    assert len(err.splitlines()) == 1 and err.startswith("error: "), err
    assert message.format(out=out) in err
    assert "nothing was written" in err
    assert sorted(p.name for p in tmp_path.rglob("*")) == before


def test_never_overwrites_without_force(
    exam_site: Path, results: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "book.csv"
    args = ["grade", str(results), "--quiz", "light", "--keys", str(teacher(exam_site)), "--out", str(out)]
    assert main(args) == 0
    before = out.read_text("utf-8")
    assert before.splitlines()[1].startswith("Ada,light,")
    code, err = _run(args, capsys)
    assert code == 2 and "use --force" in err and out.read_text("utf-8") == before
    assert main([*args, "--force"]) == 0


def test_default_keys_are_the_teacher_folder_of_make_html(
    exam_site: Path, results: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = tmp_path / "project"
    (project / "docs" / "_build").mkdir(parents=True)
    shutil.copytree(teacher(exam_site), project / "docs" / "_build" / "teacher")
    monkeypatch.chdir(project)
    assert main(["grade", str(results), "--quiz", "light", "--out", "book.csv"]) == 0
    assert (project / "book.csv").read_text("utf-8").startswith("Student,")


def test_the_gradebook_is_whole_or_absent(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "book.csv"
    write_atomically(out, "Student\nEve\ud800\n")  # a lone surrogate cannot stop the write
    assert out.read_bytes() == b"Student\nEve?\n"

    def broken(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OSError):
        write_atomically(out, "Student\nNew\n")
    assert out.read_bytes() == b"Student\nEve?\n"  # the old gradebook, whole
    assert [p.name for p in tmp_path.iterdir()] == ["book.csv"]  # no temporary file left


def test_grading_errors_name_the_keys_file(tmp_path: Path) -> None:
    with pytest.raises(GradingError, match=r"not-json\.json"):
        load_keys([bad_keys(tmp_path)["not-json"]])


@pytest.mark.skipif(sys.platform == "win32", reason="FIFOs")
def test_a_fifo_never_blocks(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.json")
    report = grade(find_results(tmp_path), {("light", "v"): {"questions": []}}, "light")
    assert report.skipped == [f"{tmp_path / 'pipe.json'}: is not a regular file but a FIFO (named pipe)"]
