"""Scan reports as JSON, Markdown and terminal text."""

from __future__ import annotations

import json
from typing import Any

from vetter import __version__
from vetter.render import safe_text, template_environment
from vetter.report import ScanReport, to_dict


def render_json(report: ScanReport) -> str:
    return safe_text(json.dumps(to_dict(report), indent=2, ensure_ascii=False, sort_keys=False) + "\n")


def markdown_view(report: ScanReport) -> dict[str, Any]:
    """Everything the Markdown template prints, decided here and not in the template."""
    data = to_dict(report)
    packages = []
    for p in data["packages"]:
        packages.append(
            {
                "origin": p["origin"],
                "findings": [
                    dict(f, where=f"{f['file']}:{f['line']}" if f["file"] != "." else "(package)")
                    for f in p["findings"]
                ],
                "skipped": p["rules_skipped"],
            }
        )
    return {
        "verdict": "failed" if report.failing() else "passed",
        "counts": data["summary"]["findings"],
        "fail_on": report.fail_on,
        "packages": packages,
        "version": __version__,
    }


def render_markdown(report: ScanReport) -> str:
    return safe_text(str(template_environment().get_template("scan.md.j2").render(view=markdown_view(report))))


_COLOURS = {"error": "red", "warning": "yellow", "info": "cyan"}


def render_text(report: ScanReport, colour: bool = False) -> str:
    from vetter.render.terminal import styler

    style = styler(colour)

    lines: list[str] = []
    for p in sorted(report.packages, key=lambda r: (r.origin, r.package)):
        counts = p.counts()
        head = f"{p.origin}  ({p.kind})"
        lines.append(style(head, bold=True))
        for f in p.findings:
            where = f"{f.file}:{f.line}:{f.column}" if f.file != "." else "(package)"
            sev = style(f"{f.severity.value:<7}", fg=_COLOURS[f.severity.value], bold=True)
            lines.append(f"  {where}: {sev} {style(f.rule, bold=True)} {f.message}")
            if f.pointer:
                lines.append(style(f"      at {f.pointer}", dim=True))
            if f.hint:
                lines.append(style(f"      fix: {f.hint}", dim=True))
        for rule, why in sorted(p.rules_skipped.items()):
            lines.append(style(f"  skipped {rule}: {why}", dim=True))
        if not p.findings:
            lines.append(style("  no findings", fg="green"))
        lines.append(
            f"  {counts['error']} error(s), {counts['warning']} warning(s), {counts['info']} info"
        )
        lines.append("")
    total = report.counts()
    verdict = "FAIL" if report.failing() else "PASS"
    lines.append(
        style(
            f"{verdict}: {len(report.packages)} package(s), {total['error']} error(s), "
            f"{total['warning']} warning(s), {total['info']} info (fail-on: {report.fail_on})",
            fg="red" if report.failing() else "green",
            bold=True,
        )
    )
    return safe_text("\n".join(lines) + "\n")
