"""A JSON file is not valid UTF-8.

## Why
JSON must be UTF-8. Bytes from another encoding (Latin-1, Windows-1252, UTF-16) turn into
replacement characters or a parse failure, so names and descriptions shown to makers are garbled.

## Severity
Ground: breaks — the platform reads the file as UTF-8: invalid bytes become U+FFFD, so the
names, summaries and enum values that hold them reach makers and the API garbled.

## How to fix
Re-save the file as UTF-8 and check the characters around the reported position (often an
accented letter or a soft hyphen).
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation

RULE = Rule(
    id="JSN003",
    name="invalid-encoding",
    category="json",
    severity=Severity.ERROR,
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    yield from package.json_problem_violations("invalid-utf8", "encoding")
