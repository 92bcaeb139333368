"""A consumes or produces entry is not a well-formed MIME type.

## Why
The platform picks the request and response formats from `consumes` and `produces`; an
entry that is not `type/subtype` (with optional parameters), such as `json` or
`application/json;` with nothing after the semicolon, is rejected (MimeTypeNotValid).

## Severity
Ground: breaks — the request's Content-Type is taken from `consumes`: a malformed type is
sent as is and the API refuses the body.

## How to fix
Write full MIME types, for example `application/json`, `text/plain`,
`multipart/form-data`, `application/x-www-form-urlencoded`.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-swagger-validator-rules
- https://www.rfc-editor.org/rfc/rfc6838
"""

import re
from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation
from vetter.model.node import Node

RULE = Rule(
    id="SWG023",
    name="mime-type-invalid",
    category="swagger",
    severity=Severity.ERROR,
    aliases=("MimeTypeNotValid",),
    tags=("certification", "mime"),
    section="1.5",
)

_TOKEN = r"[A-Za-z0-9!#$&^_.+*-]+"
_MIME = re.compile(rf"^{_TOKEN}/{_TOKEN}(\s*;\s*{_TOKEN}=(\"[^\"]*\"|[^;\s]+))*\s*$")


def check(package: ConnectorPackage) -> Iterator[Violation]:
    swagger = package.swagger
    owners: list[Node] = [swagger.root, *swagger.operations()]
    for owner in owners:
        for key in ("consumes", "produces"):
            for i, value in enumerate(owner.array(key) or ()):
                if isinstance(value, str) and not _MIME.match(value.strip()):
                    yield Violation(owner.at(key, i), f"'{value}' in {key} is not a MIME type (type/subtype).")
