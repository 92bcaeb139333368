"""A JSON file is not valid UTF-8.

## Why
JSON must be UTF-8. Bytes from another encoding (Latin-1, Windows-1252, UTF-16) turn into
replacement characters or a parse failure, so names and descriptions shown to makers are garbled.

## Severity
Ground: breaks — the platform reads the file as UTF-8: invalid bytes become U+FFFD, so the
names, summaries and enum values that hold them reach makers and the API garbled.

When every replaced byte of a UTF-8 file falls in descriptive text (the value of a `title`,
`description`, `summary` or `x-ms-summary`), the finding is a warning: makers read that text
garbled, but no name, path, enum value or default the API receives changes. The two such
files in the independent-publisher group (Brønnøysundregistrene's title, Yelp's parameter
descriptions) are of this kind. A UTF-16 or UTF-32 file stays an error.

## How to fix
Re-save the file as UTF-8 and check the characters around the reported position (often an
accented letter or a soft hyphen).
"""

from collections.abc import Iterator
from typing import Any

from vetter import ConnectorPackage, Location, Rule, Severity, Violation

RULE = Rule(
    id="JSN003",
    name="invalid-encoding",
    category="json",
    severity=Severity.ERROR,
)


DESCRIPTIVE = frozenset({"title", "description", "summary", "x-ms-summary"})
"""Keys whose string value is text shown to makers and never sent to the API."""

REPLACEMENT = "\ufffd"


def check(package: ConnectorPackage) -> Iterator[Violation]:
    for file, problem in package.json_problems("invalid-utf8", "encoding"):
        where = Location(file.name, problem.pointer, problem.line, problem.column)
        key = None if problem.pointer is not None else f"{problem.line}:{problem.column}"
        if problem.kind == "invalid-utf8" and file.parsed and _only_in_descriptive_text(file.data):
            message = f"{problem.message} The replaced bytes are all in descriptive text (titles, descriptions, summaries), which makers read garbled."
            yield Violation(where, message, key=key, severity=Severity.WARNING)
        else:
            yield Violation(where, problem.message, key=key)


def _only_in_descriptive_text(data: Any) -> bool:
    """Whether every string holding a replacement character is the value of a descriptive key
    (and there is one); a key, an enum value or any other string holding one says no."""
    found = False
    stack: list[tuple[Any, str | None]] = [(data, None)]
    while stack:
        node, parent = stack.pop()
        if isinstance(node, dict):
            for k, v in node.items():
                if REPLACEMENT in k:
                    return False
                stack.append((v, k))
        elif isinstance(node, list):
            stack.extend((v, None) for v in node)
        elif isinstance(node, str) and REPLACEMENT in node:
            if parent not in DESCRIPTIVE:
                return False
            found = True
    return found
