"""A JSON file starts with a UTF-8 byte order mark.

## Why
RFC 8259 forbids a BOM in JSON text; strict parsers (and some of Microsoft's tools) reject it,
others silently accept it, so the package behaves differently depending on who reads it.

## Severity
Ground: advice — the platform's JSON reader skips a byte order mark; strict parsers and some
tools reject it.

## How to fix
Save the file as UTF-8 without BOM (in VS Code: "Save with Encoding" > "UTF-8").
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation

RULE = Rule(
    id="JSN002",
    name="byte-order-mark",
    category="json",
    severity=Severity.WARNING,
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    yield from package.json_problem_violations("bom")
