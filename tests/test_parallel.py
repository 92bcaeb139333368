"""``vetter scan --jobs N``: worker processes give the report one process gives, byte for byte."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from vetter.commands.scan import chunk_size
from vetter.engine.cases import base_files

ROOT = Path(__file__).resolve().parents[1]


def portfolio(tmp_path: Path, count: int = 10) -> Path:
    """``count`` packages: clean ones, broken JSON, a planted secret, a missing file."""
    top = tmp_path / "portfolio"
    for i in range(count):
        files = base_files("minimal")
        if i % 3 == 1:
            files["apiDefinition.swagger.json"] = files["apiDefinition.swagger.json"].replace(b'"version": "1.0",', b'"version": "1.0",,')
        if i % 4 == 2:
            files["apiProperties.json"] = files["apiProperties.json"].replace(
                b"{", b'{"x": "https://prod-01.westeurope.logic.azure.com/workflows/a/triggers/manual/paths/invoke?sig=AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdefg",', 1
            )
        if i == 5:
            del files["apiProperties.json"]
        pkg = top / f"pkg{i}"
        pkg.mkdir(parents=True)
        for name, raw in files.items():
            (pkg / name).write_bytes(raw)
    return top


def vetter(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "vetter.cli", *args], capture_output=True, cwd=ROOT, check=False, timeout=300)


@pytest.mark.parametrize("count", [10, 24])  # one package a hand-out, then three (chunk_size)
def test_workers_give_the_single_process_report_byte_for_byte(tmp_path, count):
    top = portfolio(tmp_path, count)
    one = vetter("scan", str(top), "--jobs", "1", "--format", "json", "--fail-on", "never")
    two = vetter("scan", str(top), "--jobs", "2", "--format", "json", "--fail-on", "never")
    auto = vetter("scan", str(top), "--format", "sarif", "--fail-on", "never")
    auto_one = vetter("scan", str(top), "--jobs", "1", "--format", "sarif", "--fail-on", "never")
    assert one.returncode == two.returncode == 0, two.stderr
    assert b'"findings": []' in one.stdout and b"CRD" in one.stdout  # clean and failing packages both there
    assert one.stdout == two.stdout
    assert auto.stdout == auto_one.stdout


@pytest.mark.parametrize("count", [10, 24])
def test_a_worker_that_dies_does_not_hang_the_scan_or_lose_a_package(tmp_path, count):
    top = portfolio(tmp_path, count)
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "org001_dies_in_a_worker.py").write_text(
        textwrap.dedent(
            '''
            """Kills the worker process that checks pkg3 (a stand-in for a crash or the OOM killer).

            ## Why
            To prove the scan goes on.

            ## How to fix
            Nothing.
            """
            import multiprocessing
            import os

            from vetter import Rule, Severity

            RULE = Rule(id="ORG001", name="dies-in-a-worker", category="org", severity=Severity.INFO)

            def check(package):
                if multiprocessing.parent_process() is not None and package.name == "pkg3":
                    os._exit(9)
                return
                yield
            '''
        )
    )
    one = vetter("scan", str(top), "--rules-dir", str(rules), "--jobs", "1", "--format", "json", "--fail-on", "never")
    two = vetter("scan", str(top), "--rules-dir", str(rules), "--jobs", "2", "--format", "json", "--fail-on", "never")
    assert two.returncode == 0, two.stderr
    assert one.stdout == two.stdout
    assert len(json.loads(two.stdout)["packages"]) == count


@pytest.mark.parametrize(
    ("packages", "jobs", "size"),
    [(8, 2, 1), (10, 2, 1), (24, 2, 3), (63, 2, 7), (64, 2, 8), (698, 2, 8), (698, 8, 8), (40, 8, 1)],
)
def test_a_worker_is_handed_a_few_packages_at_a_time_and_at_least_four_times(packages, jobs, size):
    assert chunk_size(packages, jobs) == size


def test_workers_write_each_package_entry_of_a_report_written_as_json_alone(tmp_path):
    """``scan(packed=True)``: each worker writes its packages' entries of the JSON report, which
    ``to_dict(packed=True)`` joins to the bytes the parent writes without them; a package the gate
    or an approval may have changed after the scan is written afresh from the tables read back."""
    from vetter.base.jsontext import Packed, pretty_bytes
    from vetter.commands.scan import run_options, scan
    from vetter.engine.catalog import discover
    from vetter.engine.gate import GateResult
    from vetter.engine.settings import Settings
    from vetter.model.loader import find_packages
    from vetter.report.model import to_dict

    top = portfolio(tmp_path, 10)
    catalog = discover(entry_points=False)
    settings = Settings().bind(catalog)
    sources = list(find_packages([str(top)]))

    def run(packed):
        return scan(sources, catalog, settings, run_options(settings, catalog), jobs=2, parallel=sources, packed=packed)

    plain = run(False)
    assert plain.parts == {}
    whole = pretty_bytes(to_dict(plain))
    report = run(True)
    keys = sorted((p.origin, p.package) for p in report.packages)
    assert sorted(report.parts) == keys
    assert all(report.parts[(p.origin, p.package)][0] is p for p in report.packages)  # type: ignore[index]
    assert report.sources == {}  # the excerpts travelled in the entries only
    data = to_dict(report, packed=True)
    assert [type(x) for x in data["packages"]] == [Packed] * 10
    assert pretty_bytes(data) == whole
    assert pretty_bytes(to_dict(report)) == whole  # the tables read back from the entries give the same report
    assert report.parts == {} and sorted(report.sources) == sorted(plain.sources)

    report = run(True)
    report.approvals[keys[3]] = {"state": "approved"}
    plain.approvals[keys[3]] = {"state": "approved"}
    data = to_dict(report, packed=True)
    assert [type(x) for x in data["packages"]] == [Packed] * 3 + [dict] + [Packed] * 6
    assert pretty_bytes(data) == pretty_bytes(to_dict(plain))
    report.gate = GateResult()
    plain.gate = GateResult()
    assert [type(x) for x in to_dict(report, packed=True)["packages"]] == [dict] * 10
    assert pretty_bytes(to_dict(report, packed=True)) == pretty_bytes(to_dict(plain))


@pytest.mark.parametrize("order", [(0, 3, 2), (3, 0, 2), (0, 2, 3), (2, 3, 0), (3, 3, 0), (1, 0), (0, 3), (0, -2), (0, -2, 3), (-2, 3), (0, -3)])
def test_packages_of_one_name_read_the_later_ones_tables_with_or_without_packed_entries(tmp_path, monkeypatch, order):
    """Two packages of one name: the parent writes both entries, each from the tables the later
    package left (as it did before workers wrote entries), whichever of them a worker packed
    (a worker leaves an entry it cannot write, one with a float, to the parent)."""
    from msgspec.structs import replace

    import vetter.commands.scan as scan_module
    from vetter.base.jsontext import pretty_bytes
    from vetter.commands.scan import run_options
    from vetter.engine.catalog import discover
    from vetter.engine.settings import Settings
    from vetter.model.loader import find_packages
    from vetter.report.model import ScanReport, to_dict

    top = portfolio(tmp_path, 3)  # a clean package, one with broken JSON, one with a secret
    catalog = discover(entry_points=False)
    settings = Settings().bind(catalog)
    sources = list(find_packages([str(top)]))
    monkeypatch.setattr(scan_module, "_JOB", (sources, (catalog, settings, run_options(settings, catalog))))
    made = {}
    for pack in (True, False):
        monkeypatch.setattr(scan_module, "_PACK", pack)
        made[pack] = [scan_module._check_one(i) for i in range(3)]
    assert [len(p) for p in made[True]] == [6, 6, 6] and [len(p) for p in made[False]] == [8, 8, 8]
    assert [p[5] for p in made[True]] == [(True, True)] * 3
    # a package whose check failed after its rules: no excerpts, publisher, security profile or questionnaire
    failed = (made[False][1][0], None, None, None, None, made[False][1][5], None)
    made[False].append((*failed, []))
    mirror = ScanReport()
    scan_module._tables(mirror, *failed)
    made[True].append((failed[0], None, failed[5], [], scan_module._packed(mirror, failed[0]), (False, False)))
    written = {}
    for pack in (True, False):
        monkeypatch.setattr(scan_module, "_PACK", pack)
        report = ScanReport()
        for i in order:
            part = made[pack][i] if i >= 0 else made[False][-i]  # -2: package 2 whose entry its worker left to the parent
            scan_module._add_part(report, (replace(part[0], origin="same", package="same"), *part[1:]))
        written[pack] = pretty_bytes(to_dict(report, packed=pack))
        assert report.parts in ({}, {("same", "same"): None})
    assert written[True] == written[False]
