"""A $ref does not point at the section its position needs.

## Why
Power Platform only resolves references to named entries of the right section: a schema
`$ref` to `#/definitions/<name>` (SchemaReferenceNotValid), a parameter `$ref` to
`#/parameters/<name>` (ParameterReferenceNotValid), a response `$ref` to
`#/responses/<name>` (ResponseReferenceNotValid). A pointer into the middle of another
object, or to the wrong section, is rejected even when it resolves; a `$ref` that is not a
JSON pointer at all is JsonPointerNotValid. External and missing targets are SWG002 and
SWG003. The finding names its code.

## Severity
Ground: breaks — the platform resolves only references to named entries of the right
section; any other leaves the schema, parameter or response undefined.

## How to fix
Point the `$ref` at a top-level entry of the matching section; move shared pieces there.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-swagger-validator-rules
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation

RULE = Rule(
    id="SWG030",
    name="ref-target-kind",
    category="swagger",
    severity=Severity.ERROR,
    aliases=("SchemaReferenceNotValid", "ParameterReferenceNotValid", "ResponseReferenceNotValid", "JsonPointerNotValid"),
    tags=("certification", "references"),
    section="1.6",
)

_SECTION = {"schema": ("definitions", "SchemaReferenceNotValid"), "parameter": ("parameters", "ParameterReferenceNotValid"), "response": ("responses", "ResponseReferenceNotValid")}


_WELL_FORMED = {context: f"#/{section}/" for context, (section, _) in _SECTION.items()}
"""What a ``$ref`` of each context starts with when it points at a section's entry: ``#/definitions/``."""


def check(package: ConnectorPackage) -> Iterator[Violation]:
    for site in package.swagger.refs():
        ref = site.ref
        start = _WELL_FORMED.get(site.context)
        if start is not None and isinstance(ref, str) and ref.startswith(start) and len(ref) > len(start) and ref.find("/", len(start)) < 0:
            continue  # nearly every $ref: "#/definitions/<name>" where a schema is expected
        if not isinstance(ref, str) or not ref.startswith("#"):
            continue  # not a string: SWG001; external: SWG002
        target = ref[1:]
        if target and not target.startswith("/"):
            yield Violation(site.loc, f"JsonPointerNotValid: '{ref}' is not a JSON pointer (it should start with '#/').")
            continue
        wanted = _SECTION.get(site.context)
        if wanted is None:
            continue
        tokens = target.split("/")  # ["", section, name]; escapes (~0, ~1) stay inside one token
        if len(tokens) != 3 or tokens[1] != wanted[0] or not tokens[2]:
            yield Violation(site.loc, f"{wanted[1]}: '{ref}' should point at #/{wanted[0]}/<name>.")
