"""Acknowledged changes: an intended break, recorded with a reason.

```toml
# vetter-acks.toml
[[ack]]
key = "operation-removed:GetLegacyReport"     # the change's key, as printed by `vetter diff`
reason = "Deprecated since 2.0 (March 2026); removal announced to all tenants."
```

Matching is by the change's stable key (class, operation, field), never by its
message or line. Acknowledged changes still show, marked, but do not fail the
run; an acknowledgement that matches nothing is reported so the file stays true.
"""

from __future__ import annotations

from pathlib import Path

from msgspec import Struct
from msgspec.structs import replace

from vetter.compare.classify import Change
from vetter.model.loader import LoadError


class Ack(Struct, frozen=True):
    key: str
    reason: str


def load_acks(path: str | Path) -> list[Ack]:
    import tomllib  # only with --ack: a plain diff does not pay for the TOML parser

    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise LoadError(f"--ack {path}: {exc}") from exc
    entries = data.get("ack", [])
    if set(data) - {"ack"} or not isinstance(entries, list):
        raise LoadError(f"--ack {path}: expected only [[ack]] tables with key and reason")
    acks = []
    for i, entry in enumerate(entries, 1):
        if not isinstance(entry, dict) or set(entry) != {"key", "reason"} or not all(isinstance(v, str) for v in entry.values()):
            raise LoadError(f"--ack {path}: entry {i} needs exactly a string key and a string reason")
        if not entry["reason"].strip():
            raise LoadError(f"--ack {path}: entry {i} ({entry['key']}) has an empty reason")
        acks.append(Ack(entry["key"], entry["reason"].strip()))
    return acks


def apply_acks(changes: list[Change], acks: list[Ack]) -> tuple[list[Change], list[Ack]]:
    """Mark acknowledged changes; return them with the acknowledgements that matched nothing."""
    by_key = {a.key: a for a in acks}
    used: set[str] = set()
    out = []
    for change in changes:
        ack = by_key.get(change.key)
        if ack is not None:
            used.add(ack.key)
            change = replace(change, acknowledged=ack.reason)
        out.append(change)
    return out, [a for a in acks if a.key not in used]
