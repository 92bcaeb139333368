"""The rule catalogue (`vetter rules --format markdown`) is generated from the rules themselves."""

from __future__ import annotations

from click.testing import CliRunner

from vetter.cli import main
from vetter.engine.rulesdoc import CODES, NOT_COVERED, render


def test_the_catalogue_lists_every_rule_and_every_code(catalog):
    text = render(catalog)
    for r in catalog:
        fix = "—" if r.rule.fix.value == "none" else r.rule.fix.value
        assert f"| {r.id} | {r.rule.name} | {r.rule.severity.value} | {r.ground or '—'} |" in text, r.id
        assert f"| {fix} |" in text
    assert len(CODES) == 174
    aliases = {a for r in catalog for a in r.rule.aliases}
    for _number, _section, code in CODES:
        row = next(line for line in text.splitlines() if f"| `{code}` |" in line)
        assert ("not covered: " in row) == (code not in aliases), row


def test_reasons_name_real_codes():
    assert set(NOT_COVERED) <= {c for _, _, c in CODES}


def test_vetter_rules_prints_it_with_a_rule_of_ones_own(tmp_path):
    rules = tmp_path / "org_rules"
    rules.mkdir()
    (rules / "org001_widget_name.py").write_text(
        '"""A widget name is too long.\n\n## Why\nTest.\n\n## Severity\nGround: advice — a test rule.\n\n## How to fix\nShorten it.\n"""\n'
        "from vetter import Rule, Severity\n"
        'RULE = Rule(id="ORG001", name="widget-name-long", category="org_rules", severity=Severity.INFO)\n'
        "def check(package):\n    yield from ()\n"
    )
    result = CliRunner().invoke(main, ["rules", "--format", "markdown", "--rules-dir", str(rules)])
    assert result.exit_code == 0, result.output
    assert "| ORG001 | widget-name-long | info | advice |" in result.output and "| SWG003 |" in result.output
