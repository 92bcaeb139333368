"""A response declares the same header twice, differing only in case.

## Why
HTTP header names are case-insensitive: `Location` and `location` are one header. Declaring
both makes the output ambiguous (ResponseHeadersAreNotUnique).

## Severity
Ground: advice — HTTP header names ignore case, so the two declarations describe one header;
the output is ambiguous, nothing fails.

## How to fix
Keep one declaration of the header.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-swagger-validator-rules
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation

RULE = Rule(
    id="SWG034",
    name="response-header-duplicate",
    category="swagger",
    severity=Severity.WARNING,
    aliases=("ResponseHeadersAreNotUnique",),
    tags=("certification", "responses"),
    section="1.6",
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    for site in package.swagger.index.responses:
        data = site.node.data
        headers = data.get("headers") if isinstance(data, dict) else None
        if not isinstance(headers, dict) or len(headers) < 2:
            continue  # nothing to repeat: no node is made for a response's headers that cannot clash
        if len({name.lower() for name in headers}) == len(headers):
            continue  # all distinct once folded, in one set
        seen: dict[str, str] = {}
        for name, node in site.node.entries("headers"):
            folded = name.lower()
            if folded in seen:
                yield Violation(node.loc, f"Header '{name}' is already declared as '{seen[folded]}'.")
            else:
                seen[folded] = name
