"""An x-ms-* extension's value does not have the shape the platform reads.

## Why
Each extension takes a value of a fixed shape: `x-ms-visibility` is one of `important`,
`advanced`, `internal`; `x-ms-dynamic-values` is an object naming an operation;
`x-ms-enum-values` is a list of `{value, displayName}`. A value of another shape is ignored or
makes the import fail. Two validator codes are cases of this check and the finding says so:
MissingEnumValuesDisplayName (an `x-ms-enum-values` entry without `displayName`) and
OneOfPropertiesRequired (`x-ms-dynamic-values` without any of `operationId`,
`builtInOperation`, `capability`).

An `x-ms-visibility` that differs from an allowed value only by case (`Advanced`) is read
as the default visibility, so the author's intent is lost (a warning like the rest); an
empty `x-ms-visibility` says nothing and is read the same way: information only (one
certified connector in the corpus has a thousand of them).

## Severity
Ground: advice — a value of the wrong shape is ignored, so the dropdown, paging or
visibility it was meant to set does not happen; nothing fails, and no validator output
showing these as errors has been seen.

## How to fix
Give the extension the value shape the message names (see the extension reference).

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/openapi-extensions
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation
from vetter.model.extensions import ANY, Extension, Shape, check_value, fits, lookup, site_kind
from vetter.model.swagger import ExtensionSite

RULE = Rule(
    id="XMS002",
    name="extension-value-invalid",
    category="extensions",
    severity=Severity.WARNING,
    aliases=("MissingEnumValuesDisplayName", "OneOfPropertiesRequired"),
    tags=("certification", "extensions"),
    section="3",
)

_VISIBILITY = ("important", "advanced", "internal")


def check(package: ConnectorPackage) -> Iterator[Violation]:
    for name, sites in package.swagger.extensions_by_name.items():
        ext = lookup(name)
        if ext is None or ext.shape is ANY:
            continue
        yield from _check(ext, sites)


def _check(ext: Extension, sites: list[ExtensionSite]) -> Iterator[Violation]:
    simple = ext.shape if isinstance(ext.shape, Shape) and ext.shape.type == "string" and not ext.shape.pattern else None
    for site in sites:
        value = site.node.data
        if simple is not None and isinstance(value, str) and (simple.enum is None or value in simple.enum):
            continue  # the common case (x-ms-summary, x-ms-visibility): a valid string
        kind = site_kind(site.owner, site.owner_node)
        if kind not in ext.sites:
            continue  # misplaced: XMS001 says so; its shape there means nothing
        if site.name == "x-ms-visibility" and isinstance(value, str) and (value == "" or value.lower() in _VISIBILITY) and value not in _VISIBILITY:
            text = "an empty string" if value == "" else f"'{value}'"
            yield Violation(
                site.node.loc,
                f"x-ms-visibility is {text}; the platform reads it as the default visibility.",
                hint="Use one of important, advanced, internal (lower case), or remove the key.",
                severity=Severity.INFO if value == "" else None,
            )
            continue
        shape = ext.shape_at(kind)
        if fits(shape, value):
            continue  # checked without a location or a message per step
        for loc, message in check_value(shape, site.node, site.name):
            prefix = ""
            if site.name == "x-ms-enum-values" and message.endswith("has no 'displayName'"):
                prefix = "MissingEnumValuesDisplayName: "
            elif site.name == "x-ms-dynamic-values" and "needs one of" in message:
                prefix = "OneOfPropertiesRequired: "
            yield Violation(loc, f"{prefix}{message}.", key=message)
