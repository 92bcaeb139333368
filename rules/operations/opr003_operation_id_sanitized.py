"""An operationId has characters the platform strips.

## Why
Power Platform turns operationIds into identifiers and drops characters that are not
letters, digits or underscores (OperationIdSanitized): `get-widget` and `getwidget` become
the same name, and the name makers see differs from the one in the file. Underscores are
accepted (`GetItems_V2` is Microsoft's own versioning style).

## Severity
Ground: advice — the platform strips the characters and the operation works under the
stripped id, which flows then store; the validator words it "should". Information, as
renaming the operation of a published connector would break the flows that use it: use
letters, digits and underscores from a connector's first version. Two ids that become the
same once stripped are a warning: one of the operations is then unreachable by that name.

## How to fix
Use only letters, digits and underscores in `operationId`, in PascalCase.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-swagger-validator-rules
"""

import re
from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation

RULE = Rule(
    id="OPR003",
    name="operation-id-sanitized",
    category="operations",
    severity=Severity.INFO,
    aliases=("OperationIdSanitized",),
    tags=("certification",),
    section="1.1",
)

_BAD = re.compile(r"[^A-Za-z0-9_]")


def check(package: ConnectorPackage) -> Iterator[Violation]:
    ops = [op for op in package.swagger.operations() if op.operation_id is not None]
    if not _BAD.search("".join([op.operation_id or "" for op in ops])):  # every id clean (most packages): one search
        return
    # per stripped form, its first id and the first id that differs from it: all a twin message names
    # (listing every id of the form for each id cost the square of the ids that share it)
    stripped: dict[str, list[str]] = {}
    for op in ops:
        op_id = op.operation_id or ""
        firsts = stripped.setdefault(_BAD.sub("", op_id), [])
        if op_id not in firsts and len(firsts) < 2:
            firsts.append(op_id)
    for op in ops:
        op_id = op.operation_id or ""
        bad = sorted(set(_BAD.findall(op_id)))
        if bad:
            shown = " ".join(repr(c) for c in bad)
            twins = [other for other in stripped[_BAD.sub("", op_id)] if other != op_id]
            if twins:
                yield Violation(op.at("operationId"), f"operationId '{op_id}' becomes '{_BAD.sub('', op_id)}' once the platform strips {shown}, the same as '{twins[0]}'.", severity=Severity.WARNING)
            else:
                yield Violation(op.at("operationId"), f"operationId '{op_id}' has characters the platform strips: {shown}.")
