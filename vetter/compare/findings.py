"""Changes against the previous version as rule violations (rules/changes, `vetter scan --against`)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from vetter.base.rule import InputUnavailable, Location, Severity, Violation
from vetter.model.options import RunOptions
from vetter.model.package import ConnectorPackage


def package_changes(package: ConnectorPackage, options: RunOptions) -> list[Any]:
    """The classified changes from the previous version to ``package``, as the edge read them
    (``vetter.engine.edge`` runs git and the diff before the rules: ``Analysis.previous``)."""
    if options.previous is None:
        return []
    from vetter.model.analysis import analysis_of

    previous = analysis_of(package).previous
    if previous is None:
        raise InputUnavailable("the previous version was not read before the rules ran")
    if previous.error is not None:
        raise previous.error
    if previous.unavailable is not None:
        raise InputUnavailable(previous.unavailable)
    return list(previous.changes)


def violations_for(package: ConnectorPackage, options: RunOptions, severity: str) -> Iterator[Violation]:
    for change in package_changes(package, options):
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
