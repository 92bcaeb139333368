"""The custom code does not parse as C#.

## Why
The platform compiles `script.csx` when the connector is saved; a syntax error makes the
save fail, and reviewers reject the submission. vetter parses the script with
tree-sitter's C# grammar and reports each error at its line.

## Severity
Ground: breaks — the platform compiles the script when the connector is saved; a syntax
error makes the save fail.

## How to fix
Fix the C# at the reported line (a missing `;`, `}` or `)` is the usual cause) and compile
the script locally, for example in a small .NET project that defines `ScriptBase`.

## References
- https://learn.microsoft.com/connectors/custom-connectors/write-code
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Location, Rule, Severity, Violation
from vetter.model.csx import parse_script

RULE = Rule(
    id="SCR001",
    name="script-syntax-error",
    category="script",
    severity=Severity.ERROR,
    tags=("custom-code", "validity"),
    section="2.7",
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    script = parse_script(package)
    if script is None:
        return
    for problem in script.errors:
        if problem.missing:
            message = f"C# syntax error: '{problem.missing}' expected here."
        else:
            message = f"C# syntax error: the parser could not read '{problem.text}'." if problem.text else "C# syntax error."
        yield Violation(Location(script.name, None, problem.line, problem.column), message, key=f"{problem.line}:{problem.column}")
