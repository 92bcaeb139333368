from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest

from vetter.engine.cases import base_files
from vetter.model.loader import LoadError, find_packages


def write_tree(root: Path, files: dict[str, bytes]) -> Path:
    for name, raw in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(raw)
    return root


def snapshot(root: Path) -> dict[str, tuple[int, int]]:
    return {
        str(p.relative_to(root)): (p.stat().st_size, p.stat().st_mtime_ns)
        for p in sorted(root.rglob("*"))
    }


def test_folder_with_odd_names_in_any_case(tmp_path):
    files = base_files("minimal")
    pkg_dir = write_tree(
        tmp_path / "Widgets",
        {
            "CQC-Connector.swagger.json": files["apiDefinition.swagger.json"],
            "APIProperties.JSON": files["apiProperties.json"],
            "ReadME.md": b"# x\n",
            "Script.csx": b"public class Script {}\n",
            "icon.PNG": b"\x89PNG",
        },
    )
    [source] = list(find_packages([pkg_dir]))
    pkg = source.load()
    assert pkg.kind == "folder"
    assert pkg.roles == {
        "swagger": "CQC-Connector.swagger.json",
        "properties": "APIProperties.JSON",
        "readme": "ReadME.md",
        "script": "Script.csx",
        "icon": "icon.PNG",
    }
    assert pkg.swagger.operations()[0].id == "ListWidgets"


def test_zip_of_a_folder_and_lone_swagger(tmp_path):
    files = base_files("minimal")
    archive = tmp_path / "pkg.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for name, raw in files.items():
            zf.writestr(f"Contoso Widgets/{name}", raw)
    [source] = list(find_packages([archive]))
    pkg = source.load()
    assert pkg.kind == "zip" and pkg.roles["swagger"] == "apiDefinition.swagger.json"
    lone = write_tree(tmp_path / "lone", {"api.json": files["apiDefinition.swagger.json"]}) / "api.json"
    [source] = list(find_packages([lone]))
    pkg = source.load()
    assert pkg.kind == "swagger" and pkg.swagger_file is not None


def test_solution_export_with_customapis_and_connectors(tmp_path):
    files = base_files("minimal")
    archive = tmp_path / "solution.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("solution.xml", "<ImportExportXml/>")
        zf.writestr("customizations.xml", "<ImportExportXml/>")
        zf.writestr("customapis/contoso_widgets/openapidefinition.json", files["apiDefinition.swagger.json"])
        zf.writestr("customapis/contoso_widgets/connectionparameters.json", b'{"api_key": {"type": "securestring"}}')
        zf.writestr("customapis/contoso_widgets/script.csx", b"class Script {}")
        zf.writestr("Connectors/new_gadgets_openapidefinition.json", files["apiDefinition.swagger.json"])
        zf.writestr("Connectors/new_gadgets_connectionparameters.json", b"{}")
    sources = list(find_packages([archive]))
    assert [s.kind for s in sources] == ["solution", "solution"]
    first, second = (s.load() for s in sources)
    assert second.roles["swagger"] == "openapidefinition.json"
    assert second.roles["connection_parameters"] == "connectionparameters.json"
    assert second.roles["script"] == "script.csx"
    assert [p.name for p in second.properties.connection_parameters()] == ["api_key"]
    assert first.roles["swagger"] == "new_gadgets_openapidefinition.json"


def test_a_connector_whose_name_starts_another_keeps_only_its_own_files(tmp_path):
    """In the Connectors/ layout the files of ``new_gadgets_v2`` also start with ``new_gadgets_``:
    they were read as ``new_gadgets``'s too, which was vetted with ``new_gadgets_v2``'s definition
    (the candidates' order chose it) and got PKG007 naming its sibling's file as a decoy."""
    import json

    mine = json.loads(base_files("minimal")["apiDefinition.swagger.json"])
    theirs = {**mine, "host": "api.other.example.com"}
    archive = tmp_path / "solution.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("solution.xml", "<ImportExportXml/>")
        zf.writestr("Connectors/new_gadgets_openapidefinition.json", json.dumps(mine))
        zf.writestr("Connectors/new_gadgets_connectionparameters.json", b"{}")
        zf.writestr("Connectors/new_gadgets_v2_openapidefinition.json", json.dumps(theirs))
        zf.writestr("Connectors/new_gadgets_v2_connectionparameters.json", b'{"api_key": {"type": "securestring"}}')
    gadgets, v2 = (s.load() for s in find_packages([archive]))
    assert sorted(gadgets.files) == ["new_gadgets_connectionparameters.json", "new_gadgets_openapidefinition.json"]
    assert sorted(v2.files) == ["new_gadgets_v2_connectionparameters.json", "new_gadgets_v2_openapidefinition.json"]
    assert gadgets.swagger.data["host"] == mine["host"] and v2.swagger.data["host"] == "api.other.example.com"
    assert gadgets.choices == () and v2.choices == ()  # no other candidate for any role: no PKG007


