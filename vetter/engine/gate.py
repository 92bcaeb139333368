"""The CI gate: a baseline of known findings, and waivers for accepted risk.

**Baseline** (``--write-baseline FILE``, ``--baseline FILE``, ``--update-baseline``):
today's findings recorded by package and stable fingerprint (pointer-based, so
reformatting and line shifts do not break it). With a baseline only new findings
are reported and fail the gate; baselined ones are counted; baseline entries
that no longer occur are listed so the file can be ratcheted down.

**Waivers** (``[[waiver]]`` tables in ``vetter.toml``; JSON has no comments, so
never in the swagger)::

    [[waiver]]
    rule = "SEC004"                       # id, name or alias
    package = "connectors/Contoso*"       # package name or origin; a glob
    pointer = "/host"                     # JSON pointer of the finding; a glob ("/paths/*")
    reason = "Staging host kept for the pilot tenant; removal in #42"
    owner = "platform-team@contoso.com"
    expires = 2027-03-31                  # a TOML date

All six keys are required. A waived finding does not fail the gate but still
appears in every report, marked with its reason and owner. An expired, malformed
or unused waiver is a finding of its own (VET003-VET005), and an expired one no
longer waives anything.
"""

from __future__ import annotations

import datetime as _dt
import fnmatch
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from msgspec import Struct, field
from msgspec.structs import replace

from vetter.base.globset import GlobSet
from vetter.base.jsontext import pretty
from vetter.base.rule import Severity

if TYPE_CHECKING:
    from vetter.engine.catalog import Catalog
    from vetter.engine.runner import Finding, PackageResult

BASELINE_FORMAT = "vetter-baseline-v1"
WAIVER_KEYS = ("rule", "package", "pointer", "reason", "owner", "expires")


class GateError(Exception):
    """A baseline file that cannot be read (a tool error, exit 2)."""


# -- baseline ---------------------------------------------------------------------------------
class BaselineEntry(Struct, frozen=True, order=True):
    package: str  # the package's origin as given on the command line
    fingerprint: str
    rule: str
    file: str
    pointer: str | None
    message: str

    @property
    def key(self) -> tuple[str, str]:
        return (self.package, self.fingerprint)

    def to_dict(self) -> dict[str, Any]:
        return {
            "package": self.package,
            "fingerprint": self.fingerprint,
            "rule": self.rule,
            "file": self.file,
            "pointer": self.pointer,
            "message": self.message,
        }


def package_key(origin: str, base: Path) -> str:
    """A package's origin relative to the baseline file's folder, so `scan x` and `scan ./x` agree."""
    path, sep, member = origin.partition("!")
    if path.startswith("git:"):
        return origin
    try:
        rel = Path(path).resolve().relative_to(base.resolve()).as_posix()
    except (ValueError, OSError):
        rel = Path(path).as_posix()
    return rel + sep + member


def baseline_entries(packages: list[PackageResult], base: Path) -> list[BaselineEntry]:
    """Every counted finding of a scan as a baseline entry, sorted."""
    out = {}
    for p in packages:
        key = package_key(p.origin, base)
        for f in p.findings:
            if f.waiver is None:
                out[(key, f.fingerprint)] = BaselineEntry(key, f.fingerprint, f.rule, f.file, f.pointer, f.message)
    return [out[k] for k in sorted(out)]


def render_baseline(entries: list[BaselineEntry]) -> str:
    doc = {"format": BASELINE_FORMAT, "findings": [e.to_dict() for e in sorted(entries, key=lambda e: e.key)]}
    return pretty(doc) + "\n"


def load_baseline(path: str | Path) -> list[BaselineEntry]:
    path = Path(path)
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise GateError(f"--baseline {path}: no such file (write one with --write-baseline)") from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise GateError(f"--baseline {path}: not a vetter baseline ({exc})") from None
    if not isinstance(doc, dict) or doc.get("format") != BASELINE_FORMAT or not isinstance(doc.get("findings"), list):
        raise GateError(f"--baseline {path}: not a {BASELINE_FORMAT} file (write one with --write-baseline)")
    entries = []
    for i, raw in enumerate(doc["findings"], 1):
        try:
            entries.append(
                BaselineEntry(
                    str(raw["package"]), str(raw["fingerprint"]), str(raw["rule"]), str(raw["file"]),
                    raw.get("pointer"), str(raw.get("message", "")),
                )
            )
        except (KeyError, TypeError):
            raise GateError(f"--baseline {path}: entry {i} lacks package, fingerprint, rule or file") from None
    return entries


