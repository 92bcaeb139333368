"""The DLP policy says Business where vetter suggests a stricter group.

## Why
The Business group may share data with every other Business connector (Dataverse, SharePoint,
Outlook...). The policy decided from the host URL alone; vetter read the whole package and found
reasons (a host it cannot see, plain http, a committed secret, a tunnel...) to suggest Blocked or
Non-business. Both reasons are shown side by side so an admin can decide.

## How to fix
Review vetter's reasons. If they hold, add a URL pattern rule above the one that matched (or
classify the connector in the environment-level policy) to put it in the stricter group; if they
do not, record the decision with a waiver naming the reviewer.

## Severity
Ground: advice — the policy and vetter disagree; an admin should look, but the connector works
as the policy says.

## References
- https://learn.microsoft.com/power-platform/admin/dlp-custom-connector-parity
- https://learn.microsoft.com/power-platform/admin/dlp-connector-classification
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, RunOptions, Severity, Violation
from vetter.security.verdict import judged, policy_name, verdict_location

RULE = Rule(
    id="DLP002",
    name="business-despite-risk",
    category="dlp",
    severity=Severity.WARNING,
    tags=("security", "dlp"),
)


def check(package: ConnectorPackage, options: RunOptions) -> Iterator[Violation]:
    verdicts, profile, own = judged(package, options)
    for v in verdicts:
        if v.group == "business" and profile.dlp.group != "business":
            yield Violation(
                verdict_location(v),
                f"Policy {policy_name(v.policy)} puts this connector in Business ({v.decided_by}), but vetter suggests {own}",
                key=v.policy.key,
            )
