"""The swagger's OAuth URLs differ from those in apiProperties.json.

## Why
For the generic `oauth2` provider (§6.4) the platform signs in with
`customParameters.authorizationUrl` / `tokenUrl` from apiProperties.json, while the
swagger's `securityDefinitions` `authorizationUrl` / `tokenUrl` are what reviewers, tools
and the designer read. When they differ, the connector authenticates against a server
nobody reviewed, or one side is stale.

## How to fix
Make the swagger's `authorizationUrl` and `tokenUrl` equal to the `customParameters`
values in apiProperties.json.

## Exceptions
Only the `oauth2` provider is compared (`aad` and templated providers build their URLs
differently). Letter case of the scheme and host and a trailing `/` are ignored.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/connection-parameters
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation

RULE = Rule(
    id="XFL003",
    name="oauth-endpoint-mismatch",
    category="crossfile",
    severity=Severity.WARNING,
    tags=("authentication", "consistency", "oauth"),
    section="6.4",
)


def _norm(url: str) -> str:
    url = url.strip().rstrip("/")
    scheme, sep, rest = url.partition("://")
    host, slash, path = rest.partition("/")
    return f"{scheme.lower()}{sep}{host.lower()}{slash}{path}" if sep else url


def check(package: ConnectorPackage) -> Iterator[Violation]:
    oauth_defs = [d for d in package.swagger.security_definitions.values() if d.type == "oauth2"]
    if not oauth_defs:
        return
    settings = [p.oauth for p in package.properties.all_connection_parameters() if p.oauth is not None and p.oauth.provider == "oauth2"]
    if len(settings) != 1:
        return  # none, or several to choose from: not comparable
    oauth = settings[0]
    for definition in oauth_defs:
        for key in ("authorizationUrl", "tokenUrl"):
            theirs = oauth.custom_value(key)
            ours = definition.node.string(key)
            if theirs and ours and _norm(theirs) != _norm(ours):
                yield Violation(definition.node.at(key), f"Security definition '{definition.name}' {key} is '{ours}' but apiProperties.json signs in with '{theirs}'.", key=f"{definition.name}:{key}")
