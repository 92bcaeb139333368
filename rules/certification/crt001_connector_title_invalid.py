"""The connector title breaks the certification title rules.

## Why
Certification (§2.1 of Microsoft's checklist) wants `info.title` to be the product or
organisation name, at most 30 characters, without the words `API` or `Connector` or any
Power Platform product name, and ending with a letter or digit (or a closing parenthesis). The validator reports
these as `FieldLengthExceeded`, `ValueContainsRestrictedWords`,
`ValueMustEndWithAlphanumeric` and `RequiredValueEmpty`; reviewers send the
submission back.

## Severity
Ground: blocking — the Swagger Validator reports these as errors: "The 'title' value goes
over the character limit '30'", "The value 'title' contains at least one of the restricted
words: 'api, connector'" (microsoft/PowerPlatformConnectors PR #3407).

## How to fix
Shorten the title to the product or company name (30 characters or fewer), drop `API`,
`Connector` and product names such as `Power Automate`, and end it with a letter or digit.

## Exceptions
Profiles: `custom` connectors are not checked. Under `independent-publisher` the
suffix ` (Independent Publisher)` Microsoft uses for these connectors is allowed and is
not counted in the 30 characters; it is not required in `info.title` (none of the 396
independent-publisher swaggers in the corpus carries it: the suffix is the PR title's).
A closing parenthesis may end any title (`Ice and Fire (Game of Thrones)` was accepted),
as the checklist allows parentheses in strings. A trailing `[DEPRECATED]`, the marker a
deprecated connector's title carries (Airtable's in Microsoft's repository is
`Airtable [DEPRECATED]`), is left out of the checks like the suffix above: it is not part of
the name, and the `(deprecated)` form already passes by its parenthesis. `API`, `Connector` and the names the
validator lists as restricted (Power Apps, Power Automate, Logic Apps) are errors; other
Power Platform names (Power BI, Copilot Studio ...) are warnings: the certification page
forbids them in titles, but the validator's list does not hold them.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-submission
- https://learn.microsoft.com/en-us/connectors/custom-connectors/connector-string-guidance
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, RunOptions, Severity, Violation
from vetter.model.checklist import (
    TITLE_MAX,
    ends_alphanumeric,
    quoted,
    split_product_names,
    title_words,
    without_ip_suffix,
)
from vetter.model.profiles import profile_of

RULE = Rule(
    id="CRT001",
    name="connector-title-invalid",
    category="certification",
    severity=Severity.ERROR,
    aliases=("FieldLengthExceeded", "ValueContainsRestrictedWords", "ValueMustEndWithAlphanumeric", "RequiredValueEmpty"),
    tags=("certification", "strings"),
    section="2.1",
)


_DEPRECATED = "[deprecated]"


def _without_deprecated_marker(title: str) -> str:
    """``title`` without a trailing "[DEPRECATED]" (any case) and the spaces before it."""
    end = title.rstrip()
    return end[: -len(_DEPRECATED)].rstrip() if end[-len(_DEPRECATED) :].lower() == _DEPRECATED else title


def check(package: ConnectorPackage, options: RunOptions) -> Iterator[Violation]:
    if not profile_of(package, options).certification:
        return
    info = package.swagger.root.child("info")
    if info is None or not isinstance(info.get("title"), str):
        return  # a missing title is a schema error (SWG001)
    where = info.at("title")
    raw = info.get("title")
    raw = _without_deprecated_marker(raw)
    stripped = without_ip_suffix(raw)
    title = raw if stripped is None else stripped
    if not title.strip():
        yield Violation(where, "The connector title is empty.", key="empty")
        return
    if len(title) > TITLE_MAX:
        yield Violation(where, f"The connector title '{title}' is {len(title)} characters long; certification allows {TITLE_MAX}.", key="length")
    restricted, others = split_product_names(title)
    words = list(dict.fromkeys(title_words(title))) + restricted
    hint = "Use the product or company name only, without 'API', 'Connector' or Power Platform product names."
    if words:
        yield Violation(where, f"The connector title contains {quoted(words)}, which certification does not allow in a title.", hint=hint, key="words")
    if others:
        yield Violation(where, f"The connector title contains {quoted(others)}; certification asks for no Power Platform product names.", hint=hint, key="product-words", severity=Severity.WARNING)
    if not (ends_alphanumeric(title) or title.endswith(")")):
        yield Violation(where, f"The connector title ends with {title[-1]!r}; it must end with a letter or digit.", hint="Remove the trailing punctuation or whitespace.", key="end")
