"""An endpoint looks like a development, test or sandbox service.

## Why
Certification requires production hosts, and test systems seldom have the security,
retention and residency commitments of production.

## Severity
Ground: advice — a heuristic on the host name; some vendors' production hosts carry such
labels.

## How to fix
Use the production host, or make the environment a constrained connection parameter if
customers need both.

## References
- https://learn.microsoft.com/connectors/protection
- https://learn.microsoft.com/power-platform/admin/connector-endpoint-filtering
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation
from vetter.security import security_profile
from vetter.security.model import sentence

RULE = Rule(
    id="SEC011",
    name="endpoint-non-production",
    category="security",
    severity=Severity.WARNING,
    tags=("security",),
    section="7",
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    for h in security_profile(package).egress:
        if "non-production" in h.flags and "placeholder" not in h.flags:
            yield Violation(h.first.location, sentence(h.note("non-production")) + ".", key=h.name)
