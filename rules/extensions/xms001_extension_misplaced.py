"""An x-ms-* extension sits on an object that does not take it.

## Why
Power Platform reads each extension only where it is defined: `x-ms-trigger` on an
operation, `x-ms-url-encoding` on a parameter, `x-ms-dynamic-schema` on a schema. Elsewhere the
platform ignores it, so the behaviour the author wanted (a trigger, a dropdown, an encoding)
silently does not happen, and the shipped JSON schema rejects the key. One case has its own
validator code: `x-ms-dynamic-schema` or `x-ms-dynamic-properties` on a body *parameter*
instead of inside its `schema` is DynamicExtensionDefinitionNotAllowedInParameter.

Error: the validator rejects both cases (an x-ms-* key outside its allow-list fails the
shipped schema; the dynamic-extension case is worded "not allowed").

## How to fix
Move the extension to an object that takes it (the message lists them), or remove it.
For a body parameter, put `x-ms-dynamic-schema` inside the parameter's `schema`.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/openapi-extensions
- https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-swagger-validator-rules
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation
from vetter.extensions import describe_kind, describe_sites, lookup, site_kind

RULE = Rule(
    id="XMS001",
    name="extension-misplaced",
    category="extensions",
    severity=Severity.ERROR,
    aliases=("DynamicExtensionDefinitionNotAllowedInParameter",),
    tags=("certification", "extensions"),
    section="3",
)

_DYNAMIC = ("x-ms-dynamic-schema", "x-ms-dynamic-properties")


def check(package: ConnectorPackage) -> Iterator[Violation]:
    for site in package.swagger.extensions("x-ms-"):
        ext = lookup(site.name)
        if ext is None:
            continue
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
            )
            continue
        yield Violation(
            site.node.loc,
            f"'{site.name}' is not read on {describe_kind(kind)}; it belongs on {where}.",
            hint=f"Move '{site.name}' to {where}, or remove it.",
        )
