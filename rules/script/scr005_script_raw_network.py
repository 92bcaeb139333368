"""The script opens raw network connections (sockets, TCP, UDP).

## Why
Custom code may only make HTTP calls through the platform. Sockets, `TcpClient` and
`UdpClient` are blocked in the sandbox, and Microsoft's script check rejects them.

## Severity
Ground: breaks — the sandbox blocks sockets, so the code fails at run time; Microsoft's
script check reports it as an error.

## How to fix
Remove the socket code; reach the service over HTTPS with `Context.SendAsync`.

## References
- https://learn.microsoft.com/connectors/custom-connectors/write-code
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Location, Rule, Severity, Violation
from vetter.model.csx import parse_script

RULE = Rule(
    id="SCR005",
    name="script-raw-network",
    category="script",
    severity=Severity.ERROR,
    tags=("custom-code", "security"),
    section="2.7",
)

_TYPES = ("Socket", "TcpClient", "UdpClient", "TcpListener", "UdpListener", "NetworkStream", "SslStream", "ClientWebSocket")


def check(package: ConnectorPackage) -> Iterator[Violation]:
    script = parse_script(package)
    if script is None:
        return
    for node, name in script.created(*_TYPES):
        line, column = script.where(node)
        yield Violation(Location(script.name, None, line, column), f"The script opens a raw network connection ({name}).", key=f"{line}:{column}")
