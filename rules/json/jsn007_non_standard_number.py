"""A JSON file uses NaN or Infinity.

## Why
`NaN`, `Infinity` and `-Infinity` are not JSON numbers; strict parsers reject them.

## Severity
Ground: advice — Json.NET, which the platform uses, reads `NaN` and `Infinity`; strict
parsers reject them and the value means nothing to an API.

## How to fix
Use a real number, or a string if the value is meant as text.
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation

RULE = Rule(
    id="JSN007",
    name="non-standard-number",
    category="json",
    severity=Severity.WARNING,
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    yield from package.json_problem_violations("non-standard-number")
