"""The loader's string paths give what the path objects gave: names, relative paths, file reads."""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vetter.model import archives
from vetter.model.loader import _read_dir, _walk_names, find_packages
from vetter.model.package import LoadProblem, assign_roles, base_name, choose_roles


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="/.aB\\ ", max_size=12))
def test_base_name_is_the_pure_posix_path_name(path):
    assert base_name(path) == PurePosixPath(path).name


@pytest.mark.parametrize("path", ["", ".", "/", "//", "a/", "a/.", "a/./", "a/..", "a//b", "/a/b.json", "..", "a/b\\c"])
def test_base_name_of_odd_paths(path):
    assert base_name(path) == PurePosixPath(path).name


def _walk_as_before(root: Path) -> list[str]:
    out = []
    for dirpath, _dirs, files in os.walk(root):
        rel = os.path.relpath(dirpath, root)
        for f in files:
            out.append(PurePosixPath(rel, f).as_posix() if rel != "." else f)
    return out


def _tree(tmp_path: Path) -> Path:
    root = tmp_path / "pkg"
    (root / "sub" / "deeper").mkdir(parents=True)
    (root / "empty").mkdir()
    (root / "apiDefinition.swagger.json").write_bytes(b'{"swagger": "2.0"}')
    (root / "README.md").write_bytes(b"# readme")
    (root / "sub" / "a b.json").write_bytes(b"{}")
    (root / "sub" / "deeper" / "script.csx").write_bytes(b"class A {}")
    (root / "sub" / "deeper" / "big.json").write_bytes(b"[" + b"1," * 200 + b"1]")
    (root / "sub" / "image.png").write_bytes(b"\x89PNG")
    (root / "link.md").symlink_to(root / "README.md")
    (root / "sub" / "dirlink").symlink_to(root / "sub" / "deeper", target_is_directory=True)
    (root / "dangling.json").symlink_to(root / "nowhere.json")
    os.mkfifo(root / "sub" / "pipe.json")
    return root


@pytest.mark.parametrize("spelling", ["plain", "slash", "dotdot"])
def test_walk_names_are_those_relpath_gave(tmp_path, spelling):
    root = _tree(tmp_path)
    given_root = {"plain": root, "slash": Path(f"{root}/"), "dotdot": root / "sub" / ".."}[spelling]
    names = _walk_names(given_root)
    assert names == _walk_as_before(given_root)
    assert sorted(names) == [
        "README.md", "apiDefinition.swagger.json", "dangling.json", "link.md",
        "sub/a b.json", "sub/deeper/big.json", "sub/deeper/script.csx", "sub/image.png", "sub/pipe.json",
    ]


def test_walk_names_under_the_file_system_root(monkeypatch):
    """A root that ends in the separator ("/"): its folders' paths are cut after it, as relpath did."""
    walk = [("/", ["a"], ["f.json"]), ("/a", ["b"], ["g.md"]), ("/a/b", [], ["h.json", "i j"])]
    monkeypatch.setattr(os, "walk", lambda top: iter(walk))
    assert _walk_names(Path("/")) == ["f.json", "a/g.md", "a/b/h.json", "a/b/i j"]
    assert _walk_as_before(Path("/")) == ["f.json", "a/g.md", "a/b/h.json", "a/b/i j"]


def test_read_dir_reads_regular_files_and_says_what_it_left(tmp_path, monkeypatch):
    root = _tree(tmp_path)
    monkeypatch.setattr(archives, "MAX_FILE_BYTES", 300)
    problems: list[LoadProblem] = []
    files = _read_dir(root, problems)
    assert files == {
        "README.md": b"# readme",
        "apiDefinition.swagger.json": b'{"swagger": "2.0"}',
        "sub/a b.json": b"{}",
        "sub/deeper/script.csx": b"class A {}",
    }
    assert [(p.kind, p.message, p.file) for p in problems] == [
        ("unsafe-entry", "dangling.json is a link or special file; it was not read.", "dangling.json"),
        ("unsafe-entry", "link.md is a link or special file; it was not read.", "link.md"),
        ("file-too-large", "big.json is 403 bytes; the limit is 300.", "big.json"),
        ("unsafe-entry", "sub/pipe.json is a link or special file; it was not read.", "sub/pipe.json"),
    ]


def test_an_unreadable_file_is_said_with_its_name(tmp_path, monkeypatch):
    """The open that fails is the loader's own (as root, a file without permissions still opens:
    the refusal is made by the loader's ``open``, so the test runs under CI's root too)."""
    import builtins

    import vetter.model.loader as loader

    root = tmp_path / "pkg"
    root.mkdir()
    (root / "apiDefinition.swagger.json").write_bytes(b"{}")
    (root / "readme.md").write_bytes(b"# x")

    def refuse(path, *args, **kwargs):
        if str(path).endswith("apiDefinition.swagger.json"):
            raise PermissionError(13, "Permission denied", str(path))
        return builtins.open(path, *args, **kwargs)

    monkeypatch.setattr(loader, "open", refuse, raising=False)
    problems: list[LoadProblem] = []
    assert _read_dir(root, problems) == {"readme.md": b"# x"}
    assert [(p.kind, p.message, p.file) for p in problems] == [
        ("unreadable", "apiDefinition.swagger.json could not be read: Permission denied.", "apiDefinition.swagger.json")
    ]


def test_roles_by_base_name_in_a_package_with_decoys(tmp_path):
    files = {
        "apiDefinition.swagger.json": b"{}",
        "sub/apidefinition.swagger.json": b"{}",
        "Other.swagger.json": b"{}",
        "apiProperties.json": b"{}",
        "x/script.csx": b"",
        "settings.json": b'{"apiDefinition": "Other.swagger.json"}',
        "README.md": b"",
        "icon.png": b"",
    }
    roles = assign_roles(files)
    assert roles == {
        "swagger": "apiDefinition.swagger.json", "properties": "apiProperties.json", "settings": "settings.json",
        "script": "x/script.csx", "readme": "README.md", "icon": "icon.png",
    }
    choices = choose_roles(files, roles)
    assert roles["swagger"] == "Other.swagger.json"
    assert [(c.role, c.chosen, c.candidates) for c in choices] == [
        ("swagger", "Other.swagger.json", ("Other.swagger.json", "apiDefinition.swagger.json", "sub/apidefinition.swagger.json")),
    ]


def test_a_folder_package_loads_its_files(tmp_path):
    root = _tree(tmp_path)
    (source,) = find_packages([root])
    package = source.load()
    assert sorted(package.files) == ["README.md", "apiDefinition.swagger.json", "sub/a b.json", "sub/deeper/big.json", "sub/deeper/script.csx"]
    assert [p.file for p in package.load_problems] == ["dangling.json", "link.md", "sub/pipe.json"]
