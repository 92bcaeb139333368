"""JUnit XML for CI test views, from the scan or diff JSON model.

A scan gives one ``<testsuite>`` per package and one ``<testcase>`` per rule
selected: a rule with findings at or above ``fail_on`` is a ``<failure>`` that
lists them (file, line, column, pointer, message, fix); findings below the
threshold go to the test case's ``<system-out>`` and do not fail it; a rule
that could not run is ``<skipped>`` with the reason. A diff gives one suite
with a test case per change (failures: unacknowledged changes at or above its
``fail_on``). So the CI's test view fails exactly when vetter's exit code is 1.

Text that XML 1.0 cannot carry (control characters, lone surrogates) is
replaced by U+FFFD, so any parser reads the file.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

RANK = {"error": 3, "warning": 2, "info": 1}
DIFF_RANK = {"breaking": 3, "potentially-breaking": 2, "non-breaking": 1}
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(value: Any) -> str:
    return _NOT_XML.sub("\ufffd", str(value))


def _el(parent: ET.Element, tag: str, text: str | None = None, **attrs: Any) -> ET.Element:
    el = ET.SubElement(parent, tag, {k: xml_text(v) for k, v in attrs.items()})
    if text is not None:
        el.text = xml_text(text)
    return el


def _finding_text(f: dict[str, Any]) -> str:
    where = f"{f['file']}:{f['line']}:{f['column']}" if f["file"] != "." else "(package)"
    lines = [f"{where}: {f['severity']} {f['rule']} {f['message']}"]
    if f["pointer"]:
        lines.append(f"  at {f['pointer']}")
    waiver = f.get("waiver")
    if waiver:
        lines.append(f"  waived: {waiver['reason']} (owner {waiver['owner']}, until {waiver['expires']})")
    elif f["hint"]:
        lines.append(f"  fix: {f['hint']}")
    return "\n".join(lines)


def _serialise(root: ET.Element) -> str:
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def scan_junit(data: dict[str, Any]) -> str:
    threshold = RANK.get(data["fail_on"], 99)  # never: nothing fails
    rules = {r["id"]: r for r in data["rules"]}
    root = ET.Element("testsuites", {"name": "vetter"})
    totals = {"tests": 0, "failures": 0, "skipped": 0}
    settings = data.get("settings")
    properties = _settings_properties(settings)  # the same for every suite: said once, copied into each
    hidden_by_package: dict[str, list[dict[str, Any]]] = {}  # one pass over the portfolio-wide list, not one per package
    for item in (settings or {}).get("not_counted", []):
        hidden_by_package.setdefault(item["package"], []).append(item)
    for p in data["packages"]:
        suite = _el(root, "testsuite", name=p["origin"])
        _add_properties(suite, properties)
        by_rule: dict[str, list[dict[str, Any]]] = {}
        for f in p["findings"]:
            by_rule.setdefault(f["rule"], []).append(f)
        skipped = {s["rule"]: s["reason"] for s in p["rules_skipped"]}
        counts = {"tests": 0, "failures": 0, "skipped": 0}
        for rule_id in sorted({*rules, *by_rule}):
            rule = rules.get(rule_id)
            name = f"{rule_id} {rule['name']}" if rule else rule_id
            case = _el(suite, "testcase", name=name, classname=p["origin"])
            counts["tests"] += 1
            findings = by_rule.get(rule_id, [])
            fails = [RANK.get(f["severity"], 0) >= threshold and not f.get("waiver") for f in findings]
            failing = [f for f, bad in zip(findings, fails, strict=True) if bad]
            passing = [f for f, bad in zip(findings, fails, strict=True) if not bad]  # linear: no list membership tests
            if rule_id in skipped and not findings:
                _el(case, "skipped", message=skipped[rule_id])
                counts["skipped"] += 1
            elif failing:
                first = failing[0]
                _el(
                    case,
                    "failure",
                    "\n".join(_finding_text(f) for f in failing),
                    message=f"{len(failing)} finding(s): {first['message']}",
                    type=first["severity"],
                )
                counts["failures"] += 1
            if passing:
                _el(case, "system-out", "\n".join(_finding_text(f) for f in passing))
        hidden = hidden_by_package.get(p["origin"], [])
        if hidden:  # secret and security findings that do not count are never only a number
            from vetter.render.settings import not_counted_line

            _el(suite, "system-out", "not counted:\n" + "\n".join(not_counted_line(i) for i in hidden))
        for key, value in counts.items():
            suite.set(key, str(value))
            totals[key] += value
        suite.set("errors", "0")
    gate = data.get("gate") or {}
    dlp = data.get("dlp") or {}
    # the gate's own findings (waivers in the config file) and the DLP policies' own problems: one suite each
    suites: list[tuple[str, list[dict[str, Any]]]] = [("gate (baseline and waivers)", gate.get("findings") or []), ("DLP policies (--dlp-policy)", dlp.get("findings") or [])]
    for name, findings in suites:
        if not findings:
            continue
        suite = _el(root, "testsuite", name=name)
        failures = 0
        for f in findings:
            case = _el(suite, "testcase", name=f"{f['rule']} {f['name']}", classname=f["file"])
            if RANK.get(f["severity"], 0) >= threshold:
                _el(case, "failure", _finding_text(f), message=f["message"], type=f["severity"])
                failures += 1
            else:
                _el(case, "system-out", _finding_text(f))
        for key, value in (("tests", len(findings)), ("failures", failures), ("skipped", 0), ("errors", 0)):
            suite.set(key, str(value))
        totals["tests"] += len(findings)
        totals["failures"] += failures
    for key, value in totals.items():
        root.set(key, str(value))
    root.set("errors", "0")
    return _serialise(root)


def _settings_properties(settings: dict[str, Any] | None) -> list[tuple[str, Any]] | None:
    """The configuration the scan ran under: (name, value) of each ``<property>``, computed once per report."""
    if settings is None:
        return None
    from vetter.render.settings import summary_line

    return [
        ("vetter.config", settings.get("config") or "none"),
        ("vetter.settings", summary_line(settings)),
        ("vetter.not-counted", len(settings.get("not_counted", []))),
    ]


def _add_properties(suite: ET.Element, properties: list[tuple[str, Any]] | None) -> None:
    """The configuration as the suite's first child (``<properties>``)."""
    if properties is None:
        return
    props = _el(suite, "properties")
    for name, value in properties:
        _el(props, "property", name=name, value=value)


