"""Pathological shapes, each with a time bound the test checks.

Times are CPU seconds of this process (``time.process_time``), not wall time:
on a shared 2-core machine the wall clock measures the neighbours. The bounds
are several times what each case takes here (docs/robustness.md lists the
measured times): they catch a hang or a quadratic path, not a slow afternoon.
"""

from __future__ import annotations

import io
import json
import os
import time
import zipfile
from collections import Counter

import pytest
from click.testing import CliRunner

from vetter.cli import main
from vetter.commands.scan import check_source
from vetter.compare import diff_packages
from vetter.engine.cases import base_files
from vetter.engine.catalog import discover
from vetter.engine.runner import run_rules
from vetter.engine.settings import Settings
from vetter.model.loader import find_packages
from vetter.model.package import package_from_files
from vetter.render.formats import FORMATS, render
from vetter.report.model import RuleInfo, ScanReport, to_dict

CATALOG = discover(entry_points=False)
SETTINGS = Settings().bind(CATALOG)
N = 10_000
SWAGGER = "apiDefinition.swagger.json"


def minimal_doc() -> dict:
    return json.loads(base_files("minimal")[SWAGGER])


def files_with(doc: dict) -> dict[str, bytes]:
    return {**base_files("minimal"), SWAGGER: json.dumps(doc).encode()}


def timed(fn, *args):
    """``fn(*args)`` and the CPU seconds it took."""
    start = time.process_time()
    value = fn(*args)
    return value, time.process_time() - start


def scan_files(files: dict[str, bytes]):
    package = package_from_files("p", files, kind="folder")
    result = run_rules(package, CATALOG, SETTINGS)
    report = ScanReport(fail_on="error", rules=[RuleInfo.of(r) for r in CATALOG])
    report.packages.append(result)
    data = json.loads(json.dumps(to_dict(report)))
    for fmt in FORMATS:
        render(data, fmt).encode("utf-8")
    return result


def rules_of(result) -> Counter:
    return Counter(f.rule for f in result.findings)


def no_crash(result, allow: tuple[str, ...] = ()) -> None:
    crashed = [f.message for f in result.findings if f.rule in ("VET001", "VET002") and not any(a in f.message for a in allow)]
    assert not crashed, crashed[:3]


def ref_chain(cyclic: bool) -> dict:
    doc = minimal_doc()
    for i in range(N):
        doc["definitions"][f"D{i}"] = {"$ref": f"#/definitions/D{(i + 1) % N if cyclic else i + 1}"}
    if not cyclic:
        doc["definitions"][f"D{N}"] = {"type": "object"}
    doc["paths"]["/widgets"]["get"]["responses"]["200"]["schema"] = {"$ref": "#/definitions/D0"}
    return doc


def test_ref_chain_of_ten_thousand_is_linear():
    files = files_with(ref_chain(cyclic=False))
    result, seconds = timed(scan_files, files)
    no_crash(result)
    assert not {"SWG003", "SWG004"} & set(rules_of(result))
    assert seconds < 15, seconds
    package = package_from_files("p", files, kind="folder")
    _, diff_seconds = timed(diff_packages, package, package_from_files("q", files, kind="folder"))
    assert diff_seconds < 15, diff_seconds


def test_ref_cycle_of_ten_thousand_is_found_once_with_short_messages():
    files = files_with(ref_chain(cyclic=True))
    result, seconds = timed(scan_files, files)
    no_crash(result)
    cycles = [f for f in result.findings if f.rule == "SWG004"]
    assert len(cycles) == N  # every member of the loop, each once
    assert max(len(f.message) for f in cycles) < 400  # not 10^4 refs in each of 10^4 messages
    assert seconds < 20, seconds
    package = package_from_files("p", files, kind="folder")
    _, diff_seconds = timed(diff_packages, package, package_from_files("q", files, kind="folder"))
    assert diff_seconds < 15, diff_seconds


def test_ten_thousand_operations_and_definitions():
    doc = minimal_doc()
    for i in range(N):
        doc["paths"][f"/items{i}"] = {
            "get": {
                "operationId": f"GetItem{i}",
                "summary": "Get an item",
                "description": "Gets one item.",
                "responses": {"200": {"description": "OK", "schema": {"$ref": f"#/definitions/Item{i}"}}},
            }
        }
        doc["definitions"][f"Item{i}"] = {"type": "object", "properties": {"id": {"type": "string"}, "tags": {"type": "array", "items": {"type": "string"}}}}
    files = files_with(doc)
    result, seconds = timed(scan_files, files)
    no_crash(result)
    assert seconds < 30, seconds
    changed = json.loads(json.dumps(doc))
    del changed["paths"]["/items5"]
    old = package_from_files("p", files, kind="folder")
    new = package_from_files("q", files_with(changed), kind="folder")
    diff, diff_seconds = timed(diff_packages, old, new)
    assert any("GetItem5" in c.message for c in diff.changes)
    assert diff_seconds < 20, diff_seconds


