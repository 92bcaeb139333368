"""An independent check that a finding's line is the line of what its pointer names.

vetter computes lines from pointers (``JsonFile.locate``); this helper does not
use that code. It walks the parsed data to the deepest part of the pointer that
exists (a missing key is reported at its parent) and checks that the finding's
line of the raw text holds that key, quoted, as a key (``"name":``). Array
members and the root have no key to look for; the line must then be inside the file.
"""

from __future__ import annotations

import json
import re
from typing import Any

from vetter.base import pointer as jp


def deepest_key(data: Any, pointer: str) -> str | None:
    """The last object key on the existing part of ``pointer`` (None: root or an array member)."""
    node, key = data, None
    for token in jp.split(pointer):
        if isinstance(node, dict) and token in node:
            node, key = node[token], token
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node, key = node[int(token)], None
        else:
            break
    return key


def check_line(text: str, data: Any, pointer: str | None, line: int, column: int | None = None) -> None:
    """The line (and, given, the column) hold what the pointer names: the column is at the key,
    quoted, or after it on its line (inside the value, as a secret's span is)."""
    lines = text.splitlines() or [""]
    assert 1 <= line <= len(lines), (pointer, line, len(lines))
    if column is not None:
        assert 1 <= column <= len(lines[line - 1]) + 1, (pointer, line, column)
    if pointer is None or data is None:
        return
    key = deepest_key(data, pointer)
    if key is None:
        return
    quoted = re.escape(json.dumps(key, ensure_ascii=False)[1:-1])
    if re.search(r"\\u|\\", lines[line - 1]):
        return  # an escaped key: the raw text need not spell it as the data does
    found = re.search(rf'"{quoted}"\s*:', lines[line - 1])
    assert found, f"line {line} does not hold the key {key!r} of {pointer}: {lines[line - 1][:120]!r}"
    if column is not None:  # at the key, or inside its value (a secret's own span)
        assert column - 1 >= found.start(), f"column {column} of line {line} is before the key {key!r} of {pointer}: {lines[line - 1][:120]!r}"
