"""A default, example, x-ms-test-value or response example does not fit its schema.

## Why
A `default` the schema rejects is sent whenever the maker leaves the field empty, and the
API may refuse it (DefaultValueMustMatchType). An `example` or `x-ms-test-value` that does
not fit misleads makers and makes certification tests fail (Microsoft asks for valid sample
values but the validator does not name a code).
Values are checked with openapi-schema-validator's OpenAPI 3.0 schema validator, the closest
it has to Swagger 2.0 schemas (the same keywords, plus a few this rule does not use);
formats are not checked. Non-body parameters are checked as the schema they describe (type,
items, enum, bounds, pattern). Schemas that refer to other definitions are checked only when
the value is a scalar. A response's `examples` (keyed by media type) are checked against the
response's schema, references included, for the JSON media types (warning: they are sample
responses makers see, not values sent). `x-nullable: true` (Swagger 2.0's spelling of
nullable) lets a value be null. A `pattern` is matched by RE2, in time linear in the value
whatever the pattern; RE2 has no look-arounds or back-references, so a value is not checked
against a pattern that uses them. `uniqueItems` and `enum` are checked in time linear in the
value, and a reference outside this file is never fetched (SWG002 reports it): the value is
not checked against what it names. A check stops after 10,000 keyword evaluations for one
value and 50,000 for a package (the corpus needs at most 246 and 2,155): a schema whose
references multiply, or a huge value checked against many branches, gets an info finding that
says the value was not checked, rather than minutes of work.

## Severity
Ground: blocking — the maker portal refuses a default of another JSON type ("The 'default'
value is of type 'Integer', but should match the given type 'String'",
MicrosoftDocs/BusinessApplicationPlatform-Connectors-public#70 and #480); a string that
spells the declared type ("true", "10": certified connectors ship such defaults and the
platform reads them), a value outside an enum, a pattern or another constraint, and examples,
test values and response examples are warnings; a value left unchecked at the step bound is
info (nothing is known to be wrong with it, only that it was not checked).

## How to fix
Change the value so it has the declared type and meets the constraints, or correct the
schema.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-swagger-validator-rules
- https://github.com/MicrosoftDocs/BusinessApplicationPlatform-Connectors-public/issues/480
- https://pypi.org/project/openapi-schema-validator/
- https://github.com/stoplightio/spectral/blob/develop/docs/reference/openapi-rules.md#oas2-valid-media-example
"""

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from vetter import ConnectorPackage, Location, Rule, Severity, Violation
from vetter.base import linear
from vetter.base import pointer as jp
from vetter.model.node import Node
from vetter.model.swagger import Swagger

RULE = Rule(
    id="SWG013",
    name="value-not-in-schema",
    category="swagger",
    severity=Severity.ERROR,
    aliases=("DefaultValueMustMatchType", "oas2-valid-schema-example", "oas2-valid-media-example"),
    tags=("certification", "schemas"),
    section="1.5",
)

_SCHEMA_KEYS = (
    "type", "format", "items", "enum", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
    "minLength", "maxLength", "pattern", "minItems", "maxItems", "uniqueItems", "multipleOf",
    "properties", "additionalProperties", "required", "allOf", "minProperties", "maxProperties",
)
_SIMPLE = {"type", "format", "description", "title", "default", "example", "readOnly", "name", "in", "required", "collectionFormat", "allowEmptyValue"}
_VALUES = (("default", None), ("example", Severity.WARNING), ("x-ms-test-value", Severity.WARNING))


def _json_type_ok(kind: Any, value: Any) -> bool | None:
    if kind == "string":
        return isinstance(value, str)
    if kind == "boolean":
        return isinstance(value, bool)
    if kind == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    return None


_CONTAINERS = {"object": dict, "array": list}


def _wrong_json_type(kind: Any, value: Any) -> bool:
    """The value is of another JSON type than declared, and not a string spelling of it ("true", "10")."""
    if kind in _CONTAINERS:
        return not isinstance(value, _CONTAINERS[kind])
    if _json_type_ok(kind, value) is not False:
        return False
    if isinstance(value, str):
        text = value.strip()
        if kind == "boolean":
            return text.lower() not in ("true", "false")
        pattern = r"[-+]?\d+" if kind == "integer" else r"[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?"
        return re.fullmatch(pattern, text) is None
    return True


def _schema_of(node: Node) -> dict[str, Any]:
    data = node.data
    schema = {k: data[k] for k in _SCHEMA_KEYS if k in data}
    if not isinstance(schema.get("required"), list):
        schema.pop("required", None)  # a parameter's required is a flag, not a list of names
    if schema.get("type") == "file":
        return {}
    if schema.get("exclusiveMinimum") is True and "minimum" not in schema:
        schema.pop("exclusiveMinimum")
    if schema.get("exclusiveMaximum") is True and "maximum" not in schema:
        schema.pop("exclusiveMaximum")
    return schema


