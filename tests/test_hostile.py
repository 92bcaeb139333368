"""A hostile publisher's packages (issue 30): none hangs vetter, hides behind a decoy or passes by
being too deep. Part of the robustness suite (docs/robustness.md): each case has a bound in CPU
seconds of this process, several times what it takes here, so a hang or a quadratic path fails
while a busy machine does not.
"""

from __future__ import annotations

import json
import random
import re
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.fuzzlib import apply_unified
from tests.test_pathological import CATALOG, SETTINGS, files_with, minimal_doc, no_crash, rules_of, timed
from vetter.commands.scan import check_source
from vetter.engine.cases import base_files
from vetter.engine.runner import run_rules
from vetter.engine.settings import Settings
from vetter.model.checklist import heading_text, readme_headings, without_ip_suffix
from vetter.model.package import package_from_files

SWAGGER = "apiDefinition.swagger.json"
PROPERTIES = "apiProperties.json"


def certified_files(**extra: bytes) -> dict[str, bytes]:
    """The minimal package under the certified profile (its brand colour chooses it)."""
    files = base_files("minimal")
    props = json.loads(files[PROPERTIES])
    props["properties"]["iconBrandColor"] = "#da3b01"
    return {**files, PROPERTIES: json.dumps(props).encode(), **extra}


def scan(files: dict[str, bytes]):
    return run_rules(package_from_files("p", files, kind="folder"), CATALOG, SETTINGS)


# -- 1. linear time ------------------------------------------------------------------------------
_OLD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s*(.+?)\s*#*\s*$")


def test_heading_text_is_the_old_pattern_in_linear_time():
    rng = random.Random(30)
    alphabet = ["#", " ", "\t", "a", "b", "\u00a0", "\u3000", "(", "x#"]
    lines = ["", "#", "##", "# ", "## ", "#######", "####### x", "   # a", "    # a", "# a #", "# a # b ##  ", "#\t#", "#a"]
    lines += ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 14))) for _ in range(20_000)]
    for line in lines:
        old = _OLD_HEADING.match(line)
        assert heading_text(line) == (old.group(2) if old else None), repr(line)


def test_a_heading_with_a_long_run_of_spaces_is_read_in_linear_time():
    readme = "## a" + " " * 200_000 + "b\n" + ("### c" + " " * 5_000 + "#\n") * 40
    (headings, seconds) = timed(readme_headings, readme.splitlines())
    assert headings[0] == (1, "a" + " " * 200_000 + "b") and headings[1] == (2, "c") and len(headings) == 41
    assert seconds < 1.0
    result, seconds = timed(scan, certified_files(**{"readme.md": readme.encode()}))
    no_crash(result)
    plain = scan(certified_files(**{"readme.md": b"## a b\n### c\n"}))
    assert rules_of(result)["CRT013"] == rules_of(plain)["CRT013"] == 5 and seconds < 5.0


def test_ip_suffix_is_the_old_pattern_in_linear_time():
    old = re.compile(r"\s*\(\s*independent\s+publisher\s*\)\s*$", re.IGNORECASE)
    for title in ["Contoso (Independent Publisher)", "Contoso(independent  publisher) ", "Contoso ( Independent\tPublisher )\n",
                  "Contoso (Independent Publisher) x", "(Independent Publisher)", "Contoso (Independent)", "Contoso", "",
                  "Contoso ((Independent Publisher)", "Contoso (IndependentPublisher)", "a (b) (independent publisher)"]:
        expected = old.sub("", title) if old.search(title) else None
        assert without_ip_suffix(title) == expected, repr(title)
    (value, seconds) = timed(without_ip_suffix, "a" + " " * 1_000_000 + "b")
    assert value is None and seconds < 0.5


@pytest.mark.parametrize(
    "text",
    [
        ".documents.azure.com" * 10_000,  # Microsoft's legacy Cosmos DB rule: `.+` then a key
        "AccountName=" * 16_000,  # legacy storage account rule
        ".servicebus.windows" * 10_000,  # legacy Service Bus rule
        "sk-" * 60_000 + "T3BlbkFJ",  # vetter's OpenAI rule
        "e=" * 100_000 + "eyJ",  # Microsoft's JWT rule
    ],
    ids=["cosmos", "storage", "servicebus", "openai", "jwt"],
)
def test_secret_patterns_are_linear_on_a_200_kb_swagger(text):
    doc = minimal_doc()
    doc["info"]["description"] = text
    result, seconds = timed(scan, files_with(doc))
    no_crash(result)
    assert seconds < 5.0


def test_a_publishers_exponential_pattern_is_matched_in_linear_time():
    doc = minimal_doc()
    param = doc["parameters"]["top"]
    doc["parameters"]["top"] = {**param, "type": "string", "pattern": "^(a+)+$", "default": "a" * 40 + "!", "x-ms-test-value": "a" * 5}
    doc["definitions"]["Widget"]["properties"]["name"].update({"pattern": "^(a|aa)+$", "example": "a" * 60 + "b"})
    result, seconds = timed(scan, files_with(doc))
    no_crash(result)
    found = sorted((f.rule, f.pointer) for f in result.findings if f.rule == "SWG013")
    assert found == [("SWG013", "/definitions/Widget/properties/name/example"), ("SWG013", "/parameters/top/default")]
    assert seconds < 5.0


def test_a_pattern_re2_cannot_run_is_not_checked():
    doc = minimal_doc()
    doc["parameters"]["top"] = {**doc["parameters"]["top"], "type": "string", "pattern": "^(?!x)a+$", "default": "xa"}
    found = [f for f in scan(files_with(doc)).findings if f.rule == "SWG013"]
    assert found == []


def test_route_normalising_is_linear():
    from vetter.compare.classify import _route

    assert _route("/a/{id}/b/{x}{y}/{z") == "/a/{}/b/{}{}/{z"
    assert _route("}{a{b}c}") == "}{}c}"
    (value, seconds) = timed(_route, "{" * 1_000_000)
    assert value == "{" * 1_000_000 and seconds < 0.5


def test_check_source_of_a_readme_with_a_long_heading_through_the_loader(tmp_path):
    for name, data in certified_files(**{"readme.md": ("# x" + " " * 100_000 + "y\n").encode()}).items():
        (tmp_path / name).write_bytes(data)
    from vetter.model.loader import find_packages

    (source,) = find_packages([tmp_path])
    start = time.process_time()
    result = check_source(source, CATALOG, SETTINGS)
    no_crash(result)
    assert time.process_time() - start < 5.0


# Every regular expression vetter applies to package text, pumped: each literal and each character of
# the pattern repeated, alone and after each literal, to PUMP characters. A pattern whose repetitions
# can share characters costs the square (or worse) of that; a linear one takes milliseconds.
PUMP = 30_000
_RE_CALLS = {"compile", "search", "match", "fullmatch", "finditer", "findall", "sub", "split", "subn", "_Lazy", "_rx"}


def _vetter_patterns() -> list[tuple[str, str, int]]:
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    out = []
    for path in sorted([*root.joinpath("vetter").rglob("*.py"), *root.joinpath("rules").rglob("*.py")]):
        tree = ast.parse(path.read_bytes())
        names = {t.id: n.value.value for n in ast.walk(tree) if isinstance(n, ast.Assign) and isinstance(n.value, ast.Constant)
                 and isinstance(n.value.value, str) for t in n.targets if isinstance(t, ast.Name)}
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and node.args):
                continue
            func = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            first = node.args[0]
            source = first.value if isinstance(first, ast.Constant) else names.get(first.id) if isinstance(first, ast.Name) else None
            if func in _RE_CALLS and isinstance(source, str) and source and _compiles(source):
                flags = re.IGNORECASE if any(isinstance(a, ast.Attribute) and a.attr in ("I", "IGNORECASE") for a in node.args[1:]) else 0
                out.append((f"{path.relative_to(root)}:{node.lineno}", source, flags))
    from vetter.security import secrets

    for det in (*secrets.detectors(), *secrets._text_detectors(True)):
        out.append((f"detector {det.kind}", det.source, det.flags))
    return out


def _compiles(source: str) -> bool:
    try:
        re.compile(source)
    except re.error:
        return False  # the replacement of a ``sub``, not a pattern
    return True


