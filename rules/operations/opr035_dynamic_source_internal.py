"""A dynamic call reads an internal parameter of an operation makers can see.

## Why
When a visible operation's dynamic call takes a value from a parameter marked
`x-ms-visibility: internal`, that value is fixed by the connector, not chosen by the maker,
so the reference adds nothing (the validator's code is SourcePropertyInternal). Pass
the internal parameter's value as a literal instead. Operations that are themselves internal
are exempt.

## Severity
Ground: advice — the internal parameter's value is fixed by its default, so the call still
works; the reference is redundant and should be a literal.

## How to fix
Replace `{"parameter": "<internal>"}` (or the `parameterReference`) with the literal value
the internal parameter carries (its `default`).

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-swagger-validator-rules
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation
from vetter.model.extensions import dynamic_calls, parameters_by_name

RULE = Rule(
    id="OPR035",
    name="dynamic-source-internal",
    category="operations",
    severity=Severity.WARNING,
    aliases=("SourcePropertyInternal",),
    tags=("certification", "dynamic"),
    section="1.4",
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    swagger = package.swagger
    for call in dynamic_calls(package):
        caller = call.caller
        if caller is None or caller.visibility == "internal":
            continue
        params = parameters_by_name(swagger, caller)
        for _key, value in call.call.entries("parameters"):
            data = value.data
            if not isinstance(data, dict):
                continue
            name = data.get("parameter") if call.style in ("parameter", "tree") else None
            if name is None and isinstance(data.get("parameterReference"), str):
                name = data["parameterReference"].split("/")[0]
            source = params.get(name) if isinstance(name, str) else None
            if source is not None and source.get("x-ms-visibility") == "internal":
                yield Violation(value.loc, f"{call.extension} reads internal parameter '{name}' of {caller.id}; pass its value as a literal.")