def _has_ref(value: Any) -> bool:
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if "$ref" in item:
                return True
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


STEPS_PER_VALUE = 10_000
STEPS_PER_PACKAGE = 50_000
"""Keyword evaluations one value's check may take, and all of a package's. On the whole corpus the
most one value takes is 246 and one package 2,155 (10,660 in all, docs/robustness.md). A schema
whose references multiply (each definition an ``allOf`` of the next one twice) asks for 2^n of
them, and an array checked against ``anyOf`` branches for items x branches; past the bound the
value is not checked (about 0.35 s of work at most, 1.7 s a package), and a finding says so."""


class _Steps:
    """What is left of the package's steps, and the values left unchecked for want of them."""

    def __init__(self) -> None:
        self.left = STEPS_PER_PACKAGE
        self.unchecked: list[tuple[Location, str]] = []


def _located_errors(schema: dict[str, Any], value: Any, steps: _Steps) -> list[tuple[tuple[str | int, ...], str]] | None:
    """The first error of ``value`` against ``schema``: (path inside the value, message); None when the
    check ran out of steps (``STEPS_PER_VALUE``, or what is left of ``STEPS_PER_PACKAGE``)."""
    from jsonschema.exceptions import SchemaError, UnknownType
    from jsonschema_specifications import REGISTRY
    from openapi_schema_validator import OAS30Validator
    from referencing.exceptions import Unresolvable

    from vetter.base.boundedschema import errors_within

    if steps.left <= 0:
        return None
    try:
        # a registry of the meta-schemas only (what jsonschema makes of an empty Registry(), without
        # combining them again per value): a $ref outside the schema is unresolvable, never fetched
        # (jsonschema's default registry retrieves any other URI with urllib: http://, and file://)
        validator = _validator(OAS30Validator)(schema, registry=REGISTRY)
        found, used = errors_within(validator, value, min(STEPS_PER_VALUE, steps.left))
    except (SchemaError, UnknownType, Unresolvable, TypeError, ValueError, KeyError, AttributeError, RecursionError, re.error):
        return []  # the schema itself is broken (a $ref it does not hold included): SWG001 and the reference rules say so
    steps.left -= used
    if found is None:
        return None
    errors = sorted(found, key=lambda e: [str(p) for p in e.path])
    # Swagger 2.0 spells OpenAPI 3.0's nullable as x-nullable (AutoRest, many connectors): a null there fits
    errors = [e for e in errors if not (e.instance is None and isinstance(e.schema, dict) and e.schema.get("x-nullable") is True)]
    return [(tuple(e.absolute_path), _NOT_NULLABLE if e.message == "None for not nullable" else e.message) for e in errors[:1]]


_NOT_NULLABLE = "null where the schema does not allow it (Swagger 2.0 writes that as x-nullable: true)"
"""openapi-schema-validator's "None for not nullable", in a connector author's words."""


@lru_cache(maxsize=1)
def _validator(base: Any) -> Any:
    """``base`` with its ``pattern`` keyword run by RE2 (vetter.base.linear): the publisher writes the
    pattern and the value, and Python's ``re`` is exponential on ``^(a+)+$``. A pattern RE2 cannot
    run (look-arounds, back-references) is not checked: the value is not reported on it. And
    ``uniqueItems`` and ``enum`` in time linear in the value, every keyword counting one step
    (``vetter.base.boundedschema``)."""
    from jsonschema import ValidationError, validators

    from vetter.base.boundedschema import KEYWORDS, counted

    def pattern(validator: Any, source: Any, instance: Any, schema: Any) -> Any:
        if validator.is_type(instance, "string") and isinstance(source, str) and linear.search(source, instance) is False:
            yield ValidationError(f"{instance!r} does not match {source!r}")

    return validators.extend(base, counted({**base.VALIDATORS, **KEYWORDS, "pattern": pattern}))


def _simple(data: dict[str, Any], value: Any) -> bool:
    """True when a scalar value certainly fits: its type, enum, bounds and pattern checked by hand.

    Only values this cannot vouch for (objects, arrays, scalars that fail it) go to
    the validator, so most packages never import it (start-up counts for one-package runs).
    """
    for k, rule in data.items():
        if k in _SIMPLE or k[:2] == "x-":
            continue
        if k == "enum":
            if not (isinstance(rule, list) and value in rule):
                return False
        elif k in ("minimum", "maximum"):
            if not isinstance(rule, (int, float)) or isinstance(value, bool) or not isinstance(value, (int, float)):
                return False
            exclusive = data.get("exclusiveMinimum" if k == "minimum" else "exclusiveMaximum") is True
            low, high = (rule, value) if k == "minimum" else (value, rule)
            if low > high or (exclusive and low == high):
                return False
        elif k in ("exclusiveMinimum", "exclusiveMaximum"):
            continue
        elif k in ("minLength", "maxLength"):
            if not isinstance(rule, int) or not isinstance(value, str):
                return False
            if (k == "minLength" and len(value) < rule) or (k == "maxLength" and len(value) > rule):
                return False
        elif k == "pattern":
            if not isinstance(rule, str) or not isinstance(value, str) or linear.search(rule, value) is not True:
                return False
        else:
            return False
    return True


