"""Where a build's CPU time goes, by phase: ``python benchmarks/phases.py SRC OUT``.

Runs one ``sphinx-build -b html`` in this process with timers (CPU time) around the builder's
phases and every Sphinx event, and the garbage collector's own time; prints the phases over
20 ms.  Used for the profile in ``benchmarks/results.md`` (build the corpora with
``bench.py`` first: ``benchmarks/_work/500-ext/src`` and ``500-builtin/src``).
"""

from __future__ import annotations

import collections
import gc
import resource
import sys
import time
from collections.abc import Callable
from typing import Any

import sphinx.builders
import sphinx.builders.html
import sphinx.environment
import sphinx.events
from sphinx.cmd.build import main as sphinx_build

spent: collections.Counter[str] = collections.Counter()


def timed(cls: type, name: str, label: str) -> None:
    original: Callable[..., Any] = getattr(cls, name)

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.process_time()
        try:
            return original(*args, **kwargs)
        finally:
            spent[label] += time.process_time() - start

    setattr(cls, name, wrapper)


def main() -> int:
    html = sphinx.builders.html.StandaloneHTMLBuilder
    timed(sphinx.builders.Builder, "read", "read (all pages, then env-updated)")
    timed(sphinx.builders.Builder, "read_doc", "read: parse and transform each page")
    timed(sphinx.builders.Builder, "write", "write (all pages)")
    timed(html, "index_page", "write: search index")
    timed(html, "write_doc", "write: translate and page template")
    timed(sphinx.environment.BuildEnvironment, "get_and_resolve_doctree", "write: resolve")
    timed(sphinx.environment.BuildEnvironment, "check_consistency", "consistency checks")
    timed(html, "finish", "finish (indices, static files)")
    emit = sphinx.events.EventManager.emit

    def timed_emit(self: Any, name: str, *args: Any, **kwargs: Any) -> Any:
        start = time.process_time()
        try:
            return emit(self, name, *args, **kwargs)
        finally:
            spent[f"event {name}"] += time.process_time() - start

    sphinx.events.EventManager.emit = timed_emit  # type: ignore[method-assign]
    gc_start = [0.0]

    def collector(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            gc_start[0] = time.process_time()
        else:
            spent["garbage collection (all phases)"] += time.process_time() - gc_start[0]

    gc.callbacks.append(collector)
    src, out = sys.argv[1:3]
    start = time.process_time()
    sphinx_build(["-q", "-b", "html", "-d", f"{out}/doctrees", src, f"{out}/html"])
    spent["TOTAL"] = time.process_time() - start
    for label, seconds in sorted(spent.items(), key=lambda item: -item[1]):
        if seconds > 0.02:
            print(f"{seconds:7.2f}  {label}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
