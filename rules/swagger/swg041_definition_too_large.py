"""The swagger file is larger than Power Platform accepts.

## Why
Microsoft asks for definitions of at most 1 MB (split large APIs into several connectors;
certification-submission page), and a solution import stores the definition in a Dataverse
attribute capped at 500,000 characters (observed, issue #3567). The platform stores the
definition as it re-serialises it, without the file's indentation, so the cap is measured
on the minified JSON (a 600,000-character file indented with spaces can fit). Above 1 MB the
certification guidance is exceeded as well: a second finding, at warning (the page says
"should").

## Severity
Ground: blocking — a solution import refuses a definition over 500,000 characters ("The
length of the 'openapidefinition' attribute ... exceeded the maximum allowed length of
'500000'", microsoft/PowerPlatformConnectors#3567); over 1 MB only exceeds the certification
page's "should": a warning.

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


def minified_length(data: object) -> int:
    """Characters of the document written as compact JSON, non-ASCII kept (what is stored)."""
    import json

    try:
        import orjson

        return len(orjson.dumps(data).decode("utf-8"))
    except (ImportError, TypeError, ValueError):  # huge integers, lone surrogates: the standard library spells them
        return len(json.dumps(data, ensure_ascii=False, separators=(",", ":")))


def check(package: ConnectorPackage) -> Iterator[Violation]:
    swagger = package.swagger
    name = swagger.file.name
    raw = package.files.get(name, b"")
    size = len(raw)
    if size <= MAX_CHARS and size <= MAX_BYTES:
        return  # fewer bytes than the character cap: no need to measure
    chars = minified_length(swagger.data)
    if chars > MAX_CHARS:
        yield Violation(Location(name, ""), f"The definition has {chars:,} characters without its indentation; a solution import stores at most {MAX_CHARS:,}.", key="chars")
    if size > MAX_BYTES:
        yield Violation(Location(name, ""), f"The definition is {size / 1048576:.2f} MB; Microsoft asks for at most 1 MB.", key="bytes", severity=Severity.WARNING)
