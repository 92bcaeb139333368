"""Scan reports as JSON, Markdown and terminal text.

Every renderer here reads the JSON report model (``vetter.report.model.to_dict``),
so ``vetter report RESULTS.json`` re-renders a saved scan exactly as the scan
itself would have. ``detail`` is ``quiet`` (only the verdict), ``default``
(packages with findings, one summary line for the clean ones) or ``verbose``
(every package).
"""

from __future__ import annotations

from typing import Any

from vetter.base.jsontext import pretty
from vetter.render import safe_text, template_environment
from vetter.render.dlp import dlp_view, verdict_lines
from vetter.render.dlp import text_lines as dlp_text_lines
from vetter.render.dossier import approval_lines, by_risk, drift_lines, questions_lines, risk_lines
from vetter.render.security import security_lines
from vetter.report.model import ScanReport, to_dict

DETAILS = ("quiet", "default", "verbose")


def render_json(report: ScanReport) -> str:
    return safe_text(pretty(to_dict(report)) + "\n")


def where(f: dict[str, Any]) -> str:
    """``file:line:column``, or ``(package)`` for a finding about the package as a whole."""
    return f"{f['file']}:{f['line']}:{f['column']}" if f["file"] != "." else "(package)"


def verdict_line(data: dict[str, Any]) -> str:
    total = data["summary"]["findings"]
    verdict = "FAIL" if data["summary"]["failed"] else "PASS"
    return (
        f"{verdict}: {data['summary']['packages']} package(s), {total['error']} error(s), "
        f"{total['warning']} warning(s), {total['info']} info (fail-on: {data['fail_on']})"
    )


def split_packages(data: dict[str, Any], detail: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(packages shown in full, clean packages folded into one line)."""
    if detail == "verbose":
        return list(data["packages"]), []
    shown = [p for p in data["packages"] if _noteworthy(p)]
    clean = [p for p in data["packages"] if not _noteworthy(p)]
    return shown, clean


def _noteworthy(p: dict[str, Any]) -> bool:
    return bool(p["findings"] or p["rules_skipped"] or p["summary"].get("baselined"))


def clean_line(clean: list[dict[str, Any]]) -> str:
    if len(clean) == 1:
        return f"{clean[0]['origin']}: no findings"
    return f"{len(clean)} package(s) with no findings (--verbose lists them)"


def markdown_view(data: dict[str, Any], detail: str = "default") -> dict[str, Any]:
    """Everything the Markdown template prints, decided here and not in the template."""
    shown, clean = split_packages(data, detail) if detail != "quiet" else ([], [])
    packages = []
    for p in shown:
        packages.append(
            {
                "origin": p["origin"],
                "profile": p.get("profile"),
                "agent": agent_line(p.get("security")),
                "findings": [
                    dict(f, where=f"{f['file']}:{f['line']}" if f["file"] != "." else "(package)")
                    for f in p["findings"]
                ],
                "baselined": p["summary"].get("baselined", 0),
                "skipped": [dict(g, reason=_markdown_reason(g["reason"], p)) for g in skipped_groups(p)],
                "risk": p.get("risk"),
                "questions": p.get("questions"),
                "approval": dict(p["approval"], drift_lines=drift_lines(p["approval"].get("drift") or {})) if isinstance(p.get("approval"), dict) else None,
            }
        )
    return {
        "verdict": "failed" if data["summary"]["failed"] else "passed",
        "packages_total": data["summary"]["packages"],
        "counts": data["summary"]["findings"],
        "fail_on": data["fail_on"],
        "packages": packages,
        "clean": _markdown_clean(clean) if clean else "",
        "gate": data.get("gate") if detail != "quiet" else None,
        "dlp": dlp_view(data) if detail != "quiet" else None,
        "version": data["tool"]["version"],
        "settings": _markdown_settings(data.get("settings")) if detail != "quiet" else "",
        "not_counted": _markdown_not_counted(data.get("settings")) if detail != "quiet" else [],
    }


def skipped_groups(p: dict[str, Any]) -> list[dict[str, Any]]:
    """The package's skipped rules grouped by reason (one line each: a file that could not be parsed
    skips a hundred rules), largest group first; the JSON report keeps them one by one."""
    by_reason: dict[str, list[str]] = {}
    for s in p["rules_skipped"]:
        by_reason.setdefault(s["reason"], []).append(s["rule"])
    groups = [{"reason": reason, "rules": sorted(rules), "count": len(rules)} for reason, rules in by_reason.items()]
    return sorted(groups, key=lambda g: (-g["count"], g["reason"]))


def skipped_line(group: dict[str, Any]) -> str:
    """``skipped OPR001`` for one rule, ``120 rules skipped`` for more."""
    if group["count"] == 1:
        return f"skipped {group['rules'][0]}"
    return f"{group['count']} rules skipped"


_VETTER_REASONS = ("could not be parsed", "is not a JSON object")


def _markdown_reason(reason: str, p: dict[str, Any]) -> str:
    """The reason with the package's file name in a code span (``apiDefinition.swagger.json`` could not be
    parsed); a reason vetter did not phrase itself is a code span as a whole."""
    from vetter.render import markdown_code

    for f in p["files"]:
        for phrase in _VETTER_REASONS:
            if reason == f"{f['name']} {phrase}":
                return f"{markdown_code(f['name'])} {phrase}"
    if reason in ("no swagger file in the package", "no apiProperties.json in the package"):
        return reason
    return markdown_code(reason)


def _markdown_clean(clean: list[dict[str, Any]]) -> str:
    """``clean_line`` with the package's origin in a code span."""
    from vetter.render import markdown_code

    if len(clean) == 1:
        return f"{markdown_code(clean[0]['origin'])}: no findings"
    return clean_line(clean)


