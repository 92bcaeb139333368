"""The swagger's lists that must hold distinct values, and the values repeated in them.

`schemes`, `consumes`, `produces`, an operation's `tags`, `enum`, `required` and a security
requirement's scopes are sets (`uniqueItems` in the Swagger 2.0 schema). SWG037 reports each
repeat at the repeated item, with a fix that removes it; SWG001 (the schema check) leaves the
same lists to it (``Violation.left_to``: when SWG037 runs), so one slip gives one finding. Two values repeat when JSON Schema's
`uniqueItems` calls them equal (``vetter.base.jsonkey.key``: `1` and `1.0` alike, `true`
and `1` not), which is what the validator that rejects the list sees.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from msgspec import Struct

from vetter.base import pointer as jp
from vetter.base.jsonkey import key as json_key
from vetter.model.node import Node
from vetter.model.swagger import Swagger

ROOT_LISTS = ("schemes", "consumes", "produces")
OPERATION_LISTS = ("schemes", "consumes", "produces", "tags")
SCHEMA_LISTS = ("enum", "required")


class Repeat(Struct, frozen=True):
    """A value listed again: the object holding the list, the list's key, the item's index and value,
    and the value listed first that it equals."""

    node: Node
    key: str
    item: int
    value: Any
    first: Any


def _in(node: Node, key: str) -> Iterator[Repeat]:
    values = node.array(key)
    if not values or len(values) < 2:
        return
    if all(type(v) is str for v in values) and len(set(values)) == len(values):
        return  # the common case: distinct strings
    seen: dict[Any, Any] = {}
    for i, value in enumerate(values):
        try:
            k = json_key(value)
        except RecursionError:  # nested past Python's limit: the schema check says it
            return
        if k in seen:
            yield Repeat(node, key, i, value, seen[k])
        else:
            seen[k] = value


def repeats(swagger: Swagger) -> Iterator[Repeat]:
    """Every repeated value of the lists above, in document order of the lists' kinds."""
    root = swagger.root
    for key in ROOT_LISTS:
        yield from _in(root, key)
    for op in swagger.operations():
        data = op.data  # most operations list none of these, or one entry: no call for them
        for key in OPERATION_LISTS:
            values = data.get(key)
            if isinstance(values, list) and len(values) > 1:
                yield from _in(op, key)
    for key in SCHEMA_LISTS:
        for node in swagger.with_keyword(key):
            values = node.data[key]
            if isinstance(values, list) and len(values) > 1:
                yield from _in(node, key)
    for requirement in swagger.index.security_requirements:
        for name, _ in requirement.node.entries():
            yield from _in(requirement.node, name)


def repeated_lists(swagger: Swagger) -> frozenset[str]:
    """The pointers of the lists ``repeats`` finds a repeat in (SWG001 leaves these to SWG037)."""
    return frozenset(jp.join(r.node.pointer, r.key) for r in repeats(swagger))


def repeated_parameter_lists(swagger: Swagger) -> frozenset[str]:
    """The pointers of the operations' and path items' parameter lists that hold one entry twice, a
    ``$ref`` or a parameter with a name and a place (SWG001 leaves these to OPR015, which names it)."""
    owners: list[Node] = list(swagger.operations())
    paths = swagger.root.child("paths")
    if paths is not None:
        owners.extend(item for name, item in paths.entries() if not name.startswith("x-"))
    return frozenset(
        jp.join(owner.pointer, "parameters")
        for owner in owners
        if (entries := owner.array("parameters")) and len(entries) > 1 and _entry_repeated(entries)
    )


def _entry_repeated(entries: list[Any]) -> bool:
    """Some entry equals one before it and is one OPR015 names: a ``$ref``, or a name and a place."""
    seen: set[Any] = set()
    for entry in entries:
        if not isinstance(entry, dict):
            continue
        try:
            k = json_key(entry)
        except RecursionError:
            return False
        if k in seen and (isinstance(entry.get("$ref"), str) or (isinstance(entry.get("name"), str) and isinstance(entry.get("in"), str))):
            return True
        seen.add(k)
    return False
