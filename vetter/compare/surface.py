"""What a flow sees of a connector: its *surface*, with every ``$ref`` resolved.

A flow binds to operations by ``operationId``, to inputs by parameter name or
body property path, and to outputs by response property path. ``surface()``
reduces a swagger to exactly that, through the model's views: operations from
``swagger.operations()``, the *effective* parameters of each (path-level and
shared ``#/parameters`` included) from ``swagger.parameters(op)``, success
responses from ``swagger.success_responses(op)``, and schemas walked with the
``Node`` accessors, each ``$ref`` followed through ``swagger.resolve_ref``
(memoised: each reference string is resolved once per document).

Each element keeps the node where it is really defined (so a change is
reported on the right line) and the attributes that change behaviour (type,
format, enum, required, visibility, default, constraints, location).
Summaries, descriptions and ``x-ms-summary`` are left out on purpose: editing
them breaks nothing. Because references are resolved first, moving a schema
into ``definitions`` or reordering keys changes nothing in the surface.

Recursive models: along one path a model is expanded once; where it refers to
itself again the field is still recorded (``cut``: its type and pointer, not
its children). So every model's own properties are compared once, the
self-referring property itself included, and the walk always ends.

The surface also records which operations depend on which (``links``,
``dependants(key)``): dynamic values, schema, list, tree and properties
sources, a webhook trigger's delete operation, and ``x-ms-notification`` links.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

from msgspec import Struct, field

from vetter.model.swagger import Node, Operation, RefError, Swagger

MAX_DEPTH = 16  # deeper schemas are rare and unreadable in the designer
MAX_FIELDS = 4000  # per operation side; bounds pathological documents
MAX_MERGED = 100_000  # allOf parts merged per document: each target once per schema, counted here

# Attributes of a field that matter to a flow; everything else is documentation.
CONSTRAINTS = ("maxLength", "minLength", "maximum", "minimum", "exclusiveMaximum", "exclusiveMinimum", "pattern", "maxItems", "minItems")
# Extensions through which one operation calls another, and where their operationId sits.
DYNAMIC = ("x-ms-dynamic-values", "x-ms-dynamic-schema", "x-ms-dynamic-list", "x-ms-dynamic-properties", "x-ms-dynamic-tree")
_DYNAMIC = frozenset(DYNAMIC)


class Field(Struct):
    path: str  # "status", "body.items[].name", "response.id", "response" (the root)
    node: Node  # where it is defined, after $ref resolution
    data: dict[str, Any]  # the schema or parameter as read (allOf parts merged)
    required: bool
    location: str | None = None  # "query", "header", "path", "formData", "body"
    name: str | None = None  # the parameter's name (for the body root: the body parameter's name)
    cut: bool = False  # a recursive model met again: recorded, not expanded

    @property
    def pointer(self) -> str:
        return self.node.pointer

    def get(self, key: str) -> Any:
        return self.data.get(key)

    @property
    def type(self) -> Any:
        value = self.data.get("type")
        if value is None and ("properties" in self.data or "allOf" in self.data):
            return "object"
        return value

    @property
    def visibility(self) -> str | None:
        """``important``, ``advanced`` or ``internal``; ``none`` and odd values read as None (the default)."""
        value = self.data.get("x-ms-visibility")
        return value if value in ("important", "advanced", "internal") else None

    @property
    def format(self) -> str | None:
        value = self.data.get("format")
        return value if isinstance(value, str) and value else None  # "" declares nothing

    @property
    def empty(self) -> bool:
        """A schema that declares nothing to bind to (``{}``, or an object without properties)."""
        return self.type in (None, "object") and not self.data.get("properties") and "items" not in self.data

    @property
    def open(self) -> bool:
        """An object whose members the designer asks for at design time (x-ms-dynamic-schema / -properties):
        a static property missing from it is no removal. ``additionalProperties`` does not count: it
        promises nothing about a named field a flow reads."""
        return "x-ms-dynamic-schema" in self.data or "x-ms-dynamic-properties" in self.data

    @property
    def enum(self) -> list[Any] | None:
        value = self.data.get("enum")
        return value if isinstance(value, list) else None

    @property
    def collection_format(self) -> str | None:
        """How an array parameter is sent (Swagger's default is csv); None for other fields."""
        if self.location in (None, "body") or self.data.get("type") != "array":
            return None
        value = self.data.get("collectionFormat")
        return value if isinstance(value, str) else "csv"


class Dependency(Struct, frozen=True, order=True):
    operation: str  # the dependant's key
    via: str  # the extension or link ("x-ms-dynamic-values", "webhook delete", "x-ms-notification")
    where: str  # the input or output path that holds it, or "" for operation-level links


class OperationSurface(Struct):
    op: Operation
    key: str  # operationId, or "METHOD path" when it has none
    inputs: dict[str, Field] = field(default_factory=dict)
    outputs: dict[str, Field] = field(default_factory=dict)
    notification: dict[str, Field] = field(default_factory=dict)
    headers: dict[str, Field] = field(default_factory=dict)  # the success response's headers by lower-cased name
    success_codes: tuple[str, ...] = ()
    responses: tuple[str, ...] = ()  # every response key (status code or default) as written
    body: Node | None = None  # the effective body parameter, resolved
    consumes: tuple[str, ...] = ()
    produces: tuple[str, ...] = ()
    limits: tuple[str, ...] = ()  # what was not flattened (a depth, field or merge limit), in words

    @property
    def deprecated(self) -> bool:
        return self.op.deprecated

    @property
    def visibility(self) -> str | None:
        value = self.op.visibility
        return value if value in ("important", "advanced", "internal") else None

    @property
    def internal(self) -> bool:
        return self.visibility == "internal"

    @property
    def trigger(self) -> str | None:
        return self.op.string("x-ms-trigger")

    @property
    def webhook(self) -> bool:
        """A trigger that subscribes a callback (x-ms-notification-content or an x-ms-notification-url input)."""
        return bool(self.notification) or any(f.data.get("x-ms-notification-url") in (True, "true") for f in self.inputs.values())

    @property
    def trigger_kind(self) -> str | None:
        """``webhook`` or ``polling`` for triggers, None for actions."""
        if self.trigger is None:
            return None
        return "webhook" if self.webhook else "polling"


class Surface(Struct, dict=True):
    swagger: Swagger
    operations: dict[str, OperationSurface]

    @cached_property
    def links(self) -> dict[str, frozenset[Dependency]]:
        """operationId -> the operations that call it, including links to operations this version lacks."""
        return _links(self.operations)

    def dependants(self, key: str) -> list[Dependency]:
        """The operations of this version that call operation ``key`` (which must exist here)."""
        return sorted(self.links.get(key, ()), key=lambda d: (d.operation, d.via, d.where)) if key in self.operations else []


def surface(swagger: Swagger) -> Surface:
    ops: dict[str, OperationSurface] = {}
    walker = _Walker(swagger)  # one per document: a schema shared by many operations is flattened once
    for op in swagger.operations():
        if op.id in ops:  # a duplicate operationId: keep the first, the validator rejects the rest
            continue
        ops[op.id] = _operation(swagger, walker, op)
        walker.used.clear()
    return Surface(swagger, ops)


def _operation(swagger: Swagger, walker: _Walker, op: Operation) -> OperationSurface:
    out = OperationSurface(op, op.id)
    for param in swagger.parameters(op):
        if not param.is_object:
            continue
        where = param.string("in")
        name = param.string("name")
        if where == "body":
            schema = param.child("schema")
            out.body = out.body or param
            if schema is not None:
                inputs = out.inputs
                for path, f in walker.fields(schema, "body", param.get("required") is True, "body", name).items():
                    if len(inputs) >= MAX_FIELDS:
                        walker.used.add(f"the inputs past the first {MAX_FIELDS} fields")
                        break
                    inputs[path] = f
        elif name is not None:
            out.inputs[name] = Field(name, param, param.data, param.get("required") is True, where, name)
    out.success_codes = tuple(code for code, _ in swagger.success_responses(op))
    chosen = next((r for _, r in swagger.success_responses(op)), None)
    if chosen is None:
        default = op.child("responses", "default")
        chosen = swagger.deref(default) if default is not None else None
    schema = chosen.child("schema") if chosen is not None else None
    if schema is not None:
        out.outputs = walker.fields(schema, "response", True)
    out.responses = tuple(code for code, _ in op.entries("responses") if not code.startswith("x-"))
    for name, header in chosen.entries("headers") if chosen is not None else ():
        if header.is_object:
            out.headers.setdefault(name.lower(), Field(name, header, header.data, True, "header", name))
    item = swagger.node(op.path_item_pointer)
    for holder in (op, item):
        content = holder.child("x-ms-notification-content", "schema") if holder is not None else None
        if content is not None:
            out.notification = walker.fields(content, "notification", True)
            break
    out.consumes = swagger.sorted_media(op, "consumes")
    out.produces = swagger.sorted_media(op, "produces")
    out.limits = tuple(sorted(walker.used))
    return out


def _links(ops: dict[str, OperationSurface]) -> dict[str, frozenset[Dependency]]:
    """Which operations name each operationId (whether or not it exists), and each webhook trigger's delete."""
    found: dict[str, set[Dependency]] = {}

    def link(target: Any, dep: Dependency) -> None:
        if isinstance(target, str) and target and target != dep.operation:
            found.setdefault(target, set()).add(dep)

    calls: dict[int, list[tuple[str, str, Any]]] = {}  # per fields dict (outputs are shared): its dynamic calls

    def dynamic_calls(fields: dict[str, Field]) -> list[tuple[str, str, Any]]:
        found = calls.get(id(fields))
        if found is None:
            found = calls[id(fields)] = []
            for path, f in fields.items():
                for ext in _DYNAMIC.intersection(f.data):
                    value = f.data[ext]
                    if not isinstance(value, dict):
                        continue
                    if ext == "x-ms-dynamic-tree":
                        for part in ("open", "browse"):
                            sub = value.get(part)
                            if isinstance(sub, dict):
                                found.append((ext, path, sub.get("operationId")))
                    else:
                        found.append((ext, path, value.get("operationId")))
        return found

    deletes: _Deletes | None = None
    for key, surf in ops.items():
        for fields in (surf.inputs, surf.outputs):
            for ext, path, target in dynamic_calls(fields):
                link(target, Dependency(key, ext, path))
        notification = surf.op.mapping("x-ms-notification")
        if notification is not None:
            link(notification.get("operationId"), Dependency(key, "x-ms-notification", ""))
        if surf.trigger is not None and surf.webhook:
            if deletes is None:
                deletes = _Deletes(ops)
            for target in deletes.of(surf):
                link(target, Dependency(key, "webhook delete", ""))
    return {k: frozenset(v) for k, v in found.items()}


class _Deletes:
    """The delete operations of a document, indexed once for every webhook trigger that asks.

    Each trigger went through every operation with a pattern of its own: thousands of webhook
    triggers and deletes cost their product (4,000 of each: 9.4 s of ``vetter diff``)."""

    def __init__(self, ops: dict[str, OperationSurface]) -> None:
        self.under: dict[str, list[str]] = {}  # the path a delete's last placeholder hangs under -> its keys
        internal = []
        for k, o in ops.items():
            if o.op.method != "delete":
                continue
            parent = _placeholder_parent(o.op.path)
            if parent is not None:
                self.under.setdefault(parent, []).append(k)
            if o.internal:
                internal.append(k)
        self.internal = internal if len(internal) == 1 else []

    def of(self, trigger: OperationSurface) -> list[str]:
        """The delete operation the platform calls to unsubscribe a webhook trigger: ``DELETE <trigger path>/{id}``,
        else the connector's only internal delete operation."""
        return self.under.get(trigger.op.path.rstrip("/")) or self.internal


def _placeholder_parent(path: str) -> str | None:
    """``P`` when ``path`` is ``P/{name}``, with at most one ``/`` after it (and a last line break, as
    the pattern ``P/\\{[^/}]+\\}/?$`` reads it); None otherwise."""
    if path.endswith("\n"):
        path = path[:-1]
    if path.endswith("/"):
        path = path[:-1]
    cut = path.rfind("/")
    last = path[cut + 1 :]
    if cut == -1 or len(last) < 3 or last[0] != "{" or last[-1] != "}" or "}" in last[1:-1]:
        return None
    return path[:cut]


class _Walker:
    """Flattens schemas into fields by path, following each $ref through the swagger's memo.

    A schema that is a ``$ref`` (a response or body typed by a shared model, the usual case) is
    flattened once per document: every operation that uses it gets the same fields (the same
    dict, which the surface treats as read-only), so a model shared by n operations costs its
    size once, not n times, and the comparison can compare it once too (``classify``).
    """

    def __init__(self, swagger: Swagger) -> None:
        self.swagger = swagger
        self._shared: dict[tuple[str, str, bool, str | None, str | None], dict[str, Field]] = {}
        self.merged = 0  # allOf parts merged in this document (MAX_MERGED)
        self._limits: dict[int, set[str]] = {}  # per fields dict: the limits its walk stopped at
        self.used: set[str] = set()  # the limits met by the operation being flattened
        self._into: dict[str, Field] = {}  # the fields dict being filled (its limits are recorded on it)

    def _cut(self, into: dict[str, Field], what: str) -> None:
        self._limits.setdefault(id(into), set()).add(what)

    def fields(self, node: Node, path: str, required: bool, location: str | None = None, name: str | None = None) -> dict[str, Field]:
        """The fields of the schema at ``node`` by path; shared between callers when the schema is a ``$ref``."""
        ref = node.data.get("$ref") if isinstance(node.data, dict) else None
        if not isinstance(ref, str):
            into: dict[str, Field] = {}
            self.schema(node, path, required, into, location, name)
            self.used.update(self._limits.pop(id(into), ()))
            return into
        key = (ref, path, required, location, name)
        shared = self._shared.get(key)
        if shared is None:  # the walk from a $ref depends on its target alone: where it is used changes nothing
            shared = self._shared[key] = {}
            self.schema(node, path, required, shared, location, name)
        self.used.update(self._limits.get(id(shared), ()))
        return shared

    def schema(self, node: Node, path: str, required: bool, into: dict[str, Field], location: str | None = None, name: str | None = None) -> None:
        # an explicit stack keeps deep documents off the Python stack; children are visited in document order
        work: list[tuple[Node, str, bool, tuple[str, ...], int, str | None]] = [(node, path, required, (), 0, name)]
        self._into = into
        resolve = self.swagger.resolve_ref
        while work:
            node, path, required, seen, depth, name = work.pop()
            data = node.data
            if not isinstance(data, dict):
                continue
            if len(into) >= MAX_FIELDS:
                self._cut(into, f"the fields past the first {MAX_FIELDS} of '{path.split('.', 1)[0].split('[', 1)[0]}'")
                continue
            if depth > MAX_DEPTH:
                self._cut(into, f"what is nested deeper than {MAX_DEPTH} levels, from '{_short(path)}'")
                continue
            if "$ref" in data:
                try:
                    target, data = resolve(data["$ref"])
                except RefError:
                    continue  # reported by the SWG rules; nothing to compare here
                if not isinstance(data, dict):
                    continue
                node = Node(node.file, target, data)
                if target in seen:  # the model refers to itself: record the field, do not expand it again
                    into[path] = Field(path, node, data, required, location, name, cut=True)
                    continue
                seen = (*seen, target)
            data, props = self._shape(node, seen)
            into[path] = Field(path, node, data, required, location, name)
            below = depth + 1
            children = []
            if props:
                listed = data.get("required")
                req = {r for r in listed if isinstance(r, str)} if isinstance(listed, list) else set()
                children = [(child, f"{path}.{key}", key in req, seen, below, None) for key, child in props]
            items = data.get("items")
            if isinstance(items, dict):
                pointer = node.pointer + "/items" if node.data.get("items") is items else _origin(node, items)
                children.append((Node(node.file, pointer, items), f"{path}[]", False, seen, below, None))
            if children:
                work.extend(reversed(children))

    def _shape(self, node: Node, seen: tuple[str, ...]) -> tuple[dict[str, Any], list[tuple[str, Node]]]:
        """The schema's attributes and its properties as nodes at their real pointers, with ``allOf`` parts merged."""
        data = node.data
        if "allOf" not in data:
            own = data.get("properties")
            if not isinstance(own, dict) or not own:
                return data, []
            base, file = node.pointer + "/properties/", node.file
            return data, [(key, Node(file, base + (_escape(key) if ("~" in key or "/" in key) else key), value)) for key, value in own.items()]
        merged: dict[str, Any] = {k: v for k, v in node.data.items() if k != "allOf"}
        props: dict[str, Node] = dict(node.entries("properties"))
        required = list(node.strings("required"))
        listed = set(required)
        # Each target is merged once per schema: a second visit adds nothing (properties and keys keep
        # their first value, required names their first place), so ``M(i) = allOf [M(i-1), M(i-1)]``
        # costs i parts, not 2^i. Targets on the walk's own path (``seen``) are left out, as before.
        done = set(seen)
        pending = list(node.items("allOf"))[::-1]
        while pending:
            part = pending.pop()
            if self.merged >= MAX_MERGED:
                self._cut(self._into, f"the allOf parts past the first {MAX_MERGED} of the document")
                break
            self.merged += 1
            if part.has("$ref"):
                try:
                    target, data = self.swagger.resolve_ref(part.get("$ref"))
                except RefError:
                    continue
                if target in done or not isinstance(data, dict):
                    continue
                done.add(target)
                part = Node(part.file, target, data)
            if not part.is_object:
                continue
            for key, child in part.entries("properties"):
                props.setdefault(key, child)
            for r in part.strings("required"):
                if r not in listed:
                    listed.add(r)
                    required.append(r)
            for key in ("type", "format", "items", "additionalProperties", "x-ms-dynamic-schema", "x-ms-dynamic-properties"):
                if key in part.data and key not in merged:
                    merged[key] = part.data[key]
            pending.extend(list(part.items("allOf"))[::-1])
        merged["properties"] = {k: n.data for k, n in props.items()}
        if required:
            merged["required"] = required
        return merged, list(props.items())


def _short(path: str) -> str:
    """A field path for a message: its start and end when it is long (keys are the publisher's)."""
    return path if len(path) <= 120 else f"{path[:60]}...{path[-57:]}"


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def _origin(node: Node, items: dict[str, Any]) -> str:
    """The pointer of an ``items`` schema that came from an ``allOf`` part (for the report's line)."""
    for part in node.items("allOf"):
        if part.get("items") is items:
            return part.pointer + "/items"
    return node.pointer + "/items"
