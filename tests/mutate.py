"""`make mutate`: mutation testing of the modules that decide what is right and what a student sees.

Runs mutmut (3.x) on a staged copy of the project, because mutmut finds a package only under
``src/`` (or the top level), and ours lives in ``ext/``: the copy in ``.mutate/`` has
``src/studyguide`` (the package), ``tests/`` and a ``pyproject.toml`` with the ``[tool.mutmut]``
settings written below. Each module has a stage of its own (``.mutate/<module>/``), so that
modules can be run one at a time (``--only``, ``make mutate MUTATE_ONLY=...``) and their results
add up. Then it writes the score per module (from every stage there is) and every surviving
mutant's diff to tests/mutation-report.md, keeping that file's hand-written "Survivors
explained" section.

    python tests/mutate.py --modules ext/studyguide/quiz/render.py ... --tests tests/test_answers.py ...
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STAGES = ROOT / ".mutate"
REPORT = ROOT / "tests" / "mutation-report.md"
KEEP_HEADING = "## Survivors explained"


def toml_list(values: list[str]) -> str:
    return "[" + ", ".join(f'"{v}"' for v in values) + "]"


def stage_of(module: str) -> Path:
    """ext/studyguide/quiz/render.py -> .mutate/render"""
    return STAGES / Path(module).stem


def stage(modules: list[str], tests: list[str], deselect: str, skip: str) -> None:
    """A copy of the project with the package under src/, and mutmut's settings (one module's)."""
    stage_dir = stage_of(modules[0])
    if stage_dir.exists():
        shutil.rmtree(stage_dir)
    (stage_dir / "src").mkdir(parents=True)
    shutil.copytree(ROOT / "ext" / "studyguide", stage_dir / "src" / "studyguide")
    shutil.copytree(ROOT / "tests", stage_dir / "tests", ignore=shutil.ignore_patterns("__pycache__"))
    # the tests also read the package's data by its path in ext/ (the catalogs): an unmutated copy
    shutil.copytree(
        ROOT / "ext", stage_dir / "ext", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info")
    )
    for path in modules:
        assert path.startswith("ext/") and (ROOT / path).is_file(), f"not a module in ext/: {path}"
    write_settings(stage_dir, modules, tests, deselect, skip)


def write_settings(stage_dir: Path, modules: list[str], tests: list[str], deselect: str, skip: str) -> None:
    """mutmut's and pytest's settings in a stage (written again when the tests are refreshed)."""
    pyproject = (ROOT / "pyproject.toml").read_text("utf-8")
    pytest_opts = tomllib.loads(pyproject)["tool"]["pytest"]["ini_options"]
    # in a TOML string the regex's \\( is written doubled
    skipped = ["^def (" + skip + ")\\\\("] if skip else []
    settings = [
        "[tool.pytest.ini_options]",
        'testpaths = ["tests"]',
        f'addopts = "{pytest_opts["addopts"]}"',
        "",
        "[tool.mutmut]",
        'source_paths = ["src"]',
        'also_copy = ["ext"]',
        f"only_mutate = {toml_list(['src/' + m.removeprefix('ext/') for m in modules])}",
        f"pytest_add_cli_args_test_selection = {toml_list(tests)}",
        f"pytest_add_cli_args = {toml_list(['-p', 'no:cacheprovider', '-m', 'not browser', '-k', deselect])}",
        "use_git_change_detection = false",
        f"do_not_mutate_patterns = {toml_list(skipped)}",
        # mutmut times only the tests' calls; the builds in session fixtures come on top
        "timeout_constant = 20.0",
        "",
    ]
    (stage_dir / "pyproject.toml").write_text("\n".join(settings), "utf-8")


def run_mutmut(stage_dir: Path, jobs: int, names: list[str] | None = None) -> None:
    """All mutants with the session's shared builds (fast), or the named ones with a build per test.

    mutmut charges the code a session fixture runs to the one test that set it up, so with shared
    builds it runs too few tests against some mutants: their survival is not yet a verdict. The
    named run maps the tests again (stats file removed) with a build per test, and so runs every
    test that reads the build.
    """
    env = {**os.environ, "PYTHONPATH": "", "HYPOTHESIS_PROFILE": "ci"}
    if names is not None:
        env["STUDYGUIDE_MUTATE"] = "1"
        (stage_dir / "mutants" / "mutmut-stats.json").unlink(missing_ok=True)
        if not names:
            return
    mutmut = Path(sys.executable).parent / "mutmut"
    command = [str(mutmut), "run", "--max-children", str(jobs), *(names or [])]
    subprocess.run(command, cwd=stage_dir, env=env, check=True)


def refresh_tests(stage_dir: Path) -> None:
    """The current tests into the last run's stage (mutmut notices new tests and maps them)."""
    shutil.rmtree(stage_dir / "tests")
    shutil.copytree(ROOT / "tests", stage_dir / "tests", ignore=shutil.ignore_patterns("__pycache__"))


def results(stage_dir: Path) -> dict[str, str]:
    if not (stage_dir / "mutants").is_dir():
        return {}
    mutmut = Path(sys.executable).parent / "mutmut"
    out = subprocess.run(
        [str(mutmut), "results", "--all", "true"], cwd=stage_dir, capture_output=True, text=True, check=True
    ).stdout
    return dict(re.findall(r"^\s+(\S+): (.+)$", out, re.M))


def diff(stage_dir: Path, name: str) -> str:
    """A mutant's diff (``mutmut show``, slow: kept in the stage's diffs.json once asked)."""
    cache = stage_dir / "diffs.json"
    known = json.loads(cache.read_text("utf-8")) if cache.exists() else {}
    if name not in known:
        mutmut = Path(sys.executable).parent / "mutmut"
        out = subprocess.run(
            [str(mutmut), "show", name], cwd=stage_dir, capture_output=True, text=True
        ).stdout
        known[name] = "\n".join(line for line in out.splitlines() if not line.startswith("# "))
        cache.write_text(json.dumps(known), "utf-8")
    return str(known[name])


