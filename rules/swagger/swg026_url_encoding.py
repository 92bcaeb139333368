"""A path parameter has no x-ms-url-encoding, or a query parameter has one.

## Why
`x-ms-url-encoding` says whether a path parameter's value is encoded once (`single`) or
twice (`double`, for APIs that decode path segments twice). The validator recommends saying
so on every path parameter (PathParameterMissingEncoding); query parameters are always
encoded once, so the extension is not supported there (QueryParameterEncodingNotSupported).
The finding names its code and carries its level.

## Severity
Ground: advice — query values are always encoded once, so the extension is ignored there; a
missing path encoding means `single` (information).

## How to fix
Add `"x-ms-url-encoding": "single"` to path parameters (or `double` when the API needs it);
remove it from query parameters.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-swagger-validator-rules
- https://learn.microsoft.com/en-us/connectors/custom-connectors/openapi-extensions
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Edit, Fix, Fixability, Rule, Severity, Violation

RULE = Rule(
    id="SWG026",
    name="url-encoding",
    category="swagger",
    severity=Severity.WARNING,
    aliases=("QueryParameterEncodingNotSupported", "PathParameterMissingEncoding"),
    tags=("certification", "parameters", "encoding"),
    section="1.4",
    fix=Fixability.SAFE,  # single is what the platform assumes; on a query parameter it is not read
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    for site in package.swagger.index.parameters:
        p = site.node
        where = p.get("in")
        if where == "query" and p.has("x-ms-url-encoding"):
            yield Violation(
                p.at("x-ms-url-encoding"),
                f"QueryParameterEncodingNotSupported: query parameter '{p.get('name')}' has x-ms-url-encoding; query values are always encoded once.",
                fix=Fix("Remove x-ms-url-encoding", (Edit.remove(p.at("x-ms-url-encoding")),)),
            )
        elif where == "path" and not p.has("x-ms-url-encoding"):
            yield Violation(
                p.at("x-ms-url-encoding"),
                f"PathParameterMissingEncoding: path parameter '{p.get('name')}' does not say its x-ms-url-encoding (single is assumed).",
                hint="Add \"x-ms-url-encoding\": \"single\" (or \"double\" if the API decodes path segments twice).",
                severity=Severity.INFO,
                fix=Fix('Add "x-ms-url-encoding": "single"', (Edit.add(p.at("x-ms-url-encoding"), "single"),)),
            )
