"""An endpoint is a tunnel or request-capture service.

## Why
ngrok, dev tunnels, localtunnel and request bins forward traffic to whoever runs them,
usually a developer's machine: the data leaves every control the vendor claims.

## Severity
Ground: security — a tunnel forwards traffic to whoever runs it, outside every control the
vendor claims.

## How to fix
Point the connector at the production service's own host name.

## References
- https://learn.microsoft.com/connectors/protection
- https://learn.microsoft.com/power-platform/admin/connector-endpoint-filtering
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation
from vetter.security import security_profile
from vetter.security.model import sentence

RULE = Rule(
    id="SEC010",
    name="endpoint-tunnel",
    category="security",
    severity=Severity.ERROR,
    tags=("security",),
    section="7",
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    for h in security_profile(package).egress:
        if "tunnel" in h.flags:
            yield Violation(h.first.location, sentence(h.note("tunnel")) + ".", key=h.name)
