"""A credential in a known format (cloud key, token, private key) is shipped.

## Why
Connector packages are published: in the certified and independent-publisher
repositories, in solution exports and in every environment the connector is imported
into. A key in a recognisable format (Azure storage or Service Bus keys, AAD client
secrets, AWS access keys, GitHub, Slack, Google or Stripe tokens, PEM private keys)
is found by anyone who scans public code, usually within minutes. The formats are
Microsoft's own secret rules (`SEC101/...`, from the microsoft-security-utilities-secret-masker
package) and well-known token prefixes. A secret without a format of its own is found by
the identifier it is issued with, as the well-known rule sets do: an AWS secret access key
(40 characters) beside an `AKIA...` key id, Alibaba, Tencent and Twilio secrets beside
their ids, a Google OAuth client secret beside its client id, a legacy Azure storage key
beside its account's host. Passwords in URLs are CRD009.

## Severity
Ground: security — a working credential in a recognisable format is published with the
package.

## How to fix
Remove the value, revoke or rotate it at its issuer (assume it is compromised), and let
the connection supply it: a `securestring` connection parameter, or OAuth.

## Exceptions
Placeholders (`YOUR_API_KEY`, `xxxx`, `<token>`, `{{key}}`, `[[DUMMY]]`, `null`) and
expressions (`@parameters(...)`) are not reported. In a token's own format a placeholder word
counts only when it is written as a word (`ghp_YourTokenHere…`, `AKIAIOSFODNN7EXAMPLE`): a
random token holds `demo` or `yOuR` by chance, and is reported. Findings show the value only in redacted
form (kind, length, first characters, a short hash).

## References
- https://learn.microsoft.com/connectors/custom-connectors/certification-submission
- https://github.com/microsoft/security-utilities
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation
from vetter.security.secrets import secret_violations

RULE = Rule(
    id="CRD001",
    name="known-format-secret",
    category="secrets",
    severity=Severity.ERROR,
    tags=('security', 'secrets'), section="2.7",
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    yield from secret_violations(package, "known-format", "a credential in a known format ({kind})")
