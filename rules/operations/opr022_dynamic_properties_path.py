"""x-ms-dynamic-properties does not point where x-ms-dynamic-schema does.

## Why
`x-ms-dynamic-properties` is the unambiguous twin of `x-ms-dynamic-schema`. Its
`itemValuePath` must name the schema object, which is `value-path` without a trailing
`properties` segment (DynamicPropertiesItemValuePathMismatch). And a `value-path` that ends
in `properties` points at a properties map rather than a schema, which only works when
`x-ms-dynamic-properties` is there to point at the schema object
(DynamicPropertiesExtensionRequiredForPropertiesValuePath). The finding names its code.

## Severity
Ground: breaks — a `value-path` that ends in `properties` without `x-ms-dynamic-properties`
points the designer at a map, not a schema, so no fields appear; an `itemValuePath` that
disagrees with `value-path` is a warning (the validator says "should").

## How to fix
Set `itemValuePath` to `value-path` minus its last `properties` segment, and add
`x-ms-dynamic-properties` when `value-path` ends in `properties`.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/openapi-extensions
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation

RULE = Rule(
    id="OPR022",
    name="dynamic-properties-path",
    category="operations",
    severity=Severity.ERROR,
    aliases=("DynamicPropertiesExtensionRequiredForPropertiesValuePath", "DynamicPropertiesItemValuePathMismatch"),
    tags=("certification", "dynamic"),
    section="1.1",
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    for site in package.swagger.extensions_named("x-ms-dynamic-schema"):
        if site.name != "x-ms-dynamic-schema" or not site.node.is_object:
            continue
        path = site.node.string("value-path")
        if path is None:
            continue
        segments = [s for s in path.split("/") if s]
        ends_in_properties = bool(segments) and segments[-1] == "properties"
        twin = site.owner_node.child("x-ms-dynamic-properties")
        if twin is None or not twin.is_object:
            if ends_in_properties:
                yield Violation(site.node.at("value-path"), f"DynamicPropertiesExtensionRequiredForPropertiesValuePath: value-path '{path}' ends in 'properties' but there is no x-ms-dynamic-properties.")
            continue
        item_path = twin.string("itemValuePath")
        if item_path is None:
            continue
        expected = "/".join(segments[:-1] if ends_in_properties else segments)
        if item_path.strip("/") != expected:
            yield Violation(
                twin.at("itemValuePath"),
                f"DynamicPropertiesItemValuePathMismatch: itemValuePath is '{item_path}'; x-ms-dynamic-schema's value-path '{path}' means '{expected}'.",
                severity=Severity.WARNING,
            )
