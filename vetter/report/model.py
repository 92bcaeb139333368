"""A scan's results: the report model every renderer reads (``vetter.render``).

The JSON report follows ``vetter/schemas/report-v2.schema.json``. It holds no
timestamps and no absolute paths that the user did not give, and every list
is sorted, so the same input gives byte-identical output.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from msgspec import Struct, field

from vetter import __version__
from vetter.base.jsontext import Packed
from vetter.base.reportids import REPORT_SCHEMA_ID, REPORT_VERSION
from vetter.base.rule import Severity
from vetter.engine.catalog import LoadedRule
from vetter.engine.runner import Finding, PackageResult
from vetter.model.package import ConnectorPackage, is_wide, text_lines
from vetter.model.profiles import Profile

if TYPE_CHECKING:
    from vetter.engine.gate import GateResult



class RuleInfo(Struct, frozen=True):
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


class ScanReport(Struct):
    """The report of one scan, which every renderer reads."""

    packages: list[PackageResult] = field(default_factory=list)
    fail_on: str = "error"
    rules: list[RuleInfo] = field(default_factory=list)  # the rules selected, sorted by id
    # (origin, package) -> source excerpt (or None) per finding, by excerpt_key (the gate may drop or replace findings)
    sources: dict[tuple[str, str], dict[tuple[Any, ...], dict[str, Any] | None]] = field(default_factory=dict)
    publishers: dict[tuple[str, str], str | None] = field(default_factory=dict)  # (origin, package) -> apiProperties publisher

    def add(self, result: PackageResult, package: ConnectorPackage | None = None, redact: Callable[[str], str] | None = None) -> None:
        """Add a package's result; with the package still loaded, keep the source lines around each finding
        (each line through ``redact``, the package's redaction step: by default its own secrets)."""
        self.packages.append(result)
        if package is None:
            return
        key = (result.origin, result.package)
        try:
            excerpts = source_excerpts(package, result.findings, redact)
        except Exception:  # e.g. a secret detector's bug: the findings stand, without excerpts
            excerpts = [None] * len(result.findings)
        self.sources[key] = {excerpt_key(f): x for f, x in zip(result.findings, excerpts, strict=True)}
        self.publishers[key] = publisher_of(package)
    gate: GateResult | None = None  # baseline and waivers applied (vetter.engine.gate), if any
    security: dict[tuple[str, str], Any] = field(default_factory=dict)  # (origin, name) -> security profile (vetter.report.export)
    profiles: dict[tuple[str, str], Profile] = field(default_factory=dict)  # (origin, package) -> its profile
    risk: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)  # (origin, package) -> risk score (vetter.security.risk)
    # (origin, package) -> publisher questionnaire (vetter.security.questions), built within the package's budget
    questions: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    fail_on_risk: int | None = None  # --fail-on-risk: a package scoring this or more fails the run
    approvals: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)  # (origin, package) -> approval state (vetter.commands.approvals)
    dlp_policies: list[Any] = field(default_factory=list)  # --dlp-policy (vetter.security.policyfile.Policy), in the order given
    dlp_findings: list[Finding] = field(default_factory=list)  # the policies' own problems, once per policy file
    dlp_duplicates: list[tuple[str, str]] = field(default_factory=list)  # (policy given again, the one it repeats)
    settings: dict[str, Any] | None = None  # what the configuration changed (vetter.report.applied), set by the command line
    # (origin, package) -> the result, its entry of the JSON report written by its worker (``to_dict(packed=True)``),
    # and whether the worker had its excerpts and its questionnaire, which are then in the entry only (``unpack``);
    # None for a name two packages share, or whose entry the worker left to this process
    parts: dict[tuple[str, str], tuple[PackageResult, Packed, tuple[bool, bool]] | None] = field(default_factory=dict)

    def unpack(self, result: PackageResult, packed: Packed, given: tuple[bool, bool]) -> None:
        """The tables a package's worker left in its entry of the JSON report (``parts``) read back
        from it: the excerpts, publisher and security profile (if the worker had them), and the
        questionnaire (if it had one); ``package_dict`` then gives the entry again."""
        import json

        entry = json.loads(packed.text)
        key = (result.origin, result.package)
        if given[0]:
            self.sources[key] = {excerpt_key(f): item.get("source") for f, item in zip(result.findings, entry["findings"], strict=True)}
            self.publishers[key] = entry["publisher"]
            self.security[key] = entry["security"]
        if given[1]:
            self.questions[key] = entry["questions"]

    def unpack_parts(self, keys: list[tuple[str, str]] | None = None) -> None:
        """``unpack`` the parts of ``keys`` (all of them by default), which are then gone: their
        entries are written by this process (``package_dict``)."""
        for key in list(self.parts) if keys is None else keys:
            part = self.parts.pop(key, None)
            if part is not None:
                self.unpack(*part)

    def profile(self, result: PackageResult) -> Profile | None:
        """The certification profile the package was vetted under (vetter.model.profiles)."""
        return self.profiles.get((result.origin, result.package))

    def counts(self) -> dict[str, int]:
        """Findings per severity that count towards the gate (waived and baselined ones do not)."""
        out = {s.value: 0 for s in Severity}
        for p in self.packages:
            for k, v in p.counts().items():
                out[k] += v
        for f in [*(self.gate.findings if self.gate else ()), *self.dlp_findings]:
            out[f.severity.value] += 1
        return out

    def counted(self) -> list[Finding]:
        """Every finding that counts towards the exit code."""
        own = [f for p in self.packages for f in p.findings if f.waiver is None]
        return own + (list(self.gate.findings) if self.gate else []) + self.dlp_findings

    def risky(self) -> list[PackageResult]:
        """Packages whose risk score is at or above --fail-on-risk (none without it)."""
        if self.fail_on_risk is None:
            return []
        return [p for p in self.packages if self.risk.get((p.origin, p.package), {}).get("score", 0) >= self.fail_on_risk]

    def failing(self) -> bool:
        if self.risky():
            return True
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
        if self.fail_on_risk is not None:
            extra += f"; {len(self.risky())} package(s) at or above fail-on-risk={self.fail_on_risk}"
        hidden = len(self.settings.get("not_counted", [])) if self.settings else 0
        if hidden:
            extra += f"; {hidden} secret or security finding(s) not counted, listed in the report"
        return (
            f"vetter: {verdict}: {deciding} finding(s) at or above fail-on={threshold} "
            f"({counts['error']} error, {counts['warning']} warning, {counts['info']} info in {len(self.packages)} package(s){extra})"
        )

    @property
    def exit_code(self) -> int:
        return 1 if self.failing() else 0


