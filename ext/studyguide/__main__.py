"""Command line: ``python -m studyguide import-text SOURCE --out DIR``, ``... new DIR``, ``... grade RESULTS``
and ``... report RESULTS``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from studyguide import importer

DEFAULT_KEYS = "docs/_build/teacher"


def _read_source(source_path: Path) -> str:
    """The source's text, or an ImportError_ with one clear line."""
    if source_path.is_dir():
        raise importer.ImportError_(f"{source_path} is a folder; give the text file")
    try:
        return source_path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        raise importer.ImportError_(f"no such file: {source_path}") from None
    except UnicodeDecodeError as exc:
        raise importer.ImportError_(
            f"{source_path} is not UTF-8 text (byte {exc.start}); save it as UTF-8 and try again"
        ) from None
    except OSError as exc:
        raise importer.ImportError_(f"cannot read {source_path}: {exc.strerror or exc}") from None


def run_import(
    source_path: Path,
    out: Path,
    *,
    config: importer.Config,
    force: bool = False,
    dry_run: bool = False,
    echo: bool = True,
) -> importer.Source:
    """Parse, report and (unless dry_run) write; raises ImportError_ before writing anything on bad input."""
    text = _read_source(source_path)
    source = importer.parse(text, config=config)
    files = importer.plan(source)
    if echo:
        print(f"read {source_path}")
        for line in source.report:
            print(f"  {line}")
        for line in source.warnings:
            print(f"warning: {line}")
    written = importer.write(files, out, force=force, dry_run=dry_run)
    if echo:
        if dry_run:
            print(f"dry run: would write {len(files)} files into {out}; nothing was written")
        else:
            print(f"wrote {len(written)} files into {out}: " + ", ".join(p.name for p in written))
    return source


def _import_text(args: argparse.Namespace) -> int:
    source_path = Path(args.source)
    try:
        config, config_path = importer.find_config(source_path, Path(args.config) if args.config else None)
        if config_path:
            print(f"settings from {config_path}")
        if args.first_title:
            config.first_title = args.first_title
        config.quotes += args.quote
        config.headings += args.heading
        config.not_headings += args.not_heading
        run_import(source_path, Path(args.out), config=config, force=args.force, dry_run=args.dry_run)
    except importer.ImportError_ as exc:
        print(f"error: {exc}; nothing was written", file=sys.stderr)
        return 2
    return 0


def _ask(label: str, given: str | None, default: str | None) -> str:
    """A flag's value, else the answer to a question (on a terminal), else the default."""
    if given:
        return given
    if sys.stdin.isatty():
        shown = f" [{default}]" if default else ""
        answer = input(f"{label}{shown}: ").strip()
        if answer:
            return answer
    if default:
        return default
    raise importer.ImportError_(f"no {label.lower()}: give --{label.lower().split()[0]}")


def _new(args: argparse.Namespace) -> int:
    from studyguide import scaffold

    try:
        scaffold.check_target(Path(args.dir))
        source_path = Path(_ask("Source text", args.source, None))
        text = _read_source(source_path)
        config, config_path = importer.find_config(source_path, Path(args.config) if args.config else None)
        if args.first_title:
            config.first_title = args.first_title
        parsed = importer.parse(text, config=config)
        title = _ask("Title", args.title, parsed.title)
        author = _ask("Author", args.author, parsed.author)
        answers = scaffold.Answers(title=title, author=author, source=source_path, version=args.version)
        report = scaffold.create(answers, Path(args.dir), config, text)
    except importer.ImportError_ as exc:
        print(f"error: {exc}; nothing was written", file=sys.stderr)
        return 2
    except (EOFError, KeyboardInterrupt):
        print("error: stopped before the project was written; nothing was written", file=sys.stderr)
        return 2
    if config_path:
        print(f"settings from {config_path}")
    print(f"read {source_path}")
    for line in report:
        print(f"  {line}" if not line.startswith("warning:") else line)
    print(f"wrote a study guide in {args.dir}: cd {args.dir} && make html (then open _build/html/index.html)")
    return 0


def _fail(message: str) -> int:
    """A grading command's one line on standard error, and exit status 2."""
    print(f"error: {message}; nothing was written", file=sys.stderr)
    return 2


def _missing_keys(paths: Sequence[Path]) -> str:
    """Why the exam keys cannot be read ("" when every file is there)."""
    from studyguide.quiz.results import shown

    for path in paths:
        if not path.exists():
            return f"no exam keys at {shown(path)} (build the site with make html, or pass --keys)"
    return ""


