"""The documented CI setup end to end, in a throwaway git repository holding two connectors.

pre-commit runs for real: it installs vetter from this checkout (at HEAD) into its own
environment, as it would from the project's repository.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT
from tests.test_gate import git, report_of, vetter, write_package

WAIVER = """
[[waiver]]
rule = "SEC"
package = "connectors/Beta"
pointer = "*"
reason = "Internal test host reached over the VPN until the 2.0 release; ticket #7"
owner = "connectors@contoso.example"
expires = {expires}
"""


def commit(repo: Path, message: str) -> None:
    git("-c", "user.name=t", "-c", "user.email=t@example.invalid", "add", "-A", cwd=repo)
    git("-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-qm", message, cwd=repo)


def pre_commit(repo: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PRE_COMMIT_HOME=str(home))
    return subprocess.run([sys.executable, "-m", "pre_commit", "run"], cwd=repo, capture_output=True, text=True, env=env, timeout=900)


def test_scan_and_diff_gate_end_to_end(tmp_path):
    if shutil.which("git") is None:
        pytest.fail("git is needed")
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
    repo = tmp_path / "connectors-repo"
    write_package(repo / "connectors" / "Alpha")
    beta = write_package(repo / "connectors" / "Beta")
    (repo / ".pre-commit-config.yaml").write_text(
        yaml.safe_dump({"repos": [{"repo": str(ROOT), "rev": head, "hooks": [{"id": "vetter"}]}]})
    )
    git("init", "-q", "-b", "main", cwd=repo)
    commit(repo, "two connectors")

    # day one: the baseline run passes, and the config points at it
    first = vetter("scan", "connectors", "--write-baseline", "vetter-baseline.json", cwd=repo)
    assert first.returncode == 0, first.stderr
    (repo / "vetter.toml").write_text('baseline = "vetter-baseline.json"\n')
    commit(repo, "vetter baseline")

    # an added problem: a private, plain-http host
    swagger = json.loads((beta / "apiDefinition.swagger.json").read_text())
    swagger["host"] = "10.20.30.40"
    swagger["schemes"] = ["http"]
    (beta / "apiDefinition.swagger.json").write_text(json.dumps(swagger, indent=2))
    git("add", "-A", cwd=repo)
    hook = pre_commit(repo, tmp_path / "pre-commit-home")
    assert hook.returncode == 1, hook.stdout + hook.stderr
    assert "SEC" in hook.stdout and "Failed" in hook.stdout
    failing = vetter("scan", "connectors", "--format", "json", cwd=repo)
    assert failing.returncode == 1
    sec = [f for p in report_of(failing)["packages"] for f in p["findings"] if f["rule"].startswith("SEC") and f["severity"] == "error"]
    assert sec and {f["pointer"] for f in sec} & {"/host", "/schemes"}

    # a waiver with a reason lets it pass, and the report still shows it
    (repo / "vetter.toml").write_text('baseline = "vetter-baseline.json"\n' + WAIVER.format(expires="2999-12-31"))
    waived = vetter("scan", "connectors", "--format", "json", cwd=repo)
    assert waived.returncode == 0, waived.stdout
    shown = [f for p in report_of(waived)["packages"] for f in p["findings"] if f["waiver"]]
    assert shown and all(f["waiver"]["owner"] == "connectors@contoso.example" for f in shown)
    git("add", "-A", cwd=repo)
    assert pre_commit(repo, tmp_path / "pre-commit-home").returncode == 0

    # an expired waiver fails again
    (repo / "vetter.toml").write_text('baseline = "vetter-baseline.json"\n' + WAIVER.format(expires="2020-01-01"))
    expired = vetter("scan", "connectors", "--format", "json", cwd=repo)
    assert expired.returncode == 1
    assert [f["rule"] for f in report_of(expired)["gate"]["findings"]] == ["VET004"]

    # changed-only mode scans only the connector that changed
    (repo / "vetter.toml").write_text('baseline = "vetter-baseline.json"\n' + WAIVER.format(expires="2999-12-31"))
    commit(repo, "Beta on the test host, waived")
    changed = vetter("scan", "connectors", "--changed-since", "HEAD~1", "--format", "json", cwd=repo)
    assert changed.returncode == 0, changed.stdout
    assert [p["name"] for p in report_of(changed)["packages"]] == ["Beta"]
    # ... and with --against the same connector is diffed: moving it to another host breaks flows
    diffed = vetter("scan", "connectors", "--changed-since", "HEAD~1", "--against", "HEAD~1", "--format", "json", cwd=repo)
    assert diffed.returncode == 1
    (beta_report,) = report_of(diffed)["packages"]
    assert {(f["rule"], f["pointer"]) for f in beta_report["findings"] if f["waiver"] is None} >= {("CHG001", "/host")}


def test_integration_files_call_vetter_with_options_that_exist():
    """The action, the pipeline template and the hooks use only flags `vetter scan` has."""
    from click.testing import CliRunner

    from vetter.cli import main

    help_text = CliRunner().invoke(main, ["scan", "--help"]).output
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    azure = yaml.safe_load((ROOT / "ci" / "azure-pipelines-vetter.yml").read_text())
    commands = [h["entry"] for h in hooks]
    commands += [s["run"] for s in action["runs"]["steps"] if "vetter scan" in s.get("run", "")]
    commands += [s["script"] for s in azure["steps"] if "vetter scan" in s.get("script", "")]
    assert len(commands) == 4
    for command in commands:
        for token in command.replace("\\\n", " ").split():
            if token.startswith("--"):
                assert token.split("=")[0] in help_text, (token, command)
    assert all(h["language"] == "python" and h["pass_filenames"] is False for h in hooks)


def test_the_action_passes_inputs_through_env_never_into_scripts():
    """GitHub's hardening guide: `${{ }}` in a `run:` script is interpolated before the shell parses it."""
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    steps = action["runs"]["steps"]
    scripts = [s["run"] for s in steps if "run" in s]
    assert len(scripts) == 4
    assert not [r for r in scripts if "${{" in r]
    used = {v for s in steps for v in (s.get("env") or {}).values()}
    assert {"${{ inputs.paths }}", "${{ inputs.fail-on }}", "${{ inputs.base }}", "${{ github.base_ref }}"} <= used
    scan = next(r for r in scripts if "vetter scan" in r)
    assert '"$INPUT_FAIL_ON"' in scan and '-- "${paths[@]}"' in scan
