"""The OAuth connection asks for a broad scope.

## Why
`.default`, `*.All`, `Directory.*`, `full_access`-style scopes and `offline_access`
grant far more than a connector's operations usually need: every co-owner of a flow
using the connection acts with them, and `offline_access` keeps the access alive with a
refresh token.

## Severity
Ground: security — a broad scope grants more than the connector needs; a warning, as the
scope may be what the API requires.

## How to fix
Replace the scope with the narrowest ones the operations need (for Microsoft Graph, the
specific `Resource.Read` permissions); keep `offline_access` only when flows must run
without the user present.

## References
- https://learn.microsoft.com/connectors/protection
- https://learn.microsoft.com/power-platform/admin/connector-endpoint-filtering
"""

import re
from collections.abc import Iterator

from vetter import ConnectorPackage, Location, Rule, Severity, Violation
from vetter.security import security_profile

RULE = Rule(
    id="SEC004",
    name="oauth-scope-broad",
    category="security",
    severity=Severity.WARNING,
    tags=("security",),
    section="4.3",
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    p = security_profile(package)
    for s in p.auth.schemes:
        o = s.oauth
        if o is None:
            continue
        for i, scope in enumerate(o.scopes):
            why = broad(scope)
            if why:
                where = Location(o.scopes_evidence.file, f"{o.scopes_evidence.pointer}/{i}")
                yield Violation(where, f"Scope '{scope}' is broad: {why}.", key=scope)


_BROAD = re.compile(r"(^|[./:_-])(full[_-]?access|fullaccess|full|admin|\*)$", re.IGNORECASE)


_FULL = {  # provider scopes documented as full access
    "https://www.googleapis.com/auth/cloud-platform": "it grants full access to every Google Cloud service the user can reach",
    "https://mail.google.com/": "it grants full access to the Gmail mailbox",
    "https://www.googleapis.com/auth/drive": "it grants full access to every file in Google Drive",
}


def broad(scope: str) -> str | None:
    low = scope.lower().strip()
    if low.endswith("/.default") or low == ".default":
        return "it grants every permission consented for the app"
    if low == "offline_access":
        return "it keeps access alive with a refresh token"
    if low.endswith(".all"):
        return "it reaches every item of the tenant, not only the user's"
    if "directory." in low:
        return "it reaches the whole directory"
    if low in _FULL:
        return _FULL[low]
    if _BROAD.search(low):
        return "it grants full access"
    return None
