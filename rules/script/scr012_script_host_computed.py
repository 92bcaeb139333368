"""The script sends requests to a host that is only known at run time.

## Why
A host built from a header, a connection value or a response (`https://{region}.api...`,
`uriBuilder.Host = domain`) cannot be checked before the connector runs: reviewers and
data-loss policies see the swagger `host`, while the script may send the request, with the
connection's credentials, anywhere (corpus survey §3.12). When the host comes from user
input it can also be pointed at internal services.

## Severity
Ground: security — where the data goes is decided at run time, so DLP endpoint filtering
cannot evaluate it; a warning, as the host may be constrained elsewhere.

## How to fix
Send to fixed hosts, or check the computed host against an allow list in the script (and
document the hosts in the readme), so the egress is known.

## References
- https://learn.microsoft.com/connectors/custom-connectors/write-code
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Location, Rule, Severity, Violation
from vetter.model.csx import parse_script, script_hosts

RULE = Rule(
    id="SCR012",
    name="script-host-computed",
    category="script",
    severity=Severity.WARNING,
    tags=("custom-code", "security", "egress"),
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    script = parse_script(package)
    if script is None:
        return
    for host in script_hosts(package):
        if host.kind == "computed":
            yield Violation(Location(script.name, None, host.line, host.column),
                            f"The request's host is computed at run time from '{host.text[:80]}' ({host.evidence}).",
                            key=f"{host.line}:{host.column}:{host.text[:40]}")
