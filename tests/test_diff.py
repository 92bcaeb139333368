"""`vetter diff`: classification cases, noise-free refactors, outputs, acknowledgements, git."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from tests.conftest import ROOT
from vetter.cases import _patched, base_files
from vetter.cli import main
from vetter.compare import diff_packages
from vetter.package import package_from_files

CASES = yaml.safe_load((ROOT / "fixtures" / "diff" / "cases.yaml").read_text())["cases"]
DIFF_SCHEMA = json.loads((ROOT / "vetter" / "schemas" / "diff-report-v1.schema.json").read_text())
MINIMAL = ROOT / "fixtures" / "packages" / "minimal"


def side(patch: dict | None, name: str):
    return package_from_files(name, _patched("minimal", patch or {}, {}), kind="folder")


@pytest.mark.parametrize("case", CASES, ids=[c["name"].replace(" ", "-") for c in CASES])
def test_classification(case):
    result = diff_packages(side(case.get("old"), "old"), side(case.get("new"), "new"))
    got = sorted(f"{c.key} {c.severity}" for c in result.changes)
    assert got == sorted(case["expect"]), "\n".join(c.message for c in result.changes)
    for c in result.changes:
        where = c.new or c.old
        assert where is not None and where.line >= 1 and c.hint and c.message


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
