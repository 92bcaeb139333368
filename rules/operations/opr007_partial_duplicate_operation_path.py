"""Two paths of one method can match one request (a variable against a literal).

## Why
`GET /items/{id}` and `GET /items/latest` both match `/items/latest`; which operation runs
depends on the router (PartialDuplicateOperationPath). It often works, but a value of `id`
equal to `latest` can never be reached.

Warning: worded "should" by the validator. It fires on 40 of the 416 published connectors
(9.6%): the overlaps are real (Azure Key Vault's `GET /secrets/{secret-name}/{secret-version}`
also matches `GET /secrets/{secret-name}/versions`), and the validator only warns about them.

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
    by_shape: dict[tuple[str, int], list[tuple[str, list[str]]]] = {}
    for op in package.swagger.operations():
        segments = op.path.strip("/").split("/")
        earlier = by_shape.setdefault((op.method, len(segments)), [])
        for path, other in earlier:
            if _overlap(segments, other):
                yield Violation(op.loc, f"{op.method.upper()} {op.path} can match the same requests as {op.method.upper()} {path}.", key=path)
                break
        earlier.append((op.path, segments))
