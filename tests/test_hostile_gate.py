"""Hostile shapes in the gate (waivers) and the report renderers: none costs a product of two inputs.
Part of the robustness suite (docs/robustness.md): each case has a bound in CPU seconds of this
process, several times what it takes here, so a quadratic path fails while a busy machine does not.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.test_pathological import CATALOG, SETTINGS, timed
from vetter.engine.cases import base_files
from vetter.engine.runner import run_rules
from vetter.model.package import package_from_files
from vetter.report.model import ScanReport, to_dict

SWAGGER = "apiDefinition.swagger.json"


def scan(files: dict[str, bytes]):
    return run_rules(package_from_files("p", files, kind="folder"), CATALOG, SETTINGS)


def test_junit_lists_each_packages_not_counted_items_in_linear_time():
    """A portfolio report of P packages with K "not counted" security items each (settings.not_counted,
    one portfolio-wide list): the JUnit renderer filtered the whole list for every package, P x P*K
    comparisons (2,000 packages x 20 items: 17 s against 3.5 s for JSON; this one, 4,000 x 8: 9 s). It groups the list by package
    once; every suite still lists exactly its own items, in the report's order."""
    from vetter.render.junit import scan_junit

    report = ScanReport(fail_on="error", rules=[])
    report.packages.append(scan(base_files("minimal")))
    data = json.loads(json.dumps(to_dict(report)))
    one = dict(data["packages"][0], findings=[], rules_skipped=[])
    packages, items = [], []
    for i in range(4_000):
        origin = f"portfolio/pkg{i:05d}"
        packages.append(dict(one, origin=origin, name=f"pkg{i:05d}"))
        items.extend(
            {"package": origin, "file": SWAGGER, "line": k + 1, "severity": "error", "rule": "SEC004", "name": "n", "message": f"m{i}-{k}", "why": "rule not selected"}
            for k in range(8)
        )
    data["packages"] = packages
    data["settings"] = {"config": None, "found": "none", "not_counted": items}
    (xml, seconds) = timed(scan_junit, data)
    assert xml.count("<testsuite ") == 4_000
    assert xml.count('<property name="vetter.not-counted" value="32000" />') == 4_000
    last = xml[xml.index('name="portfolio/pkg03999"') :]
    assert "portfolio/pkg03999: apiDefinition.swagger.json:8: error SEC004 m3999-7 [rule not selected]" in last
    assert "m3998-" not in last and last.count("m3999-") == 8
    assert seconds < 1.5


def test_thousands_of_waivers_are_matched_to_thousands_of_findings_in_linear_time():
    """N operations with an undeclared response schema (N SWG035 findings) and a vetter.toml (which may
    come with the scanned repository) of W waivers for SWG035 whose pointers match nothing: the gate
    tried every waiver on every finding (``next(w for w in waivers if w.matches(...))``, up to three
    fnmatch calls each), findings x waivers (4,000 x 4,000: 16.6 s against 0.7 s --isolated). Waivers
    are now grouped by rule and their package and pointer patterns read into one automaton each
    (vetter.base.globset), so a finding costs a walk of its pointer. The first waiver in declaration
    order still wins: a literal pointer before a glob, a duplicate never used, an expired one still
    matching (its findings count again)."""
    import datetime as dt
    import tomllib

    from vetter.engine.gate import apply_gate, parse_waivers
    from vetter.engine.runner import gate_finding

    n = 3_000
    doc = json.loads(base_files("minimal")[SWAGGER])
    for i in range(n):
        doc["paths"][f"/w{i}"] = {"get": {"operationId": f"Op{i}", "responses": {"200": {"description": "ok"}}}}
    result = scan({**base_files("minimal"), SWAGGER: json.dumps(doc).encode()})
    assert sum(f.rule == "SWG035" for f in result.findings) == n

    def waiver(package: str, pointer: str, expires: str = "2099-01-01") -> str:
        return f'[[waiver]]\nrule = "SWG035"\npackage = "{package}"\npointer = "{pointer}"\nreason = "r"\nowner = "o@x.com"\nexpires = {expires}\n\n'

    text = "".join(waiver("*", f"/paths/~1nomatch{j}/*") for j in range(n))
    text += waiver("p", "/paths/~1w7/get/responses/200/schema")  # literal: waives 1
    text += waiver("[op]", "/paths/~1w1*")  # w1, w10-19, w100-199, w1000-1999: waives 1,111
    text += waiver("p", "/paths/~1w7/get/responses/200/schema")  # the same as the first: never used
    text += waiver("*", "/paths/~1w2*", "2020-01-01")  # expired: its 111 findings count again
    waivers = parse_waivers(tomllib.loads(text)["waiver"], CATALOG, "vetter.toml", text)
    assert len(waivers.waivers) == n + 4
    (gate, seconds) = timed(
        lambda: apply_gate([result], baseline=None, base=Path("."), waivers=waivers, today=dt.date(2026, 1, 1), make=gate_finding)
    )
    waived = [f for f in result.findings if f.waiver is not None]
    assert len(waived) == 1 + 1_111
    assert sum(f.rule == "SWG035" for f in result.findings) == n
    by_rule = Counter(f.rule for f in gate.findings)
    assert by_rule == {"VET003": n + 1, "VET004": 1}
    assert next(f.message for f in gate.findings if f.rule == "VET004").endswith("111 finding(s) it matched count again.")
    assert any(f.rule == "VET003" and f.message.startswith(f"Waiver {n + 3} (SWG035 at p#/paths/~1w7/") for f in gate.findings)
    assert seconds < 1.0


