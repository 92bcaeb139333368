"""Certification submission zips (vetter/model/submission.py, CRT017): read as one package."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import pytest

from vetter.engine.catalog import discover
from vetter.engine.runner import run_rules
from vetter.engine.settings import Settings
from vetter.model.loader import find_packages, load_source
from vetter.model.submission import LAYOUT

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
make = importlib.import_module("make_submission_fixture")  # scripts/ is not a package

CATALOG = discover(entry_points=False)


def load(tmp_path: Path, raw: bytes):
    path = tmp_path / "submission.zip"
    path.write_bytes(raw)
    sources = list(find_packages([path]))
    assert len(sources) == 1
    return load_source(sources[0])


def layout(package) -> list[str]:
    return sorted(p.message for p in package.load_problems if p.kind == LAYOUT)


def test_a_good_submission_is_one_package_with_the_connector_and_readme(tmp_path):
    package = load(tmp_path, make.outer_zip())
    assert layout(package) == []
    assert package.roles["swagger"] == "apiDefinition.swagger.json"
    assert package.roles["properties"] == "apiProperties.json"
    assert package.roles["readme"] == "readme.md"
    assert package.swagger.data["info"]["title"] == "Contoso Widgets"
    result = run_rules(package, CATALOG, Settings().bind(CATALOG))
    assert [f for f in result.findings if f.rule in ("CRT017", "PKG001", "PKG002", "VET001")] == []


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (make.outer_zip(readme=False), ["The outer zip has no .md file"]),
        (make.outer_zip(extra={"second.md": b"x", "other.zip": b"PK"}), ["a second .md file 'second.md'", "a second .zip file 'other.zip'"]),
        (make.outer_zip(extra={"docs/guide.pdf": b"%PDF"}), ["holds a folder 'docs/'"]),
        (make.outer_zip(inner=make.inner_zip(folder="Assets")), ["'Assets'; Microsoft's validator expects 'PkgAssets'"]),
        (make.outer_zip(inner=make.inner_zip(extra={"loose.txt": b"x"})), ["'loose.txt' sits at the top"]),
        (make.outer_zip(inner=make.inner_zip(flow=False)), ["has no flow solution", "holds 1 solution zips"]),
        (make.outer_zip(inner=make.inner_zip(drop=("customizations.xml", "[Content_Types].xml"))), ["has no [Content_Types].xml", "has no customizations.xml"]),
        (make.outer_zip(inner=b"not a zip"), ["package.zip is not a readable zip archive"]),
    ],
)
def test_each_missing_or_extra_part_is_one_finding(tmp_path, raw, expected):
    package = load(tmp_path, raw)
    problems = [p.message for p in package.load_problems if p.kind in (LAYOUT, "unreadable-archive")]
    for text in expected:
        assert any(text in m for m in problems), (text, problems)
    assert len(problems) == len(expected), problems
    result = run_rules(package, CATALOG, Settings(select=["CRT017"]).bind(CATALOG))
    assert len(result.findings) == len([p for p in problems if p in layout(package)])


def test_a_connector_in_the_flow_solution_only_is_not_taken_for_the_connector(tmp_path):
    inner = make.zip_bytes({"PkgAssets/FlowSolution.zip": make.solution("flow"), "PkgAssets/Flow2.zip": make.solution("flow")})
    package = load(tmp_path, make.outer_zip(inner=inner))
    assert "swagger" not in package.roles
    assert any("has no connector solution" in m for m in layout(package))
    assert any("has 2 flow solutions" in m for m in layout(package))


def test_an_ordinary_connector_zip_is_not_a_submission(tmp_path):
    files = {n: (make.MINIMAL / n).read_bytes() for n in ("apiDefinition.swagger.json", "apiProperties.json", "readme.md")}
    package = load(tmp_path, make.zip_bytes(files))
    assert layout(package) == [] and package.kind == "zip" and "swagger" in package.roles


def test_nested_entries_over_the_limits_are_not_read(tmp_path, monkeypatch):
    from vetter.model import archives

    monkeypatch.setattr(archives, "MAX_FILE_BYTES", 2000)
    package = load(tmp_path, make.outer_zip())
    assert any(p.kind == "archive-limit" for p in package.load_problems)


def test_all_layers_share_one_byte_budget(tmp_path, monkeypatch):
    from vetter.model import archives

    raw = make.outer_zip()
    monkeypatch.setattr(archives, "MAX_ARCHIVE_BYTES", len(raw) + 3000)  # the outer layer fits, not every layer
    package = load(tmp_path, raw)
    assert any(p.kind == "archive-limit" for p in package.load_problems)


def test_unsafe_names_inside_a_solution_are_not_read(tmp_path):
    bad = make.solution("connector", extra={"customapis/contoso_widgets/../../evil.json": b"{}"})
    inner = make.zip_bytes({"PkgAssets/ConnectorSolution.zip": bad, "PkgAssets/FlowSolution.zip": make.solution("flow")})
    package = load(tmp_path, make.outer_zip(inner=inner))
    assert any(p.kind == "unsafe-entry" for p in package.load_problems)
    assert not any(".." in name for name in package.files)
    assert package.roles["swagger"] == "apiDefinition.swagger.json"


def test_a_submission_is_vetted_as_certified_unless_it_says_independent_publisher(tmp_path):
    from vetter.model.profiles import profile_of

    assert profile_of(load(tmp_path, make.outer_zip())).name == "certified"
    assert profile_of(load(tmp_path, make.outer_zip())).source == "submission"
