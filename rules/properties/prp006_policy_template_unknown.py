"""A policy template instance names a templateId Microsoft does not document.

## Why
`policyTemplateInstances[].templateId` must be one of the documented templates (§4.4:
`dynamichosturl`, `setheader`, `setqueryparameter`, `routerequesttoendpoint`,
`setproperty`, `setvaluefromurl`, `convertarraytoobject`, `convertobjecttoarray`,
`stringtoarray`, `stringreplace`, `encodepropertyvalue`, `updatenextlink`,
`pollingtrigger`, `setconnectionstatustounauthenticated`); an unknown id is a typo or a
template the platform will not apply, so the request goes out unchanged.

## Severity
Ground: advice — an undocumented template may still work; a reviewer should confirm it.

## How to fix
Correct the `templateId` to one of the documented templates (letter case does not
matter).

## Exceptions
`moveproperties` and `dynamicsubdomain` appear in Microsoft's own certified connectors
without documentation; they are reported as info.

## References
- https://learn.microsoft.com/en-us/training/modules/policy-templates-custom-connectors/
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation
from vetter.model.policies import REQUIRED, UNDOCUMENTED

RULE = Rule(
    id="PRP006",
    name="policy-template-unknown",
    category="properties",
    severity=Severity.WARNING,
    tags=("policies",),
    section="4.4",
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    for policy in package.properties.policy_templates():
        if not policy.id or policy.id in REQUIRED:
            continue  # a missing templateId is a schema error (PRP001)
        where = policy.node.at("templateId")
        if policy.id in UNDOCUMENTED:
            yield Violation(where, f"Policy template '{policy.template_id}' is not documented by Microsoft.", severity=Severity.INFO)
        else:
            yield Violation(where, f"'{policy.template_id}' is not a known policy template.")