CONTEXT_LINES = 2  # lines shown before and after a finding's line
MAX_LINE_CHARS = 160  # longer lines are cut to a window around the finding's column


def excerpt_key(f: Finding) -> tuple[Any, ...]:
    """What ties an excerpt to its finding, whatever the gate does to the finding (a waiver is added by copy)."""
    return (f.fingerprint, f.file, f.line, f.column, f.message)


def source_excerpts(package: ConnectorPackage, findings: list[Finding], redact: Callable[[str], str] | None = None) -> list[dict[str, Any] | None]:
    """The lines around each finding (``source`` in the JSON report), secrets redacted.

    Computed while the package is loaded, so renderers (HTML) can show them from
    the report alone. Every line passes through ``vetter.base.redact.redact`` with
    the package's secrets (``redact``: the scan's redaction step for the package, else one made from
    ``vetter.security.secrets.secret_pairs``) before it is cut to length, so no part of a secret survives. None
    for findings about the package as a whole or a binary file.
    """
    from vetter.base.redact import Redactor

    keep: bool | None = None  # whether the lines stay as they are: asked at the first excerpt, not per finding
    json_files = package.json_files
    lines_of: dict[str, list[str] | None] = {}
    redacted: dict[tuple[str, int], str] = {}  # each line redacted once, however many findings show it
    out: list[dict[str, Any] | None] = []
    for f in findings:
        line = f.line
        # most findings: sliced from around their line in a JSON file, whose start locating counted (``JsonFile.lines_around``):
        # the file's text is not split into lines for them
        json_file = json_files.get(f.file) if line is not None else None
        around = json_file.lines_around(line, CONTEXT_LINES) if json_file is not None else None  # type: ignore[arg-type]
        if around is None:
            if f.file not in lines_of:
                lines_of[f.file] = _text_lines(package, f.file)
            lines = lines_of[f.file]
            if not lines or line is None or line > len(lines):
                out.append(None)
                continue
            first = max(1, line - CONTEXT_LINES)
            around = first, lines[first - 1 : min(len(lines), line + CONTEXT_LINES)]
        if keep is None:
            if redact is None:
                from vetter.security.secrets import secret_pairs

                redact = Redactor(secret_pairs(package))
            keep = isinstance(redact, Redactor) and not redact  # a package without secrets (a false Redactor)
        first, shown = around
        if not keep:
            texts, shown = shown, []
            for number, text in enumerate(texts, first):
                clean = redacted.get((f.file, number))
                if clean is None:
                    clean = redacted[(f.file, number)] = redact(text)  # type: ignore[misc]
                shown.append(clean)
        if max(map(len, shown), default=0) > MAX_LINE_CHARS:  # most lines are short: cut only when one is not
            shown = [_clip(text, (f.column or 1) if number == line else 1) for number, text in enumerate(shown, first)]
        out.append({"start": first, "line": line, "lines": shown})
    return out


