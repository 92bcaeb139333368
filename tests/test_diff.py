"""`vetter diff`: classification cases, noise-free refactors, outputs, acknowledgements, git."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from tests.conftest import ROOT
from tests.lines import check_line
from vetter.cli import main
from vetter.compare import diff_packages
from vetter.engine.cases import _patched, base_files
from vetter.model.package import package_from_files

CASES = yaml.safe_load((ROOT / "fixtures" / "diff" / "cases.yaml").read_text())["cases"]
DIFF_SCHEMA = json.loads((ROOT / "vetter" / "schemas" / "diff-report-v1.schema.json").read_text())
MINIMAL = ROOT / "fixtures" / "packages" / "minimal"


def side(patch: dict | None, name: str):
    return package_from_files(name, _patched("minimal", patch or {}, {}), kind="folder")


def side_text(patch: dict | None) -> dict[str, str]:
    return {k: v.decode("utf-8-sig") for k, v in _patched("minimal", patch or {}, {}).items() if k.endswith(".json")}


@pytest.mark.parametrize("case", CASES, ids=[c["name"].replace(" ", "-") for c in CASES])
def test_classification(case):
    result = diff_packages(side(case.get("old"), "old"), side(case.get("new"), "new"))
    got = sorted(f"{c.key} {c.severity}" for c in result.changes)
    assert got == sorted(case["expect"]), "\n".join(c.message for c in result.changes)
    texts = {"old": side_text(case.get("old")), "new": side_text(case.get("new"))}
    for c in result.changes:
        assert c.hint and c.message
        for name, where in (("old", c.old), ("new", c.new)):
            if where is not None:  # the line holds the key the pointer names (an independent walk)
                text = texts[name][where.file]
                check_line(text, json.loads(text), where.pointer, where.line)


def test_reformatting_and_key_order_change_nothing():
    files = base_files("minimal")
    doc = json.loads(files["apiDefinition.swagger.json"])
    reformatted = dict(files, **{"apiDefinition.swagger.json": json.dumps(doc, sort_keys=True, separators=(",", ":")).encode()})
    result = diff_packages(package_from_files("a", files), package_from_files("b", reformatted))
    assert result.changes == []


def write(folder: Path, files: dict[str, bytes]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, raw in files.items():
        (folder / name).write_bytes(raw)
    return folder


def changed_package(tmp_path: Path) -> Path:
    doc = json.loads(base_files("minimal")["apiDefinition.swagger.json"])
    del doc["paths"]["/widgets/{widgetId}"]
    doc["definitions"]["Widget"]["properties"]["color"] = {"type": "string"}
    return write(tmp_path / "new", dict(base_files("minimal"), **{"apiDefinition.swagger.json": json.dumps(doc, indent=2).encode()}))


def test_cli_exit_codes_formats_and_schema(tmp_path):
    new = changed_package(tmp_path)
    runner = CliRunner()
    text = runner.invoke(main, ["diff", str(MINIMAL), str(new)])
    assert text.exit_code == 1 and "operation-removed:GetWidget" in text.output
    assert runner.invoke(main, ["diff", str(MINIMAL), str(MINIMAL)]).exit_code == 0
    assert runner.invoke(main, ["diff", str(MINIMAL), str(new), "--fail-on", "never"]).exit_code == 0
    first = runner.invoke(main, ["diff", str(MINIMAL), str(new), "--format", "json"]).output
    second = runner.invoke(main, ["diff", str(MINIMAL), str(new), "--format", "json"]).output
    assert first == second
    report = json.loads(first)
    jsonschema.validate(report, DIFF_SCHEMA)
    assert report["summary"]["changes"] == {"breaking": 1, "potentially-breaking": 0, "non-breaking": 1}
    removed = next(c for c in report["changes"] if c["class"] == "operation-removed")
    assert removed["microsoft_class"] == "B1" and removed["old"]["line"] > 1 and removed["old"]["file"] == "apiDefinition.swagger.json"
    md = runner.invoke(main, ["diff", str(MINIMAL), str(new), "--format", "markdown"]).output
    assert md.startswith("## Connector changes") and "### Breaking" in md and "How to avoid the break" in md


def test_acknowledgements(tmp_path):
    new = changed_package(tmp_path)
    acks = tmp_path / "acks.toml"
    acks.write_text('[[ack]]\nkey = "operation-removed:GetWidget"\nreason = "Replaced by ListWidgets?id="\n\n[[ack]]\nkey = "host-changed"\nreason = "stale"\n')
    runner = CliRunner()
    result = runner.invoke(main, ["diff", str(MINIMAL), str(new), "--ack", str(acks), "--format", "json"])
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    jsonschema.validate(report, DIFF_SCHEMA)
    removed = next(c for c in report["changes"] if c["class"] == "operation-removed")
    assert removed["acknowledged"] is True and removed["reason"] == "Replaced by ListWidgets?id="
    assert report["unused_acknowledgements"] == [{"key": "host-changed", "reason": "stale"}]
    acks.write_text('[[ack]]\nkey = "operation-removed:GetWidget"\nreason = ""\n')
    bad = runner.invoke(main, ["diff", str(MINIMAL), str(new), "--ack", str(acks)])
    assert bad.exit_code == 2 and "empty reason" in bad.output


def test_bad_sides_are_one_line_errors(tmp_path):
    broken = write(tmp_path / "broken", dict(base_files("minimal"), **{"apiDefinition.swagger.json": b'{"swagger": "2.0",\n "info": }'}))
    runner = CliRunner()
    for args in (["diff", str(MINIMAL), str(broken)], ["diff", str(MINIMAL), str(tmp_path / "none")], ["diff", "git:", str(MINIMAL)]):
        result = runner.invoke(main, args)
        assert result.exit_code == 2 and "Traceback" not in result.output, result.output
        assert len(result.output.strip().splitlines()) == 1
    result = runner.invoke(main, ["diff", str(MINIMAL), str(broken)])
    assert "line 2" in result.output


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", *args], cwd=repo, check=True, capture_output=True)


def test_git_sides_and_scan_against(tmp_path, monkeypatch):
    repo = tmp_path / "repo"
    pkg = write(repo / "connectors" / "Widgets", base_files("minimal"))
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "v1")
    doc = json.loads((pkg / "apiDefinition.swagger.json").read_text())
    doc["paths"]["/widgets"]["get"]["operationId"] = "ListAllWidgets"
    (pkg / "apiDefinition.swagger.json").write_text(json.dumps(doc, indent=2))
    monkeypatch.chdir(repo)
    runner = CliRunner()
    result = runner.invoke(main, ["diff", "git:main:connectors/Widgets", "connectors/Widgets", "--format", "json"])
    assert result.exit_code == 1, result.output
    assert [c["key"] for c in json.loads(result.stdout)["changes"]] == ["operation-renamed:ListWidgets"]
    single = runner.invoke(main, ["diff", "git:main:connectors/Widgets/apiDefinition.swagger.json", "connectors/Widgets/apiDefinition.swagger.json"])
    assert single.exit_code == 1 and "operation-renamed" in single.output
    scan = runner.invoke(main, ["scan", "connectors/Widgets", "--against", "main", "--format", "json"])
    assert scan.exit_code == 1
    findings = json.loads(scan.stdout)["packages"][0]["findings"]
    assert [(f["rule"], f["severity"]) for f in findings] == [("CHG001", "error")]
    acks = tmp_path / "acks.toml"
    acks.write_text('[[ack]]\nkey = "operation-renamed:ListWidgets"\nreason = "Renamed before any tenant used it."\n')
    scan = runner.invoke(main, ["scan", "connectors/Widgets", "--against", "main", "--ack", str(acks), "--format", "json"])
    assert scan.exit_code == 0
    assert [f["severity"] for f in json.loads(scan.stdout)["packages"][0]["findings"]] == ["info"]
    missing = runner.invoke(main, ["diff", "git:nope:connectors/Widgets", "connectors/Widgets"])
    assert missing.exit_code == 2 and "Traceback" not in missing.output
    write(repo / "connectors" / "Brand new", base_files("minimal"))
    fresh = runner.invoke(main, ["scan", "connectors/Brand new", "--against", "main"])
    assert fresh.exit_code == 0, fresh.output
    assert runner.invoke(main, ["scan", "connectors/Widgets", "--ack", str(acks)]).exit_code == 2


def test_every_change_takes_its_severity_from_the_class_table():
    """Severity is data in vetter/compare/classes.py: a change is its class's severity, or the
    internal-operation rule's when it sits in an internal operation nothing depends on."""
    from vetter.compare.classes import CLASSES, INTERNAL_OPERATION

    seen = set()
    for case in CASES:
        for c in diff_packages(side(case.get("old"), "old"), side(case.get("new"), "new")).changes:
            seen.add(c.cls)
            default = CLASSES[c.cls].severity
            assert c.severity == default or (c.severity, default) == (INTERNAL_OPERATION.severity, INTERNAL_OPERATION.applies_to), c.key
            assert c.reason and c.reason in (CLASSES[c.cls].reason, INTERNAL_OPERATION.reason)
    untested = set(CLASSES) - seen
    assert not untested, f"classes without a case in fixtures/diff/cases.yaml: {sorted(untested)}"


