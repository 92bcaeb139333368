"""The tools a ``script.csx`` serves itself: the literals of its ``tools/list`` answer.

Many agent connectors implement the MCP server inside the script: it answers
``initialize``, ``tools/list`` and ``tools/call``, and its tools are written as C#
literals (``new JObject { ["name"] = "...", ["inputSchema"] = new JObject { ... } }``,
``new JProperty(...)``, anonymous objects, collection initialisers, or JSON text given to
``JObject.Parse``/``JArray.Parse``). The script is parsed once by ``vetter.model.csx`` (tree-sitter);
here each object, array and literal node is evaluated once (memoised by node, so nesting
costs its size once), constants and fields are followed through ``Script.values_of``, and
every object with a string ``name`` and an ``inputSchema`` is a tool, in the order of the
script. A part built at run time (an interpolation, a call, a parameter) is unknown: the
tool keeps what is literal and the list is marked incomplete.

Only scripts that mention the ``tools/list`` method are read: that is what serving tools means.
"""

from __future__ import annotations

import json
import re
from typing import Any

from msgspec import Struct

from vetter.agent.model import Tool, ToolList, ToolProblem, too_deep
from vetter.base.rule import Location

TOOLS_LIST = "tools/list"
MAX_DEPTH = 96


class _Unknown:
    """A value built at run time."""

    def __repr__(self) -> str:
        return "<computed>"


UNKNOWN = _Unknown()


class Lit(Struct, frozen=True, order=True):
    """An evaluated C# expression: a plain value (dict of ``Lit``, list of ``Lit``, scalar or UNKNOWN) and where it starts."""

    value: Any
    line: int
    column: int


_OBJECTS = {"JObject", "Dictionary", "JsonObject", "ExpandoObject", "SortedDictionary"}
_ARRAYS = {"JArray", "List", "JsonArray", "HashSet", "Collection", "IList", "IEnumerable"}
_PARSE = {"JObject", "JArray", "JToken", "JsonNode", "JContainer"}


def serves_tools(script: Any) -> bool:
    """Whether the script handles the ``tools/list`` method (a string literal names it)."""
    return tools_list_place(script) is not None


def tools_list_place(script: Any) -> tuple[int, int] | None:
    """Line and column of the first ``"tools/list"`` literal of the script (None without one)."""
    if TOOLS_LIST.encode() not in script.source:
        return None
    found = [n for n in _string_nodes(script) if _string_value(script, n) == TOOLS_LIST]
    return script.where(min(found, key=lambda n: n.start_byte)) if found else None


def script_tools(script: Any) -> ToolList | None:
    """The tools the script serves (None when it does not serve ``tools/list``)."""
    if not serves_tools(script):
        return None
    ev = _Evaluator(script)
    roots: list[Lit] = []
    for node in script.of("new"):
        roots.append(ev.eval(node))
    for node in _anonymous(script):
        roots.append(ev.eval(node))
    for node, receiver, name in script.calls("Parse", "DeserializeObject"):
        if receiver.rsplit(".", 1)[-1] in _PARSE or name == "DeserializeObject":
            roots.append(ev.eval(node))
    roots.extend(_fluent_tools(script, ev))
    found: list[Lit] = []
    seen: set[int] = set()
    placed: set[tuple[int, int]] = set()
    complete = True
    stack = list(roots)
    while stack:
        lit = stack.pop()
        if id(lit) in seen:
            continue
        seen.add(id(lit))
        value = lit.value
        if isinstance(value, dict):
            if _is_tool(value) and (lit.line, lit.column) not in placed:
                placed.add((lit.line, lit.column))
                found.append(lit)
                complete = complete and not _has_unknown(lit)
            stack.extend(value.values())
        elif isinstance(value, list):
            if any(isinstance(v.value, dict) and _is_tool(v.value) for v in value) and any(v.value is UNKNOWN for v in value):
                complete = False  # a tool of this list is built at run time
            stack.extend(value)
    if ev.steps >= ev.budget or ev.calls >= MAX_CALLS:
        complete = False  # the walk stopped at its budget: what it did not reach is unknown
    found.sort(key=lambda lit: (lit.line, lit.column))
    tools: list[Tool] = []
    problems: list[ToolProblem] = []
    for i, lit in enumerate(found):
        value = lit.value
        name = value["name"].value
        description_lit = value.get("description")
        description = description_lit.value if description_lit is not None and isinstance(description_lit.value, str) else None
        schema = plain(value["inputSchema"])
        locate = _locator(script.name, lit)
        if not isinstance(schema, dict) and value["inputSchema"].value is not UNKNOWN:
            problems.append(ToolProblem(f"The inputSchema of tool '{name}' is not an object.", locate(("inputSchema",)), f"schema:{i}"))
        annotations = plain(value["annotations"]) if "annotations" in value else None
        tools.append(
            Tool(
                name=name,
                description=description,
                input_schema=schema if isinstance(schema, dict) else None,
                source="script",
                position=i,
                locate=locate,
                annotations=annotations if isinstance(annotations, dict) else None,
            )
        )
    note = None
    if not tools:
        note = f"{script.name} answers tools/list, but its tools are built at run time (no literal tool objects)."
        complete = False
    elif not complete:
        note = f"Parts of the tools in {script.name} are built at run time; the list holds the literal parts."
    return ToolList("script", script.name, tuple(tools), tuple(problems), complete, note)


