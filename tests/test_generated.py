"""The compiled Swagger 2.0 gate must match its generator and agree with jsonschema."""

from __future__ import annotations

import copy
import importlib.util
import json

from tests.conftest import ROOT
from vetter.cases import base_files
from vetter.schemacheck import _errors, _validator, swagger_errors


def test_generated_validators_are_up_to_date():
    spec = importlib.util.spec_from_file_location("gen", ROOT / "scripts" / "generate_validators.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for name in module.GATES:
        assert module.generate(name) == (ROOT / "vetter" / "_generated" / f"{name}.py").read_text(), name
        gate = importlib.import_module(f"vetter._generated.{name}")
        assert callable(gate.validate), name


def test_gate_does_not_mutate_and_matches_full_validation():
    doc = json.loads(base_files("minimal")["apiDefinition.swagger.json"])
    doc["paths"]["/widgets"]["get"]["parameters"].append({"name": "q", "in": "cookie", "type": "string"})
    doc["definitions"]["Widget"]["properties"]["id"]["type"] = "strin"
    doc["parameters"]["top"]["collectionFormat"] = "multi"
    before = copy.deepcopy(doc)
    fast = swagger_errors(doc)
    assert doc == before
    full = list(_errors(_validator("swagger20"), doc))
    assert sorted(fast, key=str) == sorted(full, key=str) and len(fast) >= 2
