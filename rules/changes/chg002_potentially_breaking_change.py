"""A change from the previous version may break some flows.

## Why
Some changes break flows only in some cases, which the swagger alone cannot tell: a
format or a limit tightened (only values outside it fail), a changed default (flows that
never set the input send another value), a narrowed consumes/produces list, an API key
sent another way, a break inside an internal operation nothing else calls. They deserve a
reviewer's look before publishing. `vetter explain CHG001` lists every class with its
severity and the reason for it.

## Severity
Ground: advice — only some flows break (those that use the changed part in a particular
way); a reviewer should confirm the change is intended.

## How to fix
Check the flows that use the operation. Keep the old behaviour where you can; when the
change is intended, acknowledge it with a reason in an `--ack` file (see docs/diff.md).

## Exceptions
Runs only with `vetter scan PATH --against REF`.
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, RunOptions, Severity, Violation

RULE = Rule(
    id="CHG002",
    name="potentially-breaking-change",
    category="changes",
    severity=Severity.WARNING,
)


def check(package: ConnectorPackage, options: RunOptions) -> Iterator[Violation]:
    if options.previous is None:  # no --against: nothing to compare with, and no diff to import
        return
    from vetter.compare.findings import violations_for  # lazy: the diff costs start-up time

    yield from violations_for(package, options, "potentially-breaking")
