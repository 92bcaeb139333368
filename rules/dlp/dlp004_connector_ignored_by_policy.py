"""The tenant's DLP policy ignores this connector instead of classifying it.

## Why
`Ignore` "defers evaluation of a pattern to other environments or tenant-level policies"; if no
other policy classifies the connector, it "can be used with both Business and Non-business
connector groupings" — data may flow between it and every other connector. The admin center
sets the final `*` rule to Ignore by default, so custom connectors are often governed by nobody.

## How to fix
Ask the tenant admin for a URL pattern rule that classifies the connector's host URL, or give
the final `*` rule a group (Non-business or Blocked) so unknown custom connectors are governed.

## Severity
Ground: advice — the connector works; a warning when vetter suggests Blocked or Non-business
(nothing else will restrict it), information otherwise.

## References
- https://learn.microsoft.com/power-platform/admin/dlp-custom-connector-parity
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, RunOptions, Severity, Violation
from vetter.security.verdict import judged, policy_name, verdict_location

RULE = Rule(
    id="DLP004",
    name="connector-ignored-by-policy",
    category="dlp",
    severity=Severity.WARNING,
    tags=("security", "dlp"),
)


def check(package: ConnectorPackage, options: RunOptions) -> Iterator[Violation]:
    verdicts, profile, own = judged(package, options)
    for v in verdicts:
        if v.group == "ignore":
            yield Violation(
                verdict_location(v),
                f"Policy {policy_name(v.policy)} ignores this connector ({v.decided_by}): unless another policy classifies it, "
                f"flows may combine it with Business and Non-business connectors. vetter suggests {own}",
                key=v.policy.key,
                severity=None if profile.dlp.group != "business" else Severity.INFO,
            )
