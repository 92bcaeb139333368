"""A response example is keyed by a MIME type the operation does not produce.

## Why
Response `examples` are keyed by MIME type; an example for a type missing from the
operation's effective `produces` can never be returned (ResponseExampleMustBeProducedByOperation).

## Severity
Ground: advice — an example for a type the operation does not produce is never shown;
nothing fails.

## How to fix
Key the example by a type in `produces`, or add the type to `produces`.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-swagger-validator-rules
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation

RULE = Rule(
    id="SWG033",
    name="response-example-not-produced",
    category="swagger",
    severity=Severity.WARNING,
    aliases=("ResponseExampleMustBeProducedByOperation",),
    tags=("certification", "responses"),
    section="1.6",
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    swagger = package.swagger
    for site in swagger.index.responses:
        op = site.operation
        if op is None:
            continue
        examples = site.node.child("examples")
        if examples is None or not examples.is_object:
            continue
        produced = swagger.media_types(op, "produces")
        for mime, _ in examples.entries():
            if mime.split(";")[0].strip().lower() not in produced:
                yield Violation(examples.at(mime), f"Example for '{mime}', which {op.id} does not produce.")
