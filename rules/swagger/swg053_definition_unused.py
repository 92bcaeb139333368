"""A definition, shared parameter or shared response is never referenced.

## Why
An entry of `definitions`, `parameters` or `responses` that no `$ref` uses is dead weight:
it is shipped with every copy of the connector, counts towards the definition's size limit,
and a reviewer reading it cannot tell whether it is a leftover or a reference that was
meant to be there and is missing.

## How to fix
Delete the entry, or add the `$ref` that should use it.

## Exceptions
A reference anywhere in the file counts, also one inside an extension or from another
unused entry (as Spectral counts them); an entry that refers only to itself is counted as
used.

## Severity
Ground: advice — unused entries change nothing at run time; removing them keeps the definition small and readable.

## References
- https://github.com/stoplightio/spectral/blob/develop/docs/reference/openapi-rules.md#oas2-unused-definition
"""

import re
from collections.abc import Iterator
from urllib.parse import unquote

from vetter import ConnectorPackage, Location, Rule, Severity, Violation
from vetter.base import pointer as jp

RULE = Rule(
    id="SWG053",
    name="definition-unused",
    category="swagger",
    severity=Severity.INFO,
    aliases=("oas2-unused-definition",),
    tags=("schemas",),
)

SECTIONS = {"definitions": "Definition", "parameters": "Shared parameter", "responses": "Shared response"}
_REF_TEXT = re.compile(r'"(#/(?:definitions|parameters|responses)/[^"\\]*)"')


def check(package: ConnectorPackage) -> Iterator[Violation]:
    swagger = package.swagger
    data = swagger.data
    candidates = [(section, name) for section in SECTIONS if isinstance(data.get(section), dict) for name in data[section]]
    if not candidates:
        return
    # the document's $refs, and every "#/definitions/..." string in its text (a $ref inside an
    # extension, where the swagger's structure does not look): one pass over each, each string once
    refs = {site.ref for site in swagger.refs() if isinstance(site.ref, str)}
    refs.update(_REF_TEXT.findall(swagger.file.text))
    used: set[tuple[str, str]] = set()
    for ref in refs:
        if not ref.startswith("#/"):
            continue
        try:
            tokens = jp.split(unquote(ref[1:]) if "%" in ref else ref[1:])
        except (ValueError, UnicodeError):  # not a pointer, or a lone surrogate that cannot be %-decoded
            continue
        if len(tokens) >= 2:
            used.add((tokens[0], tokens[1]))
    for section, name in candidates:
        if (section, name) not in used:
            yield Violation(Location(swagger.file.name, jp.join("", section, name)), f"{SECTIONS[section]} '{name}' is not referenced by any $ref.")
