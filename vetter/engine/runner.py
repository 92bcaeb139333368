"""Run the selected rules on one package and turn violations into findings."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from itertools import chain, islice
from typing import Any

from msgspec import Struct, field

from vetter.base import offline
from vetter.base.budget import stage
from vetter.base.digest import sha256
from vetter.base.record import compared, equal
from vetter.base.rule import Fix, Fixability, InputUnavailable, Location, Rule, Severity, Violation, location_text
from vetter.engine.catalog import ENGINE_DOCS, ENGINE_RULES, Catalog, LoadedRule
from vetter.engine.settings import Settings
from vetter.model.options import RunOptions
from vetter.model.package import ConnectorPackage


class Finding(Struct, frozen=True):
    """One finding as reported: the rule, its severity after overrides, the message, where it is and its fingerprint."""

    rule: str
    name: str
    aliases: tuple[str, ...]
    category: str
    severity: Severity
    message: str
    hint: str
    file: str
    pointer: str | None
    line: int | None
    column: int | None
    fingerprint: str
    waiver: dict[str, str] | None = None  # reason, owner, expires: accepted risk (vetter.engine.gate)
    fix: Fix | None = None  # what `vetter fix` and the editor can apply: not part of the finding's equality or hash

    def __eq__(self, other: object) -> bool:
        return equal(self, other, _NOT_COMPARED)

    def __hash__(self) -> int:
        return hash(compared(self, _NOT_COMPARED))

    @property
    def location(self) -> str:
        """``file#pointer`` for JSON, ``file:line`` for text, ``.`` for the package."""
        return "." if self.file == "." else location_text(self.file, self.pointer, self.line)

    def sort_key(self) -> tuple[str, int, int, str, str, str]:
        return (self.file, self.line or 0, self.column or 0, self.rule, self.pointer or "", self.message)


_NOT_COMPARED = frozenset(("fix",))


class PackageResult(Struct):
    """What checking one package gave: its files, findings, the rules run and skipped."""

    package: str
    origin: str
    kind: str
    files: dict[str, str]  # name -> sha256
    findings: list[Finding] = field(default_factory=list)
    rules_run: list[str] = field(default_factory=list)
    rules_skipped: dict[str, str] = field(default_factory=dict)  # id -> reason
    baselined: int = 0  # findings left out because the baseline records them
    switched_off: list[Finding] = field(default_factory=list)  # secret and security findings of rules not selected (not counted)

    def counts(self) -> dict[str, int]:
        """Findings per severity that count towards the gate (waived ones do not)."""
        out = {s.value: 0 for s in Severity}
        for f in self.findings:
            if f.waiver is None:
                out[f.severity._value_] += 1  # ``.value`` is a descriptor call per finding
        return out

    @property
    def waived(self) -> int:
        return sum(1 for f in self.findings if f.waiver is not None)


