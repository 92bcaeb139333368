"""A swagger security definition has no matching connection parameter.

## Why
The platform collects credentials through apiProperties.json `connectionParameters` and
applies them as the swagger's `securityDefinitions` say (§6.2-6.6): `apiKey` needs a
key parameter (`securestring`), `basic` a user name and a password, `oauth2` an
`oauthSetting` parameter. When the apiProperties side is missing, the connection dialog
asks for nothing and every call goes out unauthenticated (or the connector cannot be
created).

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

RULE = Rule(
    id="XFL001",
    name="security-definition-unmatched",
    category="crossfile",
    severity=Severity.ERROR,
    tags=("authentication", "consistency"),
    section="6",
)

CREDENTIAL_TYPES = ("securestring", "string")


def check(package: ConnectorPackage) -> Iterator[Violation]:
    definitions = package.swagger.security_definitions
    if not definitions:
        return
    params = package.properties.all_connection_parameters()
    types = [(p.type or "").lower() for p in params]
    oauth = types.count("oauthsetting")
    credentials = [p for p, t in zip(params, types, strict=True) if t in CREDENTIAL_TYPES and p.name.lower() != "token:tenantid"]
    kinds = {d.type for d in definitions.values()}
    for name, definition in sorted(definitions.items()):
        where = definition.node.at("type")
        kind = definition.type
        if kind == "apiKey" and not credentials and not (oauth and "oauth2" in kinds):
            yield Violation(where, f"Security definition '{name}' is an API key but apiProperties.json has no connection parameter to hold it.", hint="Add a securestring connection parameter (e.g. api_key) with a display name and description.", key=name)
        elif kind == "basic" and len(credentials) < 2:
            yield Violation(where, f"Security definition '{name}' is basic authentication but apiProperties.json has {len(credentials)} of the two parameters (user name, password) it needs.", hint="Add username and password securestring connection parameters.", key=name)
        elif kind == "oauth2" and not oauth:
            yield Violation(where, f"Security definition '{name}' is OAuth 2.0 but apiProperties.json has no oauthSetting connection parameter.", hint="Add an oauthSetting connection parameter with oAuthSettings for the identity provider.", key=name)