def test_docs_list_every_class_as_the_table_says():
    from vetter.compare.classes import class_table

    text = (ROOT / "docs" / "diff.md").read_text()
    start = text.index("<!-- classes: generated")
    block = text[text.index("\n", start) + 1 : text.index("<!-- classes: end -->")]
    assert block == class_table(), "docs/diff.md's class list is stale: paste class_table() between the markers"


def test_explain_chg001_lists_every_class_with_severity_and_reason():
    from vetter.compare.classes import CLASSES

    result = CliRunner().invoke(main, ["explain", "CHG001"])
    assert result.exit_code == 0, result.output
    for c in CLASSES.values():
        assert f"| {c.name} | {c.severity} |" in result.output and c.reason.replace("|", "/") in result.output, c.name


def test_json_names_renames_and_dependants(tmp_path):
    doc = json.loads(base_files("minimal")["apiDefinition.swagger.json"])
    doc["paths"]["/widgets"]["get"]["x-ms-visibility"] = "internal"
    doc["paths"]["/widgets/{widgetId}"]["get"]["parameters"][0]["x-ms-dynamic-values"] = {"operationId": "ListWidgets", "value-path": "id"}
    old = write(tmp_path / "old", dict(base_files("minimal"), **{"apiDefinition.swagger.json": json.dumps(doc).encode()}))
    doc["parameters"]["top"]["name"] = "top"
    new = write(tmp_path / "new", dict(base_files("minimal"), **{"apiDefinition.swagger.json": json.dumps(doc).encode()}))
    result = CliRunner().invoke(main, ["diff", str(old), str(new), "--format", "json"])
    assert result.exit_code == 1, result.output
    report = json.loads(result.output)
    jsonschema.validate(report, DIFF_SCHEMA)
    (change,) = report["changes"]
    assert change["key"] == "input-renamed:ListWidgets:$top" and change["severity"] == "breaking"
    assert change["renamed"] == {"from": "$top", "to": "top"}
    assert change["used_by"] == [{"operation": "GetWidget", "via": "x-ms-dynamic-values", "field": "widgetId"}]
    assert "GetWidget" in change["message"] and change["severity_reason"]
    text = CliRunner().invoke(main, ["diff", str(old), str(new)]).output
    assert "why: " in text and "renamed to 'top'" in text


