"""What the configuration changed: the ``settings`` part of every scan report.

A report must say what it ran under, because the configuration may come from the
repository being scanned (a ``vetter.toml`` found by the upward search) and can
switch checks off. ``settings_dict`` names the config file and how it was chosen,
and for each setting that departs from the defaults where it came from (config or
command line) and what it changed: rules selected or ignored (counted per
category), severities changed (with the findings they touched), the baseline and
the waivers (with what they removed, per category), fail-on, the certification
profile, the residency policy and which rules have options set.

Secret and security findings are never only a number: every one that does not
count (its rule switched off, baselined or waived) is listed under
``not_counted`` with its rule, file and (redacted) message.
"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from vetter.engine.catalog import Catalog
    from vetter.engine.runner import Finding
    from vetter.engine.settings import Settings
    from vetter.report.model import ScanReport

WATCHED = ("secrets", "security")
"""Categories whose findings are listed one by one when they do not count."""


def settings_dict(
    report: ScanReport,
    settings: Settings,
    catalog: Catalog,
    *,
    baseline: Path | None = None,
    baseline_from: str = "config",
) -> dict[str, Any]:
    """The JSON report's ``settings`` (see docs/report-format.md)."""
    selected = settings.selected(catalog)
    off = Counter(r.rule.category for r in catalog if r.id not in selected)
    every = [f for p in report.packages for f in (*p.findings, *p.switched_off)]
    removed = list(report.gate.removed) if report.gate is not None else []
    every.extend(f for _, f in removed)
    waived = [(p.origin, f) for p in report.packages for f in p.findings if f.waiver is not None]
    waivers = _waivers(settings)
    not_counted = [_item(p.origin, f, "rule not selected") for p in report.packages for f in p.switched_off]
    not_counted += [_item(origin, f, "baselined") for origin, f in removed if f.category in WATCHED]
    not_counted += [_item(origin, f, "waived") for origin, f in waived if f.category in WATCHED]
    return {
        "config": _shown_path(settings.source),
        "found": settings.found,
        "fail_on": {"value": settings.fail_on, "from": settings.origin("fail-on")},
        "profile": {"value": _first(settings.from_command_line.get("profile")) or settings.profile, "from": settings.origin("profile")},
        "residency": {"value": settings.from_command_line.get("residency", settings.residency), "from": settings.origin("residency")},
        "rule_options": sorted(settings.rule_options_raw),
        "select": {"refs": list(settings.select), "from": settings.origin("select")},
        "ignore": _ignored(settings),
        "rules_off": {"count": sum(off.values()), "by_category": dict(sorted(off.items()))},
        "severity": _severities(settings, catalog, every),
        "baseline": None if baseline is None else {
            "file": _shown_path(str(baseline)),
            "from": baseline_from,
            "removed": len(removed),
            "by_category": _by_category(f for _, f in removed),
        },
        "waivers": None if not waivers else {
            "count": waivers,
            "removed": len(waived),
            "by_category": _by_category(f for _, f in waived),
        },
        "not_counted": sorted(not_counted, key=lambda i: (i["package"], i["file"], i["line"] or 0, i["rule"], i["why"])),
    }


def _first(values: list[str] | None) -> str | None:
    return values[0] if values else None


def _ignored(settings: Settings) -> list[dict[str, str]]:
    given = settings.from_command_line.get("ignore", [])
    from_file = settings.ignore[: len(settings.ignore) - len(given)]
    return [{"ref": r, "from": "config"} for r in from_file] + [{"ref": r, "from": "command line"} for r in given]


def _severities(settings: Settings, catalog: Catalog, findings: list[Finding]) -> list[dict[str, Any]]:
    by_rule = Counter(f.rule for f in findings)
    out = []
    for ref, level in sorted(settings.severity.items()):
        ids = catalog.select(ref)
        out.append({"ref": ref, "level": level, "from": "config", "rules": len(ids), "findings": sum(by_rule[i] for i in ids)})
    return out


def _waivers(settings: Settings) -> int:
    raw = settings.waivers_raw
    if raw is None:
        return 0
    return len(raw) if isinstance(raw, list) else 1


def _by_category(findings: Any) -> dict[str, int]:
    return dict(sorted(Counter(f.category for f in findings).items()))


def _item(origin: str, f: Finding, why: str) -> dict[str, Any]:
    return {
        "package": origin,
        "rule": f.rule,
        "name": f.name,
        "category": f.category,
        "severity": f.severity.value,
        "file": f.file,
        "pointer": f.pointer,
        "line": f.line,
        "message": f.message,
        "why": why,
    }


def _shown_path(path: str | None) -> str | None:
    """A config or baseline path relative to the working directory (no absolute path the user did not give)."""
    if path is None:
        return None
    if not os.path.isabs(path):
        return Path(path).as_posix()
    try:
        return Path(os.path.relpath(path)).as_posix()
    except ValueError:  # another drive on Windows
        return Path(path).as_posix()
