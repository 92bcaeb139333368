"""An operation has no description, or one that only repeats its summary.

## Why
Certification (§2.5) wants every operation to have a `description` that is a full
sentence and adds to the summary; makers see it as the action's help text. A
description that repeats the summary tells them nothing more.

## Severity
Ground: advice — descriptions help makers; the checklist words them "should" (full sentences
ending in punctuation).

## How to fix
Write a sentence that says what the operation does and returns, different from the
summary, ending with a full stop.

## Exceptions
Profiles: `custom` connectors are not checked. Operations with `x-ms-visibility:
internal` are not shown to makers and are skipped. The guidance also asks descriptions
to end with punctuation; vetter does not check it (409 operations in 115 of the 416
corpus packages end without it, and reviewers accept them). A description that repeats
its summary is flagged in 46 of the 416 corpus packages (11%), for example Launch
Library 2 (68 operations); they are the checklist's own example of what to avoid, so the
rule stays on as a warning.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/connector-string-guidance
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, RunOptions, Severity, Violation
from vetter.model.profiles import profile_of

RULE = Rule(
    id="CRT009",
    name="operation-description-invalid",
    category="certification",
    severity=Severity.WARNING,
    aliases=("RequiredValueEmpty",),
    tags=("certification", "strings"),
    section="2.5",
)


def check(package: ConnectorPackage, options: RunOptions) -> Iterator[Violation]:
    if not profile_of(package, options).certification:
        return
    for op in package.swagger.operations():
        if (op.visibility or "").lower() == "internal":
            continue
        text = op.get("description")
        if text is None:
            yield Violation(op.at("description"), f"Operation '{op.id}' has no description.", key="missing")
            continue
        if not isinstance(text, str):
            continue
        if not text.strip():
            yield Violation(op.at("description"), f"Operation '{op.id}' has an empty description.", key="empty")
            continue
        summary = op.string("summary")
        if summary and _same(summary, text):
            yield Violation(op.at("description"), f"Operation '{op.id}' description only repeats its summary.", key="same")


def _same(summary: str, text: str) -> bool:
    """The two texts read the same: whitespace runs as one space, trailing dots and case ignored."""
    if summary == text:
        return True
    if summary.isascii() and text.isascii() and summary[:1].lower() != text[:1].lower() and not summary[:1].isspace() and not text[:1].isspace():
        return False  # the common case: they start differently, without the joins and lower-casing
    return " ".join(summary.split()).rstrip(".").lower() == " ".join(text.split()).rstrip(".").lower()
