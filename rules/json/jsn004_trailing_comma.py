"""A JSON object or array ends with a trailing comma.

## Why
Trailing commas are not JSON. Lenient tools accept them, but Microsoft's validators and
strict parsers reject the file.

## How to fix
Delete the comma before the closing brace or bracket at the reported position.
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation

RULE = Rule(
    id="JSN004",
    name="trailing-comma",
    category="json",
    severity=Severity.ERROR,
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    yield from package.json_problem_violations("trailing-comma")
