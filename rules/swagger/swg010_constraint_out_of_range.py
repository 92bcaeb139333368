"""A length, count or bound constraint has an impossible value.

## Why
`maxLength`, `minLength`, `maxItems`, `minItems`, `maxProperties` and `minProperties` must
be 0 or more; `multipleOf` must be above 0; `exclusiveMaximum` and `exclusiveMinimum` only
mean something beside `maximum` / `minimum`. The validator rejects each (codes, named in the
finding): MaxLengthMustBeGreaterThanOrEqualToZero, MinLengthMustBeGreaterThanOrEqualToZero,
MaxItemsMustBeGreaterThanOrEqualToZero, MinItemsMustBeGreaterThanOrEqualToZero,
MaxPropertiesMustBeGreaterThanOrEqualToZero, MinPropertiesMustBeGreaterThanOrEqualToZero,
MultipleOfMustBeGreaterThanZero, ExclusiveMaximumRequiresMaximum,
ExclusiveMinimumRequiresMinimum. Schemas, parameters and their items are checked.

## Severity
Ground: breaks — no value meets a negative length or count, and `multipleOf` 0 divides by
zero: the field rejects every input.

## How to fix
Use a non-negative count, a positive `multipleOf`, and give `exclusiveMaximum` /
`exclusiveMinimum` their `maximum` / `minimum`.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-swagger-validator-rules
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation
from vetter.model.swagger import Swagger

RULE = Rule(
    id="SWG010",
    name="constraint-out-of-range",
    category="swagger",
    severity=Severity.ERROR,
    aliases=(
        "MaxLengthMustBeGreaterThanOrEqualToZero",
        "MinLengthMustBeGreaterThanOrEqualToZero",
        "MaxItemsMustBeGreaterThanOrEqualToZero",
        "MinItemsMustBeGreaterThanOrEqualToZero",
        "MaxPropertiesMustBeGreaterThanOrEqualToZero",
        "MinPropertiesMustBeGreaterThanOrEqualToZero",
        "MultipleOfMustBeGreaterThanZero",
        "ExclusiveMaximumRequiresMaximum",
        "ExclusiveMinimumRequiresMinimum",
    ),
    tags=("certification", "schemas"),
    section="1.9",
)

_COUNTS = {
    "maxLength": "MaxLengthMustBeGreaterThanOrEqualToZero",
    "minLength": "MinLengthMustBeGreaterThanOrEqualToZero",
    "maxItems": "MaxItemsMustBeGreaterThanOrEqualToZero",
    "minItems": "MinItemsMustBeGreaterThanOrEqualToZero",
    "maxProperties": "MaxPropertiesMustBeGreaterThanOrEqualToZero",
    "minProperties": "MinPropertiesMustBeGreaterThanOrEqualToZero",
}


def _clear(swagger: Swagger) -> bool:
    """No node can give a finding: every count an int of at least 0, every step a number above 0, every
    exclusive bound beside its bound (nearly every swagger), read from each keyword's own nodes."""
    for key in _COUNTS:
        for node in swagger.with_keyword(key):
            value = node.data[key]  # a keyword's nodes are objects that hold it
            if type(value) is not int or value < 0:
                return False
    for node in swagger.with_keyword("multipleOf"):
        value = node.data["multipleOf"]
        if type(value) not in (int, float) or not value > 0:
            return False
    for key, bound in (("exclusiveMaximum", "maximum"), ("exclusiveMinimum", "minimum")):
        for node in swagger.with_keyword(key):
            if node.data[key] is True and bound not in node.data:
                return False
    return True


def check(package: ConnectorPackage) -> Iterator[Violation]:
    swagger = package.swagger
    if _clear(swagger):
        return
    for node in swagger.with_keyword(*_COUNTS, "multipleOf", "exclusiveMaximum", "exclusiveMinimum"):
        data = node.data
        if not isinstance(data, dict):
            continue
        for key, code in _COUNTS.items():
            value = node.number(key)
            if value is not None and value < 0:
                yield Violation(node.at(key), f"{code}: {key} is {value}.")
        step = node.number("multipleOf")
        if step is not None and step <= 0:
            yield Violation(node.at("multipleOf"), f"MultipleOfMustBeGreaterThanZero: multipleOf is {step}.")
        if data.get("exclusiveMaximum") is True and "maximum" not in data:
            yield Violation(node.at("exclusiveMaximum"), "ExclusiveMaximumRequiresMaximum: exclusiveMaximum without maximum.")
        if data.get("exclusiveMinimum") is True and "minimum" not in data:
            yield Violation(node.at("exclusiveMinimum"), "ExclusiveMinimumRequiresMinimum: exclusiveMinimum without minimum.")
