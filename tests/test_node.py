"""``Node``'s navigation and typed accessors: pointers escaped as RFC 6901 says, odd types tolerated."""

from __future__ import annotations

from vetter.base import pointer as jp
from vetter.base.rule import Location
from vetter.model.node import Node

DATA = {"a/b": {"c~d": [1, {"e": "x"}]}, "s": "text", "n": 3, "t": True, "l": ["u", 2, "v"], "m": {}}


def test_navigation_escapes_every_token() -> None:
    root = Node("f.json", "", DATA)
    inner = root.child("a/b")
    assert inner is not None and inner.pointer == "/a~1b"
    assert [(k, n.pointer) for k, n in root.entries("a/b")] == [("c~d", "/a~1b/c~0d")]
    assert [n.pointer for n in inner.items("c~d")] == ["/a~1b/c~0d/0", "/a~1b/c~0d/1"]
    deep = root.child("a/b", "c~d", 1, "e")
    assert deep is not None and (deep.pointer, deep.data) == ("/a~1b/c~0d/1/e", "x")
    assert root.child("missing") is None and root.child(0) is None and list(root.entries("s")) == []
    assert list(Node("f.json", "/x", [1]).entries()) == [] and list(root.items("m")) == []
    assert root.at("a/b") == Location("f.json", "/a~1b") and root.at("s") == Location("f.json", "/s")
    assert inner.at("c~d", 0) == Location("f.json", "/a~1b/c~0d/0") and root.at(3) == Location("f.json", "/3")
    assert jp.join("/p", 7) == "/p/7" and jp.join("/p", "~/") == "/p/~0~1"


def test_typed_accessors_give_none_for_other_types_and_for_non_objects() -> None:
    node = Node("f.json", "", DATA)
    assert (node.string("s"), node.string("n"), node.integer("n"), node.integer("t")) == ("text", None, 3, None)
    assert (node.boolean("t"), node.boolean("s"), node.number("n"), node.number("t")) == (True, None, 3, None)
    assert (node.mapping("m"), node.mapping("l"), node.array("l"), node.array("m")) == ({}, None, ["u", 2, "v"], None)
    assert (node.strings("l"), node.strings("s")) == (["u", "v"], [])
    listed = Node("f.json", "/l", ["s"])
    assert (listed.string("s"), listed.boolean("s"), listed.integer("s"), listed.number("s")) == (None, None, None, None)
    assert (listed.mapping("s"), listed.array("s"), listed.strings("s"), listed.get("s", 5)) == (None, None, [], 5)


def test_nodes_are_structs_the_collector_does_not_track_and_keep_their_own_equality() -> None:
    import gc

    from vetter.model.swagger import Operation, SchemaSite

    data = {"operationId": "Op", "type": "object"}
    op = Operation("f.json", "/paths/~1a/get", data, "/a", "get")
    site = SchemaSite("f.json", "/definitions/D", data, "definition", op, None, "D")
    assert [gc.is_tracked(n) for n in (Node("f.json", "", data), op, site)] == [False, False, False]
    assert (op.path, op.method, op.operation_id, op.id) == ("/a", "get", "Op", "Op")
    assert Operation("f.json", "/p", {"operationId": ""}, "/p", "put").id == "PUT /p"
    assert (site.role, site.operation, site.parent, site.name, site.depth) == ("definition", op, None, "D", 0)
    # equal: same type, file and pointer, and the very same data (not an equal copy)
    assert Node("f.json", "/x", data) == Node("f.json", "/x", data)
    assert Node("f.json", "/x", data) != Node("f.json", "/x", dict(data))
    assert Node("f.json", "/definitions/D", data) != site and repr(site) == "SchemaSite('f.json', '/definitions/D')"
    assert len({Node("f.json", "/x", data), Node("f.json", "/x", data)}) == 1
