"""A DLP policy classifies a URL pattern other than `*` as Ignore.

## Why
"Except for the last entry in the list, Ignore as an action isn't supported for any other URL
pattern added to the custom connector pattern rules." A file that holds one was not exported
from a policy the service accepts, or was edited by hand: the connectors it names are not
governed the way the file suggests.

## How to fix
Classify the pattern as Business (Confidential), Non-business (General) or Blocked, or remove
the rule and let the final `*` rule decide.

## Severity
Ground: blocking — Learn dlp-custom-connector-parity: Ignore "isn't supported for any other URL
pattern" than the final `*`.

## References
- https://learn.microsoft.com/power-platform/admin/dlp-custom-connector-parity
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from vetter import Location, Rule, Severity, Violation
from vetter.security.verdict import policy_name

if TYPE_CHECKING:
    from vetter.security.policyfile import Policy

RULE = Rule(
    id="DLP006",
    name="policy-ignore-on-pattern",
    category="dlp",
    severity=Severity.ERROR,
    tags=("dlp",),
    scope="policy",
)


def check(policy: Policy) -> Iterator[Violation]:
    for r in policy.url_rules:
        if r.group == "ignore" and not r.is_wildcard:
            yield Violation(
                Location(policy.file, r.pointer),
                f"URL rule order {r.order} '{r.pattern}' of policy {policy_name(policy)} is Ignore: only the final '*' rule may be.",
                key=r.pointer,
            )
