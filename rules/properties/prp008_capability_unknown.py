"""apiProperties capabilities holds a value the platform does not know.

## Why
`properties.capabilities` declares what the connector offers (§4.1): `actions`,
`triggers`, and for on-premises connectors `gateway` or `cloud`. Other values are
ignored, so a typo (`action`) or a wrong case (`Actions`) silently drops the
declaration.

## Severity
Ground: advice — an unknown capability is ignored.

## How to fix
Use the lower-case values `actions`, `triggers`, `gateway` or `cloud`.

## Exceptions
`cloud only` (from the paconn README) is accepted.

## References
- https://github.com/microsoft/PowerPlatformConnectors/blob/dev/schemas/paconn-apiProperties.schema.json
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation

RULE = Rule(
    id="PRP008",
    name="capability-unknown",
    category="properties",
    severity=Severity.WARNING,
    tags=("properties",),
    section="4.1",
)

KNOWN = ("actions", "triggers", "gateway", "cloud", "cloud only")


def check(package: ConnectorPackage) -> Iterator[Violation]:
    props = package.properties.properties
    if props is None:
        return
    for item in props.items("capabilities"):
        if not isinstance(item.data, str):
            continue
        value = item.data
        if value in KNOWN:
            continue
        if value.strip().lower() in KNOWN:
            yield Violation(item.loc, f"Capability '{value}' should be written '{value.strip().lower()}'.", hint=f"Write '{value.strip().lower()}'.")
        else:
            yield Violation(item.loc, f"'{value}' is not a known capability ({', '.join(KNOWN)}).")
