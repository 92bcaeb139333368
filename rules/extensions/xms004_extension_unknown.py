"""An x-ms-* key is not a Power Platform extension.

## Why
Only the extensions in Microsoft's reference change what the platform does. An unknown
`x-ms-` key does nothing, and the shipped JSON schema rejects it. AutoRest and Azure
Resource Manager extensions (`x-ms-enum`, `x-ms-client-name`, `x-ms-parameter-location` ...)
are common in swaggers generated for Azure SDKs; Power Platform ignores them, so relying on
them for behaviour (an enum's display names, URL encoding) does not work.

## Severity
Ground: advice — published connectors carry such keys without harm; this lists them so a
reviewer knows they have no effect.

## How to fix
Remove the key, or use the Power Platform extension that does what it was meant to do
(`x-ms-enum-values` for display names, `x-ms-url-encoding` for encoding).

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/openapi-extensions
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation
from vetter.model.extensions import AUTOREST, lookup, suggest

RULE = Rule(
    id="XMS004",
    name="extension-unknown",
    category="extensions",
    severity=Severity.INFO,
    tags=("extensions",),
    section="3",
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    for name, sites in package.swagger.extensions_by_name.items():
        if not name.startswith("x-ms-") or lookup(name) is not None:
            continue
        if name in AUTOREST:
            message = f"'{name}' is an AutoRest extension; Power Platform ignores it."
        elif suggest(name) is None:
            message = f"'{name}' is not a Power Platform extension; it has no effect."
        else:
            continue  # a likely misspelling: XMS003
        for site in sites:
            yield Violation(site.owner_node.at(name), message)
