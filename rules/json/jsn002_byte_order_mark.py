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

from vetter import ConnectorPackage, Edit, Fix, Fixability, Rule, Severity, Violation
from vetter.model.jsonfile import JsonFile, JsonProblem

RULE = Rule(
    id="JSN002",
    name="byte-order-mark",
    category="json",
    severity=Severity.WARNING,
    fix=Fixability.SAFE,
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    yield from package.json_problem_violations("bom", fix=_strip)


def _strip(file: JsonFile, problem: JsonProblem) -> Fix:
    return Fix("Remove the byte order mark", (Edit.strip_bom(file.name),))
