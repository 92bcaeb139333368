"""What is known of where a host runs points to different places.

## Why
A host named for one region (`api.us.vendor.de`) or whose addresses are registered to another
country than its name says (`--online`) may not be where a reviewer assumes. Which evidence is
right decides whether the data leaves the allowed geographies.

## How to fix
Ask the vendor which region the host serves and where its data is stored; prefer the vendor's
documented regional endpoint for the region you need.

## Severity
Ground: advice — conflicting evidence is a question for the vendor, not a defect of the
connector; a warning under a residency policy (`--residency`), information otherwise.

## References
- https://learn.microsoft.com/connectors/protection
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, RunOptions, Severity, Violation
from vetter.security import security_profile
from vetter.security.hosts import in_geographies

RULE = Rule(
    id="SEC021",
    name="residency-evidence-conflicting",
    category="security",
    severity=Severity.WARNING,
    tags=("security",),
    section="7",
)


def _compatible(a: str, b: str) -> bool:
    return a == b or in_geographies(a, (b,)) is True or in_geographies(b, (a,)) is True


def check(package: ConnectorPackage, options: RunOptions) -> Iterator[Violation]:
    quiet = None if options.residency else Severity.INFO
    for h in security_profile(package, options).egress:
        placed = [e for e in h.geo_evidence if e.geography and e.geography != "global"]
        clash = next(((a, b) for i, a in enumerate(placed) for b in placed[i + 1 :] if not _compatible(a.geography, b.geography)), None)
        if clash is not None:
            a, b = clash
            yield Violation(
                h.first.location,
                f"'{h.name}': {a.text} says {a.geography}, but {b.text} says {b.geography}: ask the vendor which it is.",
                key=h.name,
                severity=quiet,
            )
