"""Security profile: data tables, host facts, auth kinds, folding of script hosts and secrets, report shape."""

from __future__ import annotations

import json
import re

import jsonschema
import pytest

from vetter.engine.cases import base_files
from vetter.model.package import package_from_files
from vetter.security.hosts import address_range, classify, data, in_geographies, public_suffix
from vetter.security.profile import security_profile


def make(swagger_patch=None, props_patch=None, extra=None):
    files = base_files("minimal")
    sw = json.loads(files["apiDefinition.swagger.json"])
    ap = json.loads(files["apiProperties.json"])
    (swagger_patch or (lambda d: None))(sw)
    (props_patch or (lambda d: None))(ap)
    files["apiDefinition.swagger.json"] = json.dumps(sw, indent=2).encode()
    files["apiProperties.json"] = json.dumps(ap, indent=2).encode()
    files.update(extra or {})
    return package_from_files("p", files, kind="folder")


# -- data files ----------------------------------------------------------------------------
def test_data_files_name_their_source_and_use_valid_geographies():
    geo = data("geography")
    for name in ("geography", "operators", "dlp"):
        assert data(name)["_source"].strip()
    assert len(geo["eu_members"]) == 27 and all(re.fullmatch(r"[A-Z]{2}", c) for c in geo["eu_members"])
    assert geo["eea_members_outside_eu"] == ["IS", "LI", "NO"] and "2019/517" in geo["eea_source"]
    valid = re.compile(r"^([A-Z]{2}|EU|EEA|UK)$")
    for table in ("region_labels", "region_prefixes", "region_tokens", "cctld_country"):
        for key, value in geo[table].items():
            assert value is None or valid.match(value), (table, key, value)
            assert key == key.lower()


def test_every_residency_row_cites_its_source_and_names_a_valid_geography():
    geo = data("geography")
    valid = re.compile(r"^([A-Z]{2}|EU|EEA|UK)$")  # EEA: an operator that says "EU/EEA" (Dokobit)
    rows = [*geo["government_domains"].items()]
    rows += [(k, v) for table in ("regional_endpoints", "operator_regions") for k, v in geo[table].items() if not k.startswith("_")]
    assert len(rows) >= 30
    for suffix, row in rows:
        assert (suffix == suffix.lower() and "." in suffix) or suffix in ("gov", "mil"), suffix
        assert row["geography"] is None or valid.match(row["geography"]), (suffix, row)
        assert row["source"].strip() and row["says"].strip(), suffix
    assert all(t in geo["region_tokens"] for t in geo["glued_region_tokens"])
    words = {k: v for k, v in geo["cctld_word_domains"].items() if not k.startswith("_")}
    assert sorted(words) == ["bt.tn"]
    assert all(re.fullmatch(r"[a-z0-9-]+\.[a-z]{2}", k) and v["source"].startswith("https://") and v["says"] for k, v in words.items())
    assert not set(geo["macro_regions"]) & set(geo["region_tokens"])
    assert data("cdn")["_source"].strip() and data("cdn")["ranges"]["Cloudflare"]


@pytest.mark.parametrize(
    "host, geography, strength, kind",
    [
        ("accounts.zoho.com", "US", "strong", "regional-endpoint"),  # Zoho's US data center
        ("accounts.zoho.in", "IN", "strong", "regional-endpoint"),  # .in alone is no evidence: the row is
        ("api.github.com", "US", "strong", "operator-region"),
        ("ec1.api.rev.ai", "EU", "strong", "regional-endpoint"),  # the longer row wins over api.rev.ai (US)
        ("api.airtable.com", "unknown", "none", "regional-endpoint"),  # one host for every region: recorded, not placed
        ("discord.com", "US", "strong", "operator-region"),  # "Our customer data is stored exclusively in the United States"
        ("api.pushover.net", "US", "strong", "operator-region"),  # "All of Pushover's servers are located within the United States"
        ("envoy-plugin-ms-flow.apps.envoy.com", "US", "strong", "operator-region"),  # AWS us-east-1, us-west-1, us-west-2
        ("app.dokobit.com", "EEA", "strong", "operator-region"),  # "stored and processed within the ... (EU/EEA)"
        ("api.badgr.io", "US", "strong", "regional-endpoint"),  # Instructure's US environment of Canvas Credentials
        ("api.eu.badgr.io", "EU", "medium", "region-token"),  # its EU environment: the US row does not swallow it
        ("api.craftmypdf.com", "SG", "strong", "regional-endpoint"),  # "Default (Singapore)"
        ("api.sapling.ai", "US", "strong", "regional-endpoint"),  # "located on Amazon Web Services (AWS) in the us-west region"
        ("api.aftership.com", "US", "strong", "operator-region"),  # "hosted on ... in the United States of America"
        ("logo.clearbit.com", "US", "strong", "operator-region"),  # its hosting sub-processors: "Data Center United States"
        ("powerplatform.dimescheduler.com", "EEA", "strong", "operator-region"),  # "never leaves EU boundaries"
        ("onetimesecret.com", "unknown", "none", "regional-endpoint"),  # "routes to an active region": recorded, not placed
        ("eu.onetimesecret.com", "EU", "medium", "regional-endpoint"),  # a row without a geography hides no region label
        ("sso.bt.tn", "unknown", "none", None),  # bt.tn spells "bttn": the .tn completes a word, it names no market
        ("api.nasa.gov", "US", "medium", "government-domain"),
        ("api.companieshouse.gov.uk", "UK", "medium", "government-domain"),
        ("integrationuae.asite.com", "AE", "medium", "region-token"),  # a region token glued to the label's end
        ("api-eu1.vendor.com", "EU", "medium", "region-token"),
        ("emea.api.vendor.com", "unknown", "none", "region-token"),  # a region of several countries: known, not placed
        ("api.shrtco.de", "DE", "weak", "country-tld"),
        ("eu-west-1.api.vendor.com", "EU", "strong", "cloud-region"),
        ("api.vendor.com", "unknown", "none", None),
    ],
)
def test_host_geography_names_its_evidence_and_strength(host, geography, strength, kind):
    from vetter.security.hosts import best

    facts = classify(host)
    chosen = best(facts.evidence)
    assert facts.geography == geography
    assert (chosen.strength if chosen and chosen.geography == geography else "none") == strength
    assert (facts.evidence[0].kind if facts.evidence else None) == kind


def test_an_operator_row_carries_its_page_and_places_the_hosts_under_it():
    facts = classify("app.dokobit.com")
    assert [(e.kind, e.strength, e.geography, e.source) for e in facts.evidence] == [
        ("operator-region", "strong", "EEA", "https://www.dokobit.com/no/mobile/privacy-policy"),
    ]
    assert classify("discord.com").evidence[0].source == "https://discord.com/safety/360044157931-Working-with-law-enforcement"
    assert classify("notdokobit.com").geography == "unknown"  # a row matches whole labels, not a substring
    assert classify("api.craftmypdf.com").evidence[0].source == "https://support.craftmypdf.com/regional-api-endpoints"
    assert classify("api.badgr.io").evidence[0].source == "https://developerdocs.instructure.com/services/credentials"
    assert classify("powerplatform.dimescheduler.com").evidence[0].source == "https://www.dimescheduler.com/governance"
    assert classify("api.sapling.ai").evidence[0].source == "https://sapling.ai/docs/data"
    assert classify("sapling.ai").geography == "unknown"  # a regional-endpoint row places its one host, not the domain


