"""Views over a Swagger 2.0 document: the ``given`` part of every rule.

``Swagger.index`` is built once per document, on first use, by one iterative
walk (deep documents cannot exhaust the stack) that follows the Swagger 2.0
structure rather than every dict: a ``properties`` key inside an ``example``
or an ``x-ms-*`` value is not a schema. The index holds

* ``operations``: every operation with its path and method;
* ``parameters``: every parameter object as written (operation, path item or
  shared ``#/parameters``), with the operation that owns it;
* ``responses``: every response (per operation and shared ``#/responses``);
* ``schemas``: every schema site with its role (``body``, ``response``,
  ``definition``, ``property``, ``items``, ``additional-properties``,
  ``all-of``, ``notification``, ``parameter-items``), its owning operation and
  its parent site;
* ``security_definitions`` and ``security_requirements``;
* ``extensions``: every ``x-`` key with what owns it (``root``, ``info``,
  ``path-item``, ``operation``, ``parameter``, ``schema``, ``response``,
  ``header``, ``security-definition``, ``tag``, ``paths``);
* ``refs``: every ``$ref`` at a structural position, as a node that knows its
  own location and what kind of object it stands for.

Each ``$ref`` is resolved once (whole chains are memoised, cycles found once),
so resolution costs time linear in the document whatever the shape of its
references. Views hand rules the data *and* its pointer, so findings point at
the real definition, never at an inlined copy, and no rule builds a pointer by
hand.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from functools import cached_property
from itertools import chain
from operator import attrgetter
from typing import Any

from msgspec import Struct, field

from vetter.base import pointer as jp
from vetter.base.rule import Location
from vetter.model.jsonfile import JsonFile
from vetter.model.node import Node

__all__ = [
    "METHODS",
    "ExtensionSite",
    "Node",
    "Operation",
    "ParameterSite",
    "RefError",
    "RefSite",
    "ResponseSite",
    "SchemaSite",
    "SecurityDefinition",
    "SecurityRequirement",
    "Swagger",
    "SwaggerIndex",
]

METHODS = ("get", "put", "post", "delete", "options", "head", "patch")


class Operation(Node):
    """An operation object, with its path key and method: ``Operation(file, pointer, data, path, method)``."""

    path: str
    method: str
    operation_id: str | None = None
    """The ``operationId`` when it is a non-empty string (set from ``data`` when the operation is built)."""
    id: str = ""
    """``operationId``, or ``METHOD path`` when it has none (for messages and keys)."""

    def __post_init__(self) -> None:
        data = self.data
        value = data.get("operationId") if isinstance(data, dict) else None
        # read once here, not per ask: rules and profiles ask an operation's id about twenty times
        self.operation_id = value if isinstance(value, str) and value else None
        self.id = self.operation_id or f"{self.method.upper()} {self.path}"

    @property
    def path_item_pointer(self) -> str:
        return jp.parent(self.pointer)

    @property
    def is_trigger(self) -> bool:
        return isinstance(self.data, dict) and "x-ms-trigger" in self.data

    @property
    def visibility(self) -> str | None:
        return self.string("x-ms-visibility")

    @property
    def deprecated(self) -> bool:
        return self.get("deprecated") is True


class SchemaSite(Node):
    """A schema object at a structural position of the document (itself a ``Node``).

    ``role``: body | response | definition | property | items | additional-properties
    | all-of | notification | parameter-items. ``operation`` is the operation it
    belongs to (None for definitions, shared parts and path items); ``parent``
    the schema it is nested in; ``name`` the property or definition name;
    ``depth`` its nesting below its root site.
    """

    role: str
    operation: Operation | None
    parent: SchemaSite | None = None
    name: str | None = None
    depth: int = 0

    @property
    def node(self) -> Node:
        return self

    def ancestors(self) -> Iterator[SchemaSite]:
        site = self.parent
        while site is not None:
            yield site
            site = site.parent

    @property
    def root(self) -> SchemaSite:
        site = self
        while site.parent is not None:
            site = site.parent
        return site


class ParameterSite(Struct, frozen=True, order=True):
    """A parameter object as written: in an operation, a path item, or ``#/parameters``."""

    node: Node
    scope: str  # operation | path | shared
    operation: Operation | None  # the owning operation (scope operation), else None
    path: str | None = None  # the path key (scope operation or path)