# -- waivers ------------------------------------------------------------------------------------
class Waiver(Struct, frozen=True):
    index: int  # 1-based position among the config's [[waiver]] tables
    rule: str
    rule_ids: frozenset[str]
    package: str
    pointer: str
    reason: str
    owner: str
    expires: _dt.date
    line: int  # line of its [[waiver]] header in the config file

    def matches(self, package: PackageResult, finding: Finding) -> bool:
        return (
            finding.rule in self.rule_ids
            and (fnmatch.fnmatchcase(package.origin, self.package) or fnmatch.fnmatchcase(package.package, self.package))
            and fnmatch.fnmatchcase(finding.pointer or "", self.pointer)
        )

    def expired(self, today: _dt.date) -> bool:
        return self.expires < today

    def mark(self) -> dict[str, str]:
        return {"reason": self.reason, "owner": self.owner, "expires": self.expires.isoformat()}


class WaiverProblem(Struct, frozen=True):
    index: int
    line: int
    message: str


class Waivers(Struct):
    source: str | None = None  # the config file
    waivers: list[Waiver] = field(default_factory=list)
    problems: list[WaiverProblem] = field(default_factory=list)


class WaiverIndex:
    """The first waiver in declaration order that ``matches`` a finding, without trying every waiver.

    Trying each waiver on each finding cost findings x waivers glob matches (4,000 findings and 4,000
    waivers of a ``vetter.toml``, which may come with the scanned repository: 16 s). Here waivers are
    grouped by rule id; per rule, one ``GlobSet`` of their package patterns gives the waivers that name a
    package (its origin or its name) in one walk of each, and one ``GlobSet`` of those waivers' pointer
    patterns gives, in one walk of the finding's pointer, the earliest whose pointer matches: the same
    waiver as ``next(w for w in waivers if w.matches(package, finding))``. The pointer sets are kept per
    rule and set of waivers naming the package, so packages named by the same waivers share them.
    """

    def __init__(self, waivers: list[Waiver]) -> None:
        self._by_rule: dict[str, list[Waiver]] = {}
        for w in waivers:  # declaration order within each rule
            for rule in w.rule_ids:
                self._by_rule.setdefault(rule, []).append(w)
        self._packages: dict[str, GlobSet] = {}
        self._pointers: dict[tuple[str, int, int], tuple[GlobSet, list[Waiver]]] = {}

    def first(self, package: PackageResult, finding: Finding) -> Waiver | None:
        rule = finding.rule
        waivers = self._by_rule.get(rule)
        if not waivers:
            return None
        names = self._packages.get(rule)
        if names is None:
            names = self._packages[rule] = GlobSet([w.package for w in waivers])
        key = (rule, names.match_id(package.origin), names.match_id(package.package))
        entry = self._pointers.get(key)
        if entry is None:
            naming = [waivers[i] for i in sorted({*names.matched(key[1]), *names.matched(key[2])})]
            entry = self._pointers[key] = (GlobSet([w.pointer for w in naming]), naming)
        slot = entry[0].first(finding.pointer or "")
        return None if slot is None else entry[1][slot]


