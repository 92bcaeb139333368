"""A token:TenantId or gateway connection parameter does not have its fixed shape.

## Why
Two connection parameters have a shape the platform fills in itself (§4.2, §6.6, §6.8):
`token:TenantId` (the Microsoft Entra tenant of the signed-in user) is a `string` with
`metadata.sourceType` `AzureActiveDirectoryTenant`, hidden and not required; a
`gatewaySetting` parameter needs `gatewaySettings.dataSourceType` `CustomConnector`.
Any other shape shows the user a field they cannot fill, or no gateway picker.

## Severity
Ground: advice — the special parameters work in their documented shape; other shapes are a
reviewer's question.

## How to fix
Copy the documented shape: `"token:TenantId": {"type": "string", "metadata":
{"sourceType": "AzureActiveDirectoryTenant"}, "uiDefinition": {"constraints":
{"required": "false", "hidden": "true"}}}`, and for a gateway `"gatewaySettings":
{"dataSourceType": "CustomConnector", "connectionDetails": []}`.

## Exceptions
Letter case of the values is ignored.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/connection-parameters
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation

RULE = Rule(
    id="PRP010",
    name="special-parameter-invalid",
    category="properties",
    severity=Severity.WARNING,
    tags=("connection",),
    section="4.2",
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    for param in package.properties.all_connection_parameters():
        node = param.node
        if not node.is_object:
            continue
        if param.name.lower() == "token:tenantid":
            if (param.type or "").lower() != "string":
                yield Violation(node.at("type"), f"'{param.name}' must be of type string, not {param.type!r}.", key="type")
            meta = node.child("metadata")
            source = meta.string("sourceType") if meta is not None else None
            if (source or "").lower() != "azureactivedirectorytenant":
                yield Violation(node.at("metadata", "sourceType"), f"'{param.name}' has no metadata.sourceType 'AzureActiveDirectoryTenant'.", key="source")
            if param.constraints is not None and param.required:
                yield Violation(param.constraints.at("required"), f"'{param.name}' is filled by the platform and must not be required.", key="required")
        elif (param.type or "").lower() == "gatewaysetting":
            settings = node.child("gatewaySettings")
            kind = settings.string("dataSourceType") if settings is not None else None
            if (kind or "").lower() != "customconnector":
                yield Violation(node.at("gatewaySettings", "dataSourceType"), f"Gateway parameter '{param.name}' has no gatewaySettings.dataSourceType 'CustomConnector'.", key="gateway")
