"""An operation has no responses.

## Why
The designer shows outputs from the responses; an operation without any has no outputs,
and Swagger 2.0 requires at least one (OperationMustHaveResponse). SWG001 leaves this case
to this rule.

## Severity
Ground: advice — the call still runs and the action simply has no outputs; the platform
accepts such operations (8 certified connectors in the corpus have webhook registrations
with `"responses": {}`), so a reviewer should ask for the response, not fail the package.

## How to fix
Add at least the success response, for example `"200": {"description": "OK"}`.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-swagger-validator-rules
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation

RULE = Rule(
    id="OPR012",
    name="operation-response-missing",
    category="operations",
    severity=Severity.WARNING,
    aliases=("OperationMustHaveResponse",),
    tags=("certification", "responses"),
    section="1.1",
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    for op in package.swagger.operations():
        responses = op.mapping("responses")
        if responses is not None:
            for k in responses:  # nearly always settled by the first key, a status code
                if not k.startswith("x-"):
                    break
            else:
                responses = None  # extensions only
        if responses is None:
            yield Violation(op.at("responses"), f"Operation {op.id} has no responses.")
