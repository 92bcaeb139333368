"""The swagger's one walk (``Swagger.index``): every list it keeps, pinned on one small document
with the shapes the walk treats apart (escaped keys, ``$ref`` sites, extensions of every owner)."""

from __future__ import annotations

import json

from vetter.model.jsonfile import JsonFile
from vetter.model.swagger import Swagger

DOC = {
    "swagger": "2.0",
    "x-root": True,
    "info": {"title": "t", "x-i": 1, "contact": {"x-c": 2}, "license": 3},
    "tags": [{"name": "n", "x-t": 3}, 5],
    "paths": {
        "x-paths-ext": {},
        "/a/{id}": {
            "x-pi": 1,
            "parameters": [{"name": "id", "in": "path", "x-p": 1}],
            "x-ms-notification-content": {"schema": {"type": "string"}},
            "get": {
                "operationId": "G",
                "x-op": 1,
                "parameters": [
                    {
                        "in": "body",
                        "name": "b",
                        "schema": {
                            "type": "object",
                            "x-s/1": 1,
                            "properties": {
                                "p~q": {"type": "string", "enum": ["a"]},
                                "r": {"$ref": "#/definitions/D", "x-r": 2},
                                "s": 4,
                            },
                        },
                    },
                    {"$ref": "#/parameters/P", "x-pr": 1},
                ],
                "responses": {
                    "200": {
                        "description": "ok",
                        "schema": {"type": "array", "items": [{"type": "string", "enum": ["z"]}, 1]},
                        "headers": {"h/1": {"type": "string", "x-h": 1}, "h2": {"type": "string"}},
                    },
                    "x-resp": {},  # not a response, and not the operation's extension either
                    "404": 7,
                },
                "security": [{"k": []}],
            },
            "put": {"operationId": "", "responses": {}},
            "post": "not an operation",
        },
    },
    "definitions": {"D": {"type": "object", "allOf": [{"type": "object"}], "additionalProperties": {"type": "integer"}}},
    "parameters": {"P": {"name": "q", "in": "query", "type": "array", "items": {"type": "string"}, "enum": [1]}},
    "responses": {"R": {"$ref": "#/responses/X"}},
    "securityDefinitions": {"k": {"type": "apiKey", "x-sd": 1}, "m": 1},
    "security": [{"k": []}],
}


def _swagger() -> Swagger:
    return Swagger(JsonFile("api.json", json.dumps(DOC).encode()))


def _at(node: object) -> str | None:
    return None if node is None else node.pointer  # type: ignore[attr-defined]


def test_the_walk_lists_operations_parameters_responses_and_security_in_walk_order() -> None:
    ix = _swagger().index
    get = "/paths/~1a~1{id}/get"
    put = "/paths/~1a~1{id}/put"
    assert [(op.pointer, op.path, op.method, op.operation_id, op.id) for op in ix.operations] == [
        (get, "/a/{id}", "get", "G", "G"),
        (put, "/a/{id}", "put", None, "PUT /a/{id}"),
    ]
    assert [(p.node.pointer, p.scope, _at(p.operation), p.path) for p in ix.parameters] == [
        ("/paths/~1a~1{id}/parameters/0", "path", None, "/a/{id}"),
        (get + "/parameters/0", "operation", get, "/a/{id}"),
        (get + "/parameters/1", "operation", get, "/a/{id}"),
        ("/parameters/P", "shared", None, None),
    ]
    assert [(r.node.pointer, r.code, _at(r.operation)) for r in ix.responses] == [
        (get + "/responses/200", "200", get),
        (get + "/responses/404", "404", get),
        ("/responses/R", "R", None),
    ]
    assert [(d.name, d.node.pointer) for d in ix.security_definitions] == [("k", "/securityDefinitions/k"), ("m", "/securityDefinitions/m")]
    assert [(r.node.pointer, _at(r.operation)) for r in ix.security_requirements] == [(get + "/security/0", get), ("/security/0", None)]


