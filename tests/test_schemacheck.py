"""SWG001/PRP001's fast path gives exactly what one full jsonschema run gives.

schemacheck answers most documents with jsonschema-rs alone and walks only the
failing parts with jsonschema; these tests compare that with a plain Draft 4
jsonschema run over each whole document (slow, which is why it is not the
product path).
"""

from __future__ import annotations

import copy
import json
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from tests.conftest import shared_dir
from vetter.engine.cases import base_files
from vetter.model.jsonfile import JsonFile
from vetter.model.schemacheck import (
    MAX_DEPTH,
    _passes,
    api_properties_errors,
    full_api_properties_errors,
    full_swagger_errors,
    swagger_errors,
)


def _corpus_files(suffix: str) -> list[tuple[str, JsonFile]]:
    corpus = shared_dir("corpus")
    out = []
    for path in sorted(corpus.glob("*/*/*")):
        if path.name.lower().endswith(suffix):
            jf = JsonFile(path.name, path.read_bytes())
            if jf.parsed:
                out.append((str(path.parent.relative_to(corpus)), jf))
    return out


def _key(errors):
    return sorted((e.pointer, e.key, e.message) for e in errors)


def _compare_swagger(path: str) -> tuple[str, bool, bool]:
    """(path, fast == full, fast found something) for one swagger; runs in a worker process."""
    jf = JsonFile(Path(path).name, Path(path).read_bytes())
    fast = swagger_errors(jf.data)
    return path, _key(fast) == _key(full_swagger_errors(jf.data)), bool(fast)


@pytest.mark.slow  # ~35 s of CPU: a full jsonschema run over 405 documents (CI runs it: .ci/run)
def test_swagger_findings_equal_a_full_jsonschema_run_on_every_corpus_swagger():
    corpus = shared_dir("corpus")
    paths = [
        str(p) for p in sorted(corpus.glob("*/*/*"))
        if p.name.lower().endswith(".swagger.json") and JsonFile(p.name, p.read_bytes()).parsed
    ]
    assert len(paths) > 400
    sys.stdout.flush()  # forked workers flush their copy of unwritten output when they exit
    sys.stderr.flush()
    with ProcessPoolExecutor(max_workers=min(4, os.cpu_count() or 1)) as pool:
        results = list(pool.map(_compare_swagger, paths, chunksize=8))
    assert [path for path, same, _ in results if not same] == []
    assert sum(found for _, _, found in results) >= 1  # the corpus holds invalid swaggers (Perplexity AI)


def test_api_properties_findings_equal_a_full_jsonschema_run_on_every_corpus_file():
    files = _corpus_files("apiproperties.json")
    assert len(files) > 300
    for name, jf in files:
        assert _key(api_properties_errors(jf.data)) == _key(full_api_properties_errors(jf.data)), name


def test_duplicate_enum_value_is_found_by_the_fast_check():
    """jsonschema-rs's own Draft 4 meta-schema lets a duplicate enum value pass; ours must not."""
    doc = json.loads(base_files("minimal")["apiDefinition.swagger.json"])
    assert _passes("swagger20", doc)
    doc["definitions"]["Widget"]["properties"]["id"]["enum"] = ["a", "b", "a"]
    assert not _passes("swagger20", doc)
    assert [(e.pointer, e.message) for e in swagger_errors(doc)] == [
        ("/definitions/Widget/properties/id/enum", '"a" appears more than once; the items of this array must be unique.')
    ]


def test_perplexity_duplicate_enum_is_reported():
    corpus = shared_dir("corpus")
    jf = JsonFile("apiDefinition.swagger.json", (corpus / "independent-publisher-connectors" / "Perplexity AI" / "apiDefinition.swagger.json").read_bytes())
    assert [e.pointer for e in swagger_errors(jf.data)] == [
        "/paths/~1chat~1completions/post/parameters/0/schema/properties/model/enum"
    ]


def test_fast_path_does_not_mutate_and_matches_full_validation():
    doc = json.loads(base_files("minimal")["apiDefinition.swagger.json"])
    doc["paths"]["/widgets"]["get"]["parameters"].append({"name": "q", "in": "cookie", "type": "string"})
    doc["definitions"]["Widget"]["properties"]["id"]["type"] = "strin"
    doc["parameters"]["top"]["collectionFormat"] = "multi"
    before = copy.deepcopy(doc)
    fast = swagger_errors(doc)
    assert doc == before
    assert _key(fast) == _key(full_swagger_errors(doc)) and len(fast) == 2


