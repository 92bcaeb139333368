"""A lower bound is above its upper bound.

## Why
`minimum` above `maximum`, `minItems` above `maxItems` or `minLength` above `maxLength`
leaves no valid value (MinimumShouldBeLessThanOrEqualToMaximum,
MinItemsShouldBeLessThanOrEqualToMaxItems, MinLengthShouldBeLessThanOrEqualToMaxLength; the
finding names its code).

## Severity
Ground: advice — the validator words it "should"; the designer rejects every value, but only
when the field is used.

## How to fix
Swap or correct the bounds.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-swagger-validator-rules
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation

RULE = Rule(
    id="SWG011",
    name="constraint-bounds-inverted",
    category="swagger",
    severity=Severity.WARNING,
    aliases=("MinimumShouldBeLessThanOrEqualToMaximum", "MinItemsShouldBeLessThanOrEqualToMaxItems", "MinLengthShouldBeLessThanOrEqualToMaxLength"),
    tags=("certification", "schemas"),
    section="1.9",
)

_PAIRS = (
    ("minimum", "maximum", "MinimumShouldBeLessThanOrEqualToMaximum"),
    ("minItems", "maxItems", "MinItemsShouldBeLessThanOrEqualToMaxItems"),
    ("minLength", "maxLength", "MinLengthShouldBeLessThanOrEqualToMaxLength"),
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    swagger = package.swagger
    for node in swagger.with_keyword("minimum", "minItems", "minLength"):
        for low, high, code in _PAIRS:
            a, b = node.number(low), node.number(high)
            if a is not None and b is not None and a > b:
                yield Violation(node.at(low), f"{code}: {low} {a} is above {high} {b}.")
