"""`make audit`: Lighthouse (mobile preset) on five pages of the built site, served with gzip.

Serves the HTML folder on 127.0.0.1 with gzip for text files (as Read the Docs serves it), runs
npm's `lighthouse` with the machine's Chromium (CHROME_PATH) on the home page, a text page, a
quiz page, an exam page and a register page, writes each report (JSON) and a summary
(summary.md) to the output folder, prints the summary and exits 1 when a score is below its
target (100 for accessibility, best practices and SEO; 95 for performance).
Not part of `make test`: it takes minutes and needs npm.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import os
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

PAGES = {
    "home": "index.html",
    "text": "text/reply-to-trotsky.html",
    "quiz": "quizzes/trotsky.html",
    "exam": "quizzes/exams/trotsky.html",
    "register": "register/people.html",
}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".txt", ".xml")


class GzipHandler(SimpleHTTPRequestHandler):
    """Static files; text files gzipped when the client accepts it."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.is_file() and path.suffix in COMPRESSIBLE):
            super().do_GET()
            return
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        self.wfile.write(body)


def serve(root: Path) -> tuple[ThreadingHTTPServer, str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def run_lighthouse(lighthouse: str, url: str, report: Path) -> dict[str, int]:
    command = [
        lighthouse,
        url,
        "--quiet",
        "--output=json",
        f"--output-path={report}",
        "--only-categories=" + ",".join(CATEGORIES),
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu --no-first-run "
        "--disable-background-networking --disable-component-update --disable-sync",
    ]
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    subprocess.run(command, check=True, env=env, stdout=subprocess.DEVNULL)
    data = json.loads(report.read_text(encoding="utf-8"))
    return {c: round(100 * (data["categories"][c]["score"] or 0)) for c in CATEGORIES}


def failed_audits(report: Path) -> list[str]:
    """The audits that lost points, for the summary."""
    data = json.loads(report.read_text(encoding="utf-8"))
    lost = []
    for category in CATEGORIES:
        for ref in data["categories"][category]["auditRefs"]:
            audit = data["audits"][ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                lost.append(f"{category}: {ref['id']} ({audit['score']:.2f})")
    return lost


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, required=True, help="the built HTML folder")
    parser.add_argument("--lighthouse", required=True, help="the lighthouse command")
    parser.add_argument("--out", type=Path, required=True, help="where reports and summary.md go")
    args = parser.parse_args()
    if not (args.site / "index.html").is_file():
        print(f"audit: no built site in {args.site} (run make html)", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    server, base = serve(args.site)
    rows, notes, below = [], [], []
    try:
        for name, path in PAGES.items():
            report = args.out / f"{name}.json"
            scores = run_lighthouse(args.lighthouse, f"{base}/{path}", report)
            rows.append(f"| {name} (`{path}`) | " + " | ".join(str(scores[c]) for c in CATEGORIES) + " |")
            below += [f"{name}: {c} {scores[c]} < {TARGETS[c]}" for c in CATEGORIES if scores[c] < TARGETS[c]]
            notes += [f"- {name}: {lost}" for lost in failed_audits(report)]
    finally:
        server.shutdown()
    summary = "\n".join(
        [
            "# Lighthouse, mobile preset, site served with gzip",
            "",
            "| Page | " + " | ".join(CATEGORIES) + " |",
            "| --- |" + " --- |" * len(CATEGORIES),
            *rows,
            "",
            "Audits that lost points:" if notes else "No audit lost points.",
            *notes,
            "",
        ]
    )
    (args.out / "summary.md").write_text(summary, encoding="utf-8")
    print(summary)
    if below:
        print("below target:\n  " + "\n  ".join(below), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