def test_dlp_table_rows_each_have_a_condition():
    from vetter.security.dlp import ORDER, _conditions

    rows = data("dlp")["rows"]
    p = security_profile(make())
    assert [r["id"] for r in rows] == list(_conditions(p))
    assert all(r["group"] in ORDER for r in rows) and rows[-1]["id"] == "default-business"


# -- hosts -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "host, flags, operator, geography",
    [
        ("graph.microsoft.com", (), "microsoft", "global"),
        ("widgetfunc.azurewebsites.net", (), "microsoft-cloud-publisher", "unknown"),
        ("prod-14.ukwest.logic.azure.com", (), "microsoft-cloud-publisher", "UK"),
        ("api-eu.dhl.com", (), "third-party", "EU"),
        ("au.public-api.lawvu.com", (), "third-party", "AU"),
        ("x1.execute-api.us-east-2.amazonaws.com", (), "third-party", "US"),
        ("api.hubapi.com", (), "third-party", "unknown"),
        ("api.airvisual.com", (), "third-party", "unknown"),
        ("avoindata.prh.fi", (), "third-party", "FI"),
        ("api.in-d.ai", (), "third-party", "unknown"),
        ("dev.to", (), "third-party", "unknown"),
        ("hello-charles.eu.ngrok.io", ("tunnel",), "third-party", "unknown"),
        ("sandbox-api.navisphere.com", ("non-production",), "third-party", "unknown"),
        ("localhost", ("reserved-name",), "third-party", "unknown"),
        ("169.254.169.254", ("ip-literal", "private-address"), "third-party", "unknown"),
        ("www.example.com", ("placeholder",), "third-party", "unknown"),
        ("definedinconnectionparameters", ("invalid-name", "placeholder"), "third-party", "unknown"),
        ("login.microsoftonline.us", (), "microsoft", "US"),
    ],
)
def test_host_facts(host, flags, operator, geography):
    facts = classify(host)
    assert set(facts.flags) == set(flags)
    assert (facts.operator, facts.geography) == (operator, geography)


def test_public_suffix_comes_from_the_bundled_list_and_unknown_tlds_are_none():
    assert public_suffix("a.b.co.uk") == ("co.uk", "b.co.uk")
    assert public_suffix("x.foo.azurewebsites.net")[1] == "foo.azurewebsites.net"
    assert public_suffix("api.notarealtld") == (None, None)


def test_address_ranges_and_geography_membership():
    assert address_range("10.1.2.3") == "private"
    assert address_range("100.64.0.1") == "carrier-grade NAT"
    assert address_range("::1") == "loopback"
    assert address_range("8.8.8.8") is None
    assert in_geographies("DE", ("EU",)) is True
    assert in_geographies("US", ("EU", "UK")) is False
    assert in_geographies("unknown", ("EU",)) is None


def test_sample_company_is_a_placeholder_unless_it_is_the_publishers_own_domain():
    assert "placeholder" in classify("api.contoso.com").flags
    assert "placeholder" not in classify("api.contoso.com", frozenset({"contoso.com"})).flags


# -- auth ---------------------------------------------------------------------------------------
def test_api_key_is_a_stored_credential_with_the_escalation_statement():
    (scheme,) = security_profile(make()).auth.schemes
    assert (scheme.kind, scheme.identity, scheme.api_key_in, scheme.api_key_name) == ("apikey", "stored-credential", "header", "X-API-Key")
    assert "privilege-escalation path reviewers look for" in scheme.sharing


def test_aad_on_a_sovereign_cloud_is_delegated_and_names_the_cloud():
    def props(ap):
        ap["properties"]["connectionParameters"] = {
            "token": {"type": "oauthSetting", "oAuthSettings": {"identityProvider": "aad", "clientId": "[[DummyValue]]", "scopes": [],
                      "redirectMode": "GlobalPerConnector", "customParameters": {"loginUri": {"value": "https://login.microsoftonline.us"},
                      "resourceUri": {"value": "https://graph.microsoft.us"}, "tenantId": {"value": "common"}}}}
        }

    p = security_profile(make(props_patch=props))
    (scheme,) = p.auth.schemes
    assert (scheme.kind, scheme.identity, scheme.oauth.cloud, scheme.oauth.resource) == ("aad", "delegated", "us-government", "https://graph.microsoft.us")
    assert "co-owners always act through the connection's identity" in scheme.sharing
    login = next(h for h in p.hosts if h.host == "login.microsoftonline.us")
    assert login.geography == "US" and login.found[0].role == "oauth-login"


def test_client_credentials_grant_is_a_stored_credential():
    def props(ap):
        ap["properties"]["connectionParameters"] = {
            "token": {"type": "oauthSetting", "oAuthSettings": {"identityProvider": "oauth2generic", "clientId": "x", "scopes": ["a"],
                      "customParameters": {"tokenUrlTemplate": {"value": "https://auth.contoso.com/token"},
                                           "tokenBodyTemplate": {"value": "grant_type=client_credentials&client_id={ClientId}"}}}}
        }

    (scheme,) = security_profile(make(props_patch=props)).auth.schemes
    assert (scheme.kind, scheme.identity) == ("oauth2generic", "stored-credential")


def test_parameter_sets_give_one_scheme_each():
    def props(ap):
        ap["properties"]["connectionParameterSets"] = {"values": [
            {"name": "key", "parameters": {"api_key": {"type": "securestring"}}},
            {"name": "oauth", "parameters": {"token": {"type": "oauthSetting", "oAuthSettings": {"identityProvider": "oauth2", "scopes": ["read"]}}}},
        ]}

    auth = security_profile(make(props_patch=props)).auth
    assert auth.kind == "multiple"
    assert [(s.set_name, s.kind, s.identity) for s in auth.schemes] == [("key", "apikey", "stored-credential"), ("oauth", "oauth2", "delegated")]


def test_no_parameters_and_no_definitions_is_anonymous():
    def sw(d):
        d.pop("securityDefinitions")
        d.pop("security")

    def props(ap):
        ap["properties"]["connectionParameters"] = {}

    (scheme,) = security_profile(make(sw, props)).auth.schemes
    assert (scheme.kind, scheme.identity) == ("none", "anonymous")


