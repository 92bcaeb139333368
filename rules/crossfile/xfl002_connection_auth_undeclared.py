"""apiProperties asks for OAuth or a secret the swagger never declares or sends.

## Why
The other direction of §6: an `oauthSetting` connection parameter without an `oauth2`
security definition, or a `securestring` parameter when the swagger has no security
definition and no policy template sends it anywhere. Designers, the certification
validator and security reviews read the swagger's `securityDefinitions` to learn how a
connector authenticates; a secret that is collected but never sent is either a mistake or
used in a way reviewers cannot see.

## Severity
Ground: advice — a credential that is asked for and never used is harmless but confusing; a
reviewer should remove it or wire it up. An `oauthSetting` parameter without an `oauth2`
definition is information: the platform sends its token all the same (Planner and Office
365 Users, Microsoft's own, and DocuSign, LawVu, Signi and dox42, certified, declare no
`oauth2` definition and sign in), so only a reader of the swagger alone misses it.

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
from vetter.security import mismatch_violations

RULE = Rule(
    id="XFL002",
    name="connection-auth-undeclared",
    category="crossfile",
    severity=Severity.WARNING,
    tags=("authentication", "consistency"),
    section="6",
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    yield from mismatch_violations(package, "auth-undeclared", {"oauth": Severity.INFO})
