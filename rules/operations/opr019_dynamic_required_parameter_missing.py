"""A dynamic call does not pass a parameter the called operation requires.

## Why
When the designer calls an operation for dynamic values or a schema, it sends only the
parameters listed in the call. A required parameter of the called operation that is not
listed, and has no `default`, makes the call fail at design time
(OperationMissingRequiredProperty). Path parameters count; parameters with a default do not.

## Severity
Ground: breaks — the designer sends only the listed arguments, so the call goes out without
a required parameter and fails at design time.

## How to fix
Add the missing parameter to the call's `parameters`, as a literal or a reference to a
parameter of the calling operation.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/openapi-extensions
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation
from vetter.model.extensions import dynamic_calls, supplied_parameters

RULE = Rule(
    id="OPR019",
    name="dynamic-required-parameter-missing",
    category="operations",
    severity=Severity.ERROR,
    aliases=("OperationMissingRequiredProperty",),
    tags=("certification", "dynamic"),
    section="1.1",
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    swagger = package.swagger
    needed_by: dict[str, list[str]] = {}  # an operation's required parameters without a default, once per operation
    for call in dynamic_calls(package):
        target = swagger.operations_by_id.get(call.operation_id or "")
        if target is None:
            continue
        needed = needed_by.get(target.pointer)
        if needed is None:
            needed = needed_by[target.pointer] = [
                p.data["name"]
                for p in swagger.effective_parameters(target)
                if isinstance(p.get("name"), str) and "default" not in p.data and (p.get("required") is True or p.get("in") == "path")
            ]
        if not needed:
            continue
        args = supplied_parameters(call)
        for name in needed:
            if name not in args:
                yield Violation(call.call.at("parameters"), f"{call.extension} calls {target.id} without its required parameter '{name}'.", key=name)