def run_rules(
    package: ConnectorPackage,
    catalog: Catalog,
    settings: Settings,
    options: RunOptions | None = None,
    *,
    only: frozenset[str] | None = None,
) -> PackageResult:
    """The selected rules (or the rules ``only`` names) on ``package``.

    The package's analysis is built first (``vetter.engine.edge.analyse``: the scan loop has usually
    built it already), so every fetch the options ask for (git, DNS, TLS, MCP) is done before any
    rule runs; the rules read it as data.
    """
    from vetter.engine.edge import analyse

    options = options if options is not None else RunOptions()
    analyse(package, options)
    result = PackageResult(package.name, package.origin, package.kind, package.input_hashes())
    findings: list[Finding] = []
    pending: list[tuple[LoadedRule, list[Violation]] | Finding] = []  # in rule order, located at the end
    selected = settings.selected(catalog) if only is None else only
    running = _Running(result.rules_run)
    stage(running)
    run_append, listed = result.rules_run.append, MAX_PER_RULE + 1  # violations taken before the count is the question
    incomplete: set[str] = set()  # rules that raised, were refused or cut short: a violation left to one of them is kept (``Violation.left_to``)
    with offline.refuse() as refused:  # a rule (or a library it calls) reaches no host and runs no program
        # the loop runs 218 rules on every package: what it does per rule is kept to the least (an
        # attempt refused is read, and the list cleared, only when there was one)
        for loaded in catalog.package_rules(selected):
            rule = running.rule = loaded.rule
            try:
                rest = iter(loaded.run(package, options))  # a check may return a list: the count goes on where the list stopped
                first = next(rest, _DONE)
                if first is _DONE:  # most runs find nothing: no list is made for them
                    violations, beyond = _NO_VIOLATIONS, None
                else:
                    violations = [first, *islice(rest, listed - 1)]
                    beyond = None if len(violations) < listed else _beyond(violations, rest, rule, settings)
            except InputUnavailable as why:
                result.rules_skipped[rule.id] = str(why)
                if refused:  # skipped, but what it tried is still said
                    pending.append(_refused(loaded, package, refused[0], settings))
                    refused.clear()
                continue
            except RecursionError:
                refused.clear()
                violations, beyond = [], None
                incomplete.add(rule.id)
                pending.append(_crash(loaded, package, "the document is nested too deeply for this rule", settings))
            except Exception as exc:  # a buggy rule must not stop the others
                import traceback

                refused.clear()
                incomplete.add(rule.id)
                frame = traceback.extract_tb(exc.__traceback__)[-1]
                where = f"{frame.filename.rsplit('/', 1)[-1]}:{frame.lineno}"
                violations, beyond = [], None
                pending.append(_crash(loaded, package, f"{type(exc).__name__}: {exc} (at {where})", settings))
            else:
                if refused:  # a library caught the refusal: the rule's result is still incomplete
                    pending.append(_refused(loaded, package, refused[0], settings))
                    refused.clear()
                    incomplete.add(rule.id)
            run_append(rule.id)
            if beyond is not None:
                pending.append(_truncated(loaded, *beyond, package, settings))
                incomplete.add(rule.id)
            if violations:
                pending.append((loaded, violations))
        stage(f"the findings of {len(result.rules_run)} rules were located")
        package.prefetch(v.location for item in pending if isinstance(item, tuple) for v in item[1])
        for item in pending:
            if isinstance(item, Finding):
                findings.append(item)
            else:
                violations = item[1]
                if any(v.left_to is not None for v in violations):
                    violations = _not_left(violations, result, incomplete)
                findings.extend(_rule_findings(item[0].rule, item[0].doc, violations, package, settings))
    result.findings = sorted(_dedupe(findings), key=Finding.sort_key)
    return result


def _not_left(violations: list[Violation], result: PackageResult, incomplete: set[str]) -> list[Violation]:
    """``violations`` less those left to a rule that ran on the package to its end (neither skipped
    nor crashed, refused or cut short): that rule reports the same slip. With that rule deselected, skipped
    or incomplete, the violation stays, so a configuration never hears of a slip from neither rule."""
    ran = set(result.rules_run) - incomplete - result.rules_skipped.keys()
    return [v for v in violations if v.left_to is None or v.left_to not in ran]


class _Running:
    """The rule running now, as the budget's stage names it (formatted only when the budget runs out)."""

    __slots__ = ("rule", "ran")

    def __init__(self, ran: list[str]) -> None:
        self.rule: Rule | None = None
        self.ran = ran

    def __str__(self) -> str:
        rule = self.rule
        return "starting the rules" if rule is None else f"rule {rule.id} ({rule.name}) ran, after {len(self.ran)} rules"


_DONE: Any = object()
"""``next``'s answer for a check's run that has no (more) violations."""
_NO_VIOLATIONS: list[Violation] = []
"""The violations of a run that found none (shared: never appended to)."""

MAX_PER_RULE = 10_000
"""Findings of one rule listed per package; past it, one VET011 finding says how many more there were
(the corpus peaks at about 1,000: a package past it repeats one defect ten thousand times)."""


def _beyond(violations: list[Violation], rest: Iterator[Violation], rule: Rule, settings: Settings) -> tuple[int, Severity]:
    """A rule's run past its first ``MAX_PER_RULE`` violations (``violations`` holds one more, and
    is cut back to them): only how many more there were and the worst severity among them (a
    rule whose findings multiply keeps no more in memory than that list)."""
    count, worst = 0, Severity.INFO
    for v in chain(violations[MAX_PER_RULE:], rest):
        count += 1
        severity = settings.severity_for(rule, v.severity)
        if severity.rank > worst.rank:
            worst = severity
    del violations[MAX_PER_RULE:]
    return count, worst


def _truncated(loaded: LoadedRule, dropped: int, worst: Severity, package: ConnectorPackage, settings: Settings) -> Finding:
    violation = Violation(
        Location("."),
        f"Rule {loaded.id} ({loaded.rule.name}) found {MAX_PER_RULE + dropped:,} problems in this package; the first {MAX_PER_RULE:,} are listed and {dropped:,} more are not.",
        key=loaded.id,
        severity=worst,
    )
    return make_finding(ENGINE_RULES["VET011"], ENGINE_DOCS["VET011"], violation, package, settings)


