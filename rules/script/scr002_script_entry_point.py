"""The script has no `public class Script : ScriptBase` with `ExecuteAsync`.

## Why
The platform instantiates a class named `Script` that derives from `ScriptBase` and calls
its `public override async Task<HttpResponseMessage> ExecuteAsync()`. Without them the
connector cannot be saved (Microsoft's own script check reports both as errors).

## Severity
Ground: breaks — the platform instantiates `Script : ScriptBase` and calls `ExecuteAsync`;
without them the connector cannot be saved.

## How to fix
Put the code in `public class Script : ScriptBase` and implement
`public override async Task<HttpResponseMessage> ExecuteAsync()`.

## Exceptions
`public class script : ScriptBase` (lower case) is accepted: three published
independent-publisher connectors (Tumblr, wttr.in, OpenAI GPT-4) declare it so and run.

## References
- https://learn.microsoft.com/connectors/custom-connectors/write-code
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Location, Rule, Severity, Violation
from vetter.model.csx import parse_script

RULE = Rule(
    id="SCR002",
    name="script-entry-point",
    category="script",
    severity=Severity.ERROR,
    tags=("custom-code", "certification"),
    section="2.7",
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    script = parse_script(package)
    if script is None:
        return
    classes = []
    for node in script.of("class"):
        name = node.child_by_field_name("name")
        bases = next((c for c in node.named_children if c.type == "base_list"), None)
        base_names = [script.text(b).rsplit(".", 1)[-1] for b in bases.named_children] if bases is not None else []
        classes.append((node, script.text(name) if name is not None else "", base_names))
    entry = [c for c in classes if c[1].lower() == "script" and "ScriptBase" in c[2]]
    if not entry:
        named = next((c for c in classes if c[1].lower() == "script"), None)
        if named is not None:
            line, column = script.where(named[0])
            yield Violation(Location(script.name, None, line, column), "Class 'Script' does not derive from ScriptBase.")
        else:
            yield Violation(Location(script.name, None, 1, 1), "The script has no 'public class Script : ScriptBase'.")
        return
    node = entry[0][0]
    for method in script.of("method"):
        if not (node.start_byte <= method.start_byte < node.end_byte):
            continue
        name = method.child_by_field_name("name")
        if name is None or script.text(name) != "ExecuteAsync":
            continue
        modifiers = {script.text(m) for m in method.named_children if m.type == "modifier"}
        returns = method.child_by_field_name("returns")
        problems = []
        if not {"public", "override"} <= modifiers:
            problems.append("is not 'public override'")
        if returns is None or "".join(script.text(returns).split()) not in ("Task<HttpResponseMessage>", "System.Threading.Tasks.Task<HttpResponseMessage>", "Task<System.Net.Http.HttpResponseMessage>"):
            problems.append("does not return Task<HttpResponseMessage>")
        if problems:
            line, column = script.where(method)
            yield Violation(Location(script.name, None, line, column), f"ExecuteAsync {' and '.join(problems)}.")
        return
    line, column = script.where(node)
    yield Violation(Location(script.name, None, line, column), "Class Script does not implement 'public override async Task<HttpResponseMessage> ExecuteAsync()'.")
