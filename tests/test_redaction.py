"""A planted secret never reaches any output: every --format of scan and diff, files and stderr.

The formats are read from the command line itself, so renderers added later (HTML, SARIF,
JUnit, GitHub annotations) are covered by these tests as soon as `--format` offers them.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from vetter.base.redact import fingerprint, redact, redacted_form
from vetter.cli import main
from vetter.engine.cases import fixtures_dir

SIG = "sFtDyvikDrPe6wmMvQGY7nU4dINx2eZRwN-ptWPYxAw"  # 43 characters: a (made-up) Logic Apps signature
KEY = "Qx7pL2mVn9RtY4wZk8Jc3HbF6sDg1AeU0oIyTq5r"  # a made-up functions key in the script
OLD_SIG = "Hd83kLq0PzX7vB2nM5cR9tY1wE4uI6oA8sD0fG3hJ2k"


def _formats(command: str) -> list[str]:
    params = {p.name: p for p in main.commands[command].params}
    choice = params["fmt"].type
    assert isinstance(choice, click.Choice)
    return list(choice.choices)


def _plant(root: Path, sig: str, default_note: str = "") -> Path:
    """The minimal package with a Logic Apps signature as an internal default, in the readme and the script."""
    pkg = root / "planted"
    shutil.copytree(fixtures_dir() / "packages" / "minimal", pkg)
    swagger = json.loads((pkg / "apiDefinition.swagger.json").read_text())
    op = swagger["paths"]["/widgets/{widgetId}"]["get"]
    op["parameters"].append(
        {"name": "sig", "in": "query", "type": "string", "required": True, "x-ms-visibility": "internal", "default": sig}
    )
    op["parameters"].append({"name": "count", "in": "query", "type": "integer", "default": sig + default_note})
    (pkg / "apiDefinition.swagger.json").write_text(json.dumps(swagger, indent=2))
    (pkg / "readme.md").write_text(
        "# Contoso Widgets\n\nTrigger: https://prod-12.westus.logic.azure.com:443/workflows/5f1c/triggers/manual/paths/invoke"
        f"?api-version=2016-10-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig={sig}\n"
    )
    (pkg / "script.csx").write_text(
        "public class Script : ScriptBase\n{\n    public override async Task<HttpResponseMessage> ExecuteAsync()\n    {\n"
        f'        this.Context.Request.Headers.Add("x-functions-key", "{KEY}");\n'
        "        return await this.Context.SendAsync(this.Context.Request, this.CancellationToken).ConfigureAwait(false);\n"
        "    }\n}\n"
    )
    return pkg


def _leaks(text: str, *secrets: str) -> list[str]:
    """Secrets (or any 12-character piece of one) that appear in ``text``."""
    found = []
    for secret in secrets:
        pieces = {secret[i : i + 12] for i in range(len(secret) - 11)}
        if any(p in text for p in pieces):
            found.append(secret)
    return found


def test_redacted_form_shows_kind_length_head_and_hash_only():
    form = redacted_form("logic-apps-sig", SIG)
    assert form == f"[redacted logic-apps-sig: 43 chars, starts 'sFtD', sha256 {fingerprint(SIG)}]"
    assert SIG[4:] not in form


def test_redact_replaces_escaped_forms_and_cut_fragments():
    text = f"default {SIG!r}, json \"{SIG}\", cut \"{SIG[:20]}…\", tail …{SIG[-15:]}"
    out = redact(text, [("logic-apps-sig", SIG)])
    assert not _leaks(out, SIG), out
    assert out.count("[redacted logic-apps-sig") == 4


def test_scan_every_format_never_echoes_the_secret(tmp_path):
    pkg = _plant(tmp_path, SIG)
    formats = _formats("scan")
    assert {"text", "json", "markdown"} <= set(formats)
    runner = CliRunner()
    for fmt in formats:
        if fmt == "pdf":  # the html page printed by Chromium (html is checked here); its text is compressed
            continue
        out_file = tmp_path / f"report.{fmt}"
        for args in (["scan", str(pkg), "--format", fmt], ["scan", str(pkg), "--format", fmt, "-o", str(out_file)]):
            result = runner.invoke(main, args)
            assert result.exit_code == 1, (fmt, result.output)  # the CRD errors fail the scan
            shown = result.output + (result.stderr if result.stderr_bytes else "")
            if "-o" in args:
                shown += out_file.read_text()
            assert not _leaks(shown, SIG, KEY), (fmt, shown)
            if "-o" in args and fmt != "svg":  # the data-flow diagram shows hosts, not findings
                assert "[redacted logic-apps-sig: 43 chars" in out_file.read_text(), fmt


SPLIT = "ghp_Vq3Lx8Rk1Zt6Wm4Pn9Bj2Hd7Fs5Gc0Ya1Ue"  # a made-up token the script joins from three literals


def test_a_credential_the_script_joins_from_literals_is_reported_and_every_piece_redacted(tmp_path):
    """SEC022 reads the value the script fixes (``vetter.model.csx.constant_string``), and the redaction
    hides each literal it is joined from, the middle ones too (a fragment at neither end of the value)."""
    pkg = tmp_path / "joined"
    shutil.copytree(fixtures_dir() / "packages" / "minimal", pkg)
    (pkg / "script.csx").write_text(
        "public class Script : ScriptBase\n{\n    public override async Task<HttpResponseMessage> ExecuteAsync()\n    {\n"
        f'        var token = "{SPLIT[:4]}" + "{SPLIT[4:22]}" + "{SPLIT[22:]}";\n'
        '        this.Context.Request.Headers.Add("X-Token", token);\n'
        "        return await this.Context.SendAsync(this.Context.Request, this.CancellationToken).ConfigureAwait(false);\n"
        "    }\n}\n"
    )
    runner = CliRunner()
    for fmt in [f for f in _formats("scan") if f not in ("svg", "pdf")]:  # the pictures show hosts, not findings
        out_file = tmp_path / f"report.{fmt}"
        result = runner.invoke(main, ["scan", str(pkg), "--format", fmt, "-o", str(out_file)])
        assert result.exit_code == 1, (fmt, result.output)
        shown = result.output + out_file.read_text()
        assert "SEC022" in shown, fmt
        assert not _leaks(shown, SPLIT[4:22], SPLIT[22:]), (fmt, shown)


def test_scan_reports_the_planted_secrets_where_they_are(tmp_path):
    pkg = _plant(tmp_path, SIG)
    result = CliRunner().invoke(main, ["scan", str(pkg), "--format", "json", "--select", "CRD"])
    report = json.loads(result.stdout)
    where = {(f["rule"], f["file"], f["line"]) for p in report["packages"] for f in p["findings"]}
    assert ("CRD002", "readme.md", 3) in where
    assert ("CRD003", "script.csx", 5) in where
    assert any(r == "CRD002" and file == "apiDefinition.swagger.json" for r, file, _ in where)


def test_other_rules_quoting_the_secret_are_redacted_too(tmp_path):
    """SWG001 quotes a value that is not in an enum; the message must not carry the signature."""
    pkg = _plant(tmp_path, SIG)
    swagger = json.loads((pkg / "apiDefinition.swagger.json").read_text())
    swagger["paths"]["/widgets"]["get"]["parameters"].append(
        {"name": "ids", "in": "query", "type": "array", "items": {"type": "string"}, "collectionFormat": SIG}
    )
    (pkg / "apiDefinition.swagger.json").write_text(json.dumps(swagger, indent=2))
    result = CliRunner().invoke(main, ["scan", str(pkg), "--format", "json", "--select", "SWG001"])
    report = json.loads(result.stdout)
    messages = [f["message"] for p in report["packages"] for f in p["findings"]]
    assert messages, "the integer parameter with a string default should be a schema finding"
    assert not _leaks(result.output, SIG)


def test_a_crashing_rule_cannot_echo_the_secret_on_any_stream(tmp_path):
    pkg = _plant(tmp_path, SIG)
    rules = tmp_path / "org_rules"
    rules.mkdir()
    (rules / "org001_leaky.py").write_text(
        '"""A rule that crashes with the parameter default in its exception.\n\n## Why\nTest.\n\n## How to fix\nNone.\n"""\n'
        "from vetter import Rule, Severity\n"
        'RULE = Rule(id="ORG001", name="leaky", category="org_rules", severity=Severity.WARNING)\n'
        "def check(package):\n"
        "    op = package.swagger.data['paths']['/widgets/{widgetId}']['get']\n"
        "    raise ValueError('bad default ' + op['parameters'][1]['default'])\n"
        "    yield\n"
    )
    for fmt in [f for f in _formats("scan") if f not in ("svg", "pdf")]:  # the pictures show hosts, not findings
        result = CliRunner().invoke(main, ["scan", str(pkg), "--rules-dir", str(rules), "--format", fmt])
        shown = result.output + (result.stderr if result.stderr_bytes else "")
        assert "VET001" in shown, (fmt, shown)  # every format names the crashed rule's finding
        assert not _leaks(shown, SIG), (fmt, shown)


