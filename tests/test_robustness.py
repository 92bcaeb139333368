"""Wrong types anywhere in a package must give findings, never a crashed rule."""

from __future__ import annotations

import json

import pytest

from vetter.cases import base_files
from vetter.catalog import discover
from vetter.engine import run_rules
from vetter.package import package_from_files
from vetter.settings import Settings

CATALOG = discover(entry_points=False)
SETTINGS = Settings().bind(CATALOG)
ODD_VALUES: list[object] = [None, 7, "x", [], {}, [{}], {"$ref": 3}, {"$ref": "#/nowhere"}]


def pointers(node, where=""):
    yield where
    if isinstance(node, dict):
        for key, value in node.items():
            yield from pointers(value, f"{where}/{key.replace('~', '~0').replace('/', '~1')}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from pointers(value, f"{where}/{i}")


def replaced(doc, pointer, value):
    import jsonpatch

    return jsonpatch.apply_patch(doc, [{"op": "replace", "path": pointer, "value": value}]) if pointer else value


@pytest.mark.parametrize("name", ["apiDefinition.swagger.json", "apiProperties.json"])
def test_every_node_replaced_by_an_odd_value(name):
    files = base_files("minimal")
    doc = json.loads(files[name])
    crashes = []
    for pointer in pointers(doc):
        for value in ODD_VALUES:
            changed = dict(files)
            changed[name] = json.dumps(replaced(doc, pointer, value)).encode()
            result = run_rules(package_from_files("p", changed, kind="folder"), CATALOG, SETTINGS)
            crashes += [(pointer, value, f.message) for f in result.findings if f.rule == "VET001"]
    assert not crashes, crashes[:5]


@pytest.mark.parametrize("name", ["apiDefinition.swagger.json", "apiProperties.json"])
def test_diff_survives_odd_values_anywhere(name):
    from vetter.compare import DiffError, diff_packages

    files = base_files("minimal")
    doc = json.loads(files[name])
    old = package_from_files("old", files, kind="folder")
    for pointer in pointers(doc):
        for value in ODD_VALUES:
            changed = dict(files)
            changed[name] = json.dumps(replaced(doc, pointer, value)).encode()
            new = package_from_files("new", changed, kind="folder")
            for a, b in ((old, new), (new, old)):
                try:
                    result = diff_packages(a, b)
                except DiffError:
                    assert pointer == "" and name.startswith("apiDefinition")  # a root that is not an object
                    continue
                assert all((c.new or c.old) is not None for c in result.changes)
