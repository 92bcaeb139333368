"""The connector description breaks the certification description rules.

## Why
Certification (§2.2) wants `info.description` present, 30 to 500 characters long and
free of Power Platform product names; the validator reports `FieldLengthNotInRange`,
`RequiredValueEmpty` and `ValueContainsRestrictedWords`. The description is what makers
read in the connector gallery.

## Severity
Ground: blocking — the Swagger Validator reports these as errors: "The 'description' value
must be between '30' and '500' characters" and "contains at least one of the restricted
words: 'power apps, power automate, logic apps'" (PR #550, #3407, #4181).

## How to fix
Write one to three sentences (30 to 500 characters) on what the service does for the
user, without naming Power Platform products.

## Exceptions
Profiles: `custom` connectors are not checked. The validator's own list of restricted words
is Power Apps, Power Automate and Logic Apps (its output names them, PR #550 and #3407 of
microsoft/PowerPlatformConnectors): those are errors. Other Power Platform names (Power BI,
Power Pages, Copilot Studio, "Power Platform" itself) are warnings: the certification page
asks for none, but the validator lets them through. The string guidance also discourages the
word `API` in descriptions; vetter does not flag it (it is in most corpus descriptions
and reviewers accept it).

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-submission
- https://learn.microsoft.com/en-us/connectors/custom-connectors/connector-string-guidance
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, RunOptions, Severity, Violation
from vetter.model.checklist import DESCRIPTION_MAX, DESCRIPTION_MIN, quoted, split_product_names
from vetter.model.profiles import profile_of

RULE = Rule(
    id="CRT002",
    name="connector-description-invalid",
    category="certification",
    severity=Severity.ERROR,
    aliases=("FieldLengthNotInRange", "RequiredValueEmpty", "ValueContainsRestrictedWords"),
    tags=("certification", "strings"),
    section="2.2",
)


def check(package: ConnectorPackage, options: RunOptions) -> Iterator[Violation]:
    if not profile_of(package, options).certification:
        return
    info = package.swagger.root.child("info")
    if info is None or not info.is_object:
        return
    where = info.at("description")
    text = info.get("description")
    if text is None:
        yield Violation(where, "The connector has no description (info.description).", key="missing")
        return
    if not isinstance(text, str):
        return  # wrong type: a schema error
    length = len(text.strip())
    if length == 0:
        yield Violation(where, "The connector description is empty.", key="empty")
        return
    if not DESCRIPTION_MIN <= length <= DESCRIPTION_MAX:
        yield Violation(where, f"The connector description is {length} characters long; certification wants {DESCRIPTION_MIN} to {DESCRIPTION_MAX}.", key="length")
    restricted, others = split_product_names(text)
    hint = "Describe the service itself, without Power Platform product names."
    if restricted:
        yield Violation(where, f"The connector description names {quoted(restricted)}, which the validator rejects.", hint=hint, key="words")
    if others:
        yield Violation(where, f"The connector description names {quoted(others)}; certification asks for no Power Platform product names.", hint=hint, key="product-words", severity=Severity.WARNING)
