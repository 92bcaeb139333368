"""Hostile shapes that cost one rule the product of two parts of a package: each case builds the
shape at a size where the old code took several times the bound it asserts (CPU seconds of this
process, with a margin for a slow machine), and checks the findings are still the ones expected.
"""

from __future__ import annotations

from tests.test_pathological import CATALOG, SETTINGS, files_with, minimal_doc, no_crash, rules_of, timed
from vetter.engine.cases import base_files
from vetter.engine.runner import run_rules
from vetter.model.package import package_from_files


def scan(files: dict[str, bytes]):
    return run_rules(package_from_files("p", files, kind="folder"), CATALOG, SETTINGS)


def _script(body: list[str]) -> bytes:
    head = ["using System;", "using System.Net.Http;", "using System.Threading.Tasks;", "",
            "public class Script : ScriptBase", "{", "    public override async Task<HttpResponseMessage> ExecuteAsync()", "    {",
            "        int i = 0;", "        HttpResponseMessage r = null;"]
    tail = ["        return r;", "    }", "", "    private void Foo(int x) { }", "}", ""]
    return "\n".join(head + body + tail).encode()


def test_scr008_nested_loops_around_many_calls_are_checked_once_each():
    """3,000 nested ``while (true)`` loops around 3,000 plain calls and one ``SendAsync`` (and a
    loop after them that calls but never sends). SCR008 asked, per loop, every call within the
    loop's bytes whether it sends, until it met the send: nested loops each went through all the
    inner calls again, loops times calls (about 10 s here; 8,000 of each: a minute, and VET010).
    Which calls send is now worked out once per script, and each loop looks them up by position."""
    n = 3_000
    body = ["        while (true) {"] * n + ["            Foo(i);"] * n
    body += ["            r = await this.Context.SendAsync(this.Context.Request, this.CancellationToken).ConfigureAwait(false);"]
    body += ["        }"] * n + ["        while (true) { Foo(i); Foo(i); }"]
    result, seconds = timed(scan, {**base_files("minimal"), "script.csx": _script(body)})
    no_crash(result)
    found = [f for f in result.findings if f.rule == "SCR008"]
    assert len(found) == n and rules_of(result)["VET010"] == 0
    assert {f.message for f in found} == {"An endless while loop sends requests; only a break stops it, and the run-time limit may stop it first."}
    assert [f.line for f in found] == list(range(11, 11 + n))
    assert seconds < 1.5


def test_opr018_twin_arguments_are_looked_up_once_per_call():
    """One parameter whose ``x-ms-dynamic-values`` passes 2,500 arguments from parameters the caller
    lacks and 2,500 body properties read with ``{"parameter": name}``, and whose twin
    ``x-ms-dynamic-list`` passes those properties by ``parameterReference``. For each argument whose
    source was missing, OPR018 went through every twin argument (a Node and a JSON pointer each) to
    see whether the twin reads it: arguments times twin arguments (about 7 s here). The twin's
    references are now indexed by argument name once per call."""
    n = 2_500
    doc = minimal_doc()
    body = {"name": "body", "in": "body", "schema": {"type": "object", "properties": {f"t{i}": {"type": "string"} for i in range(n)}}}
    doc["paths"]["/target"] = {"post": {"operationId": "Target", "summary": "Target", "description": "Values.", "x-ms-visibility": "internal",
                                        "parameters": [body], "responses": {"200": {"description": "OK"}}}}
    legacy = {f"k{i}": {"parameter": f"missing{i}"} for i in range(n)} | {f"t{i}": {"parameter": f"t{i}"} for i in range(n)}
    twin = {f"body/t{i}": {"parameterReference": f"body/t{i}"} for i in range(n)}
    param = {"name": "p", "in": "query", "type": "string", "required": False, "x-ms-summary": "P", "description": "d",
             "x-ms-dynamic-values": {"operationId": "Target", "value-path": "id", "value-title": "name", "parameters": legacy},
             "x-ms-dynamic-list": {"operationId": "Target", "itemValuePath": "id", "itemTitlePath": "name", "parameters": twin}}
    doc["paths"]["/caller"] = {"post": {"operationId": "Caller", "summary": "Caller", "description": "Calls.", "parameters": [param, body],
                                        "responses": {"200": {"description": "OK"}}}}
    result, seconds = timed(scan, files_with(doc))
    no_crash(result)
    found = [f.message for f in result.findings if f.rule == "OPR018"]
    assert len(found) == 2 * n and rules_of(result)["VET011"] == 0
    assert found.count("x-ms-dynamic-values reads parameter 'missing7', which the calling operation Caller does not have.") == 1
    assert found.count("x-ms-dynamic-values passes 'k7', which Target has no parameter named.") == 1
    assert not [m for m in found if "'t7'" in m or "body/t7" in m]
    assert seconds < 1.5