class ResponseSite(Struct, frozen=True, order=True):
    node: Node  # the response as written (it may hold a $ref)
    code: str  # "200", "default", ... or the name under #/responses
    operation: Operation | None  # None for shared responses


class ExtensionSite(Struct, frozen=True, order=True):
    name: str  # the key, e.g. "x-ms-visibility"
    node: Node  # the value, at its own pointer
    owner: str  # root | info | paths | path-item | operation | parameter | schema | response | header | security-definition | tag
    owner_node: Node  # the object that holds the key
    operation: Operation | None = None  # the operation it sits in, if any
    schema: SchemaSite | None = None  # the schema site, when owner is schema


class RefSite(Struct, frozen=True, order=True):
    """A ``$ref`` in the document: where it is, what it says, what it stands for."""

    node: Node  # the object holding "$ref"
    ref: Any
    context: str  # schema | parameter | response | path-item

    @property
    def pointer(self) -> str:
        return self.node.pointer

    @property
    def loc(self) -> Location:
        """The location of the ``$ref`` value itself."""
        return self.node.at("$ref")


class SecurityDefinition(Struct, frozen=True, order=True):
    name: str
    node: Node

    @property
    def type(self) -> str | None:
        return self.node.string("type")


class SecurityRequirement(Struct, frozen=True, order=True):
    """One entry of a ``security`` list: ``{scheme: [scopes]}``."""

    node: Node
    operation: Operation | None  # None for the root ``security``


