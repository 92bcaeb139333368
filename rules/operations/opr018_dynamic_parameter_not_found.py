"""A dynamic call passes a parameter the called operation does not have.

## Why
The `parameters` of `x-ms-dynamic-values`, `-list`, `-schema`, `-properties`, `-tree` and
`x-ms-operation-context` map the *called* operation's parameter names to values. A name
the called operation does not have is dropped, and the call goes out without it; a
`{"parameter": name}` or `parameterReference` naming a parameter the *calling* operation
does not have sends nothing (OperationParameterNameNotFound, both cases; the message says
which side). Calls inside `#/definitions` have no calling operation, so only their target
side is checked.

Error: worded "must" by the validator.

## How to fix
Use the called operation's parameter names as keys, and the calling operation's parameter
names in `parameter` / the first segment of `parameterReference`.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/openapi-extensions
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation
from vetter.extensions import dynamic_calls, parameters_by_name

RULE = Rule(
    id="OPR018",
    name="dynamic-parameter-not-found",
    category="operations",
    severity=Severity.ERROR,
    aliases=("OperationParameterNameNotFound",),
    tags=("certification", "dynamic"),
    section="1.1",
)


def source_name(call_style: str, value: object) -> str | None:
    """The calling operation's parameter a dynamic-call argument refers to, if it refers to one."""
    if not isinstance(value, dict):
        return None
    if call_style in ("parameter", "tree") and isinstance(value.get("parameter"), str):
        return value["parameter"]
    if call_style in ("reference", "tree") and isinstance(value.get("parameterReference"), str):
        return value["parameterReference"].split("/")[0]
    return None


def check(package: ConnectorPackage) -> Iterator[Violation]:
    swagger = package.swagger
    names_of = {}
    for call in dynamic_calls(package):
        target = swagger.operations_by_id.get(call.operation_id or "")
        args = call.call.child("parameters")
        if args is None or not args.is_object:
            continue
        if target is not None:
            if target.pointer not in names_of:
                names_of[target.pointer] = set(parameters_by_name(swagger, target))
            for key, _ in args.entries():
                if key not in names_of[target.pointer]:
                    yield Violation(args.at(key), f"{call.extension} passes '{key}', which {target.id} has no parameter named.", key="target")
        caller = call.caller
        if caller is None:
            continue
        if caller.pointer not in names_of:
            names_of[caller.pointer] = set(parameters_by_name(swagger, caller))
        for _key, value in args.entries():
            name = source_name(call.style, value.data)
            if name is not None and name not in names_of[caller.pointer]:
                yield Violation(value.loc, f"{call.extension} reads parameter '{name}', which the calling operation {caller.id} does not have.", key="source")
