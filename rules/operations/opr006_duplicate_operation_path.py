"""Two operations of one method have paths that differ only in variable names.

## Why
`GET /items/{id}` and `GET /items/{itemId}` match the same requests, so the platform cannot
tell which operation a call is for (DuplicateOperationPath). Templates are compared with
every `{variable}` replaced by one placeholder and without case.

## Severity
Ground: breaks — connectors run on Azure API Management, which keeps one operation per
method and URL template, so one of the two is shadowed (the import of the second fails or
its requests reach the first). Paths that differ only by a trailing slash
(`/referrals/{id}` and `/referrals/{id}/`) are different templates there: a warning, as the
back end may treat them alike (three certified connectors in the corpus have such pairs).

## How to fix
Keep one of the operations, or make the static parts of the paths differ.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-swagger-validator-rules
"""

import re
from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation

RULE = Rule(
    id="OPR006",
    name="duplicate-operation-path",
    category="operations",
    severity=Severity.ERROR,
    aliases=("DuplicateOperationPath",),
    tags=("certification", "paths"),
    section="1.1",
)

_VAR = re.compile(r"\{[^{}/]*\}")


def check(package: ConnectorPackage) -> Iterator[Violation]:
    first: dict[tuple[str, str], str] = {}
    for op in package.swagger.operations():
        exact = _VAR.sub("{}", op.path).lower()
        shape = (op.method, exact.rstrip("/"))
        other = first.get(shape)
        if other is None:
            first[shape] = op.path
        elif other.lower() != op.path.lower():  # same key apart from case: OPR005
            if _VAR.sub("{}", other).lower() != exact:
                yield Violation(op.loc, f"{op.method.upper()} {op.path} differs from {op.method.upper()} {other} only by a trailing slash.", severity=Severity.WARNING)
            else:
                yield Violation(op.loc, f"{op.method.upper()} {op.path} matches the same requests as {op.method.upper()} {other}.")
