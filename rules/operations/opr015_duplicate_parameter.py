"""A parameter list names the same parameter twice.

## Why
Two entries with the same `name` and `in` in one list (an operation's or a path item's), or
the same `$ref` twice, make it ambiguous which definition the platform uses; the validator
rejects it (OperationParametersContainDuplicateParameter, OperationParametersAreNotUnique,
PathParametersContainDuplicateParameter). The finding names its code.

## Severity
Ground: breaks — the designer builds one field per parameter name and location: the second
definition is lost, with its type and constraints.

## How to fix
Remove the repeated entry.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-swagger-validator-rules
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation
from vetter.model.node import Node

RULE = Rule(
    id="OPR015",
    name="duplicate-parameter",
    category="operations",
    severity=Severity.ERROR,
    aliases=("OperationParametersContainDuplicateParameter", "OperationParametersAreNotUnique", "PathParametersContainDuplicateParameter"),
    tags=("certification", "parameters"),
    section="1.1",
)


def _lists(package: ConnectorPackage) -> Iterator[tuple[Node, bool]]:
    swagger = package.swagger
    paths = swagger.root.child("paths")
    for op in swagger.operations():
        yield op, False
    if paths is not None:
        for path, item in paths.entries():
            if not path.startswith("x-") and item.is_object:
                yield item, True


def check(package: ConnectorPackage) -> Iterator[Violation]:
    swagger = package.swagger
    for owner, path_level in _lists(package):
        refs: set[str] = set()
        keys: set[tuple[str, str]] = set()
        for entry in owner.items("parameters"):
            ref = entry.get("$ref")
            if isinstance(ref, str):
                if ref in refs:
                    yield Violation(entry.at("$ref"), f"OperationParametersAreNotUnique: '{ref}' is listed twice.")
                    continue
                refs.add(ref)
            p = swagger.deref(entry)
            name, where = p.get("name"), p.get("in")
            if not isinstance(name, str) or not isinstance(where, str):
                continue
            if (name, where) in keys:
                code = "PathParametersContainDuplicateParameter" if path_level else "OperationParametersContainDuplicateParameter"
                yield Violation(entry.loc, f"{code}: parameter '{name}' (in: {where}) is listed twice.")
            keys.add((name, where))
