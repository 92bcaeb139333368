"""An endpoint is a placeholder or not a valid public host name.

## Why
A placeholder (`{...}`, `example.com`, `contoso`, `yourdomain`) or a name under no real
public suffix cannot be the service's address: where the data goes is unknown, and DLP URL
patterns written for it match nothing.

## How to fix
Put the real host name in, or build the host with a `dynamichosturl` policy template
from a constrained connection parameter.

## References
- https://learn.microsoft.com/connectors/protection
- https://learn.microsoft.com/power-platform/admin/connector-endpoint-filtering
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation
from vetter.security import security_profile

RULE = Rule(
    id="SEC012",
    name="endpoint-placeholder",
    category="security",
    severity=Severity.ERROR,
    tags=("security",),
    section="7",
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    for h in security_profile(package).egress:
        for flag in ("placeholder", "invalid-name"):
            if flag in h.flags:
                yield Violation(h.first.location, h.note(flag).capitalize() + ".", key=h.name)
                break