RICH: list[dict[str, Any]] = [  # every construct issue 13 reads: path-level and shared parameters, allOf, recursion, dynamic sources, a webhook
    {"op": "add", "path": "/paths/~1widgets/parameters", "value": [{"$ref": "#/parameters/top"}, {"name": "ids", "in": "query", "type": "array", "items": {"type": "string"}, "collectionFormat": "pipes", "default": ["a"]}]},
    {"op": "add", "path": "/paths/~1widgets/get/x-ms-visibility", "value": "internal"},
    {"op": "add", "path": "/paths/~1widgets/get/x-ms-notification", "value": {"operationId": "GetWidget"}},
    {"op": "add", "path": "/paths/~1widgets~1{widgetId}/get/parameters/0/x-ms-dynamic-values", "value": {"operationId": "ListWidgets", "value-path": "id"}},
    {"op": "add", "path": "/paths/~1widgets~1{widgetId}/get/parameters/0/x-ms-dynamic-tree", "value": {"open": {"operationId": "ListWidgets"}, "browse": {"operationId": "ListWidgets"}}},
    {"op": "add", "path": "/definitions/Widget/properties/parent", "value": {"$ref": "#/definitions/Widget"}},
    {"op": "add", "path": "/definitions/Widget/allOf", "value": [{"$ref": "#/definitions/WidgetList"}, {"properties": {"extra": {"type": "string", "default": "x"}}, "items": {"type": "string"}}]},
    {"op": "add", "path": "/paths/~1hooks", "value": {"post": {"operationId": "OnEvent", "x-ms-trigger": "single", "parameters": [{"name": "body", "in": "body", "schema": {"type": "object", "properties": {"url": {"type": "string", "x-ms-notification-url": True}}}}], "responses": {"201": {"description": "c"}}}, "x-ms-notification-content": {"schema": {"type": "object", "properties": {"id": {"type": "string"}}}}}},
    {"op": "add", "path": "/paths/~1hooks~1{id}", "value": {"delete": {"operationId": "DeleteHook", "x-ms-visibility": "internal", "parameters": [{"name": "id", "in": "path", "required": True, "type": "string"}], "responses": {"200": {"description": "ok"}}}}},
]


