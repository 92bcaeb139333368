"""The OAuth connection uses the shared Global redirect URL.

## Why
With `redirectMode: Global` every custom connector shares
`global.consent.azure-apim.net/redirect`, so an OAuth app registered for it can be used by
any connector; Microsoft's current practice is a per-connector redirect URL
(`GlobalPerConnector`), registered for this connector only.

## Severity
Ground: security — Microsoft moved connectors to a per-connector redirect URL
(`GlobalPerConnector`) so that a consent given to one connector cannot be used by another; a
warning, as existing connections keep working.

## How to fix
Set `"redirectMode": "GlobalPerConnector"` and register the per-connector redirect URL
shown on the connector's Security tab with the identity provider.

## References
- https://learn.microsoft.com/connectors/protection
- https://learn.microsoft.com/power-platform/admin/connector-endpoint-filtering
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation
from vetter.security import security_profile

RULE = Rule(
    id="SEC006",
    name="oauth-shared-redirect",
    category="security",
    severity=Severity.WARNING,
    tags=("security",),
    section="4.3",
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    p = security_profile(package)
    for s in p.auth.schemes:
        o = s.oauth
        if o is not None and (o.redirect_mode or "").strip().lower() == "global":
            yield Violation(o.redirect_evidence.location, "The connection uses the shared Global redirect URL, not a per-connector one.", key=s.set_name)
