"""A tool takes a URL or host name as free text.

## Why
An input the model fills with any URL or host (`url`, `webhookUrl`, `endpoint`, `format:
uri`) is a way out for data: an injected instruction, in a document or a web page the
agent reads, can make the model call the tool with an address of the attacker's choosing
and the conversation's data in the request. It is also how a server is made to fetch
internal addresses for someone (SSRF).

## How to fix
Take an identifier the server resolves to a known address (`siteId`, an enum of allowed
hosts), or pin the input with `enum` or a `pattern` of allowed hosts; check the address on
the server before using it.

## Severity
Ground: security — a free address input is a data-exfiltration channel for a prompt-injected model; warning, as fetching a user's URL can be the tool's purpose.

## References
- https://modelcontextprotocol.io/specification/2025-06-18/basic/security_best_practices
- https://owasp.org/www-community/attacks/Server_Side_Request_Forgery
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, RunOptions, Severity, Violation
from vetter.agent import agent_profile
from vetter.agent.texts import input_properties, is_free_url_input

RULE = Rule(
    id="AGT018",
    name="tool-url-input",
    category="agent",
    severity=Severity.WARNING,
    tags=("agent", "security"),
)


def check(package: ConnectorPackage, options: RunOptions | None = None) -> Iterator[Violation]:
    tools = agent_profile(package, options).tools
    for tool in tools.tools if tools is not None else ():
        for keys, name, prop in input_properties(tool.input_schema):
            if is_free_url_input(name, prop):
                yield Violation(tool.at("inputSchema", *keys), f"Input '{name}' of tool '{tool.label}' takes any URL or host: the model can be led to send data to an address of someone else's choosing.",
                                key="/".join(keys))
