"""An x-ms-* extension sits on an object that does not take it.

## Why
Power Platform reads each extension only where it is defined: `x-ms-trigger` on an
operation, `x-ms-url-encoding` on a parameter, `x-ms-dynamic-schema` on a schema. Elsewhere the
platform ignores it, so the behaviour the author wanted (a trigger, a dropdown, an encoding)
silently does not happen, and the shipped JSON schema rejects the key. One case has its own
validator code: `x-ms-dynamic-schema` or `x-ms-dynamic-properties` on a body *parameter*
instead of inside its `schema` is DynamicExtensionDefinitionNotAllowedInParameter.

## Severity
Ground: breaks — `x-ms-dynamic-schema` or `x-ms-dynamic-properties` on a body parameter is
never read, so the action's dynamic fields never appear in the designer: that case is an
error. Any other misplaced extension is a warning: the platform ignores it (the author's
intent is lost, nothing fails), the validator accepts it (8 of the 282 certified connectors
in the corpus carry one), and only the editor schema shipped for VS Code flags the key.

## How to fix
Move the extension to an object that takes it (the message lists them), or remove it.
For a body parameter, put `x-ms-dynamic-schema` inside the parameter's `schema`.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/openapi-extensions
- https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-swagger-validator-rules
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation
from vetter.model.extensions import Extension, describe_kind, describe_sites, lookup, site_kind
from vetter.model.swagger import ExtensionSite

RULE = Rule(
    id="XMS001",
    name="extension-misplaced",
    category="extensions",
    severity=Severity.WARNING,
    aliases=("DynamicExtensionDefinitionNotAllowedInParameter",),
    tags=("certification", "extensions"),
    section="3",
)

_DYNAMIC = ("x-ms-dynamic-schema", "x-ms-dynamic-properties")


def check(package: ConnectorPackage) -> Iterator[Violation]:
    for name, sites in package.swagger.extensions_by_name.items():  # one look-up per name, not per site
        ext = lookup(name) if name.startswith("x-ms-") else None
        if ext is None:
            continue
        yield from _misplaced(ext, sites)


def _misplaced(ext: Extension, sites: list[ExtensionSite]) -> Iterator[Violation]:
    for site in sites:
        kind = site_kind(site.owner, site.owner_node)
        if kind in ext.sites:
            continue
        where = describe_sites(ext)
        if site.name in _DYNAMIC and kind == "body":
            yield Violation(
                site.node.loc,
                f"DynamicExtensionDefinitionNotAllowedInParameter: '{site.name}' is on the body parameter; "
                "it belongs inside the parameter's schema.",
                hint=f"Move '{site.name}' into this parameter's `schema`.",
                severity=Severity.ERROR,
            )
            continue
        yield Violation(
            site.node.loc,
            f"'{site.name}' is not read on {describe_kind(kind)}; it belongs on {where}.",
            hint=f"Move '{site.name}' to {where}, or remove it.",
        )
