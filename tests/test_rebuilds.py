"""Incremental and parallel builds give what a clean serial build gives."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp


def register_json(app: SphinxTestApp) -> dict[str, object]:
    data: dict[str, object] = json.loads((Path(app.outdir) / "register.json").read_text("utf-8"))
    return data


def written(status: str) -> set[str]:
    """The pages a build wrote, from its status output."""
    plain = re.sub(r"\x1b\[[0-9;]*m", "", status)
    return set(re.findall(r"writing output\.\.\. \[\s*\d+%\] (\S+)", plain))


def copy_root(rootdir: Path, tmp_path: Path, name: str) -> Path:
    src = tmp_path / name
    shutil.copytree(rootdir / f"test-{name}", src)
    return src


def test_incremental_rebuild_drops_a_removed_mention(make_app, rootdir: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    src = copy_root(rootdir, tmp_path, "register")
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    register_page = Path(app.outdir) / "register.html"
    assert "second.html#mention-example" in register_page.read_text("utf-8")
    app.cleanup()

    # edit the reST page: drop its mention of Mary Example
    second = src / "second.rst"
    second.write_text(second.read_text("utf-8").replace(":person:`Mary Example <example>`", "Mary Example"))
    app2 = make_app("html", srcdir=src)
    app2.build()
    # only the edited page and the register page (which shows its data) were read again
    assert "second.html#mention-example" not in register_page.read_text("utf-8")
    mentions = {e["id"]: e["mentions"] for e in register_json(app2)["entries"]}  # type: ignore[index, union-attr]
    assert [m["url"] for m in mentions["example"]] == [
        "canal.html#mention-example",
        "canal.html#mention-example-1",
        "canal.html#mention-example-2",
        "notes.html#mention-example-1",
    ]
    status = app2.status.getvalue()
    assert "0 added, 1 changed, 0 removed" in status
    # written again: the edited page, its toctree parent, and the register that shows its data
    assert written(status) == {"index", "register", "second"}
    app2.cleanup()

    # an unchanged rebuild reads nothing
    app3 = make_app("html", srcdir=src)
    app3.build()
    assert "0 added, 0 changed, 0 removed" in app3.status.getvalue()


def test_removed_page_leaves_no_backlinks(make_app, rootdir: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    src = copy_root(rootdir, tmp_path, "register")
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    app.cleanup()
    (src / "second.rst").unlink()
    (src / "index.md").write_text((src / "index.md").read_text("utf-8").replace("second\n", ""))
    app2 = make_app("html", srcdir=src)
    app2.build()
    assert "second.html" not in (Path(app2.outdir) / "register.html").read_text("utf-8")
    assert "second.html" not in json.dumps(register_json(app2))


@pytest.mark.parametrize("root", ["register"])
def test_parallel_build_equals_serial(make_app, rootdir: Path, tmp_path: Path, root: str) -> None:  # type: ignore[no-untyped-def]
    outputs = {}
    for jobs in (1, 2):
        src = copy_root(rootdir, tmp_path / f"j{jobs}", root)
        app = make_app("html", srcdir=src, freshenv=True, parallel=jobs)
        app.build()
        assert app.warning.getvalue() == ""
        out = Path(app.outdir)
        outputs[jobs] = {
            "register.json": (out / "register.json").read_text("utf-8"),
            "register.html": (out / "register.html").read_text("utf-8"),
            "canal.html": (out / "canal.html").read_text("utf-8"),
            "sg-personindex.html": (out / "sg-personindex.html").read_text("utf-8"),
        }
        app.cleanup()
    assert outputs[1] == outputs[2]
