"""Hostile packages whose security profile or report grows as the product of two of their parts
(a timing report's shapes 1 and 4): each builds the shape at a size where the old code took several
times the bound asserted here, and checks what the report says as well as how long it takes."""

from __future__ import annotations

import json

from tests.test_pathological import CATALOG, SETTINGS, no_crash, rules_of, timed
from vetter.engine.cases import base_files
from vetter.engine.runner import run_rules
from vetter.model.options import RunOptions
from vetter.model.package import package_from_files

PROPERTIES = "apiProperties.json"


def scan(files: dict[str, bytes]):
    return run_rules(package_from_files("p", files, kind="folder"), CATALOG, SETTINGS)


def with_properties(edit) -> dict[str, bytes]:
    files = base_files("minimal")
    props = json.loads(files[PROPERTIES])
    edit(props["properties"])
    return {**files, PROPERTIES: json.dumps(props).encode()}


def test_many_sign_in_sets_at_their_own_providers_keep_the_questionnaire_linear():
    """N connection parameter sets, each an OAuth sign-in at its own identity provider's domain: N
    sign-in schemes and N third parties. Every party's sign-in question listed every scheme, so the
    questionnaire (built when the report is written, outside the package's budget) held N x N
    lines: N=2,000 took 5.4 s and 4 million lines there (N=4,000: a 2.7 GB report, 6 GB of memory).
    Now the sign-in answer is worked out once and names the first 20 schemes and how many more."""
    from vetter.report.export import profile_dict
    from vetter.security.questions import questionnaire

    n = 2_000

    def edit(p):
        p.pop("connectionParameters", None)
        sets = []
        for i in range(n):
            host = f"https://login.idp{i}.com"
            oauth = {"identityProvider": "oauth2", "clientId": f"client{i}", "scopes": [], "redirectMode": "Global",
                     "customParameters": {"authorizationUrl": {"value": f"{host}/authorize"}, "tokenUrl": {"value": f"{host}/token"}}}
            sets.append({"name": f"oauth{i}", "uiDefinition": {"displayName": f"IdP {i}", "description": "Sign in"},
                         "parameters": {"token": {"type": "oauthSetting", "oAuthSettings": oauth}}})
        p["connectionParameterSets"] = {"uiDefinition": {"displayName": "Sign in with", "description": "Choose"}, "values": sets}

    package = package_from_files("p", with_properties(edit), kind="folder")
    security = profile_dict(package, RunOptions())
    assert len(security["auth"]["schemes"]) == n
    q, seconds = timed(questionnaire, security)
    parties = {p["party"]: p for p in q["parties"]}
    assert len(parties) == n + 1 and "idp1999.com" in parties and "contoso.com" in parties
    for party in parties.values():
        sign_in = next(x for x in party["questions"] if x["id"] == "sign-in")
        assert len(sign_in["known"]) == 21
        assert sign_in["known"][0].startswith("oauth2 (set oauth0): OAuth sign-in at ")
        assert sign_in["known"][-1] == "... and 1,980 more sign-in schemes: the security profile's auth.schemes lists every one."
    assert sum(len(x["known"]) for p in q["parties"] for x in p["questions"]) < 30 * n
    assert seconds < 1.0


def host_template(k: int, v: int, spellings: tuple[str, ...] = ("{region}",)) -> dict[str, bytes]:
    """A dynamic host policy template with ``k`` placeholders (``spellings`` in turn); ``region`` has ``v`` allowed values."""

    def edit(p):
        p["connectionParameters"]["region"] = {
            "type": "string",
            "uiDefinition": {"displayName": "Region", "description": "Region", "tooltip": "Region",
                             "constraints": {"required": "true", "allowedValues": [{"text": f"R{i}", "value": f"r{i}"} for i in range(v)]}},
        }
        template = "https://" + ".".join(spellings[i % len(spellings)] for i in range(k)) + ".example.com"
        p["policyTemplateInstances"] = [{"templateId": "dynamichosturl", "title": "host", "parameters": {"x-ms-apimTemplateParameter.urlTemplate": template}}]

    return with_properties(edit)


def templated(files: dict[str, bytes]) -> dict:
    from vetter.report.export import profile_dict

    security = profile_dict(package_from_files("p", files, kind="folder"), RunOptions())
    (host,) = [h for h in security["egress"]["hosts"] if h["template"]]
    return host


def test_a_host_template_repeating_one_placeholder_is_one_source_built_once_per_value():
    """One dynamic host template repeating `{region}` K times, `region` with V allowed values. Each
    occurrence was a source of its own, and each source substituted every occurrence in the whole
    template for every value: K x K x V work, and V x K hosts K labels long in the report. K=V=200:
    the profile took 4.1 s and its JSON 38 MB (whole scan 4.8 s, 43 MB report; K=4,000, V=10: VET010
    for memory). Now the placeholder is one source, each value is built once from the template cut
    once, and a value that would build a host longer than a DNS name can be (253 characters) is no host."""
    host, seconds = timed(templated, host_template(200, 200))
    assert [(s["kind"], s["name"], s["constrained"]) for s in host["templated_by"]] == [("connection-parameter", "region", True)]
    choices = host["templated_by"][0]["choices"]
    assert len(choices) == 200 and choices[7] == {"value": "r7", "host": None, "geography": "unknown"}
    assert seconds < 1.0
    result, seconds = timed(scan, host_template(200, 200))
    no_crash(result)
    assert "VET010" not in rules_of(result) and seconds < 2.0
    # hosts short enough to be a name are built as before, one per value; a placeholder spelled in another case is the same source
    host = templated(host_template(60, 40, ("{Region}", "{region}", "{token:REGION}")))
    assert [s["name"] for s in host["templated_by"]] == ["Region"]
    choices = host["templated_by"][0]["choices"]
    assert [c["value"] for c in choices] == [f"r{i}" for i in range(40)]
    assert choices[7]["host"] == ".".join(["r7"] * 60) + ".example.com" and choices[7]["geography"] == "unknown"


