"""The OAuth client secret is committed in apiProperties.json.

## Why
Whoever has the package has the secret of the OAuth app and can impersonate the
connector to the identity provider. `paconn create --secret` supplies it at deploy time
instead.

## Severity
Ground: security — whoever has the package has the OAuth app's secret.

## How to fix
Remove the value (leave `clientSecret` out or use a placeholder), rotate the secret at
the identity provider, and pass the new one with `paconn create/update --secret`.

## References
- https://learn.microsoft.com/connectors/protection
- https://learn.microsoft.com/power-platform/admin/connector-endpoint-filtering
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation
from vetter.security import security_profile

RULE = Rule(
    id="SEC007",
    name="oauth-client-secret-committed",
    category="security",
    severity=Severity.ERROR,
    tags=("security",),
    section="4.3",
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    p = security_profile(package)
    for s in p.auth.schemes:
        o = s.oauth
        if o is not None and o.client_secret == "set" and o.client_secret_evidence is not None:
            yield Violation(o.client_secret_evidence.location, "oAuthSettings.clientSecret holds what looks like a real secret.", key=s.set_name)
