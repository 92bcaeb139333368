"""An OAuth connection parameter lacks what its identity provider requires.

## Why
Each identity provider needs its own `customParameters` (§4.3): generic `oauth2` needs
`authorizationUrl`, `tokenUrl` and `refreshUrl`; templated `oauth2generic` needs
`authorizationUrlTemplate` and `tokenUrlTemplate`; `aad` and `aadcertificate` need
`resourceUri`, and `aadcertificate` is first-party only (`properties.IsFirstParty:
"True"`). Without them sign-in fails when a user creates a connection.

## Severity
Ground: breaks — without its endpoints or resource the identity provider cannot sign a user
in when a connection is created; an entry kept empty for deployment is a warning.

## How to fix
Add the missing entry to `oAuthSettings.customParameters` as `{"value": "..."}` (or set
`properties.IsFirstParty` for `aadcertificate`).

## Exceptions
Providers vetter does not know (first-party ids such as `DocuSign`) are not checked;
PRP004 reports them. An entry that is present but empty (`"resourceUri": {"value": ""}`)
is a warning: certified connectors keep such values blank in the repository and have them
filled when Microsoft deploys the connector, as they do `clientId`.

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
        given = {k.lower(): node for k, node in oauth.custom_parameters().items() if node.is_object}
        for key in REQUIRED[oauth.provider]:
            node = given.get(key.lower())
            if node is None or "value" not in node.data:
                yield Violation(oauth.node.at("customParameters", key), f"'{param.name}' uses identity provider '{oauth.identity_provider}' but has no customParameters.{key} value.", key=key)
            elif node.get("value") in (None, ""):
                yield Violation(node.at("value"), f"'{param.name}' leaves customParameters.{key} empty; it must be filled before the connector is deployed.", hint=f"Fill {key}, or confirm that it is supplied when the connector is deployed.", key=key, severity=Severity.WARNING)
        if oauth.provider == "aadcertificate":
            props = oauth.properties
            if props is None or str(props.get("IsFirstParty", "")).lower() != "true":
                where = props.at("IsFirstParty") if props is not None else oauth.node.at("properties")
                yield Violation(where, f"'{param.name}' uses 'aadcertificate', which is for first-party connectors only (properties.IsFirstParty \"True\").", hint="Use 'aad' unless this is a Microsoft first-party connector.", key="firstparty")
