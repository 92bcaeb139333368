"""A policy template uses a connection parameter that does not exist.

## Why
Policy template values read connection parameters with `@connectionParameters('name')`
(§4.4): a `dynamichosturl` host, a `setheader` key. A name that apiProperties.json does
not define evaluates to nothing (or to the default given as second argument), so the
request goes to the wrong host or without its credential.

## How to fix
Correct the name in `@connectionParameters('...')` to a connection parameter defined in
apiProperties.json (letter case matters), or add the parameter.

## Exceptions
Parameters inside `connectionParameterSets` count. Names with a `:` (`token:...`
sub-parameters) are not checked.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/policy-templates/dynamichosturl/dynamichosturl
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation
from vetter.policies import CONNECTION_REF

RULE = Rule(
    id="XFL004",
    name="policy-connection-parameter-unknown",
    category="crossfile",
    severity=Severity.ERROR,
    tags=("policies", "consistency"),
    section="4.4",
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    props = package.properties
    names = {p.name for p in props.all_connection_parameters()}
    for policy in props.policy_templates():
        for key, node in policy.node.entries("parameters"):
            if not isinstance(node.data, str):
                continue
            for ref in dict.fromkeys(CONNECTION_REF.findall(node.data)):
                if ref not in names and ":" not in ref:
                    near = next((n for n in names if n.lower() == ref.lower()), None)
                    hint = f"Write '{near}' (connection parameter names are case-sensitive)." if near else None
                    yield Violation(node.loc, f"Policy '{policy.title or policy.template_id}' uses connection parameter '{ref}', which apiProperties.json does not define.", hint=hint, key=f"{key}:{ref}")
