"""Changes against a baseline as rule violations (rules/changes, `vetter scan --against`)."""

from __future__ import annotations

from collections.abc import Iterator

from vetter.package import ConnectorPackage
from vetter.rule import Location, Severity, Violation


def violations_for(package: ConnectorPackage, severity: str) -> Iterator[Violation]:
    for change in package.baseline_changes:
        if change.severity != severity:
            continue
        if change.new is not None:
            where = Location(change.new.file, change.new.pointer)
        else:  # only in the old version: point at the package, say where it was
            where = Location(".")
        message = change.message
        if change.old is not None and change.new is None:
            message += f" (was at {change.old.file}:{change.old.line} in the previous version)"
        if change.acknowledged:  # still shown, marked, and no longer failing the run
            yield Violation(where, f"{message} Acknowledged: {change.acknowledged}", hint="Acknowledged in the --ack file; nothing to do.", key=change.key, severity=Severity.INFO)
        else:
            yield Violation(where, message, hint=change.hint, key=change.key)
