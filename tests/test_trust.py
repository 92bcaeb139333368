"""Untrusted input cannot steer vetter: what a scanned repository's configuration may do, and what every report says about it.

docs/security.md ("Threat model") names these tests line by line.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_gate import report_of, vetter, write_package
from vetter.engine.catalog import discover
from vetter.render.formats import render

CATALOG = discover(entry_points=False)
SECRET_RULES = sum(1 for r in CATALOG if r.rule.category == "secrets")
PKG_RULES = sum(1 for r in CATALOG if r.id.startswith("PKG"))

TOKEN = "ghp_PESr9smeeq0Ivqx10zlp6pF0eU6OKPfN1BXA"  # made up, in GitHub's format
SCRIPT = (
    "public class Script : ScriptBase\n{\n    public override async Task<HttpResponseMessage> ExecuteAsync()\n    {\n"
    f'        var token = "{TOKEN}";\n'
    "        return await this.Context.SendAsync(this.Context.Request, this.CancellationToken).ConfigureAwait(false);\n"
    "    }\n}\n"
)
EVIL = 'open({marker!r}, "w").write("ran")\n'


def _hostile_repo(root: Path, how: str = "vetter.toml") -> Path:
    """A vendor repository whose configuration asks vetter to load a rules folder that writes a marker file."""
    write_package(root / "connector")
    (root / ".git").mkdir()
    (root / "rules_x").mkdir()
    marker = root / "MARKER"
    (root / "rules_x" / "evil.py").write_text(EVIL.format(marker=str(marker)))
    if how == "vetter.toml":
        (root / "vetter.toml").write_text('rules-dir = ["rules_x"]\nignore = ["SEC", "CRD"]\n')
    else:
        (root / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.vetter]\nrules-dir = "rules_x"\n')
    return marker


@pytest.mark.parametrize("how", ["vetter.toml", "pyproject.toml"])
def test_a_discovered_config_cannot_load_code(tmp_path, how):
    marker = _hostile_repo(tmp_path, how)
    proc = vetter("scan", "connector", cwd=tmp_path)
    assert proc.returncode == 2
    assert not marker.exists()
    assert proc.stdout == ""
    (line,) = proc.stderr.splitlines()
    assert line.startswith(f"vetter: error: {tmp_path / how}: rules-dir refused: a configuration found by searching upwards")
    assert "--config" in line and "--isolated" in line


def test_isolated_ignores_the_discovered_config(tmp_path):
    marker = _hostile_repo(tmp_path)
    proc = vetter("scan", "connector", "--isolated", "--format", "json", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert not marker.exists()
    settings = report_of(proc)["settings"]
    assert (settings["config"], settings["found"], settings["ignore"], settings["rules_off"]["count"]) == (None, "isolated", [], 0)


def test_isolated_and_config_exclude_each_other(tmp_path):
    marker = _hostile_repo(tmp_path)
    proc = vetter("scan", "connector", "--isolated", "--config", "vetter.toml", cwd=tmp_path)
    assert proc.returncode == 2 and not marker.exists()
    assert proc.stderr == "vetter: error: --config vetter.toml cannot be used with --isolated (--isolated ignores every configuration file)\n"


def test_a_config_given_with_config_may_load_rules(tmp_path):
    """The person running vetter chose it: its rules folder is loaded (here a module that is not a rule: a tool error after it ran)."""
    marker = _hostile_repo(tmp_path)
    proc = vetter("scan", "connector", "--config", "vetter.toml", cwd=tmp_path)
    assert proc.returncode == 2
    assert marker.read_text() == "ran"
    assert "a rule module needs RULE = Rule(...)" in proc.stderr


def test_rule_packs_in_the_working_directory_are_not_loaded(tmp_path):
    """`python -m vetter` puts the working directory on sys.path; an entry point there is the scanned tree's, not installed."""
    write_package(tmp_path / "connector")
    marker = tmp_path / "MARKER"
    (tmp_path / "evil_rules.py").write_text(EVIL.format(marker=str(marker)))
    info = tmp_path / "evil_rules-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: evil-rules\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[vetter.rules]\nevil = evil_rules\n")
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[1]))
    proc = subprocess.run([sys.executable, "-m", "vetter.cli", "scan", "connector", "-q"], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert not marker.exists()


# -- every report names the configuration and what it changed ---------------------------------------------

WAIVER = """
[[waiver]]
rule = "SWG001"
package = "Widgets"
pointer = "/info/termsOfService"
reason = "Pilot tenant only"
owner = "platform@contoso.com"
expires = 2999-01-01
"""


def _suppressing_repo(root: Path) -> None:
    """A package with a committed token (CRD001), a schema error (SWG001) and no readme (PKG003),
    and a config that ignores CRD, waives SWG001, baselines PKG003 and lowers PKG to info."""
    pkg = write_package(root / "Widgets", bad=True)
    (pkg / "readme.md").unlink()
    (pkg / "script.csx").write_text(SCRIPT)
    (root / ".git").mkdir()
    first = vetter("scan", "Widgets", "--isolated", "--select", "PKG003", "--write-baseline", "b.json", cwd=root)
    assert first.returncode == 0, first.stderr
    (root / "vetter.toml").write_text('ignore = ["CRD"]\nbaseline = "b.json"\nfail-on = "warning"\n[severity]\nPKG = "info"\n' + WAIVER)


def test_every_suppression_is_in_the_json_settings(tmp_path):
    _suppressing_repo(tmp_path)
    proc = vetter("scan", "Widgets", "--format", "json", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    report = report_of(proc)
    settings = report["settings"]
    assert settings["config"] == "vetter.toml" and settings["found"] == "discovered"
    assert settings["ignore"] == [{"ref": "CRD", "from": "config"}]
    assert settings["rules_off"] == {"count": SECRET_RULES, "by_category": {"secrets": SECRET_RULES}}
    assert settings["fail_on"] == {"value": "warning", "from": "config"}
    assert settings["select"] == {"refs": ["ALL"], "from": "default"}
    assert settings["severity"] == [{"ref": "PKG", "level": "info", "from": "config", "rules": PKG_RULES, "findings": 1}]
    assert settings["baseline"] == {"file": "b.json", "from": "config", "removed": 1, "by_category": {"package": 1}}
    assert settings["waivers"] == {"count": 1, "removed": 1, "by_category": {"swagger": 1}}
    (hidden,) = settings["not_counted"]
    assert (hidden["package"], hidden["rule"], hidden["file"], hidden["line"], hidden["why"]) == ("Widgets", "CRD001", "script.csx", 5, "rule not selected")
    assert hidden["message"].startswith("A value in the format of github token is") and "[redacted github-token: 40 chars, starts 'ghp_'" in hidden["message"]
    assert "1 secret or security finding(s) not counted" in proc.stderr
    assert TOKEN not in proc.stdout and TOKEN[8:20] not in proc.stdout


def test_a_baselined_secret_is_listed_not_only_counted(tmp_path):
    pkg = write_package(tmp_path / "Widgets")
    (pkg / "script.csx").write_text(SCRIPT)
    (tmp_path / ".git").mkdir()
    assert vetter("scan", "Widgets", "--write-baseline", "b.json", cwd=tmp_path).returncode == 0
    proc = vetter("scan", "Widgets", "--baseline", "b.json", "--format", "json", cwd=tmp_path)
    settings = report_of(proc)["settings"]
    assert settings["baseline"] == {"file": "b.json", "from": "command line", "removed": 1, "by_category": {"secrets": 1}}
    assert [(i["rule"], i["file"], i["why"]) for i in settings["not_counted"]] == [("CRD001", "script.csx", "baselined")]


EXPECTED_TEXT = (
    f"config vetter.toml (found by searching upwards, not given with --config); ignore CRD (config); {SECRET_RULES} rule(s) off: {SECRET_RULES} secrets; "
    f"severity PKG = info (config; {PKG_RULES} rule(s), 1 finding(s)); baseline b.json (config) removed 1 finding(s): 1 package; "
    "1 waiver(s) waived 1 finding(s): 1 swagger; fail-on warning (config)"
)


def test_every_format_names_the_config_and_each_suppression(tmp_path):
    from junitparser import JUnitXml

    from tests.test_render import parse_annotations

    _suppressing_repo(tmp_path)
    data = report_of(vetter("scan", "Widgets", "--format", "json", cwd=tmp_path))
    text = render(data, "text")
    assert f"settings: {EXPECTED_TEXT}\n" in text
    assert "  Widgets: script.csx:5: error CRD001 A value in the format of github token is" in text and "[rule not selected]" in text
    markdown = render(data, "markdown")
    assert ("Settings: config `vetter.toml` (found by searching upwards, not given with --config) · ignore `CRD` (config) · "
            f"{SECRET_RULES} rule(s) off: {SECRET_RULES} secrets · severity `PKG` = info (config; {PKG_RULES} rule(s), 1 finding(s)) · baseline `b.json` (config) removed 1 finding(s): 1 package · "
            "1 waiver(s) waived 1 finding(s): 1 swagger · fail-on warning (config)\n") in markdown
    assert "### Not counted" in markdown and "- error `CRD001` known-format-secret at `Widgets/script.csx:5` (rule not selected):" in markdown
    html = render(data, "html")
    assert '<h2 id="settings-title">Configuration</h2>' in html and "<li>ignore CRD (config)</li>" in html
    assert "<li>baseline b.json (config) removed 1 finding(s): 1 package</li>" in html and "<code>script.csx:5</code>" in html
    sarif = json.loads(render(data, "sarif"))["runs"][0]["properties"]
    assert sarif["settings"] == data["settings"] and sarif["settingsSummary"] == EXPECTED_TEXT
    xml = JUnitXml.fromstring(render(data, "junit"))
    (suite,) = list(xml)
    assert {p.name: p.value for p in suite.properties()} == {"vetter.config": "vetter.toml", "vetter.settings": EXPECTED_TEXT, "vetter.not-counted": "1"}
    out = suite._elem.find("system-out").text
    assert out.startswith("not counted:\nWidgets: script.csx:5: error CRD001 A value in the format of github token is")
    notes = parse_annotations(render(data, "github"))
    assert notes[0] == ("notice", {"title": "vetter settings"}, markdown.split("Settings: ", 1)[1].split("\n", 1)[0])
    assert notes[1][1] == {"file": "Widgets/script.csx", "line": "5", "title": "CRD001 known-format-secret (not counted)"}
    for fmt in ("text", "markdown", "html", "sarif", "junit", "github"):
        assert TOKEN[4:16] not in render(data, fmt), fmt


def test_a_report_without_a_config_says_so(tmp_path):
    write_package(tmp_path / "Widgets")
    (tmp_path / ".git").mkdir()
    proc = vetter("scan", "Widgets", cwd=tmp_path)
    assert proc.stdout.startswith("settings: config: none; defaults: every rule, rule severities, fail-on error\n")
    markdown = vetter("scan", "Widgets", "--format", "markdown", cwd=tmp_path).stdout
    assert "Settings: config: none · defaults: every rule, rule severities, fail-on error\n" in markdown


# -- inert output: package text cannot steer a terminal or render as Markdown ------------------------------

STEERING = "\x1b[2J\x9b31m\u202egnp.exe"
LIVE = "@contoso/admins [login](https://evil.example/login) ![img](https://evil.example/i.png) <b>bold</b> *em*"
SWAGGER_NAME = "\x1b[2J\x1b]8;;http:evil\x07x\x1b]8;;\x07.swagger.json"


def _steering_package(root: Path) -> Path:
    """A package whose swagger file is named with terminal escapes and whose host (quoted by SWG021) holds
    escapes, a mention, a link and an image."""
    pkg = write_package(root / "steer")
    swagger = json.loads((pkg / "apiDefinition.swagger.json").read_text())
    swagger["host"] = f"api.contoso.com{STEERING} {LIVE}"
    (pkg / "apiDefinition.swagger.json").unlink()
    (pkg / SWAGGER_NAME).write_text(json.dumps(swagger, indent=2))
    return pkg


def _rendered(pkg: Path, tmp_path: Path) -> dict[str, str]:
    from click.testing import CliRunner

    from vetter.cli import main

    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["scan", str(pkg), "--isolated", "--output-dir", str(out),
                                       *[x for f in ("text", "json", "markdown", "html", "sarif", "junit", "github") for x in ("--format", f)]])
    assert result.exit_code == 1, result.output
    return {p.suffix if p.suffix != ".txt" else p.name.split(".", 1)[1]: p.read_text(encoding="utf-8") for p in out.iterdir()}


def _outside_code(markdown: str) -> list[str]:
    """Every piece of text markdown-it renders as something other than code, and every link, image or HTML token."""
    from markdown_it import MarkdownIt

    live: list[str] = []
    stack = list(MarkdownIt("commonmark").enable("table").parse(markdown))
    while stack:
        token = stack.pop()
        if token.type in ("html_inline", "html_block") and token.content in ("<sub>", "</sub>"):
            continue  # vetter's own footer
        if token.type == "html_block" and (
            token.content == "</details>\n" or re.fullmatch(r"<details><summary>Questions for the publisher \(\d+ part(y|ies)\)</summary>\n", token.content)
        ):
            continue  # vetter's own fold around the publisher questionnaire (a count, no package text)
        if token.type in ("link_open", "image", "html_inline", "html_block", "autolink"):
            live.append(f"{token.type}: {token.content or token.attrs}")
        elif token.type == "text":
            live.append(token.content)
        stack.extend(token.children or ())
    return live


def test_no_format_passes_a_control_character_through(tmp_path):
    outputs = _rendered(_steering_package(tmp_path), tmp_path)
    assert set(outputs) == {"txt", ".json", ".md", ".html", ".sarif", ".xml", "github.txt"}
    for name, text in outputs.items():
        assert not any(ch in text for ch in "\x1b\x07\x9b\u202e"), name
    assert "\\x1b[2J\\x1b]8;;http:evil\\x07x\\x1b]8;;\\x07.swagger.json:13:3: error   SWG021" in outputs["txt"]
    assert "host 'api.contoso.com\\x1b[2J\\x9b31m\\u202egnp.exe @contoso/admins" in outputs["txt"]
    report = json.loads(outputs[".json"])  # JSON escapes them and keeps the exact values
    assert {f["file"] for f in report["packages"][0]["findings"]} >= {SWAGGER_NAME}
    assert '"\\u001b[2J\\u001b]8;;http:evil\\u0007x\\u001b]8;;\\u0007.swagger.json"' in outputs[".json"]
    assert "\\u009b31m\\u202egnp.exe" in outputs[".json"]


def test_markdown_and_github_render_no_mention_link_or_image_from_the_package(tmp_path):
    from tests.test_render import parse_annotations

    outputs = _rendered(_steering_package(tmp_path), tmp_path)
    markdown = outputs[".md"]
    assert "@contoso/admins" in markdown and "evil.example" in markdown
    live = _outside_code(markdown)
    assert not [t for t in live if "@contoso" in t or "evil" in t or "bold" in t or t.startswith(("link_open", "image", "html", "autolink"))], live
    annotations = parse_annotations(outputs["github.txt"])
    assert any("@contoso/admins" in message for _, _, message in annotations)
    for _level, _props, message in annotations:
        live = _outside_code(message)
        assert not [t for t in live if "@contoso" in t or "evil" in t or t.startswith(("link_open", "image", "html", "autolink"))], live


def test_a_zip_entry_named_with_escapes_is_inert(tmp_path):
    import zipfile

    archive = tmp_path / "steer.zip"
    with zipfile.ZipFile(archive, "w") as z:
        pkg = write_package(tmp_path / "src")
        for f in pkg.iterdir():
            z.write(f, f.name)
        z.writestr("../\x1b[2Jescape.txt", "x")  # refused (a path out of the package): a PKG finding names it
    from click.testing import CliRunner

    from vetter.cli import main

    for fmt in ("text", "markdown", "github", "html", "sarif", "junit"):
        result = CliRunner().invoke(main, ["scan", str(archive), "--isolated", "--format", fmt])
        assert "\x1b" not in result.output, fmt
        assert "\\x1b[2Jescape.txt" in result.output, fmt


def test_an_unparseable_swagger_gives_one_skipped_line(tmp_path):
    pkg = write_package(tmp_path / "broken")
    (pkg / "apiDefinition.swagger.json").write_text('{"swagger": "2.0",')
    (tmp_path / ".git").mkdir()
    text = vetter("scan", "broken", cwd=tmp_path).stdout
    skipped = [line for line in text.splitlines() if "skipped" in line]
    report = report_of(vetter("scan", "broken", "--format", "json", cwd=tmp_path))
    count = len(report["packages"][0]["rules_skipped"])
    assert count > 80
    assert skipped == [f"  {count} rules skipped: apiDefinition.swagger.json could not be parsed"]
    markdown = vetter("scan", "broken", "--format", "markdown", cwd=tmp_path).stdout
    assert [line for line in markdown.splitlines() if "skipped" in line] == [f"{count} rules skipped: `apiDefinition.swagger.json` could not be parsed"]


def test_error_lines_are_inert(tmp_path):
    from click.testing import CliRunner

    from vetter.cli import main

    result = CliRunner().invoke(main, ["scan", str(tmp_path / "no\x1b[2Jsuch"), "--isolated"])
    assert result.exit_code == 2
    assert "\x1b" not in result.output and "no\\x1b[2Jsuch" in result.output


def test_the_threat_model_names_tests_that_exist():
    import re

    from tests.conftest import ROOT

    doc = (ROOT / "docs" / "security.md").read_text()
    model = doc[doc.index("## Threat model"):]
    named = set(re.findall(r"`(test_[a-z0-9_]+)`", model))
    assert len(named) >= 14
    defined = set()
    for path in (ROOT / "tests").glob("test_*.py"):
        defined |= set(re.findall(r"^def (test_[a-z0-9_]+)\(", path.read_text(), re.MULTILINE))
    assert named <= defined, named - defined
    for path in re.findall(r"`(tests/test_[a-z_]+\.py)`", model):
        assert (ROOT / path).is_file(), path


@pytest.mark.parametrize(
    ("raw", "shown"),
    [("a\x1b[2Jb", "a\\x1b[2Jb"), ("line\nforged", "line\\nforged"), ("cr\roverwrite", "cr\\roverwrite"), ("del\x7f", "del\\x7f"),
     ("csi\x9b31m", "csi\\x9b31m"), ("rlo\u202eexe.txt", "rlo\\u202eexe.txt"), ("iso\u2066x\u2069", "iso\\u2066x\\u2069"),
     ("ls\u2028ps\u2029", "ls\\u2028ps\\u2029"), ("tab\tkept", "tab\tkept"), ("a literal \\n stays", "a literal \\n stays"),
     ("two backslashes \\\\\nthen a newline", "two backslashes \\\\\\nthen a newline")],
)
def test_inert_model_escapes_each_steering_character_and_nothing_else(raw, shown):
    from vetter.render.safetext import inert_model

    model = {"rules": [{"docs": "line one\nline two"}], "packages": [{"findings": [{"message": raw}], raw: 1}]}
    out = inert_model(model)
    assert out["packages"][0]["findings"][0]["message"] == shown
    assert shown in out["packages"][0]
    assert out["rules"] == model["rules"]  # vetter's own multi-line docs are left alone
    clean = {"rules": [], "packages": [{"findings": [{"message": "plain \\n text\twith a tab"}]}]}
    assert inert_model(clean) is clean


def test_profile_and_residency_name_where_they_came_from(tmp_path):
    write_package(tmp_path / "Widgets")
    (tmp_path / ".git").mkdir()
    (tmp_path / "vetter.toml").write_text('profile = "custom"\nresidency = ["EU"]\n')
    settings = report_of(vetter("scan", "Widgets", "--residency", "UK,US", "--format", "json", cwd=tmp_path))["settings"]
    assert settings["profile"] == {"value": "custom", "from": "config"}
    assert settings["residency"] == {"value": ["UK", "US"], "from": "command line"}
    assert settings["rule_options"] == []
    text = vetter("scan", "Widgets", "--residency", "UK,US", cwd=tmp_path).stdout
    assert text.startswith("settings: config vetter.toml (found by searching upwards, not given with --config); profile custom (config); residency UK, US (command line)\n")
