"""The host is built at run time from free text.

## Why
A `dynamichosturl` template, `x-ms-parameterized-host` or script that takes the host
from a free-text connection parameter, header or query value lets a connection send data
anywhere, and DLP endpoint filtering only evaluates static endpoints, so it cannot see
where. A parameter defined in several connection parameter sets is free text when any set
leaves it so (no `allowedValues`): the connection's user picks the set.

## Severity
Ground: security — DLP endpoint filtering cannot evaluate a host built from free text at run
time; a warning, as the host may be constrained elsewhere.

## How to fix
Constrain the parameter with `allowedValues` (one per region or instance), or keep the
fixed domain in the template (`https://{subdomain}.vendor.com`).

## References
- https://learn.microsoft.com/connectors/protection
- https://learn.microsoft.com/power-platform/admin/connector-endpoint-filtering
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation
from vetter.security import security_profile
from vetter.security.model import sentence

RULE = Rule(
    id="SEC013",
    name="host-free-text",
    category="security",
    severity=Severity.WARNING,
    tags=("security",),
    section="4.4",
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    for h in security_profile(package).egress:
        if "free-text-host" in h.flags:
            yield Violation(h.first.location, sentence(h.note("free-text-host")) + ": DLP endpoint filtering cannot evaluate a host built at run time.", key=h.name)
