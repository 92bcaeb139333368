"""Hints say how to fix what happened, in the reader's terms (issue 10's message pass)."""

from __future__ import annotations

import json
import os
import shutil
import zipfile

from click.testing import CliRunner

from tests.conftest import ROOT
from vetter.cli import main

MINIMAL = ROOT / "fixtures" / "packages" / "minimal"


def findings_of(path, rule: str) -> list[dict]:
    out = CliRunner().invoke(main, ["scan", str(path), "--format", "json", "--select", rule]).stdout
    return [f for p in json.loads(out)["packages"] for f in p["findings"]]


def test_a_link_in_a_folder_gets_a_folder_hint(tmp_path):
    pkg = tmp_path / "pkg"
    shutil.copytree(MINIMAL, pkg)
    os.symlink(tmp_path / "elsewhere.json", pkg / "linked.json")
    (hit,) = findings_of(pkg, "PKG004")
    assert "link" in hit["hint"] and "archive" not in hit["hint"]


def test_a_link_in_an_archive_gets_the_rebuild_hint(tmp_path):
    archive = tmp_path / "pkg.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for f in MINIMAL.iterdir():
            z.write(f, f.name)
        z.writestr("../evil.json", "{}")
    (hit,) = findings_of(archive, "PKG004")
    assert "Rebuild the archive" in hit["hint"]


def test_an_unreadable_file_is_not_called_oversized(tmp_path, monkeypatch):
    """The loader's own ``open`` refuses the file (as root, ``chmod 0`` would not), so CI runs this too."""
    import builtins

    import vetter.model.loader as loader

    pkg = tmp_path / "pkg"
    shutil.copytree(MINIMAL, pkg)

    def refuse(path, *args, **kwargs):
        if str(path).endswith("apiProperties.json"):
            raise PermissionError(13, "Permission denied", str(path))
        return builtins.open(path, *args, **kwargs)

    monkeypatch.setattr(loader, "open", refuse, raising=False)
    hits = findings_of(pkg, "PKG005")
    assert [(h["file"], h["message"]) for h in hits] == [(".", "apiProperties.json could not be read: Permission denied.")]
    assert "oversized" not in hits[0]["hint"] and "Remove" not in hits[0]["hint"]


def test_every_pkg005_kind_has_its_own_hint():
    from importlib import import_module

    module = import_module("rules.package.pkg005_input_limit_exceeded")
    assert set(module.HINTS) >= {"archive-limit", "file-too-large", "unreadable", "unreadable-archive"}
    assert "oversized" not in module.HINTS["unreadable"] and "Remove" not in module.HINTS["unreadable"]
    assert "damaged" in module.HINTS["unreadable-archive"]


def test_a_damaged_zip_gets_the_recreate_hint(tmp_path):
    portfolio = tmp_path / "portfolio"
    shutil.copytree(MINIMAL, portfolio / "good")
    (portfolio / "broken.zip").write_bytes(b"PK\x03\x04 not really a zip")
    hits = findings_of(portfolio, "PKG005")
    assert hits and "Re-create the zip" in hits[0]["hint"]
