"""Custom code (``script.csx``): parsed once, and the hosts it can send data to.

The script is parsed with tree-sitter's C# grammar (``tree-sitter`` and
``tree-sitter-c-sharp``, both prebuilt wheels), only when the package has a
script: ``parse_script(package)`` (cached per package) gives a ``Script``
with its syntax errors and the nodes the SCR rules read (usings, classes,
methods, object creations, calls, assignments, loops), each found once by a
tree-sitter query that runs in C.

``script_hosts(package)`` follows every place a request leaves the script —
``X.RequestUri = …``, ``new HttpRequestMessage(method, …)`` (or a target-typed
``new(HttpMethod.X, …)``), ``RequestUri =`` in an initializer, ``BaseAddress =``,
``WebClient`` / ``HttpClient`` / ``WebRequest.Create`` / ``CreateHttp`` calls —
back through ``new Uri(…)`` (an absolute relative part of ``new Uri(base, rel)``
replaces the base; one computed at run time makes the host computed too), ``new UriBuilder(…)`` (and its ``Host``), concatenation and
``string.Concat``, interpolation, ``string.Format``, ``Replace``, conditionals,
``switch`` expressions, local variables, fields, properties, small helper methods,
local functions and lambdas of the script (a field or ``const`` holding one string
literal is read as its text inside a URL), to one of:

* ``literal``: a host written in the script (``https://api.nationalize.io/``);
* ``rewrite``: the same, assigned to ``Context.Request.RequestUri`` (the
  platform's request is sent to another host);
* ``computed``: a host only known at run time (a header, a response value, a
  connection value, ``https://{bucket}.s3.amazonaws.com``): ``host`` is None and
  ``text`` shows the expression.

A URI built from ``Context.Request.RequestUri`` (or ``Context.OriginalRequestUri``;
``Context!.Request`` and ``Context?.Request`` alike, or cut at its query with
``Split('?')[0]``) keeps the request's own host and is not listed; neither are URLs
that never reach a request (links in HTML strings, namespaces in XML).

Names are followed without regard to scope or order: a name's values are every value
assigned to it in the script. A name met again while its own values are walked
(``url = AddQuery(url)``, a helper whose parameter has the same name) ends the walk
there: it adds no value the outer walk does not collect. A request whose walk found
no value at all, or none before the depth bound, has a computed host.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from functools import cached_property, lru_cache
from typing import Any

from msgspec import Struct, field

from vetter.model.package import ConnectorPackage, TextFile

MAX_SCRIPT = 4 * 1024 * 1024
"""Scripts larger than this are not parsed (the platform's limit is 1 MB; SCR007 reports it)."""



def _wide_bytes(line: bytes) -> list[int]:
    """The offsets of a line's UTF-8 continuation bytes ([] for ASCII, [-1] when it is not UTF-8):
    a column in characters is the column in bytes less those before it, found by bisection, so
    locating many nodes on one long line does not decode the line again for each."""
    if line.isascii():
        return []
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        return [-1]
    return [m.start() for m in _CONTINUATION.finditer(line)]


_CONTINUATION = re.compile(rb"[\x80-\xbf]")

MAX_RECEIVER = 512
"""Bytes of a call's receiver given whole by ``Script.calls``; a longer one is cut in its middle."""

class ScriptHost(Struct, frozen=True, order=True):
    """A host the script can reach, with where in the script that was found."""

    host: str | None  # lower-cased host name, or None when it is computed at run time
    text: str  # the URL, host or expression as written
    line: int  # 1-based
    column: int  # 1-based
    kind: str  # literal | rewrite | computed
    evidence: str  # what made it egress, e.g. "new Uri(...)", "RequestUri assignment"


class SyntaxProblem(Struct, frozen=True, order=True):
    """A place where the C# parser could not read the script."""

    line: int
    column: int
    text: str  # the source around the error (one line at most)
    missing: str | None  # the token the parser expected and did not find, if that is the error


_QUERY = """
(using_directive) @using
(class_declaration) @class
(method_declaration) @method
(local_function_statement) @localfn
(parameter) @param
(object_creation_expression) @new
(implicit_object_creation_expression) @newimplicit
(invocation_expression) @call
(assignment_expression) @assign
(variable_declarator) @var
(property_declaration) @prop
(while_statement) @while
(do_statement) @do
(for_statement) @for
(switch_statement) @switch
(switch_expression) @switchexpr
(binary_expression) @binary
(member_access_expression) @member
(identifier) @identifier
"""


@lru_cache(maxsize=1)
def _language() -> tuple[Any, Any, Any]:
    import tree_sitter
    import tree_sitter_c_sharp

    language = tree_sitter.Language(tree_sitter_c_sharp.language())
    return tree_sitter.Parser(language), tree_sitter.Query(language, _QUERY), tree_sitter


class Script:
    """A parsed ``script.csx``: its syntax errors and the nodes rules look at."""

    def __init__(self, name: str, source: bytes) -> None:
        self.name = name
        self.source = source[3:] if source.startswith(b"\xef\xbb\xbf") else source
        parser, query, tree_sitter = _language()
        self.tree = parser.parse(self.source)
        self.root = self.tree.root_node
        captures = tree_sitter.QueryCursor(query).captures(self.root)
        self.nodes: dict[str, list[Any]] = {k: sorted(v, key=lambda n: n.start_byte) for k, v in captures.items()}
        self._lines = self.source.split(b"\n")
        self._starts: dict[str, list[int]] = {}  # kind -> start byte of each node of ``of(kind)``
        self._memo: dict[Any, Any] = {}  # facts worked out once per script (``operation_cases``, switch sections)
        self._wide: dict[int, list[int]] = {}  # row -> its UTF-8 continuation bytes' offsets ([-1]: not UTF-8), for ``where``

    # -- text and places ------------------------------------------------------------
    def text(self, node: Any) -> str:
        return self.source[node.start_byte : node.end_byte].decode("utf-8", "replace")

    def where(self, node: Any) -> tuple[int, int]:
        """1-based line and (character) column of a node."""
        row, col = node.start_point.row, node.start_point.column
        if row >= len(self._lines):
            return row + 1, 1
        wide = self._wide_of(row)
        if not wide:  # ASCII: a byte is a character
            return row + 1, col + 1
        if wide[0] < 0:  # not UTF-8: counted as the decoder replaces it
            return row + 1, len(self._lines[row][:col].decode("utf-8", "replace")) + 1
        return row + 1, col - bisect_left(wide, col) + 1  # each continuation byte before the column is no character

    def byte_column(self, row: int, chars: int) -> int:
        """The byte offset in line ``row`` (0-based) of its character ``chars`` (0-based; the line's length
        past its end): ``len(line.decode("utf-8", "replace")[:chars].encode("utf-8"))``, by bisection."""
        line = self._lines[row] if 0 <= row < len(self._lines) else b""
        wide = self._wide_of(row) if line else []
        if not wide:
            return min(chars, len(line))
        if wide[0] < 0:
            return len(line.decode("utf-8", "replace")[:chars].encode("utf-8"))
        lo, hi = 0, len(line)  # the first offset with more than ``chars`` characters starting at or before it
        while lo < hi:
            mid = (lo + hi) // 2
            if mid + 1 - bisect_left(wide, mid + 1) > chars:
                hi = mid
            else:
                lo = mid + 1
        return lo

    def _wide_of(self, row: int) -> list[int]:
        wide = self._wide.get(row)
        if wide is None:
            wide = self._wide[row] = _wide_bytes(self._lines[row])
        return wide

    def of(self, kind: str) -> list[Any]:
        return self.nodes.get(kind, [])

    def inside(self, kind: str, node: Any) -> list[Any]:
        """The nodes of ``kind`` within ``node``'s bytes, in order: found by bisection in ``of(kind)``
        (a rule that walked every node of the script per call cost the square of the script)."""
        nodes = self.of(kind)
        starts = self._starts.get(kind)
        if starts is None:
            starts = self._starts[kind] = [n.start_byte for n in nodes]
        lo, hi = bisect_left(starts, node.start_byte), bisect_right(starts, node.end_byte)
        return [n for n in nodes[lo:hi] if n.end_byte <= node.end_byte]

    # -- syntax ---------------------------------------------------------------------
    @cached_property
    def errors(self) -> list[SyntaxProblem]:
        out: list[SyntaxProblem] = []
        if not self.root.has_error:
            return out
        stack = [self.root]
        while stack:
            node = stack.pop()
            if node.is_missing:
                line, column = self.where(node)
                out.append(SyntaxProblem(line, column, "", node.type))
                continue
            if node.is_error:
                inner = [c for c in node.children if c.has_error or c.is_missing]
                text = self.text(node)
                if inner or text.count("{") > text.count("}"):
                    # error recovery wrapped a larger region: report what is wrong inside it, and an
                    # unclosed block where the region ends, rather than the region's first line
                    stack.extend(reversed(inner))
                    if text.count("{") > text.count("}"):
                        row, col = node.end_point.row, node.end_point.column
                        last = self._lines[row] if row < len(self._lines) else b""
                        out.append(SyntaxProblem(row + 1, len(last[:col].decode("utf-8", "replace")) + 1, "", "}"))
                    continue
                line, column = self.where(node)
                out.append(SyntaxProblem(line, column, text.split("\n", 1)[0].strip()[:80], None))
                continue
            if node.has_error:
                stack.extend(reversed(node.children))
        return sorted(set(out), key=lambda p: (p.line, p.column))

    # -- declarations -----------------------------------------------------------------
    @cached_property
    def values_of(self) -> dict[str, list[Any]]:
        """Name -> the expressions assigned to it (declarators, assignments, property initializers)."""
        out: dict[str, list[Any]] = {}
        for node in self.of("var"):
            name = node.child_by_field_name("name")
            value = _declarator_value(node)
            if name is not None and value is not None:
                out.setdefault(self.text(name), []).append(value)
        for node in self.of("assign"):
            left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
            if left is None or right is None or _op(self, node) != "=":
                continue
            if left.type == "identifier" and node.parent is not None and node.parent.type != "initializer_expression":
                out.setdefault(self.text(left), []).append(right)
            elif left.type == "member_access_expression" and _this_member(self, left):
                out.setdefault(_this_member(self, left) or "", []).append(right)
        for node in self.of("prop"):
            name = node.child_by_field_name("name")
            value = node.child_by_field_name("value")
            if value is None:
                arrow = next((c for c in node.named_children if c.type == "arrow_expression_clause"), None)
                value = arrow.named_children[0] if arrow is not None and arrow.named_children else None
            if value is not None and value.type == "arrow_expression_clause":
                value = value.named_children[0] if value.named_children else None
            if name is not None and value is not None:
                out.setdefault(self.text(name), []).append(value)
        return out

    @cached_property
    def reassigned(self) -> set[str]:
        """Names a compound assignment (``t += x``) or a ``ref`` / ``out`` argument may change: ``values_of``
        does not list those changes, so such a name has no one value."""
        out = set()
        for node in self.of("assign"):
            left = node.child_by_field_name("left")
            if left is not None and _op(self, node) != "=":
                out.add(_this_member(self, left) or self.text(left))
        for node in self.of("call") + self.of("new"):
            args = node.child_by_field_name("arguments")
            for arg in args.named_children if args is not None else ():
                if arg.type == "argument" and arg.named_children and any(c.type in ("ref", "out") for c in arg.children):
                    out.add(self.text(arg.named_children[-1]).removeprefix("this."))
        return out

    @cached_property
    def parameter_names(self) -> set[str]:
        out = set()
        for node in self.of("param"):
            name = node.child_by_field_name("name")
            if name is not None:
                out.add(self.text(name))
        return out

    @cached_property
    def methods(self) -> dict[str, list[Any]]:
        out: dict[str, list[Any]] = {}
        for node in self.of("method") + self.of("localfn"):  # a local function is a helper too
            name = node.child_by_field_name("name")
            if name is not None:
                out.setdefault(self.text(name), []).append(node)
        return out

    @cached_property
    def host_assignments(self) -> dict[str, list[Any]]:
        """Variable name -> expressions assigned to its ``.Host`` (``builder.Host = x``)."""
        out: dict[str, list[Any]] = {}
        for node in self.of("assign"):
            left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
            if left is not None and right is not None and left.type == "member_access_expression":
                name = left.child_by_field_name("name")
                target = left.child_by_field_name("expression")
                if name is not None and self.text(name) == "Host" and target is not None:
                    out.setdefault(self.text(target).removeprefix("this."), []).append(right)
        return out

    # -- what the rules read ------------------------------------------------------------
    def calls(self, *names: str) -> Iterator[tuple[Any, str, str]]:
        """``(call node, receiver text, method name)`` of every invocation of the given method names.

        A receiver longer than ``MAX_RECEIVER`` bytes is given as its start and its end around " … ":
        in a chain of calls each receiver holds all the calls before it, so whole texts would cost the
        square of the chain. Rules read a receiver's last names (``Path``, ``this.Context.Logger``)."""
        for node, receiver, name in self._calls:
            if not names or name in names:
                yield node, receiver, name

    @cached_property
    def _calls(self) -> list[tuple[Any, str, str]]:
        out = []
        for node in self.of("call"):
            function = node.child_by_field_name("function")
            if function is None:
                continue
            if function.type == "member_access_expression":
                name_node = function.child_by_field_name("name")
                recv = function.child_by_field_name("expression")
                name = self.text(name_node) if name_node is not None else ""
                receiver = self._receiver(recv) if recv is not None else ""
            else:
                name, receiver = self.text(function), ""
            out.append((node, receiver, name.split("<", 1)[0]))
        return out

    def _receiver(self, node: Any) -> str:
        start, end = node.start_byte, node.end_byte
        if end - start <= MAX_RECEIVER:
            return self.text(node)
        head = self.source[start : start + MAX_RECEIVER // 4].decode("utf-8", "replace")
        tail = self.source[end - MAX_RECEIVER // 2 : end].decode("utf-8", "replace")
        return f"{head} … {tail}"

    def created(self, *types: str) -> Iterator[tuple[Any, str]]:
        """``(node, type name)`` of every ``new T(...)`` of the given types (namespace stripped)."""
        for node in self.of("new"):
            type_node = node.child_by_field_name("type")
            name = self.text(type_node).split("<", 1)[0].rsplit(".", 1)[-1] if type_node is not None else ""
            if not types or name in types:
                yield node, name

    def arguments(self, node: Any) -> list[Any]:
        args = node.child_by_field_name("arguments")
        if args is None and node.type == "implicit_object_creation_expression":  # new(...): no field name
            args = next((c for c in node.named_children if c.type == "argument_list"), None)
        if args is None:
            return []
        return [a.named_children[-1] for a in args.named_children if a.type == "argument" and a.named_children]

    def logger_names(self) -> set[str]:
        """Names that stand for ``Context.Logger`` (``var logger = this.Context.Logger;``)."""
        out = {"Logger"}
        for name, values in self.values_of.items():
            if any(self.text(v).replace("this.", "").strip() == "Context.Logger" for v in values):
                out.add(name)
        return out


def _declarator_value(node: Any) -> Any:
    seen_eq = False
    for child in node.children:
        if child.type == "=":
            seen_eq = True
        elif seen_eq and child.is_named:
            return child
        elif child.type == "equals_value_clause" and child.named_children:
            return child.named_children[0]
    return None


def _op(script: Script, node: Any) -> str:
    op = node.child_by_field_name("operator")
    return script.text(op) if op is not None else "="


def _this_member(script: Script, node: Any) -> str | None:
    """``Name`` for ``this.Name``."""
    recv = node.child_by_field_name("expression")
    name = node.child_by_field_name("name")
    if (recv is not None and name is not None and recv.type == "this_expression") or (recv is not None and script.text(recv) == "this"):
        return script.text(name) if name is not None else None
    return None


def parse_script(package: ConnectorPackage) -> Script | None:
    """The package's script, parsed once (None when it has none or it is too large to parse)."""
    name = package.roles.get("script")
    if name is None:
        return None
    return package.derived("csx:script", lambda p: _parse(name, p.files[name], p.script))


def _parse(name: str, raw: bytes, text: TextFile | None) -> Script | None:
    """The script parsed from its text as the platform decodes it (a UTF-16 script is C# too)."""
    if len(raw) > MAX_SCRIPT:
        return None
    if text is not None and text.encoding != "utf-8":
        return Script(name, text.text.encode("utf-8", "surrogatepass"))
    return Script(name, raw)


def script_hosts(package: ConnectorPackage) -> list[ScriptHost]:
    """Every outbound host of the package's script ([] when it has none)."""
    script = parse_script(package)
    if script is None:
        return []
    return package.derived("csx:hosts", lambda p: _Egress(script).hosts())


# -- egress ------------------------------------------------------------------------------
@lru_cache(maxsize=16)
def _rx(source: str) -> re.Pattern[str]:
    """Compiled on first use: a package without a script never pays for it."""
    return re.compile(source)


_SAME = (r"Context\.(?:Request\.RequestUri|OriginalRequestUri)|(?:^|\.)Context\.Request$")
"""Expressions that keep the platform request's own URI (and so its host)."""
_NULL_OPS = (r"(?<=[\w)\]])!(?!=)|(?<=[\w)\]])\?(?=\.[A-Za-z_])")
"""C#'s null-forgiving operator (``Context!.Request``) and the ``?`` of a null-conditional access
(``Context?.Request``): neither changes which URI a value holds, so ``_SAME`` reads past them; ``!=``,
a logical not and a conditional's ``?`` (never right after a name and before ``.name``) are kept."""
# .NET's Uri takes any two slashes or backslashes after the scheme ("https:\\\\host" is https://host) and
# ends the authority at a backslash
_URL = (r"^\s*([a-zA-Z][a-zA-Z0-9+.\-]*):[/\\]{2}([^/?#\\\s\"']*)")
_HOSTNAME = (r"^[a-z0-9]([a-z0-9\-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9\-]*[a-z0-9])?)+$")
_WEBCLIENT = {"UploadString", "UploadStringTaskAsync", "DownloadString", "DownloadStringTaskAsync", "UploadData",
              "UploadDataTaskAsync", "DownloadData", "DownloadDataTaskAsync", "OpenRead", "OpenReadTaskAsync",
              "OpenWrite", "UploadValues", "UploadValuesTaskAsync", "UploadFile", "DownloadFile"}
_HTTPCLIENT = {"GetAsync", "PostAsync", "PutAsync", "DeleteAsync", "PatchAsync", "GetStringAsync",
               "GetByteArrayAsync", "GetStreamAsync"}
_PASS_THROUGH = {"ToString", "Trim", "TrimEnd", "TrimStart", "ToLower", "ToLowerInvariant", "ToUpper", "Substring",
                 "UrlDecode", "UrlEncode", "UrlPathEncode", "EscapeUriString", "UnescapeDataString", "EscapeDataString",
                 "Normalize", "Remove", "Insert", "PadRight", "ConfigureAwait", "GetLeftPart", "ToUri"}


def _once(values: list[_Val]) -> list[_Val]:
    """``values`` without repeats (the same value reached along several paths), in order."""
    seen: set[tuple[str, str | None, int, str]] = set()
    out = []
    for v in values:
        key = (v.kind, v.host, v.node.id, v.text)
        if key not in seen:
            seen.add(key)
            out.append(v)
    return out


STEPS_PER_BYTE = 4
"""Expressions the host walk evaluates per byte of script (as ``vetter.agent.script``'s walk)."""

MAX_DEPTH = 12
"""Steps the host walk takes from a request back to a value (``_Egress.sink``: a request whose walk
stopped there with no host found has a computed one)."""


class _Val(Struct, frozen=True, order=True):
    """What an expression evaluates to, as far as hosts go."""

    kind: str  # host | same | computed | relative
    host: str | None
    node: Any
    text: str


class _Egress(Struct):
    """Follows each request sink of a script back to the host it names.

    Each expression is evaluated once per depth and context (``_seen``), unless a reference cycle
    cut its walk short (the result then depends on the walk that reached it), and a name's values
    are kept once each: a variable assigned from each of a few others, twelve levels deep, made
    the walk the power of the two (a script of 1 KB: minutes). Past ``STEPS_PER_BYTE`` evaluations
    a byte of script, an expression is taken as computed: a host vetter cannot name, never none.
    The same holds for a request whose walk found no host before ``MAX_DEPTH`` (``sink``)."""

    script: Script
    _stack: set[int] = field(default_factory=set)
    _names: set[str] = field(default_factory=set)  # the names whose values are being walked
    _seen: dict[tuple[int, bool, int], tuple[list[_Val], bool]] = field(default_factory=dict)  # values, and whether the depth cut them
    _cycles: int = 0  # walks cut by a reference cycle so far
    _deep: int = 0  # walks cut at the depth so far
    _steps: int = 0

    def hosts(self) -> list[ScriptHost]:
        s = self.script
        out: dict[tuple[str | None, int, int, str], ScriptHost] = {}

        def add(values: list[_Val], evidence: str, rewrite: bool, sink: Any) -> None:
            for v in values:
                if v.kind not in ("host", "computed"):
                    continue
                # a literal host is shown where it is written; a computed one where the request is built
                line, column = s.where(v.node if v.kind == "host" else sink)
                kind = "computed" if v.kind == "computed" else "rewrite" if rewrite else "literal"
                key = (v.host, line, column, kind)
                out.setdefault(key, ScriptHost(v.host, " ".join(v.text.split())[:200], line, column, kind, evidence))

        for node in s.of("assign"):
            left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
            if left is None or right is None:
                continue
            left_text = s.text(left)
            if left_text.rsplit(".", 1)[-1].strip() == "RequestUri":
                if left.type == "identifier":  # RequestUri = ... inside new HttpRequestMessage { ... }
                    add(self.sink(right), "RequestUri in a new HttpRequestMessage", False, node)
                else:
                    rewrite = "Context.Request" in left_text or self._is_context_request(left)
                    add(self.sink(right), "RequestUri assignment", rewrite, node)
            elif left_text.rsplit(".", 1)[-1].strip() == "BaseAddress":  # HttpClient: its relative requests go there
                add(self.sink(right), "HttpClient.BaseAddress", False, node)
        for node, _name in s.created("HttpRequestMessage"):
            args = s.arguments(node)
            if len(args) >= 2:
                add(self.sink(args[1]), "new HttpRequestMessage(...)", False, node)
        for node in s.of("newimplicit"):  # HttpRequestMessage r = new(HttpMethod.Post, url)
            args = s.arguments(node)
            if len(args) >= 2 and s.text(args[0]).removeprefix("new ").startswith(("HttpMethod", "System.Net.Http.HttpMethod")):
                add(self.sink(args[1]), "new HttpRequestMessage(...)", False, node)
        for node, receiver, name in s.calls():
            args = s.arguments(node)
            if not args:
                continue
            if name in _WEBCLIENT:
                add(self.sink(args[0]), f"WebClient.{name}(...)", False, node)
            elif name in _HTTPCLIENT and "Context" not in receiver:
                add(self.sink(args[0]), f"HttpClient.{name}(...)", False, node)
            elif name in ("Create", "CreateHttp", "CreateDefault") and receiver.rsplit(".", 1)[-1] in ("WebRequest", "HttpWebRequest"):
                add(self.sink(args[0]), f"{receiver}.Create(...)", False, node)
        return sorted(out.values(), key=lambda h: (h.line, h.column, h.host or "", h.kind))

    def _is_context_request(self, left: Any) -> bool:
        target = left.child_by_field_name("expression")
        if target is None:
            return False
        values = self.eval(target)
        return any(v.kind == "same" for v in values)

    # -- evaluation ----------------------------------------------------------------------
    def sink(self, node: Any) -> list[_Val]:
        """What a request's URI evaluates to. A walk the depth cut short that found no host at all
        is a host computed at run time: a request whose host lies too many steps away is not one
        that reaches none."""
        deep, cycles = self._deep, self._cycles
        values = self.eval(node)
        if self._deep != deep and not any(v.kind in ("host", "computed") for v in values):
            return values + self._computed(node)
        if not values and self._cycles != cycles:  # only cycles, and no value at all: not a request to nowhere
            return self._computed(node)
        return values

    def eval(self, node: Any, host_context: bool = False, depth: int = 0) -> list[_Val]:
        if node is None:
            return []
        if depth > MAX_DEPTH:
            self._deep += 1
            return []
        if node.id in self._stack:
            self._cycles += 1
            return []
        key = (node.id, host_context, depth)
        known = self._seen.get(key)
        if known is not None:
            self._deep += known[1]
            return known[0]
        self._steps += 1
        if self._steps > STEPS_PER_BYTE * max(len(self.script.source), 1024):
            return self._computed(node)
        cycles, deep = self._cycles, self._deep
        self._stack.add(node.id)
        try:
            values = self._eval(node, host_context, depth + 1)
        finally:
            self._stack.discard(node.id)
        if self._cycles == cycles:  # no cycle cut it short: the same wherever the walk comes from
            self._seen[key] = (values, self._deep != deep)
        return values

    def _computed(self, node: Any) -> list[_Val]:
        return [_Val("computed", None, node, self.script.text(node))]

    def _or_computed(self, values: list[_Val], node: Any, cycles: int, deep: int) -> list[_Val]:
        """``values``, or when the walk found none, a host computed at run time; but nothing when only a
        reference cycle emptied it (since ``cycles``, with no cut at the depth since ``deep``): the
        value is then the one the name had by its other assignments, which the outer walk collects
        (``sink`` makes a request left with no value at all computed)."""
        if values:
            return values
        if self._cycles != cycles and self._deep == deep:
            return []
        return self._computed(node)

    def _eval(self, node: Any, host_context: bool, depth: int) -> list[_Val]:
        s = self.script
        t = node.type
        text = s.text(node)
        if (_rx(_SAME).search(_rx(_NULL_OPS).sub("", text) if "!" in text or "?" in text else text) and t in ("member_access_expression", "conditional_access_expression", "invocation_expression", "identifier")
                and (t != "invocation_expression" or not self._replaces_host(node))):
            return [_Val("same", None, node, text)]
        if t in ("string_literal", "verbatim_string_literal", "raw_string_literal"):
            return [self._literal(node, literal_text(s, node), host_context)]
        if t == "interpolated_string_expression":
            return self._interpolated(node, host_context, depth)
        if t == "binary_expression":
            return self._concat(node, host_context, depth)
        if t in ("parenthesized_expression", "cast_expression", "await_expression", "checked_expression", "postfix_unary_expression"):
            inner = node.named_children[-1] if node.named_children else None
            return self.eval(inner, host_context, depth)
        if t == "conditional_expression":
            out: list[_Val] = []
            for key in ("consequence", "alternative"):
                out.extend(self.eval(node.child_by_field_name(key), host_context, depth))
            return out
        if t == "switch_expression":  # x switch { "a" => "https://...", _ => ... }: every arm's value
            arms = [a.named_children[-1] for a in node.named_children if a.type == "switch_expression_arm" and a.named_children]
            cycles, deep = self._cycles, self._deep
            out = []
            for arm in arms:
                out.extend(self.eval(arm, host_context, depth))
            return self._or_computed(out, node, cycles, deep)
        if t in ("null_literal", "default_expression"):
            return []
        if t == "identifier":
            return self._name(node, text, host_context, depth)
        if t == "member_access_expression":
            recv = node.child_by_field_name("expression")
            name = node.child_by_field_name("name")
            member = s.text(name) if name is not None else ""
            if recv is not None and s.text(recv) == "this":
                return self._name(node, member, host_context, depth)
            if member in ("Uri", "AbsoluteUri", "OriginalString", "RequestUri", "Host", "Authority", "DnsSafeHost", "IdnHost"):
                return self.eval(recv, host_context, depth)
            return self._computed(node)
        if t == "object_creation_expression":
            return self._new(node, host_context, depth)
        if t == "element_access_expression":
            before = self._before_query(node)
            return self.eval(before, host_context, depth) if before is not None else self._computed(node)
        if t == "invocation_expression":
            return self._call(node, host_context, depth)
        return self._computed(node)

    def _constant(self, node: Any) -> str | None:
        """The text of a string literal, or of a constant: a field or ``const`` local (``Host``,
        ``this.Host``) whose one value in the whole script is a string literal and whose name no
        parameter takes (names are read without scope); else None."""
        s = self.script
        if node is None:
            return None
        if node.type in ("string_literal", "verbatim_string_literal"):
            return literal_text(s, node)
        if node.type == "member_access_expression":
            name = _this_member(s, node)
        elif node.type == "identifier":
            name = s.text(node)
        else:
            return None
        values = s.values_of.get(name or "", [])
        if len(values) != 1 or values[0].type not in ("string_literal", "verbatim_string_literal") or name in s.host_assignments \
                or name in s.parameter_names or not _constant_declaration(values[0]):
            return None
        return literal_text(s, values[0])

    def _constant_interpolation(self, node: Any) -> str | None:
        """``{Host}`` of an interpolated string, when ``Host`` is a constant (no alignment or format)."""
        parts = [c for c in node.named_children if c.type != "interpolation_brace"]
        return self._constant(parts[0]) if len(parts) == 1 else None

    def _literal(self, node: Any, value: str, host_context: bool) -> _Val:
        m = _rx(_URL).match(value)
        if m:
            host = m.group(2).rsplit("@", 1)[-1].split(":", 1)[0].lower()
            if not host or "{" in host:
                return _Val("computed", None, node, value)
            return _Val("host", host, node, value)
        if host_context and _rx(_HOSTNAME).match(value.strip().lower()):
            return _Val("host", value.strip().lower(), node, value)
        return _Val("relative", None, node, value)

    def _interpolated(self, node: Any, host_context: bool, depth: int) -> list[_Val]:
        s = self.script
        prefix = ""
        for child in node.named_children:
            if child.type in ("string_content", "escape_sequence"):
                prefix += s.text(child)
                continue
            if child.type == "interpolation":
                constant = self._constant_interpolation(child)
                if constant is not None:  # $"https://{Host}/x" with a const Host
                    prefix += constant
                    continue
                if not prefix:
                    expr = next((c for c in child.named_children if c.type not in ("interpolation_brace", "interpolation_alignment_clause", "interpolation_format_clause")), None)
                    cycles, deep = self._cycles, self._deep
                    values = self.eval(expr, host_context, depth) if expr is not None else []
                    return self._or_computed(values, node, cycles, deep)
                break
        complete = all(c.type in ("string_content", "escape_sequence") or (c.type == "interpolation" and self._constant_interpolation(c) is not None)
                       for c in node.named_children if c.type in ("string_content", "escape_sequence", "interpolation"))
        return self._from_prefix(node, prefix, complete=complete, host_context=host_context)

    def _from_prefix(self, node: Any, prefix: str, complete: bool, host_context: bool) -> list[_Val]:
        """A URL whose first ``prefix`` characters are literal."""
        m = _rx(_URL).match(prefix)
        if m:
            rest = prefix[m.end():]
            host = m.group(2).rsplit("@", 1)[-1].split(":", 1)[0].lower()
            if host and (complete or rest or prefix[m.end(2):m.end(2) + 1] in ("/", ":", "?")) and "{" not in host:
                return [_Val("host", host, node, self.script.text(node))]
            return self._computed(node)
        if complete:
            return [self._literal(node, prefix, host_context)]
        if host_context and not prefix:
            return self._computed(node)
        if "://" not in prefix and prefix and not prefix.startswith(("http", "ftp")):
            return [_Val("relative", None, node, prefix)]
        return self._computed(node)

    def _concat(self, node: Any, host_context: bool, depth: int) -> list[_Val]:
        s = self.script
        op = node.child_by_field_name("operator")
        if op is None or s.text(op) != "+":
            return self._computed(node)
        operands: list[Any] = []
        stack = [node]
        while stack:  # flatten a + b + c, left to right
            n = stack.pop()
            if n.type == "binary_expression" and n.child_by_field_name("operator") is not None and s.text(n.child_by_field_name("operator")) == "+":
                stack.append(n.child_by_field_name("right"))
                stack.append(n.child_by_field_name("left"))
            else:
                operands.append(n)
        return self._joined(node, operands, host_context, depth)

    def _joined(self, node: Any, operands: list[Any], host_context: bool, depth: int) -> list[_Val]:
        """The strings ``operands`` joined, as ``a + b + c`` or ``string.Concat(a, b, c)``: the literal
        start (literals, and names that only ever hold one literal), else the first operand's values."""
        prefix = ""
        for i, operand in enumerate(operands):
            constant = self._constant(operand)
            if i == 0 and constant is not None and operand.type not in ("string_literal", "verbatim_string_literal") \
                    and self._literal(operand, constant, host_context).kind == "host":
                constant = None  # a constant URL leads: its host is shown where the constant is written
            if constant is not None:
                prefix += constant
                continue
            if i == 0:
                cycles, deep = self._cycles, self._deep
                return self._or_computed(self.eval(operand, host_context, depth), node, cycles, deep)
            if self.script.text(operand).rsplit(".", 1)[-1] in ("PathAndQuery", "AbsolutePath", "LocalPath"):
                prefix += "/"  # a Uri's path starts with '/': the host before it is whole
            return self._from_prefix(node, prefix, complete=False, host_context=host_context)
        return [self._literal(node, prefix, host_context)]

    def _name(self, node: Any, name: str, host_context: bool, depth: int) -> list[_Val]:
        """Every value assigned to ``name`` anywhere in the script. A name met again while its own values
        are being walked (``url = Append(url)``, or a helper's parameter of the same name) is a reference
        cycle: it adds nothing the outer walk does not collect, so it ends there rather than at the depth."""
        values = self.script.values_of.get(name, [])
        if not values:
            return self._computed(node)
        if name in self._names:
            self._cycles += 1
            return []
        self._names.add(name)
        try:
            out: list[_Val] = []
            for value in values:
                out.extend(self.eval(value, host_context, depth))
            for host in self.script.host_assignments.get(name, []):  # builder.Host = ...
                out = [v for v in out if v.kind != "same"] + self.eval(host, True, depth)
        finally:
            self._names.discard(name)
        return _once(out)

    def _new(self, node: Any, host_context: bool, depth: int) -> list[_Val]:
        s = self.script
        type_node = node.child_by_field_name("type")
        type_name = s.text(type_node).rsplit(".", 1)[-1] if type_node is not None else ""
        args = s.arguments(node)
        init = node.child_by_field_name("initializer")
        if type_name == "Uri":
            if len(args) >= 2 and args[1].type != "boolean_literal":
                # new Uri(base, relative): a relative part that is an absolute URL replaces the base's host,
                # and one computed at run time may be one (a URL read from a header): it is computed too
                replaced = [v for v in self.eval(args[1], host_context, depth) if v.kind != "relative"]
                return replaced + self.eval(args[0], host_context, depth)
            return self.eval(args[0], host_context, depth) if args else []
        if type_name == "UriBuilder":
            hosts = [a for a in _initializer_values(s, init, "Host")]
            if hosts:
                out: list[_Val] = []
                for h in hosts:
                    out.extend(self.eval(h, True, depth))
                return out
            if len(args) >= 2:  # UriBuilder(scheme, host, ...)
                return self.eval(args[1], True, depth)
            return self.eval(args[0], host_context, depth) if args else []
        if type_name == "HttpRequestMessage":
            uris = _initializer_values(s, init, "RequestUri")
            if uris:
                return self.eval(uris[0], host_context, depth)
            return self.eval(args[1], host_context, depth) if len(args) >= 2 else []
        return self._computed(node)

    def _before_query(self, node: Any) -> Any:
        """X in ``X.Split('?')[0]`` (or ``'#'``): the part of a URL before its query or fragment keeps
        X's host. None for any other element access."""
        s = self.script
        call, index = node.child_by_field_name("expression"), node.child_by_field_name("subscript")
        if call is None or index is None or call.type != "invocation_expression" or s.text(index).replace(" ", "") != "[0]":
            return None
        function = call.child_by_field_name("function")
        if function is None or function.type != "member_access_expression":
            return None
        name, receiver = function.child_by_field_name("name"), function.child_by_field_name("expression")
        args = s.arguments(call)
        if (name is not None and s.text(name) == "Split" and len(args) == 1
                and args[0].type in ("character_literal", "string_literal") and literal_text(s, args[0]) in ("?", "#")):
            return receiver
        return None

    def _replaces_host(self, node: Any) -> bool:
        function = node.child_by_field_name("function")
        if function is None or function.type != "member_access_expression":
            return False
        name = function.child_by_field_name("name")
        if name is None or self.script.text(name) != "Replace":
            return False
        args = self.script.arguments(node)
        return len(args) >= 2 and any(v.kind == "host" for v in self.eval(args[1], True))

    def _call(self, node: Any, host_context: bool, depth: int) -> list[_Val]:
        s = self.script
        function = node.child_by_field_name("function")
        args = s.arguments(node)
        if function is None:
            return self._computed(node)
        if function.type == "member_access_expression":
            recv = function.child_by_field_name("expression")
            name_node = function.child_by_field_name("name")
            name = s.text(name_node) if name_node is not None else ""
            recv_text = s.text(recv) if recv is not None else ""
            if name == "Format" and recv_text in ("string", "String", "System.String") and args:
                return self._format(node, args, host_context, depth)
            if name == "Replace" and len(args) >= 2:
                replaced = [v for v in self.eval(args[1], True, depth) if v.kind == "host"]
                return replaced or self.eval(recv, host_context, depth)
            if name == "Concat" and recv_text in ("string", "String", "System.String") and args:
                return self._joined(node, args, host_context, depth)
            if name in ("Combine", "Concat", "Join") and args:
                return self.eval(args[0], host_context, depth)
            if name in _PASS_THROUGH:
                if recv_text in ("HttpUtility", "WebUtility", "Uri", "System.Web.HttpUtility", "System.Net.WebUtility") and args:
                    return self.eval(args[0], host_context, depth)
                return self.eval(recv, host_context, depth)
            if recv_text == "this" or not recv_text:
                return self._method(node, name, host_context, depth)
            return self._computed(node)
        if function.type in ("identifier", "generic_name"):
            return self._method(node, s.text(function).split("<", 1)[0], host_context, depth)
        return self._computed(node)

    def _format(self, node: Any, args: list[Any], host_context: bool, depth: int) -> list[_Val]:
        s = self.script
        fmt = args[0]
        if fmt.type not in ("string_literal", "verbatim_string_literal"):
            return self._computed(node)
        value = literal_text(s, fmt)

        def literal_arg(match: re.Match[str]) -> str:  # {n} with a constant argument is literal
            i = int(match.group(1)) + 1
            constant = self._constant(args[i]) if i < len(args) else None
            return match.group(0) if constant is None else constant.replace("{", "{{")

        filled = re.sub(r"\{(\d+)(?:[,:][^}]*)?\}", literal_arg, value)
        lead = re.match(r"^\{(\d+)\}", filled)
        if lead and int(lead.group(1)) + 1 < len(args):
            return self.eval(args[int(lead.group(1)) + 1], host_context, depth)
        m = _rx(_URL).match(filled)
        if m and "{" in m.group(2):
            return [_Val("computed", None, node, value)]
        return [self._literal(node, filled, host_context)]

    def _method(self, node: Any, name: str, host_context: bool, depth: int) -> list[_Val]:
        """What a helper of the script returns; computed when that is nothing known, unless only a
        reference cycle emptied it (``url = Append(url)``, whose ``return url`` leads back to the call:
        the value is the one ``url`` had before, which the walk reaches by another assignment)."""
        s = self.script
        bodies = s.methods.get(name, [])
        out: list[_Val] = []
        cycles, deep = self._cycles, self._deep
        for method in bodies[:3]:
            for ret in _returns(method):
                out.extend(self.eval(ret, host_context, depth))
        if not bodies:  # Func<string> target = () => "https://...": a lambda held by a name
            bodies = [v for v in s.values_of.get(name, []) if v.type == "lambda_expression"][:3]
            for fn in bodies:
                for ret in _returns(fn):
                    out.extend(self.eval(ret, host_context, depth))
        return self._or_computed(out, node, cycles, deep) if bodies else self._computed(node)


def _constant_declaration(value: Any) -> bool:
    """Whether ``value`` initializes a field (``const``, ``static readonly``, or any field assigned
    nowhere else) or a ``const`` local: not a local variable, which a loop or a branch may reassign."""
    declarator = value.parent
    if declarator is None or declarator.type != "variable_declarator":
        return False
    declaration = declarator.parent
    holder = declaration.parent if declaration is not None else None
    if holder is None:
        return False
    if holder.type == "field_declaration":
        return True
    return holder.type == "local_declaration_statement" and any(c.type == "const" or (c.type == "modifier" and c.text == b"const") for c in holder.children)


def _initializer_values(script: Script, init: Any, member: str) -> list[Any]:
    if init is None:
        return []
    out = []
    for child in init.named_children:
        if child.type == "assignment_expression":
            left, right = child.child_by_field_name("left"), child.child_by_field_name("right")
            if left is not None and right is not None and script.text(left) == member:
                out.append(right)
    return out


def _returns(method: Any) -> Iterator[Any]:
    body = method.child_by_field_name("body")
    if body is None:
        return
    if body.type == "arrow_expression_clause":
        if body.named_children:
            yield body.named_children[0]
        return
    if body.type != "block":  # a lambda's expression body
        yield body
        return
    stack = [body]
    while stack:
        node = stack.pop()
        if node.type == "return_statement":
            if node.named_children:
                yield node.named_children[0]
            continue
        if node.type in ("local_function_statement", "lambda_expression", "anonymous_method_expression"):
            continue
        stack.extend(node.named_children)


_TEXT_BYTES = ("Encoding.UTF8.GetBytes", "Encoding.ASCII.GetBytes", "Encoding.Default.GetBytes")
"""The encodings whose bytes of an ASCII text are its UTF-8 bytes (what ``constant_string`` encodes)."""

MAX_CONSTANT_STEPS = 1_000
"""Nodes ``constant_string`` reads for one value: names that each hold two copies of the one before
(``b = a + a; c = b + b; ...``) would otherwise cost two to the power of their number."""

MAX_CONSTANT_DEPTH = 100
"""Names, calls and interpolations ``constant_string`` follows inside one another (a chain of ``+``
is read in one loop however long it is): a deeper value is not a fixed one, and the walk never
nears Python's recursion limit."""


def constant_string(script: Script, node: Any, pieces: list[str] | None = None) -> str | None:
    """The string ``node`` always holds, when the script fixes it, else None: a literal; ``a + b``,
    ``string.Concat(a, b)`` and an interpolated string of such strings;
    ``Convert.ToBase64String(Encoding.UTF8.GetBytes(s))`` of one (how Basic credentials are written); a name assigned one such
    string, and nowhere changed (no other assignment, compound assignment, ``ref`` or ``out``; not a
    parameter). Names are read without scope, as the egress walk reads them: two locals of one name
    have two values, and so none. At most ``MAX_CONSTANT_STEPS`` nodes are read for one value; a name's value is read once
    per script (``Script._memo``), so a script that sends one long value under many names, or one
    name in many calls, costs the sum of them, not the product. ``pieces``, when
    given, receives the text of each literal the value is joined from (what the source spells:
    redaction must hide each piece of a secret, not only the whole)."""
    return _constant_value(script, node, pieces, 0)


def _constant_value(script: Script, node: Any, pieces: list[str] | None, depth: int) -> str | None:
    steps = [0]

    def value(n: Any, depth: int) -> str | None:
        steps[0] += 1
        while n is not None and n.type == "parenthesized_expression":  # (((x))) in a loop, not a call each
            n = n.named_children[0] if len(n.named_children) == 1 else None
        if n is None or steps[0] > MAX_CONSTANT_STEPS or depth > MAX_CONSTANT_DEPTH:
            return None
        t = n.type
        depth += 1
        if t in ("string_literal", "verbatim_string_literal", "raw_string_literal"):
            text = literal_text(script, n)
            if pieces is not None:
                pieces.append(text)
            return text
        if t == "binary_expression":  # a + b + c: the chain's operands in one loop, left to right
            joined = []
            stack = [n]
            while stack:
                item = stack.pop()
                if item is not None and item.type == "binary_expression":
                    op = item.child_by_field_name("operator")
                    if op is None or script.text(op) != "+":
                        return None
                    stack.append(item.child_by_field_name("right"))
                    stack.append(item.child_by_field_name("left"))
                    steps[0] += 1
                    if steps[0] > MAX_CONSTANT_STEPS:
                        return None
                    continue
                part = value(item, depth)
                if part is None:
                    return None
                joined.append(part)
            return "".join(joined)
        if t == "interpolated_string_expression":
            out = []
            for child in n.named_children:
                if child.type in ("string_content", "escape_sequence"):
                    out.append(script.text(child))
                    if pieces is not None:
                        pieces.append(script.text(child))
                elif child.type == "interpolation":
                    parts = [c for c in child.named_children if c.type != "interpolation_brace"]
                    inner = value(parts[0], depth) if len(parts) == 1 else None
                    if inner is None:
                        return None
                    out.append(inner)
            return "".join(out)
        if t == "invocation_expression":
            function = n.child_by_field_name("function")
            called = script.text(function) if function is not None else ""
            if called.removeprefix("System.") == "Convert.ToBase64String":  # Basic credentials: the base64 of "user:password" bytes
                args = script.arguments(n)
                inner = args[0] if len(args) == 1 and args[0].type == "invocation_expression" else None
                encode = inner.child_by_field_name("function") if inner is not None else None
                if encode is None or script.text(encode).removeprefix("System.Text.") not in _TEXT_BYTES:
                    return None
                text_args = script.arguments(inner)
                plain = value(text_args[0], depth) if len(text_args) == 1 else None
                if plain is None or not (plain.isascii() or "UTF8" in script.text(encode)):
                    return None  # another encoding's bytes of a text outside ASCII are not its UTF-8 bytes
                import base64

                return base64.b64encode(plain.encode("utf-8", "surrogatepass")).decode("ascii")
            if called not in ("string.Concat", "String.Concat", "System.String.Concat"):
                return None
            out = []
            for arg in script.arguments(n):
                inner = value(arg, depth)
                if inner is None:
                    return None
                out.append(inner)
            return "".join(out)
        name = script.text(n) if t == "identifier" else _this_member(script, n) if t == "member_access_expression" else None
        known = _name_constant(script, name, depth) if name else None
        if known is None:
            return None
        if pieces is not None:
            pieces.extend(known[1])
        return known[0]

    return value(node, depth)


def _name_constant(script: Script, name: str, depth: int) -> tuple[str, tuple[str, ...]] | None:
    """``(value, the literals it is joined from)`` of a name the script sets once to a fixed string and
    changes nowhere, read once per script; None otherwise (and for a name met again while its own
    value is read: ``a = a + "x"``)."""
    key = ("constant", name)
    if key in script._memo:
        known: tuple[str, tuple[str, ...]] | None = script._memo[key]
        return known
    script._memo[key] = None
    values = script.values_of.get(name, [])
    if len(values) != 1 or name in script.parameter_names or name in script.reassigned or name in script.host_assignments:
        return None
    pieces: list[str] = []
    text = _constant_value(script, values[0], pieces, depth)
    result = None if text is None else (text, tuple(pieces))
    script._memo[key] = result
    return result


def literal_text(script: Script, node: Any) -> str:
    """The value of a string literal (escapes left as written; enough for URLs)."""
    text = script.text(node)
    if node.type == "verbatim_string_literal":
        return text[2:-1].replace('""', '"') if text.endswith('"') else text[2:]
    if node.type == "raw_string_literal":
        return text.strip('"')
    return text[1:-1] if len(text) >= 2 else ""


def _interp_text(script: Script, node: Any) -> str:
    return "".join(script.text(c) for c in node.named_children if c.type in ("string_content", "escape_sequence", "interpolation"))


# -- the documented namespaces (rules-catalog §2.7) -------------------------------------------------
ALLOWED_NAMESPACES = (
    "System", "System.Collections", "System.Collections.Generic", "System.Diagnostics", "System.IO",
    "System.IO.Compression", "System.Linq", "System.Net", "System.Net.Http", "System.Net.Http.Headers",
    "System.Net.Security", "System.Security.Authentication", "System.Security.Cryptography", "System.Text",
    "System.Text.RegularExpressions", "System.Threading", "System.Threading.Tasks", "System.Web", "System.Xml",
    "System.Xml.Linq", "System.Drawing", "System.Drawing.Drawing2D", "System.Drawing.Imaging",
    "Microsoft.Extensions.Logging", "Newtonsoft.Json", "Newtonsoft.Json.Linq",
)


# -- facts the SCR rules share ---------------------------------------------------------------------
SEND_METHODS = {"SendAsync"} | _WEBCLIENT | _HTTPCLIENT


class OperationCase(Struct, frozen=True, order=True):
    """A string the script compares ``Context.OperationId`` with."""

    value: str
    line: int
    column: int
    mode: str  # exact | nocase | prefix


def operation_cases(script: Script) -> tuple[OperationCase, ...]:
    """Every operation id the script switches on (``==``, ``switch``/``case``, ``Equals``, ``StartsWith``, helpers),
    worked out once per script (each host the script reaches asks for them: ``operations_at``)."""
    cached = script._memo.get("operation_cases")
    if cached is None:
        cached = script._memo["operation_cases"] = tuple(_operation_cases(script))
    return cached


class _WordNames:
    """Whether a text holds any of ``names`` between the boundaries ``left`` and ``right`` (regular
    expressions): ``any(re.search(left + re.escape(n) + right, text) for n in names)``, in one pass.
    A name made only of ``word`` characters, between such boundaries, is a whole run of them: it is
    looked up among the text's runs. The other names, if any, are searched for all at once."""

    def __init__(self, names: set[str], word: str, left: str, right: str) -> None:
        self.runs = re.compile(f"{word}+")
        self.plain = {n for n in names if self.runs.fullmatch(n)}
        other = sorted(n for n in names if n not in self.plain)
        self.other = re.compile(f"{left}(?:{'|'.join(map(re.escape, other))}){right}") if other else None

    def any_in(self, text: str) -> bool:
        if self.plain and not self.plain.isdisjoint(self.runs.findall(text)):
            return True
        return self.other is not None and self.other.search(text) is not None


def _operation_cases(script: Script) -> list[OperationCase]:
    s = script
    names = {"OperationId"}
    folded: set[str] = set()
    for name, values in s.values_of.items():  # var operationId = this.Context.OperationId(.ToLower())
        if any("Context.OperationId" in s.text(v) for v in values):
            names.add(name)
            if any(re.search(r"ToLower|ToUpper", s.text(v)) for v in values):
                folded.add(name)

    # a name is found as a whole word of the text: a set look-up per word, not a search per name
    named = _WordNames(names, "[A-Za-z0-9_]", "(?<![A-Za-z0-9_])", "(?![A-Za-z0-9_])")
    folded_names = _WordNames(folded, r"\w", r"\b", r"\b")

    def mentions(node: Any) -> bool:
        return named.any_in(s.text(node))

    def mode_of(*nodes: Any) -> str:
        text = " ".join(s.text(n) for n in nodes if n is not None)
        if re.search(r"ToLower|ToUpper|IgnoreCase", text) or folded_names.any_in(text):
            return "nocase"
        return "exact"

    out: list[OperationCase] = []
    helpers = set()
    for name, methods in s.methods.items():
        for method in methods:
            params = method.child_by_field_name("parameters")
            if params is not None and params.named_children and "OperationId" in s.text(method):
                helpers.add(name)

    def add(lit: Any, mode: str) -> None:
        if lit is not None and lit.type in ("string_literal", "verbatim_string_literal"):
            line, column = s.where(lit)
            out.append(OperationCase(literal_text(s, lit), line, column, mode))

    for node in s.of("binary"):
        op = node.child_by_field_name("operator")
        if op is None or s.text(op) not in ("==", "!="):
            continue
        left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
        for a, b in ((left, right), (right, left)):
            if a is not None and b is not None and mentions(a) and b.type == "string_literal":
                add(b, mode_of(a))
    for kind in ("switch", "switchexpr"):
        for node in s.of(kind):
            value = node.child_by_field_name("value") or (node.named_children[0] if node.named_children else None)
            if value is None or not mentions(value):
                continue
            mode = mode_of(value)
            stack = list(node.named_children[1:])
            while stack:
                child = stack.pop()
                if child.type in ("switch_statement", "switch_expression"):
                    continue
                if child.type == "constant_pattern" or child.type == "case_switch_label":
                    for lit in child.named_children:
                        add(lit, mode)
                elif child.type == "switch_expression_arm" and child.named_children:
                    pattern = child.named_children[0]
                    if pattern.type == "constant_pattern":
                        for lit in pattern.named_children:
                            add(lit, mode)
                else:
                    stack.extend(child.named_children)
    for node, receiver, name in s.calls():
        args = s.arguments(node)
        function = node.child_by_field_name("function")
        if name in ("Equals", "StartsWith", "EndsWith", "Contains", "Compare") and function is not None:
            involved = [a for a in args] + ([function.child_by_field_name("expression")] if function.type == "member_access_expression" else [])
            if any(x is not None and mentions(x) for x in involved):
                mode = "prefix" if name == "StartsWith" else mode_of(node)
                if name in ("EndsWith", "Contains"):
                    continue
                for lit in involved:
                    if lit is not None and lit.type == "string_literal":
                        add(lit, mode)
        elif name in ("TryGetValue", "ContainsKey") and args and mentions(args[0]):
            # a dictionary keyed by operation id: its initializer's keys are the cases
            for value in s.values_of.get(receiver.removeprefix("this."), []):
                init = value.child_by_field_name("initializer") if value.type == "object_creation_expression" else None
                for entry in init.named_children if init is not None else []:
                    if entry.type == "initializer_expression" and entry.named_children:
                        add(entry.named_children[0], mode_of(args[0]))
                    elif entry.type == "assignment_expression":
                        left = entry.child_by_field_name("left")
                        lits = [c for c in (left.named_children if left is not None else []) if c.type == "argument"]
                        for lit in lits:
                            add(lit.named_children[0] if lit.named_children else None, mode_of(args[0]))
        elif args and (name in helpers or "OperationId" in name) and not mentions(node.child_by_field_name("function")):
            helper = s.methods.get(name, [])  # IsOperationId("x"): a helper that compares its argument
            mode = mode_of(*helper) if helper else "exact"
            for lit in args:
                add(lit, mode)
    unique = {(c.line, c.column): c for c in out}
    return sorted(unique.values(), key=lambda c: (c.line, c.column))


class OperationIndex:
    """Operation ids (in their order, an id may repeat in a defective swagger), indexed to find the
    ones a case matches without testing each id: a script of thousands of cases against thousands
    of operations cost their product (16,000 of each: 45 s).

    An id matches a case when it is the case's value, or, for a ``nocase`` case, the same ignoring
    case, or, for a ``prefix`` case, starts with the value ignoring case."""

    def __init__(self, ids: list[str]) -> None:
        self.ids = ids
        self.positions: dict[str, list[int]] = {}
        self.by_lower: dict[str, list[str]] = {}
        for i, op in enumerate(ids):
            self.positions.setdefault(op, []).append(i)
            self.by_lower.setdefault(op.lower(), []).append(op)
        self.lowers = sorted(self.by_lower)

    def matching(self, cases: Iterable[OperationCase]) -> list[str]:
        """The ids (in their order, repeats kept) that one of ``cases`` matches."""
        matched: set[str] = set()
        for c in cases:
            if c.value in self.positions:
                matched.add(c.value)
            if c.mode == "nocase":
                matched.update(self.by_lower.get(c.value.lower(), ()))
            elif c.mode == "prefix":
                low, lowers = c.value.lower(), self.lowers
                i = bisect_left(lowers, low)  # the ids that start with it sort together from here
                while i < len(lowers) and lowers[i].startswith(low):
                    matched.update(self.by_lower[lowers[i]])
                    i += 1
        return [self.ids[i] for i in sorted(i for op in matched for i in self.positions[op])]


def _is_send(script: Script, call: Any) -> bool:
    function = call.child_by_field_name("function")
    if function is None:
        return False
    name_node = function.child_by_field_name("name") if function.type == "member_access_expression" else function
    return name_node is not None and script.text(name_node).split("<", 1)[0] in SEND_METHODS


def _sends(script: Script) -> tuple[list[int], list[list[int]]]:
    """The start byte of each call that sends a request (in order), and a sparse table of their end
    bytes (level k, index i: the least end of sends i .. i + 2**k - 1), worked out once per script."""
    cached = script._memo.get("sends")
    if cached is None:
        sends = [call for call in script.of("call") if _is_send(script, call)]
        ends = [call.end_byte for call in sends]
        table = [ends]
        width = 1
        while 2 * width <= len(ends):
            last = table[-1]
            table.append([min(last[i], last[i + width]) for i in range(len(ends) - 2 * width + 1)])
            width *= 2
        cached = script._memo["sends"] = ([call.start_byte for call in sends], table)
    return cached


def contains_send(script: Script, node: Any) -> bool:
    """Whether ``node`` holds a call that sends a request: one of the calls ``script.inside("call", node)``
    gives. Which calls send is worked out once per script, and whether one of them starting within
    ``node`` also ends within it by a least-end lookup: testing every call within each loop cost
    loops times calls (thousands of nested loops around thousands of calls: a minute)."""
    starts, table = _sends(script)
    lo, hi = bisect_left(starts, node.start_byte), bisect_right(starts, node.end_byte)
    if lo >= hi:
        return False
    level = (hi - lo).bit_length() - 1
    row = table[level]
    return min(row[lo], row[hi - (1 << level)]) <= node.end_byte


def _case_points(script: Script, cases: tuple[OperationCase, ...]) -> list[tuple[int, int]]:
    """(line, byte column) of each case, in the cases' order (the order of their places), worked out once."""
    cached = script._memo.get("case_points")
    if cached is None:
        cached = []
        for c in cases:
            cached.append((c.line, script.byte_column(c.line - 1, c.column - 1)))
        script._memo["case_points"] = cached
    return cached


def operations_at(script: Script, line: int, column: int) -> tuple[OperationCase, ...] | None:
    """The ``Context.OperationId`` cases that guard the code at ``line``:``column``, or None.

    The innermost ``if`` whose condition compares the operation id (not with ``!=``) and
    whose body holds the place, or the ``case`` labels of the switch section that holds it
    (labels of empty sections just above it fall through into it). None when no such
    guard encloses it: the code runs for every operation the script handles. Every place under
    one guard gets the same tuple, worked out once (thousands of sends under one guard of
    thousands of labels cost their sum, not their product), so a caller may key on its identity.
    """
    row = line - 1
    col = script.byte_column(row, max(column - 1, 0))
    node = script.root.descendant_for_point_range((row, col), (row, col))
    cases = operation_cases(script)
    if node is None or not cases:
        return None
    points = _case_points(script, cases)

    def within(start: Any, end: Any) -> tuple[OperationCase, ...]:
        lo, hi = (start.row + 1, start.column), (end.row + 1, end.column)
        return tuple(cases[bisect_left(points, lo) : bisect_left(points, hi)])

    child, parent = node, node.parent
    while parent is not None:
        if parent.type == "if_statement":
            condition, body = parent.child_by_field_name("condition"), parent.child_by_field_name("consequence")
            if condition is not None and body is not None and body.start_byte <= child.start_byte and child.end_byte <= body.end_byte:
                key = ("if", parent.id)  # every place in one body has its condition's cases: worked out once
                found = script._memo.get(key)
                if found is None:
                    guard = script.text(condition)
                    found = within(condition.start_point, condition.end_point)
                    script._memo[key] = found = found if "!=" not in guard and not guard.lstrip("( ").startswith("!") else ()
                if found:
                    return found
        elif parent.type == "switch_section" and child.type not in ("constant_pattern", "case_switch_label"):
            key = ("section", parent.id)  # every place in one section has its labels: worked out once
            labelled = script._memo.get(key)
            if labelled is None:
                sections = [parent]
                prev = parent.prev_named_sibling
                while prev is not None and prev.type == "switch_section" and all(c.type == "constant_pattern" for c in prev.named_children):
                    sections.append(prev)
                    prev = prev.prev_named_sibling
                found_labels: list[OperationCase] = []
                for section in reversed(sections):
                    labels = [c for c in section.named_children if c.type in ("constant_pattern", "case_switch_label")]
                    for label in labels:
                        found_labels.extend(within(label.start_point, label.end_point))
                script._memo[key] = labelled = tuple(found_labels)
            if labelled:
                return labelled
        child, parent = parent, parent.parent
    return None
