"""Scan reports as JSON, Markdown and terminal text."""

from __future__ import annotations

import json
from typing import Any

from vetter import __version__
from vetter.render import template_environment
from vetter.report import ScanReport, to_dict


def render_json(report: ScanReport) -> str:
    return json.dumps(to_dict(report), indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def markdown_view(report: ScanReport) -> dict[str, Any]:
    """Everything the Markdown template prints, decided here and not in the template."""
    data = to_dict(report)
    packages = []
    for p in data["packages"]:
        packages.append(
            {
                "origin": p["origin"],
                "profile": p.get("profile"),
                "findings": [
                    dict(f, where=f"{f['file']}:{f['line']}" if f["file"] != "." else "(package)")
                    for f in p["findings"]
                ],
                "baselined": p["summary"]["baselined"],
                "skipped": p["rules_skipped"],
            }
        )
    return {
        "verdict": "failed" if report.failing() else "passed",
        "counts": data["summary"]["findings"],
        "fail_on": report.fail_on,
        "packages": packages,
        "gate": data["gate"],
        "version": __version__,
    }


def render_markdown(report: ScanReport) -> str:
    return str(template_environment().get_template("scan.md.j2").render(view=markdown_view(report)))


_COLOURS = {"error": "red", "warning": "yellow", "info": "cyan"}


def profile_lines(report: ScanReport, result: Any, style: Any) -> list[str]:
    """The text report's line naming the package's certification profile and why."""
    profile = report.profile(result)
    if profile is None:
        return []
    how = "given" if profile.source == "option" else "detected"
    return [style(f"  profile: {profile.name} ({how}: {profile.reason})", dim=True)]


def render_text(report: ScanReport, colour: bool = False) -> str:
    from vetter.render.terminal import styler

    style = styler(colour)

    lines: list[str] = []
    for p in sorted(report.packages, key=lambda r: (r.origin, r.package)):
        counts = p.counts()
        head = f"{p.origin}  ({p.kind})"
        lines.append(style(head, bold=True))
        from vetter.render.security import security_lines

        lines.extend(security_lines(report.security.get((p.origin, p.package)), style))
        lines.extend(profile_lines(report, p, style))
        for f in p.findings:
            where = f"{f.file}:{f.line}:{f.column}" if f.file != "." else "(package)"
            sev = style(f"{f.severity.value:<7}", fg=_COLOURS[f.severity.value], bold=True)
            lines.append(f"  {where}: {sev} {style(f.rule, bold=True)} {f.message}")
            if f.pointer:
                lines.append(style(f"      at {f.pointer}", dim=True))
            if f.waiver:
                lines.append(style(f"      waived: {f.waiver['reason']} (owner {f.waiver['owner']}, until {f.waiver['expires']})", fg="cyan"))
            elif f.hint:
                lines.append(style(f"      fix: {f.hint}", dim=True))
        if p.baselined:
            lines.append(style(f"  {p.baselined} baselined finding(s) not shown", dim=True))
        for rule, why in sorted(p.rules_skipped.items()):
            lines.append(style(f"  skipped {rule}: {why}", dim=True))
        if not p.findings:
            lines.append(style("  no findings", fg="green"))
        lines.append(
            f"  {counts['error']} error(s), {counts['warning']} warning(s), {counts['info']} info"
        )
        lines.append("")
    lines.extend(_gate_lines(report, style))
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
    return "\n".join(lines) + "\n"


def _gate_lines(report: ScanReport, style: Any) -> list[str]:
    """The gate's own findings and the stale baseline entries, after the packages."""
    gate = report.gate
    if gate is None:
        return []
    lines = [style("gate (baseline and waivers)", bold=True)]
    for f in gate.findings:
        sev = style(f"{f.severity.value:<7}", fg=_COLOURS[f.severity.value], bold=True)
        lines.append(f"  {f.file}:{f.line}: {sev} {style(f.rule, bold=True)} {f.message}")
    if gate.stale:
        lines.append(f"  {len(gate.stale)} baseline entr{'y' if len(gate.stale) == 1 else 'ies'} no longer occur (drop with --update-baseline):")
        lines.extend(style(f"    {e.package}: {e.rule} {e.file}#{e.pointer or ''}", dim=True) for e in gate.stale)
    lines.append(f"  {gate.baselined} baselined, {sum(p.waived for p in report.packages)} waived")
    lines.append("")
    return lines
