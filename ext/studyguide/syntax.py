"""What authors write in options: the shape of an id, and lists separated by ';' or newlines."""

from __future__ import annotations

import re

#: a register, claim or quiz id: lowercase letters, digits, hyphens
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def split_list(text: str | None) -> list[str]:
    """';'- or newline-separated values, stripped, empties dropped."""
    if not text:
        return []
    return [part.strip() for part in re.split(r"[;\n]", text) if part.strip()]
