"""A request or response schema has more than 512 schema nodes.

## Why
The platform expands a body's schema, `$ref`s included, to build the designer's fields, and
refuses schemas above a node count: "BodySchemaCountExceedsMaxAllowed", observed as Critical
with a maximum of 512 (issue #1088). This rule counts every schema object (the root, each
property, `items`, `additionalProperties` and `allOf` part) of a body parameter's or a 2xx
response's schema, following `$ref`s and counting each definition once per body (so
recursive schemas end). Microsoft does not document how it counts; counting each definition
once can only under-count, so a finding here is over the limit by any reading.

## Severity
Ground: blocking — the maker portal refuses the schema: "Critical : ... The total number of
schemas in the object exceeds the max schema count allowed value of '512'"
(microsoft/PowerPlatformConnectors#1088).

## How to fix
Trim the schema to the fields makers need, split the operation, or use
`x-ms-dynamic-schema` to fetch large schemas at design time.

## References
- https://github.com/microsoft/PowerPlatformConnectors/issues/1088
- https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-swagger-validator-rules
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation
from vetter.model.swagger import RefError

RULE = Rule(
    id="SWG043",
    name="body-schema-too-large",
    category="swagger",
    severity=Severity.ERROR,
    aliases=("BodySchemaCountExceedsMaxAllowed",),
    tags=("certification", "limits"),
    section="1.6",
)

LIMIT = 512


def check(package: ConnectorPackage) -> Iterator[Violation]:
    swagger = package.swagger
    if len(swagger.index.schemas) <= LIMIT:
        return  # the whole document has fewer schema nodes than one body may (most documents: no walk)
    sizes: dict[str, int] = {}  # root schema pointer -> its own schema nodes
    links: dict[str, set[str]] = {}  # root schema pointer -> definitions its $refs reach
    roots = []
    for site in swagger.index.schemas:
        root = site
        while root.parent is not None:  # SchemaSite.root, inlined: this runs for every schema of a large document
            root = root.parent
        if root is site and site.operation is not None and site.role in ("body", "response"):
            roots.append(site)
        pointer = root.pointer
        sizes[pointer] = sizes.get(pointer, 0) + 1
        if "$ref" in site.data:
            ref = site.data["$ref"]
            if isinstance(ref, str):
                try:
                    target, _ = swagger.resolve_ref(ref)
                except RefError:
                    continue
                links.setdefault(pointer, set()).add(target)
    success = {r.node.pointer + "/schema" for r in swagger.index.responses if r.operation is not None and r.code[:1] == "2"}
    for root in roots:
        if root.role == "response" and root.pointer not in success:
            continue
        seen = {root.pointer}
        todo = [root.pointer]
        total = 0
        while todo and total <= LIMIT:
            current = todo.pop()
            total += sizes.get(current, 1)
            for target in links.get(current, ()):
                if target not in seen:
                    seen.add(target)
                    todo.append(target)
        if total > LIMIT:
            what = "request body" if root.role == "body" else "response"
            yield Violation(root.loc, f"The {what} schema of {root.operation.id if root.operation else root.pointer} has more than {LIMIT} schema nodes ({total} counted before stopping).")
