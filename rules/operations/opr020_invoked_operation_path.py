"""A dynamic call's list or value path is not in the called operation's response.

## Why
`x-ms-dynamic-values` reads a list from the called operation's success response at
`value-collection` (the response itself when absent) and, in each item, the value at
`value-path` and the label at `value-title`; `x-ms-dynamic-list` does the same with
`itemsPath`, `itemValuePath` and `itemTitlePath`; `x-ms-dynamic-schema` reads the schema at
`value-path`. When the collection is not an array (InvokedOperationShouldProduceArray) or a
path names a property the response schema does not have
(InvokedOperationShouldProduceProperty), the dropdown stays empty. The finding names its
code. Paths are followed through `$ref`s and `allOf`; a schema that can hold any property
(no `properties`, `additionalProperties`, dynamic schemas) is given the benefit of the doubt.

## Severity
Ground: advice — the validator words it "should": the real response may carry more than its
schema says. When the package's `script.csx` assigns a property of that name (`x["name"] =`,
`new JProperty("name"`, `.Add("name"`), the script may build the response itself (DocuSign
answers its `StaticResponse…` operations so, with `signatureTypes` and `recipientTypes`):
information, and the message says so.

## How to fix
Correct the path to the response property that holds the list or value, or complete the
called operation's response schema.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/openapi-extensions
"""

import re
from collections.abc import Iterator

from vetter import ConnectorPackage, Location, Rule, Severity, Violation
from vetter.model.extensions import dynamic_calls, schema_at, success_schema
from vetter.model.node import Node

RULE = Rule(
    id="OPR020",
    name="invoked-operation-path",
    category="operations",
    severity=Severity.WARNING,
    aliases=("InvokedOperationShouldProduceArray", "InvokedOperationShouldProduceProperty"),
    tags=("certification", "dynamic"),
    section="1.1",
)

_PATHS = {
    "x-ms-dynamic-values": ("value-collection", ("value-path", "value-title")),
    "x-ms-dynamic-list": ("itemsPath", ("itemValuePath", "itemTitlePath")),
}


def check(package: ConnectorPackage) -> Iterator[Violation]:
    swagger = package.swagger
    # many calls name one operation (a list that fills several inputs): its schema, and each path
    # through it, are followed once
    roots: dict[str, Node | None] = {}
    walks: dict[tuple[str, str], tuple[str, Node | None]] = {}

    def walk(node: Node, path: str) -> tuple[str, Node | None]:
        key = (node.pointer, path)
        hit = walks.get(key)
        if hit is None:
            hit = walks[key] = schema_at(swagger, node, path)
        return hit

    for call in dynamic_calls(package):
        target = swagger.operations_by_id.get(call.operation_id or "")
        if target is None:
            continue
        if target.pointer not in roots:
            roots[target.pointer] = success_schema(swagger, target)
        root = roots[target.pointer]
        if root is None:
            continue
        if call.extension == "x-ms-dynamic-schema":
            path = call.call.string("value-path")
            if path:
                state, _ = walk(root, path)
                if state == "missing":
                    yield _missing(package, call.call.at("value-path"), f"the response of {target.id} has no '{path}' for x-ms-dynamic-schema", path)
            continue
        if call.extension not in _PATHS:
            continue
        collection_key, item_keys = _PATHS[call.extension]
        collection = call.call.string(collection_key) or ""
        state, node = walk(root, collection)
        if state == "missing":
            yield _missing(package, call.call.at(collection_key), f"the response of {target.id} has no '{collection}'", collection)
            continue
        if state != "found" or node is None:
            continue
        kind = node.get("type")
        if isinstance(kind, str) and kind != "array":
            where = f"'{collection}'" if collection else "the response itself"
            loc = call.call.at(collection_key) if collection else call.call.at("operationId")
            yield Violation(loc, f"InvokedOperationShouldProduceArray: {where} of {target.id} is of type {kind}, not an array.")
            continue
        items = node.child("items")
        if kind != "array" or items is None or not items.is_object:
            continue
        for key in item_keys:
            path = call.call.string(key)
            if not path:
                continue
            state, _ = walk(items, path)
            if state == "missing":
                yield _missing(package, call.call.at(key), f"the items of {target.id}'s response have no '{path}'", path)


_ASSIGNS = r'\[\s*"{name}"\s*\]\s*=(?!=)|JProperty\(\s*"{name}"|\.Add\(\s*"{name}"'
"""C# that puts a property of that name into a JSON object (``x["name"] =``, ``new JProperty("name"``, ``.Add("name"``)."""


def _missing(package: ConnectorPackage, where: Location, what: str, path: str) -> Violation:
    """InvokedOperationShouldProduceProperty; information when the script assigns a property of the path's last name."""
    name = re.split(r"[/.]", path)[-1]
    script = package.script
    if name and script is not None and re.search(_ASSIGNS.format(name=re.escape(name)), script.text):
        return Violation(where, f"InvokedOperationShouldProduceProperty: {what}, though script.csx assigns a property named '{name}': "
                                "the script may build this response.", severity=Severity.INFO)
    return Violation(where, f"InvokedOperationShouldProduceProperty: {what}.")
