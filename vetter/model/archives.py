"""What every reader of a package archive shares: the size and entry limits, safe entry names,
and where the connectors of a solution export sit.

``vetter.model.loader`` (folders and zips) and ``vetter.model.submission`` (a certification submission:
zips inside a zip) both read these, at call time (``archives.MAX_FILE_BYTES``), so one
setting bounds every layer and a test can lower it in one place.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

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
    """The files of one connector inside a solution export.

    In the ``Connectors/`` layout a file ``<name>_<kind>`` belongs to the connector with the
    longest name it starts with: the files of ``contoso_v2`` also start with ``contoso_``, and were
    read as ``contoso``'s too, so ``contoso`` could be vetted with ``contoso_v2``'s definition (the
    candidates' order chose it) and a chain of such names gave each connector the files of every
    longer one (L connectors, L squared files in the report)."""
    if prefix.endswith("/"):  # customapis/<name>/...
        return {k[len(prefix) :]: v for k, v in files.items() if k.startswith(prefix)}
    # Connectors/<name>_openapidefinition.json, <name>_connectionparameters.json, ...
    folder, _, name = prefix[:-1].partition("/")
    names = _connector_names(tuple(files), folder)
    out: dict[str, bytes] = {}
    for k, v in files.items():
        if not k.startswith(prefix):
            continue
        base = k[len(folder) + 1 :]
        at = base.find("_", len(name) + 1)
        while at != -1 and base[:at] not in names:  # a longer connector's name this file also starts with
            at = base.find("_", at + 1)
        if at == -1:
            out[k.rsplit("/", 1)[-1]] = v
    return out


@lru_cache(maxsize=2)
def _connector_names(members: tuple[str, ...], folder: str) -> frozenset[str]:
    """The connector names of a solution's ``Connectors/`` folder (``folder``, as spelt), worked out
    once for all its connectors."""
    return frozenset(p.split("/", 1)[1][:-1] for p in solution_prefixes(list(members)) if not p.endswith("/") and p.split("/", 1)[0] == folder)


def safe_member_name(name: str) -> str | None:
    name = name.replace("\\", "/")
    if name.startswith("/") or re.match(r"^[A-Za-z]:", name):
        return None
    parts = [p for p in name.split("/") if p not in ("", ".")]
    if any(p == ".." for p in parts) or not parts:
        return None
    return "/".join(parts)


MAX_LISTED_ENTRIES = 10 * MAX_ARCHIVE_ENTRIES
"""Archives whose central directory lists more entries than this are not opened at all: Python's
``zipfile`` builds an object per entry before the first one can be read (2 million entries cost
29 s and 1.1 GB), so the count is read from the end record first."""
MAX_DIRECTORY_BYTES = 16 * 1024 * 1024
"""Nor are archives whose central directory is larger than this (an end record can understate the count)."""


def oversized_directory(source: Path | bytes) -> str | None:
    """Why the zip at ``source`` (a path or its bytes) is not to be opened, or None.

    Reads only the end of central directory record (and the ZIP64 one it points to): the entry
    count and the directory's size as the archive declares them.
    """
    import struct

    try:
        if isinstance(source, bytes):
            tail, head = source[-(65_535 + 22) :], source
        else:
            with open(source, "rb") as fh:
                fh.seek(0, 2)
                fh.seek(max(0, fh.tell() - 65_535 - 22))
                tail = fh.read()
            head = None
        at = tail.rfind(b"PK\x05\x06")
        if at == -1 or len(tail) < at + 22:
            return None  # not a zip: zipfile says so itself
        _sig, _disk, _cd_disk, _here, entries, cd_size, _cd_offset, _comment = struct.unpack("<4s4H2LH", tail[at : at + 22])
        locator = tail[at - 20 : at] if at >= 20 else b""
        if locator[:4] == b"PK\x06\x07":
            (zip64_at,) = struct.unpack("<Q", locator[8:16])
            if head is not None:
                record = head[zip64_at : zip64_at + 56]
            else:
                with open(source, "rb") as fh:
                    fh.seek(zip64_at)
                    record = fh.read(56)
            if record[:4] == b"PK\x06\x06" and len(record) >= 56:
                entries, cd_size = struct.unpack("<QQ", record[32:48])
    except (OSError, struct.error, ValueError):
        return None
    if entries > MAX_LISTED_ENTRIES or cd_size > MAX_DIRECTORY_BYTES:
        return (f"The package could not be read: the archive lists {entries:,} entries in a {cd_size:,}-byte directory "
                f"(vetter opens archives of at most {MAX_LISTED_ENTRIES:,} entries and {MAX_DIRECTORY_BYTES:,} bytes of directory, "
                f"and reads the first {MAX_ARCHIVE_ENTRIES:,}); nothing in it was checked.")
    return None
