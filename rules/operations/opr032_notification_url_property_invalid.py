"""A webhook callback-URL property is not an internal, required body string.

## Why
The platform fills the property marked `x-ms-notification-url: true` with the callback URL
when it registers a webhook. For that to work the property must be in the request body
(NotificationUrlNotAllowedInThisPosition), a string (NotificationUrlNotString), hidden from
makers by `x-ms-visibility: internal` on itself or an ancestor (NotificationUrlNotInternal),
and required at every level from the body parameter down (NotificationUrlNotRequired). The
finding names its code. A property in `#/definitions` is checked through the body
parameters whose schema is a `$ref` to its definition.

## Severity
Ground: breaks — the platform fills the callback URL only into a required, internal string
in the request body; otherwise the service is not told where to call back, or makers see and
overwrite it.

## How to fix
Put the property in the registration body, `type: string`, `x-ms-visibility: internal`,
listed in `required` of its object (and the body parameter `required: true`).

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/create-webhook-trigger
- https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-swagger-validator-rules
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation
from vetter.model.extensions import notification_url_sites

RULE = Rule(
    id="OPR032",
    name="notification-url-property-invalid",
    category="operations",
    severity=Severity.ERROR,
    aliases=("NotificationUrlNotAllowedInThisPosition", "NotificationUrlNotString", "NotificationUrlNotInternal", "NotificationUrlNotRequired"),
    tags=("certification", "webhooks"),
    section="1.8",
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    swagger = package.swagger
    for place in notification_url_sites(package):
        loc = place.site.node.loc
        if place.position == "elsewhere":
            yield Violation(loc, f"NotificationUrlNotAllowedInThisPosition: x-ms-notification-url is on {place.where}, not in a request body.", key="position")
            continue
        schema = swagger.deref(place.site.owner_node)
        kind = schema.get("type")
        if kind is not None and kind != "string":
            yield Violation(loc, f"NotificationUrlNotString: the notification-URL property is of type {kind}, not string.", key="string")
        if place.position != "body":
            continue  # not known which body it is used in: the rest cannot be judged
        if not place.internal:
            own = schema.get("x-ms-visibility")
            why = (
                f" (its own is '{own}', which the platform reads as the default visibility: XMS002)"
                if isinstance(own, str) and own != "internal" and own.lower() == "internal"
                else ""
            )
            yield Violation(loc, f"NotificationUrlNotInternal: neither the notification-URL property nor any parent is x-ms-visibility: internal{why}.", key="internal")
        if place.not_required == "the body parameter" and place.site.owner == "schema" and place.internal and kind == "string":
            continue  # the property itself is required, internal and a string: the platform fills it
        if place.not_required:
            yield Violation(loc, f"NotificationUrlNotRequired: {place.not_required} is not required.", key="required")
