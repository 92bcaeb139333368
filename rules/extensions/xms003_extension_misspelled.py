"""An x-ms-* key looks like a misspelling of a known extension.

## Why
The platform matches extension names exactly. `x-ms-visibilty`, `x-ms-summmary` or
`"x-ms-summary title"` are silently ignored: the property keeps its default visibility, the
parameter shows its raw name. Published connectors carry dozens of these (rules-catalog §3).

## Severity
Ground: advice — the validator lets them through (many merged connectors have them), but the
extension has no effect under the misspelled name.

## How to fix
Rename the key to the extension it was meant to be (the message suggests one).

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/openapi-extensions
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Edit, Fix, Fixability, Rule, Severity, Violation
from vetter.model.extensions import AUTOREST, lookup, suggest

RULE = Rule(
    id="XMS003",
    name="extension-misspelled",
    category="extensions",
    severity=Severity.WARNING,
    tags=("extensions", "typo"),
    section="3",
    fix=Fixability.UNSAFE,  # the renamed extension starts to apply
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    for name, sites in package.swagger.extensions_by_name.items():
        if lookup(name) is not None or name in AUTOREST:
            continue
        meant = suggest(name)
        if meant is None or meant == name:
            continue
        for site in sites:
            yield Violation(
                site.owner_node.at(name),
                f"'{name}' is not an extension Power Platform knows; did you mean '{meant}'?",
                hint=f"Rename the key to '{meant}'.",
                fix=None if site.owner_node.has(meant) else Fix(f"Rename the key to '{meant}'", (Edit.rename(site.owner_node.at(name), meant),)),
            )
