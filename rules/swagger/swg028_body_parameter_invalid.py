"""A body parameter has no schema, or uses keys only non-body parameters take.

## Why
A body parameter describes its content with `schema` (BodyParameterSchemaRequired). Keys
such as `type`, `format`, `items`, `enum` or `default` belong to query, header, path and
form parameters; on a body parameter they are ignored and the validator rejects them
(BodyParameterPropertyNotValid). And the reverse: a non-body parameter may not have a
`schema` (NonBodyParameterSchemaNotValid). The finding names its code.

## Severity
Ground: blocking — the maker portal refuses a definition the Swagger 2.0 schema rejects
("Specified swagger has the following errors", microsoft/PowerPlatformConnectors#3930): a
body parameter needs `schema` and takes none of the keys of other parameters.

## How to fix
Move the body's shape into `schema` (`"schema": {"type": "string"}`); give non-body
parameters `type` and the constraint keys directly.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-swagger-validator-rules
- https://swagger.io/specification/v2/#parameter-object
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation

RULE = Rule(
    id="SWG028",
    name="body-parameter-invalid",
    category="swagger",
    severity=Severity.ERROR,
    aliases=("BodyParameterSchemaRequired", "BodyParameterPropertyNotValid", "NonBodyParameterSchemaNotValid"),
    tags=("certification", "parameters"),
    section="1.6",
)

_NON_BODY = (
    "type", "format", "items", "collectionFormat", "default", "maximum", "exclusiveMaximum", "minimum",
    "exclusiveMinimum", "maxLength", "minLength", "pattern", "maxItems", "minItems", "uniqueItems", "enum",
    "multipleOf", "allowEmptyValue",
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    for site in package.swagger.index.parameters:
        p = site.node
        data = p.data  # read raw: a location built for a finding only
        if type(data) is not dict or "$ref" in data:
            continue
        where = data.get("in")
        if where == "body":
            if "schema" not in data:
                yield Violation(p.at("schema"), f"BodyParameterSchemaRequired: body parameter '{data.get('name')}' has no schema.")
            if not data.keys().isdisjoint(_NON_BODY):
                for key in _NON_BODY:
                    if key in data:
                        yield Violation(p.at(key), f"BodyParameterPropertyNotValid: '{key}' is not valid on a body parameter; put it in its schema.")
        elif "schema" in data and isinstance(where, str):
            yield Violation(p.at("schema"), f"NonBodyParameterSchemaNotValid: in: {where} parameter '{data.get('name')}' has a schema.")
