"""The definition names no host, so requests have no server to go to.

## Why
Swagger 2.0 reads a missing `host` as "the host that served this document". A connector is
imported from a file, not served by its API, so there is no such host: Power Platform has no
server to send the connector's requests to, and reviewers cannot tell which service the data
goes to (the security profile lists no API host).

## How to fix
Add `"host"` with the production host name, without scheme or path (for example
`"host": "api.contoso.com"`); put the path prefix in `basePath`.

## Exceptions
A definition with `x-ms-parameterized-host` names its host there and passes. An empty
string is reported by SWG001 and SWG021 (a host that is not a valid host name). When
`script.csx` runs for every operation (`scriptOperations` lists them all), the script may
answer each request itself (an MCP server written in the script, for example): the missing
host is then a warning, since only a request the script forwards has nowhere to go.

## Severity
Ground: breaks — without a host the connector's requests have no server to go to; a warning
when the script handles every operation and may never forward one.

## References
- https://swagger.io/specification/v2/#swagger-object
- https://github.com/stoplightio/spectral/blob/develop/docs/reference/openapi-rules.md#oas2-api-host
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, InputUnavailable, Rule, Severity, Violation

RULE = Rule(
    id="SWG050",
    name="host-missing",
    category="swagger",
    severity=Severity.ERROR,
    aliases=("oas2-api-host",),
    tags=("transport",),
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    swagger = package.swagger
    root = swagger.root
    if not root.is_object or root.has("host") or root.has("x-ms-parameterized-host"):
        return
    if _script_runs_for_every_operation(package, [op.id for op in swagger.operations()]):
        yield Violation(root.at("host"), "The definition has no host: a request that script.csx forwards has no server to go to.",
                        hint="Add the host the script forwards to, or leave it out only if the script answers every request itself.", severity=Severity.WARNING)
        return
    yield Violation(root.at("host"), "The definition has no host: requests have no server to go to.")


def _script_runs_for_every_operation(package: ConnectorPackage, operation_ids: list[str]) -> bool:
    if package.script is None:
        return False
    try:
        listed = package.properties.script_operations
    except InputUnavailable:
        return False
    return listed is not None and bool(operation_ids) and (listed == [] or set(operation_ids) <= set(listed))
