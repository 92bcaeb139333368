"""`vetter fix`: minimal edits at the node's span, files that never get worse, the command line, the corpus."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT, shared_dir
from vetter.base.rule import Edit, Fix, Location
from vetter.commands.fix import TextEdit, apply_edits, editable_text, resolve
from vetter.engine.cases import fixtures_dir
from vetter.model.jsonfile import JsonFile

MINIMAL = fixtures_dir() / "packages" / "minimal"


def _edit(text: str | bytes, *edits: Edit, name: str = "a.json") -> bytes:
    raw = text.encode() if isinstance(text, str) else text
    file = JsonFile(name, raw)
    [(_, mine)] = resolve(Fix("test", edits), {name: file}).items()
    return apply_edits(editable_text(file), mine).encode("utf-8")


def at(pointer: str) -> Location:
    return Location("a.json", pointer)


@pytest.mark.parametrize(
    ("before", "edit", "after"),
    [
        ('{\n  "a": 1,\n  "b": 2,\n  "c": 3\n}\n', Edit.remove(at("/b")), '{\n  "a": 1,\n  "c": 3\n}\n'),
        ('{\n  "a": 1,\n  "b": 2\n}\n', Edit.remove(at("/b")), '{\n  "a": 1\n}\n'),
        ('{\n  "a": 1,\n  "b": 2\n}\n', Edit.remove(at("/a")), '{\n  "b": 2\n}\n'),
        ('{"x": {"only": [1, 2]}}', Edit.remove(at("/x/only")), '{"x": {}}'),
        ('[1, 2, 3]', Edit.remove(at("/2")), "[1, 2]"),
        ('{"a": 1, "a": 2, "b": 3}', Edit.dedupe(at("/a")), '{"a": 2, "b": 3}'),
        ('{"a": 1, "b": 3, "a": 2}', Edit.remove(at("/a")), '{"b": 3}'),  # every copy of the key goes
        ('{"type": "string"}', Edit.replace(at("/type"), "securestring"), '{"type": "securestring"}'),
        ('{"s": "List widgets."}', Edit.replace(at("/s"), "List widgets"), '{"s": "List widgets"}'),
        ('{"a": 1, "b": 2}', Edit.add(at("/c"), [3]), '{"a": 1, "b": 2, "c": [3]}'),
        ('{\n\t"a": {\n\t\t"b": 1\n\t}\n}', Edit.add(at("/a/c"), ["x"]), '{\n\t"a": {\n\t\t"b": 1,\n\t\t"c": [\n\t\t\t"x"\n\t\t]\n\t}\n}'),
        ('{\n  "a": {}\n}', Edit.add(at("/a/k"), "v"), '{\n  "a": {\n    "k": "v"\n  }\n}'),
        ('{"x-ms-sumary": "A", "b": 1}', Edit.rename(at("/x-ms-sumary"), "x-ms-summary"), '{"x-ms-summary": "A", "b": 1}'),
        ('{"a": "t\tb"}', Edit.text("a.json", 8, 9, "\\t"), '{"a": "t\\tb"}'),
        ('{"a" : 1}', Edit.add(at("/b"), True), '{"a" : 1, "b" : true}'),  # the key separator of the siblings
    ],
)
def test_edits_touch_only_the_node_span(before, edit, after):
    assert _edit(before, edit) == after.encode()


def test_bom_and_crlf_and_every_other_byte_are_kept():
    before = "\ufeff{\r\n\t\"swagger\": \"2.0\",\r\n\t\"x\": {\r\n\t\t\"a\": \"é\"\r\n\t}\r\n}".encode()
    after = _edit(before, Edit.add(at("/x/b"), "single"))
    assert after == "\ufeff{\r\n\t\"swagger\": \"2.0\",\r\n\t\"x\": {\r\n\t\t\"a\": \"é\",\r\n\t\t\"b\": \"single\"\r\n\t}\r\n}".encode()
    assert _edit(before, Edit.strip_bom("a.json")) == before[3:]


def test_a_minimal_replace_rewrites_only_the_characters_that_differ():
    file = JsonFile("a.json", b'{"type": "string"}')
    [(_, edits)] = resolve(Fix("t", (Edit.replace(at("/type"), "securestring"),)), {"a.json": file}).items()
    assert edits == [TextEdit(11, 11, "ecures")]  # after the shared '"s': six characters inserted, none rewritten


def _cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "vetter.cli", *args], capture_output=True, text=True, cwd=cwd, timeout=300)


def _package(tmp_path: Path) -> Path:
    """The minimal package with a path parameter without x-ms-url-encoding (safe fix) and a misspelled extension (unsafe)."""
    root = tmp_path / "widgets"
    shutil.copytree(MINIMAL, root)
    swagger = root / "apiDefinition.swagger.json"
    text = swagger.read_text().replace('"x-ms-url-encoding": "single",\n            ', "", 1)
    swagger.write_text(text.replace('"x-ms-summary": "Top"', '"x-ms-sumary": "Top"', 1))
    return root


def test_diff_writes_nothing_and_fix_writes_in_place_once(tmp_path):
    root = _package(tmp_path)
    swagger = root / "apiDefinition.swagger.json"
    before = swagger.read_bytes()
    shown = _cli("fix", str(root), "--diff", "--select", "SWG026", "--select", "XMS003")
    assert shown.returncode == 1, shown.stderr
    assert shown.stdout == textwrap.dedent(f"""\
        --- {swagger}
        +++ {swagger}
        @@ -44,7 +44,8 @@
                     "required": true,
                     "type": "string",
                     "x-ms-summary": "Widget ID",
        -            "description": "The identifier of the widget."
        +            "description": "The identifier of the widget.",
        +            "x-ms-url-encoding": "single"
                   }}
                 ],
                 "responses": {{
        """)
    assert "vetter: would fix 1 finding(s) in 1 file(s) (SWG026 1)" in shown.stderr
    assert "vetter: 1 more finding(s) have unsafe fixes" in shown.stderr
    assert swagger.read_bytes() == before

    done = _cli("fix", str(root), "--select", "SWG026", "--select", "XMS003")
    assert done.returncode == 0 and done.stdout == ""
    assert "vetter: fixed 1 finding(s) in 1 file(s) (SWG026 1)" in done.stderr
    assert swagger.read_bytes() == before.replace(b'"The identifier of the widget."', b'"The identifier of the widget.",\n            "x-ms-url-encoding": "single"', 1)
    again = _cli("fix", str(root), "--select", "SWG026", "--select", "XMS003", "--diff")
    assert again.returncode == 0 and again.stdout == "" and "vetter: nothing to fix" in again.stderr

    unsafe = _cli("fix", str(root), "--select", "SWG026", "--select", "XMS003", "--unsafe-fixes")
    assert unsafe.returncode == 0 and "(XMS003 1)" in unsafe.stderr
    assert b'"x-ms-summary": "Top"' in swagger.read_bytes()
    scan = _cli("scan", str(root), "--select", "SWG026", "--select", "XMS003", "--format", "json")
    assert json.loads(scan.stdout)["packages"][0]["findings"] == []


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\u0085"])
def test_the_diff_counts_lines_as_patch_does(tmp_path, separator):
    """A JSON string may hold U+2028, U+2029 or U+0085 as they are; ``str.splitlines`` ended a line
    there, so the hunks named a line one too far for each one above them (``patch`` applied them
    at an offset, with a warning) and the line claimed to have no newline."""
    from tests.fuzzlib import apply_unified
    from vetter.commands.fix import diff_lines

    root = _package(tmp_path)
    swagger = root / "apiDefinition.swagger.json"
    text = swagger.read_text(encoding="utf-8").replace("Lists the widgets in", f"Lists the widgets{separator}in", 1)
    swagger.write_text(text, encoding="utf-8")
    shown = _cli("fix", str(root), "--diff", "--select", "SWG026")
    assert shown.returncode == 1, shown.stderr
    header = next(line for line in shown.stdout.splitlines() if line.startswith("@@"))
    assert header == "@@ -44,7 +44,8 @@" and "No newline" not in shown.stdout
    done = _cli("fix", str(root), "--select", "SWG026")
    assert done.returncode == 0, done.stderr
    assert apply_unified(diff_lines(text), shown.stdout) == diff_lines(swagger.read_text(encoding="utf-8"))


def test_a_file_that_does_not_parse_is_never_rewritten(tmp_path):
    root = tmp_path / "broken"
    shutil.copytree(MINIMAL, root)
    props = root / "apiProperties.json"
    broken = b'{\n  "properties": {\n    "capabilities": ["actions",],\n    "publisher": "Contoso" "x"\n  }\n}\n'
    props.write_bytes(broken)
    result = _cli("fix", str(root), "--select", "JSN")
    assert result.returncode == 1
    assert "JSN004 at apiProperties.json:3: fix not applied: cannot be applied: apiProperties.json is not edited: syntax" in result.stderr
    assert props.read_bytes() == broken


def test_a_fix_that_would_break_the_json_is_dropped_and_reported(tmp_path):
    rules = tmp_path / "rules" / "custom"
    rules.mkdir(parents=True)
    (rules / "__init__.py").write_text('"""Custom rules."""\nPREFIX = "ZZZ"\n')
    (rules / "zzz001_bad_fix.py").write_text(textwrap.dedent('''
        """A rule whose fix breaks the JSON.

        ## Why
        Tests.

        ## How to fix
        Nothing.
        """
        from vetter import Edit, Fix, Fixability, Location, Rule, Severity, Violation

        RULE = Rule(id="ZZZ001", name="bad-fix", category="custom", severity=Severity.WARNING, fix=Fixability.SAFE)


        def check(package):
            yield Violation(Location("apiProperties.json", "/properties"), "Bad.", fix=Fix("Break it", (Edit.text("apiProperties.json", 0, 1, "]"),)))
        '''))
    root = tmp_path / "widgets"
    shutil.copytree(MINIMAL, root)
    before = (root / "apiProperties.json").read_bytes()
    result = _cli("fix", str(root), "--rules-dir", str(tmp_path / "rules"), "--select", "ZZZ001")
    assert result.returncode == 1
    assert "ZZZ001 at apiProperties.json#/properties: fix not applied: dropped: the edited file would not be valid JSON" in result.stderr
    assert (root / "apiProperties.json").read_bytes() == before


def test_archives_are_not_rewritten_and_help_says_it_writes(tmp_path):
    archive = tmp_path / "widgets.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for path in MINIMAL.iterdir():
            zf.write(path, path.name)
    before = archive.read_bytes()
    result = _cli("fix", str(archive))
    assert result.returncode == 0
    assert f"vetter: {archive}: not rewritten (vetter fix edits package folders and swagger files, not archives or solution exports)" in result.stderr
    assert archive.read_bytes() == before
    assert "IN PLACE" in _cli("fix", "--help").stdout


@pytest.mark.slow
def test_fix_on_a_copy_of_the_corpus(tmp_path, own_secrets):
    """Every file still parses as well as before, no package has more findings of any rule, a second run fixes nothing."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from survey_fixes import survey

    result = survey(shared_dir("corpus").parent, tmp_path)
    assert result.worse_files == []
    assert result.worse_counts == []
    assert "vetter: nothing to fix" in result.second_run
    # the figures recorded in docs/editor.md
    assert dict(result.fixed) == {"JSN002": 1, "JSN004": 15, "JSN005": 1, "JSN006": 12, "OPR011": 502, "SWG026": 1197, "SWG037": 1, "SWG040": 21}
    assert result.files_changed == 156


@pytest.mark.slow
def test_every_rule_case_package_survives_every_fix(own_secrets):
    """All rules and all fixes (unsafe too) on every rule case's package: no crash, no file parses less well, idempotent."""
    from collections import Counter

    from vetter.commands.fix import fix_package
    from vetter.engine.cases import build_case, load_cases
    from vetter.engine.catalog import discover
    from vetter.engine.settings import Settings
    from vetter.model.package import package_from_files

    catalog = discover(entry_points=False)
    settings = Settings().bind(catalog)
    seen = set()
    for rule in catalog:
        for case in load_cases(rule.id):
            if case.kind != "folder" or case.against is not None:
                continue
            package, options = build_case(case)
            key = tuple(sorted(package.files.items()))
            if key in seen:
                continue
            seen.add(key)
            result = fix_package(package, catalog, settings, options, unsafe=True)
            for name in result.changed:
                before, after = package.json_files[name], JsonFile(name, result.files[name])
                assert after.parsed, (case.test_id, name)
                was = Counter(p.kind for p in before.problems)
                assert all(n <= was[k] for k, n in Counter(p.kind for p in after.problems).items()), (case.test_id, name)
            if result.changed:
                again = fix_package(package_from_files(package.name, result.files, kind=package.kind), catalog, settings, options, unsafe=True)
                assert again.changed == [], (case.test_id, again.changed)
