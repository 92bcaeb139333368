from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import jsonschema
from click.testing import CliRunner

from vetter.cli import main
from vetter.engine.cases import base_files

ROOT = Path(__file__).resolve().parents[1]
MINIMAL = ROOT / "fixtures" / "packages" / "minimal"
REPORT_SCHEMA = json.loads((ROOT / "vetter" / "schemas" / "report-v2.schema.json").read_text())


def run(*args: str, cwd: Path | None = None):
    runner = CliRunner()
    if cwd is None:
        return runner.invoke(main, list(args))
    import os

    old = os.getcwd()
    os.chdir(cwd)
    try:
        return runner.invoke(main, list(args))
    finally:
        os.chdir(old)


def broken_package(tmp_path: Path) -> Path:
    files = base_files("minimal")
    files["apiDefinition.swagger.json"] = files["apiDefinition.swagger.json"].replace(b'"version": "1.0",', b'"version": "1.0",,')
    files["apiProperties.json"] = b'\xef\xbb\xbf' + files["apiProperties.json"]
    pkg = tmp_path / "broken"
    pkg.mkdir()
    for name, raw in files.items():
        (pkg / name).write_bytes(raw)
    return pkg


def test_clean_package_exits_0():
    result = run("scan", str(MINIMAL))
    assert result.exit_code == 0, result.output
    assert "PASS" in result.output and "no findings" in result.output


def test_findings_exit_1_and_threshold(tmp_path):
    pkg = broken_package(tmp_path)
    result = run("scan", str(pkg))
    assert result.exit_code == 1
    assert "JSN001" in result.output and "apiDefinition.swagger.json:6:" in result.output
    assert run("scan", str(pkg), "--fail-on", "never").exit_code == 0
    only_warning = run("scan", str(pkg), "--select", "JSN002")
    assert only_warning.exit_code == 0 and "JSN002" in only_warning.output
    assert run("scan", str(pkg), "--select", "JSN002", "--fail-on", "warning").exit_code == 1


def test_json_report_is_valid_and_deterministic(tmp_path):
    pkg = broken_package(tmp_path)
    first = run("scan", str(pkg), str(MINIMAL), "--format", "json")
    second = run("scan", str(MINIMAL), str(pkg), "--format", "json")
    assert first.exit_code == 1
    assert first.output == second.output
    report = json.loads(first.stdout)
    jsonschema.validate(report, REPORT_SCHEMA)
    findings = [f for p in report["packages"] for f in p["findings"]]
    assert {f["rule"] for f in findings} == {"JSN001", "JSN002"}
    assert all(f["hint"] for f in findings)
    swagger = (pkg / "apiDefinition.swagger.json").read_bytes()
    comma_line = swagger[: swagger.index(b",,")].count(b"\n") + 1
    assert sorted((f["rule"], f["file"], f["line"]) for f in findings) == [
        ("JSN001", "apiDefinition.swagger.json", comma_line),
        ("JSN002", "apiProperties.json", 1),
    ]
    skipped = {s["rule"] for p in report["packages"] for s in p["rules_skipped"]}
    assert {"SWG001", "SWG002", "SWG003", "SWG004"} <= skipped


def test_fingerprints_survive_reformatting(tmp_path):
    files = base_files("minimal")
    data = json.loads(files["apiDefinition.swagger.json"])
    del data["info"]["version"]
    fingerprints = []
    for indent in (2, None):
        pkg = tmp_path / f"p{indent}"
        pkg.mkdir()
        for name, raw in files.items():
            (pkg / name).write_bytes(raw)
        (pkg / "apiDefinition.swagger.json").write_text(json.dumps(data, indent=indent))
        report = json.loads(run("scan", str(pkg), "--format", "json").stdout)
        fingerprints.append([f["fingerprint"] for f in report["packages"][0]["findings"]])
    assert fingerprints[0] == fingerprints[1] and fingerprints[0]


def test_output_file_and_refusal_to_write_into_the_package(tmp_path):
    out = tmp_path / "report.json"
    assert run("scan", str(MINIMAL), "--format", "json", "--output", str(out)).exit_code == 0
    assert json.loads(out.read_text())["summary"]["packages"] == 1
    inside = run("scan", str(MINIMAL), "--output", str(MINIMAL / "report.txt"))
    assert inside.exit_code == 2 and "refusing to write into the package" in inside.output
    into_diff_side = run("diff", str(MINIMAL), str(MINIMAL), "--output", str(MINIMAL / "changes.md"))
    assert into_diff_side.exit_code == 2 and not (MINIMAL / "changes.md").exists()
    assert not (MINIMAL / "report.txt").exists()