def _grade(args: argparse.Namespace) -> int:
    from studyguide.quiz.grading import GradingError, grade, gradebook_csv, load_keys, write_atomically
    from studyguide.quiz.results import find_results, shown

    results_dir = Path(args.results)
    if not results_dir.is_dir():
        return _fail(f"no such folder: {shown(results_dir)}")
    out = Path(args.out) if args.out else Path(f"gradebook-{args.quiz}.csv")
    if out.is_dir():
        return _fail(f"--out {shown(out)} is a folder; name the CSV file to write")
    if not out.parent.is_dir():
        return _fail(f"--out {shown(out)}: there is no folder {shown(out.parent)}")
    if out.exists() and not args.force:
        return _fail(f"{shown(out)} exists; use --force to overwrite it")
    items = Path(args.items) if args.items else None
    if items is not None and (problem := _unwritable(items, args.force)):
        return _fail(problem)
    keys_paths = [Path(k) for k in args.keys] if args.keys else [Path(DEFAULT_KEYS)]
    if problem := _missing_keys(keys_paths):
        return _fail(problem)
    try:
        keys = load_keys(keys_paths)
        report = grade(find_results(results_dir), keys, args.quiz)
    except GradingError as exc:
        return _fail(str(exc))
    for line in report.skipped:
        print(f"skipped {line}", file=sys.stderr)
    if not report.rows:
        return _fail(f"no results file for quiz {args.quiz!r} could be graded")
    try:
        if items is not None:
            from studyguide.quiz.analysis import analyse, items_csv

            analysis = analyse(report.rows, report.chosen, report.questions, report.question_ids)
            write_atomically(items, items_csv(analysis))
        write_atomically(out, gradebook_csv(report, args.quiz))
    except OSError as exc:
        return _fail(f"cannot write {shown(out)}: {exc.strerror or exc}")
    print(
        f"graded {len(report.rows)} files for quiz {args.quiz!r} into {shown(out)} ({len(report.skipped)} skipped)"
    )
    return 0


def _unwritable(out: Path, force: bool) -> str:
    """Why ``out`` cannot be written ("" when it can)."""
    from studyguide.quiz.results import shown

    if out.is_dir():
        return f"{shown(out)} is a folder; name the file to write"
    if not out.parent.is_dir():
        return f"{shown(out)}: there is no folder {shown(out.parent)}"
    if out.exists() and not force:
        return f"{shown(out)} exists; use --force to overwrite it"
    return ""


def _report(args: argparse.Namespace) -> int:
    from studyguide.quiz.analysis import analyse
    from studyguide.quiz.classreport import report_html
    from studyguide.quiz.grading import GradingError, grade, load_keys, write_atomically
    from studyguide.quiz.results import find_results, shown

    results_dir = Path(args.results)
    if not results_dir.is_dir():
        return _fail(f"no such folder: {shown(results_dir)}")
    out = Path(args.out)
    if problem := _unwritable(out, args.force):
        return _fail(problem)
    keys_paths = [Path(k) for k in args.keys] if args.keys else [Path(DEFAULT_KEYS)]
    if problem := _missing_keys(keys_paths):
        return _fail(problem)
    try:
        keys = load_keys(keys_paths)
        files = find_results(results_dir)
        quizzes = [args.quiz] if args.quiz else sorted({q for q, _v in keys})
        reports = {quiz: grade(files, keys, quiz) for quiz in quizzes}
    except GradingError as exc:
        return _fail(str(exc))
    graded = [quiz for quiz, report in reports.items() if report.rows]
    if not graded:
        return _fail("no results file could be graded" + (f" for quiz {args.quiz!r}" if args.quiz else ""))
    if len(graded) > 1:
        return _fail(f"the results are for several quizzes ({', '.join(graded)}); pass --quiz")
    quiz = graded[0]
    report = reports[quiz]
    for line in report.skipped:
        print(f"skipped {line}", file=sys.stderr)
    passages = _passages(keys_paths)
    analysis = analyse(report.rows, report.chosen, report.questions, report.question_ids, passages)
    title = next(e.get("title") for (q, _v), e in sorted(keys.items()) if q == quiz)
    title = title if isinstance(title, str) else quiz
    try:
        write_atomically(out, report_html(title, quiz, analysis, passages, args.site))
    except OSError as exc:
        return _fail(f"cannot write {shown(out)}: {exc.strerror or exc}")
    print(
        f"reported on {len(report.rows)} files for quiz {quiz!r} in {shown(out)} ({len(report.skipped)} skipped)"
    )
    return 0


def _passages(paths: Sequence[Path]) -> list[dict[str, Any]]:
    """The passages of the first keys file that has them (keys were checked before)."""
    from studyguide.quiz.exam import KEYS_FILE
    from studyguide.quiz.grading import MAX_KEYS_BYTES
    from studyguide.quiz.results import parse_json, read_bytes

    for path in paths:
        data = parse_json(
            read_bytes(path / KEYS_FILE if path.is_dir() else path, MAX_KEYS_BYTES), max_depth=8
        )
        found = data.get("passages") if isinstance(data, dict) else None
        if isinstance(found, list) and found:
            return checked_passages(found)
    return []


