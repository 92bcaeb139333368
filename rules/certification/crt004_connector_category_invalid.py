"""The connector's Categories are not from the allowed list, or more than two.

## Why
Certification (§2.4) allows at most two categories, from a fixed list of 19 (AI,
Business Management, Business Intelligence, Collaboration, Commerce, Communication,
Content and Files, Finance, Data, Human Resources, Internet of Things, IT Operations,
Lifestyle and Entertainment, Marketing, Productivity, Sales and CRM, Security, Social
Media, Website). The validator reports `InvalidConnectorCategory` and
`TooManyConnectorCategories`.

## Severity
Ground: blocking — the certification page allows "a maximum of two of the following
categories" and lists them; the validator has codes for both (InvalidConnectorCategory,
TooManyConnectorCategories).

## How to fix
Set the `Categories` metadata value to one or two names from the list, separated by a
semicolon, e.g. `"Productivity;Collaboration"`.

## Exceptions
Profiles: `custom` connectors are not checked. A category written in another letter case
(`Sales and Crm`) is reported with the right spelling.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-submission
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, RunOptions, Severity, Violation
from vetter.model.checklist import MAX_CATEGORIES, categories, category_match, metadata_member
from vetter.model.profiles import profile_of

RULE = Rule(
    id="CRT004",
    name="connector-category-invalid",
    category="certification",
    severity=Severity.ERROR,
    aliases=("InvalidConnectorCategory", "TooManyConnectorCategories"),
    tags=("certification", "metadata"),
    section="2.4",
)


def check(package: ConnectorPackage, options: RunOptions) -> Iterator[Violation]:
    if not profile_of(package, options).certification:
        return
    for entry in package.swagger.root.items("x-ms-connector-metadata"):
        value_key = metadata_member(entry, "propertyValue")  # members in any case, as the service reads them (CRT003)
        name = entry.string(metadata_member(entry, "propertyName"))
        value = entry.string(value_key)
        if name is None or name.strip().lower() != "categories" or value is None:
            continue
        where = entry.at(value_key)
        names = categories(value)
        for cat in names:
            match = category_match(cat)
            if match is None:
                yield Violation(where, f"'{cat}' is not a connector category.", key=f"unknown:{cat}")
            elif match != cat:
                yield Violation(where, f"Category '{cat}' is spelled '{match}' in the allowed list.", hint=f"Write '{match}'.", key=f"case:{cat}")
        if len(names) > MAX_CATEGORIES:
            yield Violation(where, f"{len(names)} categories are given; certification allows {MAX_CATEGORIES}.", hint="Keep the two categories that describe the service best.", key="count")