def test_the_questionnaire_is_built_within_the_package_budget(tmp_path, monkeypatch):
    """The publisher questionnaire used to be built when the report was written (report/model.py
    _dossier), outside the package's time and memory budget: a product there (shape 4 above) ran
    for minutes and gigabytes with no VET010. It is now built in the scan loop, within the budget,
    and the report writes out what was built."""
    import time

    from vetter.base.budget import Budget
    from vetter.commands.scan import add_source
    from vetter.model.loader import find_packages
    from vetter.report.model import ScanReport, to_dict
    from vetter.security import questions

    for name, data in base_files("minimal").items():
        (tmp_path / name).write_bytes(data)
    (source,) = find_packages([tmp_path])
    report = ScanReport()
    add_source(report, source, CATALOG, SETTINGS, RunOptions(budget=Budget(5.0, None)))
    (key,) = report.questions
    assert report.questions[key] == questions.questionnaire(report.security[key])
    assert to_dict(report)["packages"][0]["questions"] is report.questions[key]

    original = questions.questionnaire

    def slow(security):
        end = time.monotonic() + 10
        while time.monotonic() < end:  # Python code: the budget's signal stops it
            pass
        return original(security)

    monkeypatch.setattr(questions, "questionnaire", slow)
    report = ScanReport()
    start = time.monotonic()
    add_source(report, source, CATALOG, SETTINGS, RunOptions(budget=Budget(0.5, None)))
    assert time.monotonic() - start < 5
    (result,) = report.packages
    assert [f.rule for f in result.findings] == ["VET010"] and "building the publisher questionnaire" in result.findings[0].message
    assert not report.questions and "questions" not in to_dict(report)["packages"][0]


def test_the_host_caches_keep_a_bounded_number_of_hosts():
    """A portfolio of hostile packages naming ever new hosts does not grow the classification caches
    without bound: each keeps the ``HOST_CACHE`` hosts used last."""
    from vetter.security import hosts

    assert hosts.classify.cache_info().maxsize == hosts.HOST_CACHE
    hosts.public_suffix.cache_clear()
    for i in range(hosts.HOST_CACHE + 500):
        assert hosts.public_suffix(f"h{i}.example.co.uk") == ("co.uk", "example.co.uk")
    assert hosts.public_suffix.cache_info().currsize == hosts.HOST_CACHE


def sets_and_templates(s: int, t: int) -> dict[str, bytes]:
    """``s`` connection parameter sets each restricting ``token:host`` to a host of its own, the last one
    leaving it free text, and ``t`` dynamic host templates (each a port of its own) naming it."""

    def edit(p):
        sets = [{"name": f"region{i}", "uiDefinition": {"displayName": f"R{i}", "description": "Region"},
                 "parameters": {"token:host": {"type": "string", "uiDefinition": {"displayName": "Host", "constraints": {
                     "allowedValues": [{"text": "Default", "value": f"r{i}.api.vendor.com"}]}}}}} for i in range(s - 1)]
        sets.append({"name": "custom", "uiDefinition": {"displayName": "Custom", "description": "Any host"},
                     "parameters": {"token:host": {"type": "string", "uiDefinition": {"displayName": "Host"}}}})
        p["connectionParameterSets"] = {"uiDefinition": {"displayName": "Region", "description": "Region"}, "values": sets}
        p["policyTemplateInstances"] = [{"templateId": "dynamichosturl", "title": f"host {j}", "parameters": {
            "x-ms-apimTemplateParameter.urlTemplate": f"https://@connectionParameters('token:host'):{1000 + j}"}} for j in range(t)]

    return with_properties(edit)


def test_many_templates_naming_a_parameter_of_many_sets_read_its_sets_once():
    """A host parameter is free text when any parameter set leaves it so, which takes a pass over every
    set defining it. Done per template, S sets x T templates naming it is a product (S=T=2,000: 27 s
    for the profile so); the answer is kept per parameter name, one pass for every template (0.2 s)."""
    from vetter.report.export import profile_dict

    files = sets_and_templates(2_000, 2_000)
    security, seconds = timed(profile_dict, package_from_files("p", files, kind="folder"), RunOptions())
    templated_hosts = [h for h in security["egress"]["hosts"] if h["template"]]
    assert len(templated_hosts) == 2_000
    assert {(s["name"], s["constrained"], len(s["choices"])) for h in templated_hosts for s in h["templated_by"]} == {("token:host", False, 0)}
    assert all(h["flags"] == ["free-text-host"] for h in templated_hosts)
    assert seconds < 2.0