# -- folding of the script's hosts and secrets (interfaces owned by another area) -----------------
def test_script_hosts_and_secrets_are_folded_into_the_profile(monkeypatch):
    import vetter.model.csx
    import vetter.security.secrets
    from vetter.model.csx import ScriptHost
    from vetter.security.secrets import SecretHit

    monkeypatch.setattr(vetter.model.csx, "script_hosts", lambda package: [
        ScriptHost("api.other-vendor.io", "https://api.other-vendor.io/v1", 12, 20, "literal", "new Uri(...)"),
        ScriptHost(None, "new Uri(baseUrl)", 30, 9, "computed", "RequestUri assignment"),
    ])
    monkeypatch.setattr(vetter.security.secrets, "find_secrets", lambda package: [
        SecretHit("aws-access-key", "script.csx", None, 5, 10, "error", "AKIA…", "AKIAIOSFODNN7EXAMPLE"),
    ])
    package = make(extra={"script.csx": b"public class Script : ScriptBase {}\n"})
    p = security_profile(package)
    literal = next(h for h in p.hosts if h.host == "api.other-vendor.io")
    assert [(f.role, f.evidence.file, f.evidence.pointer, f.evidence.line) for f in literal.found] == [("script", "script.csx", None, 12)]
    computed = next(h for h in p.hosts if h.host is None)
    assert "free-text-host" in computed.flags and computed.found[0].evidence.line == 30
    assert [s.kind for s in p.secrets] == ["aws-access-key"]
    assert p.dlp.group == "blocked"
    assert {r.id for r in p.dlp.reasons} >= {"committed-secret", "free-text-host"}

    from vetter.report.export import profile_dict

    d = profile_dict(package)
    assert d["secrets"] == [{"kind": "aws-access-key", "severity": "error", "redacted": "AKIA…", "file": "script.csx", "pointer": None, "line": 5}]
    assert "AKIAIOSFODNN7EXAMPLE" not in json.dumps(d)


# -- templated hosts, residency, DLP ---------------------------------------------------------------
def test_constrained_regional_host_lists_each_choice_with_its_geography():
    def props(ap):
        ap["properties"]["connectionParameters"]["region"] = {"type": "string", "allowedValues": [{"value": "eu"}, {"value": "us"}]}
        ap["properties"]["policyTemplateInstances"] = [{"templateId": "DynamicHostUrl", "parameters": {"x-ms-apimTemplateParameter.urlTemplate": "https://api-{region}.vendor.com"}}]

    p = security_profile(make(props_patch=props))
    host = next(h for h in p.hosts if not h.fixed)
    (source,) = host.sources
    assert source.constrained and source.choices == (("eu", "api-eu.vendor.com", "EU"), ("us", "api-us.vendor.com", "US"))
    assert "free-text-host" not in host.flags and host.fixed_domain == "vendor.com"
    swagger_host = next(h for h in p.hosts if h.host == "api.contoso.com")
    assert "unused" in swagger_host.flags and swagger_host not in p.egress
    assert p.dlp.group == "non-business" and p.dlp.reasons[0].id == "templated-host-constrained"
    assert p.dlp_patterns() == ["https://*.vendor.com/*"]


def test_private_address_host_is_blocked_first():
    p = security_profile(make(lambda d: d.update(host="10.0.0.7")))
    assert p.dlp.group == "blocked" and p.dlp.reasons[0].id == "private-address"
    assert p.dlp.reasons[0].evidence[0].pointer == "/host"


# -- the report -----------------------------------------------------------------------------------
def test_json_report_carries_a_valid_security_profile_with_lines(tmp_path):
    from pathlib import Path

    from click.testing import CliRunner

    from vetter.cli import main

    schema = json.loads(Path(__file__).resolve().parent.parent.joinpath("vetter", "schemas", "report-v2.schema.json").read_text(encoding="utf-8"))
    result = CliRunner().invoke(main, ["scan", "fixtures/packages/minimal", "fixtures/packages/contoso-tickets", "--format", "json", "--residency", "EU"])
    report = json.loads(result.stdout)
    jsonschema.validate(report, schema)
    by_name = {p["name"]: p for p in report["packages"]}
    sec = by_name["minimal"]["security"]
    assert sec["auth"]["kind"] == "apikey"
    assert sec["egress"]["hosts"][0]["found"][0] == {"role": "api-host", "operations": [], "file": "apiDefinition.swagger.json", "pointer": "/host", "line": 13}
    assert sec["residency"]["allowed"] == ["EU"] and sec["dlp"]["group"] == "non-business"
    assert {f["rule"] for f in by_name["minimal"]["findings"]} == {"SEC014"}
    assert result.exit_code == 0  # unknown geographies are warnings


def test_residency_outside_is_an_error_and_sets_the_exit_code(tmp_path):
    from click.testing import CliRunner

    from vetter.cli import main

    def package_with_host(host: bytes, name: str):
        pkg = tmp_path / name
        pkg.mkdir()
        for file, raw in base_files("minimal").items():
            if file == "apiDefinition.swagger.json":
                raw = raw.replace(b'"api.contoso.com"', host)
            (pkg / file).write_bytes(raw)
        return pkg

    pkg = package_with_host(b'"widgets.ap-southeast-2.vendor.com"', "region")  # a cloud region: strong evidence
    result = CliRunner().invoke(main, ["scan", str(pkg), "--residency", "EU,UK"])
    assert result.exit_code == 1
    assert "SEC014" in result.output and "is in AU" in result.output
    assert "host: widgets.ap-southeast-2.vendor.com  AU, third-party, fixed" in result.output
    assert CliRunner().invoke(main, ["scan", str(pkg)]).exit_code == 0
    # a country-code domain alone is weak evidence: outside the policy is then a warning, not an error
    cctld = package_with_host(b'"api.widgets.com.au"', "cctld")
    result = CliRunner().invoke(main, ["scan", str(cctld), "--residency", "EU,UK"])
    assert result.exit_code == 0 and "warning SEC014 'api.widgets.com.au' is in AU" in result.output


def test_suffix_lookup_agrees_with_the_library_on_hard_cases():
    from publicsuffixlist import PublicSuffixList

    library = PublicSuffixList(accept_unknown=False)
    for host in ("a.b.kawasaki.jp", "city.kawasaki.jp", "x.y.ck", "www.ck", "foo.blogspot.co.uk", "a.b.xn--p1ai",
                 "api.sky.blackbaud.com", "x.s3.us-east-2.amazonaws.com", "foo.github.io", "prod-93.westeurope.logic.azure.com"):
        assert public_suffix(host) == (library.publicsuffix(host), library.privatesuffix(host)), host


def test_the_search_for_one_tld_finds_the_rules_a_read_of_every_line_finds():
    """The suffix lookup searches the list for the TLDs a run meets; reading and grouping every line
    (what a run past SEARCHED_TLDS does) must give the same rules, in order, for every TLD of the list,
    every TLD a corpus swagger's host uses, and names that are no TLD."""
    from tests.conftest import shared_dir
    from vetter.security import hosts

    lines = [line for line in hosts._psl_text().splitlines() if not line.startswith("//")]
    assert lines == [line.lower() for line in lines]  # the search is case-sensitive; the grouping lower-cases
    groups = hosts._psl_groups()
    # the bundled list's size depends on the publicsuffixlist release (1,448 TLDs in 1.1.2.20261023,
    # 1,457 in the lower bound's 1.0.0.20240620): a sanity check, not a count
    assert len(groups) > 1000 and "co.uk" in groups["uk"] and groups["рф"] == ["рф"]
    corpus = set()
    for path in shared_dir("corpus").glob("*/*/*.swagger.json"):
        for host in re.findall(rb'"host"\s*:\s*"([^"]*)"', path.read_bytes()):
            corpus.add(host.decode("utf-8", "replace").strip(".").rsplit(".", 1)[-1].lower())
    assert {"com", "net", "io", "ai", "uk"} <= corpus
    made_up = {"notarealtld", "local", "internal", "a", "om", "com.", ".com", "c om", "//", "!com", "*"}
    for tld in sorted(set(groups) | corpus | made_up):
        assert hosts._psl_rules(tld) == groups.get(tld, []), tld