def diff_junit(data: dict[str, Any]) -> str:
    threshold = DIFF_RANK.get(data["fail_on"], 99)
    root = ET.Element("testsuites", {"name": "vetter diff"})
    suite = _el(root, "testsuite", name=f"{data['old']['origin']} -> {data['new']['origin']}")
    failures = 0
    for c in data["changes"]:
        case = _el(suite, "testcase", name=f"{c['class']} {c['key']}", classname=data["new"]["origin"])
        side = c["new"] or c["old"]
        where = f"{side['file']}:{side['line']}:{side['column']}" if side else ""
        text = f"{where}: {c['severity']} {c['message']}\n  key: {c['key']}"
        if c["acknowledged"]:
            _el(case, "system-out", f"{text}\n  acknowledged: {c['reason']}")
        elif DIFF_RANK.get(c["severity"], 0) >= threshold:
            _el(case, "failure", f"{text}\n  avoid: {c['hint']}", message=c["message"], type=c["severity"])
            failures += 1
        else:
            _el(case, "system-out", text)
    if not data["changes"]:
        _el(suite, "testcase", name="no changes a flow could notice", classname=data["new"]["origin"])
    tests = max(1, len(data["changes"]))
    for el in (suite, root):
        el.set("tests", str(tests))
        el.set("failures", str(failures))
        el.set("errors", "0")
        el.set("skipped", "0")
    return _serialise(root)
