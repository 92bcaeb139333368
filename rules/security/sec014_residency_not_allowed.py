"""A host is outside the allowed geographies.

## Why
With `--residency EU,UK` (or `residency = [...]` in vetter.toml) data may only go to
hosts in those geographies. A host shown elsewhere breaks the policy; a host whose name
gives no evidence of where it runs has to be confirmed with the vendor (a `.com`, or the
publisher's country, is not evidence).

## How to fix
Use the vendor's regional endpoint for the allowed geography (often `eu.` or `-eu` host
names), or obtain the vendor's written residency commitment and record an exception.

## Severity
Ground: security — data sent outside the geographies the tenant allows breaks its residency
policy; an error when the host's placement rests on medium or strong evidence, a warning when
it rests on a country-code domain alone (weak) or is unknown. A `.eu` domain places its operator
in the EEA (the EU, Iceland, Liechtenstein, Norway): under `--residency EU` that is a warning
to confirm, under `--residency EEA` it is inside.

## References
- https://learn.microsoft.com/connectors/protection
- https://learn.microsoft.com/power-platform/admin/connector-endpoint-filtering
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, RunOptions, Severity, Violation
from vetter.security import security_profile
from vetter.security.hosts import in_geographies

RULE = Rule(
    id="SEC014",
    name="residency-not-allowed",
    category="security",
    severity=Severity.ERROR,
    tags=("security",),
    section="7",
)


def check(package: ConnectorPackage, options: RunOptions) -> Iterator[Violation]:
    allowed = tuple(options.residency or ())
    if not allowed:
        return
    for h in security_profile(package, options).egress:
        inside = in_geographies(h.geography, allowed)
        if inside is False:
            weak = h.geography_strength == "weak"
            yield Violation(
                h.first.location,
                f"'{h.name}' is in {h.geography} ({h.geography_evidence}), outside {', '.join(allowed)}" + (": weak evidence, confirm with the vendor." if weak else "."),
                key=h.name,
                severity=Severity.WARNING if weak else None,
            )
        elif inside is None and h.geography == "unknown":
            yield Violation(h.first.location, f"Where '{h.name}' runs is unknown: confirm it is in {', '.join(allowed)}.", key=h.name, severity=Severity.WARNING)
        elif inside is None and h.geography != "global":
            yield Violation(
                h.first.location,
                f"'{h.name}' is in {h.geography} ({h.geography_evidence}), which reaches beyond {', '.join(allowed)}: confirm with the vendor where it runs.",
                key=h.name,
                severity=Severity.WARNING,
            )
