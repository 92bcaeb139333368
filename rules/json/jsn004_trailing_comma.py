"""A JSON object or array ends with a trailing comma.

## Why
Trailing commas are not JSON. Lenient tools accept them, but Microsoft's validators and
strict parsers reject the file.

## Severity
Ground: advice — the platform's JSON reader (Json.NET) accepts trailing commas, and two
certified connectors in the corpus carry them; strict parsers (Python's json, editors)
reject the file, so a reviewer should remove them.

## How to fix
Delete the comma before the closing brace or bracket at the reported position.
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation

RULE = Rule(
    id="JSN004",
    name="trailing-comma",
    category="json",
    severity=Severity.WARNING,
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    yield from package.json_problem_violations("trailing-comma")