def _pumps(source: str, flags: int) -> list[str]:
    import re._parser as parser

    literals: set[str] = set()
    chars = set(" a0{(<[.")

    def walk(items) -> None:
        run: list[str] = []
        for op, arg in items:
            if op is parser.LITERAL:
                run.append(chr(arg))
                chars.add(chr(arg))
                continue
            if run:
                literals.add("".join(run))
                run = []
            if op is parser.IN:
                chars.update(chr(a) if o is parser.LITERAL else chr(a[0]) for o, a in arg if o in (parser.LITERAL, parser.RANGE))
            elif op in (parser.MAX_REPEAT, parser.MIN_REPEAT):
                walk(arg[2])
            elif op is parser.SUBPATTERN:
                walk(arg[-1])
            elif op is parser.BRANCH:
                for branch in arg[1]:
                    walk(branch)
            elif op in (parser.ASSERT, parser.ASSERT_NOT):
                walk(arg[1])
        if run:
            literals.add("".join(run))

    walk(parser.parse(source, flags))
    units = sorted(literals | chars)
    out = []
    for unit in units:
        out.append(unit * (PUMP // len(unit)))
        for head in sorted(literals)[:3]:
            out.append(head + unit * (PUMP // len(unit)) + "!")
            out.append((head + unit) * (PUMP // (len(head) + len(unit))))
    return out


_PATTERNS = _vetter_patterns()


@pytest.mark.parametrize(("where", "source", "flags"), _PATTERNS, ids=[p[0] for p in _PATTERNS])
def test_every_pattern_on_package_text_is_linear(where, source, flags):
    from vetter.security.secrets import detectors

    foreign = {d.source: d.pattern for d in detectors() if d.foreign}  # Microsoft's rules run in RE2
    pattern = foreign.get(source) or re.compile(source, flags)
    slowest = 0.0
    for text in _pumps(source, flags):
        start = time.process_time()
        for _ in pattern.finditer(text):
            pass
        pattern.search(text[1:])
        slowest = max(slowest, time.process_time() - start)
    assert slowest < 0.4, (where, source)


# -- 1 and 4. the diff: allOf fan-out merged once per target, limits reported --------------------
def allof_fan_out(levels: int, extra: str | None = None) -> dict:
    """``M(i) = allOf [M(i-1), M(i-1)]``: 2^levels parts when every reference is expanded again."""
    doc = minimal_doc()
    defs = doc["definitions"]
    defs["M0"] = {"type": "object", "properties": {"a": {"type": "string"}, **({extra: {"type": "string"}} if extra else {})}}
    for i in range(1, levels + 1):
        defs[f"M{i}"] = {"allOf": [{"$ref": f"#/definitions/M{i - 1}"}, {"$ref": f"#/definitions/M{i - 1}"}]}
    doc["paths"]["/widgets"]["get"]["responses"]["200"]["schema"] = {"$ref": f"#/definitions/M{levels}"}
    return doc


def test_allof_fan_out_of_forty_levels_is_diffed_in_linear_time():
    from vetter.compare import diff_packages

    old = package_from_files("old", files_with(allof_fan_out(40)), kind="folder")
    new = package_from_files("new", files_with(allof_fan_out(40, extra="b")), kind="folder")
    result, seconds = timed(diff_packages, old, new)
    assert [c.key for c in result.changes] == ["output-added:ListWidgets:response.b"]
    assert seconds < 2.0


@pytest.mark.parametrize("change", ["all removed", "all renamed"])
def test_thousands_of_inputs_of_one_operation_are_diffed_in_linear_time(change):
    """Each removed input was looked up in the list of removed ones, and each paired with the
    added ones one by one (5,000 renamed inputs: 1.05 s; sixteen times that at 20,000)."""
    from vetter.compare import diff_packages

    def with_inputs(names):
        doc = minimal_doc()
        doc["paths"]["/widgets"]["get"]["parameters"] = [{"name": n, "in": "query", "type": "string"} for n in names]
        return package_from_files("p", files_with(doc), kind="folder")

    n = 20_000
    old = with_inputs([f"q{i}" for i in range(n)])
    new = with_inputs([] if change == "all removed" else [f"Q_{i}" for i in range(n)])
    result, seconds = timed(diff_packages, old, new)
    kinds = {c.cls for c in result.changes}
    # the pairs are made for the whole operation; its first 10,000 changes are listed (the diff's limit)
    assert len(result.changes) == 10_001 and kinds == {"input-removed" if change == "all removed" else "input-renamed", "comparison-incomplete"}
    assert seconds < (2.5 if change == "all removed" else 5.0)  # before: about 4 s and 17 s here


def test_a_shared_definition_changed_everywhere_stops_at_the_change_limit():
    """A definition shared by every operation, each of its fields changed: a change per field and
    operation (200,000 here; 800 operations of 8,000 fields took 316 s and wrote 6.8 GB). The diff
    now lists 10,000 and says where it stopped, as a breaking change."""
    from vetter.compare import diff_packages
    from vetter.compare.classify import MAX_CHANGES

    def version(kind):
        doc = minimal_doc()
        doc["definitions"] = {"Big": {"type": "object", "properties": {f"f{i}": {"type": kind} for i in range(1_000)}}}
        doc["paths"] = {f"/p{i}": {"post": {"operationId": f"Op{i}", "summary": f"S{i}", "parameters": [{"name": "body", "in": "body", "schema": {"$ref": "#/definitions/Big"}}],
                                            "responses": {"200": {"description": "OK", "schema": {"$ref": "#/definitions/Big"}}}}} for i in range(100)}
        return package_from_files("p", files_with(doc), kind="folder")

    result, seconds = timed(diff_packages, version("string"), version("integer"))
    stops = [c for c in result.changes if c.key == "comparison-incomplete:changes"]
    assert len(result.changes) == MAX_CHANGES + 1 == 10_001 and len(stops) == 1
    assert stops[0].severity == "breaking" and stops[0].message == (
        "The comparison stopped after 10,000 changes, in operation 'Op5', so the changes after them are not reported (vetter's limits).")
    assert seconds < 5.0


def test_thousands_of_webhook_triggers_find_their_deletes_in_linear_time():
    """Each webhook trigger looked for the delete that unsubscribes it by going through every
    operation with a pattern of its own: 4,000 triggers and 4,000 deletes took 14.6 s of ``vetter
    diff`` (which has no budget to stop it). The deletes are indexed once a document."""
    from vetter.compare import diff_packages

    def version(n, drop):
        doc = minimal_doc()
        content = {"description": "event", "schema": {"type": "object", "properties": {"id": {"type": "string"}}}}
        body = {"name": "body", "in": "body", "required": True, "schema": {"type": "object", "required": ["cb"], "properties": {
            "cb": {"type": "string", "x-ms-visibility": "internal", "x-ms-notification-url": True, "description": "callback"}}}}
        for i in range(n):
            doc["paths"][f"/hooks{i}"] = {"post": {"operationId": f"Hook{i}", "summary": f"When {i}", "x-ms-trigger": "single",
                                                   "x-ms-notification-content": content, "parameters": [body],
                                                   "responses": {"201": {"description": "Created"}}}}
            doc["paths"][f"/hooks{i}/{{id}}"] = {"delete": {"operationId": f"Unhook{i}", "summary": f"Delete {i}", "x-ms-visibility": "internal",
                                                           "parameters": [{"name": "id", "in": "path", "required": True, "type": "string"}],
                                                           "responses": {"200": {"description": "OK"}}}}
        if drop:  # the last trigger goes; its delete stays
            del doc["paths"][f"/hooks{n - 1}"]
        return package_from_files("p", files_with(doc), kind="folder")

    result, seconds = timed(diff_packages, version(3_000, False), version(3_000, True))
    assert [(c.key, c.operation) for c in result.changes if c.severity == "breaking"] == [("operation-removed:Hook2999", "Hook2999")]
    assert seconds < 4.0


def test_thousands_of_schema_errors_beside_thousands_of_depth_cuts_in_linear_time():
    """The Swagger 2.0 schema check cuts what is nested past its depth and drops the errors below
    each cut: every error was compared with every cut (4,000 of each: 3.1 s of a whole scan,
    8,000 of each 10 s)."""
    from vetter.model.schemacheck import MAX_DEPTH

    n = 4_900  # 9,800 findings: under the listing limit of 10,000
    doc = minimal_doc()
    doc["definitions"] = {f"Bad{i}": {"type": "string", "maxLength": -1} for i in range(n)}
    deep: dict = {f"k{i}": [1] for i in range(n)}
    for _ in range(62):
        deep = {"a": deep}
    doc["x-deep"] = deep
    result, seconds = timed(scan, files_with(doc))
    swg001 = [f for f in result.findings if f.rule == "SWG001"]
    assert sum(f"nested more than {MAX_DEPTH} levels deep" in f.message for f in swg001) == n
    assert sum(f.pointer.startswith("/definitions/Bad") for f in swg001) == n
    assert seconds < 3.0


def test_thousands_of_over_long_integers_are_placed_in_linear_time():
    """Each integer too long to read exactly (over 4,300 digits) was looked for from the start of
    the file: 2,000 of them (an 8.8 MB swagger) took 6.2 s of a whole scan. Each is now looked for
    after the one before it, as they come in the file's order."""
    from vetter.model.jsonfile import JsonFile

    rng = random.Random(5)
    numbers = ["9" + "".join(rng.choices("0123456789", k=4_399)) for _ in range(3_000)]
    text = '{"x": [\n' + ",\n".join(numbers) + "\n]}"
    f, seconds = timed(JsonFile, "a.json", text.encode())
    problems = [p for p in f.problems if p.kind == "number-too-long"]
    assert [(p.line, p.column) for p in problems] == [(2 + i, 1) for i in range(3_000)]
    assert seconds < 2.0


def test_changes_of_an_internal_operation_many_others_call_name_them_once():
    """Each change of an internal operation says which operations depend on it: the note was
    written again for every change, each dependant looked for among those named before it (1,000
    parameters of an internal operation removed, 1,000 callers: 8.4 s of ``vetter diff``)."""
    from vetter.compare import diff_packages

    n = 1_000

    def version(parameters):
        doc = minimal_doc()
        doc["paths"] = {"/target": {"get": {"operationId": "Target", "summary": "Target", "x-ms-visibility": "internal",
                                            "parameters": [{"name": f"q{i}", "in": "query", "type": "string"} for i in range(parameters)],
                                            "responses": {"200": {"description": "OK", "schema": {"type": "array", "items": {
                                                "type": "object", "properties": {"id": {"type": "string"}}}}}}}}}
        for j in range(n):
            doc["paths"][f"/c{j}"] = {"get": {"operationId": f"Caller{j}", "summary": f"Caller {j}", "responses": {"200": {"description": "OK"}},
                                              "parameters": [{"name": "pick", "in": "query", "type": "string", "required": True,
                                                              "x-ms-dynamic-values": {"operationId": "Target", "value-path": "id"}}]}}
        return package_from_files("p", files_with(doc), kind="folder")

    result, seconds = timed(diff_packages, version(n), version(0))
    removed = [c for c in result.changes if c.operation == "Target"]
    assert len(removed) == n and all(c.severity == "breaking" for c in removed)
    assert removed[0].message.endswith("It is internal, but 'Caller0' (x-ms-dynamic-values of 'pick'), 'Caller1' (x-ms-dynamic-values of 'pick'), "
                                       "'Caller10' (x-ms-dynamic-values of 'pick') and 997 more depend on it, so this breaks flows that use those operations.")
    assert seconds < 2.0


def test_a_host_reached_from_thousands_of_script_lines_is_drawn_in_linear_time():
    """The data-flow view (HTML and SVG) lists where each host is reached from: each place was
    looked for among those listed before it, so a script sending to one host from 24,000 lines
    took 2.6 s in that view alone."""
    from vetter.render.dataflow import _host

    n = 30_000
    host = {"operator": "third-party", "geography": "unknown", "fixed": True,
            "found": [{"role": "script", "file": "script.csx", "line": 10 + i} for i in range(n)] + [{"role": "script", "file": "script.csx", "line": 10}]}
    row, seconds = timed(_host, host, "api.contoso.com", [], [], ("the connection's user", "user"), frozenset({"api-host"}))
    assert row["reached_from"] == [f"script.csx line {10 + i}" for i in range(n)] and row["declared_in"] == []
    assert seconds < 1.0


def test_a_chain_of_connector_names_each_a_prefix_of_the_next_keeps_each_its_own_files(tmp_path):
    """A solution export's connectors ``x``, ``x_``, ``x__``, ...: each read the files of every longer
    one as its own (L connectors, L squared files: 400 made a 49 MB report, 800 a 267 MB one in
    12 s), and each was vetted with the last one's definition."""
    import zipfile

    from vetter.model.loader import find_packages

    n = 300
    swagger = base_files("minimal")["apiDefinition.swagger.json"]
    archive = tmp_path / "solution.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("solution.xml", "<ImportExportXml/>")
        for k in range(n):
            zf.writestr(f"Connectors/x{'_' * k}_openapidefinition.json", swagger)
    packages, seconds = timed(lambda: [s.load() for s in find_packages([archive])])
    assert [sorted(p.files) for p in packages] == [[f"x{'_' * k}_openapidefinition.json"] for k in range(n)]
    assert seconds < 5.0


def test_policies_for_every_operation_reading_unknown_parameters_are_checked_in_linear_time():
    """A policy template with no operation list applies to every operation: each parameter it reads
    was looked for in every operation, so thousands of such policies beside thousands of
    operations cost their product (8,000 of each: 9.9 s in XFL006)."""
    n = 6_000
    doc = minimal_doc()
    doc["paths"] = {f"/p{i}": {"get": {"operationId": f"Op{i}", "summary": f"S{i}", "responses": {"200": {"description": "OK"}},
                                       "parameters": [{"name": f"q{i}", "in": "query", "type": "string"}]}} for i in range(n)}
    files = files_with(doc)
    props = json.loads(files["apiProperties.json"])
    props["properties"]["policyTemplateInstances"] = [
        {"templateId": "setqueryparameter", "title": f"P{j}",
         "parameters": {"x-ms-apimTemplateParameter.name": f"x{j}", "x-ms-apimTemplateParameter.value": f"@queryParameters('{'q' if j % 2 else 'missing'}{j}')",
                        "x-ms-apimTemplateParameter.existsAction": "override"}}
        for j in range(n)]
    files["apiProperties.json"] = json.dumps(props).encode()
    package = package_from_files("p", files, kind="folder")
    assert len(package.swagger.index.operations) == n  # read before the clock starts
    result, seconds = timed(lambda: run_rules(package, CATALOG, SETTINGS, only=frozenset({"XFL006"})))
    unknown = [f for f in result.findings if f.rule == "XFL006"]
    assert len(unknown) == n // 2 and unknown[0].message == "Policy 'P0' reads query parameter 'missing0', which its operations do not define."
    assert seconds < 2.0


def test_thousands_of_key_sets_beside_thousands_of_policies_are_profiled_in_linear_time():
    """Where each connection parameter set's API key travels (a header, a query parameter, a host)
    was looked for in every policy template's every value, once for each set: 1,000 sets beside
    1,000 header templates took 5 s of a whole scan, 4,000 ran into the budget (VET010). The
    templates are read once a package, each name's first template kept."""
    from vetter.security.profile import security_profile

    n = 3_000
    doc = minimal_doc()
    doc.pop("securityDefinitions", None)
    files = files_with(doc)
    props = json.loads(files["apiProperties.json"])
    props["properties"].pop("connectionParameters", None)
    props["properties"]["connectionParameterSets"] = {"uiDefinition": {"displayName": "Auth", "description": "d"}, "values": [
        {"name": f"set{i}", "uiDefinition": {"displayName": f"Set {i}", "description": "d"},
         "parameters": {f"k{i}": {"type": "securestring", "uiDefinition": {"displayName": f"Key {i}", "description": "d"}}}} for i in range(n)]}
    props["properties"]["policyTemplateInstances"] = [  # the last set's key is named by two templates: the first wins
        {"templateId": "setheader", "title": f"t{j}", "parameters": {"x-ms-apimTemplateParameter.name": f"X-H{j}",
                                                                   "x-ms-apimTemplateParameter.value": f"@connectionParameters('k{j % n if j < n else n - 1}')"}}
        for j in range(n + 1)]
    files["apiProperties.json"] = json.dumps(props).encode()
    package = package_from_files("p", files, kind="folder")
    profile, seconds = timed(security_profile, package)
    travel = {s.set_name: (s.api_key_in, s.api_key_name) for s in profile.auth.schemes}
    assert len(travel) == n and travel["set0"] == ("header", "X-H0") and travel[f"set{n - 1}"] == ("header", f"X-H{n - 1}")
    assert seconds < 3.0


def test_many_packages_beside_many_changed_files_are_sorted_in_linear_time(tmp_path, monkeypatch):
    """``scan --changed-since``: each package folder was looked for among the folders of every
    changed file (500 packages and 500 untracked files: 4.2 s, 2,000 of each: 63 s). The folders
    holding a changed file are gathered once."""
    from types import SimpleNamespace

    import vetter.engine.changed as changed_mode

    n = 1_000
    folders = [tmp_path / "pkgs" / f"p{i}" for i in range(n)]
    for folder in folders:
        folder.mkdir(parents=True)
    changed = {(folders[0] / "notes" / f"n{i}.md").resolve() for i in range(n)} | {(folders[7] / "apiProperties.json").resolve()}
    monkeypatch.setattr(changed_mode, "changed_since", lambda ref, cwd: changed)
    sources = [SimpleNamespace(path=folder) for folder in folders]
    hit, seconds = timed(changed_mode.touched, sources, "HEAD", tmp_path)
    assert [s.path.name for s in hit] == ["p0", "p7"]
    assert seconds < 1.0


def test_operations_sharing_a_body_of_thousands_of_allof_parts_are_walked_in_linear_time():
    """The personal-data walk stops after 120 schemas an operation, but first put every ``allOf``
    part of each schema it reached on its stack: 4,000 operations posting one body of 4,000 parts
    took 4.6 s of a whole scan (8,000: 14.4 s). The parts are now taken one at a time, in the
    same order."""
    from vetter.security.personal import operation_fields

    n = 4_000
    doc = minimal_doc()
    doc["definitions"] = {"B": {"allOf": [{"type": "object", "properties": {f"f{i}": {"type": "string"}}} for i in range(n - 1)]
                                + [{"type": "object", "properties": {"email": {"type": "string"}}}]}}
    doc["paths"] = {f"/p{i}": {"post": {"operationId": f"Op{i}", "summary": f"S{i}", "responses": {"200": {"description": "OK"}},
                                        "parameters": [{"name": "body", "in": "body", "schema": {"$ref": "#/definitions/B"}}]}} for i in range(n)}
    package = package_from_files("p", files_with(doc), kind="folder")
    sw = package.swagger
    ops = sw.index.operations
    fields, seconds = timed(lambda: [operation_fields(sw, op) for op in ops])
    assert {tuple((f.name, f.category) for f in found) for found in fields} == {(("email", "email"),)}
    assert seconds < 2.0


def test_a_host_template_of_thousands_of_urls_for_thousands_of_operations_is_profiled_in_linear_time():
    """One ``dynamichosturl`` template whose every value is a URL of its own host, listing thousands
    of operations: each host's place listed every operation (4,000 of each: a 488 MB report from a
    1.1 MB package, 1.6 GB), and routed every operation again. A place now lists the first 100
    operations and counts the rest; the template routes its operations once."""
    from pathlib import Path

    import jsonschema

    from vetter.report.export import profile_dict

    n = 2_000
    doc = minimal_doc()
    doc["paths"] = {f"/w{i}": {"get": {"operationId": f"Op{i}", "summary": f"S{i}", "responses": {"200": {"description": "OK"}}}} for i in range(n)}
    files = files_with(doc)
    props = json.loads(files["apiProperties.json"])
    parameters: dict = {f"x-ms-apimTemplateParameter.u{k}": f"https://h{k}.contoso.com/x" for k in range(n)}
    parameters["x-ms-apimTemplate-operationName"] = [f"Op{i}" for i in range(n)]
    props["properties"]["policyTemplateInstances"] = [{"templateId": "dynamichosturl", "title": "t", "parameters": parameters}]
    files["apiProperties.json"] = json.dumps(props).encode()
    package = package_from_files("p", files, kind="folder")
    profile, seconds = timed(profile_dict, package)
    assert profile is not None
    placed = [f for h in profile["egress"]["hosts"] for f in h["found"] if f["role"] == "policy-host"]
    assert len(placed) == n and {(len(f["operations"]), f.get("operations_more")) for f in placed} == {(100, n - 100)}
    schema = json.loads((Path(__file__).resolve().parents[1] / "vetter" / "schemas" / "report-v2.schema.json").read_text())
    found_schema = schema["definitions"]["security"]["properties"]["egress"]["properties"]["hosts"]["items"]["properties"]["found"]
    jsonschema.validate(placed[:3], found_schema)
    assert seconds < 4.0


def test_changes_of_an_operation_many_others_call_list_their_dependants_once():
    """Every change of an operation that thousands of others call for dynamic values listed all of
    them, each worked out again: 4,000 by 4,000 took 151 s and wrote 3.6 GB."""
    import jsonschema

    from vetter.compare import diff_packages
    from vetter.compare.report import to_dict
    from vetter.render import schema_path

    n = 2_000

    def version(kind):
        doc = minimal_doc()
        doc["paths"] = {f"/p{i}": {"get": {"operationId": f"Op{i}", "summary": f"S{i}", "responses": {"200": {"description": "OK"}},
                                           "parameters": [{"name": "x", "in": "query", "type": "string", "x-ms-dynamic-values": {"operationId": "Target", "value-path": "id"}}]}}
                        for i in range(n)}
        doc["paths"]["/t"] = {"get": {"operationId": "Target", "summary": "T", "responses": {"200": {"description": "OK"}},
                                      "parameters": [{"name": f"q{j}", "in": "query", "type": kind} for j in range(n)]}}
        return package_from_files("p", files_with(doc), kind="folder")

    (result, data), seconds = timed(lambda: (r := diff_packages(version("string"), version("integer")), to_dict(r)))
    assert len(data["changes"]) == n and all(len(c.used_by) == n for c in result.changes)
    assert {len(c["used_by"]) for c in data["changes"]} == {20} and {c["used_by_more"] for c in data["changes"]} == {n - 20}
    assert data["changes"][0]["used_by"][:2] == [{"operation": "Op0", "via": "x-ms-dynamic-values", "field": "x"},
                                                 {"operation": "Op1", "via": "x-ms-dynamic-values", "field": "x"}]
    jsonschema.validate({**data, "changes": data["changes"][:3]}, json.loads(schema_path("diff-report-v1").read_text(encoding="utf-8")))
    assert seconds < 5.0


def test_scan_against_an_allof_fan_out_is_linear():
    from vetter.commands.scan import run_options

    old = package_from_files("old", files_with(allof_fan_out(40, extra="b")), kind="folder")
    options = run_options(SETTINGS, CATALOG, previous=lambda package: old)
    new = package_from_files("new", files_with(allof_fan_out(40)), kind="folder")
    result, seconds = timed(run_rules, new, CATALOG, SETTINGS, options)
    assert [(f.rule, f.message) for f in result.findings if f.rule.startswith("CHG")] == [
        ("CHG001", "Operation 'ListWidgets': output field 'response.b' was removed.")]
    assert seconds < 5.0


def test_a_change_past_the_field_limit_is_reported_as_not_compared():
    from vetter.compare import diff_packages
    from vetter.compare.surface import MAX_FIELDS

    def doc(last_type: str) -> dict:
        d = minimal_doc()
        props = {f"p{i:05}": {"type": "string"} for i in range(MAX_FIELDS + 10)}
        props[f"p{MAX_FIELDS + 5:05}"] = {"type": last_type}
        d["definitions"]["Widget"]["properties"] = props
        return d

    old = package_from_files("old", files_with(doc("string")), kind="folder")
    new = package_from_files("new", files_with(doc("integer")), kind="folder")
    result, seconds = timed(diff_packages, old, new)
    assert [(c.key, c.severity) for c in result.changes] == [("comparison-incomplete:GetWidget", "breaking"), ("comparison-incomplete:ListWidgets", "breaking")]
    assert result.changes[0].message == (
        "Operation 'GetWidget' was compared only in part: the fields past the first 4000 of 'response' were not compared "
        "(vetter's limits), so a change there is not reported.")
    assert result.exit_code == 1 and seconds < 5.0


def test_the_merge_budget_is_reported_when_it_runs_out(monkeypatch):
    from vetter.compare import diff_packages, surface

    monkeypatch.setattr(surface, "MAX_MERGED", 10)
    old = package_from_files("old", files_with(allof_fan_out(12)), kind="folder")
    new = package_from_files("new", files_with(allof_fan_out(12)), kind="folder")
    assert [c.message for c in diff_packages(old, new).changes] == [
        "Operation 'ListWidgets' was compared only in part: the allOf parts past the first 10 of the document were not "
        "compared (vetter's limits), so a change there is not reported."]


def test_git_sides_are_read_within_the_loaders_limits(tmp_path, monkeypatch):
    import os

    from tests.test_diff import git, write
    from vetter.compare import diff_packages, load_side
    from vetter.model import archives

    repo = tmp_path / "repo"
    pkg = write(repo / "Widgets", base_files("minimal"))
    (pkg / "notes").mkdir()
    for i in range(30):
        (pkg / "notes" / f"n{i:02}.md").write_text("note\n")
    (pkg / "big.json").write_bytes(b" " * 5_000)
    os.symlink("/etc/passwd", pkg / "link.md")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "v1")
    monkeypatch.chdir(repo)
    monkeypatch.setattr(archives, "MAX_FILE_BYTES", 4_000)
    old = load_side("git:main:Widgets")
    problems = sorted((p.kind, p.file) for p in old.load_problems)
    assert problems == [("file-too-large", "big.json"), ("unsafe-entry", "link.md")]
    assert "link.md" not in old.files and "big.json" not in old.files and len(old.files) == 33
    monkeypatch.setattr(archives, "MAX_ARCHIVE_ENTRIES", 10)
    cut = load_side("git:main:Widgets")
    assert [p.file for p in cut.load_problems if p.kind == "incomplete"] == ["notes/n06.md"] and len(cut.files) == 8
    result = diff_packages(cut, load_side(str(pkg)))
    incomplete = [c for c in result.changes if c.cls == "comparison-incomplete"]
    assert [c.key for c in incomplete if ":old:" in c.key] == ["comparison-incomplete:old:big.json", "comparison-incomplete:old:notes/n06.md"]
    assert result.exit_code == 1
    monkeypatch.setattr(archives, "MAX_FILE_BYTES", 100)
    lone = load_side("git:main:Widgets/apiDefinition.swagger.json")
    assert [p.kind for p in lone.load_problems] == ["file-too-large"] and lone.files == {}


# -- 3. no decoys ------------------------------------------------------------------------------------
def tunnel_doc() -> dict:
    doc = minimal_doc()
    doc["host"], doc["schemes"] = "abc123.ngrok.io", ["http"]
    return doc


def test_a_clean_case_variant_does_not_hide_the_real_definition(tmp_path):
    from click.testing import CliRunner

    from vetter.cli import main

    clean = json.dumps(minimal_doc()).encode()
    files = {**files_with(tunnel_doc()), "APIDEFINITION.SWAGGER.JSON": clean.replace(b"Manage widgets", b"ghp_" + b"A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8")}
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    result = CliRunner().invoke(main, ["scan", str(tmp_path), "--format", "json", "--fail-on", "error"])
    assert result.exit_code == 1, result.output
    findings = json.loads(result.stdout)["packages"][0]["findings"]
    rules = {(f["rule"], f["file"]) for f in findings}
    assert ("PKG007", SWAGGER) in rules and ("SEC010", SWAGGER) in rules and ("SEC008", SWAGGER) in rules
    assert ("CRD001", "APIDEFINITION.SWAGGER.JSON") in rules  # the decoy is still scanned for secrets
    assert "A1b2C3d4E5f6G7h8I9j0" not in result.stdout


def test_a_duplicate_zip_entry_is_vetted_on_its_first_copy(tmp_path):
    import warnings
    import zipfile

    from vetter.model.loader import find_packages

    path = tmp_path / "p.zip"
    with zipfile.ZipFile(path, "w") as zf, warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        for name, data in files_with(tunnel_doc()).items():
            zf.writestr(name, data)
        zf.writestr(SWAGGER, json.dumps(minimal_doc()))  # a clean last copy: what Python's zipfile would read
    (source,) = find_packages([path])
    result = check_source(source, CATALOG, SETTINGS)
    assert rules_of(result)["PKG009"] == 1 and rules_of(result)["SEC010"] == 1
    assert json.loads(source.load().files[SWAGGER])["host"] == "abc123.ngrok.io"


def test_many_case_variants_and_duplicates_stay_linear(tmp_path):
    import itertools
    import zipfile

    from vetter.model.loader import find_packages

    product = ("".join(c) for c in itertools.product(*[(ch.lower(), ch.upper()) for ch in "apidefinition"]))
    variants = [None, *itertools.islice((v for v in product if v != "apiDefinition"), 1999)]
    path = tmp_path / "many.zip"
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in base_files("minimal").items():
            zf.writestr(name, data)
        for v in variants[1:]:
            zf.writestr(f"{v}.swagger.json", b"{}")
    (source,) = find_packages([path])
    result, seconds = timed(check_source, source, CATALOG, SETTINGS)
    ambiguous = [f for f in result.findings if f.rule == "PKG007"]
    assert len(ambiguous) == 1 and ambiguous[0].message.startswith("2000 files could be the API definition: '")
    assert "and 1980 more" in ambiguous[0].message and len(ambiguous[0].message) < 2000 and seconds < 5.0


# -- 5. text as the platform reads it ------------------------------------------------------------------
TOKEN = "ghp_" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8"


@pytest.mark.parametrize("written", [TOKEN.replace("_", "\\u005f"), TOKEN.replace("A", "\\u0041"), TOKEN.replace("b", "\\u0062").replace("I", "\\u0049")],
                         ids=["underscore", "every-A", "two-letters"])
def test_a_secret_written_with_json_escapes_is_found_and_never_printed(tmp_path, written):
    from click.testing import CliRunner

    from vetter.cli import main

    raw = base_files("minimal")[SWAGGER].decode().replace("Manage widgets in Contoso's widget service.", f"Key: {written} (keep it).")
    for name, data in {**base_files("minimal"), SWAGGER: raw.encode()}.items():
        (tmp_path / name).write_bytes(data)
    for fmt in ("json", "text", "markdown", "html", "sarif", "junit", "github"):
        result = CliRunner().invoke(main, ["scan", str(tmp_path), "--format", fmt, "--fail-on", "error"])
        assert result.exit_code == 1, (fmt, result.output)
        assert TOKEN not in result.output and written not in result.output and TOKEN[4:20] not in result.output, fmt
    found = json.loads(CliRunner().invoke(main, ["scan", str(tmp_path), "--format", "json"]).stdout)["packages"][0]["findings"]
    crd = [(f["rule"], f["pointer"], f["line"]) for f in found if f["rule"] == "CRD001"]
    assert crd == [("CRD001", "/info/description", 5)]


def test_json_escapes_are_decoded_in_linear_time():
    from vetter.security.secrets import find_secrets

    doc = minimal_doc()
    doc["info"]["description"] = "\\u0041" * 200_000 + TOKEN
    text = json.dumps(doc).replace("\\\\u0041", "\\u0041")
    files = {**base_files("minimal"), SWAGGER: text.encode()}
    hits, seconds = timed(find_secrets, package_from_files("p", files))
    assert [h.kind for h in hits] == [] and seconds < 5.0  # 'A' * 200,000 + the token is not a token
    escaped = {**base_files("minimal"), SWAGGER: json.dumps({**doc, "info": {**doc["info"], "description": "\\" + "x" * 10}}).encode()}
    assert find_secrets(package_from_files("p", escaped)) == []


def test_a_script_tag_among_more_escapes_than_swg054_writes_out_is_still_found():
    limit = next(r for r in CATALOG if r.id == "SWG054").check.__globals__["MAX_WRITTEN_OUT"]
    doc = minimal_doc()
    doc["info"]["description"] = "\\u0041" * (limit + 1)
    doc["info"]["title"] = "Widgets \\u003cscript>alert(1)</script>"
    text = json.dumps(doc).replace("\\\\u", "\\u")
    assert text.count("\\u") == limit + 2
    result, seconds = timed(scan, {**base_files("minimal"), SWAGGER: text.encode()})
    assert [(f.rule, f.pointer) for f in result.findings if f.rule == "SWG054"] == [("SWG054", "/info/title")]
    assert seconds < 5.0


@pytest.mark.parametrize("shape", ["one key repeated in one object", "one repeated key in each of many objects"])
def test_duplicate_keys_are_read_in_linear_time(shape):
    """A key repeated 100,000 times, and 20,000 objects that each repeat a key: a walk of the
    document per object, and every value compared with every other, made these minutes long."""
    from vetter.model.jsonfile import JsonFile

    if shape.startswith("one key"):
        text = '{"a": {' + ", ".join(f'"dup": {i}' for i in range(100_000)) + "}}"
        expected = [("/a/dup", False)]
    else:
        text = '{"a": [' + ", ".join('{"k": [1], "k": [1]}' for _ in range(20_000)) + "]}"
        expected = [(f"/a/{i}/k", True) for i in range(20_000)]
    parsed, seconds = timed(JsonFile, "x.json", text.encode())
    assert [(p.pointer, p.identical) for p in parsed.problems] == expected
    assert seconds < 5.0


def _opr007_pair_by_pair(paths: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """OPR007 as it was: each path against every earlier one of its method and length (an empty
    segment, as in the root path, never a variable's value)."""

    def var(s):
        return s.startswith("{") and s.endswith("}") and s.count("{") == 1

    def overlap(a, b):
        mixed = False
        for x, y in zip(a, b, strict=True):
            if var(x) and var(y):
                continue
            if var(x) or var(y):
                if x == "" or y == "":  # a required path parameter is never empty
                    return False
                mixed = True
            elif x.lower() != y.lower():
                return False
        return mixed

    seen: dict[tuple[str, int], list[tuple[str, list[str]]]] = {}
    out = []
    for method, path in paths:
        segments = path.strip("/").split("/")
        earlier = seen.setdefault((method, len(segments)), [])
        hit = next((p for p, other in earlier if overlap(segments, other)), None)
        if hit is not None:
            out.append((path, hit))
        earlier.append((path, segments))
    return out


_SEGMENTS = ["a", "A", "b", "{x}", "{y}", "{x}y", "{{z}}", "x{y}", ""]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["get", "post"]), st.lists(st.sampled_from(_SEGMENTS), min_size=1, max_size=3)), max_size=12))
def test_opr007_finds_what_comparing_every_pair_found(ops):
    doc = minimal_doc()
    doc["paths"] = {}
    for method, segments in ops:
        path = "/" + "/".join(segments)
        doc["paths"].setdefault(path, {})[method] = {"operationId": f"Op{len(doc['paths'])}{method}", "responses": {"200": {"description": "OK"}}}
    package = package_from_files("p", files_with(doc))
    check = next(r for r in CATALOG if r.id == "OPR007").check
    found = [(v.message.split(" can match")[0].split(" ", 1)[1], v.key) for v in check(package)]
    assert found == _opr007_pair_by_pair([(op.method, op.path) for op in package.swagger.operations()])


def test_many_paths_of_one_pattern_or_of_many_are_checked_in_linear_time():
    check = next(r for r in CATALOG if r.id == "OPR007").check
    for paths in ([f"/a/{{p{i}}}" for i in range(12_500)], [f"/{{p}}/x{i}" for i in range(12_500)] + ["/{p}/{q}"]):
        doc = minimal_doc()
        doc["paths"] = {p: {"get": {"operationId": f"O{i}", "responses": {"200": {"description": "OK"}}}} for i, p in enumerate(paths)}
        package = package_from_files("p", files_with(doc))
        found, seconds = timed(lambda pkg: [v.key for v in check(pkg)], package)
        assert found == ([] if len(paths) == 12_500 else ["/{p}/x0"]) and seconds < 5.0
    # as many paths with an empty segment where the others have a variable: none overlap, but the last
    paths = [f"/x{i}//c" for i in range(6_000)] + [f"/x{i}/{{v}}/c" for i in range(6_000)] + ["/{p}/{q}/{r}"]
    doc = minimal_doc()
    doc["paths"] = {p: {"get": {"operationId": f"O{i}", "responses": {"200": {"description": "OK"}}}} for i, p in enumerate(paths)}
    found, seconds = timed(lambda pkg: [v.key for v in check(pkg)], package_from_files("p", files_with(doc)))
    assert found == ["/x0/{v}/c"] and seconds < 5.0


def test_a_script_of_many_log_calls_is_checked_in_linear_time():
    """SCR009 looked for secret-named variables among every identifier of the script, once per log
    call: 4,000 calls took 29 s."""
    calls = "".join(f"        this.Context.Logger.LogInformation(x{i}.ToString() + y.Method(z, header.Key));\n" for i in range(8_000))
    script = ("public class Script : ScriptBase\n{\n    public override async Task<HttpResponseMessage> ExecuteAsync()\n    {\n"
              f"{calls}        var token = Guid.NewGuid().ToString();\n        this.Context.Logger.LogInformation(\"sent \" + token);\n"
              "        return await this.Context.SendAsync(this.Context.Request, this.CancellationToken).ConfigureAwait(false);\n    }\n}\n")
    result, seconds = timed(scan, {**base_files("minimal"), "script.csx": script.encode()})
    assert [(f.line, f.message) for f in result.findings if f.rule == "SCR009"] == [
        (8_006, "The script logs 'token' with this.Context.Logger.LogInformation.")]
    assert seconds < 10.0


@pytest.mark.parametrize("shape", ["a long chain of +", "names set from names", "parentheses in parentheses", "a short key joined", "one long name in many calls"])
def test_a_header_value_the_script_builds_deeply_is_read_without_recursion(shape):
    """SEC022 reads the string a script fixes (``csx.constant_string``): it followed ``a + b`` by a
    call per operand, and 5,000 joined literals crashed the package's check (RecursionError, VET002).
    A chain of ``+`` is one loop; names and calls are followed 100 deep and 1,000 nodes at most, so
    a value built past that is not a fixed one (no finding), and nothing crashes; a name's value is
    read once, however many calls send it (5,000 calls of a 900-literal value: once, not 5,000 times)."""
    key = "Tq7Vz2LkP9xR4mT8wB1nC6yH3jF5sD0a"
    if shape == "a long chain of +":
        value, setup = " + ".join(['"ab"'] * 20_000), ""
    elif shape == "names set from names":
        setup = "".join(f"        var a{i + 1} = a{i};\n" for i in range(3_000))
        setup = f'        var a0 = "{key}";\n' + setup
        value = "a3000"
    elif shape == "parentheses in parentheses":
        value, setup = "(" * 3_000 + f'"{key}"' + ")" * 3_000, ""
    elif shape == "one long name in many calls":
        setup = "        var big = " + " + ".join(f'"{i:03}"' for i in range(900)) + ";\n"
        setup += '        this.Context.Request.Headers.Add("X-Api-Key", big);\n' * 5_000
        value = "big"
    else:
        value, setup = " + ".join(f'"{key[i:i + 4]}"' for i in range(0, len(key), 4)), ""
    body = f'{setup}        this.Context.Request.Headers.Add("X-Api-Key", {value});\n'
    result, seconds = timed(scan, {**base_files("minimal"), "script.csx": _script(body)})
    assert not [f for f in result.findings if f.rule.startswith("VET")], [f.message for f in result.findings if f.rule.startswith("VET")]
    found = [f.rule for f in result.findings if f.rule == "SEC022"]
    assert found == (["SEC022"] if shape in ("a short key joined", "parentheses in parentheses") else []), shape
    assert seconds < 3.0  # the many calls of one long name took 6.0 s when each call read the name again


def _script(body: str) -> bytes:
    return ("public class Script : ScriptBase\n{\n    public override async Task<HttpResponseMessage> ExecuteAsync()\n    {\n"
            f"{body}        return null;\n    }}\n}}\n").encode()


def _send(i: int) -> str:
    return f'await this.Context.SendAsync(new HttpRequestMessage(HttpMethod.Get, "https://h{i}.example.com/"), this.CancellationToken);'


@pytest.mark.parametrize("shape", ["one send each", "a case each", "every case above all sends"])
def test_a_script_reaching_thousands_of_hosts_is_checked_in_linear_time(shape):
    """Per host, the script's operation cases, its hosts and the swagger's operations were each
    gone through again (2,000 hosts: 15 s and more; 4,000: past the one-minute budget)."""
    n = 2_000
    doc = minimal_doc()
    doc["paths"] = {f"/p{i}": {"get": {"operationId": f"Op{i}", "summary": f"S{i}", "responses": {"200": {"description": "OK"}}}} for i in range(n)}
    if shape == "one send each":
        body = "".join(f"        {_send(i)}\n" for i in range(n))
    elif shape == "a case each":
        body = "        switch (this.Context.OperationId)\n        {\n" + "".join(
            f'            case "Op{i}":\n                {_send(i)}\n                break;\n' for i in range(n)) + "        }\n"
    else:
        body = "        switch (this.Context.OperationId)\n        {\n" + "".join(f'            case "Op{i}":\n' for i in range(n)) + "".join(
            f"                {_send(i)}\n" for i in range(n)) + "                break;\n        }\n"
    result, seconds = timed(scan, {**files_with(doc), "script.csx": _script(body)})
    egress = [f for f in result.findings if f.rule == "SEC017"]
    assert len(egress) == n and seconds < 10.0
    ops = {"one send each": "every operation it handles", "a case each": "Op1999",
           "every case above all sends": "Op18, Op19 and 1,980 more."}[shape]
    assert ops in egress[-1].message
    assert max(len(f.message) for f in egress) < 400  # each of 2,000 findings named all 2,000 operations


def test_sends_under_one_guard_of_thousands_of_labels_are_matched_once():
    """Each of 4,000 sends under one switch section of 4,000 labels matched the labels against the
    operations again, and each finding named all 4,000 (12.8 s, 490 MB, a 150 MB report)."""
    from vetter.security.hidden import hidden_egress

    n = 4_000
    doc = minimal_doc()
    doc["paths"] = {f"/p{i}": {"get": {"operationId": f"Op{i}", "summary": f"S{i}", "responses": {"200": {"description": "OK"}}}} for i in range(n)}
    body = ("        switch (this.Context.OperationId)\n        {\n" + "".join(f'            case "Op{i}":\n' for i in range(n))
            + "".join(f"                {_send(i)}\n" for i in range(n)) + "                break;\n        }\n")
    package = package_from_files("p", {**files_with(doc), "script.csx": _script(body)})
    hidden, seconds = timed(hidden_egress, package)
    assert len(hidden) == n and all(h.operations == tuple(f"Op{i}" for i in range(n)) for h in hidden[:: n // 8])
    assert seconds < 3.0


def test_a_script_switching_on_thousands_of_operations_is_checked_in_linear_time():
    """SCR010 and SCR011 tested every operation id against every case (8,000 of each: 9 s)."""
    n = 8_000
    doc = minimal_doc()
    doc["paths"] = {f"/p{i}": {"get": {"operationId": f"Op{i}", "summary": f"S{i}", "responses": {"200": {"description": "OK"}}}} for i in range(n)}
    files = files_with(doc)
    props = json.loads(files[PROPERTIES])
    props["properties"]["scriptOperations"] = [f"Op{i}" for i in range(0, n, 2)]
    body = "        switch (this.Context.OperationId)\n        {\n" + "".join(
        f'            case "Op{i}":\n                return null;\n' for i in range(n + 1)) + "        }\n"
    package = package_from_files("p", {**files, PROPERTIES: json.dumps(props).encode(), "script.csx": _script(body)})
    check10, check11 = (next(r for r in CATALOG if r.id == rule).check for rule in ("SCR010", "SCR011"))
    (found, seconds) = timed(lambda p: ([v.message for v in check10(p)], len(list(check11(p)))), package)
    assert found == ([f"The script handles operation 'Op{n}', but no operation in the swagger has that operationId."], n // 2)
    assert seconds < 3.0


_OP_IDS = ["Get", "get", "GetItem", "getitem", "GetItems", "List", "Get"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_OP_IDS), max_size=6),
       st.lists(st.tuples(st.sampled_from(["Get", "get", "GetI", "List", "Lis", "x"]), st.sampled_from(["exact", "nocase", "prefix"])), max_size=4))
def test_the_operation_index_matches_cases_to_operations_as_testing_each_did(ops, cases):
    from vetter.model.csx import OperationCase, OperationIndex

    def matches(case, op):  # each id tested against each case, as the script rules did
        return (op == case.value or (case.mode == "prefix" and op.lower().startswith(case.value.lower()))
                or (case.mode == "nocase" and op.lower() == case.value.lower()))

    found = [OperationCase(value, 1, 1, mode) for value, mode in cases]
    assert OperationIndex(ops).matching(found) == [op for op in ops if any(matches(c, op) for c in found)]


def _solution_zip(path, count: int, title: str = "Widgets") -> None:
    import zipfile

    files = base_files("minimal")
    doc = json.loads(files[SWAGGER])
    doc["info"]["title"] = title
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("solution.xml", "<ImportExportXml/>")
        for i in range(count):
            for name, data in {**files, SWAGGER: json.dumps(doc).encode()}.items():
                z.writestr(f"customapis/c{i}/{name}", data)


def test_the_connectors_of_a_solution_are_read_in_linear_time(tmp_path):
    """Each connector of a solution read the whole archive (or folder) again: 300 connectors took
    7.5 s from a zip, 10.4 s from a folder. A scan reads it once (``solutions_read_once``)."""
    import zipfile

    from vetter.model.loader import find_packages, solutions_read_once

    _solution_zip(tmp_path / "solution.zip", 300)
    with zipfile.ZipFile(tmp_path / "solution.zip") as z:
        z.extractall(tmp_path / "folder")
    for path in (tmp_path / "solution.zip", tmp_path / "folder"):
        with solutions_read_once():
            packages, seconds = timed(lambda p: [s.load() for s in find_packages([p])], path)
        assert len(packages) == 300 and all(p.swagger.root.child("info").get("title") == "Widgets" for p in packages)
        assert seconds < 2.0, path.name


def test_a_solution_zip_changed_on_disk_is_read_again(tmp_path):
    from vetter.model.loader import find_packages, solutions_read_once

    path = tmp_path / "solution.zip"
    _solution_zip(path, 2)
    with solutions_read_once():
        assert [s.load().swagger.root.child("info").get("title") for s in find_packages([path])] == ["Widgets", "Widgets"]
        _solution_zip(path, 2, title="Gadgets and more")
        assert [s.load().swagger.root.child("info").get("title") for s in find_packages([path])] == ["Gadgets and more", "Gadgets and more"]


def test_a_utf16_script_hides_nothing():
    script = ('public class Script : ScriptBase\n{\n    public override async Task<HttpResponseMessage> ExecuteAsync()\n    {\n'
              f'        var key = "{TOKEN}";\n        var c = new System.Net.Sockets.TcpClient("10.0.0.5", 25);\n'
              '        return await this.Context.SendAsync(this.Context.Request, this.CancellationToken).ConfigureAwait(false);\n    }\n}\n')
    for encoding, bom in (("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"), ("utf-32-le", b"\xff\xfe\x00\x00")):
        result = scan({**base_files("minimal"), "script.csx": bom + script.encode(encoding)})
        found = {(f.rule, f.line) for f in result.findings if f.file == "script.csx"}
        assert {("SCR013", 1), ("SCR005", 6), ("CRD001", 5)} <= found, (encoding, found)
        assert not any(f.rule == "SCR001" for f in result.findings), encoding


# -- 6. safe writing --------------------------------------------------------------------------------------
def test_output_dir_does_not_write_through_a_planted_symlink(tmp_path):
    import os

    from click.testing import CliRunner

    from vetter.cli import main

    victim = tmp_path / "victim.txt"
    victim.write_text("keep me\n")
    out = tmp_path / "vetter-out"
    out.mkdir()
    os.symlink(victim, out / "vetter-report.md")
    os.link(victim, out / "vetter-report.json")  # a hard link: the rename replaces the name, not the file
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    for name, data in base_files("minimal").items():
        (pkg / name).write_bytes(data)
    result = CliRunner().invoke(main, ["scan", str(pkg), "--format", "markdown", "--format", "json", "--output-dir", str(out)])
    assert result.exit_code == 0, result.output
    assert victim.read_text() == "keep me\n"
    assert not (out / "vetter-report.md").is_symlink() and (out / "vetter-report.md").read_text().startswith("#")
    assert json.loads((out / "vetter-report.json").read_text())["packages"][0]["name"] == "pkg"
    assert sorted(p.name for p in out.iterdir()) == ["vetter-report.json", "vetter-report.md"]  # no temporary file left
    single = CliRunner().invoke(main, ["scan", str(pkg), "-o", str(out / "vetter-report.md")])
    assert single.exit_code == 0 and victim.read_text() == "keep me\n"
    os.symlink(tmp_path / "elsewhere", tmp_path / "linked-out")
    refused = CliRunner().invoke(main, ["scan", str(pkg), "--format", "json", "--output-dir", str(tmp_path / "linked-out")])
    assert refused.exit_code == 2 and "symbolic link" in refused.output and not (tmp_path / "elsewhere").exists()
    devnull = CliRunner().invoke(main, ["scan", str(pkg), "-o", "/dev/null"])
    assert devnull.exit_code == 0 and os.path.exists("/dev/null") and not os.path.isfile("/dev/null")


def test_init_writes_folder_names_as_toml_strings(tmp_path, monkeypatch):
    import tomllib

    from click.testing import CliRunner

    from vetter.cli import main
    from vetter.engine.settings import load_settings

    hostile = 'evil"\nrules-dir = ["/tmp/x"]\nignore = ["ALL"]\n#'
    pkg = tmp_path / "repo" / hostile
    pkg.mkdir(parents=True)
    for name, data in base_files("minimal").items():
        (pkg / name).write_bytes(data)
    monkeypatch.chdir(tmp_path / "repo")
    result = CliRunner().invoke(main, ["init", "."])
    assert result.exit_code == 0, result.output
    text = (tmp_path / "repo" / "vetter.toml").read_text()
    data = tomllib.loads(text)
    assert sorted(data) == ["fail-on", "select"] and data["select"] == ["ALL"]
    assert '#   "evil\\"\\nrules-dir = [\\"/tmp/x\\"]\\nignore = [\\"ALL\\"]\\n#"' in text
    settings = load_settings(str(tmp_path / "repo" / "vetter.toml"), tmp_path)
    assert settings.rules_dirs == [] and settings.ignore == []


# -- 2. a budget per package --------------------------------------------------------------------------
SLOW_RULE = '''"""A rule that never ends on packages whose title says so.

## Why
Test.

## How to fix
Test.
"""

from vetter import Rule, Severity

RULE = Rule(id="ZZZ001", name="never-ends", category="hostile", severity=Severity.INFO)


def check(package):
    if "Slow" in package.swagger.root.child("info").get("title"):
        while True:
            pass
    if "Greedy" in package.swagger.root.child("info").get("title"):
        hoard = []
        while True:
            hoard.append(bytearray(8 * 1024 * 1024))
    return iter(())
'''


def portfolio_with_a_hostile_package(tmp_path, title: str, count: int = 3):
    rules = tmp_path / "rules" / "hostile"
    rules.mkdir(parents=True)
    (rules / "__init__.py").write_text('"""Hostile test rules."""\nPREFIX = "ZZZ"\n')
    (rules / "zzz001_never_ends.py").write_text(SLOW_RULE)
    for i in range(count):
        doc = minimal_doc()
        if i == 1:
            doc["info"]["title"] = title
        pkg = tmp_path / "portfolio" / f"p{i}"
        pkg.mkdir(parents=True)
        for name, data in files_with(doc).items():
            (pkg / name).write_bytes(data)
    return tmp_path / "portfolio", tmp_path / "rules"


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_package_that_runs_past_its_time_budget_ends_there_and_the_scan_goes_on(tmp_path, jobs):
    import subprocess
    import sys

    portfolio, rules = portfolio_with_a_hostile_package(tmp_path, "Slow Widgets", count=8 if jobs == "2" else 3)
    start = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "vetter.cli", "scan", str(portfolio), "--rules-dir", str(rules), "--budget-seconds", "2",
                           "--jobs", jobs, "--format", "json"], capture_output=True, text=True, timeout=120)
    elapsed = time.monotonic() - start
    assert proc.returncode == 1, proc.stderr
    packages = json.loads(proc.stdout)["packages"]
    cut = {p["name"]: [f["message"] for f in p["findings"] if f["rule"] == "VET010"] for p in packages}
    assert cut["p1"] == ["vetter stopped checking this package at its time budget (2 s), while rule ZZZ001 (never-ends) ran, "
                         f"after {sum(r.rule.scope == 'package' for r in CATALOG)} rules; the check is incomplete and the findings of the rules that had run are not listed."]
    assert all(not v for k, v in cut.items() if k != "p1") and len(packages) == (8 if jobs == "2" else 3)
    assert elapsed < 60


def test_a_budget_that_runs_out_while_a_file_is_parsed_starts_no_second_parse(tmp_path, monkeypatch):
    """The VET010 finding is about the package as a whole: making it must not parse the file again,
    outside any budget (it did, and a file that took minutes to parse took them twice)."""
    from vetter.base.budget import Budget
    from vetter.model.jsonfile import JsonFile
    from vetter.model.loader import find_packages
    from vetter.model.options import RunOptions

    parsed: list[str] = []
    original = JsonFile._parse

    def slow_parse(self):
        parsed.append(self.name)
        if self.name == SWAGGER:
            end = time.monotonic() + 10
            while time.monotonic() < end:  # Python code: the budget's signal stops it
                pass
        original(self)

    monkeypatch.setattr(JsonFile, "_parse", slow_parse)
    for name, data in base_files("minimal").items():
        (tmp_path / name).write_bytes(data)
    (source,) = find_packages([tmp_path])
    start = time.monotonic()
    result = check_source(source, CATALOG, SETTINGS, RunOptions(budget=Budget(0.5, None)))
    elapsed = time.monotonic() - start
    assert [f.rule for f in result.findings] == ["VET010"]
    assert parsed.count(SWAGGER) == 1 and elapsed < 5


def test_a_package_that_grows_past_its_memory_budget_ends_there(tmp_path):
    import subprocess
    import sys

    portfolio, rules = portfolio_with_a_hostile_package(tmp_path, "Greedy Widgets")
    proc = subprocess.run([sys.executable, "-m", "vetter.cli", "scan", str(portfolio), "--rules-dir", str(rules), "--budget-memory", "200",
                           "--format", "json"], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1, proc.stderr
    packages = {p["name"]: p for p in json.loads(proc.stdout)["packages"]}
    (message,) = [f["message"] for f in packages["p1"]["findings"] if f["rule"] == "VET010"]
    assert message.startswith("vetter stopped checking this package at its memory budget (200 MB more than before it), while rule ZZZ001")
    assert not [f for f in packages["p2"]["findings"] if f["rule"] == "VET010"]


def test_a_rule_past_the_listing_limit_says_how_many_more(monkeypatch):
    from vetter.engine import runner as engine

    monkeypatch.setattr(engine, "MAX_PER_RULE", 3)
    doc = minimal_doc()
    for i in range(6):
        doc["paths"][f"/extra{i}"] = {"get": {"operationId": f"Extra{i}", "responses": {"200": {"description": "ok"}}}}
    result = scan(files_with(doc))
    kept = [f for f in result.findings if f.rule == "SWG035"]
    (note,) = [f for f in result.findings if f.rule == "VET011"]
    assert len(kept) == 3 and note.message == "Rule SWG035 (response-schema-missing) found 6 problems in this package; the first 3 are listed and 3 more are not."
    assert note.severity.value == "info"


def test_findings_past_the_listing_limit_are_counted_not_kept(monkeypatch):
    """A rule whose findings multiply (every call times every parameter it leaves out) kept all of
    them in memory before the listing limit cut the list: now only the listed ones are kept."""
    import tracemalloc

    from vetter.base.rule import Location, Severity, Violation
    from vetter.engine import runner as engine
    from vetter.engine.catalog import LoadedRule

    monkeypatch.setattr(engine, "MAX_PER_RULE", 3)
    real_run = LoadedRule.run

    def run(self, package, options):
        if self.id != "SWG035":
            return real_run(self, package, options)
        return (Violation(Location(SWAGGER, f"/paths/~1p{i}"), f"problem number {i:,} of many", severity=Severity.ERROR if i == 250_000 else None)
                for i in range(300_000))

    monkeypatch.setattr(LoadedRule, "run", run)
    package = package_from_files("p", files_with(minimal_doc()), kind="folder")
    tracemalloc.start()
    try:
        result = run_rules(package, CATALOG, SETTINGS, only=frozenset({"SWG035"}))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    (note,) = [f for f in result.findings if f.rule == "VET011"]
    assert note.message == "Rule SWG035 (response-schema-missing) found 300,000 problems in this package; the first 3 are listed and 299,997 more are not."
    assert note.severity.value == "error"  # the worst of those not listed
    assert len([f for f in result.findings if f.rule == "SWG035"]) == 3
    assert peak < 20 * 1024 * 1024, peak


def test_online_checks_stop_at_the_runs_budget(monkeypatch):
    from vetter.commands.scan import add_source
    from vetter.model.options import RunOptions
    from vetter.report.model import ScanReport
    from vetter.security import online

    monkeypatch.setitem(online.SETTINGS, "budget", 5.0)
    monkeypatch.setitem(online.SETTINGS, "deadline", time.monotonic() - 1)  # spent before the first check
    doc = minimal_doc()
    doc["securityDefinitions"] = {"oauth": {"type": "oauth2", "flow": "accessCode", "authorizationUrl": "https://login.contoso.com/a",
                                            "tokenUrl": "https://login.contoso.com/t", "scopes": {}}}

    class Source:
        path = type("P", (), {"name": "p"})()
        display = "p"
        kind = "memory"

        def load(self):
            return package_from_files("p", files_with(doc))

    report = ScanReport()
    start = time.monotonic()
    add_source(report, Source(), CATALOG, SETTINGS, RunOptions(online=True))
    (cut,) = [f for f in report.packages[0].findings if f.rule == "VET012"]
    assert cut.message == "The --online budget (5 s for the run) was spent before these hosts were checked: api.contoso.com, login.contoso.com."
    assert cut.severity.value == "error" and time.monotonic() - start < 5
    checks = report.security[("p", "p")]["online"]["checks"]
    assert [(c["host"], c["dns"]["status"], c["tls"]["error"]) for c in checks] == [
        ("api.contoso.com", "not-checked", online.BUDGET_SPENT), ("login.contoso.com", "not-checked", online.BUDGET_SPENT)]


def _zip_declaring(entries: int, cd_size: int | None = None) -> bytes:
    """A small real zip whose end record declares ``entries`` entries (and a directory of ``cd_size`` bytes)."""
    import io
    import struct
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for name, data in base_files("minimal").items():
            zf.writestr(name, data)
    raw = bytearray(buffer.getvalue())
    at = raw.rfind(b"PK\x05\x06")
    sig, disk, cd_disk, _here, _total, size, offset, comment = struct.unpack("<4s4H2LH", raw[at : at + 22])
    if entries > 0xFFFF:  # a ZIP64 end record and locator before the classic one, as a real 2-million-entry zip has
        zip64 = struct.pack("<4sQHHLLQQQQ", b"PK\x06\x06", 44, 45, 45, 0, 0, entries, entries, cd_size or size, offset)
        locator = struct.pack("<4sLQL", b"PK\x06\x07", 0, at, 1)
        end = struct.pack("<4s4H2LH", sig, disk, cd_disk, 0xFFFF, 0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF, comment)
        return bytes(raw[:at]) + zip64 + locator + end
    raw[at : at + 22] = struct.pack("<4s4H2LH", sig, disk, cd_disk, entries, entries, cd_size or size, offset, comment)
    return bytes(raw)


@pytest.mark.parametrize(("entries", "cd_size"), [(2_000_000, None), (60_000, None), (3, 200_000_000)], ids=["zip64-2-million", "60-thousand", "huge-directory"])
def test_an_archive_listing_millions_of_entries_is_refused_before_its_directory_is_read(tmp_path, entries, cd_size):
    from vetter.model.loader import find_packages

    path = tmp_path / "many.zip"
    path.write_bytes(_zip_declaring(entries, cd_size))
    ((source,), seconds) = timed(lambda: list(find_packages([path])))
    result, more = timed(check_source, source, CATALOG, SETTINGS)
    assert [f.rule for f in result.findings] == ["PKG005"] and "nothing in it was checked" in result.findings[0].message
    assert seconds + more < 2.0


def test_a_microsoft_rule_re2_refused_runs_in_re_on_bounded_windows(monkeypatch):
    from vetter.security import secrets

    monkeypatch.setattr(secrets, "compile_linear", lambda source, flags=0: None)  # as if RE2 could not run any of them
    key = "Qm9vbXNoYWthbGFrYTEyMzQ1Njc4OTBhYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0NTY3ODlBQkNERUZH"[:86]
    doc = minimal_doc()
    doc["info"]["description"] = ".documents.azure.com" * 10_000 + f";AccountEndpoint=https://x.documents.azure.com:443/;AccountKey={key}==;"
    package = package_from_files("p", files_with(doc))
    hits, seconds = timed(secrets.find_secrets, package)
    assert [h.kind for h in hits] == ["azure-cosmos-dblegacy-credentials"] and hits[0].value == key + "=="
    assert any(d.windowed for d in secrets.detectors()) and seconds < 5.0


def test_a_secret_in_a_ten_megabyte_swagger_is_scanned():
    from vetter.security.secrets import find_secrets

    doc = minimal_doc()
    doc["info"]["description"] = "word " * 2_000_000 + TOKEN
    hits, seconds = timed(find_secrets, package_from_files("p", files_with(doc)))
    assert [(h.kind, h.pointer) for h in hits] == [("github-token", "/info/description")] and seconds < 10.0


def test_a_host_of_thousands_of_labels_is_classified_in_linear_time():
    from vetter.security import hosts

    rules = [line.split()[0].lstrip("!") for line in hosts._psl_text().splitlines() if line.strip() and not line.startswith("//")]
    assert max(r.count(".") + 1 for r in rules) <= hosts.MAX_RULE_LABELS
    assert hosts.public_suffix("a.b.kawasaki.jp") == ("b.kawasaki.jp", "a.b.kawasaki.jp")  # a wildcard rule
    assert hosts.public_suffix("city.kawasaki.jp") == ("kawasaki.jp", "city.kawasaki.jp")  # its exception
    host = ".documents.azure.com" * 10_000
    facts, seconds = timed(hosts.classify, host.strip("."))
    assert facts.registrable == "azure.com" and seconds < 1.0
    doc = minimal_doc()
    doc["host"] = host.strip(".")
    result, seconds = timed(scan, files_with(doc))
    no_crash(result)
    assert seconds < 5.0


def test_escaped_quotes_outside_any_string_are_read_once():
    from vetter.security.secrets import find_secrets

    text = base_files("minimal")[SWAGGER].decode().replace('"swagger": "2.0",', '"swagger": "2.0", ' + '\\"' * 100_000 + "\\u0041,")
    hits, seconds = timed(find_secrets, package_from_files("p", {**base_files("minimal"), SWAGGER: text.encode()}))
    assert hits == [] and seconds < 2.0


def _scattered_fixes(n: int) -> dict[str, bytes]:
    """The minimal package with ``n`` query parameters, each with keys its fixes remove, one key per line."""
    files = base_files("minimal")
    doc = json.loads(files[SWAGGER])
    doc["paths"]["/widgets"]["get"]["parameters"] += [
        {"name": f"p{i}", "in": "query", "type": "string", "x-ms-url-encoding": "single", "allowEmptyValue": False,
         "uniqueItems": False, "x-ms-summary": f"P {i}", "description": f"Parameter {i}."} for i in range(n)]
    return {**files, SWAGGER: json.dumps(doc, indent=2).encode()}


def _whole_file_diff(name: str, before: bytes, after: bytes) -> str:
    """``difflib.unified_diff`` on the whole file's lines, as ``vetter fix`` wrote its diff before."""
    import difflib

    from vetter.commands.fix import diff_lines

    old, new = diff_lines(before.decode()), diff_lines(after.decode())
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"
                   for line in difflib.unified_diff(old, new, name, name))


def test_the_diff_of_thousands_of_scattered_fixes_is_written_in_linear_time():
    """``vetter fix``'s diff ran difflib's matcher over the whole file, which split it again at
    every change: 2,000 fixed parameters took 7.6 s (8,000: 50 s) for 0.4 s of fixing. The fix's
    own alignment (``FixResult.kept``) leaves difflib one small window per change, and the diff
    is the same as the whole file's."""
    from vetter.commands.fix import fix_package, unified_diff
    from vetter.model.options import RunOptions

    small = package_from_files("p", _scattered_fixes(300), kind="folder")
    result = fix_package(small, CATALOG, SETTINGS, RunOptions(), unsafe=True)
    assert dict(result.fixed) == {"SWG026": 300} and result.changed == [SWAGGER]
    assert unified_diff(SWAGGER, small.files[SWAGGER], result.files[SWAGGER], result.kept[SWAGGER]) == \
        _whole_file_diff(SWAGGER, small.files[SWAGGER], result.files[SWAGGER])
    large = package_from_files("p", _scattered_fixes(8_000), kind="folder")
    result = fix_package(large, CATALOG, SETTINGS, RunOptions(), unsafe=True)
    diff, seconds = timed(unified_diff, SWAGGER, large.files[SWAGGER], result.files[SWAGGER], result.kept[SWAGGER])
    assert diff.count("\n-") == 8_000 and seconds < 2.0


_LINES = ["{\n", "}\n", '  "a": 1,\n', "  x\n", "\n", "\r\n", "y\r", "z"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_LINES), max_size=14), st.data())
def test_the_lines_a_fix_keeps_are_copies_and_the_diff_rebuilds_the_file(lines, data):
    """``kept_lines`` names only lines that are copies, in order, over rounds of edits; the
    diff's hunks turn the old file into the new; with one change it is difflib's own diff."""
    from vetter.commands.fix import TextEdit, apply_edits, diff_lines, kept_lines, unified_diff

    original = text = "".join(lines)
    kept = None
    for _ in range(data.draw(st.integers(1, 3))):
        points = sorted(data.draw(st.lists(st.integers(0, len(text)), max_size=6, unique=True)))
        edits = [TextEdit(a, b, data.draw(st.sampled_from(["", "q", "\n", "{\n  ", "y\r\n"]))) for a, b in zip(points[::2], points[1::2], strict=False)]
        new = apply_edits(text, edits)
        kept = kept_lines(text, edits, new, kept)
        text = new
    old_lines, new_lines = diff_lines(original), diff_lines(text)
    assert len(kept) == len(new_lines)
    copies = [(j, k) for j, k in enumerate(kept) if k is not None]
    assert all(new_lines[j] == old_lines[k] for j, k in copies)
    assert [k for _, k in copies] == sorted({k for _, k in copies})
    diff = unified_diff("f", original.encode(), text.encode(), kept)
    assert apply_unified(old_lines, diff) == new_lines
    if sum(k is None for k in kept) <= 1 and len(old_lines) - len(copies) <= 1:
        assert diff == _whole_file_diff("f", original.encode(), text.encode())