# -- the fluent registration of the "Power MCP" template ------------------------------------------
_FLUENT_TYPES = {"String": "string", "Integer": "integer", "Number": "number", "Boolean": "boolean", "Array": "array", "Object": "object"}


def _fluent_tools(script: Any, ev: _Evaluator) -> list[Lit]:
    """``handler.AddTool("name", "description", schema: s => s.String("q", "...", required: true)...)``.

    The template's ``McpSchemaBuilder`` turns each ``String``/``Integer``/``Number``/``Boolean``
    (``Array``, ``Object``) call into a property with its type and description (``format``,
    ``enumValues``, ``defaultValue`` when given) and lists the ``required: true`` ones; other
    builder calls are unknown parts.
    """
    out = []
    for node, _receiver, _name in script.calls("AddTool"):
        positional, named = _arguments(node)
        name_node = named.get("name") or (positional[0] if positional else None)
        if name_node is None:
            continue
        name = ev.eval(name_node)
        if not isinstance(name.value, str):
            continue
        tool: dict[str, Lit] = {"name": name}
        description = named.get("description") or (positional[1] if len(positional) > 1 else None)
        if description is not None:
            tool["description"] = ev.eval(description)
        schema = named.get("schema") or named.get("schemaConfig") or named.get("inputSchema") or (positional[2] if len(positional) > 2 else None)
        tool["inputSchema"] = _fluent_schema(script, ev, schema) if schema is not None else ev._lit(node, {"type": ev._lit(node, "object")})
        annotations = named.get("annotations") or named.get("annotationsConfig")
        if annotations is not None and annotations.type == "lambda_expression":
            tool["annotations"] = _fluent_annotations(script, ev, annotations)
        title = named.get("title")
        if title is not None:
            tool["title"] = ev.eval(title)
        line, column = script.where(node)
        out.append(Lit(tool, line, column))
    return out


def _arguments(node: Any) -> tuple[list[Any], dict[str, Any]]:
    args = node.child_by_field_name("arguments")
    positional: list[Any] = []
    named: dict[str, Any] = {}
    for arg in args.named_children if args is not None else ():
        if arg.type != "argument" or not arg.named_children:
            continue
        label = arg.child_by_field_name("name")
        value = arg.named_children[-1]
        if label is not None and value.id != label.id:
            named[label.text.decode("utf-8", "replace")] = value
        else:
            positional.append(value)
    return positional, named