def _check_alone(rule_id: str, doc: dict):
    """The violations of one rule's check on ``doc`` and the CPU seconds the check took (the package's
    model is built first, outside the time: the shape costs the rule, not the load)."""
    package = package_from_files("p", files_with(doc), kind="folder")
    package.swagger.operations()
    return timed(lambda: list(CATALOG.by_id[rule_id].check(package)))


def test_opr003_ids_that_strip_alike_name_one_twin_each():
    """12,000 operationIds ``Op`` + one character the platform strips, each a different one, so all
    strip to ``Op``. For each id, OPR003 listed every other id of its stripped form to name the
    first: the square of the ids that strip alike (about 3 s for the rule here; 16,000: 5 s). Only
    the first two distinct ids of each stripped form are kept now: all a message can name."""
    n = 12_000
    doc = minimal_doc()
    for i in range(n):
        doc["paths"][f"/p{i}"] = {"get": {"operationId": "Op" + chr(0x100 + i), "summary": f"Get {i}", "description": "d",
                                          "responses": {"200": {"description": "OK"}}}}
    found, seconds = _check_alone("OPR003", doc)
    first, second, last = "Op\u0100", "Op\u0101", "Op" + chr(0x100 + n - 1)
    assert len(found) == n and all(v.severity == "warning" for v in found)
    messages = {v.message for v in found}
    assert f"operationId '{first}' becomes 'Op' once the platform strips '\u0100', the same as '{second}'." in messages
    assert f"operationId '{last}' becomes 'Op' once the platform strips {last[-1]!r}, the same as '{first}'." in messages
    assert seconds < 1.0


def test_swg007_allof_parts_are_not_merged_per_schema():
    """A definition Big of 14,000 properties, and 14,000 definitions that require properties of it
    through ``allOf: [{$ref: Big}]`` (every 1,000th also one it lacks, and one of its own). SWG007
    merged the part's property names into a new set for each schema: schemas times properties
    (about 3 s for the rule here; 16,000 of each: 3.7 s). A required name is now looked up in the
    schema's and its parts' ``properties`` as they are."""
    n = 14_000
    doc = minimal_doc()
    defs = doc["definitions"]
    defs["Big"] = {"type": "object", "properties": {f"p{i}": {"type": "string"} for i in range(n)}}
    for i in range(n):
        required = ["p0", f"p{n - 1}"] + (["own", "absent"] if i % 1_000 == 0 else [])
        defs[f"User{i}"] = {"type": "object", "required": required, "allOf": [{"$ref": "#/definitions/Big"}]}
        if i % 1_000 == 0:
            defs[f"User{i}"]["properties"] = {"own": {"type": "string"}}
    found, seconds = _check_alone("SWG007", doc)
    assert sorted((v.location.pointer, v.message) for v in found) == sorted(
        (f"/definitions/User{i}/required/3", "RequiredPropertyDefinitionMissing: required names 'absent', which is not in properties.")
        for i in range(0, n, 1_000)
    )
    assert seconds < 1.0
