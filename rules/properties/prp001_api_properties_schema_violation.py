"""apiProperties.json does not match its schema.

## Why
Microsoft's apiProperties validator and `paconn` reject files with unknown keys,
misspelled parameter types, a missing or malformed `iconBrandColor`, or connection
parameter names with spaces; the connector cannot be created or certified.

## Severity
Ground: blocking — Microsoft's apiProperties validator reports schema violations as errors
("level=Error; message=Value ... is not defined in enum", microsoft/PowerPlatformConnectors
PR #3097); a boolean where the string "true"/"false" is meant is read as that string: a
warning.

## How to fix
Correct the element at the reported pointer. The accepted shape is vetter's schema
`vetter/schemas/apiProperties.schema.json`, written from the paconn schema and
Microsoft's connection-parameter docs.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/connection-parameters
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, InputUnavailable, Location, Rule, Severity, Violation
from vetter.model.jsonfile import JsonFile
from vetter.model.schemacheck import api_properties_errors

RULE = Rule(
    id="PRP001",
    name="api-properties-schema-violation",
    category="properties",
    severity=Severity.ERROR,
    aliases=("apiProperties-validator",),
    tags=("certification", "validity"),
)


# A solution export keeps the parts of apiProperties.json in files of their own.
SOLUTION_PARTS = (("connection_parameters", "connectionParameters"), ("policies", "policyTemplateInstances"))


def check(package: ConnectorPackage) -> Iterator[Violation]:
    checks: list[tuple[JsonFile | None, str | None]]
    if package.properties_file is not None:
        checks = [(package.properties_file, None)]
    else:
        checks = [(package.json(role), part) for role, part in SOLUTION_PARTS if package.json(role)]
    if not checks:
        raise InputUnavailable("no apiProperties.json in the package")
    for file, part in checks:
        if file is None or not file.parsed:
            raise InputUnavailable(f"{file.name if file else 'apiProperties.json'} could not be parsed")
        for error in api_properties_errors(file.data, part):
            yield Violation(Location(file.name, error.pointer), error.message, key=error.key, severity=Severity.WARNING if error.coercion else None)
