"""An on-premises gateway connector also replaces its host with dynamichosturl.

## Why
Microsoft's `dynamichosturl` policy does not support gateway URLs (§6.8, policy docs): a
connector with a `gatewaySetting` connection parameter sends requests through the
on-premises data gateway to the swagger's host, and a `dynamichosturl` template for the
same operations does not apply there, so calls go to the wrong place or fail.

## Severity
Ground: advice — the two can work together; a reviewer should confirm the gateway sees the
right host.

## How to fix
For a gateway connector, put the on-premises host in the swagger `host` (or let the
user enter it in the gateway connection) and remove the `dynamichosturl` policy.

## Exceptions
None known in the corpus.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/policy-templates/dynamichosturl/dynamichosturl
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation

RULE = Rule(
    id="XFL009",
    name="gateway-with-dynamic-host",
    category="crossfile",
    severity=Severity.WARNING,
    tags=("gateway", "policies", "consistency"),
    section="6.8",
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    props = package.properties
    gateways = [p for p in props.all_connection_parameters() if (p.type or "").lower() == "gatewaysetting"]
    if not gateways:
        return
    for policy in props.policy_templates("dynamichosturl"):
        yield Violation(policy.node.at("templateId"), f"dynamichosturl does not work with the on-premises gateway parameter '{gateways[0].name}'.")
