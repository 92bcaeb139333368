"""The package has no API definition (swagger) file.

## Why
`apiDefinition.swagger.json` is the connector: its operations, inputs, outputs and
host. Without it nothing can be certified or imported, and every swagger rule is skipped.

## Severity
Ground: breaks — without a definition there is nothing to import or certify.

## How to fix
Add the OpenAPI 2.0 definition as `apiDefinition.swagger.json` at the root of the package
(`paconn download` or the maker portal's "Download" give you one).
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Location, Rule, Severity, Violation

RULE = Rule(
    id="PKG001",
    name="definition-missing",
    category="package",
    severity=Severity.ERROR,
    tags=("certification",),
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    unread = any(p.file.lower().endswith(".swagger.json") for p in package.load_problems)
    if package.swagger_file is None and not unread and not package.incomplete:  # an unread one is reported by PKG005
        yield Violation(Location("."), "No apiDefinition.swagger.json (or *.swagger.json) in the package.")
