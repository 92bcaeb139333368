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

from vetter import ConnectorPackage, Rule, Severity, Violation
from vetter.model.node import Node
from vetter.model.policies import CONNECTION_REF

RULE = Rule(
    id="XFL007",
    name="swagger-connection-parameter-unknown",
    category="crossfile",
    severity=Severity.ERROR,
    tags=("consistency", "dynamic"),
    section="6",
)

FIELDS = ("default", "x-ms-test-value")


def check(package: ConnectorPackage) -> Iterator[Violation]:
    swagger = package.swagger
    sites: list[Node] = [e.node for e in swagger.extensions("x-ms-dynamic-")]
    for site in swagger.index.parameters:
        for key in FIELDS:
            child = site.node.child(key) if site.node.is_object else None
            if child is not None and isinstance(child.data, str):
                sites.append(child)
    if not sites:
        return
    names = {p.name for p in package.properties.all_connection_parameters()}
    folded = {n.lower(): n for n in names}
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


def _strings(node: Node) -> Iterator[tuple[Node, str]]:
    """``(node, text)`` of every string inside a small extension value, with its location."""
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item.data, str):
            if "@connectionParameters" in item.data:
                yield item, item.data
        elif isinstance(item.data, dict):
            stack.extend(child for _, child in item.entries())
        elif isinstance(item.data, list):
            stack.extend(item.items())