def _fluent_schema(script: Any, ev: _Evaluator, node: Any) -> Lit:
    if node.type != "lambda_expression":
        return ev.eval(node)
    body = node.child_by_field_name("body")
    chains: list[Any] = []
    if body is not None and body.type == "block":
        chains = [c.named_children[0] for c in body.named_children if c.type == "expression_statement" and c.named_children]
    elif body is not None:
        chains = [body]
    properties: dict[str, Lit] = {}
    required: list[Lit] = []
    for chain in chains:
        calls = []
        while chain is not None and chain.type == "invocation_expression":
            function = chain.child_by_field_name("function")
            if function is None or function.type != "member_access_expression":
                break
            calls.append(chain)
            chain = function.child_by_field_name("expression")
        for call in reversed(calls):
            method = script.text(call.child_by_field_name("function").child_by_field_name("name"))
            positional, named = _arguments(call)
            kind = _FLUENT_TYPES.get(method)
            key = ev.eval(positional[0]) if positional else None
            if kind is None or key is None or not isinstance(key.value, str):
                properties[f"\0unknown{len(properties)}"] = ev.unknown(call)
                continue
            prop: dict[str, Lit] = {"type": ev._lit(call, kind)}
            if len(positional) > 1:
                prop["description"] = ev.eval(positional[1])
            for option, field in (("format", "format"), ("enumValues", "enum"), ("defaultValue", "default")):
                if option in named:
                    prop[field] = ev.eval(named[option])
            properties[key.value] = ev._lit(call, prop)
            flag = named.get("required") or (positional[2] if len(positional) > 2 else None)
            if flag is not None and ev.eval(flag).value is True:
                required.append(key)
    schema: dict[str, Lit] = {"type": ev._lit(node, "object"), "properties": ev._lit(node, {k: v for k, v in properties.items() if not k.startswith("\0")})}
    if any(k.startswith("\0") for k in properties):
        schema["\0unknown"] = ev.unknown(node)
    if required:
        schema["required"] = ev._lit(node, required)
    return ev._lit(node, schema)


def _fluent_annotations(script: Any, ev: _Evaluator, node: Any) -> Lit:
    """``a => { a["readOnlyHint"] = true; ... }``: the assignments to the lambda's object."""
    out: dict[str, Lit] = {}
    stack = [node.child_by_field_name("body")]
    while stack:
        current = stack.pop()
        if current is None:
            continue
        if current.type == "assignment_expression":
            left, right = current.child_by_field_name("left"), current.child_by_field_name("right")
            if left is not None and right is not None and left.type == "element_access_expression":
                sub = left.child_by_field_name("subscript")
                arg = sub.named_children[0] if sub is not None and sub.named_children else None
                key = ev.eval(arg.named_children[-1]) if arg is not None and arg.named_children else None
                if key is not None and isinstance(key.value, str):
                    out[key.value] = ev.eval(right)
            continue
        stack.extend(current.named_children)
    return ev._lit(node, out)


def _is_tool(value: dict[str, Lit]) -> bool:
    name = value.get("name")
    return name is not None and isinstance(name.value, str) and bool(name.value.strip()) and "inputSchema" in value


def _has_unknown(lit: Lit) -> bool:
    stack = [lit]
    while stack:
        value = stack.pop().value
        if value is UNKNOWN:
            return True
        if isinstance(value, dict):
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
    return False


def plain(lit: Lit) -> Any:
    """The plain JSON value of a ``Lit`` (unknown parts become None)."""
    value = lit.value
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items() if not k.startswith("\0")}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return None if value is UNKNOWN else value


def _locator(file: str, root: Lit) -> Any:
    def locate(keys: tuple[str | int, ...]) -> Location:
        lit = root
        for key in keys:  # the nearest part that exists, as JSON pointers do
            value = lit.value
            if isinstance(value, dict) and isinstance(key, str) and key in value:
                lit = value[key]
            elif isinstance(value, list) and isinstance(key, int) and 0 <= key < len(value):
                lit = value[key]
            else:
                break
        return Location(file, None, lit.line, lit.column)

    return locate


def _anonymous(script: Any) -> list[Any]:
    out = []
    stack = [script.root]
    while stack:
        node = stack.pop()
        if node.type == "anonymous_object_creation_expression":
            out.append(node)
        stack.extend(node.named_children)
    return out


