"""A diff's result and its renderings: text, JSON (schema diff-report-v1) and a Markdown changelog."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from vetter import __version__
from vetter.compare.acks import Ack
from vetter.compare.classes import CLASSES, RANK, SEVERITIES
from vetter.compare.classify import Change, Side
from vetter.package import ConnectorPackage

DIFF_SCHEMA_ID = "https://vetter.invalid/schemas/diff-report-v1.schema.json"
FAIL_ON = ("breaking", "potentially-breaking", "non-breaking", "never")


@dataclass
class DiffResult:
    old: str
    new: str
    old_files: dict[str, str]
    new_files: dict[str, str]
    changes: list[Change] = field(default_factory=list)
    unused_acks: list[Ack] = field(default_factory=list)
    fail_on: str = "breaking"

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
    return {
        "id": c.id,
        "key": c.key,
        "class": c.cls,
        "title": CLASSES[c.cls].title,
        "microsoft_class": c.microsoft,
        "severity": c.severity,
        "operation": c.operation,
        "message": c.message,
        "hint": c.hint,
        "old": _side(c.old),
        "new": _side(c.new),
        "acknowledged": c.acknowledged is not None,
        "reason": c.acknowledged,
    }


def to_dict(result: DiffResult) -> dict[str, Any]:
    return {
        "$schema": DIFF_SCHEMA_ID,
        "report_version": 1,
        "tool": {"name": "vetter", "version": __version__},
        "old": {"origin": result.old, "files": [{"name": n, "sha256": h} for n, h in sorted(result.old_files.items())]},
        "new": {"origin": result.new, "files": [{"name": n, "sha256": h} for n, h in sorted(result.new_files.items())]},
        "fail_on": result.fail_on,
        "summary": {"changes": result.counts(), "unacknowledged_failing": len(result.failing()), "failed": bool(result.failing())},
        "changes": [change_dict(c) for c in result.changes],
        "unused_acknowledgements": [{"key": a.key, "reason": a.reason} for a in result.unused_acks],
    }


def render_json(result: DiffResult) -> str:
    return json.dumps(to_dict(result), indent=2, ensure_ascii=False) + "\n"


_COLOURS = {"breaking": "red", "potentially-breaking": "yellow", "non-breaking": "green"}


def render_text(result: DiffResult, colour: bool = False) -> str:
    from vetter.terminal import styler

    style = styler(colour)

    lines = [style(f"{result.old} -> {result.new}", bold=True)]
    for c in result.changes:
        mark = style(" [acknowledged]", fg="cyan") if c.acknowledged else ""
        lines.append(f"  {style(f'{c.severity:<20}', fg=_COLOURS[c.severity], bold=True)} {c.message}{mark}")
        places = "  ".join(f"{label} {s.file}:{s.line}:{s.column}" for label, s in (("old", c.old), ("new", c.new)) if s)
        lines.append(style(f"      {c.cls}{f' ({c.microsoft})' if c.microsoft else ''}  {places}  key: {c.key}", dim=True))
        if c.acknowledged:
            lines.append(style(f"      reason: {c.acknowledged}", dim=True))
        elif c.severity != "non-breaking":
            lines.append(style(f"      avoid: {c.hint}", dim=True))
    for ack in result.unused_acks:
        lines.append(style(f"  unused acknowledgement: {ack.key} ({ack.reason})", fg="yellow"))
    counts = result.counts()
    verdict = "FAIL" if result.failing() else "PASS"
    if not result.changes:
        lines.append("  no changes a flow could notice")
    lines.append(
        style(
            f"{verdict}: {counts['breaking']} breaking, {counts['potentially-breaking']} potentially breaking, "
            f"{counts['non-breaking']} non-breaking ({sum(1 for c in result.changes if c.acknowledged)} acknowledged; fail-on: {result.fail_on})",
            fg="red" if result.failing() else "green",
            bold=True,
        )
    )
    return "\n".join(lines) + "\n"


def markdown_view(result: DiffResult) -> dict[str, Any]:
    groups = []
    for severity in SEVERITIES:
        items = [change_dict(c) for c in result.changes if c.severity == severity]
        if items:
            groups.append({"severity": severity, "title": severity.replace("-", " ").capitalize(), "changes": items})
    return {
        "old": result.old,
        "new": result.new,
        "verdict": "failed" if result.failing() else "passed",
        "counts": result.counts(),
        "groups": groups,
        "unused": [{"key": a.key, "reason": a.reason} for a in result.unused_acks],
        "version": __version__,
    }


def render_markdown(result: DiffResult) -> str:
    from vetter.report import template_environment

    return str(template_environment().get_template("diff.md.j2").render(view=markdown_view(result)))
