"""The OAuth connection asks for a broad scope.

## Why
`.default`, `*.All`, `Directory.*`, `full_access`-style scopes and `offline_access`
grant far more than a connector's operations usually need: every co-owner of a flow
using the connection acts with them, and `offline_access` keeps the access alive with a
refresh token.

`.All` and `Directory.*` mean "every item of the tenant" and "the whole directory" only in
Microsoft Graph's permission names, and `/.default` only in Microsoft Entra ID: a vendor's
own scope that happens to end in `.all` (`ZohoCalendar.calendar.ALL`,
`https://elite.com/prod/live/3e/ewh.all`) means what that vendor says. So they are reported
only for Graph scopes (`https://graph.microsoft.com/...`, or a bare permission name when
the connection signs in with Entra ID) and Entra resources.

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


_ENTRA_LOGIN = ("login.microsoftonline.com", "login.windows.net", "login.microsoft.com", "login.microsoftonline.us", "login.chinacloudapi.cn")


def check(package: ConnectorPackage) -> Iterator[Violation]:
    p = security_profile(package)
    for s in p.auth.schemes:
        o = s.oauth
        if o is None:
            continue
        entra = o.provider.lower() in ("aad", "aadcertificate") or any(
            host in url.lower() for url, _ in o.urls.values() for host in _ENTRA_LOGIN
        )
        for i, scope in enumerate(o.scopes):
            why = broad(scope, entra)
            if why:
                where = Location(o.scopes_evidence.file, f"{o.scopes_evidence.pointer}/{i}")
                yield Violation(where, f"Scope '{scope}' is broad: {why}.", key=scope)


_BROAD = r"(^|[./:_-])(full[_-]?access|fullaccess|full|admin|\*)$"  # compiled on first use (re's cache)


_FULL = {  # provider scopes documented as full access
    "https://www.googleapis.com/auth/cloud-platform": "it grants full access to every Google Cloud service the user can reach",
    "https://mail.google.com/": "it grants full access to the Gmail mailbox",
    "https://www.googleapis.com/auth/drive": "it grants full access to every file in Google Drive",
}


_GRAPH = "https://graph.microsoft.com/"


def broad(scope: str, entra: bool = False) -> str | None:
    """Why a scope is broad, or None; ``entra``: the connection signs in with Microsoft Entra ID."""
    low = scope.lower().strip()
    if low.endswith("/.default") or low == ".default":
        return "it grants every permission consented for the app"
    if low == "offline_access":
        return "it keeps access alive with a refresh token"
    graph = low[len(_GRAPH):] if low.startswith(_GRAPH) else (low if entra and ":" not in low and "/" not in low else None)
    if graph is not None and graph.endswith(".all"):
        return "it reaches every item of the tenant, not only the user's"
    if graph is not None and graph.startswith("directory."):
        return "it reaches the whole directory"
    if low in _FULL:
        return _FULL[low]
    if re.search(_BROAD, low, re.IGNORECASE):
        return "it grants full access"
    return None
