"""Two path keys are the same when compared without case.

## Why
Power Platform routes paths without regard to case, so `/Items` and `/items` are one path
defined twice; the validator rejects it (PathRedefined, observed as an error).

## Severity
Ground: blocking — the Swagger Validator reports PathRedefined as an error (rules-catalog
§1.1, observed); the platform routes paths without case, so one of the two is lost.

## How to fix
Merge the operations under one path key.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-swagger-validator-rules
- https://github.com/microsoft/powerapps-tools/issues/909
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation

RULE = Rule(
    id="OPR005",
    name="path-redefined",
    category="operations",
    severity=Severity.ERROR,
    aliases=("PathRedefined",),
    tags=("certification", "paths"),
    section="1.1",
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    paths = package.swagger.root.child("paths")
    if paths is None:
        return
    keys = paths.data
    if type(keys) is not dict or len({path.lower() for path in keys}) == len(keys):
        return  # no two keys alike apart from case (most packages): one set of them
    first: dict[str, str] = {}
    for path in keys:  # the keys read raw, no node each
        if path.startswith("x-"):
            continue
        folded = path.lower()
        if folded in first:
            yield Violation(paths.at(path), f"Path '{path}' is the same as '{first[folded]}' apart from case.")
        else:
            first[folded] = path
