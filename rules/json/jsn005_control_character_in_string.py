"""A JSON string holds a raw control character.

## Why
Control characters (tabs, line breaks and others below U+0020) must be escaped inside JSON
strings; strict parsers reject the file.

## Severity
Ground: advice — the platform's JSON reader (Json.NET) accepts raw control characters in
strings (a certified connector in the corpus has a raw tab); strict parsers reject the file.

## How to fix
Replace the raw character with its escape (`\\t`, `\\n`) or remove it.
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation

RULE = Rule(
    id="JSN005",
    name="control-character-in-string",
    category="json",
    severity=Severity.WARNING,
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    yield from package.json_problem_violations("control-character")
