"""A shared access signature (`sv=...&sig=`) is in the package.

## Why
A storage, Service Bus or Event Hubs SAS URL grants what its permissions say until it
expires, to whoever holds it. In a package it is public.

## Severity
Ground: security — the signature grants its permissions to whoever holds it until it
expires.

## How to fix
Revoke the SAS (rotate the account key or remove the stored access policy it uses), and
let the connection supply credentials instead of a signed URL.

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
    id="CRD004",
    name="sas-signature",
    category="secrets",
    severity=Severity.ERROR,
    tags=('security', 'secrets'),
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    yield from secret_violations(package, "sas", "a shared access signature")
