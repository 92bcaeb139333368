"""A connectionParameterSets entry is incomplete or its parameters are optional.

## Why
Multi-auth (`connectionParameterSets`, §6.7) shows one choice per entry of `values`:
each needs a unique `name`, a `uiDefinition.displayName` for the choice and at least one
parameter, and Microsoft's multi-auth page makes `constraints.required: "true"` mandatory
for each parameter of a set. The set itself needs a `uiDefinition.displayName` (the
label of the choice list).

## Severity
Ground: advice — parameter sets work with gaps the platform fills; a reviewer should
complete them.

## How to fix
Give every set a unique `name`, a `uiDefinition` with `displayName` and `description`,
and mark each of its parameters `"constraints": {"required": "true"}`.

## Exceptions
Hidden parameters, `token:TenantId` and OAuth (`oauthSetting`) parameters need not be
required: the last are a sign-in button, not a field the user fills.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/multi-auth
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation

RULE = Rule(
    id="PRP005",
    name="parameter-set-invalid",
    category="properties",
    severity=Severity.WARNING,
    tags=("connection", "multi-auth"),
    section="6.7",
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    props = package.properties
    node = props.parameter_sets_node
    if node is None or not node.is_object:
        return
    ui = node.child("uiDefinition")
    if ui is None or not (ui.string("displayName") or "").strip():
        yield Violation(node.at("uiDefinition", "displayName"), "connectionParameterSets has no uiDefinition.displayName (the label of the authentication choice).", key="set-label")
    seen: set[str] = set()
    for pset in props.parameter_sets():
        where = pset.node
        if pset.name is None or not pset.name.strip():
            yield Violation(where.at("name"), "A connection parameter set has no name.", key="name")
        elif pset.name in seen:
            yield Violation(where.at("name"), f"Connection parameter set name '{pset.name}' is used twice.", key="dup")
        else:
            seen.add(pset.name)
        label = where.child("uiDefinition")
        if label is None or not (label.string("displayName") or "").strip():
            yield Violation(where.at("uiDefinition", "displayName"), f"Connection parameter set '{pset.name}' has no uiDefinition.displayName.", key="label")
        params = pset.parameters
        if not params:
            yield Violation(where.at("parameters"), f"Connection parameter set '{pset.name}' has no parameters.", key="empty")
        for param in params:
            if param.hidden or param.name.lower() == "token:tenantid" or not param.node.is_object or param.oauth is not None:
                continue  # an OAuth parameter is a sign-in button, with no field to require
            if not param.required:
                yield Violation(param.node.at("uiDefinition", "constraints", "required"), f"Parameter '{param.name}' of set '{pset.name}' is not marked required.", hint='Add "constraints": {"required": "true"} to its uiDefinition.', key=f"required:{param.name}")
