"""x-ms-pageable names a next-link property other than nextLink or @odata.nextLink.

## Why
The designer pages through results by following the property `x-ms-pageable.nextLinkName`
names. Microsoft's validator accepts only `nextLink` and `@odata.nextLink`
(InvalidNextLinkNameValue); with another name paging does not work in flows.

## Severity
Ground: breaks — the designer pages by following `nextLink` or `@odata.nextLink` only; with
another name, flows get the first page.

## How to fix
Return the next link as `nextLink` or `@odata.nextLink` (a policy or custom code can rename
it) and name that property in `nextLinkName`.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-swagger-validator-rules
- https://learn.microsoft.com/en-us/connectors/custom-connectors/openapi-extensions
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation

RULE = Rule(
    id="XMS006",
    name="next-link-name-invalid",
    category="extensions",
    severity=Severity.ERROR,
    aliases=("InvalidNextLinkNameValue",),
    tags=("certification", "extensions"),
    section="1.1",
)

_ALLOWED = ("nextLink", "@odata.nextLink")


def check(package: ConnectorPackage) -> Iterator[Violation]:
    for site in package.swagger.extensions_named("x-ms-pageable"):
        if site.name != "x-ms-pageable":
            continue
        name = site.node.string("nextLinkName")
        if name is not None and name not in _ALLOWED:
            yield Violation(site.node.at("nextLinkName"), f"nextLinkName is '{name}'; only nextLink or @odata.nextLink are accepted.")