def publisher_of(package: ConnectorPackage) -> str | None:
    """``properties.publisher`` of apiProperties.json (the inventory's publisher column), if readable."""
    from vetter.base.rule import InputUnavailable

    try:
        return package.properties.publisher
    except InputUnavailable:  # a missing or broken file is a finding of its own rule
        return None
    except Exception:  # odd content must not stop a portfolio scan; PRP rules report it
        return None


def _text_lines(package: ConnectorPackage, name: str) -> list[str] | None:
    if name == "." or name not in package.files:
        return None
    json_file = package.json_files.get(name)
    if json_file is not None:  # the text as read, not as repaired: a raw newline in a string still ends a line
        return text_lines(json_file.source)
    raw = package.files[name]
    if not is_wide(raw) and (b"\x00" in raw[:4096] or package.roles.get("icon") == name):
        return None  # binary: nothing to show
    return package.decoded(name).lines  # the file's one decoding (UTF-16 or UTF-32 text as the platform reads it)


def _clip(text: str, column: int) -> str:
    if len(text) <= MAX_LINE_CHARS:
        return text
    start = max(0, min(column - 1 - MAX_LINE_CHARS // 2, len(text) - MAX_LINE_CHARS))
    head = "…" if start > 0 else ""
    tail = "…" if start + MAX_LINE_CHARS < len(text) else ""
    return f"{head}{text[start:start + MAX_LINE_CHARS]}{tail}"


def finding_dict(f: Finding) -> dict[str, Any]:
    return {
        "rule": f.rule,
        "name": f.name,
        "aliases": list(f.aliases),
        "category": f.category,
        "severity": f.severity._value_,  # the member's own attribute: ``.value`` is a descriptor call per finding
        "message": f.message,
        "hint": f.hint,
        "file": f.file,
        "pointer": f.pointer,
        "line": f.line,
        "column": f.column,
        "fingerprint": f.fingerprint,
        "waiver": dict(f.waiver) if f.waiver else None,
    }


def to_dict(report: ScanReport, *, packed: bool = False) -> dict[str, Any]:
    """The JSON model of ``report``. With ``packed``, a package whose part of the JSON report its
    worker already wrote (``ScanReport.parts``) is that ``Packed`` part, which only the JSON
    writers (``vetter.base.jsontext``) read: for a report written as JSON alone. Parts that cannot
    be used (without ``packed``, after the gate, with policies, for an approved package) are
    unpacked into the report's tables first."""
    if not packed or report.gate is not None or report.dlp_policies:
        report.unpack_parts()  # the gate or the policies may have changed a package, or a format other than JSON reads it
    else:
        report.unpack_parts([key for key in report.parts if key in report.approvals])
    parts = report.parts
    packages: list[Any] = []
    for p in sorted(report.packages, key=lambda r: (r.origin, r.package)):
        part = parts.get((p.origin, p.package))
        packages.append(part[1] if part is not None and part[0] is p else package_dict(report, p))
    out = {
        "$schema": REPORT_SCHEMA_ID,
        "report_version": REPORT_VERSION,
        "tool": {"name": "vetter", "version": __version__},
        "fail_on": report.fail_on,
        "rules": [r.to_dict() for r in sorted(report.rules, key=lambda r: r.id)],
        "summary": {"packages": len(report.packages), "findings": report.counts(), "failed": report.failing()},
        "packages": packages,
        "gate": _gate_dict(report.gate),
        **({"fail_on_risk": report.fail_on_risk} if report.fail_on_risk is not None else {}),
        **({"settings": report.settings} if report.settings is not None else {}),
    }
    if report.dlp_policies:  # only with --dlp-policy: reports without it keep their shape
        from vetter.security.portfolio import dlp_dict

        out["dlp"] = dlp_dict(report.dlp_policies, sorted(report.dlp_findings, key=Finding.sort_key), report.dlp_duplicates, packages, finding_dict)
    return out


def package_dict(report: ScanReport, p: PackageResult) -> dict[str, Any]:
    """One package's entry in the JSON model (``to_dict``)."""
    profile = report.profile(p)
    key = (p.origin, p.package)
    sources = report.sources.get(key)
    findings = [finding_dict(f) for f in p.findings]
    if sources is not None:
        for item, f in zip(findings, p.findings, strict=True):
            item["source"] = sources.get(excerpt_key(f))
    return {
        "name": p.package,
        "origin": p.origin,
        "kind": p.kind,
        "profile": profile.to_dict() if profile is not None else None,
        **({"publisher": report.publishers[key]} if key in report.publishers else {}),
        "files": [{"name": n, "sha256": h} for n, h in sorted(p.files.items())],
        "summary": {
            "findings": p.counts(),
            "rules_run": len(p.rules_run),
            "rules_skipped": len(p.rules_skipped),
            "baselined": p.baselined,
            "waived": p.waived,
        },
        "rules_skipped": [{"rule": r, "reason": why} for r, why in sorted(p.rules_skipped.items())],
        "findings": findings,
        "security": report.security.get((p.origin, p.package)),
        **_dossier(report, key),
    }


def _dossier(report: ScanReport, key: tuple[str, str]) -> dict[str, Any]:
    """The package's risk score and publisher questionnaire (vetter.security.risk, .questions), when the scan made them
    (the questionnaire is built here, outside any budget, only for a report the scan loop did not fill)."""
    out: dict[str, Any] = {}
    if key in report.risk:
        out["risk"] = report.risk[key]
    security = report.security.get(key)
    if key in report.questions:
        out["questions"] = report.questions[key]
    elif security is not None:
        from vetter.security.questions import questionnaire

        out["questions"] = questionnaire(security)
    if key in report.approvals:
        out["approval"] = report.approvals[key]
    return out


def _gate_dict(gate: GateResult | None) -> dict[str, Any] | None:
    if gate is None:
        return None
    return {
        "baselined": gate.baselined,
        "stale_baseline": [e.to_dict() for e in gate.stale],
        "findings": [finding_dict(f) for f in sorted(gate.findings, key=Finding.sort_key)],
    }