def test_the_lookup_of_plain_names_in_the_set_of_lines_agrees_with_the_tld_groups(monkeypatch):
    """A name of plain ASCII labels looks its candidate rules up in the set of the list's lines
    (``_ascii_rules_for``); every other name reads its TLD's group. Both must give the same answer:
    for every rule of the list under one and two more labels (wildcards filled in, exceptions as
    names), every corpus host, and made-up names."""
    from tests.conftest import shared_dir
    from vetter.security import hosts

    rules = [line for line in hosts._psl_text().splitlines() if line and not line.startswith("//")]
    # the set lookup relies on these: a rule is a whole line, and no rule written in Unicode has an ASCII form without xn--
    assert all(rule == rule.strip() and not any(c.isspace() for c in rule) for rule in rules)
    for rule in rules:
        if all(hosts._PLAIN_LABEL.match(label.lstrip("!").replace("*", "x")) and not label.startswith("xn--") for label in hosts._ascii(rule).split(".")):
            assert rule.isascii(), rule
    names = {prefix + rule.lstrip("!").replace("*", "x") for rule in rules for prefix in ("", "a.", "a.b.")}
    for path in shared_dir("corpus").glob("*/*/*.swagger.json"):
        names.update(h.decode("utf-8", "replace") for h in re.findall(rb'"host"\s*:\s*"([^"]*)"', path.read_bytes()))
    names |= {"api.notarealtld", "www.ck", "a.www.ck", "x.y.ck", "com", "a..com", "A.B.CO.UK", "x.xn--p1ai", "x.*.com", "x.!com", "// x.com", "a.b.c.d.e.f.g.h.i.j.k.kawasaki.jp"}
    fast = {name: hosts.public_suffix.__wrapped__(name) for name in sorted(names)}
    assert sum(hosts._ascii_rules_for(hosts._ascii(n.strip(".")).split(".")) is not None for n in names) > len(names) // 2
    monkeypatch.setattr(hosts, "_ascii_rules_for", lambda labels: None)
    for name, found in fast.items():
        assert hosts.public_suffix.__wrapped__(name) == found, name


def test_a_run_of_many_tlds_groups_the_list_once(monkeypatch):
    from vetter.security import hosts

    monkeypatch.setattr(hosts, "_searched", ["x"] * hosts.SEARCHED_TLDS)
    hosts._psl.cache_clear()
    try:
        assert public_suffix("a.b.kawasaki.jp") == ("b.kawasaki.jp", "a.b.kawasaki.jp")
        assert public_suffix("api.widgets.co.uk") == ("co.uk", "widgets.co.uk")
        assert hosts._psl_groups.cache_info().currsize == 1
    finally:
        hosts._psl.cache_clear()
        hosts._psl_groups.cache_clear()


@pytest.mark.parametrize(
    "name, expected",
    [("email", "email"), ("contactEmail", "email"), ("emailId", "email"), ("sendEmail", None), ("emailTemplateId", None),
     ("hs_email_open", None), ("zip_code", "postal-address"), ("address_line_1", "postal-address"), ("ipAddress", "ip-address"),
     ("mobilePhone", "phone"), ("phoneType", None), ("date_of_birth", "birth-date"), ("taxId", "national-id"), ("IBAN", "iban")],
)
def test_personal_data_categories_by_name(name, expected):
    from vetter.security.personal import category

    assert category(name) == expected


def test_personal_data_by_format_and_summary():
    from vetter.security.personal import category

    assert category("to", "email") == "email"
    assert category("value", None, "Home address") == "postal-address"


def test_the_dlp_table_in_the_docs_is_the_data_table():
    from pathlib import Path

    doc = Path(__file__).resolve().parent.parent.joinpath("docs", "security.md").read_text(encoding="utf-8")
    documented = re.findall(r"^\| (\d+) \| `([a-z-]+)` \| ([a-z-]+) \| (.+) \|$", doc, re.MULTILINE)
    rows = data("dlp")["rows"]
    assert [(d[1], d[2], d[3]) for d in documented] == [(r["id"], r["group"], r["text"]) for r in rows]


def test_webhook_registration_is_recorded_on_the_host_it_goes_to():
    def sw(d):
        d["paths"]["/hooks"] = {"post": {"operationId": "OnWidget", "x-ms-trigger": "single", "parameters": [
            {"name": "body", "in": "body", "schema": {"type": "object", "properties": {"callback": {"type": "string", "x-ms-notification-url": True}}}},
            {"name": "url", "in": "query", "type": "string", "x-ms-notification-url": True}], "responses": {"201": {"description": "ok"}}}}

    (host,) = security_profile(make(sw)).hosts
    webhook = [f for f in host.found if f.role == "webhook"]
    assert [(f.operations, f.evidence.pointer) for f in webhook] == [
        (("OnWidget",), "/paths/~1hooks/post/parameters/0/schema/properties/callback/x-ms-notification-url"),
        (("OnWidget",), "/paths/~1hooks/post/parameters/1/x-ms-notification-url"),
    ]


def test_webhook_registration_through_a_shared_or_path_level_body_is_recorded():
    """A callback body declared once under ``parameters`` and referenced (as three certified
    connectors do: OpenText ContentServer and eDOCS, Way We Do), or declared on the path item, was
    not read: the profile had no webhook use for those triggers."""
    def sw(d):
        marked = {"type": "object", "properties": {"callback": {"type": "string", "x-ms-notification-url": True}}}
        d["parameters"] = {"Hook": {"name": "body", "in": "body", "schema": marked}}
        d["paths"]["/a"] = {"post": {"operationId": "OnA", "x-ms-trigger": "single", "parameters": [{"$ref": "#/parameters/Hook"}],
                                     "responses": {"201": {"description": "ok"}}}}
        d["paths"]["/b"] = {"parameters": [{"$ref": "#/parameters/Hook"}],
                            "post": {"operationId": "OnB", "x-ms-trigger": "single", "responses": {"201": {"description": "ok"}}}}

    (host,) = security_profile(make(sw)).hosts
    webhook = [f for f in host.found if f.role == "webhook"]
    assert [(f.operations, f.evidence.pointer) for f in webhook] == [
        (("OnA",), "/parameters/Hook/schema/properties/callback/x-ms-notification-url"),
        (("OnB",), "/parameters/Hook/schema/properties/callback/x-ms-notification-url"),
    ]


