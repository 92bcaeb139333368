"""An Azure Functions key (`code=` or `x-functions-key`) is in the package.

## Why
An Azure Functions key in a `code=` query or an `x-functions-key` header lets anyone call
the function. Shipped as a default or in a URL it is public with the package.

## Severity
Ground: security — whoever has the key can call the function.

## How to fix
Renew the function key in the Function App, and pass the key from a `securestring`
connection parameter (an API key security definition on `x-functions-key` or `code`).

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
    id="CRD003",
    name="functions-key",
    category="secrets",
    severity=Severity.ERROR,
    tags=('security', 'secrets'),
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    yield from secret_violations(package, "functions-key", "an Azure Functions key")
