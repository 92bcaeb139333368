"""The one harness: every case of every rule, each run with only that rule on."""

from __future__ import annotations

import pytest

from tests.lines import check_line
from vetter.cases import build_case, fixtures_dir, load_cases
from vetter.catalog import discover
from vetter.engine import run_rules
from vetter.jsonfile import JsonFile
from vetter.settings import Settings

_CATALOG = discover(entry_points=False)
CASES = [case for rule in _CATALOG for case in load_cases(rule.id)]


@pytest.mark.parametrize("case", CASES, ids=[c.test_id for c in CASES])
def test_rule_case(case):
    package, options = build_case(case)
    settings = Settings(select=[case.rule]).bind(_CATALOG)
    result = run_rules(package, _CATALOG, settings, options)
    assert case.rule not in result.rules_skipped, result.rules_skipped
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
            check_line(file.text, file.data, f.pointer, f.line)
        elif f.file in package.files and f"{f.file}:{f.line}" not in case.expect:
            assert (f.line, f.column) == (1, 1), f  # a finding about a whole file
    for text in case.messages:
        assert any(text in f.message for f in result.findings), text
