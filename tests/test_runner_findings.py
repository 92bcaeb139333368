"""The runner's findings made per rule (``_rule_findings``) against ``make_finding`` one violation at a
time, and ``_dedupe``'s location against ``Finding.location``: the same findings, field by field
(the fix and the fingerprint included), on random violations of a small package."""

from __future__ import annotations

import json

import msgspec
from hypothesis import given, settings
from hypothesis import strategies as st

from vetter.base.rule import Edit, Fix, Fixability, Location, Rule, Severity, Violation
from vetter.engine.catalog import discover
from vetter.engine.runner import Finding, _dedupe, _rule_findings, make_finding
from vetter.engine.settings import Settings
from vetter.model.package import package_from_files

SWAGGER = json.dumps(
    {
        "swagger": "2.0",
        "paths": {"/a/{id}": {"get": {"parameters": [{"name": "id", "in": "path"}, {"name": "q"}]}}, "/b": {}},
        "definitions": {"x~y": {"type": "object", "properties": {"é": {"type": "string"}}}, "a/b": [1, {"c": None}]},
    },
    indent=2,
    ensure_ascii=False,
)
FILES = {
    "apiDefinition.swagger.json": SWAGGER.encode(),
    "apiProperties.json": b'{"properties": {"iconBrandColor": "#fff"}}',
    "script.csx": b"\xef\xbb\xbfusing System;\r\nclass Script {\n  // \xe2\x82\xac line three\n}\n",
    "broken.json": b'{"a": [1, 2,], "b": ',
}
POINTERS = [
    "", "/swagger", "/paths", "/paths/~1a~1{id}/get/parameters/1/name", "/paths/~1a~1{id}/get/parameters/0",
    "/paths/~1b/post", "/definitions/x~0y/properties/é", "/definitions/a~1b/1/c", "/definitions/a~1b/7",
    "/definitions/missing/deeper", "/paths/~2bad", "/a", "/properties/iconBrandColor", "/b",
]
CATALOG = discover(entry_points=False)
DOC = "# Rule\n\n## How to fix\n\nDo the\nthing.\n\nMore.\n"

rules = st.builds(
    Rule,
    id=st.sampled_from(["SWG001", "OPR007", "CRT010"]),
    name=st.just("some-rule"),
    category=st.sampled_from(["swagger", "package"]),
    severity=st.sampled_from(list(Severity)),
    aliases=st.sampled_from([(), ("MS1",)]),
    fix=st.sampled_from(list(Fixability)),
)
fixes = st.one_of(
    st.none(),
    st.builds(Fix, title=st.just("t"), edits=st.just(())),
    st.builds(
        Fix, title=st.just("t"), edits=st.just((Edit.remove(Location("apiDefinition.swagger.json", "/paths/~1b")),)), unsafe=st.booleans()
    ),
)
locations = st.one_of(
    st.builds(Location, file=st.sampled_from(["apiDefinition.swagger.json", "apiProperties.json", "broken.json", "absent.json"]), pointer=st.sampled_from(POINTERS)),
    st.builds(Location, file=st.just("apiDefinition.swagger.json"), pointer=st.sampled_from(POINTERS), line=st.integers(1, 9), column=st.none() | st.integers(0, 9)),
    st.builds(Location, file=st.sampled_from(["script.csx", "absent.txt"]), line=st.integers(0, 7), column=st.none() | st.integers(0, 5)),
    st.builds(Location, file=st.sampled_from([".", "script.csx", "apiProperties.json"])),
)
violations = st.builds(
    Violation,
    location=locations,
    message=st.sampled_from(["m", "n", "é\ud800"]),
    hint=st.sampled_from([None, "", "h"]),
    key=st.sampled_from([None, "", "k", "\udc00"]),
    severity=st.none() | st.sampled_from(list(Severity)),
    fix=fixes,
)


def fields(findings: list[Finding]) -> list[tuple[object, ...]]:
    return [msgspec.structs.astuple(f) for f in findings]


@settings(max_examples=300, deadline=None)
@given(rule=rules, found=st.lists(violations, max_size=12), override=st.none() | st.sampled_from(["error", "info"]))
def test_rule_findings_are_make_finding(rule: Rule, found: list[Violation], override: str | None) -> None:
    config = Settings(severity={} if override is None else {rule.id: override}).bind(CATALOG)
    one_by_one = package_from_files("p", FILES)
    at_once = package_from_files("p", FILES)
    at_once.prefetch(v.location for v in found)  # as run_rules does first; make_finding locates as it goes
    expected = [make_finding(rule, DOC, v, one_by_one, config) for v in found]
    assert fields(_rule_findings(rule, DOC, found, at_once, config)) == fields(expected)


