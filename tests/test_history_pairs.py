"""Every real (old, new) swagger pair in ../shared/history-pairs: no pair may crash the diff."""

from __future__ import annotations

import json

from click.testing import CliRunner

from tests.conftest import shared_dir
from vetter.cli import main
from vetter.compare import DiffError, diff_packages
from vetter.package import package_from_files


def lone(name: str, raw: bytes):
    pkg = package_from_files(name, {"apiDefinition.swagger.json": raw}, kind="swagger")
    return pkg


def test_every_history_pair():
    root = shared_dir("history-pairs")
    records = [json.loads(line) for line in (root / "index.jsonl").read_text().splitlines() if line.strip()]
    assert len(records) >= 150
    compared = unreadable = 0
    for record in records:
        old = lone("old", (root / record["old_file"]).read_bytes())
        new = lone("new", (root / record["new_file"]).read_bytes())
        try:
            result = diff_packages(old, new)
        except DiffError as exc:
            # only a side that no JSON parser can read may stop a diff, with its position
            assert not (record["old_parses"] and record["new_parses"]), record
            assert "line" in str(exc)
            unreadable += 1
            continue
        compared += 1
        for change in result.changes:
            where = change.new or change.old
            assert where is not None and where.line >= 1, (record["connector"], change)
    assert compared >= 140 and unreadable <= 10


def test_an_unreadable_pair_is_a_one_line_error():
    root = shared_dir("history-pairs")
    records = [json.loads(line) for line in (root / "index.jsonl").read_text().splitlines() if line.strip()]
    record = next(r for r in records if not r["new_parses"] or not r["old_parses"])
    result = CliRunner().invoke(main, ["diff", str(root / record["old_file"]), str(root / record["new_file"])])
    assert result.exit_code == 2 and len(result.output.strip().splitlines()) == 1
    assert "Traceback" not in result.output
