"""Odd values anywhere in a swagger that uses the dynamic, webhook and versioning extensions never crash a rule."""

from __future__ import annotations

import copy
import json
import random
from typing import Any

from vetter.engine.cases import base_files
from vetter.engine.runner import run_rules
from vetter.engine.settings import Settings
from vetter.model.package import package_from_files


def _rich_document():  # type: ignore[no-untyped-def]
    files = base_files("minimal")
    doc = json.loads(files["apiDefinition.swagger.json"])
    g = doc["paths"]["/widgets"]["get"]
    g["x-ms-dynamic-values"] = {
        "operationId": "GetWidget",
        "parameters": {"widgetId": {"parameter": "x"}},
        "value-collection": "value",
        "value-path": "id",
    }
    g["x-ms-dynamic-list"] = {
        "operationId": "GetWidget",
        "parameters": {"widgetId": {"parameterReference": "x/y"}},
        "itemsPath": "value",
    }
    g["x-ms-api-annotation"] = {
        "family": "ListWidgets",
        "revision": 2,
        "status": "Production",
        "replacement": {"api": "a", "operationId": "b"},
    }
    g["x-ms-pageable"] = {"nextLinkName": "nextLink"}
    g["x-ms-enum-values"] = [{"value": "a", "displayName": "A"}]
    g["enum"] = ["a"]
    doc["x-ms-capabilities"] = {"testConnection": {"operationId": "ListWidgets", "parameters": {}}}
    doc["paths"]["/hooks"] = {
        "x-ms-notification-content": {"schema": {"type": "object"}},
        "post": {
            "operationId": "P",
            "x-ms-trigger": "single",
            "x-ms-notification": {"operationId": "P"},
            "parameters": [
                {
                    "name": "b",
                    "in": "body",
                    "required": True,
                    "schema": {
                        "type": "object",
                        "required": ["u"],
                        "properties": {
                            "u": {
                                "type": "string",
                                "x-ms-notification-url": True,
                                "default": "x",
                                "x-ms-visibility": "internal",
                            }
                        },
                    },
                }
            ],
            "responses": {
                "200": {"description": "x", "schema": {"$ref": "#/definitions/Widget"}},
                "default": {"description": "e"},
            },
        },
    }
    doc["definitions"]["Dyn"] = {
        "type": "object",
        "x-ms-dynamic-schema": {"operationId": "GetWidget", "value-path": "a/properties"},
        "x-ms-dynamic-properties": {"operationId": "GetWidget", "itemValuePath": "a"},
        "discriminator": "k",
        "required": ["k"],
        "properties": {"k": {"type": "string", "pattern": "^a", "minLength": 1, "maxLength": 3}},
    }
    doc["tags"] = [{"name": "a"}]
    return files, doc


def _paths(o, p=()):  # type: ignore[no-untyped-def]
    yield p
    if isinstance(o, dict):
        for k, v in o.items():
            yield from _paths(v, (*p, k))
    elif isinstance(o, list):
        for i, v in enumerate(o):
            yield from _paths(v, (*p, i))


ODD: list[Any] = [
    None,
    True,
    False,
    0,
    -1,
    1.5,
    "",
    "x",
    "internal",
    [],
    {},
    [None],
    [{}],
    {"$ref": "#/definitions/Nope"},
    {"$ref": "#/definitions/Widget"},
    {"a": []},
    {"parameter": {}},
    [[1]],
]


def test_odd_values_in_extension_heavy_swagger_never_crash(catalog):
    files, doc = _rich_document()
    settings = Settings().bind(catalog)
    where = [p for p in _paths(doc) if p]
    rng = random.Random(11)
    crashes = []
    for _ in range(150):
        d = copy.deepcopy(doc)
        for _ in range(rng.randint(1, 4)):
            path = rng.choice(where)
            o = d
            try:
                for k in path[:-1]:
                    o = o[k]
                o[path[-1]] = copy.deepcopy(rng.choice(ODD))
            except (KeyError, IndexError, TypeError):
                pass
        f = dict(files)
        f["apiDefinition.swagger.json"] = json.dumps(d).encode()
        result = run_rules(package_from_files("p", f, kind="folder"), catalog, settings)
        crashes += [x.message for x in result.findings if x.rule == "VET001"]
    assert crashes == []
