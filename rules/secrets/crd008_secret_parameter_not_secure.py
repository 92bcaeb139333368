"""A secret connection parameter is typed `string`, not `securestring`.

## Why
The platform stores `securestring` connection parameters encrypted, never shows them
again after the connection is created, and keeps them out of exported flows and run
history. A key, token, secret or password typed `string` is stored and shown as plain
text to everyone the connection is shared with.

## Severity
Ground: security — a secret typed `string` is shown in clear in the connection dialog; a
warning, as some `string` parameters named like secrets are not secrets.

## How to fix
Change the parameter's `type` to `securestring` (existing connections keep working; makers
re-enter the value when they edit the connection).

## Exceptions
Names that only mention a secret (`tokenUrl`, `keyVaultName`, `secretName`, `apiKeyHeader`)
are not reported; neither are hidden parameters.

## References
- https://learn.microsoft.com/connectors/custom-connectors/connection-parameters
"""

import re
from collections.abc import Iterator

from vetter import ConnectorPackage, Edit, Fix, Fixability, Rule, Severity, Violation
from vetter.security.secrets import is_secret_name

RULE = Rule(
    id="CRD008",
    name="secret-parameter-not-secure",
    category="secrets",
    severity=Severity.WARNING,
    tags=("security", "secrets"),
    section="4.2",
    fix=Fixability.UNSAFE,  # existing connections must be created again
)

_DISPLAY = re.compile(r"\b(api[ -]?key|secret|password|passphrase|access key|token|subscription key|client secret)\b", re.IGNORECASE)
_NOT_SECRET = re.compile(r"\b(url|uri|endpoint|name|id|header|type|region|host|domain|user ?name|e-?mail)\b", re.IGNORECASE)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    for param in package.properties.all_connection_parameters():
        if (param.type or "").lower() != "string" or param.hidden:
            continue
        display = param.display_name or ""
        named = is_secret_name(param.name)
        shown = bool(_DISPLAY.search(display)) and not _NOT_SECRET.search(display)
        if named or shown:
            label = f"'{param.name}'" + (f" ({display})" if display else "")
            yield Violation(
                param.node.at("type"),
                f"Connection parameter {label} holds a secret but is typed 'string'; it is stored and shown in clear.",
                fix=Fix("Type the parameter securestring", (Edit.replace(param.node.at("type"), "securestring"),)),
            )
