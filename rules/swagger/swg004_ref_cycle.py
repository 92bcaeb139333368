"""A chain of $refs loops back on itself.

## Why
When a definition is nothing but a `$ref` to another that refers back
(`A -> B -> A`), the reference never reaches a schema: resolvers loop or give up, and
the validator rejects such aliases (SchemaRefLoopNotAllowed, ParameterRefLoopNotAllowed).

## Severity
Ground: breaks — a reference chain that loops never reaches a schema.

## How to fix
Give one of the definitions in the loop a real schema, or point every `$ref` directly at
the definition that holds the schema.
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation
from vetter.model.swagger import RefError

RULE = Rule(
    id="SWG004",
    name="ref-cycle",
    category="swagger",
    severity=Severity.ERROR,
    aliases=("SchemaRefLoopNotAllowed", "ParameterRefLoopNotAllowed", "ResponseRefLoopNotAllowed"),
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
            if err.kind == "cycle" and site.pointer in err.members:  # a member of the loop, not a way in
                yield Violation(site.loc, f"{err}.")