_SCALAR_KEYS = ("type", "enum", "minimum", "maximum", "minLength", "maxLength", "pattern", "multipleOf", "format")


def _scalar_part(schema: dict[str, Any]) -> dict[str, Any]:
    """What of a schema that refers to other definitions a scalar value is checked against."""
    return {k: v for k, v in schema.items() if k in _SCALAR_KEYS}


def check(package: ConnectorPackage) -> Iterator[Violation]:
    swagger = package.swagger
    nodes: list[Node] = swagger.with_keyword("default", "example")
    nodes = nodes + [s.owner_node for s in swagger.extensions_named("x-ms-test-value") if s.owner in ("schema", "parameter")]
    seen: set[int] = set()
    steps = _Steps()
    for node in nodes:
        ident = id(node)
        if ident in seen:
            continue
        seen.add(ident)
        data = node.data
        if not isinstance(data, dict) or "$ref" in data or data.get("in") == "body":
            continue
        schema: dict[str, Any] | None = None  # the node's schema and whether it holds a $ref: worked out once, for its first value that needs them
        refs = False
        for key, severity in _VALUES:
            if key not in data:
                continue
            value = data[key]
            if value is None:
                continue  # an explicit null default means "none"; the validator accepts it
            fits = _json_type_ok(data.get("type"), value)
            if fits is True and _simple(data, value):
                continue  # the common case: a scalar of the right type with no other constraint
            if schema is None:
                schema = _schema_of(node)
                refs = bool(schema) and _has_ref(schema)
            if not schema or (refs and isinstance(value, (dict, list))):
                continue
            found = _located_errors(_scalar_part(schema) if refs else schema, value, steps)
            if found is None:
                steps.unchecked.append((node.at(key), f"{key} value"))
            for inside, message in found or ():
                code = {"default": "DefaultValueMustMatchType: ", "example": "oas2-valid-schema-example: "}.get(key, "")
                if key == "default" and not _wrong_json_type(data.get("type"), value):
                    severity = Severity.WARNING  # the right JSON type (or its string spelling), another constraint missed
                at = f" at {jp.join('', *inside)}" if inside else ""  # where inside an object or array value
                yield Violation(node.at(key), f"{code}{key} does not fit its schema{at}: {message}.", severity=severity)
    yield from _response_examples(swagger, steps)
    if steps.unchecked:
        where, what = steps.unchecked[0]
        more = len(steps.unchecked) - 1
        also = f"; {more:,} more value{'s' if more > 1 else ''} of this package {'were' if more > 1 else 'was'} not checked either" if more else ""
        yield Violation(
            where,
            f"This {what} was not checked against its schema: the check stopped at SWG013's bound "
            f"({STEPS_PER_VALUE:,} keyword evaluations a value, {STEPS_PER_PACKAGE:,} a package), as references "
            f"that multiply or a very large value make it costly{also}.",
            severity=Severity.INFO,
        )


def _response_examples(swagger: Swagger, steps: _Steps) -> Iterator[Violation]:
    """Each JSON entry of a response's ``examples`` against the response's schema (once, where the response is written)."""
    definitions = swagger.data.get("definitions")
    for site in swagger.responses():
        response = site.node
        data = response.data
        # on the raw member values first: most responses have no examples (no node made for them)
        if not isinstance(data, dict) or "$ref" in data or not isinstance(data.get("examples"), dict) or not isinstance(data.get("schema"), dict):
            continue
        examples, schema = response.child("examples"), response.child("schema")
        if examples is None or schema is None:
            continue
        checked = schema.data
        if _has_ref(checked):  # refs resolve against the document's definitions, carried along
            checked = {"allOf": [checked], "definitions": definitions if isinstance(definitions, dict) else {}}
        for media, example in examples.entries():
            if "json" not in media.lower():
                continue
            found = _located_errors(checked, example.data, steps)
            if found is None:
                steps.unchecked.append((example.loc, f"{media} example"))
            for path, message in found or ():
                yield Violation(example.at(*path), f"oas2-valid-media-example: the {media} example of this response does not fit its schema: {message}.", severity=Severity.WARNING)
