"""The promises around the code: Read the Docs config, Makefile targets, CI script."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

BIN = Path(sys.executable).parent


def test_readthedocs_config_validates() -> None:
    result = subprocess.run(
        [str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.readthedocs", ".readthedocs.yaml"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_readthedocs_builds_like_make_html() -> None:
    config = (ROOT / ".readthedocs.yaml").read_text("utf-8")
    assert "configuration: docs/conf.py" in config
    assert "fail_on_warning: true" in config
    assert 'python: "3.12"' in config


def test_make_help_lists_targets() -> None:
    result = subprocess.run(["make", "-s", "help"], cwd=ROOT, capture_output=True, text=True, check=True)
    for target in ("html", "test", "lint", "serve", "clean"):
        assert f"  {target} " in result.stdout
    assert "epub" in result.stdout  # the sphinx-build -M passthrough


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    readme = (ROOT / "README.md").read_text("utf-8")
    assert "make test" in ci and "make test" in readme
    assert "make lint" in ci
