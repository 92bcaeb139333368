"""The script writes credentials (authorization headers, keys, tokens) to its log.

## Why
`Context.Logger` output is collected by the platform (and, for certified connectors, by
Microsoft); logging the `Authorization` header, every request header, or a variable holding
a key or token copies the connection's credentials into logs that other people read.

## Severity
Ground: security — credentials written to the log are readable by whoever reads the logs; a
warning, as the pattern match may meet a redacted value.

## How to fix
Log what happened, not the credentials: drop the header values (or log only their names),
and never log variables that hold keys, tokens or passwords.

## References
- https://learn.microsoft.com/connectors/custom-connectors/write-code#logging
"""

import re
from collections.abc import Iterator

from vetter import ConnectorPackage, Location, Rule, Severity, Violation
from vetter.model.csx import parse_script
from vetter.security.secrets import is_secret_name

RULE = Rule(
    id="SCR009",
    name="script-logs-secret",
    category="script",
    severity=Severity.WARNING,
    tags=("custom-code", "security"),
    section="2.7",
)

_AUTH = r"Authorization|Ocp-Apim-Subscription-Key|X-Api-Key|api[_-]?key|\.Password\b"  # compiled on first use (re's cache)


def _leak(script, node) -> str | None:
    """What a log call's argument exposes, or None."""
    for arg in script.arguments(node):
        text = script.text(arg)
        if re.search(_AUTH, text, re.IGNORECASE):
            return "an authorization header or key"
        if re.search(r"Request\.Headers(?!\.(?:GetValues|TryGetValues|Contains)\(\s*\"(?!Authorization)[^\"]*\")\s*[}\)]?", text) and "Headers." not in text:
            return "all request headers"
        # a loop over the request headers that logs each value
        parent = node.parent
        while parent is not None and parent.type != "foreach_statement":
            parent = parent.parent
        if parent is not None:
            collection = parent.child_by_field_name("right")
            variable = parent.child_by_field_name("left")
            if collection is not None and variable is not None and "Headers" in script.text(collection):
                name = script.text(variable)
                if re.search(rf"\b{re.escape(name)}\.Value\b|\b{re.escape(name)}\b(?!\.Key)", text):
                    return "every header value of the request"
        for ident in script.inside("identifier", arg):
            if (ident.parent is not None and ident.parent.type == "member_access_expression"
                    and ident.parent.child_by_field_name("name") == ident):
                continue  # header.Key: a member name, not a variable
            if is_secret_name(script.text(ident)):
                return f"'{script.text(ident)}'"
    return None


def check(package: ConnectorPackage) -> Iterator[Violation]:
    script = parse_script(package)
    if script is None:
        return
    loggers = script.logger_names()
    for node, receiver, name in script.calls():
        if not name.startswith("Log") or receiver.replace("this.", "").rsplit(".", 1)[-1] not in loggers:
            continue
        leak = _leak(script, node)
        if leak:
            line, column = script.where(node)
            yield Violation(Location(script.name, None, line, column), f"The script logs {leak} with {receiver}.{name}.", key=f"{line}:{column}")
