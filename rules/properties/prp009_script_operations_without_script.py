"""scriptOperations is set but the package has no custom code script.

## Why
`properties.scriptOperations` lists the operations whose requests go through the
connector's custom code (`script.csx`, §2.7). Without a script in the package the list
routes those operations to code that is not there: the submission is incomplete, or the
list is left over from an earlier version.

## Severity
Ground: advice — the list selects nothing without a script; it is a leftover.

## How to fix
Add the `script.csx` the list is meant for, or remove `scriptOperations`.

## Exceptions
A solution export keeps the script outside the connector folder and is not checked.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/write-code
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation

RULE = Rule(
    id="PRP009",
    name="script-operations-without-script",
    category="properties",
    severity=Severity.WARNING,
    tags=("script",),
    section="2.7",
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    props = package.properties
    if props.properties is None or props.script_operations is None or package.kind == "solution":
        return
    if package.script is None:
        yield Violation(props.properties.at("scriptOperations"), "scriptOperations is set but the package has no script.csx.")
