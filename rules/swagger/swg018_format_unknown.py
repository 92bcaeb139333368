"""A format is not one Power Platform knows for its type.

## Why
The designer picks editors and conversions from `format`. The shipped schema lists
`int32`, `int64`, `float`, `double`, `byte`, `binary`, `date`, `date-time`, `password`,
`date-no-tz`, `email`, `html`, `uri`, `uuid`; anything else (`guid`, `decimal`, `url`,
`phone`) is ignored or rejected (UnrecognizedTypeFormat). Integer formats on strings and
date formats on numbers are reported too.

## Severity
Ground: advice — the platform ignores a format it does not know: nothing changes at run time
(hundreds of `guid`, `decimal` and `enum` formats in published connectors).

## How to fix
Use a listed format (`uuid` for GUIDs, `uri` for URLs, `double` for decimals), or remove
`format`.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-swagger-validator-rules
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation

RULE = Rule(
    id="SWG018",
    name="format-unknown",
    category="swagger",
    severity=Severity.INFO,
    aliases=("UnrecognizedTypeFormat",),
    tags=("certification", "schemas"),
    section="1.10",
)

_BY_TYPE = {
    "integer": {"int32", "int64"},
    "number": {"float", "double", "int32", "int64"},
    "string": {"byte", "binary", "date", "date-time", "password", "date-no-tz", "email", "html", "uri", "uuid"},
}
_ALL = set().union(*_BY_TYPE.values())


def check(package: ConnectorPackage) -> Iterator[Violation]:
    for node in package.swagger.with_keyword("format"):
        data = node.data  # an object holding "format": the keyword index lists no other
        fmt = data.get("format")
        if not isinstance(fmt, str):
            continue
        kind = data.get("type")
        if fmt in (_BY_TYPE.get(kind, _ALL) if isinstance(kind, str) else _ALL):
            continue  # nearly every format: known, and one its type takes (or no type to take it)
        if fmt not in _ALL:
            yield Violation(node.at("format"), f"format '{fmt}' is not a format Power Platform knows.")
        elif isinstance(kind, str) and kind in _BY_TYPE and fmt not in _BY_TYPE[kind]:
            yield Violation(node.at("format"), f"format '{fmt}' does not apply to type {kind}.")