@settings(max_examples=200, deadline=None)
@given(found=st.lists(violations, max_size=12))
def test_dedupe_keys_on_the_findings_location(found: list[Violation]) -> None:
    package = package_from_files("p", FILES)
    rule = Rule("SWG001", "some-rule", "swagger", Severity.ERROR)
    made = [make_finding(rule, DOC, v, package, Settings().bind(CATALOG)) for v in found]
    made += [msgspec.structs.replace(f, pointer=None) for f in made] + [msgspec.structs.replace(f, pointer=None, line=None) for f in made]
    seen: set[tuple[str, str, str]] = set()
    expected = []
    for f in made:
        if (f.fingerprint, f.message, f.location) not in seen:
            seen.add((f.fingerprint, f.message, f.location))
            expected.append(f)
    assert fields(_dedupe(made)) == fields(expected)


def test_a_run_s_violations_are_listed_whether_the_check_yields_none_some_or_too_many(monkeypatch):
    """The rule loop takes a run's first violation before it makes a list (most runs have none): a
    check that yields nothing, returns a list, yields one, up to the limit or past it, or stops with
    ``InputUnavailable`` before or after yielding, gives the findings and notes it always gave."""
    from vetter.base.rule import InputUnavailable
    from vetter.engine import runner
    from vetter.engine.catalog import LoadedRule

    monkeypatch.setattr(runner, "MAX_PER_RULE", 2)
    here = Location("apiDefinition.swagger.json", "/paths")

    def checks(kind):
        if kind == "none":
            return iter(())
        if kind == "empty list":
            return []
        if kind == "list":
            return [Violation(here, f"v{i}") for i in range(3)]
        if kind == "unavailable at once" or kind == "unavailable after one":
            def gen():
                if kind == "unavailable after one":
                    yield Violation(here, "v0")
                raise InputUnavailable("no input")
            return gen()
        return (Violation(here, f"v{i}") for i in range(int(kind)))

    package = package_from_files("p", FILES, kind="folder")
    got = {}
    for kind in ("none", "empty list", "list", "unavailable at once", "unavailable after one", "1", "2", "3"):
        monkeypatch.setattr(LoadedRule, "run", lambda self, package, options, kind=kind: checks(kind))
        result = runner.run_rules(package, CATALOG, Settings().bind(CATALOG), only=frozenset({"SWG035"}))
        got[kind] = ([(f.rule, f.message) for f in result.findings], result.rules_run, result.rules_skipped)
    note = ("VET011", "Rule SWG035 (response-schema-missing) found 3 problems in this package; the first 2 are listed and 1 more are not.")
    listed = [("SWG035", "v0"), ("SWG035", "v1")]
    assert got == {
        "none": ([], ["SWG035"], {}),
        "empty list": ([], ["SWG035"], {}),
        "list": ([note, *listed], ["SWG035"], {}),  # the note is about the package (".", line 1): sorted first
        "unavailable at once": ([], [], {"SWG035": "no input"}),
        "unavailable after one": ([], [], {"SWG035": "no input"}),
        "1": ([("SWG035", "v0")], ["SWG035"], {}),
        "2": (listed, ["SWG035"], {}),
        "3": ([note, *listed], ["SWG035"], {}),
    }


def test_a_violation_left_to_a_rule_is_dropped_only_when_that_rule_ran_to_its_end(monkeypatch):
    """``Violation.left_to``: SWG035's violation left to SWG036 is dropped when SWG036 ran on the
    package and finished; kept when SWG036 is not selected, skipped for want of input, crashed or
    cut short, so no configuration hears of the slip from neither rule."""
    from vetter.base.rule import InputUnavailable
    from vetter.engine import runner
    from vetter.engine.catalog import LoadedRule

    monkeypatch.setattr(runner, "MAX_PER_RULE", 2)
    here = Location("apiDefinition.swagger.json", "/paths")
    package = package_from_files("p", FILES, kind="folder")

    def run_with(other):
        def fake(self, package, options):
            if self.id == "SWG035":
                return [Violation(here, "mine"), Violation(here, "left", key="left", left_to="SWG036")]
            if other == "crashes":
                raise ValueError("boom")
            if other == "unavailable":
                raise InputUnavailable("no input")
            if other == "cut short":
                return [Violation(here, f"o{i}", key=f"o{i}") for i in range(3)]
            return []

        monkeypatch.setattr(LoadedRule, "run", fake)
        only = frozenset({"SWG035"}) if other == "off" else frozenset({"SWG035", "SWG036"})
        result = runner.run_rules(package, CATALOG, Settings().bind(CATALOG), only=only)
        return sorted(f.message for f in result.findings if f.rule == "SWG035")

    assert run_with("runs") == ["mine"]
    for other in ("off", "unavailable", "crashes", "cut short"):
        assert run_with(other) == ["left", "mine"], other
