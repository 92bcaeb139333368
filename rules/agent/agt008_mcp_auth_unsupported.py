"""The MCP connector authenticates in a way Copilot Studio does not offer for MCP.

## Why
Copilot Studio documents three ways an agent authenticates to an MCP server: none, an API
key, or OAuth 2.0 (with dynamic discovery, dynamic client registration, or a manual client
id and secret). A connector that signs in with basic authentication, a client certificate,
Windows authentication or an on-premises gateway is outside what Microsoft documents for
MCP: expect the agent's connection to fail, and review how the credential is shared.

## How to fix
Use an API key or OAuth 2.0 (Microsoft Entra ID or a generic OAuth provider) for the MCP
connector.

## Severity
Ground: advice — only none, API key and OAuth 2.0 are documented for MCP servers (Microsoft Learn, mcp-add-existing-server-to-agent and mcp-create-new-server, "Authentication support"); others are not documented to fail.

## References
- https://learn.microsoft.com/microsoft-copilot-studio/mcp-add-existing-server-to-agent
- https://learn.microsoft.com/microsoft-copilot-studio/mcp-create-new-server
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, RunOptions, Severity, Violation
from vetter.agent import agent_profile
from vetter.security import security_profile

RULE = Rule(
    id="AGT008",
    name="mcp-auth-unsupported",
    category="agent",
    severity=Severity.WARNING,
    tags=("agent",),
)

SUPPORTED = {"none", "apikey", "oauth2", "oauth2generic", "aad", "first-party"}
WORDS = {"basic": "basic authentication (user name and password)", "aadcertificate": "a client certificate",
         "windows": "Windows authentication", "gateway": "an on-premises data gateway"}


def check(package: ConnectorPackage, options: RunOptions | None = None) -> Iterator[Violation]:
    if not agent_profile(package, options).operations:
        return
    for scheme in security_profile(package).auth.schemes:
        if scheme.kind not in SUPPORTED:
            label = f" (connection parameter set '{scheme.set_name}')" if scheme.set_name else ""
            yield Violation(scheme.evidence[0].location if scheme.evidence else package.swagger.root.loc,
                            f"The MCP connector signs in with {WORDS.get(scheme.kind, scheme.kind)}{label}; Copilot Studio documents none, API key and OAuth 2.0 for MCP servers.",
                            key=f"{scheme.set_name}:{scheme.kind}")
