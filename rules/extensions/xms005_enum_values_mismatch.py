"""x-ms-enum-values names a value the enum does not have, or names one twice.

## Why
`x-ms-enum-values` gives display names to the members of the sibling `enum`. An entry whose
`value` is not in the enum names a choice the enum does not offer
(InvalidEnumValuesExtensionValue); two entries with the same `value` give one choice two
names (DuplicateEnumValuesInExtension). The finding names which code it is.

## Severity
Ground: advice — the designer lists the enum's members; a display name for a value outside
it, or one value named twice, only confuses readers and makers.

## How to fix
Make each `value` a member of the `enum`, once.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-swagger-validator-rules
"""

import json
from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation
from vetter.model.node import Node

RULE = Rule(
    id="XMS005",
    name="enum-values-mismatch",
    category="extensions",
    severity=Severity.WARNING,
    aliases=("InvalidEnumValuesExtensionValue", "DuplicateEnumValuesInExtension"),
    tags=("certification", "extensions"),
    section="1.1",
)


def _key(value: object) -> object:
    """What tells values apart as their JSON text does: a string itself (no other value's key is a string),
    any other value its text in a tuple. The text is written only for a finding."""
    return value if type(value) is str else (json.dumps(value, sort_keys=True),)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    for site in package.swagger.extensions_named("x-ms-enum-values"):
        if site.name != "x-ms-enum-values" or not isinstance(site.node.data, list):
            continue
        enum = site.owner_node.array("enum")
        members = {_key(v) for v in enum} if enum is not None else None
        seen: set[object] = set()
        base = site.node.pointer + "/"
        for i, entry in enumerate(site.node.data):  # the entries read raw: a node is made for a finding only
            if not isinstance(entry, dict) or "value" not in entry:
                continue
            value = entry["value"]
            key = _key(value)
            if key in seen:
                yield Violation(Node(site.node.file, base + str(i), entry).at("value"),
                                f"DuplicateEnumValuesInExtension: value {json.dumps(value, sort_keys=True)} is listed twice in x-ms-enum-values.",
                                hint="Remove the repeated entry.")
            seen.add(key)
            if members is not None and key not in members:
                yield Violation(Node(site.node.file, base + str(i), entry).at("value"),
                                f"InvalidEnumValuesExtensionValue: value {json.dumps(value, sort_keys=True)} is not in the sibling enum.",
                                hint="Add the value to `enum`, or correct it to a member of `enum`.")
