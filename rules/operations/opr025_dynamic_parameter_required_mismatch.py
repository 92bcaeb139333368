"""An optional parameter feeds a required parameter of a dynamic call.

## Why
When a dynamic call takes a required parameter of the called operation from an optional
parameter of the calling one, the call goes out without it whenever the maker leaves the
field empty, and the dropdown fails (OperationParameterRequiredMismatch). A default on the
source parameter fills the gap and is accepted.

## Severity
Ground: advice — the dropdown fails only while the optional field is left empty; Microsoft's
own Azure IoT Central connector has the pattern.

## How to fix
Make the source parameter required, give it a default, or pass a literal.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/openapi-extensions
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation
from vetter.model.extensions import dynamic_calls, parameters_by_name

RULE = Rule(
    id="OPR025",
    name="dynamic-parameter-required-mismatch",
    category="operations",
    severity=Severity.WARNING,
    aliases=("OperationParameterRequiredMismatch",),
    tags=("certification", "dynamic"),
    section="1.1",
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    swagger = package.swagger
    for call in dynamic_calls(package):
        target = swagger.operations_by_id.get(call.operation_id or "")
        caller = call.caller
        if target is None or caller is None or call.style != "parameter":
            continue
        target_params = parameters_by_name(swagger, target)
        source_params = parameters_by_name(swagger, caller)
        for key, value in call.call.entries("parameters"):
            name = value.get("parameter") if value.is_object else None
            if not isinstance(name, str):
                continue
            param, source = target_params.get(key), source_params.get(name)
            if param is None or source is None:
                continue
            needed = param.get("required") is True or param.get("in") == "path"
            optional = source.get("required") is not True and source.get("in") != "path" and "default" not in source.data
            if needed and optional:
                yield Violation(value.loc, f"Optional parameter '{name}' of {caller.id} feeds required parameter '{key}' of {target.id}.")
