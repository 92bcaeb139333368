"""apiProperties asks for OAuth or a secret the swagger never declares or sends.

## Why
The other direction of §6: an `oauthSetting` connection parameter without an `oauth2`
security definition, or a `securestring` parameter when the swagger has no security
definition and no policy template sends it anywhere. Designers, the certification
validator and security reviews read the swagger's `securityDefinitions` to learn how a
connector authenticates; a secret that is collected but never sent is either a mistake or
used in a way reviewers cannot see.

## How to fix
Declare the authentication in the swagger (`securityDefinitions` with an `oauth2`,
`apiKey` or `basic` entry and a `security` requirement), or send the secret through a
policy template (`setheader`, `setqueryparameter`), or remove the unused parameter.

## Exceptions
A package with a script is not judged for unused secrets (custom code can use them);
parameters referenced by any policy template (`@connectionParameters('name')`) count as
sent, and so do `token:...` sub-parameters, which belong to the OAuth parameter (Coupa's
`token:CoupaClientSecret`).

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/connection-parameters
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation
from vetter.policies import CONNECTION_REF, strings_in

RULE = Rule(
    id="XFL002",
    name="connection-auth-undeclared",
    category="crossfile",
    severity=Severity.WARNING,
    tags=("authentication", "consistency"),
    section="6",
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    definitions = package.swagger.security_definitions
    kinds = {d.type for d in definitions.values()}
    props = package.properties
    used = {m for p in props.policy_templates() for s in strings_in(p.node.get("parameters")) for m in CONNECTION_REF.findall(s)}
    for param in props.all_connection_parameters():
        kind = (param.type or "").lower()
        where = param.node.at("type")
        if kind == "oauthsetting" and "oauth2" not in kinds:
            yield Violation(where, f"Connection parameter '{param.name}' is OAuth but the swagger declares no oauth2 security definition.", key="oauth")
        elif kind == "securestring" and not definitions and package.script is None and param.name not in used and ":" not in param.name:
            yield Violation(where, f"Secret connection parameter '{param.name}' is never sent: the swagger has no security definition and no policy template uses it.", key="secret")
