"""A JSON file cannot be parsed.

## Why
Microsoft's validators reject the whole package when a JSON file does not parse, and
vetter cannot run the rules that need this file: they are reported as skipped.

## Severity
Ground: breaks — the file cannot be read: the platform and Microsoft's validators reject it,
and vetter skips the rules that need it.

## How to fix
Fix the syntax at the reported line and column (a missing comma, an unbalanced brace, extra
text after the root value). Any JSON-aware editor shows the exact spot.
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation

RULE = Rule(
    id="JSN001",
    name="json-syntax-error",
    category="json",
    severity=Severity.ERROR,
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    yield from package.json_problem_violations("syntax", "empty", "too-deep", hints=HINTS)


HINTS = {
    "empty": "Put the file's JSON content back, or remove the empty file from the package.",
    "too-deep": "Flatten the structure: move nested schemas into `definitions` and refer to them with `$ref`.",
}
