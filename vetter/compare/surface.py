"""What a flow sees of a connector: its *surface*, with every ``$ref`` resolved.

A flow binds to operations by ``operationId``, to inputs by parameter name or
body property path, and to outputs by response property path. ``surface()``
walks a swagger once into exactly that, keeping for each element the pointer
where it is really defined (so a change is reported on the right line) and
only the attributes that change behaviour (type, format, enum, required,
visibility, constraints, location). Summaries, descriptions and ``x-ms-summary``
are left out on purpose: editing them breaks nothing. Because references are
resolved first, moving a schema into ``definitions`` or reordering keys
changes nothing in the surface, so it produces no change.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from vetter import pointer as jp
from vetter.swagger import Node, Operation, RefError, Swagger

MAX_DEPTH = 16  # deeper schemas are rare and unreadable in the designer
MAX_FIELDS = 4000  # per operation side; bounds pathological documents

# Attributes of a field that matter to a flow; everything else is documentation.
CONSTRAINTS = ("maxLength", "minLength", "maximum", "minimum", "exclusiveMaximum", "exclusiveMinimum", "pattern", "maxItems", "minItems")


@dataclass(frozen=True)
class Field:
    path: str  # "status", "body.items[].name", "response.id", "response" (the root)
    pointer: str  # where it is defined, after $ref resolution
    data: dict[str, Any]  # the resolved parameter or schema object
    required: bool
    location: str | None = None  # "query", "header", "path", "formData", "body"

    def get(self, key: str) -> Any:
        return self.data.get(key)

    @property
    def type(self) -> Any:
        value = self.data.get("type")
        if value is None and "properties" in self.data:
            return "object"
        return value

    @property
    def visibility(self) -> str | None:
        value = self.data.get("x-ms-visibility")
        return value if isinstance(value, str) else None

    @property
    def format(self) -> str | None:
        value = self.data.get("format")
        return value if isinstance(value, str) and value else None  # "" declares nothing

    @property
    def empty(self) -> bool:
        """A schema that declares nothing to bind to (``{}``, or an object without properties)."""
        return self.type in (None, "object") and not self.data.get("properties") and "items" not in self.data

    @property
    def enum(self) -> list[Any] | None:
        value = self.data.get("enum")
        return value if isinstance(value, list) else None


@dataclass
class OperationSurface:
    op: Operation
    key: str  # operationId, or "METHOD path" when it has none
    inputs: dict[str, Field] = field(default_factory=dict)
    outputs: dict[str, Field] = field(default_factory=dict)
    notification: dict[str, Field] = field(default_factory=dict)
    success_codes: tuple[str, ...] = ()
    consumes: tuple[str, ...] = ()
    produces: tuple[str, ...] = ()

    @property
    def deprecated(self) -> bool:
        return self.op.data.get("deprecated") is True

    @property
    def internal(self) -> bool:
        return self.op.data.get("x-ms-visibility") == "internal"

    @property
    def trigger(self) -> str | None:
        value = self.op.data.get("x-ms-trigger")
        return value if isinstance(value, str) else None

    @property
    def trigger_kind(self) -> str | None:
        """``webhook`` or ``polling`` for triggers, None for actions."""
        if self.trigger is None:
            return None
        return "webhook" if self.notification or _has_notification_url(self.op.data) else "polling"


@dataclass
class Surface:
    swagger: Swagger
    operations: dict[str, OperationSurface]


def surface(swagger: Swagger) -> Surface:
    ops: dict[str, OperationSurface] = {}
    for op in swagger.operations():
        key = op.data.get("operationId")
        key = key if isinstance(key, str) and key else f"{op.method.upper()} {op.path}"
        if key in ops:  # a duplicate operationId: keep the first, the validator rejects the rest
            continue
        ops[key] = _operation(swagger, op, key)
    return Surface(swagger, ops)


def _operation(swagger: Swagger, op: Operation, key: str) -> OperationSurface:
    out = OperationSurface(op, key)
    walker = _Walker(swagger)
    for param in swagger.parameters(op):
        data = param.data
        if not isinstance(data, dict):
            continue
        where = data.get("in")
        if where == "body":
            schema = Node(param.file, jp.join(param.pointer, "schema"), data.get("schema"))
            walker.schema(schema, "body", data.get("required") is True, out.inputs, "body")
        elif isinstance(data.get("name"), str):
            name = data["name"]
            out.inputs[name] = Field(name, param.pointer, data, data.get("required") is True, where if isinstance(where, str) else None)
    responses = op.child("responses")
    codes = sorted(k for k in (responses.data if responses and isinstance(responses.data, dict) else {}) if str(k).startswith("2"))
    out.success_codes = tuple(codes)
    chosen = codes[0] if codes else ("default" if responses and isinstance(responses.data, dict) and "default" in responses.data else None)
    if chosen is not None and responses is not None:
        response = swagger.deref(Node(responses.file, jp.join(responses.pointer, chosen), responses.data[chosen]))
        if isinstance(response.data, dict) and "schema" in response.data:
            walker.schema(Node(response.file, jp.join(response.pointer, "schema"), response.data["schema"]), "response", True, out.outputs)
    item = swagger.node(jp.parent(op.pointer))
    for holder in (op, item):
        content = holder.child("x-ms-notification-content") if holder is not None else None
        if content is not None and isinstance(content.data, dict) and "schema" in content.data:
            walker.schema(Node(content.file, jp.join(content.pointer, "schema"), content.data["schema"]), "notification", True, out.notification)
            break
    out.consumes = _media(swagger, op, "consumes")
    out.produces = _media(swagger, op, "produces")
    return out


def _media(swagger: Swagger, op: Operation, key: str) -> tuple[str, ...]:
    value = op.data.get(key, swagger.data.get(key))
    return tuple(sorted(v for v in value if isinstance(v, str))) if isinstance(value, list) else ()


def _has_notification_url(data: Any) -> bool:
    stack = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if node.get("x-ms-notification-url") in (True, "true"):
                return True
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return False


class _Walker:
    """Flattens schemas into fields, resolving each $ref through the swagger's cache."""

    def __init__(self, swagger: Swagger) -> None:
        self.swagger = swagger

    def schema(self, node: Node, path: str, required: bool, into: dict[str, Field], location: str | None = None) -> None:
        self._walk(node, path, required, into, location, (), 0)

    def _walk(self, node: Node, path: str, required: bool, into: dict[str, Field], location: str | None, stack: tuple[str, ...], depth: int) -> None:
        if len(into) >= MAX_FIELDS or depth > MAX_DEPTH or not isinstance(node.data, dict):
            return
        if "$ref" in node.data:
            try:
                target, data = self.swagger.resolve_ref(node.data["$ref"])
            except RefError:
                return  # reported by the SWG rules; nothing to compare here
            if target in stack:  # a recursive schema: its shape repeats from here on
                return
            stack = (*stack, target)
            node = Node(node.file, target, data)
            if not isinstance(data, dict):
                return
        data = self._merge_all_of(node.data, stack)
        into[path] = Field(path, node.pointer, data, required, location)
        props = data.get("properties")
        if isinstance(props, dict):
            listed = data.get("required")
            req: list[Any] = listed if isinstance(listed, list) else []
            base = data is node.data
            for name, value in props.items():
                pointer = jp.join(node.pointer, "properties", name) if base else _find_property_pointer(self.swagger, node, name)
                self._walk(Node(node.file, pointer, value), f"{path}.{name}", name in req, into, location, stack, depth + 1)
        items = data.get("items")
        if isinstance(items, dict):
            self._walk(Node(node.file, jp.join(node.pointer, "items"), items), f"{path}[]", False, into, location, stack, depth + 1)

    def _merge_all_of(self, data: dict[str, Any], stack: tuple[str, ...]) -> dict[str, Any]:
        """One schema from ``allOf``: properties and required lists combined."""
        parts = data.get("allOf")
        if not isinstance(parts, list):
            return data
        merged: dict[str, Any] = {k: v for k, v in data.items() if k != "allOf"}
        props = dict(merged.get("properties") or {})
        required = list(merged.get("required") or [])
        for part in parts:
            if isinstance(part, dict) and "$ref" in part:
                try:
                    target, part = self.swagger.resolve_ref(part["$ref"])
                except RefError:
                    continue
                if target in stack:
                    continue
            if not isinstance(part, dict):
                continue
            part = self._merge_all_of(part, stack)
            props.update(part.get("properties") or {})
            required.extend(r for r in part.get("required") or [] if r not in required)
            for key in ("type", "format"):
                if key in part and key not in merged:
                    merged[key] = part[key]
        merged["properties"] = props
        if required:
            merged["required"] = required
        return merged


def _find_property_pointer(swagger: Swagger, node: Node, name: str) -> str:
    """For a property that came from ``allOf``: the pointer of the part that defines it."""
    parts = node.data.get("allOf") if isinstance(node.data, dict) else None
    for i, part in enumerate(parts or []):
        if isinstance(part, dict) and "$ref" in part:
            try:
                target, data = swagger.resolve_ref(part["$ref"])
            except RefError:
                continue
            if isinstance(data, dict) and name in (data.get("properties") or {}):
                return jp.join(target, "properties", name)
        elif isinstance(part, dict) and name in (part.get("properties") or {}):
            return jp.join(node.pointer, "allOf", i, "properties", name)
    return jp.join(node.pointer, "properties", name)
