"""apiProperties.json does not match its schema.

## Why
Microsoft's apiProperties validator and `paconn` reject files with unknown keys,
misspelled parameter types, a missing or malformed `iconBrandColor`, or connection
parameter names with spaces; the connector cannot be created or certified.

## How to fix
Correct the element at the reported pointer. The accepted shape is vetter's schema
`vetter/schemas/apiProperties.schema.json`, written from the paconn schema and
Microsoft's connection-parameter docs.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/connection-parameters
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, InputUnavailable, Location, Rule, Severity, Violation
from vetter.schemacheck import api_properties_errors

RULE = Rule(
    id="PRP001",
    name="api-properties-schema-violation",
    category="properties",
    severity=Severity.ERROR,
    aliases=("apiProperties-validator",),
    tags=("certification", "validity"),
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    file = package.properties_file
    if file is None:
        raise InputUnavailable("no apiProperties.json in the package")
    if not file.parsed:
        raise InputUnavailable(f"{file.name} could not be parsed")
    for error in api_properties_errors(file.data):
        yield Violation(Location(file.name, error.pointer), error.message, key=error.key)
