"""The script risks the platform's run-time limit (unbounded loops, long waits).

## Why
Custom code must finish in about 5 seconds (Microsoft's training module) within the
request's overall timeout; the platform cancels it otherwise. Loops that keep sending
until the service says stop (`while (true)`, paging until no `nextLink`, retrying until a
call succeeds) and long `Task.Delay` / `Thread.Sleep` calls are the usual ways to exceed it.

## Severity
Ground: advice — the limit applies at run time; whether a loop is really unbounded is a
reviewer's reading.

## How to fix
Bound every loop that sends requests (a maximum number of pages or attempts), keep waits
well under a second, and let the flow (or `x-ms-pageable`, or a retry policy) do paging,
polling and retries.

## References
- https://learn.microsoft.com/connectors/custom-connectors/write-code
- https://learn.microsoft.com/training/modules/custom-connector-code/
"""

import re
from collections.abc import Iterator

from vetter import ConnectorPackage, Location, Rule, Severity, Violation
from vetter.model.csx import contains_send, parse_script

RULE = Rule(
    id="SCR008",
    name="script-run-time-risk",
    category="script",
    severity=Severity.WARNING,
    tags=("custom-code", "reliability"),
    section="2.7",
)

LONG_WAIT_MS = 1000
_BOUND = re.compile(r"<|>|<=|>=")


def _milliseconds(script, node) -> float | None:
    """The wait of ``Task.Delay(x)`` / ``Thread.Sleep(x)`` when ``x`` is written as a number or TimeSpan."""
    text = "".join(script.text(node).split())
    m = re.fullmatch(r"(\d+)", text)
    if m:
        return float(m.group(1))
    m = re.fullmatch(r"(?:System\.)?TimeSpan\.From(Milliseconds|Seconds|Minutes|Hours)\((\d+(?:\.\d+)?)\)", text)
    if m:
        return float(m.group(2)) * {"Milliseconds": 1, "Seconds": 1000, "Minutes": 60000, "Hours": 3600000}[m.group(1)]
    return None


def check(package: ConnectorPackage) -> Iterator[Violation]:
    script = parse_script(package)
    if script is None:
        return
    for kind in ("while", "do", "for"):
        for loop in script.of(kind):
            if not contains_send(script, loop):
                continue
            condition = loop.child_by_field_name("condition")
            cond = "".join(script.text(condition).split()) if condition is not None else ""
            line, column = script.where(loop)
            where = Location(script.name, None, line, column)
            if cond in ("", "true"):
                yield Violation(where, f"An endless {kind} loop sends requests; only a break stops it, and the run-time limit may stop it first.", key=f"{line}:{column}")
            elif kind != "for" and not _BOUND.search(cond):
                yield Violation(where, f"A {kind} loop sends requests until '{cond[:60]}' changes, with no limit on how many.", key=f"{line}:{column}")
    for node, receiver, name in script.calls("Delay", "Sleep"):
        if receiver.rsplit(".", 1)[-1] not in ("Task", "Thread"):
            continue
        args = script.arguments(node)
        wait = _milliseconds(script, args[0]) if args else None
        if wait is not None and wait >= LONG_WAIT_MS:
            line, column = script.where(node)
            yield Violation(Location(script.name, None, line, column), f"{receiver}.{name} waits {wait / 1000:g} s; custom code should finish within about 5 s.", key=f"{line}:{column}")