def test_the_editor_s_fix_all_edits_are_found_in_linear_time():
    """The language server's "fix all" matched the old and new text with a whole-file difflib
    (no junk heuristic): 500 scattered fixes took 41 s and 1,000 took 280 s, the server stuck
    meanwhile. It now takes the fix's own alignment."""
    from vetter.commands.fix import apply_edits, fix_package
    from vetter.commands.lsp import line_edits
    from vetter.model.options import RunOptions

    package = package_from_files("p", _scattered_fixes(2_000), kind="folder")
    result = fix_package(package, CATALOG, SETTINGS, RunOptions(), unsafe=True)
    old, new = package.files[SWAGGER].decode(), result.files[SWAGGER].decode()
    edits, seconds = timed(line_edits, old, new, result.kept[SWAGGER])
    assert len(edits) == 2_000 and apply_edits(old, edits) == new
    assert all(old[e.start : e.end].count("\n") == 1 and e.text == "" for e in edits)  # each removes its one line
    assert seconds < 1.0


def test_thousands_of_dynamic_calls_on_one_operation_are_checked_in_linear_time():
    """Each dynamic call looked the called and the calling operation's parameters up again
    (``parameters_by_name``, and OPR019 and OPR021 on their own): 2,000 parameters of one
    operation, each with an ``x-ms-dynamic-values`` calling it, took 9 s to scan, 8,000 the
    whole one-minute budget."""
    n = 4_000
    doc = minimal_doc()
    params = [{"name": f"q{i}", "in": "query", "type": "string", "required": i == 0,
               "x-ms-dynamic-values": {"operationId": "Op", "value-path": "id",
                                       "parameters": {f"q{j}": {"parameter": f"q{j}"} for j in range(max(0, i - 3), i)}}}
              for i in range(n)]
    doc["paths"] = {"/p": {"get": {"operationId": "Op", "summary": "S", "parameters": params, "responses": {"200": {"description": "OK"}}}}}
    package = package_from_files("p", files_with(doc), kind="folder")
    dynamic = frozenset({"OPR018", "OPR019", "OPR021", "OPR024", "OPR025", "OPR035"})
    result, seconds = timed(lambda: run_rules(package, CATALOG, SETTINGS, only=dynamic))
    missing = [f for f in result.findings if f.rule == "OPR019"]
    # every call but those of q1, q2 and q3 (which pass q0 on) leaves out the required q0
    assert len(missing) == n - 3 and {f.message for f in missing} == {"x-ms-dynamic-values calls Op without its required parameter 'q0'."}
    assert not [f for f in result.findings if f.rule not in dynamic]
    assert seconds < 5.0


