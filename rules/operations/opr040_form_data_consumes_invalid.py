"""An operation with form data lists no form media type in consumes.

## Why
Swagger 2.0 sends `in: formData` parameters only as `application/x-www-form-urlencoded` or
`multipart/form-data`, and the operation's `consumes` says which. When `consumes` lists
neither (only `application/json`, say), the definition contradicts itself: whoever builds
the request must guess the encoding, and a service that reads one form encoding rejects the
other.

## How to fix
Put the form encoding the service reads in the operation's `consumes`:
`["multipart/form-data"]` for file uploads, `["application/x-www-form-urlencoded"]` for
plain fields.

## Exceptions
An operation without any `consumes` (its own or the root's) is OPR011 (ConsumesMissing).
When the list comes from the root, the finding is at the operation: declaring `consumes` on
the operation fixes it without changing the others.

## Severity
Ground: advice — Microsoft documents no validator error for it; the encoding of the form is left to whoever builds the request.

## References
- https://swagger.io/specification/v2/#parameter-object
- https://github.com/stoplightio/spectral/blob/develop/docs/reference/openapi-rules.md#oas2-operation-formdata-consume-check
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation
from vetter.base.rule import first_named

RULE = Rule(
    id="OPR040",
    name="form-data-consumes-invalid",
    category="operations",
    severity=Severity.WARNING,
    aliases=("oas2-operation-formData-consume-check",),
    tags=("mime",),
)

FORMS = ("application/x-www-form-urlencoded", "multipart/form-data")

SHOWN = 8
"""Media types a message names; past them it says how many more (each operation that takes the root's
list would otherwise repeat all of it)."""


def check(package: ConnectorPackage) -> Iterator[Violation]:
    swagger = package.swagger
    for op in swagger.operations():
        # the parameters first: few operations take a form (their media list is looked up alone)
        if "formData" not in swagger.parameters_in(op):
            continue
        consumes = swagger.consumes(op)
        if not consumes or not swagger.media_types(op, "consumes").isdisjoint(FORMS):
            continue
        inherited = "" if op.has("consumes") else " (from the root)"
        yield Violation(op.at("consumes"), f"Operation {op.id} takes formData parameters but its consumes{inherited} lists {first_named(consumes, SHOWN)}, no form encoding.")
