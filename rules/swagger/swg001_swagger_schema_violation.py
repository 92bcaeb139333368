"""The definition does not conform to the Swagger 2.0 schema.

## Why
Power Platform only accepts OpenAPI 2.0 (Swagger) definitions. Anything the official
Swagger 2.0 JSON Schema rejects (a missing `info.version`, a path without a leading `/`,
a parameter with an unknown `in`, a response without `description`, `openapi: 3.0` ...)
makes the import or the certification validator fail. An operation's missing or empty
`responses` is left to OPR012, which says it in the platform's terms; a value repeated in a list
of distinct values (`enum`, `required`, `schemes`, ...) to SWG037, which names the repeat and
removes it, and a parameter listed twice to OPR015: one slip, one finding. When that rule does
not run (deselected, or it crashed), this one reports the repeat.

## Severity
Ground: blocking — the maker portal refuses a definition the Swagger 2.0 schema rejects
("Specified swagger has the following errors", microsoft/PowerPlatformConnectors#3930);
Microsoft's solution checker fails it too (connector-validate-swagger).

## How to fix
Correct the element at the reported pointer so it matches the Swagger 2.0 specification;
the message says what the schema expected there.

## References
- https://swagger.io/specification/v2/
- https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-swagger-validator-rules
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, InputUnavailable, Location, Rule, Severity, Violation
from vetter.base import pointer as jp
from vetter.model.repeats import repeated_lists, repeated_parameter_lists
from vetter.model.schemacheck import swagger_errors

RULE = Rule(
    id="SWG001",
    name="swagger-schema-violation",
    category="swagger",
    severity=Severity.ERROR,
    aliases=(
        "connector-validate-swagger",
        "AdditionalPropertyNotAllowed",
        "JsonTypeIncorrect",
        "JsonValueNotInEnum",
        "RequiredPropertyMissing",
        "SpecificationVersionIncorrect",
        "ExtensionNameNotValid",
    ),
    tags=("certification", "validity"),
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    file = package.swagger_file  # not package.swagger: a root that is not an object is reported here
    if file is None:
        raise InputUnavailable("no swagger file in the package")
    if not file.parsed:  # the same reason as every rule that reads package.swagger: one line in reports
        raise InputUnavailable(f"{file.name} could not be parsed")
    errors = swagger_errors(file.data)
    sets, parameters = _repeated(package) if any(e.key == "uniqueItems" for e in errors) else (frozenset(), frozenset())
    for error in errors:
        if _empty_operation_responses(file.data, error.pointer):
            continue  # OPR012
        left_to = None
        if error.key == "uniqueItems":
            left_to = "SWG037" if error.pointer in sets else "OPR015" if error.pointer in parameters else None
        yield Violation(Location(file.name, error.pointer), error.message, key=error.key, left_to=left_to)


def _repeated(package: ConnectorPackage) -> tuple[frozenset[str], frozenset[str]]:
    """The lists whose repeat SWG037 names, and the parameter lists whose repeat OPR015 names."""
    try:
        swagger = package.swagger
    except InputUnavailable:
        return frozenset(), frozenset()
    return repeated_lists(swagger), repeated_parameter_lists(swagger)


def _empty_operation_responses(data: object, pointer: str) -> bool:
    tokens = jp.split(pointer)
    if len(tokens) != 4 or tokens[0] != "paths" or tokens[3] != "responses":
        return False
    try:
        return jp.resolve(data, pointer) == {}
    except LookupError:
        return True  # the key is missing
