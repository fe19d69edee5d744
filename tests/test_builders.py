"""The custom nodes render sensibly in every builder, with no warning."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

BUILDERS = ["html", "dirhtml", "singlehtml", "epub", "latex", "text", "man", "xml"]


@pytest.mark.parametrize("builder", BUILDERS)
def test_builder_is_clean(make_app, rootdir: Path, tmp_path: Path, builder: str) -> None:  # type: ignore[no-untyped-def]
    src = tmp_path / "register"
    shutil.copytree(rootdir / "test-register", src)
    app = make_app(builder, srcdir=src, freshenv=True, warningiserror=True)
    app.build()
    assert app.statuscode == 0
    assert app.warning.getvalue() == ""
    out = Path(app.outdir)
    text = "\n".join(
        p.read_text("utf-8", errors="replace")
        for p in out.rglob("*")
        if p.is_file() and p.suffix in (".html", ".xhtml", ".tex", ".txt", ".1", ".xml")
    )
    assert "Mary Example" in text
    assert "Mentioned in" in text  # the back-links were generated, not left as placeholders
    assert "sg_placeholder" not in text