def test_diff_of_every_construct_survives_odd_values_anywhere():
    """Each node of a document using every construct the diff reads, replaced by an odd value,
    diffed both ways: no crash, every change located, byte-identical twice."""
    from tests.test_robustness import ODD_VALUES, pointers, replaced
    from vetter.render.diff import render_json

    files = _patched("minimal", {"apiDefinition.swagger.json": RICH}, {})
    doc = json.loads(files["apiDefinition.swagger.json"])
    base = package_from_files("rich", files, kind="folder")
    assert diff_packages(base, package_from_files("rich2", files, kind="folder")).changes == []
    odd = [None, "x"] + [v for v in ODD_VALUES if v == {"$ref": 3}]
    for i, pointer in enumerate(list(pointers(doc))[1:]):
        for value in odd if i % 2 == 0 else odd[:2]:
            changed = dict(files, **{"apiDefinition.swagger.json": json.dumps(replaced(doc, pointer, value)).encode()})
            new = package_from_files("new", changed, kind="folder")
            for a, b in ((base, new), (new, base)):
                result = diff_packages(a, b)
                assert all((c.new or c.old) is not None and c.message for c in result.changes), pointer
            if i % 7 == 0:
                assert render_json(result) == render_json(diff_packages(new, base)), pointer


def test_a_change_to_a_shared_model_is_reported_for_each_operation_that_returns_or_takes_it():
    # Operations typed by one model share its flattened fields and its comparison (computed once):
    # each of them must still get its own change, with its own name and the new side at its own pointer.
    doc = json.loads(base_files("minimal")["apiDefinition.swagger.json"])
    doc["definitions"]["Shared"] = {"type": "object", "properties": {"id": {"type": "string"}, "gone": {"type": "string"}}}
    for i in range(3):
        doc["paths"][f"/shared{i}"] = {"post": {
            "operationId": f"Shared{i}",
            "parameters": [{"name": "body", "in": "body", "schema": {"$ref": "#/definitions/Shared"}}],
            "responses": {"200": {"description": "OK", "schema": {"$ref": "#/definitions/Shared"}}},
        }}
    old = package_from_files("old", dict(base_files("minimal"), **{"apiDefinition.swagger.json": json.dumps(doc).encode()}))
    del doc["definitions"]["Shared"]["properties"]["gone"]
    new = package_from_files("new", dict(base_files("minimal"), **{"apiDefinition.swagger.json": json.dumps(doc).encode()}))
    result = diff_packages(old, new)
    got = sorted((c.key, c.old.pointer if c.old else None, c.new.pointer if c.new else None) for c in result.changes)
    assert got == sorted(
        [(f"input-removed:Shared{i}:body.gone", "/definitions/Shared/properties/gone", f"/paths/~1shared{i}/post") for i in range(3)]
        + [(f"output-removed:Shared{i}:response.gone", "/definitions/Shared/properties/gone", f"/paths/~1shared{i}/post") for i in range(3)]
    )
    assert all(f"'Shared{c.key.split(':')[1][-1]}'" in c.message for c in result.changes)