def test_nesting_to_the_parser_limit_and_past_it():
    doc = minimal_doc()
    leaf: dict = {"type": "string"}
    for _ in range(150):
        leaf = {"type": "array", "items": leaf}
    doc["definitions"]["Deep"] = leaf
    result, seconds = timed(scan_files, files_with(doc))
    # SWG001's own depth limit is another engineer's work (issue 7, "a rule that gives up")
    no_crash(result, allow=("SWG001",))
    assert seconds < 10, seconds
    for depth in (900, 200_000):  # just inside what the C parser reads, and far past it
        raw = b'{"swagger": "2.0", "x": ' + b'{"a": ' * depth + b"1" + b"}" * depth + b"}"
        result, seconds = timed(scan_files, {SWAGGER: raw})
        no_crash(result, allow=("SWG001",))
        assert seconds < 10, (depth, seconds)
    assert "JSN001" in rules_of(result)  # too deep to read is a finding


def test_fifty_megabyte_files_are_refused_quickly(tmp_path):
    big = tmp_path / "big"
    big.mkdir()
    (big / SWAGGER).write_bytes(b'{"swagger": "2.0", "info": {"description": "' + b"x" * (50 * 1024 * 1024) + b'"}}')
    (big / "apiProperties.json").write_bytes(base_files("minimal")["apiProperties.json"])
    (source,) = find_packages([big])
    result, seconds = timed(check_source, source, CATALOG, SETTINGS, None)
    assert rules_of(result)["PKG005"] == 1 and "PKG001" not in rules_of(result)
    assert seconds < 10, seconds
    lone, seconds = timed(lambda: run_cli("scan", str(big / SWAGGER), "--format", "json"))
    assert lone.exit_code == 1 and "PKG005" in lone.output and seconds < 10


def test_a_large_file_under_the_limit_is_read_in_linear_time():
    doc = minimal_doc()
    doc["info"]["description"] = "word " * (5 * 1024 * 1024)  # 25 MB in one string
    doc["x-ms-notes"] = [{"k": i, "t": "\\u00e9" * 10} for i in range(100_000)]
    result, seconds = timed(scan_files, files_with(doc))
    no_crash(result)
    assert seconds < 30, seconds


def run_cli(*args: str):
    return CliRunner().invoke(main, list(args))


def test_zip_bomb_is_not_expanded(tmp_path):
    path = tmp_path / "bomb.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, raw in base_files("minimal").items():
            zf.writestr(name, raw)
        zf.writestr("definitions.json", b"\0" * (200 * 1024 * 1024))
    assert path.stat().st_size < 1024 * 1024
    result, seconds = timed(lambda: run_cli("scan", str(path), "--format", "json"))
    report = json.loads(result.stdout)
    found = Counter(f["rule"] for p in report["packages"] for f in p["findings"])
    assert found["PKG005"] == 1 and seconds < 15, (found, seconds)


def test_six_thousand_entries_say_the_package_is_incomplete_not_missing(tmp_path):
    path = tmp_path / "many.zip"
    with zipfile.ZipFile(path, "w") as zf:
        for i in range(6000):
            zf.writestr(f"assets/{i:05d}.txt", b"")
        for name, raw in base_files("minimal").items():  # past the entry limit
            zf.writestr(name, raw)
    (source,) = find_packages([path])
    result, seconds = timed(check_source, source, CATALOG, SETTINGS, None)
    found = rules_of(result)
    assert found["PKG005"] == 1 and not {"PKG001", "PKG002", "PKG003"} & set(found), found
    assert any("could not be read completely" in f.message for f in result.findings)
    assert seconds < 15, seconds


def test_zip_inside_a_zip_is_mentioned(tmp_path):
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as iz:
        for name, raw in base_files("minimal").items():
            iz.writestr(name, raw)
    path = tmp_path / "outer.zip"
    with zipfile.ZipFile(path, "w") as zf:
        for name, raw in base_files("minimal").items():
            zf.writestr(name, raw)
        zf.writestr("submission/connector.zip", inner.getvalue())
    (source,) = find_packages([path])
    result = check_source(source, CATALOG, SETTINGS, None)
    nested = [f for f in result.findings if f.rule == "PKG006"]
    assert len(nested) == 1 and "submission/connector.zip" in nested[0].message


