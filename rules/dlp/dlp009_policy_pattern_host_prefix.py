"""A DLP URL pattern for a host also matches every host name that starts with it.

## Why
`*` matches any run of characters, dots included, so `https://api.contoso.com*` (the form of
Learn's own example) matches `https://api.contoso.com.attacker.example` too: anyone who owns
such a name can make a custom connector that the policy puts in this rule's group. For a
Business, Non-business or Ignore rule that is a way around the policy; for a Blocked rule it only
blocks more.

## How to fix
End the host exactly, and add the same host followed by `/*` if paths should match too:
`https://api.contoso.com` and `https://api.contoso.com/*` instead of `https://api.contoso.com*`.

## Severity
Ground: advice — the policy works for the hosts it was written for; a reviewer should close the
gap before someone registers a look-alike name.

## References
- https://learn.microsoft.com/power-platform/admin/dlp-custom-connector-parity
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from vetter import Location, Rule, Severity, Violation
from vetter.security.model import GROUP_LABEL
from vetter.security.verdict import policy_name

if TYPE_CHECKING:
    from vetter.security.policyfile import Policy

RULE = Rule(
    id="DLP009",
    name="policy-pattern-host-prefix",
    category="dlp",
    severity=Severity.WARNING,
    tags=("security", "dlp"),
    scope="policy",
)

def host_then_star(pattern: str) -> bool:
    """``scheme://host*``: a star straight after the host name, with no ``/`` before it."""
    _scheme, sep, rest = pattern.partition("://")
    return bool(sep) and "/" not in rest and len(rest) >= 2 and rest.endswith("*") and rest[-2].isalnum()


def check(policy: Policy) -> Iterator[Violation]:
    for r in policy.url_rules:
        if r.group != "blocked" and host_then_star(r.pattern):
            host = r.pattern[:-1]
            yield Violation(
                Location(policy.file, r.pointer),
                f"URL rule order {r.order} '{r.pattern}' of policy {policy_name(policy)} ({GROUP_LABEL[r.group]}) also matches "
                f"'{host}.attacker.example': any host name that starts with '{host.split('//', 1)[-1]}'.",
                hint=f"Write '{host}' and '{host}/*' instead.",
                key=r.pointer,
            )
