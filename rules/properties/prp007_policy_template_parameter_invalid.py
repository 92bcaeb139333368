"""A policy template lacks a required parameter or has a value it does not accept.

## Why
Each policy template has required parameters (§4.4: `dynamichosturl` needs
`urlTemplate`, `setheader` needs `name` and `value`, `routerequesttoendpoint` needs
`newPath`, ...) and some take a fixed set of values (`policySection` Request, Response or
Failure; `existsAction` override, skip or append; `httpMethod`). Without them the policy
fails or silently does nothing at run time. The URL a `dynamichosturl`, `routerequesttoendpoint`
or `setvaluefromurl` template calls must write `https://` (or `http://`) in full: `https:/x`,
`https:x` and `https:///x` are refused by .NET's `Uri`, which the gateway uses (it needs exactly
two slashes or backslashes after the scheme), while a browser skips them all and reads the host
`x` (the map of hosts shows that host).

## Severity
Ground: breaks — a policy template without a required parameter, or with a value it does not
take, fails or silently does nothing at run time.

## How to fix
Add the missing `x-ms-apimTemplateParameter.<name>` to the instance's `parameters`, or
use one of the allowed values.

## Exceptions
Parameter names and values are compared case-insensitively, as the platform does. An
empty string is a value: `setheader` with `value: ""` removes a header and
`stringreplace` with `replacementString: ""` deletes text (CO2 Signal and FreeAgent in
the corpus do this on purpose).
Undocumented templates are not checked (PRP006).

## References
- https://learn.microsoft.com/en-us/training/modules/policy-templates-custom-connectors/
- https://learn.microsoft.com/en-us/connectors/custom-connectors/policy-templates/setheader/setheader
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation
from vetter.model.policies import REQUIRED, URL_PARAMETERS, VALUES, slashes_after_scheme
from vetter.model.properties import TEMPLATE_PARAMETER, TEMPLATE_SECTION
from vetter.security.hosts import url_host

_SLASHES = "/\\"

RULE = Rule(
    id="PRP007",
    name="policy-template-parameter-invalid",
    category="properties",
    severity=Severity.ERROR,
    tags=("policies",),
    section="4.4",
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    for policy in package.properties.policy_templates():
        required = REQUIRED.get(policy.id)
        if required is None:
            continue
        params = policy.parameters_node
        if params is None:
            yield Violation(policy.node.at("parameters"), f"Policy template '{policy.template_id}' has no parameters; it needs {', '.join(required)}.", key="parameters")
            continue
        for name in required:
            node = policy.parameter(name)
            if node is None or node.data is None:
                yield Violation(params.at(TEMPLATE_PARAMETER + name), f"Policy template '{policy.template_id}' has no '{name}' parameter.", key=f"missing:{name}")
        url_name = URL_PARAMETERS.get(policy.id)
        url = policy.parameter(url_name) if url_name else None
        slashes = slashes_after_scheme(url.data) if url is not None and isinstance(url.data, str) else None
        if url is not None and slashes is not None:
            scheme, written = slashes
            host = url_host(f"{scheme}://{url.data.split(':', 1)[1].lstrip(_SLASHES)}")
            reads = f"; browsers would read the host '{host}'" if host else ""
            yield Violation(
                url.loc,
                f"The {url_name} '{url.data}' writes '{scheme}:{written}' where '{scheme}://' belongs: .NET's Uri, which the gateway uses, "
                f"needs two slashes there and refuses it, so the policy fails{reads}.",
                key=f"url:{url_name}",
            )
        for (template, name), allowed in VALUES.items():
            if template not in ("*", policy.id):
                continue
            node = params.child(name) if name == TEMPLATE_SECTION else policy.parameter(name)
            if node is None or not isinstance(node.data, str):
                continue
            if node.data.strip().lower() not in {a.lower() for a in allowed}:
                short = name.rsplit("-", 1)[-1] if name == TEMPLATE_SECTION else name
                yield Violation(node.loc, f"'{node.data}' is not a valid {short} for '{policy.template_id}' ({', '.join(allowed)}).", key=f"value:{name}")