def _string(value: object) -> str:
    return value if isinstance(value, str) else ""


def checked_passages(found: list[Any]) -> list[dict[str, Any]]:
    """Passages of the expected shape only (a hand-edited keys file cannot break the report)."""
    result = []
    for passage in found:
        if not isinstance(passage, dict) or not isinstance(passage.get("paragraphs"), list):
            continue
        paragraphs = [
            [
                [s[0], s[1]]
                for s in p
                if isinstance(s, list) and len(s) == 2 and all(isinstance(x, str) for x in s)
            ]
            for p in passage["paragraphs"]
            if isinstance(p, list)
        ]
        result.append(
            {
                "title": _string(passage.get("title")),
                "url": _string(passage.get("url")),
                "paragraphs": paragraphs,
            }
        )
    return result


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m studyguide", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    imp = commands.add_parser("import-text", help="convert a plain text into one MyST page per piece")
    imp.add_argument("source", help="the plain-text source (UTF-8)")
    imp.add_argument("--out", required=True, help="folder for the MyST pages")
    imp.add_argument("--first-title", help="title of a first piece that has no heading of its own")
    imp.add_argument(
        "--quote",
        action="append",
        default=[],
        metavar="PREFIX",
        help="a paragraph starting with PREFIX is a long quotation (repeatable)",
    )
    imp.add_argument(
        "--heading",
        action="append",
        default=[],
        metavar="LINE",
        help="this line opens a piece, whatever its layout (repeatable)",
    )
    imp.add_argument(
        "--not-heading",
        action="append",
        default=[],
        metavar="LINE",
        help="this line never opens a piece (repeatable)",
    )
    imp.add_argument(
        "--config",
        metavar="TOML",
        help="settings file (default: SOURCE-STEM.import.toml, or [tool.studyguide.import] in a pyproject.toml "
        "beside the source)",
    )
    imp.add_argument("--dry-run", action="store_true", help="print the report and write nothing")
    imp.add_argument("--force", action="store_true", help="overwrite pages edited since the last import")
    imp.set_defaults(func=_import_text)
    new = commands.add_parser(
        "new", help="make a study-guide project from a text (asks for what is not given)"
    )
    new.add_argument("dir", help="the folder to create (must not exist, or be empty)")
    new.add_argument("--source", help="the plain-text source (UTF-8)")
    new.add_argument("--title", help="the guide's title (default: the source's)")
    new.add_argument("--author", help="the text's author (default: the source's)")
    new.add_argument("--version", default="1.0", help="the edition's version (default 1.0; EPUB needs one)")
    new.add_argument("--first-title", help="title of a first piece that has no heading of its own")
    new.add_argument("--config", metavar="TOML", help="import settings (as for import-text)")
    new.set_defaults(func=_new)
    grd = commands.add_parser("grade", help="grade exam results files into a CSV gradebook")
    grd.add_argument("results", help="folder of the students' results files (*.json, sub-folders too)")
    grd.add_argument("--quiz", required=True, help="the quiz id")
    grd.add_argument(
        "--keys",
        action="append",
        metavar="PATH",
        help=f"a teacher folder a build wrote, or its exam-keys.json (default: {DEFAULT_KEYS}; "
        "repeat to add the keys of older exam versions)",
    )
    grd.add_argument("--out", help="the CSV to write (default: gradebook-QUIZ.csv)")
    grd.add_argument("--force", action="store_true", help="overwrite an existing gradebook")
    grd.add_argument("--items", metavar="CSV", help="also write the item analysis to this CSV file")
    grd.set_defaults(func=_grade)
    rep = commands.add_parser(
        "report", help="write a class report (item analysis and passages) as one HTML file"
    )
    rep.add_argument("results", help="folder of the students' results files (*.json, sub-folders too)")
    rep.add_argument(
        "--keys", action="append", metavar="PATH", help=f"as for grade (default: {DEFAULT_KEYS})"
    )
    rep.add_argument("--out", required=True, help="the HTML file to write")
    rep.add_argument("--quiz", help="the quiz id (needed only when the results are for several quizzes)")
    rep.add_argument(
        "--site",
        default="",
        metavar="URL",
        help="the site's address, for links to the passages (end it with /)",
    )
    rep.add_argument("--force", action="store_true", help="overwrite an existing report")
    rep.set_defaults(func=_report)
    args = parser.parse_args(argv)
    result: int = args.func(args)
    return result


if __name__ == "__main__":
    sys.exit(main())
