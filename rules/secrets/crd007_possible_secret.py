"""A high-entropy value next to a secret-like name, a JWT or a bearer token.

## Why
Heuristic: a random-looking value assigned to a name such as `apiKey`, `token` or
`password` (in JSON, in the script, in the readme; in the script also as a JSON body written
inside a string, `"{\\"api_key\\": \\"...\\"}"` or `@"{""api_key"": ""...""}"`, and as an
indexer, `["api_key"] = "..."`) or given to such a query parameter of a
URL (`?api_key=...`, outside the swagger, whose parameters CRD006 reads), a JSON Web Token
or a bearer token is often a real credential pasted in while testing.

## Severity
Ground: security — a likely credential is published with the package; a heuristic (entropy
next to a secret-like name), so a warning for a reviewer to confirm.

## How to fix
Check the value; if it is real, remove it and rotate it. Use an obvious placeholder
(`<your API key>`) in examples.

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
    id="CRD007",
    name="possible-secret",
    category="secrets",
    severity=Severity.WARNING,
    tags=('security', 'secrets'),
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    yield from secret_violations(package, "possible", "a value that looks like a secret")
