"""The OAuth definition uses the implicit flow.

## Why
The implicit grant returns tokens in the browser URL, with no client authentication
and no refresh token; OAuth 2.0 Security Best Current Practice (RFC 9700) says not to use
it. Power Platform connections use the authorization-code flow.

## Severity
Ground: security — the implicit flow returns tokens in the redirect URL; a warning, as the
platform may still handle it.

## How to fix
Set `"flow": "accessCode"` with a `tokenUrl`, and register the connector's redirect URL
with the identity provider.

## References
- https://learn.microsoft.com/connectors/protection
- https://learn.microsoft.com/power-platform/admin/connector-endpoint-filtering
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation
from vetter.security import security_profile

RULE = Rule(
    id="SEC005",
    name="oauth-implicit-flow",
    category="security",
    severity=Severity.WARNING,
    tags=("security",),
    section="6.4",
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    p = security_profile(package)
    for j in p.auth.implicit_flows:
        yield Violation(j.evidence[0].location, j.message)
