"""Diff results as JSON, Markdown changelog and terminal text."""

from __future__ import annotations

import json
from typing import Any

from vetter import __version__
from vetter.compare.classes import SEVERITIES
from vetter.compare.report import DiffResult, change_dict, to_dict
from vetter.render import safe_text, template_environment


def render_json(result: DiffResult) -> str:
    return safe_text(json.dumps(to_dict(result), indent=2, ensure_ascii=False) + "\n")


_COLOURS = {"breaking": "red", "potentially-breaking": "yellow", "non-breaking": "green"}


def render_text(result: DiffResult, colour: bool = False) -> str:
    from vetter.render.terminal import styler

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
    return safe_text("\n".join(lines) + "\n")


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
    return safe_text(str(template_environment().get_template("diff.md.j2").render(view=markdown_view(result))))
