"""The script imports a namespace outside the documented set.

## Why
Custom code runs in a sandbox that only references the documented assemblies; Microsoft's
script check allows exactly 26 namespaces (`System`, `System.Net.Http`, `Newtonsoft.Json`,
...; rules catalog §2.7) and reviewers reject others. A `using` outside the set fails to
compile on the platform even when it compiles locally.

## Severity
Ground: blocking — reviewers reject namespaces outside the documented set
(microsoft/PowerPlatformConnectors PR #3478) and Microsoft's script check lists exactly 26.

## How to fix
Remove the `using` and the code that needs it, or write the functionality with the
allowed namespaces.

## References
- https://learn.microsoft.com/connectors/custom-connectors/write-code#supported-namespaces
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Location, Rule, Severity, Violation
from vetter.model.csx import ALLOWED_NAMESPACES, parse_script

RULE = Rule(
    id="SCR003",
    name="script-namespace-not-allowed",
    category="script",
    severity=Severity.ERROR,
    tags=("custom-code", "certification"),
    section="2.7",
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    script = parse_script(package)
    if script is None:
        return
    for node in script.of("using"):
        names = [c for c in node.named_children if c.type in ("qualified_name", "identifier", "alias_qualified_name")]
        if not names:
            continue
        target = script.text(names[-1])  # `using X = A.B;` imports A.B
        namespace = "".join(target.split())
        if "static" in [script.text(c) for c in node.children]:
            namespace = namespace.rsplit(".", 1)[0]  # using static System.Math -> System
        namespace = namespace.removeprefix("global::")
        if namespace not in ALLOWED_NAMESPACES:
            line, column = script.where(node)
            yield Violation(Location(script.name, None, line, column), f"Namespace '{namespace}' is not one of the namespaces custom code may use.")
