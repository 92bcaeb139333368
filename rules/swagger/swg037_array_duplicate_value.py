"""A list that must hold unique values repeats one.

## Why
`enum`, `required`, `schemes`, `consumes`, `produces`, an operation's `tags` and a security
requirement's scopes are sets: a repeated value is a copy-and-paste slip and the validator
rejects it (ArrayDuplicateValue). Values repeat when JSON Schema calls them equal, as the
validator does (`1` and `1.0` are one number; `true` and `1` differ). SWG001 leaves these lists
to this rule, so a repeat is reported once, at the repeated item. Repeated parameter entries
are OPR015.

## Severity
Ground: blocking — the maker portal refuses a definition the Swagger 2.0 schema rejects
("Specified swagger has the following errors", microsoft/PowerPlatformConnectors#3930):
these lists must hold unique values (`uniqueItems`).

## How to fix
Remove the repeated value.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-swagger-validator-rules
"""

import json
from collections.abc import Iterator

from vetter import ConnectorPackage, Edit, Fix, Fixability, Rule, Severity, Violation
from vetter.model.repeats import repeats

RULE = Rule(
    id="SWG037",
    name="array-duplicate-value",
    category="swagger",
    severity=Severity.ERROR,
    aliases=("ArrayDuplicateValue",),
    tags=("certification",),
    section="1.1",
    fix=Fixability.SAFE,  # a repeat in a list of distinct values adds nothing
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    for r in repeats(package.swagger):
        text, first = json.dumps(r.value, sort_keys=True), json.dumps(r.first, sort_keys=True)
        where = r.node.at(r.key, r.item)
        said = f"{text} is listed twice in {r.key}." if text == first else f"{text} repeats {first} in {r.key}: JSON Schema counts them as one value."
        yield Violation(where, said, fix=Fix(f"Remove the repeated {text}", (Edit.remove(where),)))
