"""The swagger and apiProperties describe authentication differently.

## Why
Power Platform signs in from apiProperties' connection parameters, while the swagger's
`securityDefinitions` is what reviewers, SDK generators and the certification validator
read. When they disagree, nobody reading one file knows how the connector really
authenticates, and a credential can be collected that no request uses.

## How to fix
Make `securityDefinitions` describe the same scheme as the connection parameters: an
`oauth2` definition for an `oauthSetting` parameter, `basic` for username and password,
`apiKey` (with `in` and `name`) for a securestring key, and the same authorization and
token URLs in both files.

## References
- https://learn.microsoft.com/connectors/protection
- https://learn.microsoft.com/power-platform/admin/connector-endpoint-filtering
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation
from vetter.security import security_profile

RULE = Rule(
    id="SEC001",
    name="auth-definitions-disagree",
    category="security",
    severity=Severity.WARNING,
    tags=("security",),
    section="6",
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    p = security_profile(package)
    for j in p.auth.mismatches:
        yield Violation(j.evidence[0].location, j.message, key=j.message)
