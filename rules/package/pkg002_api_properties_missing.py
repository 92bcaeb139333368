"""The package has no apiProperties.json.

## Why
`apiProperties.json` holds the connection parameters (how users authenticate), the OAuth
settings, the brand color and the policy templates. A package without it cannot be
created with `paconn` nor submitted for certification, and its authentication cannot be vetted.

## Severity
Ground: blocking — the certification page lists apiProperties.json among the files every
publisher submits, and `paconn create` needs it.

## How to fix
Add `apiProperties.json` beside the swagger, with at least `properties.iconBrandColor`
and the `connectionParameters` your connector needs.

## Exceptions
A lone swagger file given on the command line is checked as a definition only.
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Location, Rule, Severity, Violation

RULE = Rule(
    id="PKG002",
    name="api-properties-missing",
    category="package",
    severity=Severity.ERROR,
    tags=("certification",),
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    if package.kind == "swagger" or package.incomplete:  # unread files are reported by PKG005
        return
    if package.properties_file is None and package.json("connection_parameters") is None:
        yield Violation(Location("."), "No apiProperties.json in the package.")
