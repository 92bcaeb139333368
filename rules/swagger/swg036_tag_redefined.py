"""The top-level tags list defines the same tag twice.

## Why
Each entry of the root `tags` describes one tag; two entries with the same `name` leave it
unclear which description applies (TagRedefined).

## Severity
Ground: advice — tags only group operations in documentation; a repeated tag is a
copy-and-paste slip.

## How to fix
Merge the two entries into one.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-swagger-validator-rules
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation

RULE = Rule(
    id="SWG036",
    name="tag-redefined",
    category="swagger",
    severity=Severity.WARNING,
    aliases=("TagRedefined",),
    tags=("certification",),
    section="1.5",
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    seen: set[str] = set()
    for tag in package.swagger.root.items("tags"):
        name = tag.string("name")
        if name is None:
            continue
        if name in seen:
            yield Violation(tag.at("name"), f"Tag '{name}' is defined more than once.")
        seen.add(name)