def test_tool_errors_on_stderr_are_scrubbed(tmp_path):
    from vetter.base.redact import remember, scrub

    remember([("logic-apps-sig", SIG)])
    assert not _leaks(scrub(f"vetter: error: cannot read {SIG}"), SIG)
    result = CliRunner().invoke(main, ["scan", str(tmp_path / f"missing-{SIG}")])
    assert result.exit_code == 2
    assert not _leaks(result.output + (result.stderr if result.stderr_bytes else ""), SIG)


@pytest.mark.parametrize("fmt", _formats("diff"))
def test_diff_every_format_never_echoes_either_version(tmp_path, fmt):
    old = _plant(tmp_path / "old", OLD_SIG)
    new = _plant(tmp_path / "new", SIG)
    result = CliRunner().invoke(main, ["diff", str(old), str(new), "--format", fmt, "--fail-on", "never"])
    assert result.exit_code == 0, result.output
    assert "default" in result.output  # the changed internal default is reported ...
    assert not _leaks(result.output, SIG, OLD_SIG), result.output  # ... without either value
    assert "[redacted logic-apps-sig" in result.output


def test_a_package_is_redacted_with_its_own_secrets_only(tmp_path):
    """One package's secret never touches another's results: a default ending in ``www.contoso.com``
    is a secret in its package, and ``www.contoso.com`` stays a web address in the next one, which
    reads the same in a portfolio as scanned alone (and the HTML is what ``vetter report`` gives again)."""
    minimal = fixtures_dir() / "packages" / "minimal"
    shutil.copytree(minimal, tmp_path / "all" / "b-plain")
    shutil.copytree(minimal, tmp_path / "all" / "a-secret")
    swagger = tmp_path / "all" / "a-secret" / "apiDefinition.swagger.json"
    doc = json.loads(swagger.read_text())
    doc["definitions"]["Widget"]["properties"]["signature"] = {"type": "string", "example": "06regq@www.contoso.com"}
    swagger.write_text(json.dumps(doc, indent=2))
    runner = CliRunner()

    def scan(*args: str) -> dict:
        result = runner.invoke(main, ["scan", *args, "--isolated", "--format", "json", "--fail-on", "never", "--jobs", "1"])
        assert result.exit_code == 0, result.output
        return {p["name"]: p for p in json.loads(result.stdout)["packages"]}

    both = scan(str(tmp_path / "all"))
    alone = scan(str(tmp_path / "all" / "b-plain"))
    secret = json.dumps(both["a-secret"])
    assert "06regq" not in secret and "[redacted secret-default: 22 chars, starts '06re'" in secret
    assert both["b-plain"] == alone["b-plain"]
    assert "[redacted" not in json.dumps(both["b-plain"])
    assert both["b-plain"]["security"]["residency"]["website"]["url"] == "https://www.contoso.com"
    saved = tmp_path / "report.json"
    html = runner.invoke(main, ["scan", str(tmp_path / "all"), "--isolated", "--format", "html", "--fail-on", "never", "--jobs", "1"]).stdout
    saved.write_text(runner.invoke(main, ["scan", str(tmp_path / "all"), "--isolated", "--format", "json", "--fail-on", "never", "--jobs", "1"]).stdout)
    assert runner.invoke(main, ["report", str(saved), "--format", "html"]).stdout == html


