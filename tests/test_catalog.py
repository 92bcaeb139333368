"""Meta-tests that keep the rule catalogue honest."""

from __future__ import annotations

import re
from pathlib import Path

from vetter.cases import base_files, fixtures_dir, load_cases
from vetter.catalog import ID_PATTERN, builtin_rules_dir
from vetter.engine import run_rules
from vetter.package import package_from_files
from vetter.settings import Settings

AREA_PREFIX = {"package": "PKG", "json": "JSN", "swagger": "SWG", "properties": "PRP", "changes": "CHG", "security": "SEC", "script": "SCR", "certification": "CRT", "crossfile": "XFL"}


def test_ids_names_and_files_agree(catalog):
    assert len(catalog) >= 15
    for r in catalog:
        assert ID_PATTERN.match(r.id)
        path = Path(r.source)
        assert path.name == f"{r.id.lower()}_{r.rule.name.replace('-', '_')}.py", path
        folder = path.parent.name
        assert r.rule.category == folder, (r.id, folder)
        assert r.id.startswith(AREA_PREFIX[folder]), (r.id, folder)


def test_every_rule_has_docs(catalog):
    for r in catalog:
        doc = r.doc
        summary = doc.strip().splitlines()[0]
        assert summary.endswith(".") and len(summary) <= 80, (r.id, summary)
        assert "\n## Why\n" in doc, r.id
        assert "\n## How to fix\n" in doc, r.id


def test_every_rule_has_passing_and_failing_cases(catalog):
    for r in catalog:
        cases = load_cases(r.id)
        assert cases, f"{r.id} has no fixtures/rules/{r.id}.yaml"
        assert any(c.expect for c in cases), f"{r.id} has no failing case"
        assert any(not c.expect for c in cases), f"{r.id} has no passing case"
        examples = [c.example for c in cases if c.example]
        assert examples.count("good") == 1 and examples.count("bad") == 1, r.id
        good = next(c for c in cases if c.example == "good")
        bad = next(c for c in cases if c.example == "bad")
        assert not good.expect and bad.expect, r.id


def test_no_fixture_for_a_rule_that_does_not_exist(catalog):
    for path in (fixtures_dir() / "rules").glob("*.yaml"):
        assert path.stem in catalog.by_id, f"{path.name} has no rule"


def test_minimal_package_is_clean_under_every_rule(catalog):
    package = package_from_files("minimal", base_files("minimal"), kind="folder")
    result = run_rules(package, catalog, Settings().bind(catalog))
    assert result.findings == [], [f"{f.rule} {f.location} {f.message}" for f in result.findings]
    assert not result.rules_skipped


def test_rules_do_not_change_the_package(catalog):
    """Rules share parsed data; running the catalogue twice must give the same findings."""
    files = base_files("minimal")
    files["apiDefinition.swagger.json"] = re.sub(rb'"version": "1.0"', b'"version": 1', files["apiDefinition.swagger.json"])
    package = package_from_files("p", files, kind="folder")
    settings = Settings().bind(catalog)
    first = run_rules(package, catalog, settings).findings
    second = run_rules(package, catalog, settings).findings
    assert first == second and first


def test_builtin_rules_dir_is_the_repo_rules_folder():
    assert builtin_rules_dir().name in ("rules", "_rules")


def test_rule_packs_from_entry_points(monkeypatch, tmp_path):
    import importlib.metadata
    import sys
    import textwrap

    from vetter.catalog import discover

    pack = tmp_path / "contoso_pack"
    pack.mkdir()
    (pack / "__init__.py").write_text("")
    (pack / "ctx001_contoso_host.py").write_text(
        textwrap.dedent(
            '''
            """The host is not a Contoso host.

            ## Why
            Policy.

            ## How to fix
            Use a Contoso host.
            """
            from vetter import Location, Rule, Severity, Violation

            RULE = Rule(id="CTX001", name="contoso-host", category="contoso", severity=Severity.WARNING)

            def check(package):
                host = package.swagger.data.get("host", "")
                if not host.endswith("contoso.com"):
                    yield Violation(Location(package.swagger.file.name, "/host"), f"Host {host} is not Contoso's.")
            '''
        )
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    point = importlib.metadata.EntryPoint(name="contoso", value="contoso_pack", group="vetter.rules")
    monkeypatch.setattr(importlib.metadata, "entry_points", lambda group=None: [point] if group == "vetter.rules" else [])
    catalog = discover()
    assert "CTX001" in catalog.by_id
    sys.modules.pop("contoso_pack", None)
