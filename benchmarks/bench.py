"""Measure the extension's cost at scale: ``make bench`` (or ``python benchmarks/bench.py``).

For corpora of 10, 100 and 500 synthetic MyST pages (about 1,500 words, 20 mentions and
10 claims a page, a quiz every 10 pages, and the register entries they need) it builds
(a) with the extension and (b) the same corpus with the markup replaced by plain text,
and writes a table to ``benchmarks/results.md``.  Each build runs in its own process, so
peak memory (RSS) is that build's alone.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
WORK = HERE / "_work"
STATIC = HERE.parent / "ext" / "studyguide" / "static"

_TEXT = (
    "the of and to in a that is was he for it with as his on be at by had not are but from or have an they "
    "which one you were her all she there would their we him been has when who will more no if out so said "
    "what up its about into than them can only other new some could time these two may then do first any my "
    "now such like our over man me even most made after also did many before must through back years where "
    "much your way well down should because each just those people how too little state good very make world "
    "still own see men work long get here between both life being under never day same another know while "
    "last might us great old year off come since against go came right used take three party workers revolution"
)
WORDS = _TEXT.split()
PEOPLE, EVENTS = 200, 100

RUNNER = """
import resource, sys
from sphinx.cmd.build import main
status = main(sys.argv[1:])
print("PEAK_RSS_KB", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)
sys.exit(status)
"""

CONF = """
project = "Benchmark"
extensions = ["myst_parser"{ext}]
myst_enable_extensions = ["attrs_block", "attrs_inline", "colon_fence"]
exclude_patterns = ["_build"]
suppress_warnings = ["studyguide.claim-unused"]
html_theme = "basic"
"""


def sentence(rng: random.Random, n: int) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


@dataclass
class Corpus:
    pages: int
    marked: bool

    @property
    def root(self) -> Path:
        return WORK / f"{self.pages}-{'ext' if self.marked else 'plain'}" / "src"

    def page(self, index: int, rng: random.Random) -> str:
        """About 1,500 words: 10 paragraphs, each with 2 mentions and 1 claim."""
        out = ["---", "sg-holder: p0", "---", f"# Page {index}", ""]
        for para in range(10):
            parts = [sentence(rng, 18) for _ in range(7)]
            for slot in (1, 4):
                target, kind = (
                    (f"p{rng.randrange(PEOPLE)}", "person")
                    if slot == 1
                    else (f"e{rng.randrange(EVENTS)}", "event")
                )
                words = " ".join(rng.choice(WORDS) for _ in range(2))
                parts[slot] += f" {{{kind}}}`{words} <{target}>`" if self.marked else f" {words}"
            claim_id = f"c-{index}-{para}"
            blank = rng.choice([w for w in parts[3].split() if len(w) > 3] or ["party"]).strip(".")
            text = parts[3].replace(blank, f"[{blank}]{{.blank}}", 1) if self.marked else parts[3]
            parts[3] = f"[{text}]{{.claim #{claim_id}}}" if self.marked else text
            out += [" ".join(parts), ""]
            if self.marked:
                holder = f"p{rng.randrange(8)}"
                out += [
                    f":::{{claim}} {claim_id}",
                    f":holder: {holder}",
                    f":false: {sentence(rng, 12)}",
                    ":::",
                    "",
                ]
        return "\n".join(out)

    def register(self, rng: random.Random) -> str:
        out = ["# Register", ""]
        for i in range(PEOPLE):
            year = 1850 + i % 60
            if self.marked:
                out += [
                    f"```{{person}} p{i}",
                    f":name: Person {i}",
                    f":sort: {i:04d}",
                    f":born: {year}",
                    f":role: {rng.choice(WORDS)} {rng.choice(WORDS)} role {i}",
                    "```",
                    "",
                ]
            else:
                out += [f"Person {i} ({year}): {rng.choice(WORDS)} {rng.choice(WORDS)} role {i}", ""]
        for i in range(EVENTS):
            date = f"{1900 + i % 40}-{1 + i % 12:02d}"
            if self.marked:
                out += [f"```{{event}} e{i}", f":name: Event {i}", f":start: {date}", "```", ""]
            else:
                out += [f"Event {i}: {date}", ""]
        return "\n".join(out)

    def write(self) -> None:
        rng = random.Random(f"corpus-{self.pages}")
        if self.root.parent.exists():
            shutil.rmtree(self.root.parent)
        self.root.mkdir(parents=True)
        (self.root / "conf.py").write_text(CONF.format(ext=', "studyguide"' if self.marked else ""), "utf-8")
        names = [f"page{i:04d}" for i in range(self.pages)]
        for i, name in enumerate(names):
            (self.root / f"{name}.md").write_text(self.page(i, rng), "utf-8")
        quizzes = []
        for start in range(0, self.pages, 10):
            quiz = f"quiz{start:04d}"
            quizzes.append(quiz)
            pieces = "; ".join(names[start : start + 10])
            body = f"```{{quiz}} {quiz}\n:pieces: {pieces}\n:count: 20\n```\n" if self.marked else "Quiz.\n"
            (self.root / f"{quiz}.md").write_text(f"# Quiz {start}\n\n{body}", "utf-8")
        (self.root / "register.md").write_text(self.register(rng), "utf-8")
        toctree = "\n".join([*names, *quizzes, "register"])
        (self.root / "index.md").write_text(f"# Benchmark\n\n```{{toctree}}\n{toctree}\n```\n", "utf-8")


@dataclass
class Run:
    seconds: float
    peak_kb: int
    read: int
    written: int
    written_names: tuple[str, ...] = ()


def build(corpus: Corpus, fresh: bool) -> Run:
    out = corpus.root.parent / "html"
    if fresh and out.exists():
        shutil.rmtree(out)
        shutil.rmtree(corpus.root.parent / "doctrees", ignore_errors=True)
    env = {**os.environ, "PYTHONHASHSEED": "0", "PYTHONPATH": str(HERE.parent / "ext")}
    args = [
        sys.executable,
        "-c",
        RUNNER,
        "-b",
        "html",
        "-d",
        str(corpus.root.parent / "doctrees"),
        str(corpus.root),
        str(out),
    ]
    start = time.perf_counter()
    result = subprocess.run(args, capture_output=True, text=True, env=env)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"build failed for {corpus.root}:\n{result.stderr[-3000:]}")
    peak = int(re.search(r"PEAK_RSS_KB (\d+)", result.stderr).group(1))  # type: ignore[union-attr]
    plain = re.sub(r"\x1b\[[0-9;]*m", "", result.stdout)
    read = re.search(r"(\d+) added, (\d+) changed", plain)
    names = tuple(re.findall(r"writing output\.\.\. \[\s*\d+%\] (\S+)", plain))
    written = len(re.findall(r"writing output\.\.\. \[\s*\d+%\]", plain))
    return Run(seconds, peak, int(read.group(1)) + int(read.group(2)) if read else 0, written, names)


def page_assets(page: Path) -> int:
    """Bytes of the extension's own CSS and JavaScript files a built page loads."""
    html = page.read_text("utf-8")
    total = 0
    for ref in sorted(set(re.findall(r'(?:href|src)="(_static/[^"?]+)', html))):
        name = ref.rsplit("/", 1)[-1]
        if name.startswith(("studyguide", "quiz", "exam")) and (page.parent / ref).exists():
            total += (page.parent / ref).stat().st_size
    return total