def _markdown_settings(settings: dict[str, Any] | None) -> str:
    from vetter.render.settings import markdown_line

    return markdown_line(settings)


def _markdown_not_counted(settings: dict[str, Any] | None) -> list[dict[str, Any]]:
    from vetter.render.settings import not_counted

    return [dict(i, where=f"{i['package']}/{i['file']}:{i['line']}" if i["file"] != "." else i["package"]) for i in not_counted(settings)]
def agent_line(security: Any) -> str:
    """One sentence on the connector's kind (and, for MCP, its tools) for the Markdown report; "" without a profile."""
    agent = security.get("agent") if isinstance(security, dict) else None
    if not isinstance(agent, dict) or agent.get("kind") not in ("rest", "mcp", "both"):
        return ""
    if agent["kind"] == "rest":
        return "Kind: REST (each operation is an action DLP can allow or block)."
    ops = ", ".join(str(o["operation_id"]) for o in agent.get("operations") or [])  # connector text: escaped by the template
    head = f"Kind: {'MCP server' if agent['kind'] == 'mcp' else 'REST and MCP'} ({ops}): tools come from the server at run time; DLP sees one operation."
    tools = agent.get("tools") or {}
    if tools.get("known"):
        return f"{head} Tools: {tools['count']} from {tools['source']}, `{tools['hash']}`."
    return f"{head} Tools: unknown."


def render_markdown(data: dict[str, Any], detail: str = "default") -> str:
    return str(template_environment().get_template("scan.md.j2").render(view=markdown_view(data, detail)))  # made safe by render()


_COLOURS = {"error": "red", "warning": "yellow", "info": "cyan"}


