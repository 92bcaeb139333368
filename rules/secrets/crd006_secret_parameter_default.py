"""A parameter named like a secret has a secret-looking default or test value.

## Why
A parameter or property named key, token, secret or password whose `default`,
`x-ms-test-value` or `example` is a long random-looking string (not a placeholder) very
likely ships a real credential, visible to anyone with the package. So does an
`Authorization` header whose value after its scheme word (`Bearer`, `Basic`) is one. The
`default` of an `internal` header or query parameter is what every call sends: SEC022
reports that one (a fixed credential, an error) instead.

## Severity
Ground: security — a secret-looking default is published with the package; it is a warning
because the value may be a sample, which a reviewer confirms.

## How to fix
Remove the default (or use an obvious placeholder), rotate the value if it was real, and
take the secret from the connection (a `securestring` connection parameter).

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
    id="CRD006",
    name="secret-parameter-default",
    category="secrets",
    severity=Severity.WARNING,
    tags=('security', 'secrets'),
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    yield from secret_violations(package, "parameter-default", "a default that looks like a real secret")