def test_docs_list_every_tool_class_as_the_table_says():
    from vetter.compare.toolclasses import tool_class_table

    text = (ROOT / "docs" / "diff.md").read_text()
    start = text.index("<!-- tool classes: generated")
    block = text[text.index("\n", start) + 1 : text.index("<!-- tool classes: end -->")]
    assert block == tool_class_table(), "docs/diff.md's tool class list is stale: paste tool_class_table() between the markers"


def test_a_default_added_or_removed_says_what_flows_that_never_set_the_input_send():
    def default_of(value: Any) -> dict:
        body = {"type": "object", "properties": {"kind": {"type": "string"} if value is None else {"type": "string", "default": value}}}
        return {"apiDefinition.swagger.json": [{"op": "add", "path": "/paths/~1widgets/post", "value": {
            "operationId": "CreateWidget", "parameters": [{"name": "body", "in": "body", "schema": body}], "responses": {"201": {"description": "ok"}}}}]}

    def message(old: Any, new: Any) -> str:
        (change,) = diff_packages(side(default_of(old), "old"), side(default_of(new), "new")).changes
        return change.message

    start = "Operation 'CreateWidget': input 'body.kind' changed its default from "
    assert message("a", "b") == start + "'a' to 'b'; flows that do not set it now send another value."
    assert message(None, "b") == start + "none to 'b'; flows that do not set it now send it."
    assert message("a", None) == start + "'a' to none; flows that do not set it no longer send it."


def test_a_scope_inside_an_entry_separated_by_spaces_is_located_at_that_entry():
    oauth = {"type": "oauth2", "flow": "accessCode", "authorizationUrl": "https://login.contoso.com/a", "tokenUrl": "https://login.contoso.com/t"}
    old = side({"apiDefinition.swagger.json": [{"op": "replace", "path": "/securityDefinitions/api_key", "value": dict(oauth, scopes={"read": "r"})}]}, "old")
    new = side({"apiDefinition.swagger.json": [{"op": "replace", "path": "/securityDefinitions/api_key", "value": dict(oauth, scopes={"read  write\tshare": "rws"})}]}, "new")
    got = [(c.key, c.message, c.new.pointer if c.new else None) for c in diff_packages(old, new).changes]
    where = "/securityDefinitions/api_key/scopes/read  write\tshare"
    assert got == [("oauth-scope-added:share", "OAuth scope 'share' is now requested.", where),
                   ("oauth-scope-added:write", "OAuth scope 'write' is now requested.", where)]
