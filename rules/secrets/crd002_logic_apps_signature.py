"""A Logic Apps trigger URL signature (`sig=`) is in the package.

## Why
A Logic Apps HTTP trigger URL carries its own shared access signature in `sig=`: whoever
has the URL can run the workflow. Connectors that wrap a Logic App often ship the
`sig` as a parameter default with `x-ms-visibility: internal`, which hides it from
makers but not from anyone who reads the package (corpus survey §3.13).

## Severity
Ground: security — whoever has the trigger URL can run the workflow.

## How to fix
Regenerate the workflow's access keys (which invalidates the signature), and put the
signature in a `securestring` connection parameter or an API Management policy instead
of the swagger.

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
    id="CRD002",
    name="logic-apps-signature",
    category="secrets",
    severity=Severity.ERROR,
    tags=('security', 'secrets'),
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    yield from secret_violations(package, "logic-apps", "a Logic Apps trigger signature")
