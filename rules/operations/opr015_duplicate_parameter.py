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

import contextlib
from collections.abc import Iterator
from typing import Any

from vetter import ConnectorPackage, Location, Rule, Severity, Violation
from vetter.base import pointer as jp
from vetter.model.swagger import RefError

RULE = Rule(
    id="OPR015",
    name="duplicate-parameter",
    category="operations",
    severity=Severity.ERROR,
    aliases=("OperationParametersContainDuplicateParameter", "OperationParametersAreNotUnique", "PathParametersContainDuplicateParameter"),
    tags=("certification", "parameters"),
    section="1.1",
)


def _lists(package: ConnectorPackage) -> Iterator[tuple[str, Any, bool]]:
    """``(owner, its parameters as written, path level)``: the operations (by pointer), then the path items (by path)."""
    swagger = package.swagger
    for op in swagger.operations():
        yield op.pointer, op.get("parameters"), False
    paths = swagger.data.get("paths")
    if isinstance(paths, dict):
        for path, item in paths.items():
            if not path.startswith("x-") and isinstance(item, dict):
                yield path, item.get("parameters"), True


def check(package: ConnectorPackage) -> Iterator[Violation]:
    swagger = package.swagger
    file = swagger.file.name
    for owner, entries, path_level in _lists(package):
        if not isinstance(entries, list) or len(entries) < 2:
            continue  # a repeat needs two entries
        refs: set[str] = set()
        keys: set[tuple[str, str]] = set()
        for i, entry in enumerate(entries):  # the raw entries: a location is built for a finding only
            p = entry
            if isinstance(entry, dict) and "$ref" in entry:
                ref = entry["$ref"]
                if isinstance(ref, str):
                    if ref in refs:
                        yield Violation(Location(file, f"{_pointer(owner, path_level)}/parameters/{i}/$ref"), f"OperationParametersAreNotUnique: '{ref}' is listed twice.")
                        continue
                    refs.add(ref)
                with contextlib.suppress(RefError):  # unresolved: read as written, as Swagger.deref does
                    _, p = swagger.resolve_ref(ref)
            name, where = (p.get("name"), p.get("in")) if isinstance(p, dict) else (None, None)
            if not isinstance(name, str) or not isinstance(where, str):
                continue
            if (name, where) in keys:
                code = "PathParametersContainDuplicateParameter" if path_level else "OperationParametersContainDuplicateParameter"
                yield Violation(Location(file, f"{_pointer(owner, path_level)}/parameters/{i}"), f"{code}: parameter '{name}' (in: {where}) is listed twice.")
            keys.add((name, where))


def _pointer(owner: str, path_level: bool) -> str:
    return jp.join("/paths", owner) if path_level else owner
