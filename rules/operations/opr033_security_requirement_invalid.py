"""A security requirement names an undefined scheme or lists the wrong scopes.

## Why
Each entry of `security` (at the root or on an operation) maps a name in
`securityDefinitions` to a list of scopes. The validator checks each (codes named in the
finding): the name must be defined (SecurityRequirementMustBeDefined); the value must be a
list, `[]` at least (SecurityRequirementMustHaveValue); basic and API-key schemes take no
scopes (SecurityRequirementMustHaveEmptyValue); OAuth 2.0 scopes must be declared in the
definition's `scopes` (OAuthSecurityRequirementValueMustBeScopeName).

## Severity
Ground: advice — the platform signs a connection in from apiProperties.json's connection
parameters, not from the swagger's security requirements, so a wrong requirement changes
nothing at run time; no validator output showing these codes as errors has been seen, and 18
of the 282 certified connectors in the corpus name an undefined scheme.

## How to fix
Name a scheme from `securityDefinitions`; give basic and apiKey schemes `[]`; list only
scopes the OAuth definition declares (or add them to its `scopes`).

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-swagger-validator-rules
- https://swagger.io/specification/v2/#security-requirement-object
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation

RULE = Rule(
    id="OPR033",
    name="security-requirement-invalid",
    category="operations",
    severity=Severity.WARNING,
    aliases=(
        "SecurityRequirementMustBeDefined",
        "SecurityRequirementMustHaveValue",
        "SecurityRequirementMustHaveEmptyValue",
        "OAuthSecurityRequirementValueMustBeScopeName",
    ),
    tags=("certification", "security"),
    section="1.7",
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    swagger = package.swagger
    definitions = swagger.security_definitions
    for requirement in swagger.index.security_requirements:
        for name, value in requirement.node.entries():
            definition = definitions.get(name)
            if definition is None:
                yield Violation(requirement.node.at(name), f"SecurityRequirementMustBeDefined: '{name}' is not in securityDefinitions.")
                continue
            if not isinstance(value.data, list):
                yield Violation(value.loc, f"SecurityRequirementMustHaveValue: the requirement for '{name}' must be a list of scopes ([] for none).")
                continue
            kind = definition.type
            if kind in ("basic", "apiKey") and value.data:
                yield Violation(value.loc, f"SecurityRequirementMustHaveEmptyValue: '{name}' is {kind}; its requirement takes no scopes.")
            elif kind == "oauth2":
                declared = definition.node.mapping("scopes") or {}
                for i, scope in enumerate(value.data):
                    if isinstance(scope, str) and scope not in declared:
                        yield Violation(value.at(i), f"OAuthSecurityRequirementValueMustBeScopeName: scope '{scope}' is not declared in '{name}'.")