def _string_nodes(script: Any) -> list[Any]:
    out = []
    stack = [script.root]
    while stack:
        node = stack.pop()
        if node.type in ("string_literal", "verbatim_string_literal", "raw_string_literal"):
            out.append(node)
            continue
        stack.extend(node.named_children)
    return out


# -- C# literals -------------------------------------------------------------------------------
_ESCAPES = {"'": "'", '"': '"', "\\": "\\", "0": "\0", "a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v"}
_ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|x[0-9a-fA-F]{1,4}|.)", re.DOTALL)


def decode_escapes(text: str) -> str:
    """A regular C# string's content with its escapes decoded (``\\u200B`` becomes the character)."""

    def one(m: re.Match[str]) -> str:
        body = m.group(1)
        if body[0] in "uUx" and len(body) > 1:
            code = int(body[1:], 16)
            if code > 0x10FFFF:
                return m.group(0)
            return chr(code)
        return _ESCAPES.get(body, body)

    return _ESCAPE.sub(one, text) if "\\" in text else text


def _string_value(script: Any, node: Any) -> str | None:
    text = script.text(node)
    if node.type == "verbatim_string_literal":
        body = text[2:-1] if text.endswith('"') and len(text) >= 3 else text[2:]
        return body.replace('""', '"')
    if node.type == "raw_string_literal":
        quotes = len(text) - len(text.lstrip('"'))
        body = text[quotes : len(text) - quotes] if len(text) >= 2 * quotes else ""
        if "\n" in body:  # a multi-line raw string drops its first and last line and the closing indent
            lines = body.split("\n")
            indent = len(lines[-1]) - len(lines[-1].lstrip())
            body = "\n".join(line[indent:] for line in lines[1:-1])
        return body
    if node.type == "string_literal":
        body = text[1:-1] if len(text) >= 2 and text.endswith('"') else text[1:]
        return decode_escapes(body)
    return None


MAX_CALLS = 20000
"""Helper-method evaluations per script at most (each call site binds its arguments once)."""

STEPS_PER_BYTE = 4
"""Expression evaluations allowed per byte of script: a helper called from many places, each call
evaluating its body again, cannot make the walk grow faster than the script."""


