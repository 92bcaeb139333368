"""docs/rules.md is generated from the rule metadata and must be current."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import load_script

ROOT = Path(__file__).resolve().parents[1]


def _script():  # type: ignore[no-untyped-def]
    return load_script("generate_rules_doc")


def test_rules_doc_is_current():
    text = _script().render()
    current = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert current == text, "docs/rules.md is stale: run python scripts/generate_rules_doc.py"


def test_rules_doc_lists_every_rule_and_every_code(catalog):
    module = _script()
    text = module.render()
    for r in catalog:
        assert f"| {r.id} | {r.rule.name} | {r.rule.severity.value} |" in text, r.id
    assert len(module.CODES) == 174
    aliases = {a for r in catalog for a in r.rule.aliases}
    for _number, _section, code in module.CODES:
        row = next(line for line in text.splitlines() if f"| `{code}` |" in line)
        assert ("not covered: " in row) == (code not in aliases), row


def test_reasons_name_real_codes():
    module = _script()
    codes = {c for _, _, c in module.CODES}
    assert set(module.NOT_COVERED) <= codes


def test_check_mode_reports_a_stale_file(tmp_path, monkeypatch):
    module = _script()
    monkeypatch.setattr(module, "ROOT", tmp_path)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "rules.md").write_text("old\n", encoding="utf-8")
    assert module.main(["--check"]) == 1
    assert module.main([]) == 0
    assert module.main(["--check"]) == 0
