"""Scan every real package in ../shared/corpus: no crash, no traceback, defects found."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from tests.conftest import ROOT, shared_dir
from tests.lines import check_line
from vetter.model.jsonfile import JsonFile

REPORT_SCHEMA = json.loads((ROOT / "vetter" / "schemas" / "report-v2.schema.json").read_text())

# Unparseable files of the corpus, with the line the strict parser stops at (docs/corpus.md).
UNPARSEABLE = {
    "AccuWeather": 9,
    "GIPHY": 810,
    "Icon Horse": 56,
    "StabilityAI": 16,
    "XSOAR": 10,
}


def test_whole_corpus_scans_without_error(tmp_path):
    corpus = shared_dir("corpus")
    out = tmp_path / "report.json"
    proc = subprocess.run(
        [sys.executable, "-m", "vetter.cli", "scan", str(corpus), "--format", "json", "--output", str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
    )
    assert "Traceback" not in proc.stderr + proc.stdout
    assert proc.returncode in (0, 1), proc.stderr
    report = json.loads(out.read_text())
    jsonschema.validate(report, REPORT_SCHEMA)
    packages = {p["name"]: p for p in report["packages"]}
    expected = sum(1 for group in corpus.iterdir() if group.is_dir() for d in group.iterdir() if d.is_dir())
    assert len(packages) == expected
    findings = [(p["name"], f) for p in report["packages"] for f in p["findings"]]
    assert not [f for _, f in findings if f["rule"] == "VET001"], "a rule crashed on a real package"
    syntax = {name: f["line"] for name, f in findings if f["rule"] == "JSN001"}
    assert syntax == UNPARSEABLE
    encodings = {name for name, f in findings if f["rule"] == "JSN003"}
    assert encodings == {"Brønnøysundregistrene", "Yelp"}
    duplicates = [name for name, f in findings if f["rule"] == "JSN006"]
    assert duplicates.count("Hashify") == 9 and "De Lijn" in duplicates
    texts: dict[tuple[str, str], tuple[str, object]] = {}
    for p in report["packages"]:
        for f in p["findings"]:
            assert f["hint"]
            path = Path(p["origin"]) / f["file"]
            if f["file"] == "." or not path.is_file():
                assert (f["line"], f["column"]) == (1, 1), f
                continue
            if (p["origin"], f["file"]) not in texts:
                jf = JsonFile(f["file"], path.read_bytes())
                texts[(p["origin"], f["file"])] = (jf.text, jf.data if jf.parsed else None)
            text, data = texts[(p["origin"], f["file"])]
            check_line(text, data, f["pointer"], f["line"], f["column"])


def test_every_corpus_package_compared_with_itself_reformatted_has_no_change():
    """diff(X, X with keys sorted and re-indented) is empty for every real package."""
    from vetter.compare import diff_packages
    from vetter.model.loader import find_packages
    from vetter.model.package import package_from_files

    corpus = shared_dir("corpus")
    compared = 0
    for source in find_packages([corpus]):
        package = source.load()
        file = package.swagger_file
        if file is None or not file.parsed or not isinstance(file.data, dict):
            continue
        reformatted = dict(package.files)
        reformatted[file.name] = json.dumps(file.data, sort_keys=True, indent=1).encode()
        twin = package_from_files(package.name, reformatted, kind=package.kind)
        result = diff_packages(package, twin)
        assert result.changes == [], (package.name, [c.key for c in result.changes][:5])
        compared += 1
    assert compared >= 400


@pytest.mark.slow
def test_the_corpus_report_is_the_same_bytes_from_workers_one_process_and_a_saved_json(tmp_path):
    """Every format of a whole-corpus scan: forked workers give what one process gives, and
    ``vetter report`` re-renders the saved JSON to the scan's own bytes (nothing a renderer shows
    is computed outside the JSON model; a secret a worker found is redacted the same way)."""
    corpus = shared_dir("corpus")
    formats = ("json", "sarif", "text", "markdown", "html", "junit", "github")
    flags = [arg for f in formats for arg in ("--format", f)]

    def run(*args: str) -> None:
        proc = subprocess.run([sys.executable, "-m", "vetter.cli", *args], capture_output=True, text=True, cwd=ROOT, timeout=1200)
        assert proc.returncode == 0, proc.stderr

    run("scan", str(corpus), "--jobs", "1", *flags, "--fail-on", "never", "--output-dir", str(tmp_path / "one"))
    run("scan", str(corpus), "--jobs", "2", *flags, "--fail-on", "never", "--output-dir", str(tmp_path / "two"))
    run("report", str(tmp_path / "one" / "vetter-report.json"), *flags, "--output-dir", str(tmp_path / "saved"))
    names = sorted(p.name for p in (tmp_path / "one").iterdir())
    assert len(names) == len(formats)
    for name in names:
        one = (tmp_path / "one" / name).read_bytes()
        assert (tmp_path / "two" / name).read_bytes() == one, name
        assert (tmp_path / "saved" / name).read_bytes() == one, name
    assert b"[redacted" in (tmp_path / "one" / "vetter-report.json").read_bytes()  # the corpus has secrets to redact
