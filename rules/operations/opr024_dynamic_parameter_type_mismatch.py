"""A dynamic call passes a value of the wrong type to the called operation.

## Why
The designer sends a dynamic call's arguments as they are: a literal `"10"` for an integer
parameter (OperationParameterStaticTypeMismatch), or a string parameter of the calling
operation feeding a boolean parameter of the called one (OperationParameterTypeMismatch),
makes the call fail or behave differently. Numbers may feed number parameters and integers
number parameters; the finding names its code.

## Severity
Ground: advice — on the wire a literal `"10"` and `10` are the same text in a query or path;
only a JSON body may care, which a reviewer should check.

## How to fix
Give the literal the called parameter's type, or refer to a calling parameter of the same
type.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/openapi-extensions
"""

from collections.abc import Iterator
from typing import Any

from vetter import ConnectorPackage, Rule, Severity, Violation
from vetter.model.extensions import DynamicCall, dynamic_calls, parameters_by_name
from vetter.model.node import Node

RULE = Rule(
    id="OPR024",
    name="dynamic-parameter-type-mismatch",
    category="operations",
    severity=Severity.WARNING,
    aliases=("OperationParameterStaticTypeMismatch", "OperationParameterTypeMismatch"),
    tags=("certification", "dynamic"),
    section="1.1",
)


def _literal_fits(kind: str, value: Any) -> bool:
    if kind == "string":
        return isinstance(value, str)
    if kind == "boolean":
        return isinstance(value, bool)
    if kind == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if kind == "array":
        return isinstance(value, list)
    return True


def _types_fit(source: str, target: str) -> bool:
    return source == target or (source == "integer" and target == "number")


def check(package: ConnectorPackage) -> Iterator[Violation]:
    swagger = package.swagger
    for call in dynamic_calls(package):
        target = swagger.operations_by_id.get(call.operation_id or "")
        if target is None:
            continue
        target_params = parameters_by_name(swagger, target)
        caller = call.caller
        source_params = parameters_by_name(swagger, caller) if caller is not None else {}
        args = call.call.mapping("parameters")  # the raw arguments: a node is made for a finding only
        for key, data in (args or {}).items():
            param = target_params.get(key)
            kind = param.get("type") if param is not None else None
            if not isinstance(kind, str):
                continue
            literal, inside = data, False
            if isinstance(data, dict) and "value" in data and call.style in ("reference", "tree"):
                literal, inside = data["value"], True
            elif isinstance(data, dict):
                name = data.get("parameter") if call.style == "parameter" else None
                source = source_params.get(name) if isinstance(name, str) else None
                source_kind = source.get("type") if source is not None else None
                if isinstance(source_kind, str) and not _types_fit(source_kind, kind):
                    yield Violation(_argument(call, key).loc, f"OperationParameterTypeMismatch: '{name}' is {source_kind} but {target.id}'s '{key}' is {kind}.")
                continue
            if not _literal_fits(kind, literal):
                value = _argument(call, key)
                at = (value.child("value") or value) if inside else value
                yield Violation(at.loc, f"OperationParameterStaticTypeMismatch: {target.id}'s '{key}' is {kind}, but the call passes {literal!r}.")


def _argument(call: DynamicCall, key: str) -> Node:
    """The node of the call's argument ``key`` (it is there: the check read it)."""
    args = call.call.child("parameters")
    value = args.child(key) if args is not None else None
    assert value is not None
    return value
