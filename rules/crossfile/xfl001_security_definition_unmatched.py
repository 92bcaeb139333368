"""A swagger security definition has no matching connection parameter.

## Why
The platform collects credentials through apiProperties.json `connectionParameters` and
applies them as the swagger's `securityDefinitions` say (§6.2-6.6): `apiKey` needs a
key parameter (`securestring`), `basic` a user name and a password, `oauth2` an
`oauthSetting` parameter. When the apiProperties side is missing, the connection dialog
asks for nothing and every call goes out unauthenticated (or the connector cannot be
created).

## Severity
Ground: breaks — the connection dialog asks for no credential, so calls go out
unauthenticated (or the connector cannot be created).

## How to fix
Add the connection parameter the definition needs (see Microsoft's connection-parameters
page for each shape), or remove the security definition if the API needs no
authentication.

## Exceptions
Parameters inside `connectionParameterSets` count. An `apiKey` next to an `oauth2`
definition is satisfied by the OAuth parameter (5 corpus connectors send both that way).
Whether a key parameter typed `string` rather than `securestring` is safe is the security
rules' call, not this one's.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/connection-parameters
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation
from vetter.security import mismatch_violations

RULE = Rule(
    id="XFL001",
    name="security-definition-unmatched",
    category="crossfile",
    severity=Severity.ERROR,
    tags=("authentication", "consistency"),
    section="6",
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    yield from mismatch_violations(package, "definition-unmatched")
