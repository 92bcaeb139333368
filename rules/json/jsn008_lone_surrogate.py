"""A JSON string holds half of a UTF-16 surrogate pair (invalid Unicode).

## Why
`"\\ud800"` is a valid JSON escape but not a character: a lone high or low surrogate
cannot be stored as UTF-8, so parsers reject the string, replace it with `?` or `U+FFFD`,
or fail when they write it back out. What makers see then differs from the file, and
names that differ only in such an escape collide after import.

## Severity
Ground: advice — a lone surrogate survives in .NET strings but is replaced when written as
UTF-8, so what makers see may differ from the file; nothing has been seen to fail.

## How to fix
Replace the escape with the character it was meant to be (a surrogate pair such as
`\\ud83d\\ude00` for an emoji, or the plain character), or remove it.

## References
- https://www.rfc-editor.org/rfc/rfc8259#section-8.2
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation

RULE = Rule(
    id="JSN008",
    name="lone-surrogate",
    category="json",
    severity=Severity.WARNING,
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    yield from package.json_problem_violations("lone-surrogate")
