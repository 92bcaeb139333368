"""A change from the previous version breaks flows that use the connector.

## Why
Flows bind to operationIds, input names and output paths, and a saved flow stores every
input it sets by name. Removing, renaming or retyping any of them, making an input
required, changing how a value is sent, or changing authentication or the host breaks
flows built on the old version, in every tenant, the moment the update is published.
Microsoft's certification pipeline rejects such updates unless the break is acknowledged.

## Severity
Ground: breaks — a flow saved against the previous version fails once the update is
published: the operation, input or output it uses is gone or changed; Microsoft's
ValidateChange step also fails such pull requests (rules-catalog §5).

## How to fix
Keep the old behaviour: deprecate instead of deleting, add a new operation (for example
`GetItemV2`) for the changed behaviour, keep inputs optional with defaults, change only
`x-ms-summary` when a name should read differently. When the break is intended,
acknowledge it with a reason in an `--ack` file (see docs/diff.md).

## Exceptions
Runs only with `vetter scan PATH --against REF`. `vetter diff OLD NEW` shows the same
changes with both locations. Changes inside an `x-ms-visibility: internal` operation are
CHG002 unless another operation depends on it (the message names that operation).
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, RunOptions, Severity, Violation
from vetter.compare.classes import class_table

# Every class of change with its severity and why: generated from vetter/compare/classes.py.
__doc__ = (__doc__ or "") + "\n## Classes of change\nCHG001 reports the `breaking` ones, CHG002 the `potentially-breaking` ones.\n\n" + class_table()

RULE = Rule(
    id="CHG001",
    name="breaking-change",
    category="changes",
    severity=Severity.ERROR,
    aliases=("ValidateChange",),
)


def check(package: ConnectorPackage, options: RunOptions) -> Iterator[Violation]:
    if options.previous is None:  # no --against: nothing to compare with, and no diff to import
        return
    from vetter.compare.findings import violations_for  # lazy: the diff costs start-up time

    yield from violations_for(package, options, "breaking")
