"""The rule examples in docs/writing-rules.md run, pass the clean fixture and catch what they say."""

from __future__ import annotations

import json
import re
from typing import Any

from tests.conftest import ROOT
from vetter import Violation
from vetter.engine.cases import base_files
from vetter.model.package import package_from_files

DOC = (ROOT / "docs" / "writing-rules.md").read_text(encoding="utf-8")


def _view_examples() -> list[str]:
    views = DOC.split("## Reading the views", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```python\n(.*?)```", views, re.DOTALL)


def _broken(example: int) -> dict[str, bytes]:
    """The minimal package with the defect that example ``example`` looks for."""
    files = base_files("minimal")
    swagger = json.loads(files["apiDefinition.swagger.json"])
    props = json.loads(files["apiProperties.json"])
    if example == 0:  # operation: no summary
        del swagger["paths"]["/widgets"]["get"]["summary"]
    elif example == 1:  # schema: an array property without items
        swagger["definitions"]["Widget"]["properties"]["tags"] = {"type": "array"}
    elif example == 2:  # extension: an unknown visibility
        swagger["paths"]["/widgets"]["get"]["x-ms-visibility"] = "hidden"
    else:  # cross-file: OAuth settings without an oauth2 security definition
        props["properties"]["connectionParameters"]["token"] = {"type": "oauthSetting", "oAuthSettings": {"identityProvider": "aad"}}
    files["apiDefinition.swagger.json"] = json.dumps(swagger).encode()
    files["apiProperties.json"] = json.dumps(props).encode()
    return files


def test_every_kind_of_rule_in_the_guide_works_on_the_fixture():
    examples = _view_examples()
    assert len(examples) == 4  # operation, schema, extension, cross-file
    for i, code in enumerate(examples):
        namespace: dict[str, Any] = {"Violation": Violation}
        exec(compile(code, f"writing-rules.md example {i + 1}", "exec"), namespace)
        clean = package_from_files("minimal", base_files("minimal"), kind="folder")
        assert list(namespace["check"](clean)) == [], i
        found = list(namespace["check"](package_from_files("broken", _broken(i), kind="folder")))
        assert len(found) == 1 and isinstance(found[0], Violation), (i, found)
