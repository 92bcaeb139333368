"""Definitions require each other in a loop, so no finite value can satisfy them.

## Why
If definition A requires a property whose schema is B, and B requires one whose schema is
A, every valid A contains a B that contains an A, forever. The designer cannot build such
an input and the validator rejects it (RequiredLoopInSchemaNotAllowed). Optional recursion
(a tree whose `children` are not required) is fine.

## Severity
Ground: breaks — every valid value would contain itself, so the designer cannot build the
input.

## How to fix
Make one property in the loop optional.

The message names the definitions of the loop in order; a loop of more than 20 is named by
its first 19, how many more, and the one it returns to.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-swagger-validator-rules
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Location, Rule, Severity, Violation
from vetter.model.swagger import RefError, SchemaSite

RULE = Rule(
    id="SWG019",
    name="required-loop",
    category="swagger",
    severity=Severity.ERROR,
    aliases=("RequiredLoopInSchemaNotAllowed",),
    tags=("certification", "schemas"),
    section="1.6",
)


SHOWN = 20
"""Definitions a loop's message names; a longer loop is shortened in its middle (a chain of thousands,
each also requiring the first, made a message of the whole chain for each of them)."""


def check(package: ConnectorPackage) -> Iterator[Violation]:
    swagger = package.swagger
    edges: dict[str, list[tuple[str, Location]]] = {}  # definition pointer -> [(target pointer, location)]
    for site in swagger.with_keyword("$ref"):
        if not isinstance(site, SchemaSite) or site.role != "property" or site.parent is None:
            continue
        ref = site.get("$ref")
        if not isinstance(ref, str) or site.name not in swagger.required_names(site.parent):
            continue
        owner = site.parent.pointer
        if site.parent.role != "definition":
            continue
        try:
            target, _ = swagger.resolve_ref(ref)
        except RefError:
            continue
        edges.setdefault(owner, []).append((target, site.at("$ref")))
    state: dict[str, int] = {}
    reported: set[str] = set()
    for start in sorted(edges):
        if state.get(start):
            continue
        stack = [(start, iter(edges.get(start, ())))]
        path = [start]
        at = {start: 0}  # each definition's place on the path
        state[start] = 1
        while stack:
            node, it = stack[-1]
            step = next(it, None)
            if step is None:
                state[node] = 2
                stack.pop()
                del at[path.pop()]
                continue
            target, loc = step
            if state.get(target) == 1 and node not in reported:
                reported.add(node)
                loop = path[at[target]:]  # the definitions from the target round to here
                names = [p.rsplit("/", 1)[-1] for p in (loop if len(loop) <= SHOWN else loop[: SHOWN - 1])]
                shown = " -> ".join(names) + (f" -> ... ({len(loop) - SHOWN + 1:,} more)" if len(loop) > SHOWN else "")
                yield Violation(loc, "Required properties loop: " + shown + " -> " + target.rsplit("/", 1)[-1] + ".")
            elif not state.get(target):
                state[target] = 1
                at[target] = len(path)
                path.append(target)
                stack.append((target, iter(edges.get(target, ()))))
