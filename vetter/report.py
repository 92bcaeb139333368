"""A scan's results and their renderings (JSON and terminal text).

The JSON report follows ``vetter/schemas/report-v1.schema.json``. It holds no
timestamps and no absolute paths that the user did not give, and every list
is sorted, so the same input gives byte-identical output.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vetter import __version__
from vetter.engine import Finding, PackageResult
from vetter.rule import Severity

REPORT_SCHEMA_ID = "https://vetter.invalid/schemas/report-v1.schema.json"
REPORT_VERSION = 1


@dataclass
class ScanReport:
    packages: list[PackageResult] = field(default_factory=list)
    fail_on: str = "error"
    rules: list[str] = field(default_factory=list)  # ids selected

    def counts(self) -> dict[str, int]:
        out = {s.value: 0 for s in Severity}
        for p in self.packages:
            for k, v in p.counts().items():
                out[k] += v
        return out

    def failing(self) -> bool:
        if self.fail_on == "never":
            return False
        threshold = Severity(self.fail_on).rank
        return any(f.severity.rank >= threshold for p in self.packages for f in p.findings)

    @property
    def exit_code(self) -> int:
        return 1 if self.failing() else 0


def finding_dict(f: Finding) -> dict[str, Any]:
    return {
        "rule": f.rule,
        "name": f.name,
        "aliases": list(f.aliases),
        "category": f.category,
        "severity": f.severity.value,
        "message": f.message,
        "hint": f.hint,
        "file": f.file,
        "pointer": f.pointer,
        "line": f.line,
        "column": f.column,
        "fingerprint": f.fingerprint,
    }


def to_dict(report: ScanReport) -> dict[str, Any]:
    packages = []
    for p in sorted(report.packages, key=lambda r: (r.origin, r.package)):
        packages.append(
            {
                "name": p.package,
                "origin": p.origin,
                "kind": p.kind,
                "files": [{"name": n, "sha256": h} for n, h in sorted(p.files.items())],
                "summary": {"findings": p.counts(), "rules_run": len(p.rules_run), "rules_skipped": len(p.rules_skipped)},
                "rules_skipped": [{"rule": r, "reason": why} for r, why in sorted(p.rules_skipped.items())],
                "findings": [finding_dict(f) for f in p.findings],
            }
        )
    return {
        "$schema": REPORT_SCHEMA_ID,
        "report_version": REPORT_VERSION,
        "tool": {"name": "vetter", "version": __version__},
        "fail_on": report.fail_on,
        "rules": sorted(report.rules),
        "summary": {"packages": len(report.packages), "findings": report.counts(), "failed": report.failing()},
        "packages": packages,
    }


def render_json(report: ScanReport) -> str:
    return json.dumps(to_dict(report), indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def templates_dir() -> Path:
    """``reports/templates`` in a checkout, ``vetter/_templates`` in a wheel."""
    here = Path(__file__).resolve().parent
    bundled = here / "_templates"
    return bundled if bundled.is_dir() else here.parent / "reports" / "templates"


def template_environment() -> Any:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir())),
        # connector content is untrusted: escape it in HTML, and keep Markdown tables intact
        autoescape=jinja2.select_autoescape(enabled_extensions=("html.j2",), default_for_string=False),
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["md"] = _markdown_cell
    return env


def _markdown_cell(value: Any) -> str:
    """Text safe inside a Markdown table cell: no pipes, no line breaks, no raw HTML."""
    text = " ".join(str(value).split())
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")


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
    return str(template_environment().get_template("scan.md.j2").render(view=markdown_view(report)))


_COLOURS = {"error": "red", "warning": "yellow", "info": "cyan"}


def render_text(report: ScanReport, colour: bool = False) -> str:
    from vetter.terminal import styler

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
    return "\n".join(lines) + "\n"
