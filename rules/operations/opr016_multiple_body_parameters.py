"""A parameter list has more than one body parameter, or mixes body and form data.

## Why
A request has one body: either one `in: body` parameter or `in: formData` fields, never
both. The validator rejects more than one body parameter in an operation
(OperationParametersContainMultipleBodyParameters) or path item
(PathParametersContainMultipleBodyParameters), and body beside formData
(ParameterListContainsFormDataAndBody). Effective parameters (path level and operation
level together) are checked. The finding names its code.

## Severity
Ground: breaks — a request has one body: two body parameters, or a body beside form fields,
cannot both be sent.

## How to fix
Merge the bodies into one schema, or send the values as form fields only.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-swagger-validator-rules
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation
from vetter.base import pointer as jp
from vetter.model.node import Node

RULE = Rule(
    id="OPR016",
    name="multiple-body-parameters",
    category="operations",
    severity=Severity.ERROR,
    aliases=("OperationParametersContainMultipleBodyParameters", "PathParametersContainMultipleBodyParameters", "ParameterListContainsFormDataAndBody"),
    tags=("certification", "parameters"),
    section="1.1",
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    swagger = package.swagger
    paths = swagger.data.get("paths")
    for path, data in paths.items() if isinstance(paths, dict) else ():
        written = data.get("parameters") if isinstance(data, dict) and not path.startswith("x-") else None
        if isinstance(written, list) and len(written) > 1:  # a second body needs two entries: nodes for those lists only
            item = Node(swagger.file.name, jp.join("/paths", path), data)
            bodies = [p for p in item.items("parameters") if swagger.deref(p).get("in") == "body"]
            for extra in bodies[1:]:
                yield Violation(extra.loc, f"PathParametersContainMultipleBodyParameters: path {path} has more than one body parameter.")
    for op in swagger.operations():
        params = swagger.effective_parameters(op)  # shared: read, not changed
        bodies = [p for p in params if p.get("in") == "body"]
        for extra in bodies[1:]:
            loc = extra.loc if extra.pointer.startswith(op.pointer + "/") else op.at("parameters")
            yield Violation(loc, f"OperationParametersContainMultipleBodyParameters: operation {op.id} has more than one body parameter.", key=extra.pointer)
        form = next((p for p in params if p.get("in") == "formData"), None)
        if bodies and form is not None:
            yield Violation(op.at("parameters"), f"ParameterListContainsFormDataAndBody: operation {op.id} has both a body and formData parameters.")
