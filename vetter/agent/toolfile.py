"""A saved ``tools/list`` answer (``--mcp-tools FILE``) or the one a server gave (``--online``), as a ``ToolList``.

Three shapes are read: a JSON-RPC response (``{"jsonrpc": "2.0", "id": 1, "result":
{"tools": [...]}}``), its ``result`` (``{"tools": [...]}``) and the bare list
(``[...]``). The file is parsed once by ``vetter.model.jsonfile`` (tolerant of a BOM or a
trailing comma, with line and column for every pointer), so a finding about a tool points
at the line of that tool in the file. A file that is not JSON or not of these shapes is
``ToolFileError`` (the command line prints one line and exits 2); a tool without a string
name or with a schema that is not an object is kept as a ``ToolProblem`` (AGT009).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from vetter.agent.model import MAX_SCHEMA_DEPTH, Tool, ToolList, ToolProblem, pointer_locator, too_deep
from vetter.model.jsonfile import JsonFile

MAX_FILE = 32 * 1024 * 1024
"""A tools file larger than this is refused (a real server's answer is a few hundred kilobytes)."""


class ToolFileError(Exception):
    """The tools file cannot be read as a tool list."""


def read_tool_file(path: str | Path) -> ToolList:
    """The tools of a saved ``tools/list`` answer; ``ToolFileError`` when it cannot be one."""
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > MAX_FILE:
            raise ToolFileError(f"{path}: {size} bytes; a tools file is at most {MAX_FILE} bytes")
        raw = p.read_bytes()
    except OSError as exc:
        raise ToolFileError(f"{path}: {exc.strerror or exc}") from None
    return tool_list_from_bytes(str(path), raw, "file")


def tool_list_from_bytes(name: str, raw: bytes, source: str, origin: str | None = None) -> ToolList:
    file = JsonFile(name, raw)
    if not file.parsed:
        problem = next((p for p in file.problems if p.kind in ("syntax", "empty", "too-deep")), None)
        why = f"line {problem.line}: {problem.message}" if problem is not None else "not JSON"
        raise ToolFileError(f"{name}: not a JSON tools/list answer ({why})")
    return tool_list_from_data(name, file.data, source, file.locate, origin)


def tool_list_from_data(name: str, data: Any, source: str, lines: Any = None, origin: str | None = None) -> ToolList:
    """``data`` in one of the three shapes; ``lines(pointer)`` gives line and column (None: not known)."""
    base, tools = _tools_array(data)
    if tools is None:
        raise ToolFileError(
            f"{name}: expected a tools/list answer: {{\"result\": {{\"tools\": [...]}}}}, {{\"tools\": [...]}} or a list of tools"
        )
    out: list[Tool] = []
    problems: list[ToolProblem] = []
    for i, entry in enumerate(tools):
        locate = pointer_locator(name, f"{base}/{i}", lines)
        if not isinstance(entry, dict):
            problems.append(ToolProblem(f"Entry {i + 1} of the tool list is not an object.", locate(()), f"entry:{i}"))
            continue
        raw_name = entry.get("name")
        raw_description = entry.get("description")
        raw_schema = entry.get("inputSchema")
        if not isinstance(raw_name, str) or not raw_name.strip():
            problems.append(ToolProblem(f"Tool {i + 1} has no name: the agent cannot call it.", locate(("name",)), f"name:{i}"))
        if isinstance(raw_schema, dict) and too_deep(raw_schema):
            problems.append(ToolProblem(f"The inputSchema of tool {i + 1} is nested deeper than {MAX_SCHEMA_DEPTH} levels; it is not read.", locate(("inputSchema",)), f"schema:{i}"))
            raw_schema = {}
        elif raw_schema is not None and not isinstance(raw_schema, dict):
            problems.append(ToolProblem(f"The inputSchema of tool {i + 1} is not an object.", locate(("inputSchema",)), f"schema:{i}"))
        elif raw_schema is None:
            problems.append(ToolProblem(f"Tool {i + 1} has no inputSchema (MCP requires one).", locate(()), f"schema:{i}"))
        if raw_description is not None and not isinstance(raw_description, str):
            problems.append(ToolProblem(f"The description of tool {i + 1} is not a string.", locate(("description",)), f"description:{i}"))
        annotations = entry.get("annotations")
        out.append(
            Tool(
                name=raw_name if isinstance(raw_name, str) else None,
                description=raw_description if isinstance(raw_description, str) else None,
                input_schema=raw_schema if isinstance(raw_schema, dict) else None,
                source=source,
                position=i,
                locate=locate,
                annotations=annotations if isinstance(annotations, dict) else None,
                raw=entry,
            )
        )
    return ToolList(source, origin or name, tuple(out), tuple(problems))


def _tools_array(data: Any) -> tuple[str, list[Any] | None]:
    if isinstance(data, list):
        return "", data
    if not isinstance(data, dict):
        return "", None
    result = data.get("result")
    if isinstance(result, dict) and isinstance(result.get("tools"), list):
        return "/result/tools", result["tools"]
    if isinstance(data.get("tools"), list):
        return "/tools", data["tools"]
    return "", None
