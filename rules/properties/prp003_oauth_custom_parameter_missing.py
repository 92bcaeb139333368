"""An OAuth connection parameter lacks what its identity provider requires.

## Why
Each identity provider needs its own `customParameters` (§4.3): generic `oauth2` needs
`authorizationUrl`, `tokenUrl` and `refreshUrl`; templated `oauth2generic` needs
`authorizationUrlTemplate` and `tokenUrlTemplate`; `aad` and `aadcertificate` need
`resourceUri`, and `aadcertificate` is first-party only (`properties.IsFirstParty:
"True"`). Without them sign-in fails when a user creates a connection.

## How to fix
Add the missing entry to `oAuthSettings.customParameters` as `{"value": "..."}` (or set
`properties.IsFirstParty` for `aadcertificate`).

## Exceptions
Providers vetter does not know (first-party ids such as `DocuSign`) are not checked;
PRP004 reports them.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/connection-parameters
- https://github.com/microsoft/PowerPlatformConnectors/blob/dev/schemas/paconn-apiProperties.schema.json
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation

RULE = Rule(
    id="PRP003",
    name="oauth-custom-parameter-missing",
    category="properties",
    severity=Severity.ERROR,
    tags=("connection", "oauth"),
    section="4.3",
)

REQUIRED = {
    "oauth2": ("authorizationUrl", "tokenUrl", "refreshUrl"),
    "oauth2generic": ("authorizationUrlTemplate", "tokenUrlTemplate"),
    "aad": ("resourceUri",),
    "aadcertificate": ("resourceUri",),
}


def check(package: ConnectorPackage) -> Iterator[Violation]:
    for param in package.properties.all_connection_parameters():
        oauth = param.oauth
        if oauth is None or oauth.provider not in REQUIRED:
            continue
        present = {k.lower() for k, node in oauth.custom_parameters().items() if node.is_object and node.get("value") not in (None, "")}
        for key in REQUIRED[oauth.provider]:
            if key.lower() not in present:
                yield Violation(oauth.node.at("customParameters", key), f"'{param.name}' uses identity provider '{oauth.identity_provider}' but has no customParameters.{key} value.", key=key)
        if oauth.provider == "aadcertificate":
            props = oauth.properties
            if props is None or str(props.get("IsFirstParty", "")).lower() != "true":
                where = props.at("IsFirstParty") if props is not None else oauth.node.at("properties")
                yield Violation(where, f"'{param.name}' uses 'aadcertificate', which is for first-party connectors only (properties.IsFirstParty \"True\").", hint="Use 'aad' unless this is a Microsoft first-party connector.", key="firstparty")
