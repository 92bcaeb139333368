"""Meta-tests that keep the rule catalogue honest."""

from __future__ import annotations

import ast
import copy
import os
import re
import textwrap
from pathlib import Path

import pytest

from vetter.base.rule import Severity
from vetter.engine.cases import base_files, fixtures_dir, load_cases
from vetter.engine.catalog import (
    ENGINE_DOCS,
    ENGINE_RULES,
    GROUNDS,
    ID_PATTERN,
    CatalogError,
    builtin_rules_dir,
    discover,
    load_dir,
    severity_ground,
)
from vetter.engine.runner import run_rules
from vetter.engine.settings import Settings
from vetter.model.package import package_from_files


def area_prefix(folder: Path) -> str | None:
    """``PREFIX = "ABC"`` of ``rules/<area>/__init__.py``, read without importing it."""
    init = folder / "__init__.py"
    if not init.is_file():
        return None
    for node in ast.parse(init.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and [getattr(t, "id", None) for t in node.targets] == ["PREFIX"]:
            value = ast.literal_eval(node.value)
            return value if isinstance(value, str) else None
    return None


def test_every_rule_area_declares_its_prefix_and_says_what_it_checks():
    areas = [d for d in builtin_rules_dir().iterdir() if d.is_dir() and not d.name.startswith("_")]
    assert len(areas) >= 5
    prefixes: dict[str, str] = {}
    for area in areas:
        prefix = area_prefix(area)
        assert prefix is not None and re.fullmatch(r"[A-Z]{3}", prefix), f"{area}/__init__.py needs PREFIX = 'ABC'"
        assert ast.get_docstring(ast.parse((area / "__init__.py").read_text(encoding="utf-8"))), area
        assert prefix not in prefixes, (prefix, area.name, prefixes.get(prefix))
        prefixes[prefix] = area.name


def test_ids_names_and_files_agree(catalog):
    assert len(catalog) >= 15
    for r in catalog:
        assert ID_PATTERN.match(r.id)
        path = Path(r.source)
        assert path.name == f"{r.id.lower()}_{r.rule.name.replace('-', '_')}.py", path
        folder = path.parent
        assert r.rule.category == folder.name, (r.id, folder.name)
        assert r.id[:3] == area_prefix(folder), (r.id, folder.name, area_prefix(folder))


def _write_rule(folder: Path, category: str) -> None:
    folder.mkdir(parents=True)
    (folder / "zzz001_odd_rule.py").write_text(
        textwrap.dedent(
            f'''
            """A rule for the catalogue tests.

            ## Why
            Tests.

            ## How to fix
            Nothing.
            """
            from vetter import Rule, Severity

            RULE = Rule(id="ZZZ001", name="odd-rule", category="{category}", severity=Severity.WARNING)

            def check(package):
                return iter(())
            '''
        )
    )


def test_discovery_refuses_a_rule_whose_category_is_not_its_folder(tmp_path):
    _write_rule(tmp_path / "bad" / "security", "swagger")
    with pytest.raises(CatalogError, match="category 'swagger' but sits in the 'security' folder"):
        load_dir(tmp_path / "bad", "vetter_test_bad_category")
    _write_rule(tmp_path / "good" / "security", "security")
    assert [r.rule.category for r in load_dir(tmp_path / "good", "vetter_test_good_category")] == ["security"]


def test_every_rule_has_docs(catalog):
    for r in catalog:
        doc = r.doc
        summary = doc.strip().splitlines()[0]
        assert summary.endswith(".") and len(summary) <= 80, (r.id, summary)
        assert "\n## Why\n" in doc, r.id
        assert "\n## How to fix\n" in doc, r.id


def test_docs_summary_and_references_are_read_as_the_standard_library_reads_them(catalog):
    """``LoadedRule.docs`` dedents without textwrap's per-line loop when it can, ``summary`` splits
    only the first line, ``references`` searches from the first "## References" and reads the
    section a line at a time: each must give what the plain reading gives, on every rule's
    docstring and on docstrings written otherwise
    (indented as a function's, with whitespace-only lines, tabs, a line break other than "\\n",
    a "## References" inside a line before the real one, no references at all)."""
    from vetter.engine.catalog import _FLUSH_LINE, _URL, LoadedRule, _dedent

    odd = [
        "Summary.\n\n    ## Why\n    Indented as a function's docstring.\n\n    ## References\n    - https://a.example/x\n",
        "Summary.\n  \n## Why\nA whitespace-only line above, a tab-only one below.\n\t\n## References\n- https://b.example/y",
        "Summary.\n\t## Why\n\tTabs.\n\t## References\n\t<https://c.example/z>\n\t",
        "Summary\x0bwith a vertical tab.\r\n## Why\r\nCRLF lines.\r\n",
        "Summary.\n\nSee ## References below.\n\n## References\n- https://d.example/\n\n## How to fix\nFix.",
        "Summary.\n\n## Why\nNo references.\n   ",
        "\n\n   Summary after blank lines.   \n      deeper\n    shallower\n",
        "Summary.\n\n## References\n- https://e.example/1\n##not a heading https://e.example/2\n\n## How to fix\nhttps://e.example/3",
        "Only a summary.",
        "   ",
    ]
    docs = [r.doc for r in catalog] + odd
    # both ways are taken: some texts have a line that starts with text, some have a margin
    assert {_FLUSH_LINE.search(d.strip("\n").partition("\n")[2]) is None for d in odd} == {True, False}
    for doc in docs:
        first, _, rest = doc.strip("\n").partition("\n")
        assert _dedent(rest) == textwrap.dedent(rest), doc
        loaded = LoadedRule(catalog.rules[0].rule, catalog.rules[0].check, doc, "here")
        assert loaded.summary == (doc.strip().splitlines()[0].strip() if doc.strip() else ""), doc
        plain = (first.strip() + "\n" + textwrap.dedent(rest)).strip() + "\n"
        assert loaded.docs == plain, doc
        match = re.search(r"^## References\s*\n(.*?)(?:\n## |\Z)", plain, re.MULTILINE | re.DOTALL)
        assert loaded.references == (tuple(_URL.findall(match.group(1))) if match else ()), doc
    assert LoadedRule(catalog.rules[0].rule, catalog.rules[0].check, odd[-3], "here").references == (
        "https://e.example/1",
        "https://e.example/2",
    )
    assert LoadedRule(catalog.rules[0].rule, catalog.rules[0].check, odd[4], "here").references == ("https://d.example/",)


def test_every_rule_states_the_ground_of_its_severity(catalog):
    """docs/severity.md: each rule's docs open a `## Severity` section with `Ground: <ground> — <reason>`;
    `error` stands only on blocking, breaks or security, so an advice rule is a warning or info."""
    docs = [(r.id, r.rule.severity, r.doc) for r in catalog]
    docs += [(rule_id, ENGINE_RULES[rule_id].severity, doc) for rule_id, doc in ENGINE_DOCS.items()]
    for rule_id, severity, doc in docs:
        found = severity_ground(textwrap.dedent(doc))
        assert found is not None, f"{rule_id}: '## Severity' must open with 'Ground: <{'|'.join(GROUNDS)}> — <reason>'"
        ground, reason = found
        assert ground in GROUNDS, (rule_id, ground)
        assert len(reason) >= 20, (rule_id, reason)
        if severity is Severity.ERROR:
            assert ground != "advice", f"{rule_id} is an error on the advice ground"
        # one ground per rule: a second section would show another, older reason in `vetter explain`
        sections = [line for line in textwrap.dedent(doc).splitlines() if line.strip() == "## Severity"]
        assert len(sections) == 1, f"{rule_id} has {len(sections)} '## Severity' sections"


def test_the_ground_is_read_from_the_first_line_of_the_section():
    doc = "Summary.\n\n## Why\nBecause.\n\n## Severity\nGround: breaks — the call fails\nat run time.\n\nMore.\n\n## How to fix\nFix."
    assert severity_ground(doc) == ("breaks", "the call fails at run time.")
    assert severity_ground(doc.replace("Ground: breaks", "Ground: must")) == ("must", "the call fails at run time.")
    assert severity_ground(doc.replace("Ground:", "Reason:")) is None
    assert severity_ground("Summary.\n\n## Why\nBecause.\n") is None


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


def test_every_fixable_rule_has_a_fix_case_and_only_they_do(catalog):
    """A rule that declares a fix has its fix tested through the shared harness; no other rule has fix cases."""
    from vetter.base.rule import Fixability

    for r in catalog:
        fixes = [c for c in load_cases(r.id) if c.fix is not None]
        if r.rule.fix is Fixability.NONE:
            assert not fixes, f"{r.id} declares no fix but has fix cases"
            continue
        assert any(c.fix.get("diff") for c in fixes), f"{r.id} declares fix={r.rule.fix} but no case shows it"
        if r.rule.fix is Fixability.UNSAFE:  # an unsafe fix is tested where it applies: with --unsafe-fixes
            assert all(c.fix.get("unsafe") or not c.fix.get("diff") for c in fixes), r.id


def test_no_fixture_for_a_rule_that_does_not_exist(catalog):
    for path in (fixtures_dir() / "rules").glob("*.yaml"):
        assert path.stem in catalog.by_id, f"{path.name} has no rule"


def test_minimal_package_is_clean_under_every_rule(catalog):
    package = package_from_files("minimal", base_files("minimal"), kind="folder")
    result = run_rules(package, catalog, Settings().bind(catalog))
    assert result.findings == [], [f"{f.rule} {f.location} {f.message}" for f in result.findings]
    assert not result.rules_skipped


def test_rules_do_not_change_the_package(catalog):
    """Rules share parsed data: after every rule ran, each parsed document equals a copy taken before."""
    files = base_files("minimal")
    files["apiDefinition.swagger.json"] = re.sub(rb'"version": "1.0"', b'"version": 1', files["apiDefinition.swagger.json"])
    package = package_from_files("p", files, kind="folder")
    before = {name: copy.deepcopy(f.data) for name, f in package.json_files.items()}
    assert before["apiDefinition.swagger.json"]["info"]["version"] == 1
    settings = Settings().bind(catalog)
    findings = run_rules(package, catalog, settings).findings
    assert any(f.rule == "SWG001" for f in findings)  # the rules did read the document
    assert {name: f.data for name, f in package.json_files.items()} == before


def test_builtin_rules_dir_is_the_repo_rules_folder():
    assert builtin_rules_dir().name in ("rules", "_rules")


def test_rule_packs_from_entry_points(monkeypatch, tmp_path):
    """A rule pack installed as a distribution with a ``vetter.rules`` entry point is discovered;
    distributions whose entry points are about something else are not loaded."""
    import sys

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
    meta = tmp_path / "contoso_pack-1.0.dist-info"
    meta.mkdir()
    (meta / "METADATA").write_text("Metadata-Version: 2.1\nName: contoso-pack\nVersion: 1.0\n")
    (meta / "entry_points.txt").write_text("[vetter.rules]\ncontoso = contoso_pack\n")
    other = tmp_path / "unrelated-2.0.dist-info"
    other.mkdir()
    (other / "METADATA").write_text("Metadata-Version: 2.1\nName: unrelated\nVersion: 2.0\n")
    (other / "entry_points.txt").write_text("[console_scripts]\nunrelated = no_such_module:main\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    try:
        catalog = discover()
        assert catalog.by_id["CTX001"].rule.category == "contoso"
        assert discover(entry_points=False).by_id.get("CTX001") is None
    finally:
        sys.modules.pop("contoso_pack", None)


def test_rule_bundle_follows_edits_and_survives_a_broken_bundle(tmp_path):
    """Rule code is cached in one bundle file; an edited rule is read afresh, a corrupt bundle ignored."""
    _write_rule(tmp_path / "r" / "security", "security")
    first = load_dir(tmp_path / "r", "vetter_test_bundle_a")
    bundle = next((tmp_path / "r" / "__pycache__").glob("vetter-rules.*.bundle"))
    assert first[0].rule.severity.value == "warning"
    rule = tmp_path / "r" / "security" / "zzz001_odd_rule.py"
    before = rule.stat().st_mtime_ns
    rule.write_text(rule.read_text().replace("Severity.WARNING", "Severity.ERROR  "))  # same size
    os.utime(rule, ns=(before + 10**9, before + 10**9))  # a later mtime, whatever the clock's granularity
    assert load_dir(tmp_path / "r", "vetter_test_bundle_b")[0].rule.severity.value == "error"
    bundle.write_bytes(b"not a bundle")
    assert load_dir(tmp_path / "r", "vetter_test_bundle_c")[0].rule.severity.value == "error"
    (tmp_path / "r" / "security" / "zzz002_broken.py").write_text("def check(:\n")
    with pytest.raises(CatalogError, match=r"zzz002_broken\.py: SyntaxError"):
        load_dir(tmp_path / "r", "vetter_test_bundle_d")
