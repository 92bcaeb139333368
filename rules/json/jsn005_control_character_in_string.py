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

from vetter import ConnectorPackage, Edit, Fix, Fixability, Rule, Severity, Violation
from vetter.model.jsonfile import JsonFile, JsonProblem

RULE = Rule(
    id="JSN005",
    name="control-character-in-string",
    category="json",
    severity=Severity.WARNING,
    fix=Fixability.SAFE,  # the escape stands for the same character
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    yield from package.json_problem_violations("control-character", fix=_escape)


_ESCAPES = {"\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


def _escape(file: JsonFile, problem: JsonProblem) -> Fix | None:
    if problem.offset is None:
        return None
    char = file.source[problem.offset]
    escape = _ESCAPES.get(char, f"\\u{ord(char):04x}")
    return Fix(f"Write the character as {escape}", (Edit.text(file.name, problem.offset, problem.offset + 1, escape),))
