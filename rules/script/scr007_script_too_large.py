"""The script is larger than the platform's 1 MB limit for custom code.

## Why
The platform refuses custom code larger than 1 MB (1,048,576 bytes), and Microsoft's script
check reports it as an error.

## Severity
Ground: blocking — the platform refuses custom code over 1 MB ("write code" page), and
Microsoft's script check reports it as an error.

## How to fix
Move logic out of the script (into the API, an Azure Function or policies), remove unused
code and large embedded strings.

## References
- https://learn.microsoft.com/connectors/custom-connectors/write-code
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Location, Rule, Severity, Violation

RULE = Rule(
    id="SCR007",
    name="script-too-large",
    category="script",
    severity=Severity.ERROR,
    tags=("custom-code", "certification"),
    section="2.7",
)

LIMIT = 1024 * 1024


def check(package: ConnectorPackage) -> Iterator[Violation]:
    name = package.roles.get("script")
    if name is None:
        return
    size = len(package.files[name])
    if size > LIMIT:
        yield Violation(Location(name, None, 1, 1), f"The script is {size:,} bytes; custom code may be at most {LIMIT:,} bytes.")
