"""The swagger refers to a connection parameter that does not exist.

## Why
A swagger parameter can be bound to the connection: an internal parameter whose
`default` is `@connectionParameters('name')`, or an `x-ms-dynamic-*` lookup whose
`parameters` pass `@connectionParameters('name')` to the operation that lists values
(§3, §6). When apiProperties.json has no such parameter, the value is empty: the call
fails or the dropdown stays empty.

## Severity
Ground: breaks — the binding evaluates to nothing, so the call fails or the dropdown stays
empty; a name that differs only in case is matched (information).

## How to fix
Correct the name to a connection parameter defined in apiProperties.json, or add the
parameter there.

## Exceptions
Parameters inside `connectionParameterSets` count. Names with a `:` are not checked. A name
that differs from a parameter only in letter case is information: the platform matches it
(see XFL004).

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/openapi-extensions
"""

from collections.abc import Iterator
from typing import Any

from vetter import ConnectorPackage, Rule, Severity, Violation
from vetter.model.node import Node
from vetter.model.policies import CONNECTION_REF
from vetter.model.swagger import SchemaSite

RULE = Rule(
    id="XFL007",
    name="swagger-connection-parameter-unknown",
    category="crossfile",
    severity=Severity.ERROR,
    tags=("consistency", "dynamic"),
    section="6",
)

FIELDS = ("default", "x-ms-test-value")
NEEDLE = "@connectionParameters"


def check(package: ConnectorPackage) -> Iterator[Violation]:
    swagger = package.swagger
    dynamic: list[Node] = [e.node for e in swagger.extensions("x-ms-dynamic-")]
    # the parameter objects that hold a field, from the keyword index (its parameters come after the schema
    # sites): the parameters are looked at one by one, in their order, only when a field value mentions NEEDLE
    held = [value for key in FIELDS for node in swagger.with_keyword(key) if type(node) is not SchemaSite and isinstance(value := node.data[key], str)]
    if not dynamic and not held:
        return
    fields = [(site.node, key) for site in swagger.index.parameters if isinstance(site.node.data, dict)
              for key in FIELDS if isinstance(site.node.data.get(key), str)] if any(NEEDLE in value for value in held) else []
    names = {p.name for p in package.properties.all_connection_parameters()}
    folded = {n.lower(): n for n in names}
    # the values that mention @connectionParameters, found in the raw data: nodes are made for those alone
    sites = [node for node in dynamic if _mentions(node.data)]
    sites += [child for node, key in fields if NEEDLE in node.data[key] and (child := node.child(key)) is not None]
    for node in sites:
        for where, text in _strings(node):
            for ref in dict.fromkeys(CONNECTION_REF.findall(text)):
                if ref in names or ":" in ref:
                    continue
                near = folded.get(ref.lower())
                if near is not None:  # the platform matches names without regard to case (see XFL004)
                    yield Violation(where.loc, f"'{ref}' in @connectionParameters() is written '{near}' in apiProperties.json; the platform matches it without regard to case.", hint=f"Write '{near}' as apiProperties.json does.", key=ref, severity=Severity.INFO)
                    continue
                yield Violation(where.loc, f"'{ref}' in @connectionParameters() is not a connection parameter of apiProperties.json.", key=ref)


def _mentions(value: Any) -> bool:
    """Whether a string inside ``value`` holds ``@connectionParameters``: ``_strings`` on the raw value, with no
    node per step, stopping at the first (policies.strings_in lists every string: slower here)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if NEEDLE in item:
                return True
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


def _strings(node: Node) -> Iterator[tuple[Node, str]]:
    """``(node, text)`` of every string inside a small extension value, with its location."""
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item.data, str):
            if NEEDLE in item.data:
                yield item, item.data
        elif isinstance(item.data, dict):
            stack.extend(child for _, child in item.entries())
        elif isinstance(item.data, list):
            stack.extend(item.items())
