r"""The host is not a bare host name and port, or basePath does not start with '/'.

## Why
`host` is a bare host name with an optional port (`api.contoso.com`, `api.contoso.com:8443`);
a scheme (`https://`), a path or spaces make every call go to a wrong URL
(HostNameNotValid). `basePath` must start with `/` (BasePathNotValid). The shipped schema's
patterns are used: host `^[^{}/ :\\]+(?::\d+)?$`, basePath `^/`. The finding names its code.

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


def check(package: ConnectorPackage) -> Iterator[Violation]:
    root = package.swagger.root
    host = root.string("host")
    if host is not None and not _HOST.match(host):
        yield Violation(root.at("host"), f"HostNameNotValid: host '{host}' is not a bare host name with an optional port.")
    base = root.string("basePath")
    if base is not None and not base.startswith("/"):
        yield Violation(root.at("basePath"), f"BasePathNotValid: basePath '{base}' does not start with '/'.")
