"""A response key is neither a three-digit HTTP status code nor default.

## Why
Responses are keyed by status code (`200`, `404`) or `default`; keys such as `2XX`, `OK`
or `20` are not valid (ResponseMustBeDefaultOrHttpStatusCode) and the response is lost.
Codes outside 100-599 are reported too.

## Severity
Ground: breaks — a response under a key that is no status code is never matched, so its
outputs are lost.

## How to fix
Use the exact status code (`200`) or `default`.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-swagger-validator-rules
"""

import re
from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation

RULE = Rule(
    id="SWG032",
    name="response-code-invalid",
    category="swagger",
    severity=Severity.ERROR,
    aliases=("ResponseMustBeDefaultOrHttpStatusCode",),
    tags=("certification", "responses"),
    section="1.6",
)

_CODE = re.compile(r"^[1-5][0-9]{2}$")


def check(package: ConnectorPackage) -> Iterator[Violation]:
    for site in package.swagger.index.responses:
        if site.operation is None:
            continue
        if site.code != "default" and not _CODE.match(site.code):
            yield Violation(site.node.loc, f"Response key '{site.code}' of {site.operation.id} is not an HTTP status code or default.")
