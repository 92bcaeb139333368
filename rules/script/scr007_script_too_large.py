"""The script is larger than the platform's 1 MB limit for custom code.

## Why
The platform refuses custom code larger than 1 MB (1,048,576 bytes), and Microsoft's script
check reports it as an error.

## Severity
Ground: blocking — the platform refuses custom code over 1 MB ("write code" page), and
Microsoft's script check reports it as an error. Past 4 MB vetter does not parse the script
either, and the message says that the other script rules did not check it.

## How to fix
Move logic out of the script (into the API, an Azure Function or policies), remove unused
code and large embedded strings.

## References
- https://learn.microsoft.com/connectors/custom-connectors/write-code
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Location, Rule, Severity, Violation
from vetter.model.csx import MAX_SCRIPT

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
        unread = f" vetter parses scripts of at most {MAX_SCRIPT:,} bytes, so the other script rules did not check this one." if size > MAX_SCRIPT else ""
        yield Violation(Location(name, None, 1, 1), f"The script is {size:,} bytes; custom code may be at most {LIMIT:,} bytes.{unread}")
