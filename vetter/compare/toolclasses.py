"""The classes of change between two tool lists of an MCP server, for agents that use them.

Kept apart from ``vetter.compare.classes`` (the connector's own classes) and shaped like
it: one table of each class's severity, the reason and the advice. ``class_info(name)``
finds a class in either table, so a ``Change`` of either kind renders the same way.

An agent binds to a tool by its name (its instructions, topics and tests name the tools
it uses) and the model fills the tool's inputs from its schema at run time; what the model
reads (names and descriptions) steers what the agent does.
"""

from __future__ import annotations

from vetter.compare.classes import BREAKING, CLASSES, NON_BREAKING, POTENTIALLY, ChangeClass

_READ = "The model chooses tools and fills their inputs from these texts; a change here changes what the agent does, and is where tool poisoning hides."


_c = ChangeClass  # name, severity, title, reason, hint (no Microsoft class: the validator knows no tools)

TOOL_CLASSES: dict[str, ChangeClass] = {
    c.name: c
    for c in (
        _c("tool-removed", BREAKING, "Tool removed",
           "Agents that name the tool (in their instructions, topics or tests) can no longer call it.",
           "Keep the tool (it may answer that it is retired) until the agents that use it have moved."),
        _c("tool-renamed", BREAKING, "Tool renamed",
           "Agents call tools by name: a rename removes the old tool for every agent that uses it.",
           "Keep the old name as an alias of the new tool until agents have moved."),
        _c("tool-required-input-added", BREAKING, "Required input added to a tool",
           "Calls that agents and topics make with the old inputs now fail validation on the server.",
           "Make the new input optional with a default, or add a new tool."),
        _c("tool-input-made-required", BREAKING, "Tool input made required",
           "Calls that leave the input out now fail.",
           "Keep the input optional and give it a default."),
        _c("tool-input-removed", POTENTIALLY, "Tool input removed",
           "The model reads the schema at run time and stops sending it; a topic that fills the input explicitly fails.",
           "Keep accepting the input and ignore it."),
        _c("tool-input-type-changed", POTENTIALLY, "Tool input type changed",
           "Values an agent or topic sends in the old type are rejected or misread.",
           "Keep the old type, or add a new input for the new one."),
        _c("tool-description-changed", POTENTIALLY, "Tool description changed", _READ,
           "Review the new description as you would a new tool: the AGT rules check it for instructions to the model."),
        _c("tool-input-description-changed", NON_BREAKING, "Tool input description changed", _READ,
           "Review the new text."),
        _c("tool-added", NON_BREAKING, "Tool added",
           "Nothing existing refers to it, but the model can call it from now on: it is a new capability of every agent that uses the server.",
           "Review the new tool before agents get it (Copilot Studio's Allow all setting adds new tools automatically)."),
        _c("tool-optional-input-added", NON_BREAKING, "Optional tool input added",
           "Existing calls stay valid.", "Nothing to do."),
    )
}


def class_info(name: str) -> ChangeClass:
    """A change class of either table (connector changes first)."""
    found = CLASSES.get(name)
    return found if found is not None else TOOL_CLASSES[name]


def tool_class_table() -> str:
    """Every tool class as a Markdown table (docs/diff.md), generated from TOOL_CLASSES."""
    rows = ["| class | severity | why this severity |", "|---|---|---|"]
    for c in TOOL_CLASSES.values():
        rows.append(f"| {c.name} | {c.severity} | {c.reason.replace('|', '/')} |")
    return "\n".join(rows) + "\n"
