"""An operation summary or parameter x-ms-summary breaks the string rules.

## Why
Certification (§2.5) wants operation `summary` and parameter `x-ms-summary` at most 80
characters (the validator's own limit is 120), ending with a letter, digit or closing
parenthesis, and free of Power Platform product names. They are the action titles and
field labels makers see; the validator reports `FieldLengthExceeded`,
`ValueMustEndWithAlphanumeric` and `ValueContainsRestrictedWords`.

## Severity
Ground: advice — summaries and labels are what makers read; the checklist words these string
rules "should".

## How to fix
Shorten the summary to 80 characters or fewer, remove trailing punctuation and
whitespace, and do not name Power Platform products.

## Exceptions
Profiles: `custom` connectors are not checked. A closing parenthesis is accepted as the
last character: the checklist allows parentheses and asks for `(deprecated)` at the end of
deprecated operations. `/` in a summary (`RestrictedCharactersInSummary`) and the 120
character limit (`OperationSummaryTooLong`) are the validator rules' findings.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/connector-string-guidance
- https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-submission
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Edit, Fix, Fixability, Rule, RunOptions, Severity, Violation
from vetter.model.checklist import SUMMARY_MAX, product_names
from vetter.model.node import Node
from vetter.model.profiles import profile_of

RULE = Rule(
    id="CRT008",
    name="summary-invalid",
    category="certification",
    severity=Severity.WARNING,
    aliases=("FieldLengthExceeded", "ValueMustEndWithAlphanumeric", "ValueContainsRestrictedWords"),
    tags=("certification", "strings"),
    section="2.5",
    fix=Fixability.UNSAFE,  # wording makers read: trailing punctuation removed
)


def check(package: ConnectorPackage, options: RunOptions) -> Iterator[Violation]:
    if not profile_of(package, options).certification:
        return
    swagger = package.swagger
    for op in swagger.operations():
        if _suspect(op.get("summary")):
            yield from _judge(op, "summary", f"Operation '{op.id}' summary")
    # the parameters' labels first read from the index of extensions (the walk keeps the x- keys of each
    # parameter object it lists there, in another order): when none is suspect, as in most packages, the
    # parameters are not looked at one by one
    if not any(site.owner == "parameter" and _suspect(site.node.data) for site in swagger.extensions_named("x-ms-summary")):
        return
    for site in swagger.index.parameters:
        node = site.node
        if node.is_object and _suspect(node.data.get("x-ms-summary")):
            name = node.string("name") or node.key
            yield from _judge(node, "x-ms-summary", f"Parameter '{name}' x-ms-summary")


def _suspect(text: object) -> bool:
    """Whether ``_judge`` finds something in ``text``: the common summary is judged without its label or location."""
    if not isinstance(text, str) or not text.strip():
        return False
    last = text[-1]
    return len(text) > SUMMARY_MAX or not (last.isalnum() or last == ")") or bool(product_names(text))


def _judge(node: Node, key: str, label: str) -> Iterator[Violation]:
    text = node.get(key)
    if not isinstance(text, str) or not text.strip():
        return
    where = node.at(key)
    if len(text) > SUMMARY_MAX:
        yield Violation(where, f"{label} is {len(text)} characters long; certification allows {SUMMARY_MAX}.", key="length")
    last = text[-1]
    if not (last.isalnum() or last == ")"):
        end = len(text) - 1  # the last letter, digit or ")", looked for from the end
        while end and not (text[end - 1].isalnum() or text[end - 1] == ")"):
            end -= 1
        trimmed = text[:end]
        fix = Fix(f"Remove the trailing {text[len(trimmed):]!r}", (Edit.replace(where, trimmed),)) if trimmed else None
        yield Violation(where, f"{label} ends with {last!r}; it must end with a letter or digit.", hint="Remove the trailing punctuation or whitespace.", key="end", fix=fix)
    names = product_names(text)
    if names:
        quoted = ", ".join(f"'{w}'" for w in dict.fromkeys(names))
        yield Violation(where, f"{label} names {quoted}; certification does not allow Power Platform product names.", hint="Describe what the operation does without naming Power Platform products.", key="words")
