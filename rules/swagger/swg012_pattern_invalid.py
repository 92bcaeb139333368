"""A pattern is not a valid regular expression.

## Why
The platform validates inputs against `pattern`; one that does not compile rejects every
value or is ignored (PatternShouldBeValidRegularExpression). The service uses .NET regular
expressions and this rule Python's `re`: the two differ on a few constructs (named groups
written `(?<name>...)` are accepted by both; .NET-only constructs such as balancing groups
are reported), so read a finding against the .NET syntax before changing a pattern.

## Severity
Ground: advice — the validator words it "should", and .NET's regular expressions differ from
Python's, so an invalid pattern here may be valid there.

## How to fix
Correct the expression (escape backslashes, balance brackets and parentheses).

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-swagger-validator-rules
"""

import re
from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation

RULE = Rule(
    id="SWG012",
    name="pattern-invalid",
    category="swagger",
    severity=Severity.WARNING,
    aliases=("PatternShouldBeValidRegularExpression",),
    tags=("certification", "schemas"),
    section="1.9",
)

_NAMED = re.compile(r"\(\?<(?![=!])")


def check(package: ConnectorPackage) -> Iterator[Violation]:
    swagger = package.swagger
    for node in swagger.with_keyword("pattern"):
        pattern = node.string("pattern")
        if pattern is None:
            continue
        try:
            re.compile(_NAMED.sub("(?P<", pattern))
        except (re.error, RecursionError, OverflowError) as err:
            yield Violation(node.at("pattern"), f"pattern {pattern!r} does not compile: {err}.")
