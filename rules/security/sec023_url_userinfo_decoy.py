"""A URL writes a host name as its user info, to hide the host it calls.

## Why
In `https://api.contoso.com@files.example.io/v1` everything before the `@` is user info: the
request goes to `files.example.io`. A reviewer reading the swagger, a policy template or the
script sees `api.contoso.com` first, and an allow list written from that reading lets the call
through. No connector needs a host name as a user name; the shape exists to mislead. vetter's
map of hosts already shows the host called; this rule says that the text reads otherwise.

It reads every fixed URL the map was built from: the swagger `host` and
`x-ms-parameterized-host`, the policy templates' URLs, the OAuth URLs and the script's
literal URLs. The user name counts, also with a password after it: `api.contoso.com:443@`
reads as a host and its port (the password itself is the secret scan's, CRD rules); a user
name that is not a name under a real public suffix (`john.doe@`, `apikey:...@`) is not a decoy.
A swagger `host` with an `@` is also HostNameNotValid (SWG021), which leaves it to this rule
when this rule runs.

## Severity
Ground: security — the text hides where the connection's data and credentials go from the
people who review it and from allow lists written from it.

## How to fix
Write the host the connector calls, and only it: `https://files.example.io/v1`. If the
service needs a user name in the URL, it is not a host name; pass credentials through the
connection's authentication instead.

## References
- https://datatracker.ietf.org/doc/html/rfc3986#section-3.2.1
- https://learn.microsoft.com/connectors/protection
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, RunOptions, Severity, Violation
from vetter.security import security_profile
from vetter.security.hosts import userinfo_decoy

RULE = Rule(
    id="SEC023",
    name="url-userinfo-decoy",
    category="security",
    severity=Severity.ERROR,
    tags=("security",),
    section="7",
)


def check(package: ConnectorPackage, options: RunOptions | None = None) -> Iterator[Violation]:
    for h in security_profile(package, options).hosts:  # a swagger host a policy template replaces misleads its reader too
        if not h.fixed or h.host is None:
            continue  # a template: its '@' may start an expression
        for found in h.found:
            decoy = userinfo_decoy(found.text) if found.text is not None and "@" in found.text else None
            if decoy is not None:
                written, called = decoy
                yield Violation(
                    found.evidence.location,
                    f"The URL writes '{written}' before an '@': that is user info, and the call goes to '{called}'.",
                    key=f"{h.name}:{found.role}",
                )
