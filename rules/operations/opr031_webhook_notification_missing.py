"""A webhook trigger lacks its callback-URL property or its notification content.

## Why
A webhook trigger registers a callback URL with the service and describes what the service
posts back. The registration's body must carry a property marked
`x-ms-notification-url: true` for the platform to fill in
(WebhookOperationsMissingNotificationUrlProperty: a trigger with `x-ms-notification-content`
but no such property), and an operation that has that property must describe the payload in
`x-ms-notification-content`, on the operation or its path item
(OperationMustHaveNotificationContentExtension). The finding names its code.

## Severity
Ground: breaks — a webhook trigger without a callback-URL property never tells the service
where to call back, so it never fires; a webhook without notification content fires but
shows no outputs: a warning.

## How to fix
Mark the callback-URL property of the registration body `x-ms-notification-url: true`
(internal, required, string), and add `x-ms-notification-content` with the payload schema.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/create-webhook-trigger
- https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-swagger-validator-rules
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation
from vetter.model.extensions import webhook_operations

RULE = Rule(
    id="OPR031",
    name="webhook-notification-missing",
    category="operations",
    severity=Severity.ERROR,
    aliases=("WebhookOperationsMissingNotificationUrlProperty", "OperationMustHaveNotificationContentExtension"),
    tags=("certification", "webhooks"),
    section="1.8",
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    swagger = package.swagger
    webhooks = webhook_operations(package)
    for op in swagger.operations():
        content = swagger.notification_content(op) is not None
        if op.pointer in webhooks and not content:
            yield Violation(op.at("x-ms-notification-content"), f"OperationMustHaveNotificationContentExtension: {op.id} has a notification-URL property but no x-ms-notification-content.", severity=Severity.WARNING)
        elif op.is_trigger and content and op.pointer not in webhooks:
            yield Violation(op.at("x-ms-trigger"), f"WebhookOperationsMissingNotificationUrlProperty: webhook trigger {op.id} has no property marked x-ms-notification-url.")