def _refused(loaded: LoadedRule, package: ConnectorPackage, attempt: str, settings: Settings) -> Finding:
    return _crash(loaded, package, f"it tried to reach outside the analysis, which vetter refused ({attempt})", settings)


def _crash(loaded: LoadedRule, package: ConnectorPackage, text: str, settings: Settings) -> Finding:
    violation = Violation(
        Location("."),
        f"Rule {loaded.id} ({loaded.rule.name}) crashed: {text}",
        key=loaded.id,
    )
    return make_finding(ENGINE_RULES["VET001"], ENGINE_DOCS["VET001"], violation, package, settings)


def make_finding(
    rule: Rule, doc: str, v: Violation, package: ConnectorPackage, settings: Settings
) -> Finding:
    loc = v.location
    line, column = loc.line, loc.column
    if loc.pointer is not None and line is None:  # only a pointer needs the parse (a budget's VET010 must not start one)
        file = package.json_files.get(loc.file)
        if file is not None:
            line, column = file.locate(loc.pointer)
    if loc.pointer is not None:
        anchor: str | Any = loc.pointer
    elif loc.line is not None and loc.file in package.files:
        anchor = _line_anchor(package, rule.id, loc.file, loc.line)
    else:
        anchor = ""
    return _finding(rule, doc, v, line, column, anchor, settings)


def _rule_findings(rule: Rule, doc: str, violations: list[Violation], package: ConnectorPackage, settings: Settings) -> list[Finding]:
    """``make_finding`` of each of one rule's violations, what they share worked out once for the rule
    (its fields, its severity as the settings give it, its default hint): the same findings, fingerprints
    included (``tests/test_runner_findings.py`` compares them)."""
    rule_id, name, aliases, category = rule.id, rule.name, rule.aliases, rule.category
    severity = settings.severity_for(rule)  # a violation that names its own severity asks again
    default = default_hint(doc)
    json_files, files = package.json_files, package.files
    out = []
    for v in violations:
        loc = v.location
        file, pointer, line, column = loc.file, loc.pointer, loc.line, loc.column
        if pointer is not None:
            anchor: str | Any = pointer
            if line is None:
                parsed = json_files.get(file)
                if parsed is not None:
                    line, column = parsed.locate(pointer)
        elif line is not None and file in files:
            anchor = _line_anchor(package, rule_id, file, line)
        else:
            anchor = ""
        digest = _fingerprint(rule_id, file, anchor, v.key)
        if line is None:  # a finding about a whole file or the package
            line, column = 1, 1
        out.append(
            Finding(
                rule=rule_id,
                name=name,
                aliases=aliases,
                category=category,
                severity=severity if v.severity is None else settings.severity_for(rule, v.severity),
                message=v.message,
                hint=v.hint or default,
                file=file,
                pointer=pointer,
                line=line,
                column=column or 1,
                fingerprint=digest,
                fix=None if v.fix is None else declared_fix(rule, v.fix),
            )
        )
    return out


def _fingerprint(rule_id: str, file: str, anchor: str | Any, key: str | None) -> str:
    """A finding's fingerprint: the SHA-256 of rule, file, ``anchor`` (a pointer, "", or the hash of a
    text line's prefix: ``_line_anchor``) and the violation's key, cut to 20 hex digits."""
    tail = (key or "").encode("utf-8", "surrogatepass")
    if isinstance(anchor, str):
        return sha256("\x1f".join((rule_id, file, anchor, "")).encode("utf-8", "surrogatepass") + tail).hexdigest()[:20]
    hashed = anchor.copy()
    hashed.update(tail)
    return hashed.hexdigest()[:20]


def _finding(rule: Rule, doc: str, v: Violation, line: int | None, column: int | None, anchor: str | Any, settings: Settings) -> Finding:
    """The finding of ``v``, located at ``line`` and ``column`` (1:1 for a whole file), fingerprinted by
    ``anchor``: a text, or the hash of everything before the key (``_line_anchor``)."""
    loc = v.location
    if line is None:  # a finding about a whole file or the package
        line, column = 1, 1
    digest = _fingerprint(rule.id, loc.file, anchor, v.key)
    return Finding(
        rule=rule.id,
        name=rule.name,
        aliases=rule.aliases,
        category=rule.category,
        severity=settings.severity_for(rule, v.severity),
        message=v.message,
        hint=v.hint or default_hint(doc),
        file=loc.file,
        pointer=loc.pointer,
        line=line,
        column=column or 1,
        fingerprint=digest,
        fix=declared_fix(rule, v.fix),
    )