class _Evaluator:
    """Evaluates C# expressions to ``Lit``s, once per node and argument binding.

    A call to a small helper of the script (``Tool("name", "description", Props(...))``)
    evaluates the helper's one ``return`` with its parameters bound to the call's arguments
    (a frame); anything else a helper does (loops, statements) is unknown.
    """

    def __init__(self, script: Any) -> None:
        self.script = script
        self.memo: dict[tuple[int, int], Lit] = {}
        self.active: set[tuple[int, int]] = set()
        self.frames: list[tuple[int, dict[str, Lit]]] = [(0, {})]
        self.calls = 0
        self.steps = 0
        self.budget = STEPS_PER_BYTE * max(len(script.source), 1024)  # evaluations stay linear in the script's size
        self.mutated = _mutated_names(script)

    def unknown(self, node: Any) -> Lit:
        line, column = self.script.where(node)
        return Lit(UNKNOWN, line, column)

    def eval(self, node: Any, depth: int = 0) -> Lit:
        key = (node.id, self.frames[-1][0])
        cached = self.memo.get(key)
        if cached is not None:
            return cached
        if depth > MAX_DEPTH or key in self.active or self.steps >= self.budget:
            return self.unknown(node)
        self.steps += 1
        self.active.add(key)
        try:
            lit = self._eval(node, depth + 1)
        finally:
            self.active.discard(key)
        self.memo[key] = lit
        return lit

    def _lit(self, node: Any, value: Any) -> Lit:
        line, column = self.script.where(node)
        return Lit(value, line, column)

    def _eval(self, node: Any, depth: int) -> Lit:
        s = self.script
        t = node.type
        if t in ("string_literal", "verbatim_string_literal", "raw_string_literal"):
            return self._lit(node, _string_value(s, node))
        if t == "interpolated_string_expression":
            if any(c.type == "interpolation" for c in node.named_children):
                return self._unknown_value(node)
            return self._lit(node, "".join(decode_escapes(s.text(c)) for c in node.named_children if c.type in ("string_content", "escape_sequence")))
        if t == "integer_literal":
            digits = s.text(node).rstrip("uUlL").replace("_", "")
            try:
                return self._lit(node, int(digits, 0) if digits.lower().startswith(("0x", "0b")) else int(digits))
            except ValueError:
                return self._unknown_value(node)
        if t == "real_literal":
            try:
                return self._lit(node, float(s.text(node).rstrip("fFdDmM").replace("_", "")))
            except ValueError:
                return self._unknown_value(node)
        if t == "boolean_literal":
            return self._lit(node, s.text(node) == "true")
        if t == "null_literal":
            return self._lit(node, None)
        if t in ("parenthesized_expression", "cast_expression", "checked_expression"):
            inner = node.named_children[-1] if node.named_children else None
            return self.eval(inner, depth) if inner is not None else self._unknown_value(node)
        if t == "binary_expression":
            return self._concat(node, depth)
        if t == "identifier":
            return self._name(node, s.text(node), depth)
        if t == "member_access_expression":
            recv, name = node.child_by_field_name("expression"), node.child_by_field_name("name")
            if recv is not None and name is not None and s.text(recv) == "this":
                return self._name(node, s.text(name), depth)
            return self._unknown_value(node)
        if t == "object_creation_expression":
            return self._new(node, depth)
        if t == "anonymous_object_creation_expression":
            return self._anonymous(node, depth)
        if t in ("array_creation_expression", "implicit_array_creation_expression", "collection_expression"):
            init = node.child_by_field_name("initializer") or next((c for c in node.named_children if c.type == "initializer_expression"), None)
            if t == "collection_expression":
                return self._lit(node, [self.eval(c, depth) for c in node.named_children])
            return self._lit(node, [self.eval(c, depth) for c in init.named_children] if init is not None else [])
        if t == "initializer_expression":
            return self._lit(node, [self.eval(c, depth) for c in node.named_children])
        if t == "invocation_expression":
            return self._call(node, depth)
        return self._unknown_value(node)

    def _unknown_value(self, node: Any) -> Lit:
        return self.unknown(node)

    def _concat(self, node: Any, depth: int) -> Lit:
        op = node.child_by_field_name("operator")
        if op is None or self.script.text(op) != "+":
            return self._unknown_value(node)
        left, right = self.eval(node.child_by_field_name("left"), depth), self.eval(node.child_by_field_name("right"), depth)
        if isinstance(left.value, str) and isinstance(right.value, str):
            return self._lit(node, left.value + right.value)
        return self._unknown_value(node)

    def _name(self, node: Any, name: str, depth: int) -> Lit:
        bound = self.frames[-1][1].get(name)
        if bound is not None:
            return bound
        if name in self.mutated:  # var o = new JObject(); o.Add(...): its final value is built at run time
            return self._unknown_value(node)
        values = self.script.values_of.get(name, [])
        if len(values) != 1:  # a parameter, a local set twice, an unknown name: built at run time
            return self._unknown_value(node)
        value = self.eval(values[0], depth)
        line, column = self.script.where(node)  # where it is used, not where the constant is defined
        return Lit(value.value, line, column)

    def _type(self, node: Any) -> str:
        type_node = node.child_by_field_name("type")
        if type_node is None:
            return ""
        return self.script.text(type_node).split("<", 1)[0].rsplit(".", 1)[-1].strip()

    def _new(self, node: Any, depth: int) -> Lit:
        s = self.script
        type_name = self._type(node)
        args = s.arguments(node)
        init = node.child_by_field_name("initializer")
        if type_name in _OBJECTS:
            out: dict[str, Lit] = {}
            for arg in args:  # new JObject(new JProperty("a", 1), ...)
                self._property(arg, out, depth)
            if init is not None:
                for entry in init.named_children:
                    self._entry(entry, out, depth)
            return self._lit(node, out)
        if type_name in _ARRAYS:
            items: list[Lit] = []
            if len(args) == 1:
                only = self.eval(args[0], depth)
                items.extend(only.value if isinstance(only.value, list) else [only])
            else:
                items.extend(self.eval(a, depth) for a in args)
            if init is not None:
                items.extend(self.eval(c, depth) for c in init.named_children)
            return self._lit(node, items)
        if type_name == "JProperty" and len(args) == 2:
            key = self.eval(args[0], depth)
            if isinstance(key.value, str):
                return self._lit(node, {"\0property": key, "\0value": self.eval(args[1], depth)})
        if type_name == "JValue" and len(args) == 1:
            return self.eval(args[0], depth)
        return self._unknown_value(node)

    def _property(self, arg: Any, out: dict[str, Lit], depth: int) -> None:
        value = self.eval(arg, depth)
        if isinstance(value.value, dict) and "\0property" in value.value:
            key = value.value["\0property"].value
            out[key] = value.value["\0value"]

    def _entry(self, entry: Any, out: dict[str, Lit], depth: int) -> None:
        s = self.script
        if entry.type == "assignment_expression":  # ["name"] = value
            left, right = entry.child_by_field_name("left"), entry.child_by_field_name("right")
            if left is None or right is None:
                return
            if left.type == "element_binding_expression":
                arg = next((c for c in left.named_children if c.type == "argument"), None)
                key_node = arg.named_children[-1] if arg is not None and arg.named_children else None
                key = self.eval(key_node, depth).value if key_node is not None else None
            elif left.type == "identifier":  # object initialiser of a typed object: Name = value
                key = s.text(left)
            else:
                key = None
            if isinstance(key, str):
                out[key] = self.eval(right, depth)
        elif entry.type == "initializer_expression" and len(entry.named_children) == 2:  # { "name", value }
            key = self.eval(entry.named_children[0], depth).value
            if isinstance(key, str):
                out[key] = self.eval(entry.named_children[1], depth)
        else:
            self._property(entry, out, depth)

    def _anonymous(self, node: Any, depth: int) -> Lit:
        out: dict[str, Lit] = {}
        pending: str | None = None
        for child in node.children:
            if not child.is_named:
                continue
            if child.type == "identifier" and pending is None and _followed_by_equals(child):
                pending = self.script.text(child)
                continue
            if pending is not None:
                out[pending] = self.eval(child, depth)
                pending = None
            elif child.type == "identifier":  # new { name }: a projection of a local
                out[self.script.text(child)] = self.eval(child, depth)
        return self._lit(node, out)

    def _call(self, node: Any, depth: int) -> Lit:
        s = self.script
        function = node.child_by_field_name("function")
        args = s.arguments(node)
        if function is None:
            return self._unknown_value(node)
        if function.type == "member_access_expression":
            recv, name_node = function.child_by_field_name("expression"), function.child_by_field_name("name")
            name = s.text(name_node).split("<", 1)[0] if name_node is not None else ""
            receiver = s.text(recv).rsplit(".", 1)[-1] if recv is not None else ""
            if (name == "Parse" and receiver in _PARSE) or name == "DeserializeObject":
                return self._parse_json(node, args, depth)
            if name == "FromObject" and args:
                return self.eval(args[0], depth)
            if receiver == "this":
                return self._method(node, name, depth)
            return self._unknown_value(node)
        if function.type == "identifier":
            return self._method(node, s.text(function), depth)
        return self._unknown_value(node)

    def _parse_json(self, node: Any, args: list[Any], depth: int) -> Lit:
        if not args:
            return self._unknown_value(node)
        text = self.eval(args[0], depth)
        if not isinstance(text.value, str):
            return self._unknown_value(node)
        try:
            data = json.loads(text.value)
        except (ValueError, RecursionError):
            return self._unknown_value(node)
        if too_deep(data):
            return self._unknown_value(node)
        return _wrap(data, text.line, text.column)

    def _method(self, node: Any, name: str, depth: int) -> Lit:
        from vetter.model.csx import _returns

        bodies = self.script.methods.get(name, [])
        returns = [r for body in bodies[:1] for r in _returns(body)]
        if len(bodies) != 1 or len(returns) != 1 or self.calls >= MAX_CALLS:
            return self._unknown_value(node)
        params = _parameters(bodies[0])
        line, column = self.script.where(node)
        if not params:  # nothing to bind: evaluated once, whatever the caller
            frame, self.frames = self.frames, self.frames[:1]
            try:
                return Lit(self.eval(returns[0], depth).value, line, column)
            finally:
                self.frames = frame
        positional, named = _arguments(node)
        bindings: dict[str, Lit] = {}
        for i, (pname, default, rest) in enumerate(params):
            if rest:  # params T[] name: the remaining arguments as a list
                bindings[pname] = self._lit(node, [self.eval(a, depth) for a in positional[i:]])
            elif pname in named:
                bindings[pname] = self.eval(named[pname], depth)
            elif i < len(positional):
                bindings[pname] = self.eval(positional[i], depth)
            elif default is not None:
                bindings[pname] = self.eval(default, depth)
        self.calls += 1
        self.frames.append((self.calls, bindings))
        try:
            return Lit(self.eval(returns[0], depth).value, line, column)  # a helper's result is located at its call
        finally:
            self.frames.pop()


