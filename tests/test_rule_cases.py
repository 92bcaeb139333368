"""The one harness: every case of every rule, each run with only that rule on (and the rules its ``also``
names, whose findings are not the case's), and its fix, when the case has one."""

from __future__ import annotations

import pytest

from tests.lines import check_line
from vetter.commands.fix import fix_package, hunks
from vetter.engine.cases import build_case, fixtures_dir, load_cases
from vetter.engine.catalog import discover
from vetter.engine.runner import run_policy_rules, run_rules
from vetter.engine.settings import Settings
from vetter.model.jsonfile import JsonFile
from vetter.model.package import package_from_files

_CATALOG = discover(entry_points=False)
CASES = [case for rule in _CATALOG for case in load_cases(rule.id)]


@pytest.mark.parametrize("case", CASES, ids=[c.test_id for c in CASES])
def test_rule_case(case):
    package, options = build_case(case)
    settings = Settings(select=[case.rule, *case.also]).bind(_CATALOG)
    if _CATALOG.by_id[case.rule].rule.scope == "policy":
        check_policy_case(case, options.dlp_policies, settings)
        return
    result = run_rules(package, _CATALOG, settings, options)
    assert case.rule not in result.rules_skipped, result.rules_skipped
    if case.also:
        result.findings = [f for f in result.findings if f.rule not in case.also]
    crashed = [f for f in result.findings if f.rule == "VET001"]
    assert not crashed, crashed[0].message
    got = sorted(f.location for f in result.findings)
    assert got == sorted(case.expect), "\n".join(f"{f.location}: {f.message}" for f in result.findings)
    for f in result.findings:
        assert f.hint, f
        if f.pointer is not None:  # the line is the line of the key the pointer names
            file = package.json_files.get(f.file)
            if file is None:  # a finding in the case's tool list (--mcp-tools), not in a package file
                file = JsonFile(f.file, (fixtures_dir() / "tools" / f.file).read_bytes())
            assert f.line is not None
            check_line(file.text, file.data, f.pointer, f.line, f.column)
        elif f.file in package.files and f"{f.file}:{f.line}" not in case.expect:
            assert (f.line, f.column) == (1, 1), f  # a finding about a whole file
    for text in case.messages:
        assert any(text in f.message for f in result.findings), text
    if case.severities is not None:
        assert sorted(f.severity.value for f in result.findings) == sorted(case.severities)
    if any(f.severity.value == "error" for f in result.findings):  # docs/severity.md: never an error on advice
        assert _CATALOG.by_id[case.rule].ground in ("blocking", "breaks", "security"), case.rule


def check_policy_case(case, policies, settings):
    """A policy rule's case: the rule runs once on the case's DLP policy; locations are in policy.json."""
    assert policies, "a policy rule's case needs a policy"
    findings = run_policy_rules(list(policies), _CATALOG, settings)
    crashed = [f for f in findings if f.rule == "VET001"]
    assert not crashed, crashed[0].message
    got = sorted(f.location for f in findings)
    assert got == sorted(case.expect), "\n".join(f"{f.location}: {f.message}" for f in findings)
    file = policies[0].json
    for f in findings:
        assert f.hint, f
        assert f.pointer is not None and f.line is not None
        check_line(file.text, file.data, f.pointer, f.line)
    for text in case.messages:
        assert any(text in f.message for f in findings), text


FIX_CASES = [case for case in CASES if case.fix is not None]


@pytest.mark.parametrize("case", FIX_CASES, ids=[c.test_id for c in FIX_CASES])
def test_rule_fix_case(case, own_secrets):
    """`vetter fix` with only this rule: the exact hunks, files that still parse, the rescan, a second run."""
    package, options = build_case(case)
    settings = Settings(select=[case.rule]).bind(_CATALOG)
    unsafe = bool(case.fix.get("unsafe"))
    result = fix_package(package, _CATALOG, settings, options, unsafe=unsafe)
    assert not result.dropped, [(d.finding.location, d.reason) for d in result.dropped]
    got = {name: hunks(package.files[name], result.files[name], result.kept[name]) for name in result.changed}
    assert got == (case.fix.get("diff") or {})
    for name in result.changed:  # nothing but the listed files changed, and each still parses as well as before
        after = JsonFile(name, result.files[name])
        assert after.parsed
        assert {p.kind for p in after.problems} <= {p.kind for p in package.json_files[name].problems}
    assert sorted(f.location for f in result.remaining) == sorted(case.fix.get("expect") or [])
    assert sum(result.fixed.values()) == len(result.fixed_findings) == len(case.expect) - len(case.fix.get("expect") or [])
    again = fix_package(package_from_files(package.name, result.files, kind=package.kind, roles=package.roles), _CATALOG, settings, options, unsafe=unsafe)
    assert again.changed == [] and again.files == result.files
