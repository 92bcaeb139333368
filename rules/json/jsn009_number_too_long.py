"""A JSON integer has too many digits to be read exactly.

## Why
An integer literal of more than 4,300 digits cannot be converted by Python (and overflows
every numeric type of .NET and JavaScript): Power Platform cannot hold it, and reading
such numbers costs time that grows with the square of their length. vetter reads the value
as infinity and checks the rest of the file.

## Severity
Ground: advice — the number is read approximately; it matters only where the exact value
does.

## How to fix
Use a number that fits the value's purpose (a `maximum`, a `default`, an example), or a
string if it is meant as text.

## References
- https://www.rfc-editor.org/rfc/rfc8259#section-6
- https://docs.python.org/3/library/stdtypes.html#int-max-str-digits
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation

RULE = Rule(
    id="JSN009",
    name="number-too-long",
    category="json",
    severity=Severity.WARNING,
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    yield from package.json_problem_violations("number-too-long")
