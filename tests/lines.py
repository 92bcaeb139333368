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

from vetter import pointer as jp


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


def check_line(text: str, data: Any, pointer: str | None, line: int) -> None:
    lines = text.splitlines() or [""]
    assert 1 <= line <= len(lines), (pointer, line, len(lines))
    if pointer is None or data is None:
        return
    key = deepest_key(data, pointer)
    if key is None:
        return
    quoted = re.escape(json.dumps(key, ensure_ascii=False)[1:-1])
    assert re.search(rf'"{quoted}"\s*:', lines[line - 1]) or re.search(
        r"\\u|\\", lines[line - 1]
    ), f"line {line} does not hold the key {key!r} of {pointer}: {lines[line - 1][:120]!r}"