def render_text(data: dict[str, Any], colour: bool = False, detail: str = "default") -> str:
    from vetter.render.terminal import styler

    style = styler(colour)
    summary = style(verdict_line(data), fg="red" if data["summary"]["failed"] else "green", bold=True)
    if detail == "quiet":
        return summary + "\n"
    shown, clean = split_packages(data, detail)
    if len(data["packages"]) > 1:  # a portfolio: the riskiest package first
        shown = by_risk(shown)
    lines: list[str] = _settings_lines(data.get("settings"), style)
    for p in shown:
        counts = p["summary"]["findings"]
        lines.append(style(f"{p['origin']}  ({p['kind']})", bold=True))
        lines.extend(_security_block(p.get("security"), style))
        lines.extend(_dossier_block(p, style, detail))
        lines.extend(verdict_lines(p, data, style))
        lines.extend(profile_lines(p.get("profile"), style))
        for f in p["findings"]:
            sev = style(f"{f['severity']:<7}", fg=_COLOURS.get(f["severity"]), bold=True)
            lines.append(f"  {where(f)}: {sev} {style(f['rule'], bold=True)} {f['message']}")
            if f["pointer"]:
                lines.append(style(f"      at {f['pointer']}", dim=True))
            waiver = f.get("waiver")
            if waiver:
                lines.append(style(f"      waived: {waiver['reason']} (owner {waiver['owner']}, until {waiver['expires']})", fg="cyan"))
            elif f["hint"]:
                lines.append(style(f"      fix: {f['hint']}", dim=True))
        if p["summary"].get("baselined"):
            lines.append(style(f"  {p['summary']['baselined']} baselined finding(s) not shown", dim=True))
        for g in skipped_groups(p):
            lines.append(style(f"  {skipped_line(g)}: {g['reason']}", dim=True))
        if not p["findings"]:
            lines.append(style("  no findings", fg="green"))
        lines.append(f"  {counts['error']} error(s), {counts['warning']} warning(s), {counts['info']} info")
        lines.append("")
    if clean:
        lines.append(style(clean_line(clean), fg="green"))
    lines.extend(dlp_text_lines(data, style, _COLOURS))
    lines.extend(_gate_lines(data, style))
    lines.extend(_not_counted_lines(data.get("settings"), style))
    lines.append(summary)
    return "\n".join(lines) + "\n"  # made safe by vetter.render.formats.render, the one safe-text step



def _settings_lines(settings: dict[str, Any] | None, style: Any) -> list[str]:
    """The header line naming the configuration and what it changed (vetter.render.settings)."""
    from vetter.render.settings import summary_line

    line = summary_line(settings)
    return [style(f"settings: {line}", bold=True), ""] if line else []


def _not_counted_lines(settings: dict[str, Any] | None, style: Any) -> list[str]:
    """Every secret or security finding that does not count, one line each."""
    from vetter.render.settings import not_counted, not_counted_line

    items = not_counted(settings)
    if not items:
        return []
    lines = [style(f"not counted: {len(items)} secret and security finding(s) (rule not selected, baselined or waived)", bold=True, fg="yellow")]
    lines.extend(f"  {not_counted_line(i)}" for i in items)
    lines.append("")
    return lines


def _security_block(security: Any, style: Any) -> list[str]:
    """The security profile's short block (vetter.render.security), tolerant of a hand-edited report."""
    try:
        return security_lines(security, style)
    except (KeyError, TypeError, IndexError, AttributeError):
        return [style("  security profile: not in the documented shape (see --format json)", dim=True)]


def _dossier_block(p: dict[str, Any], style: Any, detail: str) -> list[str]:
    """Risk score, approval state and the questionnaire (vetter.render.dossier), tolerant of a hand-edited report."""
    try:
        return [*risk_lines(p.get("risk"), style), *approval_lines(p.get("approval"), style), *questions_lines(p.get("questions"), detail)]
    except (KeyError, TypeError, IndexError, AttributeError):
        return [style("  risk, approval or questions: not in the documented shape (see --format json)", dim=True)]


def _gate_lines(data: dict[str, Any], style: Any) -> list[str]:
    """The gate's own findings and the stale baseline entries, after the packages."""
    gate = data.get("gate")
    if not gate:
        return []
    lines = [style("gate (baseline and waivers)", bold=True)]
    for f in gate["findings"]:
        sev = style(f"{f['severity']:<7}", fg=_COLOURS.get(f["severity"]), bold=True)
        lines.append(f"  {f['file']}:{f['line']}: {sev} {style(f['rule'], bold=True)} {f['message']}")
    stale = gate["stale_baseline"]
    if stale:
        lines.append(f"  {len(stale)} baseline entr{'y' if len(stale) == 1 else 'ies'} no longer occur (drop with --update-baseline):")
        lines.extend(style(f"    {e['package']}: {e['rule']} {e['file']}#{e['pointer'] or ''}", dim=True) for e in stale)
    waived = sum(p["summary"].get("waived", 0) for p in data["packages"])
    lines.append(f"  {gate['baselined']} baselined, {waived} waived")
    lines.append("")
    return lines


def profile_lines(profile: dict[str, Any] | None, style: Any) -> list[str]:
    """The text report's line naming the package's certification profile and why."""
    if not profile:
        return []
    how = "given" if profile.get("source") == "option" else "detected"
    return [style(f"  profile: {profile['name']} ({how}: {profile.get('reason')})", dim=True)]
