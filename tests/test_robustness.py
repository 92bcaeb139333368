"""Wrong types anywhere in a package must give findings, never a crashed rule."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from vetter.cli import main
from vetter.engine.cases import base_files
from vetter.engine.catalog import discover
from vetter.engine.runner import run_rules
from vetter.engine.settings import Settings
from vetter.model.jsonfile import MAX_REPAIRS, JsonFile
from vetter.model.package import package_from_files
from vetter.render.safetext import safe_text

CATALOG = discover(entry_points=False)
SETTINGS = Settings().bind(CATALOG)
ODD_VALUES: list[object] = [None, 7, "x", [], {}, [{}], {"$ref": 3}, {"$ref": "#/nowhere"}]


def pointers(node, where=""):
    yield where
    if isinstance(node, dict):
        for key, value in node.items():
            yield from pointers(value, f"{where}/{key.replace('~', '~0').replace('/', '~1')}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from pointers(value, f"{where}/{i}")


def replaced(doc, pointer, value):
    import jsonpatch

    return jsonpatch.apply_patch(doc, [{"op": "replace", "path": pointer, "value": value}]) if pointer else value


@pytest.mark.parametrize("name", ["apiDefinition.swagger.json", "apiProperties.json"])
def test_every_node_replaced_by_an_odd_value(name):
    files = base_files("minimal")
    doc = json.loads(files[name])
    crashes = []
    for pointer in pointers(doc):
        for value in ODD_VALUES:
            changed = dict(files)
            changed[name] = json.dumps(replaced(doc, pointer, value)).encode()
            result = run_rules(package_from_files("p", changed, kind="folder"), CATALOG, SETTINGS)
            crashes += [(pointer, value, f.message) for f in result.findings if f.rule == "VET001"]
    assert not crashes, crashes[:5]


@pytest.mark.parametrize("name", ["apiDefinition.swagger.json", "apiProperties.json"])
def test_diff_survives_odd_values_anywhere(name):
    from vetter.compare import DiffError, diff_packages

    files = base_files("minimal")
    doc = json.loads(files[name])
    old = package_from_files("old", files, kind="folder")
    for pointer in pointers(doc):
        for value in ODD_VALUES:
            changed = dict(files)
            changed[name] = json.dumps(replaced(doc, pointer, value)).encode()
            new = package_from_files("new", changed, kind="folder")
            for a, b in ((old, new), (new, old)):
                try:
                    result = diff_packages(a, b)
                except DiffError:
                    assert pointer == "" and name.startswith("apiDefinition")  # a root that is not an object
                    continue
                assert all((c.new or c.old) is not None for c in result.changes)


# -- issue 7: hostile input never crashes, hangs or loses data ---------------------------------

SWAGGER = "apiDefinition.swagger.json"


def write_package(root: Path, files: dict[str, bytes]) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for name, raw in files.items():
        (root / name).write_bytes(raw)
    return root


def cli(*args: str):
    return CliRunner().invoke(main, list(args))


def test_safe_text_escapes_lone_surrogates_only():
    assert safe_text("plain ü 😀") == "plain ü 😀"
    assert safe_text("a\ud800b\udfff") == "a\\ud800b\\udfff"
    escaped = safe_text("k\udc00")
    assert json.loads('"' + escaped + '"') == "k\udc00"  # a JSON escape back to the same key


def test_lone_surrogates_in_keys_messages_and_pointers_in_every_format(tmp_path):
    doc = json.loads(base_files("minimal")[SWAGGER])
    doc["definitions"]["Bad\udc00Name"] = {"type": "object"}
    doc["paths"]["/widgets"]["get"]["responses"]["200"]["schema"] = {"$ref": "#/definitions/Missing\ud800"}
    pkg = write_package(tmp_path / "pkg", {**base_files("minimal"), SWAGGER: json.dumps(doc, indent=2).encode()})
    for fmt in ("text", "json", "markdown"):
        out = tmp_path / f"report.{fmt}"
        result = cli("scan", str(pkg), "--format", fmt, "--output", str(out))
        assert result.exit_code == 1, result.output
        text = out.read_text(encoding="utf-8")
        assert "\\ud800" in text and "JSN008" in text
        shown = cli("scan", str(pkg), "--format", fmt)
        assert shown.exit_code == 1 and "\\ud800" in shown.output
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    (finding,) = [f for p in report["packages"] for f in p["findings"] if f["rule"] == "SWG003"]
    assert "Missing\ud800" in finding["message"]  # the JSON report decodes back to the exact text
    assert finding["pointer"] == "/paths/~1widgets/get/responses/200/schema/$ref"
    surrogate_lines = sorted(f["line"] for p in report["packages"] for f in p["findings"] if f["rule"] == "JSN008")
    assert len(surrogate_lines) == 2
    plain = write_package(tmp_path / "plain", base_files("minimal"))
    for fmt in ("text", "json", "markdown"):
        diff = cli("diff", str(plain), str(pkg), "--format", fmt)
        assert diff.exit_code in (0, 1) and "Traceback" not in diff.output and "internal error" not in diff.output, diff.output


def test_an_over_long_integer_is_a_finding_and_the_portfolio_goes_on(tmp_path):
    big = base_files("minimal")[SWAGGER].replace(b'"swagger": "2.0",', b'"swagger": "2.0", "x-n": ' + b"9" * 5000 + b",", 1)
    write_package(tmp_path / "folio" / "a-big", {**base_files("minimal"), SWAGGER: big})
    write_package(tmp_path / "folio" / "b-fine", base_files("minimal"))
    result = cli("scan", str(tmp_path / "folio"), "--format", "json")
    assert result.exit_code == 0, result.output  # JSN009 is a warning
    report = json.loads(result.stdout)
    found = {p["name"]: {f["rule"] for f in p["findings"]} for p in report["packages"]}
    assert found == {"a-big": {"JSN009"}, "b-fine": set()}


def test_one_package_failure_is_its_vet002_finding_and_the_scan_goes_on(tmp_path, monkeypatch):
    import vetter.commands.scan

    write_package(tmp_path / "folio" / "a-bad", base_files("minimal"))
    write_package(tmp_path / "folio" / "b-good", base_files("minimal"))
    real = vetter.commands.scan.run_rules

    def flaky(package, *args, **kw):
        if package.name == "a-bad":
            raise ValueError("boom while checking")
        return real(package, *args, **kw)

    monkeypatch.setattr(vetter.commands.scan, "run_rules", flaky)
    result = cli("scan", str(tmp_path / "folio"), "--format", "json")
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    by_name = {p["name"]: p for p in report["packages"]}
    (vet,) = by_name["a-bad"]["findings"]
    assert vet["rule"] == "VET002" and "ValueError: boom while checking" in vet["message"] and vet["hint"]
    assert by_name["b-good"]["findings"] == [] and by_name["b-good"]["summary"]["rules_run"] > 0
    explained = cli("explain", "VET002")
    assert explained.exit_code == 0 and "package" in explained.output


def test_output_that_is_a_hard_link_to_an_input_is_refused(tmp_path):
    pkg = write_package(tmp_path / "pkg", base_files("minimal"))
    before = (pkg / SWAGGER).read_bytes()
    link = tmp_path / "report.json"
    os.link(pkg / SWAGGER, link)
    sym = tmp_path / "sym.json"
    sym.symlink_to(pkg / "apiProperties.json")
    for args in (("scan", str(pkg)), ("scan", str(tmp_path / "pkg")), ("diff", str(pkg), str(pkg))):
        for out in (link, sym):
            result = cli(*args, "--format", "json", "--output", str(out))
            assert result.exit_code == 2 and "refusing" in result.output, (args, out, result.output)
    zpath = tmp_path / "pkg.zip"
    import zipfile

    with zipfile.ZipFile(zpath, "w") as zf:
        for name, raw in base_files("minimal").items():
            zf.writestr(name, raw)
    zlink = tmp_path / "zip-report.md"
    os.link(zpath, zlink)
    assert cli("scan", str(zpath), "--output", str(zlink)).exit_code == 2
    assert (pkg / SWAGGER).read_bytes() == before and zipfile.is_zipfile(zpath)
    fresh = tmp_path / "fresh.json"
    assert cli("scan", str(pkg), "--format", "json", "--output", str(fresh)).exit_code == 0 and fresh.read_text()


def test_empty_path_is_refused():
    for args in (("scan", ""), ("scan", "  "), ("diff", "", str(Path("fixtures/packages/minimal")))):
        result = cli(*args)
        assert result.exit_code == 2 and "empty path" in result.output, (args, result.output)


def test_utf32_with_a_bom_is_utf32_not_utf16():
    for encoding in ("utf-32", "utf-32-be"):
        raw = ("\ufeff" if encoding.endswith("be") else "") + '{"a": [1, 2]}'
        f = JsonFile("a.json", raw.encode(encoding))
        assert f.parsed and f.data == {"a": [1, 2]}, encoding
        assert [(p.kind, "UTF-32" in p.message) for p in f.problems] == [("encoding", True)]


def test_more_defects_than_the_repair_limit_still_report_the_syntax_error():
    raw = b'{"swagger": "2.0", "x": [' + b"[1,]," * (MAX_REPAIRS + 20) + b"1]}"
    files = {**base_files("minimal"), SWAGGER: raw}
    result = run_rules(package_from_files("p", files, kind="folder"), CATALOG, SETTINGS)
    syntax = [f for f in result.findings if f.rule == "JSN001"]
    assert len(syntax) == 1 and "too many defects" in syntax[0].message and syntax[0].line == 1
    assert "could not be parsed" in result.rules_skipped["SWG002"]


def test_ref_to_the_whole_document_is_reported():
    doc = json.loads(base_files("minimal")[SWAGGER])
    doc["paths"]["/widgets"]["get"]["responses"]["200"]["schema"] = {"$ref": "#"}
    files = {**base_files("minimal"), SWAGGER: json.dumps(doc).encode()}
    result = run_rules(package_from_files("p", files, kind="folder"), CATALOG, SETTINGS)
    (finding,) = [f for f in result.findings if f.rule == "SWG003"]
    assert finding.pointer == "/paths/~1widgets/get/responses/200/schema/$ref" and "whole document" in finding.message


def test_locating_many_findings_in_a_file_with_a_long_integer_is_linear():
    import time

    body = ", ".join(f'"k{i}": {{"v": [{i}]}}' for i in range(3000))
    f = JsonFile("a.json", ('{"big": ' + "7" * 5000 + ", " + body + "}").encode())
    assert f.parsed and [p.kind for p in f.problems] == ["number-too-long"]
    start = time.perf_counter()
    spots = [f.locate(f"/k{i}/v/0") for i in range(3000)]
    assert time.perf_counter() - start < 3  # was one full re-parse per locate
    assert spots[0][0] == 1 and len(set(spots)) == 3000


def test_emit_to_a_terminal_that_is_not_utf8_escapes_instead_of_crashing(monkeypatch):
    import io
    import sys

    from vetter.cli import emit

    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="ascii")
    monkeypatch.setattr(sys, "stdout", stream)
    emit("caf\u00e9 \ud800 ok\n", None)
    stream.flush()
    written = raw.getvalue()
    assert written.endswith(b" \\ud800 ok\n") and written.startswith(b"caf")  # click writes UTF-8 bytes or escapes
