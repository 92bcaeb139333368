"""A URL carries credentials in its userinfo (`https://user:password@host`).

## Why
A password (or token) written into a URL travels with every copy of the package: the
readme, the swagger `host`, a policy template, the script. It is also logged by proxies,
browsers and HTTP clients that print URLs, and the platform does not treat a swagger
`host` as a secret: every maker who opens the connector sees it. A `host` with userinfo is
not a valid Swagger 2.0 host either.

## How to fix
Remove the credentials from the URL and rotate them (assume they are compromised). Let the
connection supply them: basic authentication or a `securestring` connection parameter sent
in a header by the swagger's `securityDefinitions` or a policy template.

## Exceptions
Placeholders (`https://user:password@host`, `{username}:{password}@`, `<password>`) are not
reported. Findings show the password (not the user name) only in redacted form.

## Severity
Ground: security — a credential committed in the package is exposed to everyone who has it.

## References
- https://datatracker.ietf.org/doc/html/rfc3986#section-7.5
- https://learn.microsoft.com/connectors/custom-connectors/certification-submission
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation
from vetter.security.secrets import secret_violations

RULE = Rule(
    id="CRD009",
    name="url-credentials",
    category="secrets",
    severity=Severity.ERROR,
    tags=("security", "secrets"),
    section="2.7",
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    yield from secret_violations(package, "url-credentials", "a credential in a URL's userinfo")