def test_globset_answers_as_fnmatchcase_pattern_by_pattern(monkeypatch):
    """The automaton of the waivers' patterns (vetter.base.globset) gives the same slots as
    ``fnmatch.fnmatchcase`` tried pattern by pattern: classes, negation, ranges, an unclosed ``[``,
    runs of ``*``; also when its budget runs out or its cache starts again (then it falls back)."""
    import fnmatch
    import random

    import vetter.base.globset as globset

    rng = random.Random(35)
    pieces = [*"ab/~1*?[]!-^\\&|.\n", "a-c", "[!a]", "[]]", "[a-]", "[z-a]", "[!]", "[^a]", "\u00e9"]
    chars = [*"ab/~1*?[]!-^\\&|.\ncz\u00e9"]
    for trial in range(600):
        tight = trial % 3 == 0
        monkeypatch.setattr(globset, "SLACK", -2 if tight else 64)
        monkeypatch.setattr(globset, "MAX_POSITIONS", 12 if tight else 500_000)
        monkeypatch.setattr(globset, "GIVE_UPS", 3 if tight else 64)
        patterns = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 7))) for _ in range(rng.randint(1, 10))]
        matcher = globset.GlobSet(patterns)
        for _ in range(20):
            s = "".join(rng.choice(chars) for _ in range(rng.randint(0, 8)))
            want = tuple(i for i, p in enumerate(patterns) if fnmatch.fnmatchcase(s, p))
            assert matcher.matching(s) == want, (patterns, s)
            assert matcher.first(s) == (want[0] if want else None), (patterns, s)


_GLOB_CHARS = ["a", "/", "]", "-", "\\", "\n", "\u00e9", "\ud800", "\udc80", "\U0001f600"]  # lone surrogates too
_GLOB_WILD = ["*", "?", "[", "!", "^", "[!a]", "[]]", "[a-]", "[z-a]", "[!]", "[\\]", "[]-a]", "[\ud7ff-\ue000]", "[!\ud800]", "[a-\u00e9]"]


@st.composite
def _glob_and_near(draw):
    """A pattern of a few pieces, and a string that follows it: each piece that is no plain character
    replaced by one (a ``*`` by up to two), so that strings the pattern matches are often drawn."""
    pieces = draw(st.lists(st.one_of(st.sampled_from(_GLOB_CHARS), st.sampled_from(_GLOB_WILD), st.characters()), max_size=5))
    near = [draw(st.text(st.sampled_from(_GLOB_CHARS), max_size=2)) if p == "*" else draw(st.sampled_from(_GLOB_CHARS)) if p in _GLOB_WILD else p for p in pieces]
    return "".join(pieces), "".join(near)


@settings(max_examples=500, deadline=None)
@given(st.lists(_glob_and_near(), min_size=1, max_size=8), st.lists(st.text(st.sampled_from(_GLOB_CHARS), max_size=5), max_size=8))
def test_globset_answers_as_fnmatchcase_for_any_patterns_and_strings(drawn, others):
    """Property: for any patterns (classes, negation, ranges empty or not, a ``]`` or ``\\`` inside, an
    unclosed ``[``, non-ASCII and lone surrogates) and any strings (lone surrogates and newlines too),
    the slots of ``GlobSet`` are those ``fnmatch.fnmatchcase`` gives pattern by pattern."""
    import fnmatch

    from vetter.base.globset import GlobSet

    patterns = [p for p, _ in drawn]
    strings = [s for _, s in drawn] + others
    matcher = GlobSet(patterns)
    for s in strings:
        want = tuple(i for i, p in enumerate(patterns) if fnmatch.fnmatchcase(s, p))
        assert matcher.matching(s) == want, (patterns, s)
        assert matcher.first(s) == (want[0] if want else None), (patterns, s)
        assert matcher.matched(matcher.match_id(s)) == want, (patterns, s)


def test_globset_stays_linear_when_each_pattern_remembers_a_letter():
    """100 waiver pointers ``*X*Y`` (X and Y letters of their own) against 4,000 finding pointers of 100
    X letters: each pattern remembers whether its X was seen, so an automaton that follows every
    pattern meets a new state at almost every character. google-re2's ``re2.Set``, measured as a
    replacement (the same answers, 10-25% less time in the gate for 10 to 100 ordinary waivers), has
    no budget and cannot stop at a first match: 4.6 s here (and 9.5 s for 1,000 ``*a`` followed by
    runs of ``?`` against 1,000 pointers of 100 random ``a`` and ``b``). GlobSet stops building
    states past its budget: 0.3 s."""
    import random

    from vetter.base.globset import GlobSet

    letters = [chr(0x4E00 + j) for j in range(100)]
    matcher = GlobSet([f"*{x}*{chr(0x8000 + j)}" for j, x in enumerate(letters)])
    rng = random.Random(7)
    strings = ["".join(rng.choice(letters) for _ in range(100)) for _ in range(4_000)]
    strings.append(letters[5] + letters[3] + chr(0x8000 + 3))
    (found, seconds) = timed(lambda: [matcher.first(s) for s in strings])
    assert found == [None] * 4_000 + [3]
    assert seconds < 1.5
