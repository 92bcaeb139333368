"""A read operation defines no schema for its success response.

## Why
Certification (§2.6) wants a response schema for every operation unless the response is
genuinely dynamic: without one, flows cannot use the operation's output as dynamic
content. A `GET` that returns data is the clear case.

## Severity
Ground: advice — the checklist asks for response schemas, but a dynamic response is a valid
reason to omit one, which only a reviewer can judge.

## How to fix
Add a `schema` to the operation's 2xx response describing the returned data, or
`x-ms-dynamic-schema` when its shape depends on the input.

## Exceptions
Profiles: `custom` connectors are not checked. Only `GET` operations are checked (a
`POST`, `PUT` or `DELETE` often returns nothing useful), not triggers, not operations with
a `204`/`202` response, not internal ones, and not those whose response is a file
(`produces` without JSON).

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-submission
"""

from collections.abc import Iterator
from typing import Any

from vetter import ConnectorPackage, Rule, RunOptions, Severity, Violation
from vetter.base import pointer as jp
from vetter.model.node import Node
from vetter.model.profiles import profile_of
from vetter.model.swagger import Operation, Swagger

RULE = Rule(
    id="CRT011",
    name="read-operation-response-schema-missing",
    category="certification",
    severity=Severity.WARNING,
    tags=("certification", "responses"),
    section="2.6",
)


def check(package: ConnectorPackage, options: RunOptions) -> Iterator[Violation]:
    if not profile_of(package, options).certification:
        return
    swagger = package.swagger
    says_json: dict[int, bool] = {}
    for op in swagger.operations():
        if op.method != "get" or op.is_trigger or (op.visibility or "").lower() == "internal":
            continue
        responses = op.get("responses")
        codes = sorted(c for c in responses if c.startswith("2")) if isinstance(responses, dict) else []
        if not codes or "202" in codes or "204" in codes:
            continue
        if any(_has_schema(swagger, op, code, responses[code]) for code in codes):
            continue  # nearly every read operation: its media types are not looked at
        produces = swagger.produces(op)  # one list for every operation that takes the root's: looked at once
        json = says_json.get(id(produces))
        if json is None:
            json = says_json[id(produces)] = any("json" in p.lower() for p in produces)
        if produces and not json:
            continue
        yield Violation(op.at("responses", codes[0]), f"Operation '{op.id}' returns {codes[0]} without a response schema.")


def _has_schema(swagger: Swagger, op: Operation, code: str, written: Any) -> bool:
    """Whether the response, resolved (``success_responses`` without a node for each one that holds no ``$ref``), has a schema."""
    if isinstance(written, dict) and "$ref" not in written:
        return "schema" in written
    return swagger.deref(Node(op.file, jp.join(op.pointer, "responses", code), written)).has("schema")
