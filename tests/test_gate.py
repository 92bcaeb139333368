"""The CI gate: baselines, waivers, changed-only mode, the verdict line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema

from tests.conftest import ROOT
from vetter.engine.cases import base_files

REPORT_SCHEMA = json.loads((ROOT / "vetter" / "schemas" / "report-v2.schema.json").read_text())


def write_package(folder: Path, *, bad: bool = False, version: str = "1.0", indent: int = 2) -> Path:
    """The minimal package; ``bad`` adds a Swagger 2.0 schema error (SWG001) at /info/x."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, raw in base_files("minimal").items():
        (folder / name).write_bytes(raw)
    swagger = json.loads((folder / "apiDefinition.swagger.json").read_text())
    swagger["info"]["version"] = version
    if bad:
        swagger["info"]["termsOfService"] = 7  # must be a string: a schema error at /info/termsOfService
    (folder / "apiDefinition.swagger.json").write_text(json.dumps(swagger, indent=indent))
    return folder


def vetter(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env_path = str(ROOT)
    return subprocess.run(
        [sys.executable, "-c", "import sys; sys.path.insert(0, sys.argv.pop(1)); from vetter.cli import main; main()", env_path, *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
    )


def report_of(proc: subprocess.CompletedProcess[str]) -> dict:
    report = json.loads(proc.stdout)
    jsonschema.validate(report, REPORT_SCHEMA)
    return report


def test_baseline_records_today_and_reports_only_new_findings(tmp_path):
    pkg = write_package(tmp_path / "connectors" / "Widgets", bad=True)
    first = vetter("scan", "connectors", "--write-baseline", "baseline.json", "--format", "json", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    entries = json.loads((tmp_path / "baseline.json").read_text())["findings"]
    assert [(e["package"], e["rule"], e["pointer"]) for e in entries] == [("connectors/Widgets", "SWG001", "/info/termsOfService")]
    assert report_of(first)["gate"]["baselined"] == 1

    again = vetter("scan", "./connectors", "--baseline", "baseline.json", "--format", "json", cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    report = report_of(again)
    assert report["packages"][0]["findings"] == [] and report["packages"][0]["summary"]["baselined"] == 1
    assert "1 baselined" in again.stderr and again.stderr.startswith("vetter: PASS")

    # reformatting and shifting lines keeps the baseline matching
    write_package(pkg, bad=True, indent=6)
    shifted = vetter("scan", "connectors", "--baseline", "baseline.json", cwd=tmp_path)
    assert shifted.returncode == 0, shifted.stdout

    # a new problem fails, and only it is reported
    swagger = json.loads((pkg / "apiDefinition.swagger.json").read_text())
    swagger["info"]["license"] = "MIT"  # must be an object
    (pkg / "apiDefinition.swagger.json").write_text(json.dumps(swagger))
    new = vetter("scan", "connectors", "--baseline", "baseline.json", "--format", "json", cwd=tmp_path)
    assert new.returncode == 1
    assert [f["pointer"] for f in report_of(new)["packages"][0]["findings"]] == ["/info/license"]
    assert new.stderr.startswith("vetter: FAIL: 1 finding(s) at or above fail-on=error")


def test_stale_entries_are_listed_and_update_baseline_drops_them(tmp_path):
    pkg = write_package(tmp_path / "Widgets", bad=True)
    assert vetter("scan", "Widgets", "--write-baseline", "b.json", cwd=tmp_path).returncode == 0
    write_package(pkg)  # the problem is fixed
    proc = vetter("scan", "Widgets", "--baseline", "b.json", "--format", "json", cwd=tmp_path)
    assert proc.returncode == 0
    stale = report_of(proc)["gate"]["stale_baseline"]
    assert [e["pointer"] for e in stale] == ["/info/termsOfService"]
    text = vetter("scan", "Widgets", "--baseline", "b.json", cwd=tmp_path).stdout
    assert "1 baseline entry no longer occur" in text
    ratchet = vetter("scan", "Widgets", "--baseline", "b.json", "--update-baseline", cwd=tmp_path)
    assert ratchet.returncode == 0 and "dropped 1 stale entry" in ratchet.stderr
    assert json.loads((tmp_path / "b.json").read_text())["findings"] == []


def test_bad_baseline_file_is_a_tool_error(tmp_path):
    write_package(tmp_path / "Widgets")
    (tmp_path / "b.json").write_text("{}")
    proc = vetter("scan", "Widgets", "--baseline", "b.json", cwd=tmp_path)
    assert proc.returncode == 2 and "not a vetter-baseline-v1 file" in proc.stderr and "Traceback" not in proc.stderr
    missing = vetter("scan", "Widgets", "--baseline", "nope.json", cwd=tmp_path)
    assert missing.returncode == 2 and "no such file" in missing.stderr


WAIVER = """
[[waiver]]
rule = "{rule}"
package = "Widgets"
pointer = "/info/termsOfService"
reason = "Pilot tenant only; tracked in #42"
owner = "platform@contoso.com"
expires = {expires}
"""


def test_waiver_accepts_a_finding_that_still_shows(tmp_path):
    write_package(tmp_path / "Widgets", bad=True)
    (tmp_path / "vetter.toml").write_text(WAIVER.format(rule="swagger-schema-violation", expires="2999-01-01"))
    proc = vetter("scan", "Widgets", "--format", "json", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    findings = report_of(proc)["packages"][0]["findings"]
    assert [(f["rule"], f["waiver"]["owner"]) for f in findings] == [("SWG001", "platform@contoso.com")]
    assert "1 waived" in proc.stderr
    text = vetter("scan", "Widgets", cwd=tmp_path).stdout
    assert "waived: Pilot tenant only; tracked in #42 (owner platform@contoso.com, until 2999-01-01)" in text
    markdown = vetter("scan", "Widgets", "--format", "markdown", cwd=tmp_path).stdout
    assert "waived: `Pilot tenant only" in markdown


def test_expired_waiver_fails_again_and_is_reported(tmp_path):
    write_package(tmp_path / "Widgets", bad=True)
    (tmp_path / "vetter.toml").write_text(WAIVER.format(rule="SWG001", expires="2020-01-01"))
    proc = vetter("scan", "Widgets", "--format", "json", cwd=tmp_path)
    assert proc.returncode == 1
    report = report_of(proc)
    assert [f["waiver"] for f in report["packages"][0]["findings"]] == [None]
    gate = report["gate"]["findings"]
    assert [(f["rule"], f["file"], f["line"]) for f in gate] == [("VET004", str(tmp_path / "vetter.toml"), 2)]
    assert "expired on 2020-01-01" in gate[0]["message"]


def test_unused_and_malformed_waivers_are_findings(tmp_path):
    write_package(tmp_path / "Widgets")
    (tmp_path / "vetter.toml").write_text(
        WAIVER.format(rule="SWG001", expires="2999-01-01")
        + '\n[[waiver]]\nrule = "SWG001"\npackage = "Widgets"\nreason = "no owner, no pointer"\nexpires = 2999-01-01\n'
    )
    proc = vetter("scan", "Widgets", "--format", "json", cwd=tmp_path)
    gate = {f["rule"]: f for f in report_of(proc)["gate"]["findings"]}
    assert set(gate) == {"VET003", "VET005"}
    assert gate["VET003"]["line"] == 2 and gate["VET005"]["line"] == 10
    assert "missing pointer, owner" in gate["VET005"]["message"]
    assert proc.returncode == 1  # a malformed waiver is an error: it waives nothing
    assert vetter("explain", "VET005", cwd=tmp_path).returncode == 0


def test_fail_on_applies_after_baseline_and_waivers(tmp_path):
    write_package(tmp_path / "Widgets", bad=True)
    assert vetter("scan", "Widgets", "--fail-on", "info", cwd=tmp_path).returncode == 1
    assert vetter("scan", "Widgets", "--write-baseline", "b.json", "--fail-on", "info", cwd=tmp_path).returncode == 0
    assert vetter("scan", "Widgets", "--baseline", "b.json", "--fail-on", "info", cwd=tmp_path).returncode == 0


def git(*args: str, cwd: Path) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def repo_with_two_connectors(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    write_package(repo / "connectors" / "Alpha")
    write_package(repo / "connectors" / "Beta")
    git("init", "-q", "-b", "main", cwd=repo)
    git("-c", "user.name=t", "-c", "user.email=t@example.invalid", "add", ".", cwd=repo)
    git("-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-qm", "two connectors", cwd=repo)
    return repo


def test_changed_since_scans_only_the_changed_connector(tmp_path):
    repo = repo_with_two_connectors(tmp_path)
    none = vetter("scan", "connectors", "--changed-since", "HEAD", "--format", "json", cwd=repo)
    assert none.returncode == 0 and report_of(none)["packages"] == []
    write_package(repo / "connectors" / "Beta", version="1.1")
    proc = vetter("scan", "connectors", "--changed-since", "HEAD", "--format", "json", cwd=repo)
    assert [p["name"] for p in report_of(proc)["packages"]] == ["Beta"]
    bad_ref = vetter("scan", "connectors", "--changed-since", "no-such-ref", cwd=repo)
    assert bad_ref.returncode == 2 and "not a commit" in bad_ref.stderr


def test_deleted_connector_is_reported(tmp_path):
    import shutil

    repo = repo_with_two_connectors(tmp_path)
    shutil.rmtree(repo / "connectors" / "Alpha")
    proc = vetter("scan", "connectors", "--changed-since", "HEAD", "--format", "json", cwd=repo)
    assert proc.returncode == 1
    packages = report_of(proc)["packages"]
    assert [(p["origin"], [f["rule"] for f in p["findings"]]) for p in packages] == [("connectors/Alpha", ["VET006"])]
