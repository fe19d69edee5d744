"""Command line: ``python -m studyguide import-text SOURCE --out DIR`` and ``... grade RESULTS``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from studyguide import importer

DEFAULT_KEYS = "docs/_build/teacher"


def _import_text(args: argparse.Namespace) -> int:
    source_path = Path(args.source)
    try:
        text = source_path.read_text("utf-8")
    except FileNotFoundError:
        print(f"error: no such file: {source_path}", file=sys.stderr)
        return 2
    except (OSError, UnicodeDecodeError) as exc:
        print(f"error: cannot read {source_path}: {exc}", file=sys.stderr)
        return 2
    try:
        source = importer.parse(text, first_title=args.first_title, quotes=args.quote)
        written = importer.write(importer.plan(source), Path(args.out), force=args.force)
    except importer.ImportError_ as exc:
        print(f"error: {source_path}: {exc}; nothing was written", file=sys.stderr)
        return 2
    for path in written:
        print(f"wrote {path}")
    return 0


def _grade(args: argparse.Namespace) -> int:
    from studyguide.quiz.grading import GradingError, grade, gradebook_csv, load_keys, write_atomically
    from studyguide.quiz.results import find_results, shown

    def fail(message: str) -> int:
        print(f"error: {message}; nothing was written", file=sys.stderr)
        return 2

    results_dir = Path(args.results)
    if not results_dir.is_dir():
        return fail(f"no such folder: {shown(results_dir)}")
    out = Path(args.out) if args.out else Path(f"gradebook-{args.quiz}.csv")
    if out.is_dir():
        return fail(f"--out {shown(out)} is a folder; name the CSV file to write")
    if not out.parent.is_dir():
        return fail(f"--out {shown(out)}: there is no folder {shown(out.parent)}")
    if out.exists() and not args.force:
        return fail(f"{shown(out)} exists; use --force to overwrite it")
    keys_paths = [Path(k) for k in args.keys] if args.keys else [Path(DEFAULT_KEYS)]
    for path in keys_paths:
        if not path.exists():
            return fail(f"no exam keys at {shown(path)} (build the site with make html, or pass --keys)")
    try:
        keys = load_keys(keys_paths)
        report = grade(find_results(results_dir), keys, args.quiz)
    except GradingError as exc:
        return fail(str(exc))
    for line in report.skipped:
        print(f"skipped {line}", file=sys.stderr)
    if not report.rows:
        return fail(f"no results file for quiz {args.quiz!r} could be graded")
    try:
        write_atomically(out, gradebook_csv(report, args.quiz))
    except OSError as exc:
        return fail(f"cannot write {shown(out)}: {exc.strerror or exc}")
    print(
        f"graded {len(report.rows)} files for quiz {args.quiz!r} into {shown(out)} ({len(report.skipped)} skipped)"
    )
    return 0


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
    imp.add_argument("--force", action="store_true", help="overwrite pages edited since the last import")
    imp.set_defaults(func=_import_text)
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
    grd.set_defaults(func=_grade)
    args = parser.parse_args(argv)
    result: int = args.func(args)
    return result


if __name__ == "__main__":
    sys.exit(main())