def test_a_body_shared_by_thousands_of_operations_is_walked_within_its_bound():
    """The personal-data walk stops after ``MAX_SCHEMAS`` schemas an operation, but it first put
    every property of each object it visited on its stack: 8,000 operations sharing one body of
    8,000 properties took 20.8 s to scan. The properties are now taken one at a time."""
    from vetter.security.personal import MAX_SCHEMAS, operation_fields

    n = 4_000
    names = [f"f{i}" for i in range(n)]
    names[10], names[3_000] = "contactEmail", "homePhone"  # the second lies past the walk's bound
    doc = minimal_doc()
    doc["definitions"] = {"Big": {"type": "object", "properties": {name: {"type": "string"} for name in names}}}
    doc["paths"] = {f"/p{i}": {"post": {"operationId": f"Op{i}", "summary": f"S{i}", "responses": {"200": {"description": "OK"}},
                                        "parameters": [{"name": "body", "in": "body", "schema": {"$ref": "#/definitions/Big"}}]}} for i in range(n)}
    swagger = package_from_files("p", files_with(doc), kind="folder").swagger
    found, seconds = timed(lambda: [operation_fields(swagger, op) for op in swagger.index.operations])
    assert {tuple((f.name, f.category, f.evidence.pointer) for f in fields) for fields in found} == {
        (("contactEmail", "email", "/definitions/Big/properties/contactEmail"),)}
    assert MAX_SCHEMAS < 3_000 and seconds < 5.0


