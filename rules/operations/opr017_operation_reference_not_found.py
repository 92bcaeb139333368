"""An extension calls an operationId the connector does not have.

## Why
Dynamic values, lists, schemas, properties and trees, `x-ms-operation-context`,
`x-ms-notification`, `x-ms-capabilities` (testConnection, file-picker) and the operations
listed in `x-ms-openai-data` name another operation of the same connector by its
operationId. A name that matches no operation leaves a dropdown empty, a schema unknown, a
connection untested (OperationIdNotFound). Names are compared exactly.

## Severity
Ground: breaks — the call names an operation that does not exist: the dropdown stays empty,
the schema unknown, the webhook unregistered or the connection untested.

An operation listed in `x-ms-openai-data.operations` is a warning: the list only carries
Copilot settings for that operation (`x-ms-require-user-confirmation`), so an unknown name
loses the setting; what the platform does with it is not documented, and nothing a maker
uses stops working. Four such names ship in the independent-publisher group (typos of the
operation the extension sits on, in three HubSpot V2 connectors).

## How to fix
Correct the `operationId` to the id of an existing operation (the message suggests a close
one), or add the operation (usually `x-ms-visibility: internal`).

A close id is looked for while the references compared with the operationIds stay under
100,000 pairs a package; past that, the message names the reference alone.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/openapi-extensions
- https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-swagger-validator-rules
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation
from vetter.model.extensions import dynamic_calls
from vetter.model.node import Node

RULE = Rule(
    id="OPR017",
    name="operation-reference-not-found",
    category="operations",
    severity=Severity.ERROR,
    aliases=("OperationIdNotFound",),
    tags=("certification", "dynamic"),
    section="1.1",
)


MAX_COMPARED = 100_000
"""Reference-to-operationId comparisons per package spent on suggesting a close id: each look compares
the reference with every operationId (difflib), so thousands of near misses cost their product."""


def check(package: ConnectorPackage) -> Iterator[Violation]:
    swagger = package.swagger
    known = swagger.operations_by_id
    refs: list[tuple[str, Node, Severity | None]] = [(c.extension, c.call, None) for c in dynamic_calls(package)]
    for site in swagger.extensions_named("x-ms-notification"):
        if site.name == "x-ms-notification" and site.node.is_object:
            refs.append((site.name, site.node, None))
    for site in swagger.extensions_named("x-ms-openai-data"):
        if site.name == "x-ms-openai-data":
            refs.extend((f"{site.name}.operations", item, Severity.WARNING) for item in site.node.items("operations"))
    compared = 0
    for extension, call, severity in refs:
        target = call.get("operationId")
        if not isinstance(target, str) or target in known:
            continue
        import difflib  # only for a reference that is not found: it costs start-up time

        close: list[str] = []
        if compared + len(known) <= MAX_COMPARED:
            close = difflib.get_close_matches(target, list(known), n=1, cutoff=0.8)
            compared += len(known)
        tip = f"; did you mean '{close[0]}'?" if close else "."
        yield Violation(
            call.at("operationId"), f"{extension} calls operationId '{target}', which no operation has{tip}", severity=severity
        )
