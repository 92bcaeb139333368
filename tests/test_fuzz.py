"""The short fuzz profile: generated mutants of synthetic and real packages, scanned and diffed.

A fixed seed (``derandomize``) and a fixed budget keep it deterministic and
within a couple of minutes on a 2-core CI machine; ``scripts/fuzz.py`` is the
long profile. What counts as a failure is in ``tests/fuzzlib.py`` (an escaping
exception, VET001/VET002, an exit code outside 0/1/2, a report that does not
validate, output that cannot be written, a case over the time bound). Cases the
fuzzer found are kept as packages under ``fixtures/fuzz/`` and replayed here.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests import fuzzlib
from tests.conftest import ROOT, shared_dir

FUZZ_FIXTURES = ROOT / "fixtures" / "fuzz"
SHORT = {
    "derandomize": True,  # a fixed seed: the same cases on every run
    "database": None,
    "deadline": None,  # run_case checks its own time bound (fuzzlib.TIME_BOUND)
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large],
    "print_blob": True,
}


def cases(bases: list[str], modes: list[str]) -> st.SearchStrategy[fuzzlib.Case]:
    mutation = st.tuples(st.sampled_from(fuzzlib.MUTATION_KINDS), st.integers(0, 2**32 - 1))
    return st.builds(
        fuzzlib.Case,
        st.sampled_from(bases),
        st.lists(mutation, min_size=1, max_size=4).map(tuple),
        st.sampled_from(modes),
    )


def check(case: fuzzlib.Case, cli: bool = False) -> None:
    outcome = fuzzlib.run_case(case, cli=cli)
    assert not outcome.failures, f"{case.to_json()}\n" + "\n".join(f"{s}\n{d}" for s, d in outcome.failures[:3])


@settings(max_examples=120, **SHORT)
@given(cases(fuzzlib.fixture_bases(), ["memory"]))
def test_mutants_of_synthetic_packages(case):
    check(case)


@settings(max_examples=40, **SHORT)
@given(cases(fuzzlib.fixture_bases(), ["folder", "zip"]))
def test_mutants_on_disk_through_loader_and_cli(case):
    check(case, cli=True)


@pytest.fixture(scope="module")
def corpus_bases():
    shared_dir("corpus")
    return list(fuzzlib.corpus_bases())


def test_mutants_of_real_corpus_packages(corpus_bases):
    @settings(max_examples=40, **SHORT)
    @given(cases(corpus_bases, ["memory", "memory", "memory", "zip"]))
    def run(case):
        check(case)

    run()


def test_mutations_are_deterministic_and_change_something():
    base = fuzzlib.base_files("fixture:minimal")
    changed = 0
    for i, kind in enumerate(fuzzlib.MUTATION_KINDS):
        one = fuzzlib.mutate(base, ((kind, 1000 + i),))
        assert one == fuzzlib.mutate(base, ((kind, 1000 + i),))
        changed += one != base
    assert changed >= len(fuzzlib.MUTATION_KINDS) - 1  # a mutation may rarely hit a no-op


def test_the_harness_sees_a_failure(monkeypatch):
    """A renderer that returns an unwritable string is caught as a failure, not swallowed (the harness can fail)."""
    from vetter.render import formats, scan

    # what a renderer without the safe-text step would return
    monkeypatch.setattr(scan, "render_text", lambda data, colour=False, detail="default": "\ud800")
    monkeypatch.setattr(formats, "safe_text", lambda text: text)
    outcome = fuzzlib.run_case(fuzzlib.Case("fixture:minimal", (("delete", 1),)))
    assert any(sig.startswith("scan-text:UnicodeEncodeError") for sig, _ in outcome.failures), outcome.failures


REGRESSIONS = sorted(p for p in FUZZ_FIXTURES.iterdir() if p.is_dir()) if FUZZ_FIXTURES.is_dir() else []


@pytest.mark.parametrize("folder", REGRESSIONS, ids=[p.name for p in REGRESSIONS])
def test_found_cases_stay_fixed(folder: Path):
    """Each case the fuzzer found: no failure in any way in, and the finding it must give."""
    from vetter.commands.scan import check_source
    from vetter.model.loader import find_packages

    expect = json.loads((folder / "expect.json").read_text())
    files = {p.relative_to(folder / "package").as_posix(): p.read_bytes() for p in sorted((folder / "package").rglob("*")) if p.is_file()}
    outcome = fuzzlib.run_case_on_files(folder.name, files)
    assert not outcome.failures, outcome.failures[:3]
    eng = fuzzlib.engine()
    (source,) = find_packages([folder / "package"])
    result = check_source(source, eng["catalog"], eng["settings"], None)
    found = {f.rule for f in result.findings}
    assert set(expect["rules"]) <= found, (expect, found)
