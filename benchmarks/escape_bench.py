"""Is the importer's escaping linear?  ``python benchmarks/escape_bench.py``

Escapes hostile texts (long runs of ``[``, of ``[x](`` pairs, of ``*`` and ``\\``, and ordinary
prose) at four sizes, in interleaved rounds (every size of every text once per round, the order
shuffled), and prints the median time per kilobyte for each.  Linear escaping keeps the time
per kilobyte about the same from the smallest size to the largest; a quadratic one doubles it
with each doubling of the size.  Writes benchmarks/escape-results.md.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "ext"))

from studyguide.importer import escape, parse

SIZES = [30_000, 60_000, 120_000, 240_000]
ROUNDS = 5
TEXTS = {
    "run of [": lambda n: "[" * n,
    "[x]( pairs": lambda n: ("[x](" * (n // 4 + 1))[:n],
    "* and \\": lambda n: ("*\\" * (n // 2 + 1))[:n],
    "prose": lambda n: ("The keeper's log [1] shows it burning at midnight; " * (n // 50 + 1))[:n],
}


def main() -> None:
    timings: dict[tuple[str, int], list[float]] = {}
    cases = [(name, size) for name in TEXTS for size in SIZES]
    rng = random.Random(1)
    for _ in range(ROUNDS):
        rng.shuffle(cases)
        for name, size in cases:
            text = TEXTS[name](size)
            start = time.perf_counter()
            escape(text)
            timings.setdefault((name, size), []).append(time.perf_counter() - start)
    # the whole import of a long hostile text, too
    big = "A Title\n\nBody " + "[" * 240_000 + "\n"
    start = time.perf_counter()
    parse(big)
    whole = time.perf_counter() - start
    lines = [
        "# Escaping in the importer: time per kilobyte",
        "",
        f"`python benchmarks/escape_bench.py`: median of {ROUNDS} interleaved rounds, microseconds per KB.",
        "",
        "| text | " + " | ".join(f"{s // 1000} KB" for s in SIZES) + " | largest / smallest |",
        "| --- | " + " | ".join("---" for _ in SIZES) + " | --- |",
    ]
    for name in TEXTS:
        per_kb = [statistics.median(timings[(name, s)]) / (s / 1000) * 1e6 for s in SIZES]
        lines.append(
            f"| {name} | " + " | ".join(f"{v:.0f}" for v in per_kb) + f" | {per_kb[-1] / per_kb[0]:.2f} |"
        )
    lines += ["", f"Parsing a 240 KB paragraph of `[`: {whole:.2f} s.", ""]
    out = Path(__file__).resolve().parent / "escape-results.md"
    out.write_text("\n".join(lines), "utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