def _with_templates(doc: dict, templates: list[dict], parameters: dict | None = None) -> dict[str, bytes]:
    files = files_with(doc)
    props = json.loads(files[PROPERTIES])
    props["properties"]["policyTemplateInstances"] = templates
    if parameters is not None:
        props["properties"]["connectionParameters"] = parameters
    return {**files, PROPERTIES: json.dumps(props).encode()}


def _host_template(url: str, *operations: str) -> dict:
    parameters: dict = {"x-ms-apimTemplateParameter.urlTemplate": url}
    if operations:
        parameters["x-ms-apimTemplate-operationName"] = list(operations)
    return {"templateId": "dynamichosturl", "title": url, "parameters": parameters}


def test_host_templates_route_operations_in_order():
    """What each operation's requests reach, when host templates follow one another: a template for
    every operation replaces what came before it, one for named operations only those."""
    from vetter.security.endpoints import collect

    doc = minimal_doc()
    doc["paths"] = {f"/p{i}": {"get": {"operationId": f"Op{i}", "responses": {"200": {"description": "OK"}}}} for i in range(4)}
    templates = [_host_template("https://a.example.com", "Op1", "Op3"), _host_template("https://b.example.com"),
                 _host_template("https://c.example.com", "Op2", "Ghost"), _host_template("https://d.example.com", "Op3")]
    _hosts, _links, op_host = collect(package_from_files("p", _with_templates(doc, templates), kind="folder"), frozenset())
    assert list(op_host.items()) == [("Op0", "b.example.com"), ("Op1", "b.example.com"), ("Op2", "c.example.com"),
                                     ("Op3", "d.example.com"), ("Ghost", "c.example.com")]
    _hosts, _links, op_host = collect(package_from_files("p", _with_templates(doc, templates[2:]), kind="folder"), frozenset())
    assert list(op_host.items()) == [("Op0", "api.contoso.com"), ("Op1", "api.contoso.com"), ("Op2", "c.example.com"),
                                     ("Op3", "d.example.com"), ("Ghost", "c.example.com")]


