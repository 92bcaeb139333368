"""Diff results as JSON, Markdown changelog and terminal text.

The renderers read the diff's JSON model (``vetter.compare.report.to_dict``),
so ``vetter report DIFF.json`` re-renders a saved diff without comparing again.
"""

from __future__ import annotations

from typing import Any

from vetter.base.jsontext import pretty
from vetter.compare.classes import SEVERITIES
from vetter.compare.report import DiffResult, to_dict
from vetter.render import safe_text, template_environment
from vetter.render.dlp import GROUP_LABEL


def render_json(result: DiffResult) -> str:
    return safe_text(pretty(to_dict(result)) + "\n")


_COLOURS = {"breaking": "red", "potentially-breaking": "yellow", "non-breaking": "green"}


def verdict_line(data: dict[str, Any]) -> str:
    counts = data["summary"]["changes"]
    verdict = "FAIL" if data["summary"]["failed"] else "PASS"
    acknowledged = sum(1 for c in data["changes"] if c["acknowledged"])
    return (
        f"{verdict}: {counts['breaking']} breaking, {counts['potentially-breaking']} potentially breaking, "
        f"{counts['non-breaking']} non-breaking ({acknowledged} acknowledged; fail-on: {data['fail_on']})"
    )


def render_text(data: dict[str, Any], colour: bool = False, detail: str = "default") -> str:
    from vetter.render.terminal import styler

    style = styler(colour)
    summary = style(verdict_line(data), fg="red" if data["summary"]["failed"] else "green", bold=True)
    if detail == "quiet":
        return summary + "\n"
    lines = [style(f"{data['old']['origin']} -> {data['new']['origin']}", bold=True)]
    for c in data["changes"]:
        mark = style(" [acknowledged]", fg="cyan") if c["acknowledged"] else ""
        sev = style(f"{c['severity']:<20}", fg=_COLOURS.get(c["severity"]), bold=True)
        lines.append(f"  {sev} {c['message']}{mark}")
        places = "  ".join(
            f"{label} {s['file']}:{s['line']}:{s['column']}" for label, s in (("old", c["old"]), ("new", c["new"])) if s
        )
        ms = f" ({c['microsoft_class']})" if c["microsoft_class"] else ""
        lines.append(style(f"      {c['class']}{ms}  {places}  key: {c['key']}", dim=True))
        if c["acknowledged"]:
            lines.append(style(f"      reason: {c['reason']}", dim=True))
        elif c["severity"] != "non-breaking":
            if c.get("severity_reason"):
                lines.append(style(f"      why: {c['severity_reason']}", dim=True))
            lines.append(style(f"      avoid: {c['hint']}", dim=True))
    for ack in data["unused_acknowledgements"]:
        lines.append(style(f"  unused acknowledgement: {ack['key']} ({ack['reason']})", fg="yellow"))
    if not data["changes"]:
        lines.append("  no changes a flow could notice")
    lines.extend(risk_change_lines(data.get("risk")))
    for row in dlp_rows(data):
        lines.append(style(row["line"], fg="yellow" if row["moved"] else None, bold=row["moved"]))
    lines.append(summary)
    return "\n".join(lines) + "\n"  # made safe by vetter.render.formats.render, the one safe-text step


def markdown_view(data: dict[str, Any], detail: str = "default") -> dict[str, Any]:
    groups = []
    for severity in SEVERITIES if detail != "quiet" else ():
        items = [c for c in data["changes"] if c["severity"] == severity]
        if items:
            groups.append({"severity": severity, "title": severity.replace("-", " ").capitalize(), "changes": items})
    return {
        "old": data["old"]["origin"],
        "new": data["new"]["origin"],
        "verdict": "failed" if data["summary"]["failed"] else "passed",
        "counts": data["summary"]["changes"],
        "groups": groups,
        "quiet": detail == "quiet",
        "unused": data["unused_acknowledgements"] if detail != "quiet" else [],
        "dlp": dlp_rows(data) if detail != "quiet" else [],
        "version": data["tool"]["version"],
        "risk": risk_change_lines(data.get("risk"), indent="") if detail != "quiet" else [],
    }


def risk_change_lines(risk: Any, indent: str = "  ") -> list[str]:
    """``risk score: 15 -> 38 (+23)`` and one line per row of the weights table that moved."""
    if not isinstance(risk, dict):
        return []
    sign = f"{risk['delta']:+d}" if risk["delta"] else "unchanged"
    out = [f"{indent}risk score: {risk['old']} → {risk['new']} ({sign})"]
    for r in risk["rows"]:
        items = ", ".join([f"+{x}" for x in r["added"]] + [f"-{x}" for x in r["removed"]])
        out.append(f"{indent}  {r['delta']:+d} {r['id']} ({r['old']} → {r['new']}){': ' + items if items else ''}")
    return out
def dlp_rows(data: dict[str, Any]) -> list[dict[str, Any]]:
    """``--dlp-policy``: one line per policy, the old version's group and the new one's, with why."""
    dlp = data.get("dlp")
    if not dlp:
        return []
    rows = []
    for v in dlp["verdicts"]:
        label = dlp["policies"][v["policy"]]["label"]
        old, new = v["old"] or {}, v["new"] or {}
        before, after = GROUP_LABEL[old.get("group")], GROUP_LABEL[new.get("group")]
        change = f"{before} -> {after}" if v["moved"] else f"{after}, unchanged"
        line = f"  DLP policy [{v['policy'] + 1}] {label}: {change} ({new.get('decided_by', 'not analysed')})"
        if v["new_unseen_hosts"]:
            line += f"; new hosts no policy decision sees: {', '.join(v['new_unseen_hosts'])}"
        rows.append({"line": line, "label": label, "before": before, "after": after, "moved": v["moved"],
                     "decided_by": new.get("decided_by", ""), "new_unseen": v["new_unseen_hosts"]})
    return rows


def render_markdown(data: dict[str, Any], detail: str = "default") -> str:
    return str(template_environment().get_template("diff.md.j2").render(view=markdown_view(data, detail)))  # made safe by render()
