"""Rules whose walks were rewritten for speed, pinned to exact results on synthetic documents."""

from __future__ import annotations

import json

from vetter.engine.catalog import discover
from vetter.model.options import RunOptions
from vetter.model.package import package_from_files

_CATALOG = discover(entry_points=False)


def _messages(rule: str, swagger: dict) -> list[tuple[str, str]]:
    package = package_from_files("walks", {"apiDefinition.swagger.json": json.dumps(swagger).encode()}, kind="folder")
    return [(v.location.pointer, v.message) for v in _CATALOG.by_id[rule].run(package, RunOptions())]


def _wide(n: int, prefix: str) -> dict:
    """An object schema of ``n`` properties, each an object of one string property (2n + 1 schema nodes)."""
    return {"type": "object", "properties": {f"{prefix}{i}": {"type": "object", "properties": {"v": {"type": "string"}}} for i in range(n)}}


def test_swg043_counts_each_root_with_its_nested_sites_and_the_refs_inside_them():
    """The body's own nodes (1 + 2 x 100), then a definition reached by a $ref nested two levels down
    (1 + 2 x 150 nodes), then one reached from a nested $ref of that definition: counted until the limit."""
    inner = _wide(150, "b")
    inner["properties"]["b0"]["properties"]["next"] = {"$ref": "#/definitions/C"}
    body = _wide(100, "a")
    body["properties"]["a0"]["properties"]["link"] = {"$ref": "#/definitions/B"}
    swagger = {
        "swagger": "2.0",
        "info": {"title": "t", "version": "1"},
        "host": "example.com",
        "paths": {"/x": {"post": {"operationId": "Post", "parameters": [{"name": "body", "in": "body", "schema": body}],
                                   "responses": {"200": {"description": "ok", "schema": {"$ref": "#/definitions/C"}}}}}},
        "definitions": {"B": inner, "C": _wide(300, "c"), "Small": _wide(3, "s")},
    }
    assert _messages("SWG043", swagger) == [
        ("/paths/~1x/post/parameters/0/schema", "The request body schema of Post has more than 512 schema nodes (1105 counted before stopping)."),
        ("/paths/~1x/post/responses/200/schema", "The response schema of Post has more than 512 schema nodes (602 counted before stopping)."),
    ]