def test_webhook_registration_through_a_property_s_reference_is_recorded():
    """A body whose property is a definition holding the callback property (here two levels down, and
    a second trigger whose whole body is that definition): the profile read only a body's own
    properties, so neither trigger had a webhook use, though OPR030-OPR032 see them. Each marked
    property is noted once, under the first trigger whose body reaches it; the second names one."""
    def sw(d):
        d.setdefault("definitions", {})
        d["definitions"]["Sub"] = {"type": "object", "properties": {
            "notificationUrl": {"type": "string", "x-ms-notification-url": True}, "filter": {"$ref": "#/definitions/Filter"}}}
        d["definitions"]["Filter"] = {"type": "object", "properties": {"replyTo": {"type": "string", "x-ms-notification-url": True}}}
        d["paths"]["/hooks"] = {"post": {"operationId": "OnWidget", "x-ms-trigger": "single", "parameters": [
            {"name": "body", "in": "body", "schema": {"type": "object", "properties": {"subscription": {"$ref": "#/definitions/Sub"}}}}],
            "responses": {"201": {"description": "ok"}}}}
        d["paths"]["/subs"] = {"post": {"operationId": "OnSub", "x-ms-trigger": "single", "parameters": [
            {"name": "body", "in": "body", "schema": {"$ref": "#/definitions/Sub"}}], "responses": {"201": {"description": "ok"}}}}

    (host,) = security_profile(make(sw)).hosts
    webhook = [f for f in host.found if f.role == "webhook"]
    assert [(f.operations, f.evidence.pointer) for f in webhook] == [
        (("OnWidget",), "/definitions/Sub/properties/notificationUrl/x-ms-notification-url"),
        (("OnWidget",), "/definitions/Filter/properties/replyTo/x-ms-notification-url"),
        (("OnSub",), "/definitions/Sub/properties/notificationUrl/x-ms-notification-url"),
    ]


def test_webhook_registration_through_a_nested_body_property_is_recorded():
    """A callback URL one level down in the body (``config.url``, as 13 certified connectors write
    it): the profile read only the body's own properties."""
    def sw(d):
        d["paths"]["/hooks"] = {"post": {"operationId": "OnWidget", "x-ms-trigger": "single", "parameters": [
            {"name": "body", "in": "body", "schema": {"type": "object", "properties": {"config": {"type": "object", "properties": {
                "url": {"type": "string", "x-ms-notification-url": True}}}}}}], "responses": {"201": {"description": "ok"}}}}

    (host,) = security_profile(make(sw)).hosts
    webhook = [f for f in host.found if f.role == "webhook"]
    assert [(f.operations, f.evidence.pointer) for f in webhook] == [
        (("OnWidget",), "/paths/~1hooks/post/parameters/0/schema/properties/config/properties/url/x-ms-notification-url")]


def test_expression_host_choices_get_their_geography():
    def props(ap):
        ap["properties"]["connectionParameters"]["environment"] = {"type": "string", "allowedValues": [{"value": "api.us.vendor.com"}, {"value": "api.eu.vendor.com"}]}
        ap["properties"]["policyTemplateInstances"] = [{"templateId": "dynamichosturl", "parameters": {"x-ms-apimTemplateParameter.urlTemplate": "@connectionParameters('environment')"}}]

    host = next(h for h in security_profile(make(props_patch=props)).hosts if not h.fixed)
    assert host.sources[0].choices == (("api.us.vendor.com", "api.us.vendor.com", "US"), ("api.eu.vendor.com", "api.eu.vendor.com", "EU"))
    assert host.geography == "unknown" and "api.eu.vendor.com -> EU" in host.geography_evidence
    assert security_profile(make(props_patch=props)).dlp_patterns() == ["https://api.eu.vendor.com/*", "https://api.us.vendor.com/*"]


def _region_list(*hosts):
    return {"type": "string", "uiDefinition": {"displayName": "Host", "constraints": {"allowedValues": [{"text": h, "value": h} for h in hosts]}}}


def test_an_expression_naming_a_token_parameter_builds_each_choice_s_host():
    """``@connectionParameters('token:host')`` names the parameter ``host`` as ``{token:host}`` does: each
    allowed value was matched against 'token:host' whole and never substituted, so the choice's host
    was the expression's own text ("connectionparameters('token") and so was its DLP pattern."""
    def props(ap):
        ap["properties"]["connectionParameters"]["token:host"] = _region_list("au.api.vendor.com", "eu.api.vendor.com")
        ap["properties"]["policyTemplateInstances"] = [
            {"templateId": "dynamichosturl", "parameters": {"x-ms-apimTemplateParameter.urlTemplate": "https://@connectionParameters('token:host')/api"}}]

    p = security_profile(make(props_patch=props))
    (source,) = next(h for h in p.hosts if not h.fixed).sources
    assert source.choices == (("au.api.vendor.com", "au.api.vendor.com", "AU"), ("eu.api.vendor.com", "eu.api.vendor.com", "EU"))
    assert p.dlp_patterns() == ["https://au.api.vendor.com/*", "https://eu.api.vendor.com/*"]


def _sets(*definitions):
    """connectionParameterSets with one set per ``(name, token:host definition)``."""
    return {"uiDefinition": {"displayName": "Connect with", "description": "Choose"},
            "values": [{"name": n, "uiDefinition": {"displayName": n, "description": n}, "parameters": {"token:host": d}} for n, d in definitions]}


def test_a_host_parameter_free_in_one_parameter_set_is_free_text_whatever_the_others_allow():
    """As LawVu (certified): the host parameter is a dropdown at the top level and in the regional sets, free
    text in a "Custom" set. The first definition's allowed values were read for every set, so the host
    passed for a fixed list: the user of the Custom set types any host."""
    def props(ap):
        ap["properties"]["connectionParameters"]["token:host"] = _region_list("au.api.vendor.com")
        ap["properties"]["connectionParameterSets"] = _sets(
            ("regionAU", _region_list("au.api.vendor.com")), ("regionEU", _region_list("eu.api.vendor.com")),
            ("custom", {"type": "string", "uiDefinition": {"displayName": "Host"}}))
        ap["properties"]["policyTemplateInstances"] = [
            {"templateId": "dynamichosturl", "parameters": {"x-ms-apimTemplateParameter.urlTemplate": "https://@connectionParameters('token:host')/api"}}]

    p = security_profile(make(props_patch=props))
    host = next(h for h in p.hosts if not h.fixed)
    assert [(s.name, s.constrained, s.choices) for s in host.sources] == [("token:host", False, ())]
    assert host.sources[0].evidence.pointer == "/properties/connectionParameterSets/values/2/parameters/token:host"
    assert host.flags == ["free-text-host"] and host.geography == "unknown" and host.geography_evidence is None
    assert p.dlp.group == "blocked" and p.dlp.reasons[0].id == "free-text-host"


def test_a_host_parameter_every_parameter_set_restricts_takes_the_union_of_their_allowed_values():
    """Every set restricts the host: its choices are all the sets' allowed values (one listed twice is one
    choice), not only the first set's; the expression names token:host, whose values build the host."""
    def props(ap):
        ap["properties"]["connectionParameterSets"] = _sets(
            ("regionAU", _region_list("au.api.vendor.com")), ("regionEU", _region_list("eu.api.vendor.com", "au.api.vendor.com")))
        ap["properties"]["policyTemplateInstances"] = [
            {"templateId": "dynamichosturl", "parameters": {"x-ms-apimTemplateParameter.urlTemplate": "https://@connectionParameters('token:host')/api"}}]

    p = security_profile(make(props_patch=props))
    host = next(h for h in p.hosts if not h.fixed)
    (source,) = host.sources
    assert source.constrained and source.choices == (("au.api.vendor.com", "au.api.vendor.com", "AU"), ("eu.api.vendor.com", "eu.api.vendor.com", "EU"))
    assert source.evidence.pointer == "/properties/connectionParameterSets/values/0/parameters/token:host"
    assert host.flags == [] and host.geography == "unknown"
    assert host.geography_evidence == "the allowed values: au.api.vendor.com -> AU, eu.api.vendor.com -> EU"
    assert p.dlp.group == "non-business" and p.dlp_patterns() == ["https://au.api.vendor.com/*", "https://eu.api.vendor.com/*"]


