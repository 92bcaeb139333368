"""Where the MCP operation's requests go is not known.

## Why
The connector's tools come from the server its MCP operation calls. With an empty host, a
placeholder (`dummyurl.contoso.com`, `{host}`, `example.com`) or a name that is not a
public host, and no script or policy template that serves or routes the call, the package
names no server: the connector does not work as published, and a reviewer cannot say whose
tools an agent would get. Microsoft's sample connector ships such a placeholder to be
replaced before use.

## How to fix
Set `host` (and `basePath`) to the MCP server's real address, or serve the MCP calls from
`script.csx`, or route them with a policy template to a fixed host.

## Severity
Ground: breaks — the MCP operation calls a host that serves nothing; warning, as SEC012 already reports the placeholder host itself.

## References
- https://learn.microsoft.com/microsoft-copilot-studio/mcp-add-existing-server-to-agent
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, RunOptions, Severity, Violation
from vetter.agent import agent_profile

RULE = Rule(
    id="AGT006",
    name="mcp-server-unknown",
    category="agent",
    severity=Severity.WARNING,
    tags=("agent",),
)


def check(package: ConnectorPackage, options: RunOptions | None = None) -> Iterator[Violation]:
    server = agent_profile(package, options).server
    if server is not None and server.origin == "unknown":
        yield Violation(server.evidence, server.note)
