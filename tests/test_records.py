"""vetter's records are msgspec Structs: what their dataclasses did is kept, and a run creates no
dataclass and no ``typing.NamedTuple``.

A Struct is built in C when its module is imported; a dataclass compiles each generated method on
every start, and a ``typing.NamedTuple`` compiles each field's (string) annotation and the tuple's
``__new__`` (docs/architecture.md, "Records"). The few fields a dataclass kept out of ``repr`` or
equality stay out (``vetter.base.record``).
"""

from __future__ import annotations

import pickle
import subprocess
import sys
import textwrap

import pytest
from msgspec.structs import replace

from tests.conftest import ROOT
from vetter.base.rule import Edit, Fix, Location, Severity, Violation
from vetter.engine.cases import base_files
from vetter.engine.runner import Finding, PackageResult
from vetter.model.analysis import Analysis, analysis_of
from vetter.model.package import package_from_files
from vetter.security.secrets import SecretHit


def _finding(fix: Fix | None = None) -> Finding:
    return Finding("SWG003", "operation-missing-summary", (), "swagger", Severity.WARNING, "No summary.", "Add one.",
                   "apiDefinition.swagger.json", "/paths/~1widgets/get", 12, 7, "f1", None, fix)


def test_a_secrets_value_and_spellings_stay_out_of_its_repr():
    hit = SecretHit("client-secret", "apiProperties.json", "/properties/x", 3, 5, "error", "abc…[redacted]",
                    "abcdefghij0123456789SECRET", written=("abcdefghij0123456789SECR\\u0045T",))
    assert repr(hit) == (
        "SecretHit(kind='client-secret', file='apiProperties.json', pointer='/properties/x', line=3, column=5, "
        "severity='error', redacted='abc…[redacted]', family='known-format', context='', detector='')"
    )
    assert hit.value == "abcdefghij0123456789SECRET"


def test_a_findings_fix_is_not_part_of_its_equality_or_hash():
    fix = Fix("Add a summary", (Edit.add(Location("apiDefinition.swagger.json", "/paths/~1widgets/get/summary"), {"text": "Get"}),))
    plain, fixed = _finding(), _finding(fix)
    assert plain == fixed
    assert (plain != fixed) is False  # != asks the same __eq__
    assert hash(plain) == hash(fixed)  # hashable although the edit's value is a dict
    assert _finding() != replace(plain, line=13)
    assert {plain, fixed} == {plain}


def test_records_compare_and_hash_by_value_and_copy_with_changes():
    a = Violation(Location("readme.md", line=4), "Too short.", hint="Say more.")
    assert a == Violation(Location("readme.md", None, 4), "Too short.", "Say more.")
    assert hash(a) == hash(Violation(Location("readme.md", line=4), "Too short.", hint="Say more."))
    moved = replace(a, location=Location("readme.md", line=5))
    assert (moved.location.line, moved.message, a.location.line) == (5, "Too short.", 4)
    with pytest.raises(AttributeError):
        a.message = "changed"  # type: ignore[misc]


def test_a_packages_equality_and_repr_leave_out_its_caches_and_analysis():
    one = package_from_files("minimal", base_files("minimal"))
    two = package_from_files("minimal", base_files("minimal"))
    one.decoded("readme.md")  # fills one's text cache
    analysis_of(one)  # and gives it an analysis
    assert one == two
    assert repr(one) == repr(two) and "analysis" not in repr(one) and "_texts" not in repr(one)
    assert repr(one.analysis).startswith("Analysis(package=ConnectorPackage(name='minimal', origin='minimal', kind='memory', files=")
    assert one != replace(two, submission=True)


def test_the_analysis_slots_are_written_once_and_otherwise_frozen():
    package = package_from_files("minimal", base_files("minimal"))
    analysis = Analysis(package)
    analysis.fill(secret_pairs=[("k", "v")])
    analysis.fill(secret_pairs=[("other", "value")])
    assert analysis.secret_pairs == [("k", "v")]
    assert analysis.memo("profile", lambda: "built") == "built"
    assert analysis.memo("profile", lambda: "again") == "built"
    with pytest.raises(AttributeError):
        analysis.profile = None  # type: ignore[misc]
    assert analysis != Analysis(package)  # identity, as the eq=False dataclass was


def test_a_package_result_crosses_to_the_parent_process_whole():
    result = PackageResult("minimal", "fixtures/minimal", "folder", {"a.json": "00"}, [_finding()], ["SWG003"], {"SWG001": "no swagger"})
    back = pickle.loads(pickle.dumps(result))
    assert (back.findings, back.rules_run, back.rules_skipped, back.files) == (result.findings, ["SWG003"], {"SWG001": "no swagger"}, {"a.json": "00"})


def test_a_scan_and_a_diff_create_no_dataclass_or_named_tuple_of_vetter():
    """Each dataclass or ``typing.NamedTuple`` costs compiles on every start: none of vetter's may be on these paths."""
    minimal = ROOT / "fixtures" / "packages" / "minimal"
    swagger = minimal / "apiDefinition.swagger.json"
    probe = textwrap.dedent(f"""
        import dataclasses, inspect, sys
        made = []
        build = dataclasses._process_class
        def counted(cls, *args, **kwargs):
            made.append(cls)
            return build(cls, *args, **kwargs)
        dataclasses._process_class = counted
        import typing
        make_tuple = typing._make_nmtuple
        def counted_tuple(name, types, module, defaults=()):
            made.append(name + " (NamedTuple)") if module.startswith(("vetter", "rules")) else None
            return make_tuple(name, types, module, defaults)
        typing._make_nmtuple = counted_tuple
        import vetter.cli
        sys.argv = ["vetter", *sys.argv[1:]]
        try:
            vetter.cli.main()
        except SystemExit:
            pass
        ours = [c if isinstance(c, str) else c.__qualname__ for c in made if isinstance(c, str) or inspect.getfile(c).startswith({str(ROOT)!r})]
        print(ours, file=sys.stderr)
    """)
    for args in (["scan", str(minimal), "--format", "json", "--output", "/dev/null"],
                 ["diff", str(swagger), str(swagger), "--format", "json", "--output", "/dev/null"]):
        run = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True, cwd=ROOT, timeout=300, check=False)
        assert run.stderr.splitlines()[-1] == "[]", run.stderr[-2000:]
