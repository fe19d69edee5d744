"""Command line: ``python -m studyguide import-text SOURCE --out DIR``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from studyguide import importer


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
    args = parser.parse_args(argv)
    result: int = args.func(args)
    return result


if __name__ == "__main__":
    sys.exit(main())
