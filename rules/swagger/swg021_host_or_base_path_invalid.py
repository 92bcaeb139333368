r"""The host is not a bare host name and port, or basePath does not start with '/'.

## Why
`host` is a bare host name with an optional port (`api.contoso.com`, `api.contoso.com:8443`);
a scheme (`https://`), a path or spaces make every call go to a wrong URL
(HostNameNotValid). `basePath` must start with `/` (BasePathNotValid). The shipped schema's
patterns are used: host `^[^{}/ :\\]+(?::\d+)?$`, basePath `^/`. The finding names its code.

The schema's pattern lets three characters through that no host name holds and that change
where a URL built from the host goes: `@` ends user info, so `api.contoso.com@files.example.io`
calls `files.example.io` while a reader sees `api.contoso.com` (the map of hosts shows the one
called); `?` and `#` start a query or a fragment, so the basePath and the operation's path never
reach the server as a path. These are HostNameNotValid too, and the message says where the
calls go; a host name written before the `@` is left to SEC023 (url-userinfo-decoy) when that
rule runs.

## Severity
Ground: breaks — a host with a scheme, a path or spaces, or a basePath without a leading
`/`, makes every call go to a wrong URL.

## How to fix
Put the scheme in `schemes`, the path in `basePath` (starting with `/`), and only the host
name and port in `host`.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-swagger-validator-rules
"""

import re
from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation
from vetter.security.hosts import userinfo_decoy

RULE = Rule(
    id="SWG021",
    name="host-or-base-path-invalid",
    category="swagger",
    severity=Severity.ERROR,
    aliases=("HostNameNotValid", "BasePathNotValid"),
    tags=("certification", "transport"),
    section="1.5",
)

_HOST = re.compile(r"^[^{}/ :\\]+(?::\d+)?$")


def _rerouted(host: str) -> str | None:
    """What a URL built from ``host`` does with a character the schema's pattern lets through, or None."""
    cut = min((i for i in (host.find("?"), host.find("#")) if i >= 0), default=-1)
    authority = host if cut < 0 else host[:cut]
    if "@" in authority:
        called = authority.rpartition("@")[2]
        return f"holds '@': the part before it is read as user info, and a URL built from it calls '{called}'."
    if cut >= 0:
        return f"holds '{host[cut]}': a URL built from it ends its host there, and the basePath and path are read as a {'query' if host[cut] == '?' else 'fragment'}."
    return None


def check(package: ConnectorPackage) -> Iterator[Violation]:
    root = package.swagger.root
    host = root.string("host")
    if host is not None and not _HOST.match(host):
        yield Violation(root.at("host"), f"HostNameNotValid: host '{host}' is not a bare host name with an optional port.")
    elif host is not None and (said := _rerouted(host)) is not None:
        # a host name written as user info is SEC023's, when it runs: one slip, one finding
        left_to = "SEC023" if userinfo_decoy(host) is not None else None
        yield Violation(root.at("host"), f"HostNameNotValid: host '{host}' {said}", left_to=left_to)
    base = root.string("basePath")
    if base is not None and not base.startswith("/"):
        yield Violation(root.at("basePath"), f"BasePathNotValid: basePath '{base}' does not start with '/'.")
