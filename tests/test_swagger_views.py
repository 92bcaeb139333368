"""Shared views of the swagger that rules read instead of walking the document themselves."""

from __future__ import annotations

import json

from vetter.model.package import package_from_files


def _swagger(doc: dict[str, object]):
    return package_from_files("p", {"apiDefinition.swagger.json": json.dumps(doc).encode()}, kind="folder").swagger


DOC = {
    "swagger": "2.0",
    "info": {"title": "T", "version": "1.0"},
    "paths": {
        "/a~b/{id}": {
            "x-ms-notification-content": {"description": "path level"},
            "get": {
                "parameters": [{"name": "ids", "in": "query", "type": "array"}, {"name": "q", "in": "query", "type": "string"}],
                "responses": {"200": {"description": "ok", "schema": {"type": "array", "items": {"type": "string"}}}},
            },
            "post": {"x-ms-notification-content": {"description": "own"}, "responses": {"200": {"description": "ok"}}},
        },
        "/c": {"get": {"responses": {"200": {"description": "ok", "schema": {"type": ["array", "null"]}}}}},
    },
    "definitions": {"List": {"type": "array"}, "Thing": {"type": "object", "properties": {"tags": {"type": "array", "items": {}}}}},
}


def test_with_type_is_with_keyword_type_narrowed_to_one_type_in_its_order():
    swagger = _swagger(DOC)
    typed = swagger.with_keyword("type")
    arrays = [n for n in typed if n.data["type"] == "array"]
    assert swagger.with_type("array") == arrays
    assert sorted(n.pointer for n in arrays) == [  # the order is with_keyword's (the index's), asserted above
        "/definitions/List",
        "/definitions/Thing/properties/tags",
        "/paths/~1a~0b~1{id}/get/parameters/0",
        "/paths/~1a~0b~1{id}/get/responses/200/schema",
    ]
    assert [n.pointer for n in swagger.with_type("string")] == [n.pointer for n in typed if n.data["type"] == "string"]
    assert swagger.with_type("null") == []  # a list of types is not a type name
    assert swagger.with_type("file") == []


def test_notification_content_is_the_operation_s_own_else_its_path_item_s():
    swagger = _swagger(DOC)
    ops = {op.method: op for op in swagger.operations() if op.path == "/a~b/{id}"}
    own = swagger.notification_content(ops["post"])
    inherited = swagger.notification_content(ops["get"])
    assert (own.pointer, own.data) == ("/paths/~1a~0b~1{id}/post/x-ms-notification-content", {"description": "own"})
    assert (inherited.pointer, inherited.data) == ("/paths/~1a~0b~1{id}/x-ms-notification-content", {"description": "path level"})
    other = next(op for op in swagger.operations() if op.path == "/c")
    assert swagger.notification_content(other) is None


def test_parameters_in_groups_the_effective_parameters_by_a_string_in_in_their_order():
    doc = {
        "swagger": "2.0",
        "info": {"title": "T", "version": "1.0"},
        "parameters": {"P": {"name": "p", "in": "path", "required": True, "type": "string"}},
        "paths": {
            "/x/{p}": {
                "parameters": [{"$ref": "#/parameters/P"}, {"name": "f", "in": "formData", "type": "file"}],
                "post": {
                    "parameters": [{"name": "a", "in": "query"}, {"name": "b", "in": ["query"]}, "odd", {"name": "c", "in": "query"}, {"name": "f", "in": "formData", "type": "string"}],
                    "responses": {"200": {"description": "ok"}},
                },
            },
        },
    }
    swagger = _swagger(doc)
    op = swagger.operations()[0]
    places = swagger.parameters_in(op)
    assert {k: [(n.pointer, n.data.get("name")) for n in v] for k, v in places.items()} == {
        "query": [("/paths/~1x~1{p}/post/parameters/0", "a"), ("/paths/~1x~1{p}/post/parameters/3", "c")],
        "formData": [("/paths/~1x~1{p}/post/parameters/4", "f")],
        "path": [("/parameters/P", "p")],
    }
    assert swagger.parameters_in(op) is places


def test_ascii_only_is_false_for_any_text_that_can_hold_a_character_outside_ascii():
    def ascii_only(text: str) -> bool:
        return package_from_files("p", {"apiDefinition.swagger.json": text.encode()}, kind="folder").swagger.ascii_only

    assert ascii_only('{"swagger": "2.0", "info": {"title": "T"}}') is True
    assert ascii_only('{"swagger": "2.0", "info": {"title": "line\\nbreak \\"quoted\\""}}') is True  # escapes, none \\u
    assert ascii_only('{"swagger": "2.0", "info": {"title": "\\u0421"}}') is False
    assert ascii_only('{"swagger": "2.0", "info": {"title": "С"}}') is False
    assert ascii_only('{"swagger": "2.0", "info": {"title": "C:\\\\users"}}') is False  # an escaped backslash before u: passed over safely
