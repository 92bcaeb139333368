"""A JSON value with its place in a file, and typed, tolerant accessors.

Every view (swagger index, apiProperties, security profile) hands rules
``Node``s. A node knows its file and RFC 6901 pointer, so ``node.at("summary")``
is a ``Location`` and no rule builds a pointer by hand. The accessors return
the value when it has the expected JSON type and ``None`` otherwise, so a rule
does not re-guard every value against odd input (a number where a string
belongs, a list where an object belongs):

    op.string("operationId")     # str | None
    op.mapping("responses")      # dict | None
    op.items("parameters")       # Iterator[Node], one per list entry (empty if not a list)
    op.entries("responses")      # Iterator[tuple[str, Node]] (empty if not an object)
    op.child("responses", "200") # Node | None
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from msgspec import Struct

from vetter.base import pointer as jp
from vetter.base.rule import Location


class Node(Struct, gc=False, weakref=False):
    """A JSON value with its place in a file (read-only by convention).

    A ``msgspec.Struct``: built in C, about half the time of a class with slots and an ``__init__``
    (a scan builds close to a million nodes). ``gc=False``: the collector does not track nodes, which
    is safe because a node cannot be part of a reference cycle: its fields are strings, the JSON data
    parsed from a text (which holds no node) and, for the swagger's sites, the nodes it is nested in.
    Equality and hash are a node's own (below), not the Struct's field by field comparison.
    """

    file: str
    pointer: str
    data: Any

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.file!r}, {self.pointer!r})"

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, Node)
            and type(other) is type(self)
            and other.file == self.file
            and other.pointer == self.pointer
            and other.data is self.data
        )

    def __hash__(self) -> int:
        return hash((self.file, self.pointer))

    @property
    def loc(self) -> Location:
        return Location(self.file, self.pointer)

    def at(self, *keys: str | int) -> Location:
        if len(keys) == 1:  # the common case: one member name that needs no escape
            key = keys[0]
            if type(key) is str and "~" not in key and "/" not in key:
                return Location(self.file, self.pointer + "/" + key)
        return Location(self.file, jp.join(self.pointer, *keys))

    # -- navigation ---------------------------------------------------------------
    def child(self, *keys: str | int) -> Node | None:
        """The node at ``keys`` below this one, or None when any step is missing."""
        data = self.data
        if len(keys) == 1 and type(data) is dict:  # the common case: one member of an object
            key = keys[0]
            if type(key) is not str or key not in data:
                return None
            token = key if ("~" not in key and "/" not in key) else jp.escape(key)  # jp.join without its call
            return Node(self.file, self.pointer + "/" + token, data[key])
        for key in keys:
            if isinstance(data, dict) and isinstance(key, str) and key in data:
                data = data[key]
            elif isinstance(data, list) and isinstance(key, int) and 0 <= key < len(data):
                data = data[key]
            elif isinstance(data, list) and isinstance(key, str) and key.isdigit() and int(key) < len(data):
                data = data[int(key)]
            else:
                return None
        return Node(self.file, jp.join(self.pointer, *keys), data)

    def items(self, *keys: str | int) -> Iterator[Node]:
        """One node per entry of the list at ``keys`` (nothing when it is not a list)."""
        node = self.child(*keys) if keys else self
        if node is not None and isinstance(node.data, list):
            file, base = node.file, node.pointer + "/"
            for i, value in enumerate(node.data):
                yield Node(file, base + str(i), value)

    def entries(self, *keys: str | int) -> Iterator[tuple[str, Node]]:
        """``(key, node)`` per member of the object at ``keys`` (nothing when it is not an object)."""
        node = self.child(*keys) if keys else self
        if node is not None and isinstance(node.data, dict):
            file, base = node.file, node.pointer + "/"
            for key, value in node.data.items():  # a JSON object's keys are strings; most need no escape
                yield key, Node(file, base + (key if ("~" not in key and "/" not in key) else jp.escape(key)), value)

    # -- typed values -------------------------------------------------------------
    def get(self, key: str, default: Any = None) -> Any:
        """The raw member ``key`` of an object node (``default`` when absent or not an object)."""
        try:  # of the JSON types only an object has .get
            return self.data.get(key, default)
        except AttributeError:
            return default

    def has(self, key: str) -> bool:
        return isinstance(self.data, dict) and key in self.data

    # the typed accessors read the member as ``get`` does, without its call: rules ask them a million times a scan
    def string(self, key: str) -> str | None:
        try:
            value = self.data.get(key)
        except AttributeError:
            return None
        return value if isinstance(value, str) else None

    def boolean(self, key: str) -> bool | None:
        try:
            value = self.data.get(key)
        except AttributeError:
            return None
        return value if isinstance(value, bool) else None

    def integer(self, key: str) -> int | None:
        try:
            value = self.data.get(key)
        except AttributeError:
            return None
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    def number(self, key: str) -> float | int | None:
        try:
            value = self.data.get(key)
        except AttributeError:
            return None
        return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None

    def mapping(self, key: str) -> dict[str, Any] | None:
        try:
            value = self.data.get(key)
        except AttributeError:
            return None
        return value if isinstance(value, dict) else None

    def array(self, key: str) -> list[Any] | None:
        try:
            value = self.data.get(key)
        except AttributeError:
            return None
        return value if isinstance(value, list) else None

    def strings(self, key: str) -> list[str]:
        """The string members of the list at ``key`` (others skipped; [] when not a list)."""
        try:
            value = self.data.get(key)
        except AttributeError:
            return []
        return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []

    def truthy(self, key: str) -> bool:
        """``true`` or the string ``"true"`` (any case): how the platform reads flags in apiProperties."""
        value = self.get(key)
        return value is True or (isinstance(value, str) and value.strip().lower() == "true")

    @property
    def is_object(self) -> bool:
        return isinstance(self.data, dict)

    @property
    def key(self) -> str:
        """The last token of the pointer (the property name or list index)."""
        return jp.split(self.pointer)[-1] if self.pointer else ""
