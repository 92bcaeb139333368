"""Each kind of secret, planted in each kind of file, is found and never reaches any output.

Every format of `vetter scan` and `vetter diff` (read from the command line, so a format added
later is covered) is searched for each raw value and for the forms the formats escape it into
(HTML and XML entities, GitHub's percent escapes, Markdown table escapes). docs/security.md
("Threat model") names this test.
"""

from __future__ import annotations

import json
import random
import shutil
import string
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from vetter.base.redact import _OUTPUT_ESCAPES
from vetter.cli import main
from vetter.engine.cases import fixtures_dir
from vetter.model.loader import find_packages
from vetter.security.secrets import find_secrets, secret_pairs

B62 = string.ascii_letters + string.digits
FILES = ("swagger", "properties", "settings", "script", "readme")


def _r(rng: random.Random, n: int, alphabet: str = B62) -> str:
    return "".join(rng.choice(alphabet) for _ in range(n))


def _texts(rng: random.Random) -> dict[str, tuple[str, list[str]]]:
    """kind -> (text as it appears in a file, the secret values in it) for secrets found by their format."""
    github = "ghp_" + _r(rng, 36)
    aws_id, aws_secret = "AKIA" + _r(rng, 16, string.ascii_uppercase + string.digits), _r(rng, 38, B62 + "/+") + "Zq"
    google = "AIza" + _r(rng, 35)
    slack = f"xoxb-{_r(rng, 11, string.digits)}-{_r(rng, 24)}"
    stripe = "sk_live_" + _r(rng, 30)
    sendgrid = f"SG.{_r(rng, 22)}.{_r(rng, 43)}"
    storage = _r(rng, 76) + "+ASt" + _r(rng, 5) + "A=="
    logic = _r(rng, 43, B62 + "_-")
    functions = _r(rng, 54, B62) + "=="
    sas = _r(rng, 43, B62) + "%3D"
    password = _r(rng, 6) + "&" + _r(rng, 6) + "%2F" + _r(rng, 4)
    jwt = f"eyJ{_r(rng, 30)}.eyJ{_r(rng, 40)}.{_r(rng, 43, B62 + '_-')}"
    pem_body = _r(rng, 64, B62 + "/+")
    return {
        "github-token": (f"clone https://{github}@github.com/contoso/widgets", [github]),
        "aws-pair": (f"aws id {aws_id} secret {aws_secret}", [aws_id, aws_secret]),
        "google-api-key": (f"maps key {google}", [google]),
        "slack-token": (f"bot {slack}", [slack]),
        "stripe-key": (f"billing {stripe}", [stripe]),
        "sendgrid-key": (f"mail {sendgrid}", [sendgrid]),
        "azure-storage-key": (f"DefaultEndpointsProtocol=https;AccountName=contoso;AccountKey={storage}", [storage]),
        "logic-apps-sig": (f"https://prod-1.westus.logic.azure.com:443/workflows/5f1c/triggers/manual/paths/invoke?api-version=2016-10-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig={logic}", [logic]),
        "functions-key": (f"https://contoso-fn.azurewebsites.net/api/widgets?code={functions}", [functions]),
        "sas": (f"https://contoso.blob.core.windows.net/drop?sv=2022-11-02&sr=c&sp=rl&se=2030-01-01&sig={sas}", [sas]),
        "url-password": (f"ftp://deploy:{password}@files.contoso.com/drop", [password]),
        "jwt": (f"token {jwt}", [jwt]),
        "private-key": (f"-----BEGIN RSA PRIVATE KEY-----\n{pem_body}\n{pem_body[::-1]}\n-----END RSA PRIVATE KEY-----", [pem_body]),
    }