def test_scan_against_redacts_the_previous_version_s_secret_in_a_change_once(tmp_path):
    """A changed default quotes the old value: the previous version's secret is redacted out of the CHG
    finding by the package's one redaction step (the edge diffs without redacting and keeps the old secrets)."""
    from vetter.commands.scan import add_source, run_options
    from vetter.engine.catalog import discover
    from vetter.engine.settings import Settings
    from vetter.model.loader import PackageSource
    from vetter.model.package import package_from_files
    from vetter.report.model import ScanReport, to_dict

    old_sig = "sp=r&sv=2015&sig=Zm9vYmFyYmF6cXV4cXV1eHF1dXhxdXV4cXV1eHF1dXg%3D"
    new_sig = "(set by the connection)"

    def files(default: str) -> dict[str, bytes]:
        doc = json.loads((fixtures_dir() / "packages" / "minimal" / "apiDefinition.swagger.json").read_text())
        doc["paths"]["/widgets"]["get"]["parameters"].append({"name": "sig", "in": "query", "type": "string", "default": default, "x-ms-visibility": "internal"})
        return {"apiDefinition.swagger.json": json.dumps(doc, indent=2).encode()}

    old = package_from_files("old", files(old_sig), kind="folder")
    folder = tmp_path / "new"
    folder.mkdir()
    for name, raw in files(new_sig).items():
        (folder / name).write_bytes(raw)
    catalog = discover(entry_points=False)
    settings = Settings(select=["CHG"]).bind(catalog)
    report = ScanReport()
    add_source(report, PackageSource(folder, "folder"), catalog, settings, run_options(settings, catalog, previous=lambda package: old))
    (package,) = to_dict(report)["packages"]
    messages = [f["message"] for f in package["findings"] if f["rule"].startswith("CHG")]
    assert len(messages) == 1 and "changed its default from" in messages[0]
    assert not _leaks(json.dumps(package), old_sig)
    assert redacted_form(next(k for k, v in _pairs(old) if v == old_sig), old_sig) in messages[0]


def _pairs(package):
    from vetter.security.secrets import secret_pairs

    return secret_pairs(package)
