"""The definition does not say which transport (https) its API uses.

## Why
Without `schemes`, Swagger 2.0 leaves the transport to however the document itself was
fetched, which says nothing for a connector imported from a file: tools that read the
definition (code generators, test clients, reviewers) each guess, and a reader cannot see
that the API is only reached over https.

## How to fix
Add `"schemes": ["https"]` at the document root.

## Exceptions
An operation that declares its own `schemes` is covered by them; the finding is reported only
when some operation has none to fall back on. An empty list is SWG020 (SchemesArrayEmpty).

## Severity
Ground: advice — the transport is left unstated; stating it keeps every reader and tool of the definition in agreement.

## References
- https://swagger.io/specification/v2/#swagger-object
- https://github.com/stoplightio/spectral/blob/develop/docs/reference/openapi-rules.md#oas2-api-schemes
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation

RULE = Rule(
    id="SWG051",
    name="schemes-missing",
    category="swagger",
    severity=Severity.WARNING,
    aliases=("oas2-api-schemes",),
    tags=("transport",),
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    swagger = package.swagger
    root = swagger.root
    if not root.is_object or root.has("schemes"):
        return
    operations = swagger.operations()
    if operations and all(op.has("schemes") for op in operations):
        return
    yield Violation(root.at("schemes"), "The definition does not list its schemes; state [\"https\"].")
