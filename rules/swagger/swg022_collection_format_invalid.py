"""A collectionFormat is not one the platform accepts where it is used.

## Why
Array parameters are serialised by `collectionFormat`: `csv`, `ssv`, `tsv` or `pipes`, and
`multi` (repeat the parameter) only for query and formData parameters, per the shipped
schema (CollectionFormatValueNotSupported). Other values are sent in a way the API does not
expect. Microsoft does not publish which of the allowed values the runtime rejects; this
rule uses the schema's list.

## Severity
Ground: advice — Microsoft does not publish which collection formats the runtime refuses;
the value may be sent in a form the API does not expect.

## How to fix
Use `csv` (the default) unless the API documents another separator; use `multi` only on
query or formData parameters.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-swagger-validator-rules
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation

RULE = Rule(
    id="SWG022",
    name="collection-format-invalid",
    category="swagger",
    severity=Severity.WARNING,
    aliases=("CollectionFormatValueNotSupported",),
    tags=("certification", "parameters"),
    section="1.3",
)

_BASE = ("csv", "ssv", "tsv", "pipes")


def check(package: ConnectorPackage) -> Iterator[Violation]:
    for site in package.swagger.index.parameters:
        p = site.node
        value = p.get("collectionFormat")
        if value is None:
            continue
        allowed = _BASE + (("multi",) if p.get("in") in ("query", "formData") else ())
        if value not in allowed:
            yield Violation(p.at("collectionFormat"), f"collectionFormat {value!r} is not accepted on an in: {p.get('in')} parameter (allowed: {', '.join(allowed)}).")
        items = p.child("items")
        inner = items.get("collectionFormat") if items is not None else None
        if items is not None and inner is not None and inner not in _BASE:
            yield Violation(items.at("collectionFormat"), f"collectionFormat {inner!r} is not accepted on items (allowed: {', '.join(_BASE)}).")
