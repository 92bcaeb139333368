"""Two paths of one method can match one request (a variable against a literal).

## Why
`GET /items/{id}` and `GET /items/latest` both match `/items/latest`; which operation runs
depends on the router (PartialDuplicateOperationPath). It often works, but a value of `id`
equal to `latest` can never be reached.

## Severity
Ground: advice — the validator only warns ("should"); the overlaps are real but the more
specific path usually wins.

It fires on 40 of the 416 independent-publisher and custom connectors (9.6%): the overlaps
are real (Azure Key Vault's `GET /secrets/{secret-name}/{secret-version}` also matches `GET
/secrets/{secret-name}/versions`).

## How to fix
Make the paths differ in a static segment (`/items/by-id/{id}`), or accept the overlap
knowingly.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-swagger-validator-rules
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation

RULE = Rule(
    id="OPR007",
    name="partial-duplicate-operation-path",
    category="operations",
    severity=Severity.WARNING,
    aliases=("PartialDuplicateOperationPath",),
    tags=("certification", "paths"),
    section="1.1",
)


def _var(segment: str) -> bool:
    return segment.startswith("{") and segment.endswith("}") and segment.count("{") == 1


def _overlap(a: list[str], b: list[str]) -> bool:
    if len(a) != len(b):
        return False
    mixed = False
    for x, y in zip(a, b, strict=False):
        vx, vy = _var(x), _var(y)
        if vx and vy:
            continue
        if vx or vy:
            mixed = True
            continue
        if x.lower() != y.lower():
            return False
    return mixed


def check(package: ConnectorPackage) -> Iterator[Violation]:
    # a partial duplicate needs a variable segment facing a static one, so a path without
    # variables is compared only with earlier paths that have some: linear for static APIs
    by_shape: dict[tuple[str, int], list[tuple[str, list[str], bool]]] = {}
    with_vars: dict[tuple[str, int], list[tuple[str, list[str], bool]]] = {}
    for op in package.swagger.operations():
        segments = op.path.strip("/").split("/")
        shape = (op.method, len(segments))
        has_var = any(_var(s) for s in segments)
        earlier = by_shape.setdefault(shape, []) if has_var else with_vars.get(shape, [])
        for path, other, _ in earlier:
            if _overlap(segments, other):
                yield Violation(op.loc, f"{op.method.upper()} {op.path} can match the same requests as {op.method.upper()} {path}.", key=path)
                break
        entry = (op.path, segments, has_var)
        by_shape.setdefault(shape, []).append(entry)
        if has_var:
            with_vars.setdefault(shape, []).append(entry)
