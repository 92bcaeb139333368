"""The personal-data walk (``operation_fields``) against the plain walk it replaced: the same fields,
in the same order, on generated bodies with nested properties, items, allOf, ``$ref`` chains and
cycles, and past the walk's ``MAX_SCHEMAS`` limit."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vetter.base import pointer as jp
from vetter.model.jsonfile import JsonFile
from vetter.model.swagger import RefError, Swagger
from vetter.security.model import Evidence, PersonalField
from vetter.security.personal import _ALL_OF, _MORE, _NOT_TEXT, MAX_SCHEMAS, category, operation_fields


def _plain_walk(sw: Any, start: Any, name: str | None, out: list[PersonalField], seen: set[str]) -> None:
    """The walk as it was: pointer keys joined per schema, every property a round through the stack."""
    stack: list[tuple[str, tuple[str, ...], Any, str | None]] = [(start.pointer, (), start.data, name)]
    count = 0
    while stack and count < MAX_SCHEMAS:
        base, keys, data, prop = stack.pop()
        if prop is _MORE:
            member = next(data, None)
            if member is None:
                continue
            stack.append((base, keys, data, _MORE))
            key, data = member
            keys, prop = (*keys, "properties", key), key
        elif prop is _ALL_OF:
            parts, indexes = data
            i = next(indexes, None)
            if i is None:
                continue
            stack.append((base, keys, data, _ALL_OF))
            keys, data, prop = (*keys, "allOf", str(i)), parts[i], None
        if isinstance(data, dict) and "$ref" in data:
            try:
                base, data = sw.resolve_ref(data["$ref"])
            except RefError:
                continue
            keys = ()
        if not isinstance(data, dict):
            continue
        pointer_key = base + "\x00" + "/".join(keys)
        if pointer_key in seen:
            continue
        seen.add(pointer_key)
        count += 1
        if prop is not None and data.get("type") not in _NOT_TEXT:
            fmt, summary = data.get("format"), data.get("x-ms-summary")
            cat = category(prop, fmt if isinstance(fmt, str) else None, summary if isinstance(summary, str) else None)
            if cat and data.get("x-ms-visibility") != "internal":
                out.append(PersonalField(prop, cat, Evidence(sw.file.name, jp.join(base, *keys))))
                continue
        props = data.get("properties")
        if isinstance(props, dict) and props:
            stack.append((base, keys, iter(props.items()), _MORE))
        if "items" in data:
            stack.append((base, (*keys, "items"), data["items"], prop))
        parts = data.get("allOf")
        if isinstance(parts, list) and parts:
            stack.append((base, keys, (parts, reversed(range(len(parts)))), _ALL_OF))


def _plain_fields(sw: Swagger, op: Any) -> list[PersonalField]:
    out: list[PersonalField] = []
    seen: set[str] = set()
    for param in sw.parameters(op):
        if param.get("in") == "body":
            schema = param.child("schema")
            if schema is not None:
                _plain_walk(sw, schema, None, out, seen)
            continue
        cat = category(param.string("name"), param.string("format"), param.string("x-ms-summary"))
        if cat and param.string("x-ms-visibility") != "internal" and param.get("type") not in _NOT_TEXT:
            out.append(PersonalField(param.string("name") or "?", cat, Evidence.of(param, "name")))
    return out


def _swagger(doc: dict[str, Any]) -> Swagger:
    return Swagger(JsonFile("api.json", json.dumps(doc).encode()))


NAMES = st.sampled_from(["email", "phone", "zip", "id", "name", "contactEmail", "sendEmail", "ip", "a~b", "x y", "dob", "iban"])
REFS = st.sampled_from(["#/definitions/A", "#/definitions/B", "#/definitions/A/properties/email", "#/definitions/C", "#/nowhere", "x.json"])
LEAVES = st.one_of(
    st.fixed_dictionaries({"type": st.sampled_from(["string", "integer", "object"])}),
    st.fixed_dictionaries({"type": st.just("string")}, optional={"format": st.sampled_from(["email", "ipv4", "date"]), "x-ms-visibility": st.sampled_from(["internal", "advanced"]), "x-ms-summary": st.sampled_from(["Email", "Title"])}),
    st.builds(lambda r: {"$ref": r}, REFS),
    st.integers(0, 2),
)
SCHEMAS = st.recursive(
    LEAVES,
    lambda inner: st.one_of(
        st.builds(lambda props: {"type": "object", "properties": props}, st.dictionaries(NAMES, inner, max_size=6)),
        st.builds(lambda items: {"type": "array", "items": items}, st.one_of(inner, st.lists(inner, max_size=2))),
        st.builds(lambda parts: {"allOf": parts}, st.lists(inner, max_size=3)),
        st.builds(lambda props, extra: {"properties": props, **extra}, st.dictionaries(NAMES, inner, max_size=4), st.sampled_from([{}, {"items": {"type": "string"}}, {"$ref": "#/definitions/B"}])),
    ),
    max_leaves=40,
)


PARAMS = st.lists(
    st.one_of(
        st.integers(0, 1),
        st.fixed_dictionaries(
            {"in": st.sampled_from(["query", "header", "path", "formData", 3])},
            optional={
                "name": st.one_of(NAMES, st.integers(0, 1)),
                "format": st.sampled_from(["email", "tel", "date", 5]),
                "x-ms-summary": st.sampled_from(["E-mail address", "Title", 1]),
                "x-ms-visibility": st.sampled_from(["internal", "important", 2]),
                "type": st.sampled_from(["string", "integer", "boolean", "file", None]),
            },
        ),
    ),
    max_size=4,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=SCHEMAS, a=SCHEMAS, b=SCHEMAS, second=st.booleans(), others=PARAMS)
def test_the_walk_finds_what_the_plain_walk_finds(body: Any, a: Any, b: Any, second: bool, others: list[Any]) -> None:
    params: list[Any] = [*others, {"in": "body", "name": "body", "schema": body}, {"in": "query", "name": "email", "type": "string"}]
    if second:
        params.append({"in": "body", "name": "again", "schema": {"$ref": "#/definitions/A"}})
    doc = {
        "swagger": "2.0",
        "paths": {"/p": {"post": {"parameters": params, "responses": {}}}},
        "definitions": {"A": a, "B": b, "C": {"$ref": "#/definitions/C"}},
    }
    sw = _swagger(doc)
    (op,) = sw.operations()
    assert operation_fields(sw, op) == _plain_fields(sw, op)


def test_the_walk_stops_after_max_schemas_as_the_plain_walk_does() -> None:
    # the body schema, 116 fields, email, nested and phone: 120 schemas, and zip and iban are not read
    props = {f"f{i}": {"type": "string"} for i in range(MAX_SCHEMAS - 4)}
    props.update({"email": {"type": "string"}, "nested": {"properties": {"phone": {"type": "string"}}}, "zip": {"type": "string"}, "iban": {"type": "string"}})
    sw = _swagger({"swagger": "2.0", "paths": {"/p": {"post": {"parameters": [{"in": "body", "name": "b", "schema": {"properties": props}}]}}}})
    (op,) = sw.operations()
    fields = operation_fields(sw, op)
    assert [(f.name, f.category, f.evidence.pointer) for f in fields] == [
        ("email", "email", "/paths/~1p/post/parameters/0/schema/properties/email"),
        ("phone", "phone", "/paths/~1p/post/parameters/0/schema/properties/nested/properties/phone"),
    ]
    assert fields == _plain_fields(sw, op)


def test_a_property_named_like_a_nested_path_is_its_own_field() -> None:
    """The plain walk keyed a visited schema by its joined keys, so a property named ``a/properties/email``
    passed for the nested ``a.properties.email`` and was skipped; a schema is now known by its object."""
    schema = {"properties": {"a": {"properties": {"email": {"type": "string"}}}, "a/properties/email": {"type": "string"}}}
    sw = _swagger({"swagger": "2.0", "paths": {"/p": {"post": {"parameters": [{"in": "body", "name": "b", "schema": schema}]}}}})
    (op,) = sw.operations()
    assert [(f.name, f.evidence.pointer) for f in operation_fields(sw, op)] == [
        ("email", "/paths/~1p/post/parameters/0/schema/properties/a/properties/email"),
        ("a/properties/email", "/paths/~1p/post/parameters/0/schema/properties/a~1properties~1email"),
    ]