def module_of(name: str) -> str:
    """studyguide.quiz.render.x_question_html__mutmut_3 -> ext/studyguide/quiz/render.py"""
    dotted = re.sub(r"\.x[ǁ_].*$", "", name)
    return "ext/" + dotted.replace(".", "/") + ".py"


def function_of(name: str) -> str:
    """studyguide.quiz.render.x_question_html__mutmut_3 -> question_html"""
    return re.sub(r"__mutmut_\d+$", "", re.split(r"\.x[ǁ_]", name, maxsplit=1)[-1])


def tests_of(module: str, default: list[str]) -> list[str]:
    """The tests a module's stage was run with (they can be set per run: MUTATE_TESTS=...)."""
    settings = stage_of(module) / "pyproject.toml"
    if not settings.exists():
        return default
    return list(
        tomllib.loads(settings.read_text("utf-8"))["tool"]["mutmut"]["pytest_add_cli_args_test_selection"]
    )


def write_report(modules: list[str], tests: list[str], status: dict[str, str], skip: str) -> float:
    by_module: dict[str, Counter[str]] = defaultdict(Counter)
    survivors: dict[str, list[str]] = defaultdict(list)
    for name, verdict in sorted(status.items(), key=lambda kv: _natural(kv[0])):
        if skip and re.fullmatch(skip, function_of(name)):
            continue
        module = module_of(name)
        by_module[module][verdict] += 1
        if verdict != "killed":
            survivors[module].append(name)
    lines = [
        "# Mutation testing",
        "",
        "Written by `make mutate` (tests/mutate.py, mutmut); do not edit above the section "
        f'"{KEEP_HEADING.removeprefix("## ")}", which the next run keeps.',
        "",
        f"Modules: {', '.join(f'`{m}`' for m in modules)}.  ",
        "Tests run against each mutant (those of its module's stage that reach the mutated function; "
        "browser tests and those that build the whole site left out, for time):  ",
        *[f"- `{m}`: {', '.join(f'`{t}`' for t in tests_of(m, tests))}" for m in modules],
        "",
        f"Functions left out of the scores: {f'`{skip}`' if skip else 'none'}.",
        "",
        "| module | mutants | killed | survived | other | score |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    total = killed = 0
    for module in modules:
        counts = by_module.get(module, Counter())
        n = sum(counts.values())
        k = counts["killed"]
        total, killed = total + n, killed + k
        other = n - k - counts["survived"]
        score = f"{100 * k / n:.1f}%" if n else "not run"
        lines.append(f"| `{module}` | {n} | {k} | {counts['survived']} | {other} | {score} |")
    overall = 100 * killed / total if total else 0.0
    lines += [f"| all | {total} | {killed} | | | {overall:.1f}% |", "", "## Surviving mutants", ""]
    if not any(survivors.values()):
        lines.append("None.")
    for module in modules:
        unchecked = [n for n in survivors.get(module, []) if status[n] == "not checked"]
        if unchecked:
            lines += [f"`{module}`: {len(unchecked)} mutants not checked (the run was cut short).", ""]
        for name in survivors.get(module, []):
            if status[name] == "not checked":
                continue
            lines += [
                f"### `{name}` ({status[name]})",
                "",
                "```diff",
                diff(stage_of(module), name).strip(),
                "```",
                "",
            ]
    kept = ""
    if REPORT.exists() and KEEP_HEADING in REPORT.read_text("utf-8"):
        kept = REPORT.read_text("utf-8").split(KEEP_HEADING, 1)[1]
    text = "\n".join(lines).rstrip() + "\n\n" + KEEP_HEADING + (kept or "\n\n(none yet)\n")
    REPORT.write_text(text, "utf-8")
    return overall


def _natural(name: str) -> tuple[str, int]:
    match = re.match(r"(.*?)(\d+)$", name)
    return (match.group(1), int(match.group(2))) if match else (name, 0)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--modules", nargs="+", required=True)
    parser.add_argument("--tests", nargs="+", required=True)
    parser.add_argument("--deselect", default="not test_site_", help="pytest -k expression")
    parser.add_argument("--skip", default="", help="a regular expression of function names not to mutate")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--report-only", action="store_true", help="rewrite the report from the last run")
    parser.add_argument(
        "--survivors",
        action="store_true",
        help="run the last run's surviving mutants again against the current tests",
    )
    parser.add_argument("--only", nargs="*", default=None, help="run these of the modules (default: all)")
    args = parser.parse_args()
    for module in args.only if args.only is not None else args.modules:
        assert module in args.modules, f"{module} is not one of --modules"
        stage_dir = stage_of(module)
        if args.report_only:
            break
        if args.survivors:
            refresh_tests(stage_dir)
            write_settings(stage_dir, [module], args.tests, args.deselect, args.skip)
        else:
            stage([module], args.tests, args.deselect, args.skip)
            run_mutmut(stage_dir, args.jobs)
        # rerun what survived or was never checked (a timeout or a crash already caught the mutant)
        survivors = [n for n, verdict in results(stage_dir).items() if verdict in ("survived", "not checked")]
        skipped = [n for n in survivors if args.skip and re.fullmatch(args.skip, function_of(n))]
        run_mutmut(stage_dir, args.jobs, [n for n in survivors if n not in skipped])
    status = {
        name: v for m in args.modules for name, v in results(stage_of(m)).items() if module_of(name) == m
    }
    score = write_report(args.modules, args.tests, status, args.skip)
    print(f"mutation score {score:.1f}% -> {REPORT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
