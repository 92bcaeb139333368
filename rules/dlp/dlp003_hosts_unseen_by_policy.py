"""The connector reaches a host the DLP policy's decision never looked at.

## Why
A tenant policy classifies a custom connector by its host URL only. Hosts called from
`script.csx`, set by a policy template (`dynamichosturl`, `routerequesttoendpoint`...) or built
at run time are never matched against the URL patterns, and endpoint filtering does not
evaluate endpoints created at run time. When such a host would have landed in another group
(or cannot be evaluated at all), the policy's verdict does not describe where data goes.

## How to fix
Declare the host in the swagger (or remove the call), or ask the tenant admin to classify the
connector by its real destinations: a URL rule for each host, or a stricter group for the
connector's host URL.

## Severity
Ground: advice — the policy applies as written; a reviewer should know data also goes where
the policy does not look.

## References
- https://learn.microsoft.com/power-platform/admin/dlp-custom-connector-parity
- https://learn.microsoft.com/power-platform/admin/connector-endpoint-filtering
- https://learn.microsoft.com/connectors/custom-connectors/write-code
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, RunOptions, Severity, Violation
from vetter.security.model import GROUP_LABEL
from vetter.security.verdict import policy_name, policy_verdicts

RULE = Rule(
    id="DLP003",
    name="hosts-unseen-by-policy",
    category="dlp",
    severity=Severity.WARNING,
    tags=("security", "dlp"),
)


def check(package: ConnectorPackage, options: RunOptions) -> Iterator[Violation]:
    for v in policy_verdicts(package, options):
        for u in v.differing:
            where = ", ".join(u.roles)
            if u.group is None:
                would = "it is built at run time, so no URL rule can evaluate it"
            else:
                rule = u.rule.describe() if u.rule else "no rule: the default group"
                would = f"its own URL would be {GROUP_LABEL[u.group]} ({rule})"
            yield Violation(
                u.evidence.location,
                f"'{u.name}' ({where}) is reached, but policy {policy_name(v.policy)} decided on '{v.url}' alone "
                f"({GROUP_LABEL[v.group]}): {would}.",
                key=f"{v.policy.key}:{u.name}",
            )
