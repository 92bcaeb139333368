"""An operation has responses but no 2xx response.

## Why
Flows take their outputs from the success response; without a 2xx response the designer
has nothing to show (OperationShouldHaveSuccessfulResponse). A `default` response alone does
not count.

## Severity
Ground: advice — without a 2xx response the action's outputs are undefined; the validator
words it "should". On an internal operation (a webhook's delete, a dropdown's source) makers
never see the outputs: information only. So on a webhook trigger (`x-ms-trigger` with
`x-ms-notification-content`): the flow's trigger outputs are the notification content's
schema, not the subscription call's response (absentify, CompanyConnect and
Telephony-Xtended-Service, certified, have only a `default` response on their
subscriptions). A polling trigger's outputs are its response: a warning.

## How to fix
Add the success response the API returns (`200`, `201`, `202` or `204`) with its schema.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-swagger-validator-rules
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation
from vetter.model.swagger import Operation, Swagger

RULE = Rule(
    id="OPR013",
    name="success-response-missing",
    category="operations",
    severity=Severity.WARNING,
    aliases=("OperationShouldHaveSuccessfulResponse",),
    tags=("certification", "responses"),
    section="1.1",
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    swagger = package.swagger
    for op in swagger.operations():
        responses = op.mapping("responses")
        codes = [k for k in responses if not k.startswith("x-")] if responses else []
        if codes and not any(k.startswith("2") for k in codes):
            unseen = (op.visibility or "").lower() == "internal" or _webhook_trigger(swagger, op)
            yield Violation(op.at("responses"), f"Operation {op.id} has no 2xx response (only {', '.join(sorted(codes))}).", severity=Severity.INFO if unseen else None)


def _webhook_trigger(swagger: Swagger, op: Operation) -> bool:
    """A trigger whose outputs are its notification content, not the response of its subscription."""
    if not op.is_trigger:
        return False
    content = swagger.notification_content(op)
    return content is not None and content.is_object
