"""A $ref points outside the definition file.

## Why
A connector is a single swagger file: Power Platform does not fetch other files or URLs,
so `"$ref": "common.json#/definitions/Error"` or a `https://` reference cannot resolve
after import. Following remote references is also how specs leak requests to
attacker-chosen hosts; vetter never follows them.

## Severity
Ground: breaks — a connector is one file: the platform does not fetch other files or URLs,
so the reference never resolves after import.

## How to fix
Copy the referenced definition into this file's `definitions` (or `parameters`,
`responses`) and point the `$ref` at it with a local pointer such as
`#/definitions/Error`.
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation

RULE = Rule(
    id="SWG002",
    name="ref-external",
    category="swagger",
    severity=Severity.ERROR,
    aliases=("SchemaReferenceNotValid",),
    tags=("certification", "validity"),
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    swagger = package.swagger
    for site in swagger.refs():
        if isinstance(site.ref, str) and not site.ref.startswith("#"):
            yield Violation(site.loc, f"$ref '{site.ref}' points outside this file.")
