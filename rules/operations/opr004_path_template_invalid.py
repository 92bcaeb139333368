"""A path key is not a valid connector path template.

## Why
Power Platform builds request URLs from the path keys. It rejects keys that do not start
with `/` (OperationPathMustStartWithSlash), contain the wildcard `*`
(OperationPathContainsUnsupportedCharacters), contain a raw `?` or `#`
(OperationPathMayNotContainQueryOrFragment: the query belongs in `in: query` parameters),
have unbalanced braces or a variable spanning segments (OperationPathTemplateNotValid), or
give a variable a default with `=` (OperationPathVariablesContainDefaults). Each finding
names its code.

## Severity
Ground: breaks — the platform builds request URLs from the path key: a path it cannot parse
as a template gives no usable URL.

## How to fix
Write the path as `/segment/{variable}/...`: one variable per segment at most, no query,
fragment, wildcard or default; move query strings into query parameters.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-swagger-validator-rules
"""

import re
from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation

RULE = Rule(
    id="OPR004",
    name="path-template-invalid",
    category="operations",
    severity=Severity.ERROR,
    aliases=(
        "OperationPathMustStartWithSlash",
        "OperationPathContainsUnsupportedCharacters",
        "OperationPathMayNotContainQueryOrFragment",
        "OperationPathTemplateNotValid",
        "OperationPathVariablesContainDefaults",
    ),
    tags=("certification", "paths"),
    section="1.1",
)

_VAR = re.compile(r"\{([^{}]*)\}")
_NOT_BRACES = re.compile(r"[^{}]+")


def problems(path: str) -> Iterator[tuple[str, str]]:
    if not path.startswith("/"):
        yield "OperationPathMustStartWithSlash", "does not start with '/'"
    if "*" in path:
        yield "OperationPathContainsUnsupportedCharacters", "contains the wildcard '*'"
    if "?" in path or "#" in path:
        yield "OperationPathMayNotContainQueryOrFragment", "contains a query or fragment ('?' or '#')"
    braces = _NOT_BRACES.sub("", path)
    if braces != "{}" * (len(braces) // 2):  # balanced and never nested: "{}" repeated
        yield "OperationPathTemplateNotValid", "has unbalanced or nested braces"
        return
    for name in _VAR.findall(path):
        if "/" in name or not name.strip():
            yield "OperationPathTemplateNotValid", f"has a variable '{{{name}}}' that is empty or spans segments"
        if "=" in name:
            yield "OperationPathVariablesContainDefaults", f"gives the variable '{{{name}}}' a default with '='"


def check(package: ConnectorPackage) -> Iterator[Violation]:
    paths = package.swagger.root.child("paths")
    if paths is None:
        return
    for path in paths.data if isinstance(paths.data, dict) else ():
        if path.startswith("x-"):
            continue
        for code, text in problems(path):
            yield Violation(paths.at(path), f"{code}: path '{path}' {text}.", key=code)