def du(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def measure(pages: int, runs: int) -> dict[str, object]:
    row: dict[str, object] = {"pages": pages, "runs": runs}
    for marked in (True, False):
        corpus = Corpus(pages, marked)
        corpus.write()
        full = [build(corpus, fresh=True) for _ in range(runs)]
        label = "ext" if marked else "base"
        row[f"{label}_time"] = min(r.seconds for r in full)
        row[f"{label}_rss_mb"] = max(r.peak_kb for r in full) / 1024
        if marked:
            noop = build(corpus, fresh=False)
            page = corpus.root / "page0000.md"
            text = page.read_text("utf-8")
            page.write_text(text.replace("# Page 0", "# Page 0\n\nAn edited sentence.", 1), "utf-8")
            edit = build(corpus, fresh=False)
            out = corpus.root.parent / "html"
            quiz_page = out / "quiz0000.html"
            assets = page_assets(quiz_page) if quiz_page.exists() else 0
            row.update(
                noop_time=noop.seconds,
                noop_read=noop.read,
                noop_written=noop.written,
                edit_time=edit.seconds,
                edit_read=edit.read,
                edit_written=edit.written,
                edit_written_names=list(edit.written_names),
                output_mb=du(out) / 1e6,
                quiz_assets_bytes=assets,
                all_times=[round(r.seconds, 2) for r in full],
            )
    row["overhead"] = row["ext_time"] / row["base_time"]  # type: ignore[operator]
    row["rss_ratio"] = row["ext_rss_mb"] / row["base_rss_mb"]  # type: ignore[operator]
    return row


def analysis(rows: list[dict[str, object]]) -> str:
    """What this run's figures meet and miss, written from the figures alone."""
    sizes = {r["pages"]: r for r in rows}
    met: list[str] = []
    missed: list[str] = []

    def verdict(ok: bool, text: str) -> None:
        (met if ok else missed).append(text)

    if 100 in sizes and 500 in sizes:
        ratio = sizes[500]["ext_time"] / sizes[100]["ext_time"]  # type: ignore[operator]
        verdict(ratio <= 5.5, f"time grows linearly: T(500)/T(100) = {ratio:.2f} (target at most 5.5)")
    for r in rows:
        overhead = 100 * (r["overhead"] - 1)  # type: ignore[operator]
        verdict(
            overhead <= 10,
            f"{r['pages']} pages: build time {r['ext_time']:.2f} s against {r['base_time']:.2f} s for the "
            f"plain-text baseline, {overhead:+.0f}% (target at most +10%)",
        )
        verdict(
            r["rss_ratio"] <= 1.5,  # type: ignore[operator]
            f"{r['pages']} pages: peak memory {r['ext_rss_mb']:.0f} MB against {r['base_rss_mb']:.0f} MB, "
            f"{r['rss_ratio']:.2f}x (target at most 1.5x)",
        )
        names = ", ".join(r["edit_written_names"]) or "none"  # type: ignore[arg-type]
        verdict(
            r["edit_read"] == 1,
            f"{r['pages']} pages: editing one page re-read {r['edit_read']} page(s) and re-wrote "
            f"{r['edit_written']}: {names}",
        )
        verdict(
            r["noop_read"] == 0 and r["noop_written"] == 0,
            f"{r['pages']} pages: a no-op rebuild read {r['noop_read']} and wrote {r['noop_written']} pages",
        )
        verdict(
            0 < r["quiz_assets_bytes"] <= 20_000,  # type: ignore[operator]
            f"{r['pages']} pages: a quiz page loads {r['quiz_assets_bytes']} bytes of the extension's CSS and "
            "JavaScript (target at most 20 KB)",
        )
    lines = ["## What this run meets and misses", "", "**Met**", ""]
    lines += [f"- {m}" for m in met] or ["- nothing"]
    lines += ["", "**Missed**", ""]
    lines += [f"- {m}" for m in missed] or ["- nothing"]
    lines += [
        "",
        "The baseline is the same text with the extension's markup removed and the extension not "
        "loaded, so the overhead counts the cost of the markup (roles, claim spans, directives) as "
        "well as the extension's own code; issue 16 proposes a fairer baseline.",
        "",
    ]
    return "\n".join(lines)


def table(rows: list[dict[str, object]]) -> str:
    head = (
        "| pages | runs | build with ext (s) | baseline (s) | overhead | peak RSS ext / base (MB) | RSS ratio "
        "| no-op rebuild (s, read/written) | edit one page (s, read/written) | output (MB) | quiz assets/page (B) |\n"
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n"
    )
    lines = []
    for r in rows:
        lines.append(
            f"| {r['pages']} | {r['runs']} | {r['ext_time']:.2f} | {r['base_time']:.2f} | {r['overhead']:.2f}× "
            f"| {r['ext_rss_mb']:.0f} / {r['base_rss_mb']:.0f} | {r['rss_ratio']:.2f} "
            f"| {r['noop_time']:.2f} ({r['noop_read']}/{r['noop_written']}) "
            f"| {r['edit_time']:.2f} ({r['edit_read']}/{r['edit_written']}) "
            f"| {r['output_mb']:.1f} | {r['quiz_assets_bytes']} |"
        )
    return head + "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="10,100,500")
    parser.add_argument("--runs", type=int, default=3, help="full builds per corpus (best is kept)")
    parser.add_argument(
        "--runs-large", type=int, default=1, help="full builds for corpora of 500 pages or more"
    )
    parser.add_argument("--out", default=str(HERE / "results.md"))
    args = parser.parse_args()
    rows = []
    for size in (int(s) for s in args.sizes.split(",")):
        runs = args.runs_large if size >= 500 else args.runs
        print(f"building {size} pages ({runs} run(s) each)...", flush=True)
        rows.append(measure(size, runs))
        print(json.dumps(rows[-1]), flush=True)
    result = table(rows)
    print(result)
    notes = analysis(rows)
    machine = f"{os.cpu_count()} cores, Python {sys.version.split()[0]}"
    out = Path(args.out)
    out.write_text(
        "# Benchmark results\n\n"
        f"Written by `make bench` (`python benchmarks/bench.py`) on {time.strftime('%Y-%m-%d')}, {machine}.\n"
        "Best of the full builds; the 500-page corpus is built once per variant (time). "
        "Baseline = the same corpus with the extension's markup replaced by plain text and the extension "
        "not loaded. Read/written = pages Sphinx read and wrote.\n\n" + result + "\n" + notes,
        "utf-8",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