def test_thousands_of_host_templates_for_every_operation_are_collected_in_linear_time():
    """Each template for every operation wrote every operation's host again, and each looked its
    connection parameter up among all of them: 4,000 templates, parameters and operations took 7.8 s."""
    from vetter.security.endpoints import collect

    n = 4_000
    doc = minimal_doc()
    doc["paths"] = {f"/p{i}": {"get": {"operationId": f"Op{i}", "responses": {"200": {"description": "OK"}}}} for i in range(n)}
    templates = [_host_template(f"https://@connectionParameters('p{i}').example.com") for i in range(n)]
    parameters = {f"p{i}": {"type": "string", "uiDefinition": {"displayName": f"P{i}"}} for i in range(n)}
    package = package_from_files("p", _with_templates(doc, templates, parameters), kind="folder")
    (_hosts, _links, op_host), seconds = timed(collect, package, frozenset())
    assert set(op_host.values()) == {f"@connectionParameters('p{n - 1}').example.com"} and len(op_host) == n
    assert seconds < 3.0


def _tool(name: str, description: str, schema: dict):
    from vetter.agent.model import Tool
    from vetter.base.rule import Location

    return Tool(name, description, schema, "file", 0, lambda keys: Location("tools.json", "", 1, 1))


def _tools(*tools):
    from vetter.agent.model import ToolList

    return ToolList("file", "tools.json", tuple(tools))


