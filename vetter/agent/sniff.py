"""Whether a ``vetter diff`` side is a saved ``tools/list`` answer: a look at the file's first bytes.

Kept apart from ``vetter.agent.toolfile`` so that a diff of two connectors decides this without
importing the tool model.
"""

from __future__ import annotations

from pathlib import Path


def is_tool_snapshot(path: str | Path) -> bool:
    """Whether ``path`` is a JSON file holding a tool list rather than a connector (``vetter diff``)."""
    p = Path(path)
    if not p.is_file() or p.suffix.lower() != ".json":
        return False
    try:
        with p.open("rb") as f:
            head = f.read(65536)
    except OSError:
        return False
    text = head.decode("utf-8", "replace").lstrip("\ufeff \t\r\n")
    if text.startswith("["):
        return True  # a connector's JSON files are objects
    return text.startswith("{") and '"tools"' in text and '"swagger"' not in text and '"paths"' not in text
