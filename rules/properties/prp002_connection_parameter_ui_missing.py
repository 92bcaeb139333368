"""A connection parameter has no display name or description for the user.

## Why
The connection dialog shows each visible connection parameter's
`uiDefinition.displayName` as the label and `description` as the help text (§4.2);
without them users see the raw parameter name and do not know what to enter (an API key?
a host name?), and reviewers send the connector back.

## Severity
Ground: advice — the connection dialog still works; makers see a bare field.

## How to fix
Give the parameter a `uiDefinition` with `displayName`, `description` and `tooltip`.

## Exceptions
Hidden parameters (`constraints.hidden: "true"`), `token:TenantId` and OAuth
parameters (`oauthSetting`: the dialog shows a sign-in button, not a field) are not
checked; 44 of the 416 corpus packages have an OAuth `token` without any uiDefinition,
all accepted by Microsoft.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/connection-parameters
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation

RULE = Rule(
    id="PRP002",
    name="connection-parameter-ui-missing",
    category="properties",
    severity=Severity.WARNING,
    tags=("certification", "connection"),
    section="4.2",
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    for param in package.properties.all_connection_parameters():
        if not param.node.is_object or param.hidden or param.name.lower() == "token:tenantid":
            continue
        if (param.type or "").lower() == "oauthsetting":
            continue
        ui = param.ui
        if ui is None:
            yield Violation(param.node.at("uiDefinition"), f"Connection parameter '{param.name}' has no uiDefinition (display name, description).", key="ui")
            continue
        if not (param.display_name or "").strip():
            yield Violation(ui.at("displayName"), f"Connection parameter '{param.name}' has no display name.", key="displayName")
        description = ui.get("description")
        if description is None:
            schema = ui.child("schema")
            description = schema.get("description") if schema is not None else None
        if not (isinstance(description, str) and description.strip()):
            yield Violation(ui.at("description"), f"Connection parameter '{param.name}' has no description.", key="description")
