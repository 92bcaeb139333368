"""A deprecated operation is not marked as such in its summary, or the reverse.

## Why
Microsoft's deprecation practice (§2.7): an operation is never deleted; it gets
`deprecated: true` and `(deprecated)` at the end of its summary and description, so makers
see it in the designer and move off it during the notice period (at least 30 days). An
operation whose summary says "deprecated" but that is not flagged stays in the action
list as if it were current.

## Severity
Ground: advice — the `deprecated` flag is what the platform reads; the summary mark is for
readers.

## How to fix
Set `"deprecated": true` on the operation and append ` (deprecated)` to its summary (and
description); do both, not one.

## Exceptions
Profiles: `custom` connectors are not checked. Internal operations are skipped. A flagged
operation whose summary lacks `(deprecated)` is information only: the flag is what the
designer reads (it hides the operation from new flows and marks it in existing ones); the
suffix is the guidance's courtesy to readers. An operation whose summary says deprecated
without the flag is a warning: it stays in the action list as if it were current.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/deprecate-operation
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Edit, Fix, Fixability, Rule, RunOptions, Severity, Violation
from vetter.model.checklist import SUMMARY_MAX
from vetter.model.profiles import profile_of

RULE = Rule(
    id="CRT012",
    name="deprecation-unmarked",
    category="certification",
    severity=Severity.WARNING,
    tags=("certification", "deprecation"),
    section="2.7",
    fix=Fixability.UNSAFE,  # wording makers read, or the operation hidden from new flows
)


def check(package: ConnectorPackage, options: RunOptions) -> Iterator[Violation]:
    if not profile_of(package, options).certification:
        return
    for op in package.swagger.operations():
        if (op.visibility or "").lower() == "internal":
            continue
        summary = op.string("summary") or ""
        says = "deprecated" in summary.lower()
        if op.deprecated and not says:
            marked = f"{summary.rstrip()} (deprecated)"
            fix = Fix("Add '(deprecated)' to the summary", (Edit.replace(op.at("summary"), marked),)) if summary.strip() and len(marked) <= SUMMARY_MAX else None
            yield Violation(op.at("summary"), f"Operation '{op.id}' is deprecated but its summary does not say '(deprecated)'.", key="summary", fix=fix, severity=Severity.INFO)
        elif says and not op.deprecated:
            flag = Edit.replace(op.at("deprecated"), True) if op.has("deprecated") else Edit.add(op.at("deprecated"), True)
            yield Violation(op.at("deprecated"), f"Operation '{op.id}' summary says it is deprecated but it has no 'deprecated: true'.", hint="Add \"deprecated\": true to the operation.", key="flag",
                            fix=Fix('Mark the operation "deprecated": true', (flag,)))
