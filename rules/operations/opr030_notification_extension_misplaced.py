"""x-ms-notification is on the wrong operation or names one that is no webhook.

## Why
`x-ms-notification` links a trigger to the webhook operation that registers its callback.
It belongs on a trigger (`x-ms-trigger`), not on an action
(NotificationExtensionSupportedForTriggerOnly) and not on the webhook registration itself
(NotificationExtensionNotSupportedInWebhookOperation), and the operation it names must be a
webhook, i.e. one whose body carries an `x-ms-notification-url` property
(NotificationOperationMustBeWebhook). The finding names its code.

## Severity
Ground: breaks — the trigger registers its callback through the operation
`x-ms-notification` names: on an action it is ignored, and a named operation that is no
webhook never registers the callback, so the trigger never fires.

## How to fix
Put `x-ms-notification` on the trigger and point its `operationId` at the webhook
registration operation.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-swagger-validator-rules
- https://learn.microsoft.com/en-us/connectors/custom-connectors/create-webhook-trigger
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation
from vetter.model.extensions import webhook_operations

RULE = Rule(
    id="OPR030",
    name="notification-extension-misplaced",
    category="operations",
    severity=Severity.ERROR,
    aliases=(
        "NotificationExtensionSupportedForTriggerOnly",
        "NotificationExtensionNotSupportedInWebhookOperation",
        "NotificationOperationMustBeWebhook",
    ),
    tags=("certification", "webhooks"),
    section="1.8",
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    swagger = package.swagger
    webhooks = webhook_operations(package)
    for site in swagger.extensions_named("x-ms-notification"):
        if site.name != "x-ms-notification" or site.owner != "operation" or site.operation is None:
            continue
        op = site.operation
        if op.pointer in webhooks:
            yield Violation(site.node.loc, f"NotificationExtensionNotSupportedInWebhookOperation: {op.id} registers a webhook; x-ms-notification belongs on the trigger.")
        elif not op.is_trigger:
            yield Violation(site.node.loc, f"NotificationExtensionSupportedForTriggerOnly: {op.id} is not a trigger (no x-ms-trigger).")
        target = swagger.operations_by_id.get(site.node.string("operationId") or "")
        if target is not None and target.pointer not in webhooks:
            yield Violation(site.node.at("operationId"), f"NotificationOperationMustBeWebhook: {target.id} has no x-ms-notification-url property, so it is not a webhook.")
