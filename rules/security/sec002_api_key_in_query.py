"""The API key travels in the query string.

## Why
A key in the URL ends up in proxy, server and browser logs, in referrer headers and in
the platform's own request traces: anyone who can read a log can call the service as the
connection.

## Severity
Ground: security — a key in the query string ends up in logs and proxies; a warning, as some
APIs accept no other way.

## How to fix
Send the key in a header (`"in": "header"`, or a `setheader` policy template) if the
service accepts it; otherwise ask the vendor for header authentication.

## References
- https://learn.microsoft.com/connectors/protection
- https://learn.microsoft.com/power-platform/admin/connector-endpoint-filtering
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation
from vetter.security import security_profile

RULE = Rule(
    id="SEC002",
    name="api-key-in-query",
    category="security",
    severity=Severity.WARNING,
    tags=("security",),
    section="6.3",
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    p = security_profile(package)
    for s in p.auth.schemes:
        if s.api_key_in == "query":
            where = s.api_key_evidence or s.evidence[0]
            yield Violation(where.location, f"The API key '{s.api_key_name or '?'}' is sent in the query string, where logs keep it.", key=s.set_name)