def test_renamed_tools_are_paired_in_order_by_their_bodies():
    """Each removed tool takes the first added one, not yet taken, with the same description and
    schema (equal as JSON values: 1 and 1.0 alike)."""
    from vetter.compare.tooldiff import compare_tools

    same = {"type": "object", "properties": {"n": {"type": "integer", "maximum": 1}}}
    old = _tools(_tool("a", "d", same), _tool("b", "d", same), _tool("c", "other", {}), _tool("e", "d", {"type": "object"}))
    new = _tools(_tool("x", "d", {"properties": {"n": {"maximum": 1.0, "type": "integer"}}, "type": "object"}), _tool("y", "d", same),
                 _tool("z", "d", {"type": "object", "properties": {}}))
    changes = {c.key: c.renamed for c in compare_tools(old, new)}
    assert changes == {"tool-renamed:a": ("a", "x"), "tool-renamed:b": ("b", "y"), "tool-removed:c": None, "tool-removed:e": None, "tool-added:z": None}


def test_thousands_of_renamed_tools_are_paired_in_linear_time():
    """Every removed tool was compared with every added one, each time going through the pairs made
    so far: 2,000 renamed tools took 39 s."""
    from vetter.compare.tooldiff import compare_tools

    n = 4_000
    schema = {"type": "object", "properties": {f"p{j}": {"type": "string"} for j in range(5)}}
    old = _tools(*(_tool(f"tool_{i}", f"Does thing {i}.", schema) for i in range(n)))
    new = _tools(*(_tool(f"tool-{i}", f"Does thing {i}.", schema) for i in range(n)))
    changes, seconds = timed(compare_tools, old, new)
    assert [c.renamed for c in changes] == sorted(((f"tool_{i}", f"tool-{i}") for i in range(n)), key=lambda r: r[0])
    assert seconds < 2.0


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="aé€𝄞 x\t", max_size=30), min_size=1, max_size=4), st.booleans(), st.integers(0, 40))
def test_script_columns_are_the_decoded_ones(lines, broken, k):
    """``Script.where`` and ``byte_column`` find by bisection what decoding the line up to the point gave."""
    from types import SimpleNamespace

    from vetter.model.csx import Script

    raw = [line.encode() for line in lines]
    if broken:
        raw[0] += b"\xff" + raw[-1]
    script = Script.__new__(Script)
    script._lines, script._wide = raw, {}
    for row, line in enumerate(raw):
        assert script.byte_column(row, k) == len(line.decode("utf-8", "replace")[:k].encode("utf-8"))
        col = min(k, len(line))
        node = SimpleNamespace(start_point=SimpleNamespace(row=row, column=col))
        assert script.where(node) == (row + 1, len(line[:col].decode("utf-8", "replace")) + 1)


@pytest.mark.parametrize("shape", ["a chain of calls", "a chain of conditions"])
def test_a_script_of_one_long_line_is_checked_in_linear_time(shape):
    """On one long line, each node's column was found by decoding the line up to it, each text
    finding's fingerprint hashed the whole line, and each call of a chain took the text of the
    whole chain before it as its receiver: 20,000 conditions took 18.9 s, 20,000 calls 3.3 s."""
    n = 20_000
    if shape == "a chain of calls":
        body = '        var u = "https://a.example.com"' + '.Replace("a", "é")' * n + ";\n"
    else:
        body = ("        var u = " + "".join(f'this.Context.OperationId == "Op{i}" ? "https://h{i}.example.com" : ' for i in range(n))
                + '"https://z.example.com";\n        await this.Context.SendAsync(new HttpRequestMessage(HttpMethod.Get, u), this.CancellationToken);\n')
    result, seconds = timed(scan, {**base_files("minimal"), "script.csx": _script(body)})
    no_crash(result)
    if shape == "a chain of conditions":  # each compared operation id is one the swagger lacks
        assert rules_of(result)["SCR010"] == 10_000 and rules_of(result)["VET011"] == 1
        assert len({f.fingerprint for f in result.findings if f.rule == "SCR010"}) == 10_000
    assert seconds < (4.0 if shape == "a chain of conditions" else 2.0)


def _old_redact(text: str, pairs) -> str:
    """The redaction as it was written before ``_Secrets``: every secret tried on every text."""
    from vetter.base.redact import MIN_FRAGMENT, MIN_SECRET, _forms, _redact_fragments, redacted_form

    for kind, value in sorted(set(pairs), key=lambda s: (-len(s[1]), s)):
        if len(value) < MIN_SECRET:
            continue
        mark = redacted_form(kind, value)
        for form in _forms(value):
            if form in text:
                text = text.replace(form, mark)
        if len(value) > MIN_FRAGMENT:
            text = _redact_fragments(text, mark, value)
    return text


