"""A $ref points at something that does not exist.

## Why
An unresolvable reference leaves a parameter, response or schema undefined: the validator
rejects the definition (ParameterReferenceNotFound, ResponseReferenceNotFound,
SchemaReferenceNotFound) and tools that inline references fail.

## Severity
Ground: breaks — the reference leaves a parameter, response or schema undefined after
import.

## How to fix
Point the `$ref` at an existing entry (check the spelling and the `~1` / `~0` escapes of
the pointer) or add the missing definition.
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation
from vetter.model.swagger import RefError

RULE = Rule(
    id="SWG003",
    name="ref-unresolvable",
    category="swagger",
    severity=Severity.ERROR,
    aliases=("ParameterReferenceNotFound", "ResponseReferenceNotFound", "SchemaReferenceNotFound"),
    tags=("certification", "validity"),
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    swagger = package.swagger
    for site in swagger.refs():
        if not isinstance(site.ref, str) or not site.ref.startswith("#"):
            continue
        try:
            swagger.resolve_ref(site.ref)
        except RefError as err:
            if err.kind in ("unresolvable", "malformed"):
                yield Violation(site.loc, f"$ref '{site.ref}' cannot be resolved: {err}.")