_MUTATORS = {"Add", "AddFirst", "AddAfterSelf", "AddBeforeSelf", "Merge", "Remove", "RemoveAll", "Insert", "Replace", "ReplaceAll", "Clear", "AddRange", "Set"}


def _mutated_names(script: Any) -> frozenset[str]:
    """Names of variables changed after they were built (``o.Add(...)``, ``o["k"] = v``)."""
    out: set[str] = set()
    for _node, receiver, _method in script.calls(*_MUTATORS):
        if receiver:
            out.add(receiver.removeprefix("this."))
    for node in script.of("assign"):
        left = node.child_by_field_name("left")
        if left is not None and left.type == "element_access_expression":
            target = left.child_by_field_name("expression")
            if target is not None:
                out.add(script.text(target).removeprefix("this."))
    return frozenset(out)


def _parameters(method: Any) -> list[tuple[str, Any, bool]]:
    """``(name, default value node, is params)`` of a method's parameters."""
    plist = method.child_by_field_name("parameters")
    out: list[tuple[str, Any, bool]] = []
    rest = False
    for child in plist.children if plist is not None else ():
        if child.type == "params":
            rest = True
        elif child.type == "parameter":
            name = child.child_by_field_name("name")
            default = None
            seen_eq = False
            for part in child.children:
                if part.type == "=":
                    seen_eq = True
                elif seen_eq and part.is_named:
                    default = part
            if name is not None:
                out.append((name.text.decode("utf-8", "replace"), default, False))
        elif child.type == "identifier" and rest:
            out.append((child.text.decode("utf-8", "replace"), None, True))
            rest = False
    return out


def _followed_by_equals(node: Any) -> bool:
    nxt = node.next_sibling
    return nxt is not None and not nxt.is_named and nxt.type == "="


def _wrap(data: Any, line: int, column: int) -> Lit:
    """JSON text from a literal: every part is located at the literal."""
    stack: list[tuple[Any, list[Any], Any]] = []
    if isinstance(data, dict):
        out: Any = {}
        stack.append((data, [], out))
    elif isinstance(data, list):
        out = []
        stack.append((data, [], out))
    else:
        return Lit(data, line, column)
    while stack:
        src, _unused, dst = stack.pop()
        items = src.items() if isinstance(src, dict) else enumerate(src)
        for key, value in items:
            if isinstance(value, (dict, list)):
                child: Any = {} if isinstance(value, dict) else []
                stack.append((value, [], child))
                lit = Lit(child, line, column)
            else:
                lit = Lit(value, line, column)
            if isinstance(dst, dict):
                dst[key] = lit
            else:
                dst.append(lit)
    return Lit(out, line, column)
