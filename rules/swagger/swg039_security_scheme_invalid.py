"""A security definition lacks a key its type needs, or has one it does not take.

## Why
Each security scheme type has its own keys (shipped schema, §1.10): `apiKey` needs `name`
and `in` (`header` or `query`); `oauth2` needs `flow`, and `authorizationUrl` for
`implicit`/`accessCode`, `tokenUrl` for `password`/`application`/`accessCode`; `basic`
takes none of these. A missing key (SecuritySchemePropertyRequired) makes the connection
unusable; a key of another type (SecuritySchemePropertyNotValid) is rejected. The finding
names its code.

## Severity
Ground: breaks — a security scheme without the keys its type needs cannot describe how the
connection signs in.

## How to fix
Give the definition exactly the keys of its type.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-swagger-validator-rules
- https://swagger.io/specification/v2/#security-scheme-object
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation

RULE = Rule(
    id="SWG039",
    name="security-scheme-invalid",
    category="swagger",
    severity=Severity.ERROR,
    aliases=("SecuritySchemePropertyRequired", "SecuritySchemePropertyNotValid"),
    tags=("certification", "security"),
    section="1.5",
)

_FLOW_NEEDS = {"implicit": ("authorizationUrl",), "password": ("tokenUrl",), "application": ("tokenUrl",), "accessCode": ("authorizationUrl", "tokenUrl")}
_KEYS = {
    "basic": {"type", "description"},
    "apiKey": {"type", "description", "name", "in"},
    "oauth2": {"type", "description", "flow", "scopes", "authorizationUrl", "tokenUrl"},
}


def check(package: ConnectorPackage) -> Iterator[Violation]:
    for definition in package.swagger.index.security_definitions:
        node = definition.node
        kind = definition.type
        if kind not in _KEYS:
            continue  # a wrong type: SWG001
        needed: tuple[str, ...] = ()
        if kind == "apiKey":
            needed = ("name", "in")
        elif kind == "oauth2":
            flow = node.string("flow")
            needed = ("flow", *_FLOW_NEEDS.get(flow or "", ()))
        for key in needed:
            if not node.has(key):
                yield Violation(node.at(key), f"SecuritySchemePropertyRequired: {kind} scheme '{definition.name}' has no '{key}'.")
        allowed = set(_KEYS[kind])
        if kind == "oauth2":
            flow = node.string("flow")
            allowed = {"type", "description", "flow", "scopes", *_FLOW_NEEDS.get(flow or "", ("authorizationUrl", "tokenUrl"))}
        for key, _ in node.entries():
            if key not in allowed and not key.startswith("x-"):
                yield Violation(node.at(key), f"SecuritySchemePropertyNotValid: '{key}' is not a key of a{'n' if kind[0] in 'aeiou' else ''} {kind} scheme.")
