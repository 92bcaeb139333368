"""The OAuth connection asks for no scopes.

## Why
With no scopes the identity provider grants its default, which is often everything the
user can do. Reviewers cannot tell what access the connection gets.

## Severity
Ground: advice — without scopes the provider grants its default, which may be more or less
than needed; a reviewer checks.

## How to fix
List in `oAuthSettings.scopes` the narrowest scopes the operations need (and declare
them in the swagger's oauth2 definition).

## References
- https://learn.microsoft.com/connectors/protection
- https://learn.microsoft.com/power-platform/admin/connector-endpoint-filtering
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation
from vetter.security import security_profile

RULE = Rule(
    id="SEC003",
    name="oauth-scopes-missing",
    category="security",
    severity=Severity.WARNING,
    tags=("security",),
    section="4.3",
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    p = security_profile(package)
    for s in p.auth.schemes:
        o = s.oauth
        if o is None or s.kind not in ("oauth2", "oauth2generic", "first-party") or o.scopes:
            continue
        if s.kind == "oauth2generic" and any("scope=" in (u or "").lower() for u, _e in o.urls.values()):
            continue
        yield Violation(o.scopes_evidence.location, f"The {s.kind} sign-in requests no scopes: the provider decides what access it grants.", key=s.set_name)