def test_usage_and_tool_errors_exit_2_with_one_line(tmp_path):
    for args in (
        ["scan", str(tmp_path / "missing")],
        ["scan", str(MINIMAL), "--select", "NOPE999"],
        ["scan", str(MINIMAL), "--fail-on", "sometimes"],
        ["explain", "no-such-rule"],
        ["scan", str(tmp_path)],
    ):
        result = run(*args)
        assert result.exit_code == 2, (args, result.output)
        assert "Traceback" not in result.output


def test_config_file_select_ignore_and_severity(tmp_path):
    pkg = broken_package(tmp_path)
    (tmp_path / "vetter.toml").write_text(
        textwrap.dedent(
            """
            select = ["json"]
            ignore = ["trailing-comma"]
            fail-on = "warning"
            [severity]
            byte-order-mark = "info"
            JSN001 = "warning"
            """
        )
    )
    report = json.loads(run("scan", str(pkg), "--format", "json", cwd=tmp_path).stdout)
    sev = {f["rule"]: f["severity"] for f in report["packages"][0]["findings"]}
    assert sev == {"JSN001": "warning", "JSN002": "info"}
    assert report["fail_on"] == "warning" and report["summary"]["failed"] is True
    assert run("scan", str(pkg), "--fail-on", "error", cwd=tmp_path).exit_code == 0
    (tmp_path / "vetter.toml").write_text('selct = ["ALL"]\n')
    bad = run("scan", str(pkg), cwd=tmp_path)
    assert bad.exit_code == 2 and "unknown key" in bad.output


def test_rules_dir_and_a_crashing_rule(tmp_path):
    rules = tmp_path / "myrules"
    rules.mkdir()
    (rules / "org001_always_crashes.py").write_text(
        textwrap.dedent(
            '''
            """A rule that crashes.

            ## Why
            To prove the engine goes on.

            ## How to fix
            Nothing.
            """
            from vetter import Rule, Severity

            RULE = Rule(id="ORG001", name="always-crashes", category="org", severity=Severity.INFO)

            def check(package):
                raise ValueError("boom")
                yield
            '''
        )
    )
    result = run("scan", str(MINIMAL), "--rules-dir", str(rules), "--format", "json")
    report = json.loads(result.stdout)
    [finding] = report["packages"][0]["findings"]
    assert finding["rule"] == "VET001" and "ORG001" in finding["message"] and "boom" in finding["message"]
    assert report["packages"][0]["summary"]["rules_run"] == len(report["rules"])
    listed = run("rules", "--rules-dir", str(rules), "--format", "json")
    assert "ORG001" in {r["id"] for r in json.loads(listed.stdout)}


def test_rules_and_explain():
    listing = json.loads(run("rules", "--format", "json").stdout)
    ids = [r["id"] for r in listing]
    assert ids == sorted(ids) and "SWG001" in ids
    assert {r["id"]: r["ground"] for r in listing}["SWG031"] == "blocking"
    for ref in ("SWG003", "ref-unresolvable", "SchemaReferenceNotFound"):
        text = run("explain", ref).output
        assert text.startswith("SWG003 ref-unresolvable")
        assert "default severity: error   ground: breaks" in text.splitlines()[1]
        assert "\n## Severity\nGround: breaks — " in text
        assert "## Failing example" in text and "## Passing example" in text
        assert "cannot be resolved" in text and "vetter reports nothing." in text
        assert "\n  error apiDefinition.swagger.json#/" in text  # each example finding shows its severity


def test_version_and_help():
    assert run("--version").output.strip().startswith("vetter ")
    helptext = run("--help").output
    for command in ("scan", "rules", "explain"):
        assert command in helptext


