"""Hostile webhook shapes: callback-URL properties (``x-ms-notification-url``) shared by many
operations, bodies or definitions. Each case is a product of two parts of one package that cost
time or memory in that product; each now costs time linear in the package, with a bound in CPU
seconds several times what it takes here (the robustness suite's way, docs/robustness.md).
"""

from __future__ import annotations

from tests.test_pathological import CATALOG, SETTINGS, files_with, minimal_doc, no_crash, rules_of, timed
from vetter.engine.runner import run_rules
from vetter.model.package import package_from_files

MARKED = {"type": "string", "x-ms-visibility": "internal", "x-ms-notification-url": True, "description": "callback"}
CONTENT = {"description": "event", "schema": {"type": "object", "properties": {"id": {"type": "string"}}}}


def scan(files: dict[str, bytes]):
    return run_rules(package_from_files("p", files, kind="folder"), CATALOG, SETTINGS)


def _trigger(i: int, parameters: list | None = None) -> dict:
    op = {"operationId": f"Hook{i}", "summary": f"When event {i}", "description": f"Trigger {i}.", "x-ms-trigger": "single",
          "x-ms-notification-content": CONTENT, "responses": {"201": {"description": "Created"}}}
    if parameters is not None:
        op["parameters"] = parameters
    return op


def test_a_body_of_many_callback_properties_shared_by_many_triggers_is_profiled_in_linear_time():
    """One definition of 600 properties marked x-ms-notification-url, the body of 600 webhook triggers:
    the security profile noted a ``webhook`` use of the API host per operation and marked property
    (360,000 entries, each located and exported: 3.7 s here; 400 x 400 made a 56 MB report, 1,000 x 1,000
    ran out of memory). Now each marked property is noted under the first operation whose body holds
    it, and each further operation sharing that body notes its first one: 1,199 entries."""
    from vetter.report.export import profile_dict

    n = 600
    doc = minimal_doc()
    doc["definitions"]["Sub"] = {"type": "object", "required": [f"cb{j}" for j in range(n)],
                                 "properties": {f"cb{j}": dict(MARKED) for j in range(n)}}
    body = [{"name": "body", "in": "body", "required": True, "schema": {"$ref": "#/definitions/Sub"}}]
    doc["paths"] = {f"/hooks{i}": {"post": _trigger(i, body)} for i in range(n)}
    package = package_from_files("p", files_with(doc), kind="folder")
    profile, seconds = timed(profile_dict, package)
    assert profile is not None
    found = [f for h in profile["egress"]["hosts"] for f in h["found"] if f["role"] == "webhook"]
    assert len(found) == 2 * n - 1
    assert [f["pointer"] for f in found[:n]] == [f"/definitions/Sub/properties/cb{j}/x-ms-notification-url" for j in range(n)]
    assert {f["operations"][0] for f in found[:n]} == {"Hook0"}
    assert [f["operations"] for f in found[n:]] == [[f"Hook{i}"] for i in range(1, n)]
    assert {f["pointer"] for f in found[n:]} == {"/definitions/Sub/properties/cb0/x-ms-notification-url"}
    assert seconds < 0.75


def _path_level_doc(n: int) -> dict:
    """``n`` paths, each with a path-level ``$ref`` to one shared body parameter whose schema (a
    definition) holds a callback property, and a webhook trigger."""
    doc = minimal_doc()
    doc["definitions"]["Sub"] = {"type": "object", "required": ["cb"], "properties": {"cb": dict(MARKED)}}
    doc["parameters"] = {**doc.get("parameters", {}),
                         "SubBody": {"name": "body", "in": "body", "required": True, "schema": {"$ref": "#/definitions/Sub"}}}
    doc["paths"] = {f"/hooks{i}": {"parameters": [{"$ref": "#/parameters/SubBody"}], "post": _trigger(i)} for i in range(n)}
    return doc