class RefError(Exception):
    def __init__(self, kind: str, message: str, chain: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.kind = kind  # external | malformed | unresolvable | cycle
        self.chain = chain  # pointers of the objects that form the loop, for cycles
        self.members = frozenset(chain)  # the same, for constant-time "is this site in the loop"


class SwaggerIndex(Struct):
    """The swagger's operations, parameters, responses, schemas and security, collected in one walk."""

    operations: list[Operation] = field(default_factory=list)
    parameters: list[ParameterSite] = field(default_factory=list)
    responses: list[ResponseSite] = field(default_factory=list)
    schemas: list[SchemaSite] = field(default_factory=list)
    security_definitions: list[SecurityDefinition] = field(default_factory=list)
    security_requirements: list[SecurityRequirement] = field(default_factory=list)
    extensions: list[ExtensionSite] = field(default_factory=list)
    refs: list[RefSite] = field(default_factory=list)
    keywords: dict[str, list[Node]] = field(default_factory=dict)  # schema sites, then parameters, by the keys they hold
    types: dict[str, list[Node]] = field(default_factory=dict)  # ``keywords["type"]`` by the type when it is a string


class Swagger:
    """Read-only views over one parsed swagger file."""

    def __init__(self, file: JsonFile) -> None:
        self.file = file
        self.data: dict[str, Any] = file.data
        self.root = Node(file.name, "", file.data)
        self._resolved: dict[str, tuple[str, Any] | RefError] = {}

    def loc(self, pointer: str) -> Location:
        return Location(self.file.name, pointer)

    def node(self, pointer: str) -> Node | None:
        try:
            tokens = jp.split(pointer)
        except ValueError:
            return None
        return self.root.child(*tokens)

    # -- the index ----------------------------------------------------------------
    @cached_property
    def index(self) -> SwaggerIndex:
        return _build_index(self.root)

    def operations(self) -> list[Operation]:
        return self.index.operations

    @cached_property
    def ascii_only(self) -> bool:
        """Every string of the data, keys and values, is ASCII: the parsed text is, and it holds no
        ``\\u`` escape (the one way JSON writes another character in ASCII). Rules that look only at
        characters outside ASCII pass over such a swagger (most of them) at once."""
        text = self.file.text  # isascii is a flag of the string; most swaggers hold no backslash (memchr)
        return text.isascii() and ("\\" not in text or _UNICODE_ESCAPE.search(text) is None)

    def refs(self) -> list[RefSite]:
        return self.index.refs

    def schemas(self, role: str | None = None) -> list[SchemaSite] | Iterator[SchemaSite]:
        sites = self.index.schemas
        return sites if role is None else (s for s in sites if s.role == role)

    def extensions(self, prefix: str = "x-ms-") -> Iterator[ExtensionSite]:
        return (e for e in self.index.extensions if e.name.startswith(prefix))

    @cached_property
    def extensions_by_name(self) -> dict[str, list[ExtensionSite]]:
        """Extension sites grouped by exact key, in document order (one dict look-up per rule)."""
        out: dict[str, list[ExtensionSite]] = {}
        for site in self.index.extensions:
            out.setdefault(site.name, []).append(site)
        return out

    def with_keyword(self, *keys: str) -> list[Node]:
        """Schema sites, then parameter objects as written, that have any of ``keys`` (one pass, shared by rules).

        ``with_keyword("enum")`` is every schema and parameter with an ``enum``; a
        node with several of the keys is listed once (by key, then in index order).
        """
        index = self.index.keywords
        if len(keys) == 1:
            return index.get(keys[0], [])
        seen: set[int] = set()
        out: list[Node] = []
        for key in keys:
            for node in index.get(key, ()):
                ident = id(node)  # once: each id() is an audited event (vetter.base.offline)
                if ident not in seen:
                    seen.add(ident)
                    out.append(node)
        return out

    def with_type(self, kind: str) -> list[Node]:
        """``with_keyword("type")`` narrowed to the nodes whose ``type`` is ``kind`` (``"array"``), in its order."""
        return self.index.types.get(kind, [])

    def extensions_named(self, name: str) -> list[ExtensionSite]:
        """The sites of one extension key, e.g. ``x-ms-pageable`` (exact spelling)."""
        return self.extensions_by_name.get(name, [])

    def responses(self, op: Operation | None = None) -> Iterator[ResponseSite]:
        """Responses of one operation (``op``), or every response site (``None``)."""
        if op is None:
            yield from self.index.responses
        else:
            yield from (r for r in self.index.responses if r.operation is op)

    @cached_property
    def operations_by_id(self) -> dict[str, Operation]:
        """First operation per operationId (duplicates are a finding of their own)."""
        out: dict[str, Operation] = {}
        for op in self.index.operations:
            if op.operation_id is not None:
                out.setdefault(op.operation_id, op)
        return out

    @cached_property
    def operation_ids_any_case(self) -> dict[str, str]:
        """The first operationId of each spelling in lower case: what an id written in another case means."""
        out: dict[str, str] = {}
        for op_id in self.operations_by_id:
            out.setdefault(op_id.lower(), op_id)
        return out

    @cached_property
    def security_definitions(self) -> dict[str, SecurityDefinition]:
        return {d.name: d for d in self.index.security_definitions}

    # -- $ref -----------------------------------------------------------------------
    def resolve_ref(self, ref: Any) -> tuple[str, Any]:
        """Follow a ``$ref`` (and any chain of refs) to ``(pointer, data)``.

        Raises ``RefError`` for external, malformed, unresolvable or cyclic
        references. Every reference string met on the way is memoised with the
        final answer, so each is followed once however many chains share it.
        """
        if not isinstance(ref, str):
            raise RefError("malformed", f"$ref must be a string, not {type(ref).__name__}")
        hit = self._resolved.get(ref)
        if hit is None:
            hit = self._follow(ref)
        if isinstance(hit, RefError):
            raise hit
        return hit

    def _follow(self, ref: str) -> tuple[str, Any] | RefError:
        chain: list[str] = []  # reference strings followed, in order
        targets: dict[str, int] = {}  # target pointer -> its index in chain
        current = ref
        result: tuple[str, Any] | RefError
        while True:
            known = self._resolved.get(current)
            if known is not None:
                result = known
                break
            target = current[1:]
            if not current.startswith("#"):
                result = RefError("external", f"'{current}' points outside this file")
                break
            if target and not target.startswith("/"):
                result = RefError("malformed", f"'{current}' is not a JSON pointer")
                break
            if not target:
                result = RefError("malformed", f"'{current}' points at the whole document, not at a definition")
                break
            if target in targets:
                loop = chain[targets[target] :]
                shown = [*loop, current] if len(loop) <= 8 else [*loop[:4], f"... ({len(loop) - 6} more)", *loop[-2:], current]
                text = " -> ".join(shown)  # bounded: a 10^4-long loop must not give 10^4 messages of 10^4 refs
                result = RefError("cycle", f"$ref chain never ends: {text}", tuple(r[1:] for r in loop))
                break
            targets[target] = len(chain)
            chain.append(current)
            data = _lookup(self.data, target)
            if data is _MISSING:
                result = RefError("unresolvable", f"'{current}' does not exist in this file")
                break
            if isinstance(data, dict) and "$ref" in data:
                nxt = data["$ref"]
                if not isinstance(nxt, str):
                    result = RefError("malformed", f"$ref at '#{target}' is not a string")
                    break
                current = nxt
                continue
            result = (target, data)
            break
        for r in chain:
            self._resolved[r] = result
        self._resolved.setdefault(ref, result)
        return result

    def deref(self, node: Node) -> Node:
        """The node itself, or the node its ``$ref`` points to (unchanged if unresolvable)."""
        if isinstance(node.data, dict) and "$ref" in node.data:
            try:
                target, data = self.resolve_ref(node.data["$ref"])
            except RefError:
                return node
            return Node(self.file.name, target, data)
        return node

    # -- common views ---------------------------------------------------------------
    def parameters(self, op: Operation) -> Iterator[Node]:
        """Effective parameters of an operation, resolved: path-level ones it does not override, then its own."""
        return iter(self.effective_parameters(op))

    def _path_item(self, op: Operation) -> dict[str, Any] | None:
        """The operation's path item as written: ``paths[op.path]``, at its parent pointer (looked up, not
        found again from the pointer); None when it is no object."""
        paths = self.data.get("paths")
        item = paths.get(op.path) if isinstance(paths, dict) else None
        return item if isinstance(item, dict) else None

    def _parameters(self, op: Operation) -> list[Node]:
        own = self._parameter_list(op.pointer, op.get("parameters"))
        item = self._path_item(op)
        inherited = self._parameter_list(op.path_item_pointer, item.get("parameters") if item is not None else None)
        if not inherited:
            return own
        keys = {_param_key(n.data) for n in own}
        return [n for n in inherited if _param_key(n.data) not in keys] + own

    def _parameter_list(self, owner: str, value: Any) -> list[Node]:
        """The ``parameters`` list of the object at ``owner``, each entry resolved (no ``Node`` per step on the way)."""
        if not isinstance(value, list):
            return []
        name, deref = self.file.name, self.deref
        return [deref(Node(name, f"{owner}/parameters/{i}", v)) for i, v in enumerate(value)]

    def notification_content(self, op: Operation) -> Node | None:
        """The ``x-ms-notification-content`` of a webhook trigger: the operation's own, else its path item's."""
        content = op.child("x-ms-notification-content")
        if content is None:
            item = self._path_item(op)
            if item is not None and "x-ms-notification-content" in item:
                content = Node(self.file.name, op.path_item_pointer + "/x-ms-notification-content", item["x-ms-notification-content"])
        return content

    def effective_parameters(self, op: Operation) -> list[Node]:
        """``parameters(op)`` as a list, built once per operation (rules that look up many operations share it)."""
        cache: dict[str, list[Node]] = self.__dict__.setdefault("_effective_parameters", {})
        hit = cache.get(op.pointer)
        if hit is None:
            hit = cache[op.pointer] = self._parameters(op)
        return hit

    def parameters_in(self, op: Operation) -> dict[str, list[Node]]:
        """``effective_parameters(op)`` by their ``in`` when it is a string, in order (shared: do not
        change it). Grouped once per operation for the rules that each want one place: path, body, form."""
        cache: dict[str, dict[str, list[Node]]] = self.__dict__.setdefault("_parameters_in", {})
        hit = cache.get(op.pointer)
        if hit is None:
            hit = cache[op.pointer] = {}
            for p in self.effective_parameters(op):
                data = p.data
                if type(data) is dict:
                    where = data.get("in")
                    if type(where) is str:
                        hit.setdefault(where, []).append(p)
        return hit

    def body_parameter(self, op: Operation) -> Node | None:
        """The first effective ``in: body`` parameter, resolved."""
        return next((p for p in self.parameters(op) if p.get("in") == "body"), None)

    def success_responses(self, op: Operation) -> Iterator[tuple[str, Node]]:
        """``(code, resolved response)`` for each 2xx response, in code order."""
        for code, node in sorted(op.entries("responses")):
            if code.startswith("2"):
                yield code, self.deref(node)

    def consumes(self, op: Operation) -> list[str]:
        """The media types ``op`` consumes, as written (its own list, or the root's): shared, do not change it."""
        return self._media(op, "consumes")[0]

    def produces(self, op: Operation) -> list[str]:
        """The media types ``op`` produces, as written (its own list, or the root's): shared, do not change it."""
        return self._media(op, "produces")[0]

    def required_names(self, schema: Node) -> frozenset[str]:
        """The string entries of a schema's ``required``, once per schema: rules ask it for each property."""
        cache: dict[str, frozenset[str]] = self.__dict__.setdefault("_required_names", {})
        names = cache.get(schema.pointer)
        if names is None:
            names = cache[schema.pointer] = frozenset(schema.strings("required"))
        return names

    def media_types(self, op: Operation, key: str) -> frozenset[str]:
        """``consumes`` or ``produces`` of ``op`` without parameters, in lower case (``application/json``)."""
        return self._media(op, key)[1]

    def sorted_media(self, op: Operation, key: str) -> tuple[str, ...]:
        return self._media(op, key)[2]

    def _media(self, op: Operation, key: str) -> tuple[list[str], frozenset[str], tuple[str, ...]]:
        """A media-type list worked out once per list: every operation without its own shares the root's,
        and thousands of operations each going through a root list of thousands cost their product."""
        value = op.get(key, self.data.get(key))
        if not isinstance(value, list):
            return [], frozenset(), ()
        cache: dict[int, tuple[Any, list[str], frozenset[str], tuple[str, ...]]] = self.__dict__.setdefault("_media_lists", {})
        ident = id(value)
        hit = cache.get(ident)
        if hit is None:  # the list is kept beside its id, so the id stays its own
            strings = [v for v in value if isinstance(v, str)]
            hit = cache[ident] = (value, strings, frozenset(m.split(";")[0].strip().lower() for m in strings), tuple(sorted(strings)))
        return hit[1], hit[2], hit[3]


_MISSING = object()
_UNICODE_ESCAPE = re.compile(r"\\u")  # a regular expression finds it in a long text faster than ``in``


def _lookup(document: Any, pointer: str) -> Any:
    """The value at ``pointer`` or ``_MISSING`` (plain dict/list steps, no exceptions)."""
    data = document
    for token in jp.split(pointer):
        if isinstance(data, dict):
            if token not in data:
                return _MISSING
            data = data[token]
        elif isinstance(data, list):
            if not token.isdigit() or int(token) >= len(data):
                return _MISSING
            data = data[int(token)]
        else:
            return _MISSING
    return data


def _param_key(data: Any) -> tuple[str | None, str | None]:
    """(name, in) of a parameter; odd types count as missing."""
    if not isinstance(data, dict):
        return (None, None)
    name, where = data.get("name"), data.get("in")
    return (name if isinstance(name, str) else None, where if isinstance(where, str) else None)


# -- the one walk ------------------------------------------------------------------------
_POINTER = attrgetter("pointer")
_NODE_POINTER = attrgetter("node.pointer")
_NESTING = frozenset(("properties", "items", "additionalProperties", "allOf"))  # the keys a schema nests schemas under


def _token(key: str) -> str:
    """``key`` as a pointer token (``jp.escape`` without its call for the keys that need no escape: nearly all)."""
    return key if ("~" not in key and "/" not in key) else key.replace("~", "~0").replace("/", "~1")


class _Walk:
    """The walk follows plain dicts and lists; a ``Node`` is built only for what the index keeps."""

    def __init__(self, root: Node) -> None:
        self.index = SwaggerIndex()
        self.file = root.file
        self.stack: list[SchemaSite] = []  # schema sites whose nested schemas are still to be walked (iterative)

    def extensions(self, node: Node, owner: str, op: Operation | None) -> None:
        data = node.data
        for key in data:
            if key[:2] == "x-":
                where = Node(self.file, node.pointer + "/" + _token(key), data[key])
                self.index.extensions.append(ExtensionSite(key, where, owner, node, op))

    def extensions_at(self, pointer: str, data: dict[str, Any], owner: str, op: Operation | None) -> None:
        """``extensions`` of an object the index keeps no node for: its node is built only when it has an ``x-`` key."""
        for key in data:
            if key[:2] == "x-":
                self.extensions(Node(self.file, pointer, data), owner, op)
                return

    def ref(self, node: Node, context: str) -> bool:
        if "$ref" in node.data:
            self.index.refs.append(RefSite(node, node.data["$ref"], context))
            return True
        return False

    def push_schema(self, pointer: str, data: Any, role: str, op: Operation | None, name: str | None = None) -> None:
        if isinstance(data, dict):
            self.stack.append(SchemaSite(self.file, pointer, data, role, op, None, name, 0))

    def run(self, root: Node) -> SwaggerIndex:
        if not isinstance(root.data, dict):
            return self.index
        self.root(root)
        self.schemas()
        ix = self.index
        ix.schemas.sort(key=_POINTER)
        self.keywords()
        ix.extensions.sort(key=_NODE_POINTER)
        ix.refs.sort(key=_NODE_POINTER)
        return ix

    def root(self, root: Node) -> None:
        file, data = self.file, root.data
        self.extensions(root, "root", None)
        info = data.get("info")
        if isinstance(info, dict):
            self.extensions_at("/info", info, "info", None)
            for part in ("contact", "license"):
                sub = info.get(part)
                if isinstance(sub, dict):
                    self.extensions_at("/info/" + part, sub, "info", None)
        tags = data.get("tags")
        if isinstance(tags, list):
            for i, tag in enumerate(tags):
                if isinstance(tag, dict):
                    self.extensions_at(f"/tags/{i}", tag, "tag", None)
        paths = data.get("paths")
        if isinstance(paths, dict):
            paths_node = Node(file, "/paths", paths)
            for path, item in paths.items():
                if path.startswith("x-"):
                    self.index.extensions.append(ExtensionSite(path, Node(file, "/paths/" + _token(path), item), "paths", paths_node))
                elif isinstance(item, dict):
                    self.path_item(path, Node(file, "/paths/" + _token(path), item))
        definitions = data.get("definitions")
        if isinstance(definitions, dict):
            for name, definition in definitions.items():
                self.push_schema("/definitions/" + _token(name), definition, "definition", None, name)
        parameters = data.get("parameters")
        if isinstance(parameters, dict):
            for name, param in parameters.items():
                self.parameter(Node(file, "/parameters/" + _token(name), param), "shared", None, None)
        responses = data.get("responses")
        if isinstance(responses, dict):
            for code, response in responses.items():
                self.response(Node(file, "/responses/" + _token(code), response), code, None)
        schemes = data.get("securityDefinitions")
        if isinstance(schemes, dict):
            for name, definition in schemes.items():
                node = Node(file, "/securityDefinitions/" + _token(name), definition)
                self.index.security_definitions.append(SecurityDefinition(name, node))
                if isinstance(definition, dict):
                    self.extensions(node, "security-definition", None)
        security = data.get("security")
        if isinstance(security, list):
            for i, requirement in enumerate(security):
                self.index.security_requirements.append(SecurityRequirement(Node(file, f"/security/{i}", requirement), None))

    def path_item(self, path: str, item: Node) -> None:
        file, data, pointer = self.file, item.data, item.pointer
        self.extensions(item, "path-item", None)
        self.ref(item, "path-item")
        params = data.get("parameters")
        if isinstance(params, list):
            for i, param in enumerate(params):
                self.parameter(Node(file, f"{pointer}/parameters/{i}", param), "path", None, path)
        content = data.get("x-ms-notification-content")
        if isinstance(content, dict):
            self.push_schema(pointer + "/x-ms-notification-content/schema", content.get("schema"), "notification", None)
        for method in METHODS:
            value = data.get(method)
            if isinstance(value, dict):
                self.operation(Operation(file, pointer + "/" + method, value, path, method))

    def operation(self, op: Operation) -> None:
        file, data, pointer = self.file, op.data, op.pointer
        self.index.operations.append(op)
        self.extensions(op, "operation", op)
        params = data.get("parameters")
        if isinstance(params, list):
            for i, param in enumerate(params):
                self.parameter(Node(file, f"{pointer}/parameters/{i}", param), "operation", op, op.path)
        responses = data.get("responses")
        if isinstance(responses, dict):
            for code, response in responses.items():
                if not code.startswith("x-"):
                    self.response(Node(file, pointer + "/responses/" + _token(code), response), code, op)
        security = data.get("security")
        if isinstance(security, list):
            for i, requirement in enumerate(security):
                self.index.security_requirements.append(SecurityRequirement(Node(file, f"{pointer}/security/{i}", requirement), op))
        content = data.get("x-ms-notification-content")
        if isinstance(content, dict):
            self.push_schema(pointer + "/x-ms-notification-content/schema", content.get("schema"), "notification", op)

    def parameter(self, param: Node, scope: str, op: Operation | None, path: str | None) -> None:
        self.index.parameters.append(ParameterSite(param, scope, op, path))
        data = param.data
        if not isinstance(data, dict):
            return
        self.extensions(param, "parameter", op)
        if self.ref(param, "parameter"):
            return
        if data.get("in") == "body":
            self.push_schema(param.pointer + "/schema", data.get("schema"), "body", op)
        else:
            self.push_schema(param.pointer + "/items", data.get("items"), "parameter-items", op)

    def response(self, response: Node, code: str, op: Operation | None) -> None:
        self.index.responses.append(ResponseSite(response, code, op))
        data = response.data
        if not isinstance(data, dict):
            return
        self.extensions(response, "response", op)
        if self.ref(response, "response"):
            return
        self.push_schema(response.pointer + "/schema", data.get("schema"), "response", op)
        headers = data.get("headers")
        if isinstance(headers, dict):
            for name, header in headers.items():
                if isinstance(header, dict):
                    self.extensions_at(response.pointer + "/headers/" + _token(name), header, "header", op)

    def schemas(self) -> None:
        """Every schema on the stack and below it: the hot loop of the walk (one pass, no call per schema).

        A schema's own keys are not looped over here: ``keywords`` does that once, after the sort,
        for the keyword index and the schemas' extensions together.
        """
        stack, file = self.stack, self.file
        push, pop = stack.append, stack.pop
        schemas, refs, leaf = self.index.schemas.append, self.index.refs.append, _NESTING.isdisjoint
        while stack:
            site = pop()
            schemas(site)
            data = site.data
            if "$ref" in data:
                refs(RefSite(site, data["$ref"], "schema"))
                continue
            if leaf(data):  # most schemas nest none
                continue
            pointer, op, below = site.pointer, site.operation, site.depth + 1
            props = data.get("properties")
            if isinstance(props, dict):
                base = pointer + "/properties/"
                for key, value in props.items():
                    if isinstance(value, dict):
                        token = key if ("~" not in key and "/" not in key) else key.replace("~", "~0").replace("/", "~1")
                        push(SchemaSite(file, base + token, value, "property", op, site, key, below))
            items = data.get("items")
            if isinstance(items, dict):
                push(SchemaSite(file, pointer + "/items", items, "items", op, site, None, below))
            elif isinstance(items, list):
                for i, value in enumerate(items):
                    if isinstance(value, dict):
                        push(SchemaSite(file, f"{pointer}/items/{i}", value, "items", op, site, None, below))
            extra = data.get("additionalProperties")
            if isinstance(extra, dict):
                push(SchemaSite(file, pointer + "/additionalProperties", extra, "additional-properties", op, site, None, below))
            parts = data.get("allOf")
            if isinstance(parts, list):
                for i, value in enumerate(parts):
                    if isinstance(value, dict):
                        push(SchemaSite(file, f"{pointer}/allOf/{i}", value, "all-of", op, site, None, below))

    def keywords(self) -> None:
        """Schema sites (in index order), then parameter objects as written, by the keys they hold, in one
        pass over their keys; the schemas' ``x-`` keys are their extension sites."""
        grouped: defaultdict[str, list[Node]] = defaultdict(list)
        nodes = chain(self.index.schemas, (p.node for p in self.index.parameters if isinstance(p.node.data, dict)))
        for node in nodes:
            for key in node.data:
                grouped[key].append(node)
        out = dict(grouped)  # a plain dict: a look-up of an absent key must not add it
        file, extensions = self.file, self.index.extensions.append
        for key, bucket in out.items():
            if key[:2] == "x-":
                token = _token(key)
                for site in bucket:
                    if isinstance(site, SchemaSite):  # the parameters' own are listed by ``parameter``
                        where = Node(file, site.pointer + "/" + token, site.data[key])
                        extensions(ExtensionSite(key, where, "schema", site, site.operation, site))
        self.index.keywords = out
        types: defaultdict[str, list[Node]] = defaultdict(list)
        for node in out.get("type", ()):
            kind = node.data["type"]
            if isinstance(kind, str):
                types[kind].append(node)
        self.index.types = dict(types)


def _build_index(root: Node) -> SwaggerIndex:
    return _Walk(root).run(root)