def test_the_walk_lists_every_schema_site_in_pointer_order() -> None:
    ix = _swagger().index
    get = "/paths/~1a~1{id}/get"
    assert [(s.pointer, s.role, _at(s.operation), _at(s.parent), s.name, s.depth) for s in ix.schemas] == [
        ("/definitions/D", "definition", None, None, "D", 0),
        ("/definitions/D/additionalProperties", "additional-properties", None, "/definitions/D", None, 1),
        ("/definitions/D/allOf/0", "all-of", None, "/definitions/D", None, 1),
        ("/parameters/P/items", "parameter-items", None, None, None, 0),
        (get + "/parameters/0/schema", "body", get, None, None, 0),
        (get + "/parameters/0/schema/properties/p~0q", "property", get, get + "/parameters/0/schema", "p~q", 1),
        (get + "/parameters/0/schema/properties/r", "property", get, get + "/parameters/0/schema", "r", 1),
        (get + "/responses/200/schema", "response", get, None, None, 0),
        (get + "/responses/200/schema/items/0", "items", get, get + "/responses/200/schema", None, 1),
        ("/paths/~1a~1{id}/x-ms-notification-content/schema", "notification", None, None, None, 0),
    ]


def test_the_walk_lists_extensions_and_refs_with_their_owners() -> None:
    ix = _swagger().index
    get = "/paths/~1a~1{id}/get"
    body = get + "/parameters/0/schema"
    assert [(e.name, e.node.pointer, e.owner, e.owner_node.pointer, _at(e.operation), _at(e.schema)) for e in ix.extensions] == [
        ("x-c", "/info/contact/x-c", "info", "/info/contact", None, None),
        ("x-i", "/info/x-i", "info", "/info", None, None),
        ("x-paths-ext", "/paths/x-paths-ext", "paths", "/paths", None, None),
        ("x-r", body + "/properties/r/x-r", "schema", body + "/properties/r", get, body + "/properties/r"),
        ("x-s/1", body + "/x-s~11", "schema", body, get, body),
        ("x-pr", get + "/parameters/1/x-pr", "parameter", get + "/parameters/1", get, None),
        ("x-h", get + "/responses/200/headers/h~11/x-h", "header", get + "/responses/200/headers/h~11", get, None),
        ("x-op", get + "/x-op", "operation", get, get, None),
        ("x-p", "/paths/~1a~1{id}/parameters/0/x-p", "parameter", "/paths/~1a~1{id}/parameters/0", None, None),
        ("x-ms-notification-content", "/paths/~1a~1{id}/x-ms-notification-content", "path-item", "/paths/~1a~1{id}", None, None),
        ("x-pi", "/paths/~1a~1{id}/x-pi", "path-item", "/paths/~1a~1{id}", None, None),
        ("x-sd", "/securityDefinitions/k/x-sd", "security-definition", "/securityDefinitions/k", None, None),
        ("x-t", "/tags/0/x-t", "tag", "/tags/0", None, None),
        ("x-root", "/x-root", "root", "", None, None),
    ]
    assert [(r.node.pointer, r.ref, r.context) for r in ix.refs] == [
        (body + "/properties/r", "#/definitions/D", "schema"),
        (get + "/parameters/1", "#/parameters/P", "parameter"),
        ("/responses/R", "#/responses/X", "response"),
    ]


def test_with_keyword_lists_schema_sites_then_parameters() -> None:
    swagger = _swagger()
    get = "/paths/~1a~1{id}/get"
    assert [n.pointer for n in swagger.with_keyword("enum")] == [
        get + "/parameters/0/schema/properties/p~0q",
        get + "/responses/200/schema/items/0",
        "/parameters/P",
    ]
    assert [n.pointer for n in swagger.with_keyword("items", "in")] == [
        get + "/responses/200/schema",
        "/parameters/P",
        "/paths/~1a~1{id}/parameters/0",
        get + "/parameters/0",
    ]
    assert swagger.with_keyword("nothing") == []
    assert [e.node.pointer for e in swagger.extensions_named("x-s/1")] == [get + "/parameters/0/schema/x-s~11"]


def test_notification_content_is_the_operation_s_own_else_its_path_item_s() -> None:
    swagger = _swagger()
    get, put = swagger.operations()
    content = swagger.notification_content(get)
    assert content is not None and (content.pointer, content.data) == ("/paths/~1a~1{id}/x-ms-notification-content", {"schema": {"type": "string"}})
    put.data["x-ms-notification-content"] = {"own": 1}
    content = swagger.notification_content(put)
    assert content is not None and (content.pointer, content.data) == ("/paths/~1a~1{id}/put/x-ms-notification-content", {"own": 1})
    swagger.data["paths"]["/a/{id}"].pop("x-ms-notification-content")
    assert swagger.notification_content(get) is None
