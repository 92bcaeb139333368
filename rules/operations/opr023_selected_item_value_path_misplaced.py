"""selectedItemValuePath is used outside x-ms-dynamic-tree browse parameters.

## Why
`selectedItemValuePath` tells a tree picker which value of the selected node feeds the next
level; only the `parameters` of `x-ms-dynamic-tree.browse` are evaluated against a selected
node. Anywhere else (the `open` call, dynamic values or lists) it has nothing to read and
the validator rejects it (SelectedItemValuePathNotAllowedInThisPosition).

## Severity
Ground: breaks — outside a tree's `browse` call there is no selected node to read, so the
argument it feeds is sent empty.

## How to fix
Use `selectedItemValuePath` only in `x-ms-dynamic-tree.browse.parameters`; in other calls use
a literal value or a parameter reference.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/openapi-extensions
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation
from vetter.model.extensions import dynamic_calls

RULE = Rule(
    id="OPR023",
    name="selected-item-value-path-misplaced",
    category="operations",
    severity=Severity.ERROR,
    aliases=("SelectedItemValuePathNotAllowedInThisPosition",),
    tags=("certification", "dynamic"),
    section="1.1",
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    for call in dynamic_calls(package):
        if call.extension == "x-ms-dynamic-tree.browse":
            continue
        for _key, value in call.call.entries("parameters"):
            if value.has("selectedItemValuePath"):
                yield Violation(value.at("selectedItemValuePath"), f"selectedItemValuePath in {call.extension}; only x-ms-dynamic-tree.browse parameters take it.")