def test_parameterized_host_is_templated_by_its_connection_parameter():
    def sw(d):
        d["x-ms-parameterized-host"] = {"hostTemplate": "{accountName}.blob.core.windows.net", "useSchemePrefix": True,
                                        "parameters": [{"name": "accountName", "in": "path", "required": True, "type": "string"}]}

    def props(ap):
        ap["properties"]["connectionParameters"]["accountName"] = {"type": "string", "uiDefinition": {"displayName": "Storage account"}}

    p = security_profile(make(sw, props))
    host = next(h for h in p.hosts if not h.fixed)
    assert host.found[0].role == "parameterized-host" and host.found[0].evidence.pointer == "/x-ms-parameterized-host/hostTemplate"
    assert [(s.kind, s.name, s.constrained) for s in host.sources] == [("connection-parameter", "accountName", False)]
    assert host.operator == "microsoft-cloud-publisher" and host.operator_name == "Azure Storage"
    assert "free-text-host" in host.flags  # free text picks whose storage account receives the data


def test_plain_http_oauth_urls_are_hosts_with_their_own_role_in_a_valid_report(tmp_path):
    """An http redirect URL or another OAuth URL setting is recorded where it is (so SEC008 points at it), in the report's schema."""
    from pathlib import Path

    from click.testing import CliRunner

    from vetter.cli import main

    def oauth(ap):
        ap["properties"]["connectionParameters"] = {"token": {"type": "oauthSetting", "oAuthSettings": {
            "identityProvider": "oauth2generic", "scopes": ["read"], "redirectUrl": "http://callback.vendor.com/cb",
            "customParameters": {"authorizationUrl": {"value": "https://login.vendor.com/a"}, "tokenUrl": {"value": "https://login.vendor.com/t"},
                                 "deviceCodeUrl": {"value": "http://login.vendor.com/device"}, "resourceUri": {"value": "http://api.vendor.com"}}}}}

    package = make(props_patch=oauth)
    hosts = {h.name: h for h in security_profile(package).hosts}
    assert [(f.role, f.insecure.pointer if f.insecure else None) for f in hosts["callback.vendor.com"].found] == [
        ("oauth-redirect", "/properties/connectionParameters/token/oAuthSettings/redirectUrl")]
    assert [f.role for f in hosts["login.vendor.com"].found] == ["oauth-authorization", "oauth-token", "oauth-url"]
    assert "api.vendor.com" not in hosts  # resourceUri names a resource, it is not called
    for name, raw in package.files.items():
        (tmp_path / name).write_bytes(raw)
    result = CliRunner().invoke(main, ["scan", str(tmp_path), "--format", "json"])
    report = json.loads(result.stdout)
    schema = json.loads(Path(__file__).resolve().parent.parent.joinpath("vetter", "schemas", "report-v2.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(report, schema)
    roles = {f["role"] for h in report["packages"][0]["security"]["egress"]["hosts"] for f in h["found"]}
    assert {"oauth-redirect", "oauth-url"} <= roles


def test_eea_is_inside_an_allowed_eea_and_to_be_confirmed_under_an_allowed_eu():
    from vetter.security.hosts import in_geographies

    assert in_geographies("EEA", ("EEA",)) is True
    assert in_geographies("NO", ("EEA",)) is True and in_geographies("DE", ("EEA",)) is True and in_geographies("EU", ("EEA",)) is True
    assert in_geographies("EEA", ("EU",)) is None and in_geographies("EEA", ("DE",)) is None
    assert in_geographies("NO", ("EU",)) is False and in_geographies("EEA", ("US", "UK")) is False
    assert in_geographies("US", ("EEA",)) is False


def _suffix_match_key_by_key(host, table):
    """What ``_suffix_match`` answered when it compared every key of the table (the reference)."""
    best = None
    for suffix, name in table.items():
        if (host == suffix or host.endswith("." + suffix)) and (best is None or len(suffix) > len(best[0])):
            best = (suffix, name)
    return best


def test_a_suffix_looked_up_is_the_longest_key_that_ends_the_host_after_a_dot():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from vetter.security.hosts import _suffix_match

    tables = [data("operators")[k] for k in ("publisher_hosting", "microsoft", "hosting_platforms", "tunnels", "reserved_suffixes")]
    labels = st.sampled_from(["", "a", "com", "net", "azure", "windows", "core", "blob", "azurewebsites", "ngrok", "io", "example", "x-y"])
    hosts = st.lists(labels, min_size=1, max_size=8).map(".".join)

    @given(hosts, st.dictionaries(hosts, st.just("v"), max_size=6))
    @settings(max_examples=400, deadline=None)
    def check(host, table):
        for t in (table, *tables):
            assert _suffix_match(host, t) == _suffix_match_key_by_key(host, t)

    check()
    assert _suffix_match("a." * 100_000 + "azurewebsites.net", tables[0]) == _suffix_match_key_by_key("a." * 100_000 + "azurewebsites.net", tables[0])


def _category_by_search(text):
    """What ``personal._category`` answered when it searched every name with ``_PARTS`` (the reference)."""
    from vetter.security import personal

    norm = personal._NORM.sub("", text.lower())
    if norm in personal._WHOLE:
        return personal._WHOLE[norm]
    if norm.startswith(("send", "is", "has", "allow", "enable", "include")):
        return None
    m = personal._PARTS.search(norm)
    return m.lastgroup.replace("_", "-") if m and m.lastgroup else None


def test_a_name_is_searched_for_its_category_only_when_a_part_ends_it():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from vetter.security.personal import _ENDINGS, CATEGORIES, _category

    pieces = [p for _c, _w, parts in CATEGORIES for p in parts] + list(_ENDINGS) + ["ip", "mail", "x", "_", " ", "Id", "E", "send", "é"]
    names = st.lists(st.sampled_from(pieces), min_size=1, max_size=5).map("".join)

    @given(st.one_of(names, st.text(max_size=30)))
    @settings(max_examples=600, deadline=None)
    def check(name):
        assert _category.__wrapped__(name) == _category_by_search(name)

    check()
    for name in ("contactEmailAddresses", "ipaddressipaddressid", "postcodeno", "mobilenumbers", "x" * 10_000 + "zipcode2", "emailTemplateId"):
        assert _category.__wrapped__(name) == _category_by_search(name)
    assert [_category.__wrapped__(n) for n in ("contactEmailAddresses", "homePostcodeNo", "userIban", "userNotes")] == ["email", "postal-address", "iban", None]


def test_a_label_is_tried_prefix_by_prefix_only_when_it_holds_one():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from vetter.security.hosts import _region_prefix_search

    prefixes = list(data("geography")["region_prefixes"])
    labels = st.lists(st.sampled_from([*prefixes, *(p[:3] for p in prefixes), "-", "api", "1", "x"]), min_size=1, max_size=4).map("".join)

    @given(labels)
    @settings(max_examples=400, deadline=None)
    def check(label):
        tried = next((p for p in prefixes if label.startswith(p) or f"-{p}" in label or f".{p}" in label), None)
        if _region_prefix_search()(label) is None:
            assert tried is None

    check()
    assert classify("api.eu-west-2.example.org").geography_evidence == "region 'eu-west' in the host name"


@pytest.mark.parametrize(
    "host, ip",
    [("1.2.3.4", True), ("10.0.0.1", True), ("::1", True), ("fe80::1%eth0", True), ("1.2.3", True), ("999.1.1.1", True),
     ("1.2.3.4.5", False), ("api.example.com", False), ("0x7f.0.0.1", True), ("१.२.३.४", False), ("1e3.com", False),
     ("a.b.c.0x1", False), ("0x7f.example.com", False)],
)
def test_a_host_is_an_address_when_it_is_one_in_any_of_its_spellings(host, ip):
    assert ("ip-literal" in classify(host).flags) is ip


@pytest.mark.parametrize(
    "host, address",
    [("127.0.0.1", "127.0.0.1"), ("2130706433", "127.0.0.1"), ("0x7f000001", "127.0.0.1"), ("0X7F.1", "127.0.0.1"),
     ("0177.0.0.1", "127.0.0.1"), ("127.1", "127.0.0.1"), ("10.1", "10.0.0.1"), ("0xc0.0250.01", "192.168.0.1"),
     ("127.0.0.1.", "127.0.0.1"), ("0x", "0.0.0.0"), ("4294967295", "255.255.255.255"), ("134744072", "8.8.8.8"),
     ("0x000000000000000007F.0x00000000000000000000000001", "127.0.0.1"), ("4294967296", None), ("256.1.1.1", None),
     ("1.2.3.4.5", None), ("1..2", None), ("08.1.1.1", None), ("0xg.1", None), ("api.example.com", None), ("", None),
     ("9" * 5000, None), ("0" * 5000 + ".1", "0.0.0.1")],
)
def test_an_ipv4_address_in_another_spelling_is_read_as_dotnet_and_browsers_read_it(host, address):
    from vetter.security.hosts import numeric_ipv4

    assert numeric_ipv4(host) == address


def test_a_loopback_address_in_another_spelling_is_a_private_address_not_a_public_one():
    facts = classify("0177.0.0.1")
    assert facts.flags == ("ip-literal", "private-address")
    assert facts.notes[1] == "'0177.0.0.1' is a loopback address (127.0.0.1)"
    assert classify("2130706433").flags == ("ip-literal", "private-address")
    public = classify("134744072")
    assert public.flags == ("ip-literal",)
    assert public.notes[0].startswith("'134744072' is the IP address 8.8.8.8 written in another form")


@pytest.mark.parametrize(
    "url, host",
    [("https://evil.com\\@good.com/", "evil.com"), ("https://127.0.0.1\\@api.contoso.com/x", "127.0.0.1"),
     ("https://good.com@evil.com/", "evil.com"), ("https://user:pw@api.contoso.com:8443/x", "api.contoso.com"),
     ("https://evil.com:8443\\@good.com", "evil.com"), ("https://evil.com/\\@good.com", "evil.com"),
     ("https://a@evil.com\\b@good.com", "evil.com"), ("https://\\@good.com", None), ("api.contoso.com\\x", None)],
)
def test_a_backslash_ends_a_urls_host_as_browsers_and_dotnet_read_it(url, host):
    """WHATWG ends the host of an http(s) URL at a backslash and .NET's Uri stops looking for user info
    there: ``evil.com\\@good.com`` never reaches good.com, so the map must not name it in evil.com's place."""
    from vetter.security.hosts import url_host

    assert url_host(url) == host


@pytest.mark.parametrize(
    "host, plain, flags",
    [("１２７。０。０。１", "127.0.0.1", ("invalid-name", "ip-literal", "private-address")),
     ("169.254.169.254｡", "169.254.169.254", ("invalid-name", "ip-literal", "private-address")),
     ("ⓛⓞⓒⓐⓛⓗⓞⓢⓣ", "localhost", ("invalid-name", "reserved-name")),
     ("０x7f.1", "0x7f.1", ("invalid-name", "ip-literal", "private-address")),
     ("ａｐｉ.vendor.com", "api.vendor.com", ("invalid-name",)),
     ("пример.рф", None, ("invalid-name",)), ("faß.de", None, ("invalid-name",)), ("api.vendor.com", None, ())],
)
def test_a_host_in_look_alike_unicode_has_the_flags_of_the_name_it_stands_for(host, plain, flags):
    """Browsers map a URL's host through UTS #46 before reading it: full-width digits and ideographic
    full stops spell 127.0.0.1, circled letters localhost; a real internationalized name (an xn-- label)
    and the characters UTS #46 keeps (ß) are no look-alikes."""
    from vetter.security.hosts import ascii_lookalike

    assert ascii_lookalike(host) == plain
    facts = classify(host)
    assert facts.flags == flags
    if plain is not None and len(flags) > 1:
        assert facts.notes[-1].startswith(f"'{host}' is '{plain}' written in look-alike Unicode characters, as browsers map a URL's host: ")


@pytest.mark.parametrize(
    "host, plain, flags",
    [("%31%32%37.0.0.1", "127.0.0.1", ("invalid-name", "ip-literal", "private-address")),
     ("%6C%6F%63%61%6C%68%6F%73%74", "localhost", ("invalid-name", "reserved-name")),
     ("%ef%bc%91%ef%bc%92%ef%bc%97.0.0.1", "127.0.0.1", ("invalid-name", "ip-literal", "private-address")),
     ("api.%76endor.com", "api.vendor.com", ("invalid-name",)),
     ("api.contoso.com%40evil.io", None, ("placeholder",)), ("evil.io%2f.contoso.com", None, ("placeholder",)),
     ("%host%", None, ("placeholder", "invalid-name")), ("%ff.vendor.com", None, ("placeholder",))],
)
def test_a_host_written_with_percent_escapes_has_the_flags_of_the_name_it_stands_for(host, plain, flags):
    """Browsers percent-decode a URL's host (as UTF-8) before reading it: ``%31%32%37.0.0.1`` is 127.0.0.1.
    Escapes that decode to a character no host holds (``%40``, ``%2f``: the URL is refused), bytes that
    are not UTF-8 or a ``%`` that starts no escape stay a placeholder left in."""
    from vetter.security.hosts import percent_decoded

    assert percent_decoded(host) == plain
    facts = classify(host.lower())
    assert facts.flags == flags
    if plain is not None:
        assert facts.notes[0] == f"'{host.lower()}' is not a valid host name: it is written with percent-escapes"
    if plain is not None and len(flags) > 1:
        assert facts.notes[-1].startswith(f"'{host.lower()}' is '{plain}' written with percent-escapes, as browsers decode a URL's host: ")


@pytest.mark.parametrize(
    "host, plain, flags",
    [("127.0.0.\n1", "127.0.0.1", ("invalid-name", "ip-literal", "private-address")),
     ("loc\talhost", "localhost", ("invalid-name", "reserved-name")),
     ("%31%32%37.0.0.\r1", "%31%32%37.0.0.1", ("placeholder", "invalid-name", "ip-literal", "private-address")),
     ("api.\nvendor.com", "api.vendor.com", ("invalid-name",))],
)
def test_a_host_written_with_tabs_or_line_breaks_has_the_flags_of_the_name_it_stands_for(host, plain, flags):
    """Browsers remove every ASCII tab and line break from a URL before reading it: ``127.0.0.\\n1`` is
    127.0.0.1 (and escapes left after the removal are decoded in turn)."""
    facts = classify(host)
    assert facts.flags == flags
    if len(flags) > 1:
        assert f"'{host}' is '{plain}' written with tabs or line breaks, which browsers remove from a URL's host: " in facts.notes[-1]


@pytest.mark.parametrize(
    "host, note",
    [("api.contоso.com", "'api.contоso.com' is not a valid host name: it uses Latin letters mixed with Cyrillic ones ('о' looks like 'o'), "
                         "so it reads as 'api.contoso.com' and is another name"),
     ("пример.рф", "'пример.рф' is not a valid host name")],
)
def test_a_host_name_that_mixes_scripts_says_which_name_it_passes_for(host, note):
    """A homograph (Unicode TR 36): Cyrillic 'о' in a Latin name reads as the name it imitates; a name
    all in one other script does not imitate one."""
    facts = classify(host)
    assert (facts.flags, facts.notes) == (("invalid-name",), (note,))


@pytest.mark.parametrize(
    "host, note",
    [("a.example", "'a.example' is under .example: a name reserved for documentation (RFC 2606)"),
     ("c.invalid", "'c.invalid' is under .invalid: a name reserved never to resolve (RFC 2606)"),
     ("d.localhost", "'d.localhost' is under .localhost: a loopback name (RFC 6761)")],
)
def test_a_reserved_name_says_what_it_is_reserved_for(host, note):
    assert classify(host).notes[0] == note


def test_a_host_longer_than_any_name_is_not_mapped_and_stays_an_invalid_name():
    from vetter.security.hosts import LOOKALIKE_MAX, ascii_lookalike

    padded = "\u00ad" * LOOKALIKE_MAX + "１２７.0.0.1"  # soft hyphens map to nothing
    assert ascii_lookalike(padded[-(LOOKALIKE_MAX):]) == "127.0.0.1"
    assert ascii_lookalike(padded) is None
    assert classify(padded).flags == ("invalid-name",)


@pytest.mark.parametrize(
    "host, flags, last_note",
    [("::ffff:a9fe:a9fe", ("ip-literal", "private-address"), "'::ffff:a9fe:a9fe' is a cloud-metadata address (169.254.169.254)"),
     ("::ffff:127.0.0.1", ("ip-literal", "private-address"), "'::ffff:127.0.0.1' is a loopback address (127.0.0.1)"),
     ("::ffff:8.8.8.8", ("ip-literal",), "'::ffff:8.8.8.8' is an IP address, not a name: it cannot carry a valid certificate name "
                                         "or be moved (the IPv4 address 8.8.8.8, written as IPv6)"),
     ("::1", ("ip-literal", "private-address"), "'::1' is a loopback address")],
)
def test_an_ipv4_mapped_ipv6_address_is_judged_by_the_ipv4_address_it_carries(host, flags, last_note):
    """Whatever the Python release: ipaddress's own answer for ::ffff:0:0/96 differs between them (gh-117566)."""
    facts = classify(host)
    assert (facts.flags, facts.notes[-1]) == (flags, last_note)


@pytest.mark.parametrize("url", ["https:/collect.attacker.io/v1", "https:collect.attacker.io/v1", "https:///collect.attacker.io/v1",
                                 "https:\\\\collect.attacker.io/v1", "https:/\\collect.attacker.io/v1", "HTTPS://collect.attacker.io/v1"])
def test_a_policy_url_is_mapped_to_the_host_after_any_slashes_of_its_scheme(url):
    """Browsers skip every slash and backslash after "https:" and .NET takes any two: the map names the
    host either reaches (a URL with three slashes was left out of the map, its host 'https' for one)."""
    def policy(ap):
        ap["properties"]["policyTemplateInstances"] = [{"templateId": "dynamichosturl", "title": "host", "parameters": {
            "x-ms-apimTemplateParameter.urlTemplate": url}}]

    hosts = {h.name: h for h in security_profile(make(props_patch=policy)).hosts}
    assert [f.role for f in hosts["collect.attacker.io"].found] == ["policy-host"]
    assert "https" not in hosts


def test_a_backslash_decoy_in_a_policy_url_and_a_script_names_the_host_reached():
    def policy(ap):
        ap["properties"]["policyTemplateInstances"] = [{"templateId": "dynamichosturl", "title": "host", "parameters": {
            "x-ms-apimTemplateParameter.urlTemplate": "https://127.0.0.1\\@trusted.contoso.com"}}]

    script = b'public class Script : ScriptBase { public override async Task<HttpResponseMessage> ExecuteAsync() {\n' \
             b'  var r = new HttpRequestMessage(HttpMethod.Get, "https://10.0.0.1\\\\@cdn.contoso.com/x");\n' \
             b'  return await this.Context.SendAsync(r, this.CancellationToken); } }\n'
    hosts = {h.name: h for h in security_profile(make(props_patch=policy, extra={"script.csx": script})).hosts}
    assert "trusted.contoso.com" not in hosts and "cdn.contoso.com" not in hosts
    assert hosts["127.0.0.1"].flags == ["ip-literal", "private-address"]
    assert [f.role for f in hosts["127.0.0.1"].found] == ["policy-host"]
    assert hosts["10.0.0.1"].flags == ["ip-literal", "private-address"]
    assert [f.role for f in hosts["10.0.0.1"].found] == ["script"]


def test_a_fixed_credential_is_judged_with_the_operations_it_goes_with():
    token = "8f3kZ9qLm2Xv7RtY1pWc4NbH6sJd0GaE"

    def policies(ap):
        def setheader(name, value, **more):
            params = {"x-ms-apimTemplateParameter.name": name, "x-ms-apimTemplateParameter.value": value}
            params.update({f"x-ms-apimTemplateParameter.{k}": v for k, v in more.items() if k != "ops"})
            if "ops" in more:
                params["x-ms-apimTemplate-operationName"] = more["ops"]
            return {"templateId": "setheader", "title": name, "parameters": params}

        ap["properties"]["policyTemplateInstances"] = [
            setheader("Authorization", f"Bearer {token}"),
            setheader("X-Api-Key", token[::-1], existsAction="skip", ops=["ListWidgets", "GetWidget"]),
            setheader("Authorization", "Bearer @connectionParameters('api_key')"),  # the connection's own: no judgement
        ]

    fixed = [j for j in security_profile(make(props_patch=policies)).auth.mismatches if j.family == "fixed-credential"]
    tail = ": those calls act as the account the credential belongs to, whoever signs in to the connection, and the credential ships in the package."
    assert [(j.message, j.evidence[0].pointer) for j in fixed] == [
        ("The policy template 'setheader' sends a fixed credential as header 'Authorization' on every operation" + tail,
         "/properties/policyTemplateInstances/0/parameters/x-ms-apimTemplateParameter.value"),
        ("The policy template 'setheader' sends a fixed credential as header 'X-Api-Key' on 2 operations (ListWidgets, GetWidget)"
         " when the request has none (existsAction skip)" + tail,
         "/properties/policyTemplateInstances/1/parameters/x-ms-apimTemplateParameter.value"),
    ]
