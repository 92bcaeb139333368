"""A path variable has no path parameter, or a path parameter is not in the path.

## Why
Every `{variable}` in a path needs an `in: path` parameter of the same name to fill it
(OperationMissingPathParameter), and every `in: path` parameter must appear in the path
(PathParameterNotDefinedInTemplate); otherwise the request URL cannot be built. Path-level
parameters count for every operation under the path. The finding names its code.

## Severity
Ground: breaks — a `{variable}` without its path parameter cannot be filled, and a path
parameter missing from the template is never sent: the request URL is wrong.

## How to fix
Declare a required `in: path` parameter for each variable, with exactly the variable's
name, and remove path parameters the path does not use.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-swagger-validator-rules
"""

import re
from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation

RULE = Rule(
    id="OPR008",
    name="path-parameter-mismatch",
    category="operations",
    severity=Severity.ERROR,
    aliases=("OperationMissingPathParameter", "PathParameterNotDefinedInTemplate"),
    tags=("certification", "paths", "parameters"),
    section="1.1",
)

_VAR = re.compile(r"\{([^{}/]+)\}")


def check(package: ConnectorPackage) -> Iterator[Violation]:
    swagger = package.swagger
    for op in swagger.operations():
        variables = _VAR.findall(op.path)
        # the path parameters as the swagger grouped them by place (OPR011 and OPR040 ask the others)
        params = [p for p in swagger.parameters_in(op).get("path", ()) if isinstance(p.data.get("name"), str)]
        if not variables and not params:
            continue
        names = {p.data["name"] for p in params}
        for var in dict.fromkeys(variables):
            if var not in names:
                yield Violation(op.at("parameters"), f"OperationMissingPathParameter: '{{{var}}}' in {op.path} has no in: path parameter in {op.id}.", key=var)
        wanted = set(variables)
        for p in params:
            if p.data["name"] not in wanted:
                yield Violation(p.at("name"), f"PathParameterNotDefinedInTemplate: path parameter '{p.get('name')}' of {op.id} is not in {op.path}.", key=op.pointer)