def _deep(depth: int, leaf_type: str) -> dict:
    doc = json.loads(base_files("minimal")["apiDefinition.swagger.json"])
    leaf: dict = {"type": leaf_type}
    for _ in range(depth):
        leaf = {"type": "array", "items": leaf}
    doc["definitions"]["Deep"] = leaf
    doc["info"]["version"] = 2  # an error elsewhere, which must still be found
    return doc


@pytest.mark.parametrize("depth", [163, 400])
def test_deep_document_gets_a_finding_at_the_depth_limit_and_the_rest_is_checked(depth):
    doc = _deep(depth, "strin")
    before = copy.deepcopy(doc)
    errors = swagger_errors(doc)
    assert doc == before
    cut = "/definitions/Deep" + "/items" * (MAX_DEPTH - 2)
    assert [(e.pointer, e.key) for e in sorted(errors, key=lambda e: e.pointer)] == [
        (cut, "depth"),
        ("/info/version", "type"),
    ]
    assert f"more than {MAX_DEPTH} levels deep" in next(e.message for e in errors if e.key == "depth")


def test_shallow_enough_document_is_checked_to_its_leaf():
    errors = swagger_errors(_deep(MAX_DEPTH - 3, "strin"))
    leaf = "/definitions/Deep" + "/items" * (MAX_DEPTH - 3) + "/type"
    assert sorted(e.pointer for e in errors) == sorted(["/info/version", leaf])


def test_messages_say_what_is_wrong_in_the_readers_terms():
    doc = json.loads(base_files("minimal")["apiDefinition.swagger.json"])
    doc["info"]["version"] = 2
    doc["paths"]["/widgets"]["get"]["parameters"].append({"name": "q", "in": "Query", "type": "string"})
    doc["definitions"]["Widget"]["required"] = []
    doc["definitions"]["Widget"]["properties"]["id"]["maxLength"] = -1
    got = {e.pointer: e.message for e in swagger_errors(doc)}
    assert got == {
        "/info/version": "2 is an integer; expected a string.",
        "/paths/~1widgets/get/parameters/1/in": '"Query" is not one of "header", "formData", "query", "path": '
        'values are case-sensitive, did you mean "query"?',
        "/definitions/Widget/required": "The array must have at least 1 item.",
        "/definitions/Widget/properties/id/maxLength": "-1 is out of range: it must be at least 0.",
    }
    assert [e.message for e in swagger_errors([1])] == ["Expected an object here, found an array."]


def test_a_boolean_where_a_string_is_meant_says_so():
    props = json.loads(base_files("minimal")["apiProperties.json"])
    params = props["properties"].setdefault("connectionParameters", {})
    params["api_key"] = {"type": "securestring", "uiDefinition": {"displayName": "Key", "description": "Key", "tooltip": "Key", "constraints": {"required": True}}}
    assert [(e.pointer, e.message) for e in api_properties_errors(props)] == [
        ("/properties/connectionParameters/api_key/uiDefinition/constraints/required", 'The value must be the string "true", not the boolean true.')
    ]


def test_deep_document_scanned_by_every_rule_gives_no_crash_and_the_depth_finding():
    """The engine-level view of the issue: 163 levels of items used to be VET001 for SWG001."""
    from vetter.engine.catalog import discover
    from vetter.engine.runner import run_rules
    from vetter.engine.settings import Settings
    from vetter.model.package import package_from_files

    files = base_files("minimal")
    files["apiDefinition.swagger.json"] = json.dumps(_deep(163, "strin"), indent=1).encode()
    catalog = discover(entry_points=False)
    result = run_rules(package_from_files("deep", files, kind="folder"), catalog, Settings().bind(catalog))
    assert [f.rule for f in result.findings if f.rule == "VET001"] == []
    swg001 = sorted((f.pointer, f.line) for f in result.findings if f.rule == "SWG001")
    assert [p for p, _ in swg001] == ["/definitions/Deep" + "/items" * (MAX_DEPTH - 2), "/info/version"]
    assert all(line is not None and line > 1 for _, line in swg001)
