"""--dlp-policy: the three export shapes, each decision path, unseen hosts, bad files (exit 2), the report."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from vetter.cli import main
from vetter.engine.cases import base_files
from vetter.model.package import package_from_files
from vetter.security.policyfile import parse_policies, read_policy_files
from vetter.security.profile import security_profile
from vetter.security.verdict import covers, decide, evaluate, glob_match

ROOT = Path(__file__).resolve().parents[1]
DLP = ROOT / "fixtures" / "dlp"
MINIMAL = ROOT / "fixtures" / "packages" / "minimal"
REPORT_SCHEMA = json.loads((ROOT / "vetter" / "schemas" / "report-v2.schema.json").read_text())


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def rules_of(policy):
    return [(r.order, r.group, r.pattern) for r in policy.ordered]


# -- the three shapes ---------------------------------------------------------------------------
def test_admin_api_export():
    [p] = read_policy_files([str(DLP / "admin-api.json")]).policies
    assert (p.shape, p.name, p.display_name, p.default_group, p.pointer) == (
        "admin-api", "5f1c2a3b-0000-4000-8000-00000000a001", "Contoso tenant policy", "non-business", "")
    assert rules_of(p)[0] == (1, "blocked", "http://*") and rules_of(p)[-1] == (8, "non-business", "*")
    assert [(c.group, c.name) for c in p.connectors] == [
        ("business", "SharePoint"), ("business", "Office 365 Outlook"), ("blocked", "Fabrikam Files")]
    assert p.url_rules_pointer == "/customConnectorUrlPatternsDefinition/rules"


def test_get_dlppolicy_list_flat_and_wrapped():
    flat, wrapped = read_policy_files([str(DLP / "get-dlppolicy.json")]).policies
    assert (flat.shape, flat.pointer, flat.label, flat.default_group) == ("get-dlppolicy", "/value/0", "Finance environments", "blocked")
    assert rules_of(flat) == [(1, "business", "https://*.contoso.com*"), (2, "blocked", "*")]
    assert flat.ordered[1].pointer == "/value/0/customConnectorUrlPatternsDefinition/1/rules/0"
    assert (wrapped.pointer, wrapped.label, rules_of(wrapped)) == ("/value/1", "Default environment", [(1, "ignore", "*")])


def test_powershell_outputs_merged_with_any_key_casing():
    [p] = read_policy_files([str(DLP / "powershell.json")]).policies
    assert (p.shape, p.display_name, p.default_group) == ("powershell", "Sales policy", "non-business")
    assert [(c.group, c.name, c.pointer) for c in p.connectors] == [("business", "Salesforce", "/0/ConnectorGroups/0/Connectors/0")]
    assert rules_of(p) == [(1, "business", "https://*.contoso.com*"), (2, "non-business", "https://*.fabrikam.com*"), (3, "blocked", "*")]
    [alone] = read_policy_files([str(DLP / "url-patterns.json")]).policies
    assert (alone.shape, alone.label, alone.default_group, rules_of(alone)[-1]) == (
        "powershell", str(DLP / "url-patterns.json"), None, (2, "ignore", "*"))


# -- matching and deciding -----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("pattern", "url", "hit"),
    [
        ("https://www.mycompany.com*", "https://www.mycompany.com", True),
        ("https://www.mycompany.com*", "https://www.mycompany.com.evil.io", True),  # a trailing * matches anything after
        ("https://*.contoso.com", "https://api.contoso.com", True),
        ("https://*.contoso.com", "https://contoso.com", False),
        ("https://*.contoso.com", "https://api.contoso.com:8443", False),
        ("HTTPS://API.Contoso.COM*", "https://api.contoso.com", True),
        ("https://api.contoso.co", "https://api.contoso.com", False),
        ("*", "", True),
        ("a?b", "axb", False),  # ? and [ are literal characters, not fnmatch syntax
        ("[ab]", "[ab]", True),
    ],
)
def test_glob_match(pattern, url, hit):
    assert glob_match(pattern, url) is hit


def test_glob_match_hostile_pattern_is_not_exponential():
    # 200 stars against a 5,000-character URL that almost matches: the two-index walk is O(n*m)
    assert glob_match("*a" * 200 + "b", "a" * 5000) is False


@pytest.mark.parametrize(
    ("above", "below", "dead"),
    [
        ("https://*.contoso.com*", "https://api.contoso.com/*", True),
        ("*", "https://anything*", True),
        ("https://api.contoso.com*", "https://*.contoso.com*", False),
        ("https://*.contoso.com*", "*://api.contoso.com*", False),
        ("*ab*", "*a*b*", False),
        ("*a*a*", "*aa*", True),
    ],
)
def test_covers(above, below, dead):
    assert covers(above, below) is dead


POLICY = {
    "policyDefinition": {
        "displayName": "Paths",
        "defaultConnectorsClassification": "Blocked",
        "connectorGroups": [{"classification": "General", "connectors": [{"name": "Listed Connector"}]}],
    },
    "customConnectorUrlPatternsDefinition": {"rules": [
        {"order": 3, "customConnectorRuleClassification": "Ignore", "pattern": "*"},
        {"order": 2, "customConnectorRuleClassification": "Blocked", "pattern": "https://*.contoso.com*"},
        {"order": 1, "customConnectorRuleClassification": "Confidential", "pattern": "https://api.contoso.com*"},
    ]},
}


def policy_of(doc):
    [p] = parse_policies("policy.json", json.dumps(doc).encode())
    return p


def test_each_decision_path():
    p = policy_of(POLICY)
    assert decide(p, "https://api.contoso.com") == ("business", p.url_rules[2])  # the first matching rule in order wins
    assert decide(p, "https://files.contoso.com") == ("blocked", p.url_rules[1])
    assert decide(p, "https://api.fabrikam.com") == ("ignore", p.url_rules[0])  # * is evaluated last whatever its place
    no_star = dict(POLICY, customConnectorUrlPatternsDefinition={"rules": POLICY["customConnectorUrlPatternsDefinition"]["rules"][1:]})
    assert decide(policy_of(no_star), "https://api.fabrikam.com") == ("blocked", None)  # the default group
    package = package_from_files("pkg", base_files("minimal"))
    profile = security_profile(package)
    by_name = evaluate(p, "listed connector", profile)
    assert (by_name.how, by_name.group, by_name.connector.name) == ("by-name", "non-business", "Listed Connector")
    by_url = evaluate(p, "Contoso Widgets", profile)
    assert (by_url.how, by_url.group, by_url.url, by_url.rule.order) == ("url-pattern", "business", "https://api.contoso.com", 1)


def test_script_host_no_pattern_covers_is_unseen_and_differs():
    files = base_files("minimal")
    files["script.csx"] = b'var r = new HttpRequestMessage(HttpMethod.Post, "https://collect.tracker.io/v2/e");\n'
    profile = security_profile(package_from_files("pkg", files))
    v = evaluate(policy_of(POLICY), "Contoso Widgets", profile)
    [u] = v.unseen
    assert (u.name, u.fixed, u.roles, u.group, u.rule.pattern, u.evidence.line) == ("collect.tracker.io", True, ("script",), "ignore", "*", 1)
    assert v.differing == (u,)


# -- bad files: one line, exit 2 ----------------------------------------------------------------
@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b'{"rules": [', "not valid JSON (line 1, column"),
        (b"", "not valid JSON (line 1, column 1: The file is empty.)"),
        (b"[]", "an empty list: no policy (at /)"),
        (b'"policy"', "the file holds a JSON str, not a DLP policy"),
        (b'{"value": {}}', "'value' is not a list of policies (at /value)"),
        (b'{"rules": [{"order": "first", "customConnectorRuleClassification": "Blocked", "pattern": "*"}]}', "'order' is 'first', not a whole number (at /rules/0/order)"),
        (b'{"rules": [{"order": 1, "customConnectorRuleClassification": "Blocked", "pattern": 7}]}', "'pattern' is 7, not a string (at /rules/0/pattern)"),
        (b'{"rules": [{"order": 1, "customConnectorRuleClassification": "Allow", "pattern": "*"}]}', "classification 'Allow' is not one of General, Confidential, Blocked or Ignore (at /rules/0/customConnectorRuleClassification)"),
        (b'{"policyDefinition": {"connectorGroups": [{"classification": "Ignore", "connectors": []}]}}', "classification 'Ignore' is not one of General, Confidential, Blocked (at /policyDefinition/connectorGroups/0/classification)"),
        (b'{"policyDefinition": {"displayName": 5}}', "'displayName' is 5, not a string (at /policyDefinition/displayName)"),
        (b'{"endpointConfigurations": []}', "no connector groups and no custom-connector URL patterns"),
        (b'{"environments": []}', "not a DLP policy: no policyDefinition, value, connectorGroups or URL pattern rules (at /)"),
    ],
)
def test_bad_policy_file_is_a_one_line_error(tmp_path, content, says):
    bad = tmp_path / "policy.json"
    bad.write_bytes(content)
    result = run("scan", str(MINIMAL), "--dlp-policy", str(bad))
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"vetter: error: --dlp-policy {bad}: "), result.output
    assert says in lines[0], lines[0]
    assert "Traceback" not in result.output


def test_huge_and_missing_policy_files(tmp_path):
    huge = tmp_path / "huge.json"
    huge.write_bytes(b'{"rules": [' + b" " * (16 * 1024 * 1024) + b"]}")
    result = run("scan", str(MINIMAL), "--dlp-policy", str(huge))
    assert (result.exit_code, result.output.strip()) == (2, f"vetter: error: --dlp-policy {huge}: larger than 16 MB; a DLP policy export is far smaller")
    many = tmp_path / "many.json"
    many.write_text(json.dumps({"rules": [{"order": i, "customConnectorRuleClassification": "General", "pattern": f"https://h{i}*"} for i in range(1001)]}))
    result = run("scan", str(MINIMAL), "--dlp-policy", str(many))
    assert (result.exit_code, result.output.strip()) == (2, f"vetter: error: --dlp-policy {many}: more than 1000 URL pattern rules (at /rules)")
    result = run("scan", str(MINIMAL), "--dlp-policy", str(tmp_path / "absent.json"))
    assert (result.exit_code, result.output.strip()) == (2, f"vetter: error: --dlp-policy {tmp_path / 'absent.json'}: No such file or directory")
    result = run("scan", str(MINIMAL), "--dlp-policy", str(tmp_path))
    assert (result.exit_code, result.output.strip()) == (2, f"vetter: error: --dlp-policy {tmp_path}: is a folder, not a policy file")


def test_utf16_powershell_output_is_read(tmp_path):
    f = tmp_path / "ps.json"
    f.write_bytes((DLP / "url-patterns.json").read_text().encode("utf-16"))  # Windows PowerShell's Out-File
    [p] = read_policy_files([str(f)]).policies
    assert rules_of(p) == [(1, "business", "https://api.contoso.com*"), (2, "ignore", "*")]


def test_policy_given_twice_is_read_once(tmp_path):
    copy = tmp_path / "copy.json"
    copy.write_bytes((DLP / "admin-api.json").read_bytes())
    same = str(DLP / "admin-api.json")
    policies = read_policy_files([same, same, str(copy)])
    assert [p.file for p in policies.policies] == [same]
    assert policies.duplicates == [(same, same), (str(copy), same)]
    renamed = tmp_path / "renamed.json"  # the same policy (by its name GUID) in another export
    doc = json.loads((DLP / "admin-api.json").read_text())
    doc["policyDefinition"]["displayName"] = "Edited copy"
    renamed.write_text(json.dumps(doc))
    policies = read_policy_files([same, str(renamed)])
    assert [p.display_name for p in policies.policies] == ["Contoso tenant policy"] and policies.duplicates == [(str(renamed), same)]


# -- the report ----------------------------------------------------------------------------------
def test_report_carries_policies_findings_and_portfolio_sorted_by_risk(tmp_path):
    blocked = tmp_path / "blocked"
    blocked.mkdir()
    files = base_files("minimal")
    files["apiDefinition.swagger.json"] = files["apiDefinition.swagger.json"].replace(b'"schemes": ["https"]', b'"schemes": ["http"]')
    for name, raw in files.items():
        (blocked / name).write_bytes(raw)
    out = tmp_path / "r.json"
    result = run("scan", str(MINIMAL), str(blocked), "--dlp-policy", str(DLP / "admin-api.json"), "--dlp-policy", str(DLP / "url-patterns.json"),
                 "--format", "json", "-o", str(out))
    assert result.exit_code == 1, result.output
    data = json.loads(out.read_text())
    jsonschema.validate(data, REPORT_SCHEMA)
    dlp = data["dlp"]
    assert [p["label"] for p in dlp["policies"]] == ["Contoso tenant policy", str(DLP / "url-patterns.json")]
    admin, alone = str(DLP / "admin-api.json"), str(DLP / "url-patterns.json")
    assert [(f["rule"], f["file"], f["pointer"], f["line"]) for f in dlp["findings"]] == [
        *(("DLP009", admin, f"/customConnectorUrlPatternsDefinition/rules/{i}", 40 + i) for i in (2, 3, 4, 5)),  # host* patterns
        ("DLP007", admin, "/customConnectorUrlPatternsDefinition/rules/6", 46),  # under rule 6
        ("DLP009", alone, "/rules/0", 3),
    ]
    rows = dlp["portfolio"]
    assert [(r["origin"], r["severity"], [v["group"] for v in r["verdicts"]]) for r in rows] == [
        (str(blocked), 3, ["blocked", "ignore"]),  # http://* blocks it; in the second, https://api.contoso.com* does not match http
        (str(MINIMAL), 0, ["business", "business"]),
    ]
    assert dlp["policies"][0]["groups"] == {"business": 1, "non-business": 0, "blocked": 1, "ignore": 0}
    text = run("report", str(out)).output
    assert "DLP policies (--dlp-policy)" in text and "portfolio: 2 package(s), most at risk first" in text
    assert text.index("Blocked (order 1 'http://*')") < text.index("Business (order 6 'https://api.contoso.com")
    markdown = run("report", str(out), "--format", "markdown").output
    assert "| connector | [1] `Contoso tenant policy` |" in markdown  # policy text in a code span, as package text
    html = run("report", str(out), "--format", "html").output
    assert 'id="dlp-table"' in html and "Contoso tenant policy" in html


def test_without_dlp_policy_the_report_has_no_dlp_object():
    data = json.loads(run("scan", str(MINIMAL), "--format", "json").output.split("\nvetter:")[0])
    assert "dlp" not in data and "dlp_policies" not in data["packages"][0]["security"]


DIFF_SCHEMA = json.loads((ROOT / "vetter" / "schemas" / "diff-report-v1.schema.json").read_text())


def test_diff_shows_each_policys_verdict_on_both_versions(tmp_path):
    new = tmp_path / "new"
    new.mkdir()
    files = base_files("minimal")
    files["apiDefinition.swagger.json"] = files["apiDefinition.swagger.json"].replace(b'"schemes": ["https"]', b'"schemes": ["http"]')
    files["script.csx"] = b'var r = new HttpRequestMessage(HttpMethod.Post, "https://collect.tracker.io/v2/e");\n'
    for name, raw in files.items():
        (new / name).write_bytes(raw)
    out = tmp_path / "d.json"
    result = run("diff", str(MINIMAL), str(new), "--dlp-policy", str(DLP / "admin-api.json"), "--format", "json", "-o", str(out))
    assert result.exit_code == 1, result.output  # the scheme change is breaking; the DLP move is reported, not counted
    data = json.loads(out.read_text())
    jsonschema.validate(data, DIFF_SCHEMA)
    [v] = data["dlp"]["verdicts"]
    assert (v["old"]["group"], v["new"]["group"], v["moved"], v["new_unseen_hosts"]) == ("business", "blocked", True, ["collect.tracker.io"])
    assert v["new"]["decided_by"] == "URL rule order 1 'http://*' -> Blocked, matched by 'http://api.contoso.com'"
    text = run("report", str(out)).output
    assert "DLP policy [1] Contoso tenant policy: Business -> Blocked (URL rule order 1 'http://*'" in text
    assert "new hosts no policy decision sees: collect.tracker.io" in text
    assert "| Contoso tenant policy | Business | **Blocked** |" in run("report", str(out), "--format", "markdown").output
    assert "dlp" not in json.loads(run("diff", str(MINIMAL), str(new), "--format", "json").output.split("\nvetter")[0])