def parse_waivers(raw: Any, catalog: Catalog, source: str | None, text: str = "") -> Waivers:
    """``[[waiver]]`` tables into waivers; a malformed one becomes a problem, not an exit."""
    out = Waivers(source)
    if raw is None:
        return out
    lines = [i + 1 for i, line in enumerate(text.splitlines()) if re.match(r"^\s*\[\[\s*waiver\s*\]\]", line)]
    tables = raw if isinstance(raw, list) else [raw]
    for i, table in enumerate(tables, 1):
        line = lines[i - 1] if i - 1 < len(lines) else 1
        if not isinstance(table, dict):
            out.problems.append(WaiverProblem(i, line, f"waiver {i} is not a table of {', '.join(WAIVER_KEYS)}"))
            continue
        missing = [k for k in WAIVER_KEYS if k not in table or table[k] in ("", None)]
        unknown = sorted(set(table) - set(WAIVER_KEYS))
        if missing or unknown:
            parts = []
            if missing:
                parts.append(f"missing {', '.join(missing)}")
            if unknown:
                parts.append(f"unknown key(s) {', '.join(unknown)}")
            out.problems.append(WaiverProblem(i, line, f"waiver {i} is malformed: {'; '.join(parts)} (all of {', '.join(WAIVER_KEYS)} are required)"))
            continue
        expires = table["expires"]
        if isinstance(expires, _dt.datetime):
            expires = expires.date()
        if not isinstance(expires, _dt.date):
            try:
                expires = _dt.date.fromisoformat(str(expires))
            except ValueError:
                out.problems.append(WaiverProblem(i, line, f"waiver {i}: expires {expires!r} is not a date (write 2027-03-31)"))
                continue
        strings = {k: table[k] for k in ("rule", "package", "pointer", "reason", "owner")}
        bad = [k for k, v in strings.items() if not isinstance(v, str) or not v.strip()]
        if bad:
            out.problems.append(WaiverProblem(i, line, f"waiver {i}: {', '.join(bad)} must be non-empty strings"))
            continue
        ids = catalog.select(strings["rule"])
        if not ids:
            out.problems.append(WaiverProblem(i, line, f"waiver {i}: no rule matches {strings['rule']!r}"))
            continue
        out.waivers.append(
            Waiver(i, strings["rule"], frozenset(ids), strings["package"], strings["pointer"], strings["reason"].strip(), strings["owner"].strip(), expires, line)
        )
    return out


# -- applying both -------------------------------------------------------------------------------
class GateResult(Struct):
    """What the gate did, for reports and the exit code."""

    baselined: int = 0
    stale: list[BaselineEntry] = field(default_factory=list)  # baseline entries that no longer occur
    findings: list[Finding] = field(default_factory=list)  # the gate's own findings (waivers)
    removed: list[tuple[str, Finding]] = field(default_factory=list)  # (package origin, finding) of each baselined finding


def apply_gate(
    packages: list[PackageResult],
    *,
    baseline: list[BaselineEntry] | None,
    base: Path,
    waivers: Waivers,
    today: _dt.date,
    make: Any,
) -> GateResult:
    """Mark waived findings, drop baselined ones (counting them), report waiver problems.

    ``make(rule_id, message, file, line, key, severity)`` builds a gate finding.
    """
    result = GateResult()
    known = {e.key for e in baseline} if baseline is not None else set()
    seen: set[tuple[str, str]] = set()
    used: set[int] = set()
    expired_hit: dict[int, int] = {}
    index = WaiverIndex(waivers.waivers)
    for package in packages:
        kept: list[Finding] = []
        for f in package.findings:
            waiver = index.first(package, f)  # the first that matches (Waiver.matches), found without trying each
            if waiver is not None:
                used.add(waiver.index)
                if waiver.expired(today):
                    expired_hit[waiver.index] = expired_hit.get(waiver.index, 0) + 1
                else:
                    kept.append(replace(f, waiver=waiver.mark()))
                    continue
            key = (package_key(package.origin, base), f.fingerprint)
            if baseline is not None and key in known:
                seen.add(key)
                package.baselined += 1
                result.baselined += 1
                result.removed.append((package.origin, f))
                continue
            kept.append(f)
        package.findings = kept
    if baseline is not None:
        result.stale = [e for e in baseline if e.key not in seen]
    source = waivers.source or "vetter.toml"
    for problem in waivers.problems:
        result.findings.append(make("VET005", f"{problem.message}; it waives nothing.", source, problem.line, f"waiver-{problem.index}", Severity.ERROR))
    for w in waivers.waivers:
        if w.expired(today):
            hits = expired_hit.get(w.index, 0)
            result.findings.append(
                make("VET004", f"Waiver {w.index} ({w.rule} at {w.package}#{w.pointer}, owner {w.owner}) expired on {w.expires.isoformat()}; "
                     f"{hits} finding(s) it matched count again.", source, w.line, f"waiver-{w.index}", Severity.WARNING)
            )
        elif w.index not in used:
            result.findings.append(
                make("VET003", f"Waiver {w.index} ({w.rule} at {w.package}#{w.pointer}) matches no finding; remove it or correct its rule, package or pointer.",
                     source, w.line, f"waiver-{w.index}", Severity.WARNING)
            )
    return result
