"""The schemes list is empty or names a transport the platform does not support.

## Why
Power Platform calls the API over `https` (or `http`). An empty `schemes` list leaves it
no transport (SchemesArrayEmpty: Microsoft's own templates ship one, to be filled), a value
other than `http`/`https` is not valid (SchemeNotValid), and WebSocket schemes `ws`/`wss`
are not supported (SchemeNotSupported). Root and operation `schemes` are checked. The
finding names its code.

## Severity
Ground: breaks — an empty list leaves the platform no transport, and WebSocket schemes are
not supported: calls cannot be made.

## How to fix
Set `"schemes": ["https"]`.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-swagger-validator-rules
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation
from vetter.model.node import Node

RULE = Rule(
    id="SWG020",
    name="schemes-invalid",
    category="swagger",
    severity=Severity.ERROR,
    aliases=("SchemesArrayEmpty", "SchemeNotValid", "SchemeNotSupported"),
    tags=("certification", "transport"),
    section="1.2",
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    swagger = package.swagger
    owners: list[Node] = [swagger.root, *swagger.operations()]
    for owner in owners:
        schemes = owner.get("schemes")
        if not isinstance(schemes, list):
            continue
        if not schemes:
            yield Violation(owner.at("schemes"), "SchemesArrayEmpty: schemes is an empty list.")
        for i, scheme in enumerate(schemes):
            if scheme in ("ws", "wss"):
                yield Violation(owner.at("schemes", i), f"SchemeNotSupported: WebSocket scheme '{scheme}' is not supported.")
            elif scheme not in ("http", "https"):
                yield Violation(owner.at("schemes", i), f"SchemeNotValid: '{scheme}' is not http or https.")
