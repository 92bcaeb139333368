"""A policy template uses a connection parameter that does not exist.

## Why
Policy template values read connection parameters with `@connectionParameters('name')`
(§4.4): a `dynamichosturl` host, a `setheader` key. A name that apiProperties.json does
not define evaluates to nothing (or to the default given as second argument), so the
request goes to the wrong host or without its credential.

## Severity
Ground: breaks — a name that matches no connection parameter evaluates to nothing, so the
request goes to the wrong host or without its credential; a name that differs only in case
is matched (information).

## How to fix
Correct the name in `@connectionParameters('...')` to a connection parameter defined in
apiProperties.json, or add the parameter.

## Exceptions
Parameters inside `connectionParameterSets` count. Names with a `:` (`token:...`
sub-parameters) are not checked. A name that differs from a parameter only in letter case
is reported at info: the platform matches it (Microsoft's own Translator V3 connector reads
`TranslatorResourceName` for the parameter `translatorResourceName`), but spelling both the
same keeps the package readable.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/policy-templates/dynamichosturl/dynamichosturl
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation
from vetter.model.policies import CONNECTION_REF

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
                    other_case = props.connection_parameter(ref, any_case=True)  # the first so written, in the file's order
                    near = other_case.name if other_case is not None else None
                    title = policy.title or policy.template_id
                    if near is not None:
                        yield Violation(node.loc, f"Policy '{title}' writes connection parameter '{near}' as '{ref}'; the platform matches it without regard to case.", hint=f"Write '{near}' as apiProperties.json does.", key=f"{key}:{ref}", severity=Severity.INFO)
                        continue
                    yield Violation(node.loc, f"Policy '{title}' uses connection parameter '{ref}', which apiProperties.json does not define.", key=f"{key}:{ref}")
