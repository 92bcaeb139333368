"""A DLP policy's URL pattern rules do not end with the `*` rule.

## Why
"The rule for the wildcard character (*) is that it's always the last entry in the list, which
applies to all custom connectors." The admin API refuses a rule set where `*` is not last
(`UrlPatternsInvalidRule`, observed with the Terraform provider). Without it, a custom connector
that no pattern matches falls to the policy's default group, which the admin never chose for
custom connectors; rules after a `*` are never reached.

## How to fix
End the URL pattern rules with exactly one `*` rule, with the highest order, classified as the
group unknown custom connectors should get (Non-business or Blocked; Ignore defers to other
policies).

## Severity
Ground: blocking — the admin API rejects URL pattern rules whose last entry is not `*`
(`UrlPatternsInvalidRule`, microsoft/terraform-provider-power-platform#943); Learn
dlp-custom-connector-parity: the `*` rule "is always the last entry in the list".

## References
- https://learn.microsoft.com/power-platform/admin/dlp-custom-connector-parity
- https://github.com/microsoft/terraform-provider-power-platform/issues/943
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from vetter import Location, Rule, Severity, Violation
from vetter.security.verdict import policy_name

if TYPE_CHECKING:
    from vetter.security.policyfile import Policy

RULE = Rule(
    id="DLP005",
    name="policy-wildcard-rule-missing",
    category="dlp",
    severity=Severity.ERROR,
    tags=("dlp",),
    scope="policy",
)


def check(policy: Policy) -> Iterator[Violation]:
    rules = policy.ordered
    if not rules:
        return  # this export carries no URL patterns at all (reported in the verdict, not a policy defect)
    if not any(r.is_wildcard for r in rules):
        yield Violation(
            Location(policy.file, policy.url_rules_pointer),
            f"Policy {policy_name(policy)} has no final '*' URL rule: a custom connector no pattern matches "
            f"gets the default group ({policy.default_group or 'not given: Non-business'}).",
        )
        return
    last = rules[-1]
    for r in rules:
        if r.is_wildcard and r is not last:
            yield Violation(
                Location(policy.file, r.pointer),
                f"The '*' URL rule of policy {policy_name(policy)} is order {r.order}, not the last: "
                f"the rules after it are never reached.",
                key=r.pointer,
            )