def test_truncated_zip_alone_and_in_a_portfolio(tmp_path):
    good = io.BytesIO()
    with zipfile.ZipFile(good, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, raw in base_files("minimal").items():
            zf.writestr(name, raw)
    raw = good.getvalue()
    folio = tmp_path / "folio"
    folio.mkdir()
    for cut in (len(raw) // 2, len(raw) - 10, 30):
        path = folio / f"cut-{cut}.zip"
        path.write_bytes(raw[:cut])
        alone = run_cli("scan", str(path))
        assert alone.exit_code == 2 and "Traceback" not in alone.output and len(alone.output.strip().splitlines()) == 1
    (folio / "ok.zip").write_bytes(raw)
    result = run_cli("scan", str(folio), "--format", "json")
    report = json.loads(result.stdout)
    assert len(report["packages"]) == 4
    broken = [p for p in report["packages"] if p["origin"].rsplit("/", 1)[-1].startswith("cut-")]
    assert all(any(f["rule"] == "PKG005" for f in p["findings"]) for p in broken)


def test_symlink_loops_in_a_folder_terminate(tmp_path):
    root = tmp_path / "folio"
    pkg = root / "pkg"
    pkg.mkdir(parents=True)
    for name, raw in base_files("minimal").items():
        (pkg / name).write_bytes(raw)
    os.symlink(root, pkg / "loop")
    os.symlink(root, root / "again")
    (root / "a").mkdir()
    os.symlink(root / "a", root / "a" / "self")
    os.symlink(pkg / SWAGGER, pkg / "other.swagger.json")
    result, seconds = timed(lambda: run_cli("scan", str(root), "--format", "json"))
    assert result.exit_code in (0, 1) and seconds < 10, (result.output, seconds)
    report = json.loads(result.stdout)
    assert len(report["packages"]) == 1
    assert any(f["rule"] == "PKG004" for f in report["packages"][0]["findings"])  # the linked file


@pytest.mark.parametrize("name", ["Contoso Widgets (v2)", "Ĉontoso Ŵidgets ü 日本"])
def test_names_with_spaces_and_non_ascii(tmp_path, name):
    pkg = tmp_path / name
    pkg.mkdir()
    for file, raw in base_files("minimal").items():
        (pkg / file).write_bytes(raw)
    (pkg / "réadme notes.md").write_text("ü")
    zpath = tmp_path / f"{name}.zip"
    with zipfile.ZipFile(zpath, "w") as zf:
        for file, raw in base_files("minimal").items():
            zf.writestr(f"{name}/{file}", raw)
    for target in (pkg, zpath):
        result = run_cli("scan", str(target), "--format", "json")
        assert result.exit_code == 0, result.output
        report = json.loads(result.stdout)
        assert report["packages"][0]["origin"] == str(target)
    out = tmp_path / f"{name} report.md"
    assert run_cli("diff", str(pkg), str(zpath), "--format", "markdown", "--output", str(out)).exit_code == 0
    assert out.read_text(encoding="utf-8").strip()


def test_diff_of_many_operations_sharing_one_large_schema_is_linear():
    doc = minimal_doc()
    doc["definitions"]["Big"] = {"type": "object", "properties": {f"p{j}": {"type": "string"} for j in range(300)}}
    for i in range(500):
        doc["paths"][f"/items{i}"] = {"get": {"operationId": f"GetItem{i}", "responses": {"200": {"description": "OK", "schema": {"$ref": "#/definitions/Big"}}}}}
    changed = json.loads(json.dumps(doc))
    del changed["paths"]["/items5"]
    old = package_from_files("p", files_with(doc), kind="folder")
    new = package_from_files("q", files_with(changed), kind="folder")
    _, seconds = timed(diff_packages, old, new)  # a 75 KB swagger: the budget for a diff is 0.1 s
    assert seconds < 1.0, seconds


def test_an_mcp_script_whose_helpers_fan_out_stays_linear():
    """Each helper calls the next twice: evaluated naively, 2**18 tool objects; the step budget stops it."""
    depth = 18
    lines = ["public class Script : ScriptBase {", 'string m = "tools/list";', 'JArray L() => new JArray { T0("a") };']
    for i in range(depth):
        lines.append(f'JObject T{i}(string x) => new JObject {{ ["name"] = x, ["inputSchema"] = new JObject {{ ["a"] = T{i + 1}(x), ["b"] = T{i + 1}(x + "1") }} }};')
    lines.append(f'JObject T{depth}(string x) => new JObject {{ ["name"] = x, ["inputSchema"] = new JObject() }};')
    files = {**base_files("mcp-script"), "script.csx": ("\n".join(lines) + "\n}\n").encode()}
    from vetter.agent import agent_profile

    profile, seconds = timed(agent_profile, package_from_files("p", files, kind="folder"))
    assert profile.tools is not None and profile.tools.complete is False
    assert seconds < 10, seconds


def test_poisoning_patterns_stay_linear_on_long_descriptions():
    from vetter.agent import texts

    hostile = ["<!--" * 50_000, "ignore " * 40_000, ("send the " * 30_000) + "to http", "when x " * 30_000]
    for text in hostile:
        _, seconds = timed(lambda t: [texts.instruction_hits(t), texts.tag_hits(t), texts.sensitive_hits(t), texts.url_hits(t),
                                      texts.shadowing_hits(t, "a", frozenset({"abc"}))], text)
        assert seconds < 15, (text[:20], seconds)


def test_ten_thousand_objects_under_unique_items_or_an_enum_are_linear():
    """jsonschema's ``uniqueItems`` compares every pair of an array of objects, and its ``enum``
    every allowed value with each checked value: 4,000 objects cost about 30 s each way before
    ``vetter.base.boundedschema``. Examples under SWG013 (its step bound lets 3,000 values through
    an ``enum``), and an ``enum`` of objects that the Swagger 2.0 schema check walks (the document
    has an error, so the full check runs)."""
    objects = [{"id": i, "tags": [i, str(i)]} for i in range(N)]
    doc = minimal_doc()
    doc["paths"]["/widgets"]["get"]["responses"]["200"] = {
        "description": "The widgets.",
        "schema": {"type": "array", "uniqueItems": True},
        "examples": {"application/json": [*objects, {"id": 0, "tags": [0, "0"]}]},
    }
    doc["paths"]["/widgets/{widgetId}"]["get"]["responses"]["200"] = {
        "description": "One widget's history.",
        "schema": {"type": "array", "items": {"enum": objects}},
        "examples": {"application/json": [*objects[-2999:], {"id": -1}]},
    }
    doc["definitions"]["Widget"]["properties"]["kind"] = {"type": "object", "enum": objects}
    doc["definitions"]["Widget"]["properties"]["id"]["type"] = "strin"  # an error: the full schema walk runs
    result, seconds = timed(scan_files, files_with(doc))
    no_crash(result)
    duplicate, outside = sorted(f.message for f in result.findings if f.rule == "SWG013")
    assert duplicate.endswith("has non-unique elements.") and "oas2-valid-media-example" in duplicate
    assert outside.startswith("oas2-valid-media-example: the application/json example of this response does not fit its schema: {'id': -1} is not one of [")
    assert [f.pointer for f in result.findings if f.rule == "SWG001"] == ["/definitions/Widget/properties/id/type"]
    assert seconds < 20, seconds


def test_a_schema_whose_references_multiply_is_checked_up_to_a_bound():
    """Forty definitions, each an ``allOf`` of the next one twice: a 3 KB document asks jsonschema
    for 2^40 checks of one example (16 s and 430 MB before the bound, then the package budget cut
    the scan short). SWG013 stops at its step bound and says the example was not checked."""
    doc = minimal_doc()
    for i in range(40):
        doc["definitions"][f"D{i}"] = {"allOf": [{"$ref": f"#/definitions/D{i + 1}"}, {"$ref": f"#/definitions/D{i + 1}"}]}
    doc["definitions"]["D40"] = {"type": "string"}
    doc["paths"]["/widgets"]["get"]["responses"]["200"] = {"description": "The widgets.", "schema": {"$ref": "#/definitions/D0"}, "examples": {"application/json": 7}}
    result, seconds = timed(scan_files, files_with(doc))
    no_crash(result)
    [note] = [f for f in result.findings if f.rule == "SWG013"]
    assert note.severity.value == "info" and note.pointer == "/paths/~1widgets/get/responses/200/examples/application~1json"
    assert note.message.startswith("This application/json example was not checked against its schema: the check stopped at SWG013's bound")
    assert seconds < 10, seconds


def test_excerpts_of_many_findings_on_one_long_line_with_a_secret_are_linear(tmp_path):
    """A swagger written on one line (as ``json.dumps`` writes it) puts every finding's excerpt on the
    same 1 MB line. Each excerpt line is redacted before it is cut to length; it was redacted again
    for every finding, so 8,000 findings cost 8,000 passes over the line: 16.7 CPU s (a fuzz case
    of 2.7 MB: 40 s). Each line is redacted once per package now: 1.3 s."""
    doc = minimal_doc()
    doc["info"]["description"] = "token ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8 " + "x" * 1_000_000
    for i in range(8_000):
        doc["paths"][f"/fz{i}"] = {"get": {"operationId": f"Op{i}", "responses": {"200": {"description": "ok"}}}}
    files = files_with(doc)
    assert files[SWAGGER].count(b"\n") == 0
    for name, raw in files.items():
        (tmp_path / name).write_bytes(raw)
    (source,) = find_packages([tmp_path])
    result, seconds = timed(check_source, source, CATALOG, SETTINGS, None)
    no_crash(result)
    assert len(result.findings) > 8_000 and any(f.rule == "CRD001" for f in result.findings)
    assert seconds < 8, seconds
