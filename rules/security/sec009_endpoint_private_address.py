"""An endpoint is an IP literal, a private address or an internal name.

## Why
A connector runs in Microsoft's cloud: a loopback, private, link-local, CGNAT or
cloud-metadata address (169.254.169.254) or an internal name (`localhost`, `.local`,
`.internal`) points the platform at a network it should not reach, the pattern of
server-side request forgery. An address is read in every spelling .NET's `Uri` and browsers
accept for an http(s) host, not only the dotted quad: `0x7f.1`, `2130706433`, `0177.0.0.1` and
`127.1` are all 127.0.0.1, a loopback address, and are reported as one. A URL's host ends
at a backslash as at a slash, as the WHATWG URL parser reads it, and .NET's `Uri` looks for
user info no further than a backslash: `https://127.0.0.1\\@api.contoso.com` is 127.0.0.1,
never the name after the `@`. An address or a name in look-alike Unicode (full-width digits,
ideographic full stops, circled letters: `１２７。０。０。１`, `ⓛⓞⓒⓐⓛⓗⓞⓢⓣ`) is read as the
ASCII it stands for, since browsers map a URL's host that way (UTS #46) before they read it;
SEC012 reports such a host as an invalid name too. A public IP literal
cannot carry a certificate for a name and moves when the service does. With `--online`, a
public name whose DNS answer is in one of those ranges is reported too.

## Severity
Ground: security — a private, loopback or metadata address points the platform at a network
it must not reach (server-side request forgery).

## How to fix
Use the service's public DNS name. For an on-premises system use the on-premises data
gateway instead of an address.

## References
- https://learn.microsoft.com/connectors/protection
- https://learn.microsoft.com/power-platform/admin/connector-endpoint-filtering
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, RunOptions, Severity, Violation
from vetter.security import security_profile
from vetter.security.model import sentence

RULE = Rule(
    id="SEC009",
    name="endpoint-private-address",
    category="security",
    severity=Severity.ERROR,
    tags=("security",),
    section="7",
)


def check(package: ConnectorPackage, options: RunOptions | None = None) -> Iterator[Violation]:
    profile = security_profile(package, options)
    for h in profile.egress:
        online = profile.online.for_host(h.host) if profile.online is not None and h.host else None
        if online is not None and online.private:
            yield Violation(h.first.location, f"'{h.name}' resolves to {', '.join(online.private)} (--online DNS check).", key=f"dns:{h.name}")
        for flag in ("private-address", "reserved-name", "ip-literal"):
            if flag in h.flags:
                severity = Severity.WARNING if flag == "ip-literal" and "private-address" not in h.flags else None
                yield Violation(h.first.location, sentence(h.note(flag)) + ".", key=h.name, severity=severity)
                break
