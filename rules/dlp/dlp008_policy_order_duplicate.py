"""Two DLP URL pattern rules share one order.

## Why
The first rule that matches wins, in ascending order (Learn documents the order as an integer
starting at 1; endpoint rules must use 1 to N). When two rules share an order, which one the
service evaluates first is not documented, so either group may apply.

## How to fix
Renumber the rules 1 to N in the order they should be evaluated, with `*` last.

## Severity
Ground: advice — the service accepts the file, but the outcome for URLs both rules match is not
defined; vetter evaluates ties in file order.

## References
- https://learn.microsoft.com/power-platform/admin/dlp-custom-connector-parity
- https://learn.microsoft.com/power-platform/admin/connector-endpoint-filtering
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from vetter import Location, Rule, Severity, Violation
from vetter.security.verdict import policy_name

if TYPE_CHECKING:
    from vetter.security.policyfile import Policy

RULE = Rule(
    id="DLP008",
    name="policy-order-duplicate",
    category="dlp",
    severity=Severity.WARNING,
    tags=("dlp",),
    scope="policy",
)


def check(policy: Policy) -> Iterator[Violation]:
    first: dict[int, str] = {}
    for r in policy.url_rules:
        if r.order in first:
            yield Violation(
                Location(policy.file, r.pointer),
                f"URL rule '{r.pattern}' of policy {policy_name(policy)} has order {r.order}, as '{first[r.order]}' does: "
                f"which is evaluated first is not defined (vetter takes file order).",
                key=r.pointer,
            )
        else:
            first[r.order] = r.pattern
