"""The swagger file is larger than Power Platform accepts.

## Why
Microsoft asks for definitions of at most 1 MB (split large APIs into several connectors;
certification-submission page), and a solution import stores the definition in a Dataverse
attribute capped at 500,000 characters (observed, issue #3567). Above the character cap the
import fails: error. Above 1 MB the certification guidance is exceeded as well: a second
finding, at warning (the page says "should").

## How to fix
Split the API into several connectors, drop unused operations and definitions, or shorten
long descriptions and examples.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-submission
- https://github.com/microsoft/PowerPlatformConnectors/issues/3567
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Location, Rule, Severity, Violation

RULE = Rule(
    id="SWG041",
    name="definition-too-large",
    category="swagger",
    severity=Severity.ERROR,
    tags=("certification", "limits"),
    section="1.11",
)

MAX_BYTES = 1024 * 1024
MAX_CHARS = 500_000


def check(package: ConnectorPackage) -> Iterator[Violation]:
    swagger = package.swagger
    name = swagger.file.name
    raw = package.files.get(name, b"")
    size = len(raw)
    if size <= MAX_CHARS and size <= MAX_BYTES:
        return  # fewer bytes than the character cap: no need to decode
    chars = len(raw.decode("utf-8", "replace"))
    if chars > MAX_CHARS:
        yield Violation(Location(name, ""), f"The definition has {chars:,} characters; a solution import stores at most {MAX_CHARS:,}.", key="chars")
    if size > MAX_BYTES:
        yield Violation(Location(name, ""), f"The definition is {size / 1048576:.2f} MB; Microsoft asks for at most 1 MB.", key="bytes", severity=Severity.WARNING)
