"""An OAuth client secret is in the package.

## Why
A connector's OAuth client secret must not be committed: certification requires that the
pull request contains no client ids or secrets beyond clearly marked dummy values, and a
published secret lets anyone impersonate the connector's OAuth app. Placeholders such as
`[[DUMMY]]` or `<client secret>` are not reported.

## Severity
Ground: security — a published client secret lets anyone impersonate the connector's OAuth
app; certification also requires that the pull request holds none (repository README).

## How to fix
Replace the value with a placeholder, rotate the secret at the identity provider, and
supply the real one when the connector is deployed (`paconn create --secret`).

## Exceptions
Placeholders (`YOUR_API_KEY`, `xxxx`, `<token>`, `{{key}}`, `[[DUMMY]]`, `null`) and
expressions (`@parameters(...)`) are not reported. Findings show the value only in redacted
form (kind, length, first characters, a short hash).

## References
- https://learn.microsoft.com/connectors/custom-connectors/certification-submission
- https://github.com/microsoft/security-utilities
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation
from vetter.security.secrets import secret_violations

RULE = Rule(
    id="CRD005",
    name="client-secret",
    category="secrets",
    severity=Severity.ERROR,
    tags=('security', 'secrets', 'certification'), section="2.7",
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    yield from secret_violations(package, "client-secret", "an OAuth client secret")