def test_thousands_of_paths_sharing_a_path_level_body_are_read_in_linear_time():
    """8,000 paths, each with a path-level $ref to one shared body parameter: the webhook sites looked
    for the operations of each such path among all the operations (paths x operations: 21 s of a
    whole scan, 2.3 s here). Now the operations are indexed by path once."""
    from vetter.model.extensions import notification_url_sites

    n = 8_000
    package = package_from_files("p", files_with(_path_level_doc(n)), kind="folder")
    assert len(package.swagger.index.operations) == n  # read and indexed before the clock starts
    sites, seconds = timed(notification_url_sites, package)
    assert [(s.position, s.site.node.pointer) for s in sites] == [("body", "/definitions/Sub/properties/cb/x-ms-notification-url")]
    assert seconds < 1.0


def _chain_doc(n: int) -> dict:
    """``n`` webhook triggers whose bodies each refer to D0, and definitions D0 -> D1 -> ... -> D(n-1),
    each holding a callback property."""
    doc = minimal_doc()
    for j in range(n):
        doc["definitions"][f"D{j}"] = {"type": "object", "required": ["cb"], "properties": {
            "cb": dict(MARKED), **({"next": {"$ref": f"#/definitions/D{j + 1}"}} if j + 1 < n else {})}}
    body = [{"name": "body", "in": "body", "required": True, "schema": {"type": "object", "properties": {"sub": {"$ref": "#/definitions/D0"}}}}]
    doc["paths"] = {f"/hooks{i}": {"post": _trigger(i, body)} for i in range(n)}
    return doc


def test_many_bodies_reaching_a_long_chain_of_callback_definitions_are_read_in_linear_time():
    """3,000 trigger bodies each reaching a $ref chain of 3,000 definitions, each with a callback
    property: each body's walk listed its operation under every definition it reached, every site
    carried all 3,000 operations and the webhook operations were read per site and operation
    (bodies x definitions, 9 million pairs: 3.0 s here; 4,000 x 4,000 ran out of memory in a whole
    scan). Now one walk from all bodies tells which definitions are reached and one walk back from
    the marked ones finds the operations."""
    from vetter.model.extensions import notification_url_sites, webhook_operations

    n = 3_000
    package = package_from_files("p", files_with(_chain_doc(n)), kind="folder")
    assert len(package.swagger.index.operations) == n  # read and indexed before the clock starts
    (sites, webhooks), seconds = timed(lambda p: (notification_url_sites(p), webhook_operations(p)), package)
    assert sorted((s.position, s.definition) for s in sites) == sorted(("referenced", f"/definitions/D{j}") for j in range(n))
    assert sorted(op.id for op in webhooks.values()) == sorted(f"Hook{i}" for i in range(n))
    assert seconds < 1.0
    result = scan(files_with(_chain_doc(50)))
    no_crash(result)
    assert rules_of(result)["OPR031"] == 0


def test_a_trigger_whose_callback_body_is_declared_on_its_path_item_is_a_webhook():
    """A body parameter declared on the path item applies to each operation of the path that does not
    declare its own (Swagger 2.0). Its callback property was tied to no operation when the body was a
    shared parameter $ref'ing a definition, written inline, or reached a callback definition through
    a property's $ref, so OPR031 said each such trigger had no property marked x-ms-notification-url
    (in the path-level shape above, one false error per path). An operation that overrides the body
    with its own is still judged by its own."""
    result = scan(files_with(_path_level_doc(3)))
    no_crash(result)
    assert rules_of(result)["OPR031"] == 0
    marked = {"type": "object", "required": ["cb"], "properties": {"cb": dict(MARKED)}}
    nested = {"type": "object", "required": ["cb"], "properties": {"cb": {"$ref": "#/definitions/Callback"}}}
    for schema in (marked, nested):
        doc = minimal_doc()
        doc["definitions"]["Callback"] = dict(MARKED)
        body = {"name": "body", "in": "body", "required": True, "schema": schema}
        own = {"name": "body", "in": "body", "required": True, "schema": {"type": "object", "properties": {"cb": {"type": "string"}}}}
        doc["paths"] = {"/hooks": {"parameters": [body], "post": _trigger(0), "put": _trigger(1, [own])}}
        found = [f.message for f in scan(files_with(doc)).findings if f.rule == "OPR031"]
        assert found == ["WebhookOperationsMissingNotificationUrlProperty: webhook trigger Hook1 has no property marked x-ms-notification-url."]


