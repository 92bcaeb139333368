"""A host's geography rests on weak evidence alone, under a residency policy.

## Why
With `--residency`, a host whose name only carries a country-code domain (`api.vendor.de`) would
pass as inside the allowed geographies, yet a ccTLD shows the operator's market, not where its
servers or data are: many `.de` or `.fr` APIs run in US clouds. A pass must rest on evidence
that says where the service runs (a cloud region, a documented regional endpoint, the
operator's own statement).

## How to fix
Ask the vendor where the API and its data are hosted and record the answer (a waiver with the
reference), or use the vendor's documented regional endpoint. `--online` adds the country the
host's addresses are registered to.

## Severity
Ground: advice — the host may well be where its name suggests; a reviewer has to confirm it
before relying on it.

## References
- https://learn.microsoft.com/connectors/protection
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, RunOptions, Severity, Violation
from vetter.security import security_profile
from vetter.security.hosts import in_geographies

RULE = Rule(
    id="SEC020",
    name="residency-evidence-weak",
    category="security",
    severity=Severity.WARNING,
    tags=("security",),
    section="7",
)


def check(package: ConnectorPackage, options: RunOptions) -> Iterator[Violation]:
    allowed = tuple(options.residency or ())
    if not allowed:
        return
    for h in security_profile(package, options).egress:
        if in_geographies(h.geography, allowed) and h.geography_strength == "weak":
            yield Violation(
                h.first.location,
                f"'{h.name}' counts as {h.geography}, inside {', '.join(allowed)}, only by weak evidence ({h.geography_evidence}): confirm where it runs.",
                key=h.name,
            )