def test_console_script_runs_without_traceback():
    proc = subprocess.run(
        [sys.executable, "-m", "vetter.cli", "scan", str(MINIMAL), "--format", "json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert proc.returncode == 0 and "Traceback" not in proc.stderr


def test_markdown_report_escapes_untrusted_text(tmp_path):
    files = base_files("minimal")
    pkg = tmp_path / "md"
    pkg.mkdir()
    for name, raw in files.items():
        (pkg / name).write_bytes(raw)
    data = json.loads(files["apiDefinition.swagger.json"])
    data["paths"]["/x"] = {"get": {"responses": {"200": {"description": "d", "schema": {"$ref": "#/definitions/<script>|x"}}}}}
    (pkg / "apiDefinition.swagger.json").write_text(json.dumps(data, indent=2))
    result = run("scan", str(pkg), "--format", "markdown")
    assert result.exit_code == 1
    row = next(line for line in result.output.splitlines() if "SWG003" in line)
    assert "'#/definitions/<script>\\|x'" in row  # in a code span, the pipe escaped for the table
    assert row.count(" | ") == 4  # five cells, the pipe in the message is escaped
    assert result.output.startswith("## vetter: failed")
    from markdown_it import MarkdownIt

    html = MarkdownIt("commonmark").enable("table").render(result.output)
    assert "<script>" not in html and "'#/definitions/&lt;script&gt;|x'" in html


def test_no_network_is_touched(tmp_path, monkeypatch):
    """Schema checks resolve the Draft 4 meta-schema from bundled copies, never over HTTP."""
    import socket

    def refuse(*args, **kwargs):
        raise AssertionError("vetter tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    from vetter.model import schemacheck

    schemacheck._validator.cache_clear()
    files = base_files("minimal")
    doc = json.loads(files["apiDefinition.swagger.json"])
    doc["definitions"]["Widget"]["properties"]["id"]["type"] = "strin"  # forces the full jsonschema walk
    pkg = tmp_path / "p"
    pkg.mkdir()
    for name, raw in files.items():
        (pkg / name).write_bytes(raw)
    (pkg / "apiDefinition.swagger.json").write_text(json.dumps(doc))
    result = run("scan", str(pkg), "--format", "json")
    assert result.exit_code == 1
    assert [f["rule"] for f in json.loads(result.stdout)["packages"][0]["findings"]] == ["SWG001"]


def test_a_retired_rule_is_named_with_what_replaces_it(tmp_path):
    for args in (("explain", "SEC001"), ("scan", str(MINIMAL), "--ignore", "SEC001"), ("scan", str(MINIMAL), "--select", "auth-definitions-disagree")):
        result = run(*args)
        assert result.exit_code == 2, result.output
        assert "retired" in result.output and "XFL001, XFL002 and XFL003" in result.output, result.output
    config = tmp_path / "vetter.toml"
    config.write_text('ignore = ["SEC001"]\n')
    result = run("scan", str(MINIMAL), "--config", str(config))
    assert result.exit_code == 2 and "retired" in result.output
    assert run("explain", "SEC999").output.count("retired") == 0  # an id that never existed is only unknown


def test_an_output_that_is_no_regular_file_is_not_looked_for_among_the_inputs(tmp_path, monkeypatch):
    """Writing to /dev/null or a pipe overwrites no file: the inputs are not walked for it; a file still is."""
    import vetter.cli as cli

    walked = []
    monkeypatch.setattr(cli, "_input_files", lambda path: walked.append(path) or iter(()))
    cli.refuse_writing_into(Path("/dev/null"), [MINIMAL])
    assert walked == []
    existing = tmp_path / "report.json"
    existing.write_text("{}")
    cli.refuse_writing_into(existing, [MINIMAL])
    assert walked == [MINIMAL]


def test_the_inputs_are_resolved_as_path_resolve_resolves_them(tmp_path, monkeypatch):
    """``real_paths`` resolves each folder above the inputs once: the same strings as ``Path.resolve``,
    links anywhere in the path, relative paths, ``..``, missing and dangling entries included."""
    import vetter.cli as cli

    real = tmp_path / "real"
    (real / "pkg").mkdir(parents=True)
    (real / "file.json").write_text("{}")
    (real / "pkg-link").symlink_to(real / "pkg")
    (real / "dangling").symlink_to(real / "nowhere")
    (real / "up").symlink_to("..")
    (tmp_path / "alias").symlink_to(real)
    monkeypatch.chdir(tmp_path)
    names = ["pkg", "file.json", "pkg-link", "dangling", "up", "missing"]
    paths = [base / name for base in (real, tmp_path / "alias", Path("alias"), Path("real/../alias"), Path(".")) for name in names]
    paths += [Path("alias"), Path("alias/pkg/.."), Path("/"), tmp_path / "alias" / "up" / "alias" / "pkg-link"]
    assert cli.real_paths(paths) == [str(p.resolve()) for p in paths]
    assert cli.real_paths([tmp_path / "alias" / "pkg-link"]) == [str(real / "pkg")]