def test_a_callback_definition_that_is_one_body_and_inside_another_makes_both_webhooks():
    """A definition holding the callback property, the whole body of one trigger and reached through a
    property's $ref by another's: its sites were tied to the first trigger only (they sit in "a request
    body"), and the walk through property $refs looked only for definitions no body is, so OPR031 said
    the second trigger had no property marked x-ms-notification-url."""
    from vetter.model.extensions import webhook_operations

    doc = minimal_doc()
    doc["definitions"]["Sub"] = {"type": "object", "required": ["cb"], "properties": {"cb": dict(MARKED)}}
    whole = [{"name": "body", "in": "body", "required": True, "schema": {"$ref": "#/definitions/Sub"}}]
    inside = [{"name": "body", "in": "body", "required": True,
               "schema": {"type": "object", "required": ["sub"], "properties": {"sub": {"$ref": "#/definitions/Sub"}}}}]
    doc["paths"] = {"/a": {"post": _trigger(0, whole)}, "/b": {"post": _trigger(1, inside)}}
    package = package_from_files("p", files_with(doc), kind="folder")
    assert sorted(op.id for op in webhook_operations(package).values()) == ["Hook0", "Hook1"]
    result = scan(files_with(doc))
    no_crash(result)
    assert rules_of(result)["OPR031"] == 0


def _fan_doc(n: int) -> dict:
    """``n`` webhook triggers sharing one body parameter (under ``parameters``) whose ``n`` properties
    each refer to a definition of their own holding a callback property."""
    doc = minimal_doc()
    for j in range(n):
        doc["definitions"][f"D{j}"] = {"type": "object", "required": ["cb"], "properties": {"cb": dict(MARKED)}}
    doc["parameters"] = {**doc.get("parameters", {}), "Shared": {"name": "body", "in": "body", "required": True, "schema": {
        "type": "object", "properties": {f"p{j}": {"$ref": f"#/definitions/D{j}"} for j in range(n)}}}}
    doc["paths"] = {f"/hooks{i}": {"post": _trigger(i, [{"$ref": "#/parameters/Shared"}])} for i in range(n)}
    return doc


def test_callbacks_reached_through_references_are_profiled_once_each_in_linear_time():
    """The security profile's webhook uses of callback properties a body reaches through $refs (the
    sites OPR030-OPR032 count): 3,000 triggers each reaching a chain of 3,000 marked definitions, and
    3,000 triggers sharing one body that refers to 3,000 marked definitions. A walk per trigger would
    cost triggers x definitions (9 million steps) and list as many entries; each marked property is
    noted under the first trigger that reaches it, and each further trigger names the nearest one:
    2n - 1 entries, one walk from the bodies and one back from the definitions."""
    from vetter.report.export import profile_dict

    n = 3_000
    cb = "/definitions/D{}/properties/cb/x-ms-notification-url"
    for doc, first in ((_chain_doc(n), [cb.format(j) for j in range(n)]),
                       (_fan_doc(n), sorted(cb.format(j) for j in range(n)))):
        package = package_from_files("p", files_with(doc), kind="folder")
        assert len(package.swagger.index.operations) == n  # read and indexed before the clock starts
        profile, seconds = timed(profile_dict, package)
        assert profile is not None
        found = [f for h in profile["egress"]["hosts"] for f in h["found"] if f["role"] == "webhook"]
        assert len(found) == 2 * n - 1
        assert sorted(f["pointer"] for f in found[:n]) == sorted(first)
        assert {f["operations"][0] for f in found[:n]} == {"Hook0"}
        assert [f["operations"] for f in found[n:]] == [[f"Hook{i}"] for i in range(1, n)]
        assert {f["pointer"] for f in found[n:]} == {cb.format(0)}
        assert seconds < 2.0
