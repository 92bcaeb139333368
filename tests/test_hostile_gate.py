"""Hostile shapes in the gate (waivers) and the report renderers: none costs a product of two inputs.
Part of the robustness suite (docs/robustness.md): each case has a bound in CPU seconds of this
process, several times what it takes here, so a quadratic path fails while a busy machine does not.
"""

from __future__ import annotations

import json

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