def _plant(root: Path) -> tuple[Path, list[str]]:
    """The minimal package with every kind of secret in every kind of file; returns the folder and the values."""
    rng = random.Random(27)
    pkg = root / "planted"
    shutil.copytree(fixtures_dir() / "packages" / "minimal", pkg)
    values: list[str] = []
    per_file = {}
    for name in FILES:
        texts = _texts(rng)
        per_file[name] = texts
        for _text, found in texts.values():
            values.extend(found)
    named = {name: ("Kq" + _r(rng, 28), "Zt" + _r(rng, 30)) for name in FILES}  # a client secret and an API key by name

    swagger = json.loads((pkg / "apiDefinition.swagger.json").read_text())
    swagger["info"]["description"] = "Manage widgets.\n" + "\n".join(t for t, _ in per_file["swagger"].values())
    op = swagger["paths"]["/widgets/{widgetId}"]["get"]
    op["parameters"].append({"name": "apiKey", "in": "query", "type": "string", "x-ms-visibility": "internal", "default": named["swagger"][1]})
    visible_default = named["swagger"][1][::-1]  # a default the maker can change: a secret default, not a fixed credential (SEC022)
    op["parameters"].append({"name": "accessToken", "in": "header", "type": "string", "default": visible_default})
    op["parameters"].append({"name": "body", "in": "body", "schema": {"type": "object"}, "x-ms-test-value": {"client_secret": named["swagger"][0]}})
    host_password = "Hp" + _r(rng, 14)
    swagger["host"] = f"svc:{host_password}@api.contoso.com"
    (pkg / "apiDefinition.swagger.json").write_text(json.dumps(swagger, indent=2))
    values += [*named["swagger"], visible_default, host_password]

    props = json.loads((pkg / "apiProperties.json").read_text())
    ui = props["properties"]["connectionParameters"]["api_key"]["uiDefinition"]
    ui["description"] = " ".join(t for t, _ in per_file["properties"].values())
    short_secret = "Sx" + _r(rng, 8)  # too short for the detectors; SEC007 flags it
    props["properties"]["connectionParameters"]["oauth"] = {
        "type": "oauthSetting",
        "oAuthSettings": {"identityProvider": "oauth2", "clientId": "widgets", "clientSecret": short_secret, "scopes": ["read"],
                          "redirectMode": "GlobalPerConnector", "properties": {"IsFirstParty": "False"},
                          "customParameters": {"authorizationUrl": {"value": "https://login.contoso.com/authorize"},
                                               "tokenUrl": {"value": "https://login.contoso.com/token"},
                                               "refreshUrl": {"value": "https://login.contoso.com/token"}}},
    }
    props["properties"]["x-notes"] = {"apiKey": named["properties"][1], "clientSecret": named["properties"][0]}
    policy_token = named["properties"][1][::-1]  # a fixed bearer token a policy template sends (SEC022)
    props["properties"]["policyTemplateInstances"] = [{"templateId": "setheader", "title": "auth", "parameters": {
        "x-ms-apimTemplateParameter.name": "Authorization", "x-ms-apimTemplateParameter.value": f"Bearer {policy_token}"}}]
    (pkg / "apiProperties.json").write_text(json.dumps(props, indent=2))
    values += [short_secret, *named["properties"], policy_token]

    settings = {"notes": [t for t, _ in per_file["settings"].values()], "clientSecret": named["settings"][0], "apiKey": named["settings"][1]}
    (pkg / "settings.json").write_text(json.dumps(settings, indent=2))
    values += named["settings"]

    comments = "\n".join("    // " + line for t, _ in per_file["script"].values() for line in t.splitlines())
    (pkg / "script.csx").write_text(
        "public class Script : ScriptBase\n{\n" + comments + "\n"
        f'    private const string clientSecret = "{named["script"][0]}";\n'
        f'    private const string apiKey = "{named["script"][1]}";\n'
        "    public override async Task<HttpResponseMessage> ExecuteAsync()\n    {\n"
        "        return await this.Context.SendAsync(this.Context.Request, this.CancellationToken).ConfigureAwait(false);\n"
        "    }\n}\n"
    )
    values += named["script"]

    readme = (pkg / "readme.md").read_text() + "\n## Notes\n\n" + "\n\n".join(t for t, _ in per_file["readme"].values())
    readme += f"\n\nclient_secret: {named['readme'][0]}\n\napi_key: {named['readme'][1]}\n"
    (pkg / "readme.md").write_text(readme)
    values += named["readme"]
    return pkg, values


