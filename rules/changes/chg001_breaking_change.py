"""A change from the previous version breaks flows that use the connector.

## Why
Flows bind to operationIds, input names and output paths. Removing or retyping any of
them, tightening an input, or changing authentication or the host breaks every flow built
on the old version, in every tenant, the moment the update is published. Microsoft's
certification pipeline rejects such updates unless the break is acknowledged.

## How to fix
Keep the old behaviour: deprecate instead of deleting, add a new operation (for example
`GetItemV2`) for the changed behaviour, keep inputs optional with defaults. When the break
is intended, acknowledge it with a reason in an `--ack` file (see docs/diff.md).

## Exceptions
Runs only with `vetter scan PATH --against REF`. `vetter diff OLD NEW` shows the same
changes with both locations.
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, RunOptions, Severity, Violation

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
