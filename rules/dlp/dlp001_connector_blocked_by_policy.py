"""The tenant's DLP policy puts this connector in the Blocked group.

## Why
A connector in the Blocked group "can't be used where this policy is applied": makers cannot
add it to apps or flows in the policy's environments, and flows that already use it are
suspended. Tenant-level policies classify custom connectors by their host URL (or, if an admin
listed it, by name), so the verdict is known before the connector is imported.

## How to fix
Ask the tenant admin for a URL pattern rule that places the connector's host URL in the group
it needs (with the reasons vetter gives), use it only in environments outside this policy, or
point the connector at a host the policy allows.

## Severity
Ground: breaks — a Blocked connector cannot be used in apps or flows under the policy, and
existing flows that use it are suspended (learn.microsoft.com/power-platform/admin/dlp-connector-classification).

## References
- https://learn.microsoft.com/power-platform/admin/dlp-connector-classification
- https://learn.microsoft.com/power-platform/admin/dlp-custom-connector-parity
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, RunOptions, Severity, Violation
from vetter.security.verdict import judged, policy_name, verdict_location

RULE = Rule(
    id="DLP001",
    name="connector-blocked-by-policy",
    category="dlp",
    severity=Severity.ERROR,
    tags=("security", "dlp"),
)


def check(package: ConnectorPackage, options: RunOptions) -> Iterator[Violation]:
    verdicts, _profile, own = judged(package, options)
    for v in verdicts:
        if v.group == "blocked":
            yield Violation(
                verdict_location(v),
                f"Policy {policy_name(v.policy)} blocks this connector: {v.decided_by}. vetter's own suggestion: {own}",
                key=v.policy.key,
            )
