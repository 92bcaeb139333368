"""scripts/precision.py: the figures per group, the fixed-seed sample and the verdicts it carries over."""

from __future__ import annotations

from typing import Any

from tests.conftest import load_script


def _script():  # type: ignore[no-untyped-def]
    return load_script("precision")


def _finding(rule: str, severity: str, pointer: str, fingerprint: str) -> dict[str, Any]:
    return {"rule": rule, "severity": severity, "file": "apiDefinition.swagger.json", "pointer": pointer, "line": 3,
            "message": f"{rule} at {pointer}.", "fingerprint": fingerprint}


REPORT = {
    "packages": [
        {"name": "g/Alpha", "findings": [_finding("SWG031", "error", "/a", "a1" * 10), _finding("CRT008", "warning", "/b", "b2" * 10),
                                         _finding("CRT014", "info", "/c", "c3" * 10)]},
        {"name": "g/Beta", "findings": [_finding("CRT008", "warning", "/b", "b2" * 10), _finding("CRT008", "warning", "/d", "d4" * 10)]},
        {"name": "g/Gamma", "findings": []},
    ]
}


def test_group_figures_count_packages_with_an_error_and_findings_at_warning_or_above():
    figures = _script().group_figures(REPORT)
    assert (figures["packages"], figures["with_error"]) == (3, 1)
    assert figures["median_above"] == 2  # Alpha 2, Beta 2, Gamma 0
    assert figures["max_above"] == 2
    assert figures["per_rule"][("CRT008", "warning")] == 3
    assert figures["rule_packages"][("CRT008", "warning")] == 2
    assert dict(figures["by_severity"]) == {"error": 1, "warning": 3, "info": 1}


def test_the_sample_is_fixed_by_the_seed_and_keeps_the_stable_order():
    module = _script()
    items = [{"n": i, "package": f"p{i % 7}", "fingerprint": f"{i:04x}"} for i in range(100)]
    first = module.sample(items, 10, 21)
    assert first == module.sample(items, 10, 21)
    assert len(first) == 10 and [i["n"] for i in first] == sorted(i["n"] for i in first)
    assert first != module.sample(items, 10, 22)
    assert module.sample(items[:5], 10, 21) == items[:5]  # fewer than asked: all of them
    # a finding added or removed elsewhere keeps the sample: at most the one it displaces changes
    outside = next(i for i in items if i not in first)
    fewer = module.sample([i for i in items if i is not outside], 10, 21)
    assert fewer == first
    more = module.sample([*items, {"n": 100, "package": "p9", "fingerprint": "ffff"}], 10, 21)
    assert len([i for i in more if i in first]) >= 9


def test_verdicts_are_carried_over_by_fingerprint_and_package_and_tallied():
    module = _script()
    reports = {"g": REPORT}
    blank = module.render(reports, "g", 21, 5, 5, {})
    assert "| E01 | `a1a1a1a1a1` | SWG031 | Alpha |" in blank
    assert blank.count("| ? |") == 4  # one error and three warnings, none judged yet
    judged = blank.replace("| Alpha | /a | SWG031 at /a. | ? |  |", "| Alpha | /a | SWG031 at /a. | right | seen as a validator error |")
    judged = judged.replace("| Beta | /b | CRT008 at /b. | ? |  |", "| Beta | /b | CRT008 at /b. | lower | cosmetic |")
    verdicts = module.known_verdicts(judged)
    assert verdicts == {("a1a1a1a1a1", "Alpha"): ("right", "seen as a validator error"), ("b2b2b2b2b2", "Beta"): ("lower", "cosmetic")}
    again = module.render(reports, "g", 21, 5, 5, verdicts)
    assert "| error | 1 | 1 | 0 | 0 | 0 | 100.0% |" in again
    assert "| warning | 1 | 0 | 1 | 0 | 2 | 0.0% |" in again  # the same fingerprint in Alpha is not Beta's verdict
