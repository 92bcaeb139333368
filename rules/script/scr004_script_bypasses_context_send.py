"""The script makes its own HTTP calls instead of `Context.SendAsync`.

## Why
`this.Context.SendAsync` sends through the platform: its policies, throttling, logging and
the connection's gateway. `HttpClient`, `WebClient` and `WebRequest` bypass all of that,
and Microsoft's script check warns about them.

## Severity
Ground: advice — own HTTP clients bypass the platform's request pipeline (policies,
logging); Microsoft's script check only warns.

## How to fix
Build an `HttpRequestMessage` and send it with `await this.Context.SendAsync(request,
this.CancellationToken).ConfigureAwait(false)`.

## References
- https://learn.microsoft.com/connectors/custom-connectors/write-code
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Location, Rule, Severity, Violation
from vetter.model.csx import parse_script

RULE = Rule(
    id="SCR004",
    name="script-bypasses-context-send",
    category="script",
    severity=Severity.WARNING,
    tags=("custom-code", "security"),
    section="2.7",
)

_TYPES = ("HttpClient", "WebClient", "HttpWebRequest", "HttpClientHandler", "SocketsHttpHandler")


def check(package: ConnectorPackage) -> Iterator[Violation]:
    script = parse_script(package)
    if script is None:
        return
    for node, name in script.created(*_TYPES):
        line, column = script.where(node)
        yield Violation(Location(script.name, None, line, column), f"The script creates its own {name} instead of sending with Context.SendAsync.", key=f"{line}:{column}")
    for node, receiver, name in script.calls("Create", "CreateHttp"):
        if receiver.rsplit(".", 1)[-1] in ("WebRequest", "HttpWebRequest"):
            line, column = script.where(node)
            yield Violation(Location(script.name, None, line, column), f"The script calls {receiver}.{name} instead of sending with Context.SendAsync.", key=f"{line}:{column}")
