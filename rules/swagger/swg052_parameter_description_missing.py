"""A parameter has no description.

## Why
The description is the help text makers see under an input in Power Automate and Power Apps,
and the text Copilot reads to decide what to pass. Without it a maker has only the name (or
`x-ms-summary`) to guess what the service expects, and which format.

## How to fix
Add a `description`: one sentence saying what the value is and, where it helps, its format
or an example ("The project key, for example `PROJ`.").

## Exceptions
Parameters with `x-ms-visibility: internal` are never shown to makers and are not reported.
Shared parameters (`#/parameters`) are reported once, where they are defined; a `$ref` to one
is not reported again.

## Severity
Ground: advice — the connector works without it; makers are left to guess what to enter.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/connector-string-guidance
- https://github.com/stoplightio/spectral/blob/develop/docs/reference/openapi-rules.md#oas2-parameter-description
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation

RULE = Rule(
    id="SWG052",
    name="parameter-description-missing",
    category="swagger",
    severity=Severity.INFO,
    aliases=("oas2-parameter-description",),
    tags=("strings",),
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    for site in package.swagger.index.parameters:
        param = site.node
        data = param.data  # the raw object: nearly every parameter is settled by its description alone
        if not isinstance(data, dict):
            continue
        text = data.get("description")
        if (isinstance(text, str) and text.strip()) or not (text is None or isinstance(text, str)):
            continue  # described, or a description of the wrong type (SWG001)
        if "$ref" in data or data.get("x-ms-visibility") == "internal":
            continue
        name = param.string("name") or "?"
        where = f"of '{site.operation.id}'" if site.operation is not None else ("of path " + repr(site.path) if site.path else "in #/parameters")
        yield Violation(param.at("description"), f"Parameter '{name}' {where} has no description.")