_PIECES = st.text(alphabet="ab[]<'\"\\/redact sh,:", min_size=1, max_size=14)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["token", "key"]), _PIECES), max_size=24), st.lists(_PIECES | st.just("[redacted "), max_size=12))
def test_redaction_of_many_secrets_is_the_one_by_one_redaction(pairs, pieces):
    """Past a few secrets a text is read once for the keys of all of them; the result is what trying
    every secret in turn gave, overlaps, escapes and secrets inside redacted forms included."""
    from vetter.base.redact import Redactor, redact

    texts = ["".join(pieces), "".join(value for _, value in pairs[::2]) + "".join(pieces), "x".join(v[: len(v) // 2 + 1] for _, v in pairs)]
    for text in texts:
        assert redact(text, pairs) == Redactor(pairs)(text) == _old_redact(text, pairs)


def test_a_package_of_thousands_of_secrets_is_redacted_in_linear_time(tmp_path):
    """Each text that left the analysis (message, hint, excerpt line) was searched for every secret
    of the package, and each secret's escaped forms were written out again for every text: 200
    tokens, each behind a finding, took 24 s; 500 reached the one-minute budget."""
    import random
    import string

    rng = random.Random(7)
    n = 1_000
    doc = minimal_doc()
    doc["paths"] = {f"/p{i}": {"get": {"operationId": f"Op{i}", "summary": f"S{i}", "responses": {"200": {"description": "OK"}},
                                       "parameters": [{"name": "Authorization", "in": "header", "type": "string",
                                                       "default": "token ghp_" + "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(36))}]}}
                    for i in range(n)}
    for name, data in files_with(doc).items():
        (tmp_path / name).write_bytes(data)
    from vetter.model.loader import find_packages

    (source,) = find_packages([tmp_path])
    result, seconds = timed(check_source, source, CATALOG, SETTINGS)
    secrets = [f for f in result.findings if f.rule.startswith("CRD")]
    assert len(secrets) >= n and not any("ghp_" in f.message and "redacted" not in f.message for f in secrets)
    assert seconds < 10.0


_INERT_PIECES = st.text(alphabet="ab<'\"\\/ ,:&%rdcteh", min_size=1, max_size=14)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["token", "key"]), _INERT_PIECES), max_size=24), st.lists(_INERT_PIECES, max_size=12))
def test_redaction_of_a_long_text_in_one_read_is_the_one_by_one_redaction(pairs, pieces):
    """A long text is redacted in one read when no secret can match a redacted form: the result is
    what trying every secret in turn on the whole text gave, overlaps, escapes and fragments included."""
    from vetter.base.redact import _Secrets

    secrets = _Secrets(pairs)
    values = [value for _, value in pairs]
    texts = ["".join(pieces), "".join(values[::2]) + "".join(pieces), "x".join(v[: len(v) // 2 + 1] for v in values)]
    if secrets.inert():
        for text in texts:
            assert secrets._claimed(text) == _old_redact(text, pairs)


def test_a_redacted_form_inside_a_secret_keeps_the_one_by_one_redaction():
    """A secret that holds a bracket, or the text of a redacted form, could match across one: such
    secrets are tried one by one on the whole text, as before."""
    from vetter.base.redact import _Secrets

    assert _Secrets([("token", "abcdefghijkl")]).inert()
    assert not _Secrets([("token", "abcdefghijkl"), ("key", "x]abcdefghij")]).inert()
    assert not _Secrets([("token", "abcdefghijkl"), ("key", "redacted")]).inert()


def test_a_line_of_thousands_of_tokens_is_redacted_in_linear_time(tmp_path):
    """Each finding's excerpt shows its line redacted: on a line of 8,000 tokens (a 320 KB comment of a
    script) each token was searched for along the whole line (7.0 s, 2,000 tokens 1.0 s), and each
    kept token compared with every one kept at the same place before it."""
    import string

    rng = random.Random(11)
    n = 12_000
    tokens = ["ghp_" + "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(36)) for _ in range(n)]
    for name, data in {**base_files("minimal"), "script.csx": f"// {' '.join(tokens)}\n".encode()}.items():
        (tmp_path / name).write_bytes(data)
    from vetter.commands.scan import add_source
    from vetter.model.loader import find_packages
    from vetter.model.options import RunOptions
    from vetter.report.model import ScanReport

    (source,) = find_packages([tmp_path])
    report = ScanReport()
    _, seconds = timed(add_source, report, source, CATALOG, SETTINGS, RunOptions())
    found = [f for f in report.packages[-1].findings if f.file == "script.csx" and f.rule.startswith("CRD")]
    assert len(found) == 10_000  # the rule's listing limit; the rest are counted (VET011)
    shown = json.dumps([x for excerpts in report.sources.values() for x in excerpts.values()])
    pieces = {token[4:12] for token in tokens}  # no stretch of 8 characters of any token is shown
    runs = re.findall(r"[A-Za-z0-9]{8,}", shown)
    assert shown.count("[redacted ") >= 10_000 and not any(run[at : at + 8] in pieces for run in runs for at in range(len(run) - 7))
    assert seconds < 8.0


def _assigned_from_many(each: int, levels: int) -> bytes:
    """A script whose request host is a variable assigned from ``each`` places at each of ``levels`` levels."""
    body = "        string " + ", ".join(f"a{i}" for i in range(levels + 1)) + ";\n"
    for level in range(levels):
        body += "".join(f"        if (x == {j}) a{level} = a{level + 1};\n" for j in range(each))
    body += f'        a{levels} = "https://deep.example.com/";\n'
    body += "        await this.Context.SendAsync(new HttpRequestMessage(HttpMethod.Get, a0), this.CancellationToken);\n"
    return _script(body)


def test_a_host_behind_variables_assigned_from_many_places_is_found_in_linear_time():
    """The host walk evaluated every value of a variable again along every path to it: four
    assignments at each of ten levels (a 1.4 KB script) made a million evaluations."""
    result, seconds = timed(scan, {**base_files("minimal"), "script.csx": _assigned_from_many(4, 10)})
    assert [f.message.split(" (")[0] for f in result.findings if f.rule == "SEC017"] == ["The script sends requests to 'deep.example.com'"]
    assert seconds < 2.0


def test_a_host_past_the_walks_depth_is_computed_not_missing():
    """A value more steps from its request than the walk takes was no host at all: the request went
    unreported. It is now a host computed at run time (SCR012, SEC013)."""
    result = scan({**base_files("minimal"), "script.csx": _assigned_from_many(1, 14)})
    assert {"SCR012", "SEC013"} <= set(rules_of(result)) and "SEC017" not in rules_of(result)


def test_many_names_of_the_operation_id_are_matched_in_linear_time():
    """Each comparison in the script was searched once per variable holding the operation id, each
    search a new pattern (and past 512 of them Python's pattern cache no longer held them): 600
    names and 600 comparisons took 26.8 s."""
    n = 1_000
    body = "".join(f"        var o{i} = this.Context.OperationId;\n" for i in range(n))
    body += "".join(f'        if (o{i} == "Op{i}") {{ {_send(i)} }}\n' for i in range(n))
    result, seconds = timed(scan, {**base_files("minimal"), "script.csx": _script(body)})
    unknown = [f for f in result.findings if f.rule == "SCR010"]  # each compared operation id is one the swagger lacks
    assert len(unknown) == n and unknown[0].message.startswith("The script handles operation 'Op0'")
    assert seconds < 5.0


@pytest.mark.parametrize("name", ["readme.md", "script.csx"])
def test_a_long_word_of_secret_names_is_scanned_in_linear_time(name):
    """At each secret-like name in a text file, the secret scan walked back to the start of its word:
    in ``tokentoken...`` that is every occurrence to the start (16 KB: 3.3 s; 160 KB: minutes)."""
    word = "token" * 32_000 + " = \"Zx9q7LmT4vB2nK8sR1wY5cJ3\"\n"
    files = {**base_files("minimal"), name: (("x = 1;\n" if name.endswith(".csx") else "# Notes\n\n") + word).encode()}
    result, seconds = timed(scan, files)
    no_crash(result)
    assert seconds < 5.0


def test_thousands_of_secrets_in_one_object_are_placed_in_linear_time():
    """Each secret's pointer sorted the members of every object on its path again: 4,000 keys in
    one object took 4.2 s, 20,000 minutes."""
    import random
    import string

    rng = random.Random(3)
    n = 10_000
    doc = minimal_doc()
    doc["x-keys"] = {f"k{i}": "AKIA" + "".join(rng.choice(string.ascii_uppercase + string.digits) for _ in range(16)) for i in range(n)}
    result, seconds = timed(scan, files_with(doc))
    keys = [f for f in result.findings if f.pointer is not None and f.pointer.startswith("/x-keys/")]
    assert len({f.pointer for f in keys}) == n
    assert seconds < 10.0


def test_thousands_of_unknown_operation_references_are_reported_in_linear_time():
    """Each unknown reference was compared with every operationId (difflib) for a "did you mean",
    and each policy or script operation in another case with every id: 8,000 near misses ran for
    minutes. A close id is now looked for within 100,000 comparisons, and a case variant in one look-up."""
    n = 4_000
    doc = minimal_doc()
    doc["paths"] = {f"/p{i}": {"get": {"operationId": f"GetItem{i:05d}", "summary": f"S{i}", "responses": {"200": {"description": "OK"}},
                                       "parameters": [{"name": "x", "in": "query", "type": "string",
                                                       "x-ms-dynamic-values": {"operationId": f"GetItem{i:05d}x", "value-path": "id"}}]}}
                    for i in range(n)}
    files = files_with(doc)
    props = json.loads(files[PROPERTIES])
    props["properties"]["scriptOperations"] = [f"getitem{i:05d}" for i in range(n)]
    files[PROPERTIES] = json.dumps(props).encode()
    result, seconds = timed(scan, {**files, "script.csx": _script("")})
    unknown = [f.message for f in result.findings if f.rule == "OPR017"]
    assert len(unknown) == n and unknown[0].endswith("did you mean 'GetItem00000'?") and unknown[-1].endswith("which no operation has.")
    cased = [f for f in result.findings if f.rule == "XFL008"]
    assert len(cased) == n and cased[0].hint == "Write 'GetItem00000'."
    assert seconds < 10.0


def test_a_body_shared_by_thousands_of_operations_is_read_once_for_its_callback_url():
    """Once any text of the swagger names ``x-ms-notification-url``, the egress map read every property
    of each operation's body again: 4,000 operations sharing a body of 4,000 properties made 16
    million nodes."""
    from vetter.security.endpoints import collect

    n = 4_000
    doc = minimal_doc()
    doc["definitions"] = {"Big": {"type": "object", "properties": {f"f{i}": {"type": "string"} for i in range(n)}}}
    doc["definitions"]["Big"]["properties"]["f7"]["x-ms-notification-url"] = True
    doc["paths"] = {f"/p{i}": {"post": {"operationId": f"Op{i}", "responses": {"200": {"description": "OK"}},
                                        "parameters": [{"name": "body", "in": "body", "schema": {"$ref": "#/definitions/Big"}}]}} for i in range(n)}
    package = package_from_files("p", files_with(doc), kind="folder")
    (hosts, _links, _ops), seconds = timed(collect, package, frozenset())
    webhooks = [f for h in hosts for f in h.found if f.role == "webhook"]
    assert len(webhooks) == n and {f.evidence.pointer for f in webhooks} == {"/definitions/Big/properties/f7/x-ms-notification-url"}
    assert seconds < 3.0


def test_a_long_enum_with_a_repeat_at_its_end_is_reported_in_linear_time():
    """SWG001 named the repeated item by comparing each with every one before it (8,000: 3.1 s). The
    repeat is SWG037's now (SWG001 leaves it to it), and still found in one pass over the list."""
    n = 20_000
    doc = minimal_doc()
    doc["paths"]["/widgets"]["get"]["parameters"] = [{"name": "q", "in": "query", "type": "string", "enum": [f"v{i}" for i in range(n)] + ["v7"]}]
    result, seconds = timed(scan, files_with(doc))
    messages = [(f.rule, f.message) for f in result.findings if f.rule in ("SWG001", "SWG037")]
    assert messages == [("SWG037", '"v7" is listed twice in enum.')]
    assert seconds < 5.0
    only_swg001 = Settings(select=["SWG001"]).bind(CATALOG)
    alone, seconds = timed(lambda files: run_rules(package_from_files("p", files, kind="folder"), CATALOG, only_swg001), files_with(doc))
    messages = [(f.rule, f.message) for f in alone.findings if f.rule in ("SWG001", "SWG037")]
    assert messages == [("SWG001", '"v7" appears more than once; the items of this array must be unique.')]
    assert seconds < 5.0


def test_a_long_root_media_type_list_is_read_once_for_every_operation():
    """Every operation without its own ``consumes`` or ``produces`` went through the root's list
    again, in the swagger view and in each rule (OPR034, OPR040, SWG033, CRT011, the diff's
    surface): 8,000 operations under a root list of 8,000 types cost their product."""
    n = 4_000
    doc = minimal_doc()
    doc["consumes"] = [f"application/x-type-{i}" for i in range(n)]
    doc["produces"] = [f"application/x-type-{i}" for i in range(n)]
    doc["paths"] = {f"/p{i}": {"post": {"operationId": f"Op{i}", "summary": f"S{i}", "responses": {"200": {"description": "OK"}},
                                        "parameters": [{"name": "f", "in": "formData", "type": "string"}]}} for i in range(n)}
    result, seconds = timed(scan, files_with(doc))
    messages = [f.message for f in result.findings if f.rule == "OPR040"]  # formData under a root list with no form encoding
    assert len(messages) == n and messages[0].endswith("application/x-type-7 and 3,992 more, no form encoding.")
    assert seconds < 10.0


def test_required_lists_and_loops_are_read_in_linear_time():
    """Each property looked its name up in its parent's ``required`` list, written out again each time
    (SWG014, SWG016, SWG019: 10,000 required properties cost a hundred million steps), and each
    definition on a required loop named every definition of it (a chain of 4,000 that each require
    the first: 8 million names)."""
    n = 4_000
    doc = minimal_doc()
    doc["definitions"] = {f"D{i}": {"type": "object", "required": ["next", "first"],
                                    "properties": {"next": {"$ref": f"#/definitions/D{(i + 1) % n}"}, "first": {"$ref": "#/definitions/D0"}}}
                          for i in range(n)}
    doc["definitions"]["Wide"] = {"type": "object", "required": [f"r{i}" for i in range(10_000)],
                                  "properties": {f"r{i}": {"$ref": "#/definitions/D0"} for i in range(10_000)}}
    result, seconds = timed(scan, files_with(doc))
    loops = [f.message for f in result.findings if f.rule == "SWG019"]
    assert loops and max(len(m) for m in loops) < 400
    assert any(m.endswith("-> ... (3,981 more) -> D0.") for m in loops), loops[:3]
    assert seconds < 10.0


def test_an_undeclared_host_names_at_most_twenty_declared_ones():
    """Each SEC017 finding listed every declared host: 2,000 OAuth hosts and 2,000 sends made
    4 million names."""
    n = 2_000
    doc = minimal_doc()
    doc["securityDefinitions"] = {f"o{i}": {"type": "oauth2", "flow": "accessCode", "authorizationUrl": f"https://login{i}.contoso.com/a",
                                            "tokenUrl": f"https://login{i}.contoso.com/t", "scopes": {}} for i in range(n)}
    body = "".join(f"        {_send(i)}\n" for i in range(n))
    result, seconds = timed(scan, {**files_with(doc), "script.csx": _script(body)})
    egress = [f.message for f in result.findings if f.rule == "SEC017"]
    assert len(egress) == n and max(len(m) for m in egress) < 1_000
    assert "login1.contoso.com, login10.contoso.com" in egress[0] and "and 1,981 more" in egress[0]
    assert seconds < 10.0


def test_thousands_of_parameter_sets_against_thousands_of_definitions_are_profiled_in_linear_time():
    """The auth profile went through every security definition again for each connection parameter
    set, and matched every secret parameter's name against every policy value: 2,000 of each cost
    their product."""
    from vetter.security.auth import analyse

    n = 2_000
    doc = minimal_doc()
    doc["securityDefinitions"] = {f"o{i}": {"type": "oauth2", "flow": "accessCode", "authorizationUrl": f"https://login{i}.contoso.com/a",
                                            "tokenUrl": f"https://login{i}.contoso.com/t", "scopes": {}} for i in range(n)}
    files = files_with(doc)
    props = json.loads(files[PROPERTIES])
    oauth = {"type": "oauthSetting", "oAuthSettings": {"identityProvider": "oauth2", "clientId": "x", "scopes": [], "redirectMode": "GlobalPerConnector",
                                                        "customParameters": {"refreshUrl": {"value": "https://login.contoso.com/r"}}}}
    keys = {f"k{i}": {"type": "securestring", "uiDefinition": {"displayName": f"K{i}"}} for i in range(n)}
    props["properties"]["connectionParameterSets"] = {"uiDefinition": {"displayName": "Sign in"},
                                                      "values": [{"name": f"s{i}", "uiDefinition": {"displayName": f"S{i}"}, "parameters": {"token": oauth}} for i in range(n)]
                                                      + [{"name": "keys", "uiDefinition": {"displayName": "Keys"}, "parameters": keys}]}
    props["properties"]["policyTemplateInstances"] = [{"templateId": "setheader", "title": f"t{i}", "parameters": {
        "x-ms-apimTemplateParameter.name": f"h{i}", "x-ms-apimTemplateParameter.value": f"@connectionParameters('other{i}')"}} for i in range(n)]
    files[PROPERTIES] = json.dumps(props).encode()
    profile, seconds = timed(analyse, package_from_files("p", files, kind="folder"))
    assert len(profile.schemes) == n + 1 and profile.schemes[0].oauth.urls["authorization"][0] == "https://login0.contoso.com/a"
    assert list(profile.schemes[0].oauth.urls) == ["refresh", "authorization", "token"] and profile.schemes[-1].kind == "apikey"
    assert seconds < 3.0


def test_a_secret_name_repeated_a_million_times_in_apiproperties_is_scanned_in_linear_time():
    """Each occurrence of a secret-like name looks back for a URL query's '?' or '&' with two C searches,
    not by stepping back over the word before it (81 Python steps an occurrence: about 0.7 s here)."""
    from vetter.security.secrets import find_secrets

    files = base_files("minimal")
    props = json.loads(files[PROPERTIES])
    for notes in ("token" * 190_000, "&" + "a" * 60 + "token" * 190_000):
        props["properties"]["x-notes"] = notes
        hits, seconds = timed(find_secrets, package_from_files("p", {**files, PROPERTIES: json.dumps(props).encode()}))
        assert hits == [] and seconds < 0.6
    props["properties"]["x-notes"] = "https://api.contoso.com/v1?format=json&api_key=Zk8q2Lm7Vx4Rt9Wp1Bn6Cy3Hj5Fs0DaG"
    hits = find_secrets(package_from_files("p", {**files, PROPERTIES: json.dumps(props).encode()}))
    assert [(h.kind, h.family, h.pointer) for h in hits] == [("secret-value", "possible", "/properties/x-notes")]
