"""An endpoint is reached over plain http.

## Why
Requests, responses and credentials cross the network unencrypted and can be read or
changed on the way.

## How to fix
Use `https` only: `"schemes": ["https"]` and https URLs in policy templates, OAuth
settings and scripts.

## References
- https://learn.microsoft.com/connectors/protection
- https://learn.microsoft.com/power-platform/admin/connector-endpoint-filtering
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation
from vetter.security import security_profile

RULE = Rule(
    id="SEC008",
    name="endpoint-plain-http",
    category="security",
    severity=Severity.ERROR,
    tags=("security",),
    section="7",
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    for h in security_profile(package).egress:
        if "plain-http" in h.flags:
            yield Violation(h.first.location, f"'{h.name}' is reached over plain http: data and credentials travel unencrypted.", key=h.name)
