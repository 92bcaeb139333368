"""A JSON file starts with a UTF-8 byte order mark.

## Why
RFC 8259 forbids a BOM in JSON text; strict parsers (and some of Microsoft's tools) reject it,
others silently accept it, so the package behaves differently depending on who reads it.

## How to fix
Save the file as UTF-8 without BOM (in VS Code: "Save with Encoding" > "UTF-8").
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Location, Rule, Severity, Violation

RULE = Rule(
    id="JSN002",
    name="byte-order-mark",
    category="json",
    severity=Severity.WARNING,
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    for file, problem in package.json_problems('bom'):
        where = Location(file.name, problem.pointer, problem.line, problem.column)
        yield Violation(where, problem.message, key=f"{problem.line}:{problem.column}")
