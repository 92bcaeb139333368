"""The swagger's OAuth URLs differ from those in apiProperties.json.

## Why
For the generic `oauth2` provider (§6.4) the platform signs in with
`customParameters.authorizationUrl` / `tokenUrl` from apiProperties.json, while the
swagger's `securityDefinitions` `authorizationUrl` / `tokenUrl` are what reviewers, tools
and the designer read. When they differ, the connector authenticates against a server
nobody reviewed, or one side is stale.

## Severity
Ground: advice — the platform signs in with apiProperties.json's URLs; the swagger's copy is
documentation that has drifted.

## How to fix
Make the swagger's `authorizationUrl` and `tokenUrl` equal to the `customParameters`
values in apiProperties.json.

## Exceptions
Only the `oauth2` provider is compared (`aad` and templated providers build their URLs
differently). Letter case of the scheme and host and a trailing `/` are ignored.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/connection-parameters
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation
from vetter.security import mismatch_violations

RULE = Rule(
    id="XFL003",
    name="oauth-endpoint-mismatch",
    category="crossfile",
    severity=Severity.WARNING,
    tags=("authentication", "consistency", "oauth"),
    section="6.4",
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    yield from mismatch_violations(package, "oauth-url-differs")
