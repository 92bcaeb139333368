"""The OAuth identityProvider is not one a third-party connector can use.

## Why
The documented identity providers are `oauth2`, `oauth2generic`, `aad`,
`aadcertificate` and `facebook` (§4.3); other values are first-party identifiers that
only Microsoft-built connectors can use. A custom or partner connector with one cannot
create connections; a value in the wrong letter case (`AAD`) is a typo of a known one.

## Severity
Ground: advice — first-party identity providers are for Microsoft's own connectors; a
reviewer confirms the choice.

## How to fix
Use `oauth2` (or `aad` for Microsoft Entra ID), with the provider's endpoints in
`customParameters`, unless the connector is Microsoft first-party.

## Exceptions
Reported as a warning: certified connectors such as DocuSign use a first-party id.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/connection-parameters
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation

RULE = Rule(
    id="PRP004",
    name="identity-provider-unknown",
    category="properties",
    severity=Severity.WARNING,
    tags=("connection", "oauth"),
    section="4.3",
)

KNOWN = ("oauth2", "oauth2generic", "aad", "aadcertificate", "facebook")


def check(package: ConnectorPackage) -> Iterator[Violation]:
    for param in package.properties.all_connection_parameters():
        oauth = param.oauth
        if oauth is None or oauth.identity_provider is None or not oauth.identity_provider.strip():
            continue
        value = oauth.identity_provider
        where = oauth.node.at("identityProvider")
        if oauth.provider in KNOWN:
            if value != oauth.provider:
                yield Violation(where, f"identityProvider '{value}' should be written '{oauth.provider}'.", hint=f"Write '{oauth.provider}'.")
        else:
            yield Violation(where, f"identityProvider '{value}' is not a documented provider ({', '.join(KNOWN)}); it only works for Microsoft first-party connectors.")