def _formats(command: str) -> list[str]:
    params = {p.name: p for p in main.commands[command].params}
    choice = params["fmt"].type
    assert isinstance(choice, click.Choice)
    return list(choice.choices)


def _forms(value: str) -> set[str]:
    return {value, *(escape(value) for escape in _OUTPUT_ESCAPES), json.dumps(value)[1:-1]}


def _leaks(text: str, values: list[str]) -> list[str]:
    return [v for v in values if any(form in text for form in _forms(v))]


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    return _plant(tmp_path_factory.mktemp("planted"))


def test_every_planted_secret_is_found(planted):
    pkg, values = planted
    (source,) = find_packages([str(pkg)])
    package = source.load()
    found = {value for _kind, value in secret_pairs(package)}
    missing = [v for v in values if not any(v in f for f in found)]
    assert not missing, missing
    kinds = {h.kind for h in find_secrets(package)}
    assert {"aws-secret-access-key", "url-password", "github-token", "logic-apps-sig", "azure-functions-key", "loose-sas-secret",
            "client-secret", "secret-default", "fixed-credential", "secret-value", "private-key", "generic-jwt"} <= kinds


# pdf is the html page printed by Chromium (its text is in compressed streams): the html case covers it
@pytest.mark.parametrize("fmt", [f for f in _formats("scan") if f != "pdf"])
def test_no_format_of_scan_shows_a_planted_secret(planted, tmp_path, fmt):
    pkg, values = planted
    out = tmp_path / "report"
    result = CliRunner().invoke(main, ["scan", str(pkg), "--isolated", "--format", fmt, "--output", str(out), "--verbose"])
    assert result.exit_code == 1, result.output
    text = out.read_text(encoding="utf-8")
    if fmt != "svg":  # the data-flow diagram shows hosts, not findings
        assert "redacted" in text
    assert not _leaks(text, values)
    assert not _leaks(result.output, values)


@pytest.mark.parametrize("fmt", _formats("diff"))
def test_no_format_of_diff_shows_a_planted_secret(planted, tmp_path, fmt):
    pkg, values = planted
    clean = fixtures_dir() / "packages" / "minimal"
    for old, new in ((clean, pkg), (pkg, clean)):
        result = CliRunner().invoke(main, ["diff", str(old), str(new), "--format", fmt, "--fail-on", "never"])
        assert result.exit_code == 0, result.output
        assert not _leaks(result.output, values)


def test_the_last_step_catches_a_password_in_its_html_and_github_escaped_forms():
    from vetter.base.redact import redact, redacted_form

    password = "Ab3&Cd4%2FEf5"
    out = redact("<td>ftp://deploy:Ab3&amp;Cd4%2FEf5@files</td> %25 Ab3&Cd4%252FEf5", [("url-password", password)])
    form = redacted_form("url-password", password)
    assert out == f"<td>ftp://deploy:{form}@files</td> %25 {form}"


def test_worker_processes_hand_their_secrets_to_the_parent(tmp_path):
    """With --jobs, packages are checked in forked workers: the parent's last redaction step must still know their secrets."""
    from vetter.base.redact import scrub
    from vetter.commands.scan import run_options, scan
    from vetter.engine.catalog import discover
    from vetter.engine.settings import Settings

    rng = random.Random(2727)
    token = "ghp_" + _r(rng, 36)
    for i in range(3):
        pkg = tmp_path / f"p{i}"
        shutil.copytree(fixtures_dir() / "packages" / "minimal", pkg)
        (pkg / "readme.md").write_text(f"# Widgets\n\nclone https://{token if i == 2 else 'example'}@github.com/x\n")
    assert scrub(token) == token  # nothing in this process knows it yet
    catalog = discover(entry_points=False)
    settings = Settings().bind(catalog)
    sources = list(find_packages([str(tmp_path)]))
    scan(sources, catalog, settings, run_options(settings, catalog), jobs=2, parallel=sources)
    assert scrub(f"x {token} y").startswith("x [redacted github-token: 40 chars, starts 'ghp_'")
