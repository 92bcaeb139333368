"""A list that must hold unique values repeats one.

## Why
`enum`, `required`, `schemes`, `consumes`, `produces`, an operation's `tags` and a security
requirement's scopes are sets: a repeated value is a copy-and-paste slip and the validator
rejects it (ArrayDuplicateValue). Repeated parameter entries are OPR015.

## Severity
Ground: blocking — the maker portal refuses a definition the Swagger 2.0 schema rejects
("Specified swagger has the following errors", microsoft/PowerPlatformConnectors#3930):
these lists must hold unique values (`uniqueItems`).

## How to fix
Remove the repeated value.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-swagger-validator-rules
"""

import json
from collections.abc import Iterator

from vetter import ConnectorPackage, Edit, Fix, Fixability, Rule, Severity, Violation
from vetter.model.node import Node

RULE = Rule(
    id="SWG037",
    name="array-duplicate-value",
    category="swagger",
    severity=Severity.ERROR,
    aliases=("ArrayDuplicateValue",),
    tags=("certification",),
    section="1.1",
    fix=Fixability.SAFE,  # a repeat in a list of distinct values adds nothing
)


def _repeats(node: Node, key: str) -> Iterator[Violation]:
    values = node.array(key)
    if not values or len(values) < 2:
        return
    if all(isinstance(v, str) for v in values) and len(set(values)) == len(values):
        return  # the common case: distinct strings
    seen: set[str] = set()
    for i, value in enumerate(values):
        text = json.dumps(value, sort_keys=True)
        if text in seen:
            yield Violation(
                node.at(key, i), f"{text} is listed twice in {key}.",
                fix=Fix(f"Remove the repeated {text}", (Edit.remove(node.at(key, i)),)),
            )
        seen.add(text)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    swagger = package.swagger
    root = swagger.root
    for key in ("schemes", "consumes", "produces"):
        yield from _repeats(root, key)
    for op in swagger.operations():
        data = op.data  # most operations list none of these, or one entry: no call for them
        for key in ("schemes", "consumes", "produces", "tags"):
            values = data.get(key)
            if isinstance(values, list) and len(values) > 1:
                yield from _repeats(op, key)
    for key in ("enum", "required"):
        for node in swagger.with_keyword(key):
            values = node.data[key]
            if not isinstance(values, list) or len(values) < 2 or len(set(map(repr, values))) == len(values):
                continue  # the common case: nothing repeated (repr keeps 1, 1.0 and True apart)
            yield from _repeats(node, key)
    for requirement in swagger.index.security_requirements:
        for name, _ in requirement.node.entries():
            yield from _repeats(requirement.node, name)
