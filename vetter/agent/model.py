"""The records of an agent connector's profile: its MCP operations, its server and its tools.

Plain frozen records, each with where it was found. A ``Tool`` is one entry of an MCP
server's ``tools/list`` answer (name, description, input schema) with its ``source``
(``script``: literals of ``script.csx``; ``file``: a saved answer given with
``--mcp-tools``; ``online``: the server's own answer with ``--online``) and a way to
locate any of its parts (``Tool.at``): a JSON pointer into the file or answer it came
from, or a line of the script.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from msgspec import Struct

from vetter.base import pointer as jp
from vetter.base.rule import Location

SOURCES = ("script", "file", "online")
"""Where a tool list can come from, in the order the profile prefers them (see ``profile.choose``)."""

KINDS = ("rest", "mcp", "both")


class Tool(Struct, frozen=True, order=True):
    """One tool as the model sees it: its name, description and input schema, and where each part is.

    ``name`` and ``description`` are None when the value is not a string (or, in a script,
    is built at run time); ``input_schema`` is the schema object as given (None when absent
    or not an object). ``locate(keys)`` gives the ``Location`` of a part, keys as in the
    JSON (``("inputSchema", "properties", "url")``); ``position`` is the tool's place in its list.
    """

    name: str | None
    description: str | None
    input_schema: dict[str, Any] | None
    source: str
    position: int
    locate: Callable[[tuple[str | int, ...]], Location]
    annotations: Mapping[str, Any] | None = None
    raw: Any = None  # the tool object as given (file, online)

    def at(self, *keys: str | int) -> Location:
        return self.locate(tuple(keys))

    @property
    def label(self) -> str:
        return self.name if self.name is not None else f"tool #{self.position + 1}"

    def canonical(self) -> dict[str, Any]:
        """What the tool-list hash covers: name, description and input schema, nothing else."""
        return {"name": self.name, "description": self.description, "inputSchema": self.input_schema}


class ToolProblem(Struct, frozen=True, order=True):
    """An entry of a tool list that is not a usable tool (no string name, a schema that is not an object)."""

    message: str
    location: Location
    key: str


class ToolList(Struct, frozen=True, order=True):
    """The tools from one source, in the order the source gives them, and what was wrong with it."""

    source: str  # script | file | online
    origin: str  # the file name, the script's name, or the server's URL
    tools: tuple[Tool, ...]
    problems: tuple[ToolProblem, ...] = ()
    complete: bool = True  # False when some tools could not be read (built at run time in a script)
    note: str | None = None


MAX_SCHEMA_DEPTH = 64
"""An input schema nested deeper than this is not kept (hashing and walking it must not exhaust the stack)."""


def too_deep(value: Any, limit: int = MAX_SCHEMA_DEPTH) -> bool:
    """Whether ``value`` nests lists and objects deeper than ``limit`` (walked without recursion)."""
    stack = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if depth > limit:
            return True
        if isinstance(item, dict):
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item)
    return False


def pointer_locator(file: str, base: str, lines: Callable[[str], tuple[int, int]] | None) -> Callable[[tuple[str | int, ...]], Location]:
    """Locations of a tool's parts for a tool read from JSON: ``file#base/keys`` with line and column."""

    def locate(keys: tuple[str | int, ...]) -> Location:
        pointer = jp.join(base, *keys) if keys else base
        if lines is None:
            return Location(file, pointer)
        line, column = lines(pointer)
        return Location(file, pointer, line, column)

    return locate


class McpOperation(Struct, frozen=True, order=True):
    """An operation marked with ``x-ms-agentic-protocol``."""

    operation: Any  # vetter.model.swagger.Operation
    protocol: Any  # the marker's value as written
    marker: Any  # vetter.model.node.Node of the marker

    @property
    def transport(self) -> str:
        return {"mcp-streamable-1.0": "streamable-http", "mcp-sse-1.0": "sse"}.get(self.protocol, "unknown") if isinstance(self.protocol, str) else "unknown"


class Server(Struct, frozen=True, order=True):
    """Where the MCP operation's requests go.

    ``origin``: ``host`` (the swagger's fixed host), ``script`` (script.csx answers the MCP
    calls itself), ``policy`` (a routing policy template sets the host or URL),
    ``connection`` (a connection parameter builds the host), ``unknown`` (an empty or
    placeholder host, nothing else). ``free`` is True when a user's free text decides it.
    """

    origin: str
    url: str | None
    host: str | None
    free: bool
    evidence: Location
    note: str


def package_only(options: Any) -> bool:
    """The run's options give no tool list (``--mcp-tools``) and no ``--online`` answer: what the agent
    profile and the model texts hold comes from the package alone (kept in the analysis's offline slots)."""
    return options is None or (getattr(options, "mcp_tools", None) is None and not getattr(options, "online", False))
