"""A dynamic call refers to a nested or ambiguous value without its explicit twin.

## Why
`x-ms-dynamic-values` and `x-ms-dynamic-schema` refer to the calling operation's values by
parameter name only. When a reference names a property nested in a parameter (`body/id`,
`folder.id`), or a name that is both a parameter and a property of the body, the platform
needs the unambiguous form as well: `x-ms-dynamic-list` beside `x-ms-dynamic-values`, and
`x-ms-dynamic-properties` beside `x-ms-dynamic-schema`, with `parameterReference` paths.
Codes: DynamicListExtensionRequiredForNonParameterReferences,
DynamicListExtensionRequiredForAmbiguousReferences,
DynamicPropertiesExtensionRequiredForNonParameterReferences,
DynamicPropertiesExtensionRequiredForAmbiguousReferences; the finding names its code.

## Severity
Ground: breaks — without the explicit twin the platform cannot resolve a nested or ambiguous
reference, and the call goes out without that value.

## How to fix
Add `x-ms-dynamic-list` (or `x-ms-dynamic-properties`) next to the extension, with the
same operation and `{"parameterReference": "<parameter>/<path>"}` arguments.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/openapi-extensions
"""

from collections.abc import Iterator
from typing import Any

from vetter import ConnectorPackage, Rule, Severity, Violation
from vetter.model.extensions import dynamic_calls

RULE = Rule(
    id="OPR021",
    name="dynamic-list-required",
    category="operations",
    severity=Severity.ERROR,
    aliases=(
        "DynamicListExtensionRequiredForNonParameterReferences",
        "DynamicListExtensionRequiredForAmbiguousReferences",
        "DynamicPropertiesExtensionRequiredForNonParameterReferences",
        "DynamicPropertiesExtensionRequiredForAmbiguousReferences",
    ),
    tags=("certification", "dynamic"),
    section="1.1",
)

_TWIN = {"x-ms-dynamic-values": ("x-ms-dynamic-list", "DynamicList"), "x-ms-dynamic-schema": ("x-ms-dynamic-properties", "DynamicProperties")}


def _names(swagger: Any, caller: Any, seen: dict[str, tuple[set[str], set[str]]]) -> tuple[set[str], set[str]]:
    """The caller's parameter names and its body's property names, once per operation."""
    if caller is None:
        return set(), set()
    known = seen.get(caller.pointer)
    if known is not None:
        return known
    params = swagger.effective_parameters(caller)
    names = {p.get("name") for p in params if isinstance(p.get("name"), str)}
    body = next((p for p in params if p.get("in") == "body"), None)
    body_props: set[str] = set()
    if body is not None:
        schema = body.child("schema")
        if schema is not None:
            body_props = set(swagger.deref(schema).mapping("properties") or {})
    seen[caller.pointer] = names, body_props
    return names, body_props


def check(package: ConnectorPackage) -> Iterator[Violation]:
    swagger = package.swagger
    seen: dict[str, tuple[set[str], set[str]]] = {}
    for call in dynamic_calls(package):
        twin = _TWIN.get(call.extension)
        if twin is None or call.site.owner_node.has(twin[0]):
            continue
        caller = call.caller
        names, body_props = _names(swagger, caller, seen)
        for key, value in call.call.entries("parameters"):
            name = value.get("parameter") if value.is_object else None
            if not isinstance(name, str):
                continue
            if "/" in name or ("." in name and caller is not None and name not in names):
                code = f"{twin[1]}ExtensionRequiredForNonParameterReferences"
                yield Violation(value.at("parameter"), f"{code}: '{name}' is a nested value, which {call.extension} cannot refer to without {twin[0]}.", key=key)
            elif name in names and name in body_props:
                code = f"{twin[1]}ExtensionRequiredForAmbiguousReferences"
                yield Violation(value.at("parameter"), f"{code}: '{name}' is both a parameter and a body property; add {twin[0]} to say which.", key=key)
