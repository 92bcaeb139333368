"""What every reader of a package archive shares: the size and entry limits, safe entry names,
and where the connectors of a solution export sit.

``vetter.loader`` (folders and zips) and ``vetter.submission`` (a certification submission:
zips inside a zip) both read these, at call time (``archives.MAX_FILE_BYTES``), so one
setting bounds every layer and a test can lower it in one place.
"""

from __future__ import annotations

import re

MAX_FILE_BYTES = 32 * 1024 * 1024
MAX_ARCHIVE_BYTES = 256 * 1024 * 1024
MAX_ARCHIVE_ENTRIES = 5000
MAX_COMPRESSION_RATIO = 200


def solution_prefixes(members: list[str]) -> list[str]:
    """``customapis/<name>/`` folders, or one prefix per ``Connectors/<x>_openapidefinition.json``."""
    prefixes: set[str] = set()
    for m in members:
        parts = m.split("/")
        if len(parts) >= 3 and parts[0].lower() == "customapis":
            prefixes.add(f"{parts[0]}/{parts[1]}/")
        elif len(parts) == 2 and parts[0].lower() == "connectors":
            low = parts[1].lower()
            if low.endswith("_openapidefinition.json"):
                prefixes.add(f"{parts[0]}/{parts[1][: -len('_openapidefinition.json')]}_")
    return sorted(prefixes)


def solution_member(files: dict[str, bytes], prefix: str) -> dict[str, bytes]:
    """The files of one connector inside a solution export."""
    if prefix.endswith("/"):  # customapis/<name>/...
        return {k[len(prefix) :]: v for k, v in files.items() if k.startswith(prefix)}
    # Connectors/<name>_openapidefinition.json, <name>_connectionparameters.json, ...
    return {k.rsplit("/", 1)[-1]: v for k, v in files.items() if k.startswith(prefix)}


def safe_member_name(name: str) -> str | None:
    name = name.replace("\\", "/")
    if name.startswith("/") or re.match(r"^[A-Za-z]:", name):
        return None
    parts = [p for p in name.split("/") if p not in ("", ".")]
    if any(p == ".." for p in parts) or not parts:
        return None
    return "/".join(parts)
