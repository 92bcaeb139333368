"""A diff's result: the model its renderers (``vetter.render.diff``) read; JSON schema diff-report-v1."""

from __future__ import annotations

from typing import Any

from msgspec import Struct, field

from vetter import __version__
from vetter.base.reportids import DIFF_SCHEMA_ID, DIFF_VERSION
from vetter.compare.acks import Ack
from vetter.compare.classes import RANK, SEVERITIES
from vetter.compare.classify import Change, Side
from vetter.compare.toolclasses import class_info
from vetter.model.package import ConnectorPackage

FAIL_ON = ("breaking", "potentially-breaking", "non-breaking", "never")  # also vetter.cli.DIFF_FAIL_ON


class DiffResult(Struct):
    old: str
    new: str
    old_files: dict[str, str]
    new_files: dict[str, str]
    changes: list[Change] = field(default_factory=list)
    unused_acks: list[Ack] = field(default_factory=list)
    fail_on: str = "breaking"
    dlp: dict[str, Any] | None = None  # --dlp-policy: each policy's verdict on both versions (vetter.security.portfolio.version_change)

    @classmethod
    def of(cls, old: ConnectorPackage, new: ConnectorPackage, changes: list[Change], unused: list[Ack], fail_on: str) -> DiffResult:
        return cls(old.origin, new.origin, old.input_hashes(), new.input_hashes(), changes, unused, fail_on)

    def counts(self) -> dict[str, int]:
        out = {s: 0 for s in SEVERITIES}
        for c in self.changes:
            out[c.severity] += 1
        return out

    def failing(self) -> list[Change]:
        if self.fail_on == "never":
            return []
        threshold = RANK[self.fail_on]
        return [c for c in self.changes if RANK[c.severity] >= threshold and not c.acknowledged]

    @property
    def exit_code(self) -> int:
        return 1 if self.failing() else 0


def _side(side: Side | None) -> dict[str, Any] | None:
    if side is None:
        return None
    return {"file": side.file, "pointer": side.pointer, "line": side.line, "column": side.column}


def change_dict(c: Change) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": c.id,
        "key": c.key,
        "class": c.cls,
        "title": class_info(c.cls).title,
        "microsoft_class": c.microsoft,
        "severity": c.severity,
        "operation": c.operation,
        "message": c.message,
        "hint": c.hint,
        "old": _side(c.old),
        "new": _side(c.new),
        "acknowledged": c.acknowledged is not None,
        "reason": c.acknowledged,
        "severity_reason": c.reason,
        "renamed": {"from": c.renamed[0], "to": c.renamed[1]} if c.renamed else None,
        "used_by": [{"operation": d.operation, "via": d.via, "field": d.where or None} for d in c.used_by[:USED_BY_SHOWN]],
    }
    if len(c.used_by) > USED_BY_SHOWN:
        out["used_by_more"] = len(c.used_by) - USED_BY_SHOWN
    return out


USED_BY_SHOWN = 20
"""Dependants a change lists; past them ``used_by_more`` says how many more. Every change of an
operation has the same dependants: 4,000 changes of one operation that 4,000 others call for dynamic
values repeated all 4,000 in each change (151 s, a 3.6 GB report)."""


def to_dict(result: DiffResult) -> dict[str, Any]:
    out = {
        "$schema": DIFF_SCHEMA_ID,
        "report_version": DIFF_VERSION,
        "tool": {"name": "vetter", "version": __version__},
        "old": {"origin": result.old, "files": [{"name": n, "sha256": h} for n, h in sorted(result.old_files.items())]},
        "new": {"origin": result.new, "files": [{"name": n, "sha256": h} for n, h in sorted(result.new_files.items())]},
        "fail_on": result.fail_on,
        "summary": {"changes": result.counts(), "unacknowledged_failing": len(result.failing()), "failed": bool(result.failing())},
        "changes": [change_dict(c) for c in result.changes],
        "unused_acknowledgements": [{"key": a.key, "reason": a.reason} for a in result.unused_acks],
    }
    if result.dlp is not None:  # only with --dlp-policy: diffs without it keep their shape
        out["dlp"] = result.dlp
    return out
