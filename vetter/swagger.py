"""Views over a Swagger 2.0 document: the ``given`` part of every rule.

The document is walked at most once for each view (operations, ``$ref``
sites), and only when a rule asks for it; each ``$ref`` is resolved once and
cached. Views hand rules the data *and*
its pointer, so findings point at the real definition, never at an inlined
copy, and no rule builds a pointer by hand.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from vetter import pointer as jp
from vetter.jsonfile import JsonFile
from vetter.rule import Location

METHODS = ("get", "put", "post", "delete", "options", "head", "patch")


@dataclass(frozen=True)
class Node:
    """A JSON value with its place in a file."""

    file: str
    pointer: str
    data: Any

    @property
    def loc(self) -> Location:
        return Location(self.file, self.pointer)

    def at(self, *keys: str | int) -> Location:
        return Location(self.file, jp.join(self.pointer, *keys))

    def child(self, *keys: str | int) -> Node | None:
        """The node at ``keys`` below this one, or None when any step is missing."""
        data = self.data
        for key in keys:
            if isinstance(data, dict) and isinstance(key, str) and key in data:
                data = data[key]
            elif isinstance(data, list) and str(key).isdigit() and int(key) < len(data):
                data = data[int(key)]
            else:
                return None
        return Node(self.file, jp.join(self.pointer, *keys), data)


@dataclass(frozen=True)
class Operation(Node):
    path: str
    method: str

    @property
    def id(self) -> str:
        op_id = self.data.get("operationId") if isinstance(self.data, dict) else None
        return op_id if isinstance(op_id, str) else f"{self.method.upper()} {self.path}"


@dataclass(frozen=True)
class RefSite:
    """A ``$ref`` in the document: where it is and what it says."""

    pointer: str  # pointer of the object holding "$ref"
    ref: Any


class RefError(Exception):
    def __init__(self, kind: str, message: str, chain: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.kind = kind  # external | malformed | unresolvable | cycle
        self.chain = chain  # pointers visited, for cycles


class Swagger:
    """Read-only views over one parsed swagger file."""

    def __init__(self, file: JsonFile) -> None:
        self.file = file
        self.data: dict[str, Any] = file.data
        self._resolved: dict[str, tuple[str, Any]] = {}

    def loc(self, pointer: str) -> Location:
        return Location(self.file.name, pointer)

    def node(self, pointer: str) -> Node | None:
        try:
            tokens = jp.split(pointer)
        except ValueError:
            return None
        return Node(self.file.name, "", self.data).child(*tokens)

    # -- walks, each done once and only when asked for -----------------------------
    @cached_property
    def _operations(self) -> list[Operation]:
        operations: list[Operation] = []
        paths = self.data.get("paths")
        if isinstance(paths, dict):
            for path, item in paths.items():
                if not isinstance(item, dict):
                    continue
                for method in METHODS:
                    op = item.get(method)
                    if isinstance(op, dict):
                        operations.append(Operation(self.file.name, jp.join("/paths", path, method), op, path, method))
        return operations

    @cached_property
    def _refs(self) -> list[RefSite]:
        refs: list[RefSite] = []
        # iterative walk: deep documents must not exhaust the Python stack
        stack: list[tuple[Any, str]] = [(self.data, "")]
        while stack:
            node, where = stack.pop()
            if isinstance(node, dict):
                if "$ref" in node:
                    refs.append(RefSite(where, node["$ref"]))
                for k, v in node.items():
                    if isinstance(v, (dict, list)):
                        stack.append((v, where + "/" + jp.escape(k)))
            else:
                for i, v in enumerate(node):
                    if isinstance(v, (dict, list)):
                        stack.append((v, f"{where}/{i}"))
        refs.sort(key=lambda r: r.pointer)
        return refs

    def operations(self) -> list[Operation]:
        return self._operations

    def refs(self) -> list[RefSite]:
        return self._refs

    # -- $ref ------------------------------------------------------------------
    def resolve_ref(self, ref: Any) -> tuple[str, Any]:
        """Follow a ``$ref`` (and any chain of refs) to ``(pointer, data)``.

        Raises ``RefError`` for external, malformed, unresolvable or cyclic
        references. Results are cached per reference string.
        """
        if not isinstance(ref, str):
            raise RefError("malformed", f"$ref must be a string, not {type(ref).__name__}")
        hit = self._resolved.get(ref)
        if hit is not None:
            return hit
        seen: list[str] = []
        current = ref
        while True:
            if not current.startswith("#"):
                raise RefError("external", f"'{current}' points outside this file")
            target = current[1:]
            if target and not target.startswith("/"):
                raise RefError("malformed", f"'{current}' is not a JSON pointer")
            if target in seen:
                chain = " -> ".join(["#" + s for s in seen] + [current])
                raise RefError("cycle", f"$ref chain never ends: {chain}", tuple(seen))
            seen.append(target)
            try:
                data = jp.resolve(self.data, target)
            except LookupError:
                raise RefError("unresolvable", f"'{current}' does not exist in this file") from None
            if isinstance(data, dict) and "$ref" in data:
                current = data["$ref"]
                if not isinstance(current, str):
                    raise RefError("malformed", f"$ref at '#{target}' is not a string")
                continue
            self._resolved[ref] = (target, data)
            return target, data

    def deref(self, node: Node) -> Node:
        """The node itself, or the node its ``$ref`` points to (unchanged if unresolvable)."""
        if isinstance(node.data, dict) and "$ref" in node.data:
            try:
                target, data = self.resolve_ref(node.data["$ref"])
            except RefError:
                return node
            return Node(self.file.name, target, data)
        return node

    # -- common views ------------------------------------------------------------
    def parameters(self, op: Operation) -> Iterator[Node]:
        """Effective parameters of an operation: path-level ones it does not override, then its own."""
        own = [self.deref(n) for n in _items(op.child("parameters"))]
        item = self.node(jp.parent(op.pointer))
        inherited = [self.deref(n) for n in _items(item.child("parameters") if item else None)]
        keys = {_param_key(n.data) for n in own}
        yield from (n for n in inherited if _param_key(n.data) not in keys)
        yield from own


def _items(node: Node | None) -> Iterator[Node]:
    if node is not None and isinstance(node.data, list):
        for i, value in enumerate(node.data):
            yield Node(node.file, jp.join(node.pointer, i), value)


def _param_key(data: Any) -> tuple[str | None, str | None]:
    """(name, in) of a parameter; odd types count as missing."""
    if not isinstance(data, dict):
        return (None, None)
    name, where = data.get("name"), data.get("in")
    return (name if isinstance(name, str) else None, where if isinstance(where, str) else None)