def run_policy_rules(policies: list[Any], catalog: Catalog, settings: Settings) -> list[Finding]:
    """The selected policy-scope rules (``Rule.scope == "policy"``) on each ``--dlp-policy``, once each.

    Findings are located in the policy file (its name as given, the JSON pointer, line and
    column); a rule that raises becomes VET001 there, as in ``run_rules``.
    """
    selected = settings.selected(catalog)
    findings: list[Finding] = []
    with offline.refuse() as refused:  # as in run_rules: no host reached, no program run
        for loaded in catalog:
            if loaded.id not in selected or loaded.rule.scope != "policy":
                continue
            for policy in policies:
                tried = len(refused)
                try:
                    violations = list(loaded.check(policy))
                    if len(refused) > tried:
                        raise offline.Refused(f"it tried to reach outside the policy file, which vetter refused ({refused[tried]})")
                except Exception as exc:  # a buggy rule must not stop the others
                    text = f"Rule {loaded.id} ({loaded.rule.name}) crashed on this policy: {type(exc).__name__}: {exc}"
                    crash = Violation(Location(policy.file, policy.pointer), text, key=loaded.id)
                    findings.append(_finding(ENGINE_RULES["VET001"], ENGINE_DOCS["VET001"], crash, 1, 1, policy.pointer, settings))
                    continue
                policy.json.prefetch(v.location.pointer for v in violations if v.location.pointer is not None)
                for v in violations:
                    line, column = policy.json.locate(v.location.pointer) if v.location.pointer is not None else (None, None)
                    findings.append(_finding(loaded.rule, loaded.doc, v, line, column, v.location.pointer or "", settings))
    return sorted(_dedupe(findings), key=Finding.sort_key)


def declared_fix(rule: Rule, fix: Fix | None) -> Fix | None:
    """A violation's fix as its rule declares it: none for a rule without fixes, unsafe for an unsafe rule."""
    if fix is None or rule.fix is Fixability.NONE or not fix.edits:
        return None
    if rule.fix is Fixability.UNSAFE and not fix.unsafe:
        return Fix(fix.title, fix.edits, unsafe=True)
    return fix


def _line_anchor(package: ConnectorPackage, rule_id: str, name: str, line: int) -> Any:
    """The fingerprint's hash of a text finding up to its key (rule, file and the line's text), once per
    rule and line: a line of a megabyte with thousands of findings on it was hashed once for each."""
    text = package.decoded(name)
    hashed = text.anchors.get((rule_id, line))
    if hashed is None:
        prefix = "\x1f".join((rule_id, name, _line_text(package, name, line), ""))
        hashed = text.anchors[(rule_id, line)] = sha256(prefix.encode("utf-8", "surrogatepass"))
    return hashed


def _line_text(package: ConnectorPackage, name: str, line: int) -> str:
    """Line ``line`` of the file, stripped: what a text finding's fingerprint is anchored to.

    Read from the file's one decoding (``ConnectorPackage.decoded``); a UTF-8 byte order mark stays
    on the first line, as fingerprints have always had it (the file was decoded without dropping it).
    """
    text = package.decoded(name)
    lines = text.lines
    if text.raw.startswith(UTF8_BOM) and line == 1:
        return ("\ufeff" + (lines[0] if lines else "")).strip()
    return lines[line - 1].strip() if 0 < line <= len(lines) else str(line)


UTF8_BOM = b"\xef\xbb\xbf"


_FIX = re.compile(r"^## How to fix\s*\n(.*?)(?:\n## |\Z)", re.MULTILINE | re.DOTALL)


@functools.lru_cache(maxsize=512)
def default_hint(doc: str) -> str:
    """First paragraph of the rule's "How to fix" section (read once per rule: every finding asks)."""
    match = _FIX.search(doc)
    if not match:
        return ""
    paragraph = match.group(1).strip().split("\n\n")[0]
    return " ".join(paragraph.split())


def _dedupe(findings: list[Finding]) -> list[Finding]:
    seen: set[tuple[str, str, str]] = set()
    out = []
    for f in findings:
        key = (f.fingerprint, f.message, f.location)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def gate_finding(rule_id: str, message: str, file: str, line: int, key: str, severity: Severity) -> Finding:
    """A finding of the gate itself (a waiver in the config file), at its line there."""
    rule = ENGINE_RULES[rule_id]
    digest = sha256("\x1f".join((rule_id, file, key)).encode("utf-8", "surrogatepass")).hexdigest()[:20]
    return Finding(
        rule=rule_id, name=rule.name, aliases=rule.aliases, category=rule.category, severity=severity,
        message=message, hint=default_hint(ENGINE_DOCS[rule_id]), file=file, pointer=None, line=line, column=1,
        fingerprint=digest,
    )
