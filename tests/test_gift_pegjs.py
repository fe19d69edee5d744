"""Every GIFT export read by gift-pegjs, an independent GIFT parser from npm (run by node).

It reads Moodle 3.6's ``[id:...]`` and ``[tag:...]`` comment lines, so it checks that each
question keeps its id and tags; keys are compared with quizzes.json, not with the exporter.
Fails (never skips) when the parser is missing: ``sh tests/ensure-gift-pegjs.sh`` installs it.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

from studyguide.quiz.answers import normalise_answer
from studyguide.quiz.export import gift_document
from tests.answers import load_quizzes
from tests.test_export_hostile import HOSTILE, hostile_quiz

ROOT = Path(__file__).resolve().parent.parent
PARSER = ROOT / ".cache" / "gift-pegjs" / "node_modules" / "gift-pegjs"
SCRIPT = Path(__file__).parent / "gift_pegjs.js"
KINDS = {"tf": "TF", "blank": "Short", "who": "MC", "mc": "MC", "order": "Matching", "match": "Matching"}


def parse(paths: list[Path]) -> dict[str, Any]:
    node = shutil.which("node")
    assert node and (PARSER / "pegjs-gift.js").exists(), "run: sh tests/ensure-gift-pegjs.sh"
    out = subprocess.run(
        [node, str(SCRIPT), str(PARSER), *map(str, paths)],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    result: dict[str, Any] = json.loads(out.stdout)
    return result


def problems(read: dict[str, Any], quiz: dict[str, Any]) -> list[str]:
    if "error" in read:
        return [f"{quiz['id']}: {read['error']}"]
    found = [q for q in read["questions"] if q["type"] != "Category"]
    wrong = []
    if [q["title"] for q in found] != [q["id"] for q in quiz["questions"]]:
        wrong.append(f"{quiz['id']}: titles differ")
    for got, q in zip(found, quiz["questions"], strict=False):
        where = f"{quiz['id']}/{q['id']}"
        if got["type"] != KINDS[q["type"]] or got.get("id") != q["id"]:
            wrong.append(f"{where}: {got['type']} with id {got.get('id')!r}")
        if f"type-{q['type']}" not in (got.get("tags") or []) or f"quiz-{quiz['id']}" not in (
            got.get("tags") or []
        ):
            wrong.append(f"{where}: tags {got.get('tags')}")
        if q["type"] == "tf" and got["isTrue"] != (q["answer"] == [q["choices"][0]]):
            wrong.append(f"{where}: isTrue {got['isTrue']}")
        if q["type"] in ("who", "mc"):
            right = [c["text"]["text"] for c in got["choices"] if c["isCorrect"]]
            if right != q["answer"]:
                wrong.append(f"{where}: right {right}")
        if q["type"] == "blank":
            accepted = [c["text"]["text"] for c in got["choices"]]
            folded = {normalise_answer(a) for a in q["answer"]}
            if accepted[: len(q["answer"])] != q["answer"] or any(
                normalise_answer(a) not in folded for a in accepted
            ):
                wrong.append(f"{where}: accepts {accepted}")
        if q["type"] in ("order", "match"):
            pairs = [(m["subquestion"]["text"], m["subanswer"]) for m in got["matchPairs"]]
            want = (
                [(item, str(n)) for n, item in enumerate(q["answer"], 1)]
                if q["type"] == "order"
                else list(zip(q["items"], q["answer"], strict=True))
            )
            if pairs != want:
                wrong.append(f"{where}: pairs {pairs}")
    return wrong


def test_the_quiz_roots_gift_files_parse_with_their_keys(quiz_site: Path) -> None:
    quizzes = load_quizzes(quiz_site)
    paths = [quiz_site / "_quizzes" / f"{quiz_id}.gift" for quiz_id in quizzes]
    read = parse(paths)
    for path, (_quiz_id, quiz) in zip(paths, quizzes.items(), strict=True):
        assert problems(read[str(path)], quiz) == []


def test_the_check_can_fail(quiz_site: Path, tmp_path: Path) -> None:
    quiz_id, quiz = next(iter(load_quizzes(quiz_site).items()))
    text = (quiz_site / "_quizzes" / f"{quiz_id}.gift").read_text("utf-8")
    broken = tmp_path / "broken.gift"
    broken.write_text(text.replace("[id:", "[idx:", 1), "utf-8")
    assert problems(parse([broken])[str(broken)], quiz) != []


def test_hostile_text_parses(tmp_path: Path) -> None:
    paths = []
    for offset in range(len(HOSTILE)):
        path = tmp_path / f"hostile-{offset}.gift"
        path.write_text(gift_document(hostile_quiz(offset)), "utf-8")
        paths.append(path)
    read = parse(paths)
    for offset, path in enumerate(paths):
        result = read[str(path)]
        assert "error" not in result, (offset, result)
        titles = [q["title"] for q in result["questions"] if q["type"] != "Category"]
        assert titles == [q.id for q in hostile_quiz(offset).questions]
