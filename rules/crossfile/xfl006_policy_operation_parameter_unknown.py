"""A policy template reads a request parameter its operations do not have.

## Why
Policy values read the incoming request with `@queryParameters('name')` and
`@headers('name')`, and `routerequesttoendpoint` fills `{name}` in `newPath` from the
operation's parameters (§4.4). When none of the operations the policy applies to has
that parameter, the value is empty at run time: the request is routed to a broken path
or the host is built from nothing.

## Severity
Ground: advice — the policy reads nothing for operations without the parameter; a reviewer
should confirm.

## How to fix
Use the name of a parameter the operation defines (as written in the swagger's
`name`), or add the parameter to the operation.

## Exceptions
A header that another policy template of the package sets (`setheader`, or
`setvaluefromurl`, whose `parameterTemplate` names what it sets rather than what it
reads, as in Facebook and Miro) counts as present. When the policy applies to every operation, any operation's parameter counts.
Parameter names are compared case-insensitively.

## References
- https://learn.microsoft.com/en-us/training/modules/policy-templates-custom-connectors/
- https://learn.microsoft.com/en-us/connectors/custom-connectors/policy-templates/dynamichosturl/dynamichosturl
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation
from vetter.model.policies import HEADER_REF, PATH_PLACEHOLDER, QUERY_REF

RULE = Rule(
    id="XFL006",
    name="policy-operation-parameter-unknown",
    category="crossfile",
    severity=Severity.WARNING,
    tags=("policies", "consistency"),
    section="4.4",
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    swagger = package.swagger
    policies = package.properties.policy_templates()
    if not policies:
        return
    by_id = swagger.operations_by_id
    params: dict[str, dict[str, set[str]]] = {}  # operationId -> in -> names (lower)

    def of(op_id: str) -> dict[str, set[str]]:
        if op_id not in params:
            out: dict[str, set[str]] = {"query": set(), "header": set(), "path": set()}
            op = by_id.get(op_id)
            if op is not None:
                for p in swagger.parameters(op):
                    where, name = p.get("in"), p.get("name")
                    if isinstance(where, str) and isinstance(name, str) and where in out:
                        out[where].add(name.lower())
            params[op_id] = out
        return params[op_id]

    defined: dict[tuple[str, str], set[str]] | None = None  # (in, name lower) -> the operations that define it

    def defining(where: str, low: str) -> set[str]:
        nonlocal defined
        if defined is None:  # built when a policy first reads a parameter
            defined = {}
            for op_id in by_id:
                for kind, names in of(op_id).items():
                    for name in names:
                        defined.setdefault((kind, name), set()).add(op_id)
        return defined.get((where, low), set())

    set_headers = {(p.value("name") or "").lower() for p in policies if p.id == "setheader"}
    for p in policies:  # setvaluefromurl's parameterTemplate names the header or query it sets
        if p.id == "setvaluefromurl":
            set_headers.update(r.lower() for r in HEADER_REF.findall(p.value("parameterTemplate") or ""))
    for policy in policies:
        targets = {i for i in policy.operations if i in by_id} if policy.operations else set(by_id)
        if not targets:
            continue  # only unknown operations: XFL005
        label = policy.title or policy.template_id
        for short, node in policy.parameters().items():
            if not isinstance(node.data, str) or (policy.id == "setvaluefromurl" and short.lower() == "parametertemplate"):
                continue
            refs = [("query", r) for r in QUERY_REF.findall(node.data)]
            refs += [("header", r) for r in HEADER_REF.findall(node.data)]
            if policy.id == "routerequesttoendpoint" and short.lower() == "newpath":
                refs += [("path", r) for r in PATH_PLACEHOLDER.findall(node.data) if not r.startswith("@")]
            for where, ref in dict.fromkeys(refs):
                low = ref.lower()
                if where == "header" and low in set_headers:
                    continue
                ops = defining(where, low)  # one of the targets defines it: looked for from the smaller side
                if any(o in targets for o in ops) if len(ops) <= len(targets) else any(t in ops for t in targets):
                    continue
                yield Violation(node.loc, f"Policy '{label}' reads {where} parameter '{ref}', which its operations do not define.", key=f"{short}:{where}:{ref}")