def test_portfolio_finds_every_package_in_order(tmp_path):
    files = base_files("minimal")
    write_tree(tmp_path / "b-group" / "Beta", files)
    write_tree(tmp_path / "a-group" / "Alpha", files)
    write_tree(tmp_path / "a-group" / "Only readme", {"readme.md": b"# nothing else"})
    (tmp_path / "LICENSE").write_text("MIT")
    names = [s.path.name for s in find_packages([tmp_path])]
    assert names == ["Alpha", "Only readme", "Beta"]


def test_hostile_zip_entries_are_skipped_and_reported(tmp_path):
    files = base_files("minimal")
    archive = tmp_path / "evil.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, raw in files.items():
            zf.writestr(name, raw)
        zf.writestr("../../outside.json", "{}")
        zf.writestr("C:/windows/x.json", "{}")
        zf.writestr("bomb.json", b"0" * 50_000_000)
    pkg = next(find_packages([archive])).load()
    kinds = sorted(p.kind for p in pkg.load_problems)
    assert kinds == ["archive-limit", "unsafe-entry", "unsafe-entry"]
    assert "outside.json" not in pkg.files and "bomb.json" not in pkg.files
    assert not (tmp_path.parent / "outside.json").exists()


def test_unreadable_inputs_are_one_line_errors(tmp_path):
    bad = tmp_path / "not.zip"
    bad.write_bytes(b"this is not a zip")
    with pytest.raises(LoadError, match="not a readable zip"):
        list(find_packages([bad]))
    with pytest.raises(LoadError, match="no such file"):
        list(find_packages([tmp_path / "missing"]))
    other = tmp_path / "notes.txt"
    other.write_text("x")
    with pytest.raises(LoadError):
        list(find_packages([other]))


def test_symlinks_in_a_folder_are_not_followed(tmp_path):
    files = base_files("minimal")
    pkg_dir = write_tree(tmp_path / "p", files)
    secret = tmp_path / "secret.json"
    secret.write_text('{"password": "x"}')
    os.symlink(secret, pkg_dir / "linked.json")
    pkg = next(find_packages([pkg_dir])).load()
    assert "linked.json" not in pkg.files
    assert [p.kind for p in pkg.load_problems] == ["unsafe-entry"]


def test_loading_never_writes_into_the_package(tmp_path):
    files = base_files("minimal")
    pkg_dir = write_tree(tmp_path / "p", files)
    before = snapshot(pkg_dir)
    from vetter.engine.catalog import discover
    from vetter.engine.runner import run_rules
    from vetter.engine.settings import Settings

    catalog = discover(entry_points=False)
    for source in find_packages([pkg_dir]):
        run_rules(source.load(), catalog, Settings().bind(catalog))
    assert snapshot(pkg_dir) == before


def test_a_broken_zip_in_a_portfolio_is_a_finding(tmp_path):
    files = base_files("minimal")
    write_tree(tmp_path / "Good", files)
    (tmp_path / "broken.zip").write_bytes(b"PK\x03\x04 definitely not a zip")
    sources = list(find_packages([tmp_path]))
    assert [s.path.name for s in sources] == ["Good", "broken.zip"]
    pkg = sources[1].load()
    assert [p.kind for p in pkg.load_problems] == ["unreadable-archive"] and pkg.unreadable
    from vetter.engine.catalog import discover
    from vetter.engine.runner import run_rules
    from vetter.engine.settings import Settings

    catalog = discover(entry_points=False)
    result = run_rules(pkg, catalog, Settings().bind(catalog))
    assert [f.rule for f in result.findings] == ["PKG005"]


def test_an_archive_inside_a_package_folder_or_zip_is_a_nested_archive(tmp_path):
    files = base_files("minimal")
    pkg_dir = write_tree(tmp_path / "pkg", {**files, "extras/old-version.zip": b"PK\x05\x06" + b"\0" * 18})
    (source,) = find_packages([pkg_dir])
    pkg = source.load()
    assert [(p.kind, p.file) for p in pkg.load_problems] == [("nested-archive", "extras/old-version.zip")]
    zpath = tmp_path / "pkg.zip"
    with zipfile.ZipFile(zpath, "w") as zf:
        for name, raw in files.items():
            zf.writestr(name, raw)
        zf.writestr("inner.ZIP", b"PK")
    (zsource,) = find_packages([zpath])
    problems = zsource.load().load_problems
    assert [(p.kind, p.file) for p in problems] == [("nested-archive", "inner.ZIP")] and "(2 bytes)" in problems[0].message


def test_a_folder_past_the_file_limit_is_incomplete_not_missing_a_definition(tmp_path, monkeypatch):
    import vetter.model.archives

    monkeypatch.setattr(vetter.model.archives, "MAX_ARCHIVE_ENTRIES", 3)
    files = {f"a{i}.md": b"x" for i in range(5)} | base_files("minimal")
    (source,) = find_packages([write_tree(tmp_path / "pkg", files)])
    pkg = source.load()
    assert pkg.incomplete and any(p.kind == "incomplete" for p in pkg.load_problems)
    from vetter.engine.catalog import discover
    from vetter.engine.runner import run_rules
    from vetter.engine.settings import Settings

    catalog = discover(entry_points=False)
    found = {f.rule for f in run_rules(pkg, catalog, Settings().bind(catalog)).findings}
    assert "PKG005" in found and not {"PKG001", "PKG002", "PKG003"} & found
