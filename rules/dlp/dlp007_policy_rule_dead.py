"""A DLP URL pattern rule is never reached: a rule above it covers it.

## Why
Rules are evaluated in order and the first match wins. A rule whose pattern is covered by an
earlier pattern (`https://api.contoso.com*` under `https://*.contoso.com*`) never decides
anything, so the group written on it is not the group its connectors get — a classic reason
for "why was this flow flagged?".

## How to fix
Move the narrower rule above the broader one (a lower order), or delete it if the broader rule's
group is what you want.

## Severity
Ground: advice — the policy is valid and works, but one of its rules has no effect.

## References
- https://learn.microsoft.com/power-platform/admin/dlp-custom-connector-parity
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from vetter import Location, Rule, Severity, Violation
from vetter.security.verdict import covers, policy_name

if TYPE_CHECKING:
    from vetter.security.policyfile import Policy

RULE = Rule(
    id="DLP007",
    name="policy-rule-dead",
    category="dlp",
    severity=Severity.WARNING,
    tags=("dlp",),
    scope="policy",
)


def check(policy: Policy) -> Iterator[Violation]:
    rules = policy.ordered
    for i, r in enumerate(rules):
        above = next((a for a in rules[:i] if covers(a.pattern, r.pattern)), None)
        if above is not None:
            yield Violation(
                Location(policy.file, r.pointer),
                f"URL rule {r.describe()} of policy {policy_name(policy)} is never reached: "
                f"rule {above.describe()} above it matches every URL it matches.",
                key=r.pointer,
            )
