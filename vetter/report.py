"""A scan's results: the report model every renderer reads (``vetter.render``).

The JSON report follows ``vetter/schemas/report-v2.schema.json``. It holds no
timestamps and no absolute paths that the user did not give, and every list
is sorted, so the same input gives byte-identical output.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from vetter import __version__
from vetter.catalog import LoadedRule
from vetter.engine import Finding, PackageResult
from vetter.profiles import Profile
from vetter.rule import Severity

if TYPE_CHECKING:
    from vetter.gate import GateResult

REPORT_SCHEMA_ID = "https://vetter.invalid/schemas/report-v2.schema.json"
REPORT_VERSION = 2


@dataclass(frozen=True)
class RuleInfo:
    """A rule that ran, as reports show it (SARIF rule metadata, HTML links, docs)."""

    id: str
    name: str
    category: str
    severity: str
    aliases: tuple[str, ...]
    tags: tuple[str, ...]
    summary: str
    docs: str
    references: tuple[str, ...]
    section: str | None

    @classmethod
    def of(cls, loaded: LoadedRule) -> RuleInfo:
        r = loaded.rule
        return cls(r.id, r.name, r.category, r.severity.value, r.aliases, r.tags, loaded.summary, loaded.docs, loaded.references, r.section)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "category": self.category,
            "severity": self.severity,
            "aliases": list(self.aliases),
            "tags": list(self.tags),
            "summary": self.summary,
            "docs": self.docs,
            "references": list(self.references),
            "section": self.section,
        }


@dataclass
class ScanReport:
    packages: list[PackageResult] = field(default_factory=list)
    fail_on: str = "error"
    rules: list[RuleInfo] = field(default_factory=list)  # the rules selected, sorted by id
    gate: GateResult | None = None  # baseline and waivers applied (vetter.gate), if any
    security: dict[tuple[str, str], Any] = field(default_factory=dict)  # (origin, name) -> security profile (vetter.security.export)
    profiles: dict[tuple[str, str], Profile] = field(default_factory=dict)  # (origin, package) -> its profile

    def profile(self, result: PackageResult) -> Profile | None:
        """The certification profile the package was vetted under (vetter.profiles)."""
        return self.profiles.get((result.origin, result.package))

    def counts(self) -> dict[str, int]:
        """Findings per severity that count towards the gate (waived and baselined ones do not)."""
        out = {s.value: 0 for s in Severity}
        for p in self.packages:
            for k, v in p.counts().items():
                out[k] += v
        for f in self.gate.findings if self.gate else ():
            out[f.severity.value] += 1
        return out

    def counted(self) -> list[Finding]:
        """Every finding that counts towards the exit code."""
        own = [f for p in self.packages for f in p.findings if f.waiver is None]
        return own + (list(self.gate.findings) if self.gate else [])

    def failing(self) -> bool:
        if self.fail_on == "never":
            return False
        threshold = Severity(self.fail_on).rank
        return any(f.severity.rank >= threshold for f in self.counted())

    def verdict_line(self) -> str:
        """One line naming the counts that decided the exit code (printed on stderr)."""
        threshold = self.fail_on
        if threshold == "never":
            deciding = 0
        else:
            rank = Severity(threshold).rank
            deciding = sum(1 for f in self.counted() if f.severity.rank >= rank)
        counts = self.counts()
        waived = sum(p.waived for p in self.packages)
        baselined = self.gate.baselined if self.gate else 0
        verdict = "FAIL" if self.failing() else "PASS"
        extra = f"; not counted: {baselined} baselined, {waived} waived" if self.gate else ""
        return (
            f"vetter: {verdict}: {deciding} finding(s) at or above fail-on={threshold} "
            f"({counts['error']} error, {counts['warning']} warning, {counts['info']} info in {len(self.packages)} package(s){extra})"
        )

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
        "waiver": dict(f.waiver) if f.waiver else None,
    }


def to_dict(report: ScanReport) -> dict[str, Any]:
    packages = []
    for p in sorted(report.packages, key=lambda r: (r.origin, r.package)):
        profile = report.profile(p)
        packages.append(
            {
                "name": p.package,
                "origin": p.origin,
                "kind": p.kind,
                "profile": profile.to_dict() if profile is not None else None,
                "files": [{"name": n, "sha256": h} for n, h in sorted(p.files.items())],
                "summary": {
                    "findings": p.counts(),
                    "rules_run": len(p.rules_run),
                    "rules_skipped": len(p.rules_skipped),
                    "baselined": p.baselined,
                    "waived": p.waived,
                },
                "rules_skipped": [{"rule": r, "reason": why} for r, why in sorted(p.rules_skipped.items())],
                "findings": [finding_dict(f) for f in p.findings],
                "security": report.security.get((p.origin, p.package)),
            }
        )
    return {
        "$schema": REPORT_SCHEMA_ID,
        "report_version": REPORT_VERSION,
        "tool": {"name": "vetter", "version": __version__},
        "fail_on": report.fail_on,
        "rules": [r.to_dict() for r in sorted(report.rules, key=lambda r: r.id)],
        "summary": {"packages": len(report.packages), "findings": report.counts(), "failed": report.failing()},
        "packages": packages,
        "gate": _gate_dict(report.gate),
    }


def _gate_dict(gate: GateResult | None) -> dict[str, Any] | None:
    if gate is None:
        return None
    return {
        "baselined": gate.baselined,
        "stale_baseline": [e.to_dict() for e in gate.stale],
        "findings": [finding_dict(f) for f in sorted(gate.findings, key=Finding.sort_key)],
    }
