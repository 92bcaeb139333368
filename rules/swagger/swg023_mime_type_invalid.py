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
    valid: dict[str, bool] = {}  # per distinct value: most operations repeat a few media types
    for owner in owners:
        data = owner.data  # read raw: a location built for a finding only
        if type(data) is not dict:
            continue
        for key in ("consumes", "produces"):
            values = data.get(key)
            if type(values) is not list:
                continue
            for i, value in enumerate(values):
                if isinstance(value, str):
                    good = valid.get(value)
                    if good is None:
                        good = valid[value] = _MIME.match(value.strip()) is not None
                    if not good:
                        yield Violation(owner.at(key, i), f"'{value}' in {key} is not a MIME type (type/subtype).")
