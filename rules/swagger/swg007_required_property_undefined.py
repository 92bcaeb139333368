"""A required list names an undefined property, or sits on a non-object.

## Why
Every name in `required` must be a key of the schema's `properties`
(RequiredPropertyDefinitionMissing): a typo there makes the designer demand a field that
does not exist. And `required` only means something on an object schema
(RequiredPropertyNotOnObject). Schemas that combine parts with `allOf`, or take free keys
(`additionalProperties`), are only checked for names no part defines. The finding names its
code.

## Severity
Ground: breaks — a name in `required` that is not a property can never be given in the
designer, and Power Automate checks an action's inputs and outputs against the schema at
run time ("The API operation '...' requires the property '...'"), so the action fails
(RequiredPropertyDefinitionMissing: error). `required` on a schema that is not an object
(RequiredPropertyNotOnObject) is ignored: a warning, the author meant something else (six
certified connectors in the corpus have one, on array schemas).

## How to fix
Correct the name to the property's key, define the property, or remove it from `required`.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-swagger-validator-rules
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation
from vetter.model.swagger import SchemaSite, Swagger

RULE = Rule(
    id="SWG007",
    name="required-property-undefined",
    category="swagger",
    severity=Severity.ERROR,
    aliases=("RequiredPropertyDefinitionMissing", "RequiredPropertyNotOnObject"),
    tags=("certification", "schemas"),
    section="1.5",
)


def _defined(swagger: Swagger, site: SchemaSite) -> list[dict[str, object]] | None:
    """The ``properties`` objects of the schema and of its allOf parts (a required name must be a key
    of one); None when it can hold any. They are not merged: thousands of schemas whose allOf
    references one definition of thousands of properties each copied all of them."""
    data = site.data
    own = data.get("properties")
    maps = [own] if own and isinstance(own, dict) else []
    extra = data.get("additionalProperties")
    if extra is not None and extra is not False:
        return None
    if "allOf" not in data:  # most schemas: no node for a part
        return maps
    for part in site.items("allOf"):
        resolved = swagger.deref(part)
        if resolved.has("$ref") or resolved.has("allOf"):
            return None
        properties = resolved.mapping("properties")
        if properties:
            maps.append(properties)
    return maps


def check(package: ConnectorPackage) -> Iterator[Violation]:
    swagger = package.swagger
    for site in swagger.with_keyword("required"):
        if not isinstance(site, SchemaSite):
            break  # the schema sites come first, then the parameters (most of them hold a required)
        data = site.data  # read raw: a location built for a finding only
        required = data.get("required")
        if not isinstance(required, list) or not required or "$ref" in data:
            continue
        kind = data.get("type")
        if isinstance(kind, str) and kind != "object":
            yield Violation(site.at("required"), f"RequiredPropertyNotOnObject: required is set on a schema of type {kind}.", severity=Severity.WARNING)
            continue
        defined = _defined(swagger, site)
        if defined is None:
            continue
        one = defined[0] if len(defined) == 1 else None  # the common case: each name looked up once
        for i, name in enumerate(required):
            if isinstance(name, str) and (name not in one if one is not None else not any(name in properties for properties in defined)):
                yield Violation(site.at("required", i), f"RequiredPropertyDefinitionMissing: required names '{name}', which is not in properties.")
