"""SARIF 2.1.0 for code scanning, from the scan or diff JSON model.

A scan gives one run whose ``tool.driver.rules`` are the rules selected (help
text from their docs, ``helpUri`` their first reference), one result per
finding at its file, line and column, ``partialFingerprints`` from vetter's
stable fingerprint, and the skipped rules as tool notifications. A diff gives
one result per change (rules are the change classes B1...) at its new location
(or old, for a removal); acknowledged changes carry a ``suppressions`` entry
with the acknowledgement's reason, so code scanning shows them as dismissed.

Locations are the package origin as given on the command line joined with the
package-relative file, percent-encoded as URI references.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from vetter.base.jsontext import pretty
from vetter.render import outside_files
from vetter.render.safetext import safe_text

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://vetter.invalid/docs/rules"
FINGERPRINT_KEY = "vetterFingerprint/v1"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
DIFF_LEVELS = {"breaking": "error", "potentially-breaking": "warning", "non-breaking": "note"}


def uri(origin: str, kind: str, file: str, outside: frozenset[str] = frozenset()) -> str:
    """Where a package file is, as a relative (or absolute-path) URI reference (a file ``outside``
    the package, such as a ``--mcp-tools`` answer, keeps the path it was given)."""
    origin = origin.replace("\\", "/")
    if file in outside:
        path = file.replace("\\", "/")
    elif kind == "swagger" or file == ".":
        path = origin
    elif kind in ("zip", "solution"):
        path = f"{origin}/{file}"  # the member inside the archive (archive!member for solutions)
    else:
        path = f"{origin.rstrip('/')}/{file}"
    encoded = quote(safe_text(path), safe="/@!$&'()*+,;=-._~")
    if path.startswith("/"):  # an absolute path given on the command line: a file URI, not a rooted reference
        return f"file://{encoded}"
    return encoded


def _text(value: Any) -> str:
    return str(value) if value else ""


def _message(message: str, hint: str) -> dict[str, str]:
    text = message if not hint else f"{message}\nHow to fix: {hint}"
    return {"text": text}


def _location(
    origin: str, kind: str, file: str, line: int | None, column: int | None, pointer: str | None, outside: frozenset[str] = frozenset()
) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": uri(origin, kind, file, outside)}}
    if line:  # a finding about the package as a whole is at line 1 of its origin
        physical["region"] = {"startLine": line, "startColumn": column or 1}
    loc: dict[str, Any] = {"physicalLocation": physical}
    if pointer is not None:
        loc["properties"] = {"jsonPointer": pointer}
    return loc


def _driver(version: str, rules: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "name": "vetter",
        "semanticVersion": version,
        "version": version,
        "informationUri": INFORMATION_URI,
        "rules": rules,
    }


def _log(run: dict[str, Any]) -> str:
    log = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
    return pretty(log) + "\n"


def scan_sarif(data: dict[str, Any]) -> str:
    rules: list[dict[str, Any]] = []
    index: dict[str, int] = {}
    for r in data["rules"]:
        index[r["id"]] = len(rules)
        rules.append(_rule_descriptor(r))
    results: list[dict[str, Any]] = []
    notifications: list[dict[str, Any]] = []
    artifacts: list[dict[str, Any]] = []
    for p in data["packages"]:
        for f in p["files"]:
            artifacts.append({"location": {"uri": uri(p["origin"], p["kind"], f["name"])}, "hashes": {"sha-256": f["sha256"]}})
        for f in p["findings"]:
            if f["rule"] not in index:  # an engine rule (VET001) that is not in the selection
                index[f["rule"]] = len(rules)
                rules.append(_rule_descriptor({"id": f["rule"], "name": f["name"], "summary": f["message"], "severity": f["severity"], "category": f["category"], "tags": [], "aliases": f["aliases"], "docs": "", "references": []}))
            result: dict[str, Any] = {
                "ruleId": f["rule"],
                "ruleIndex": index[f["rule"]],
                "level": LEVELS.get(f["severity"], "warning"),
                "message": _message(f["message"], f["hint"]),
                "locations": [_location(p["origin"], p["kind"], f["file"], f["line"], f["column"], f["pointer"], outside_files(p))],
                "partialFingerprints": {FINGERPRINT_KEY: f["fingerprint"]},
                "properties": {"package": p["origin"], "severity": f["severity"], "category": f["category"]},
            }
            waiver = f.get("waiver")
            if waiver:  # accepted risk ([[waiver]] in the config): shown, not counted
                result["suppressions"] = [
                    {
                        "kind": "external",
                        "status": "accepted",
                        "justification": _text(waiver.get("reason")),
                        "properties": {"owner": _text(waiver.get("owner")), "expires": _text(waiver.get("expires"))},
                    }
                ]
            results.append(result)
        for s in p["rules_skipped"]:
            notifications.append(
                {
                    "level": "note",
                    "message": {"text": f"{s['rule']} skipped for {p['origin']}: {s['reason']}"},
                    "descriptor": {"id": s["rule"]},
                }
            )
    gate = data.get("gate") or {}
    dlp = data.get("dlp") or {}
    # the gate's own findings, in the config file; the DLP policies' own problems, in the policy files
    for f in [*gate.get("findings", []), *dlp.get("findings", [])]:
        if f["rule"] not in index:
            index[f["rule"]] = len(rules)
            rules.append(_rule_descriptor({"id": f["rule"], "name": f["name"], "summary": f["message"], "severity": f["severity"], "category": f["category"], "tags": [], "aliases": f["aliases"], "docs": f["hint"], "references": []}))
        results.append(
            {
                "ruleId": f["rule"],
                "ruleIndex": index[f["rule"]],
                "level": LEVELS.get(f["severity"], "warning"),
                "message": _message(f["message"], f["hint"]),
                "locations": [_location(f["file"], "swagger", f["file"], f["line"], f["column"], f["pointer"])],
                "partialFingerprints": {FINGERPRINT_KEY: f["fingerprint"]},
                "properties": {"severity": f["severity"], "category": f["category"]},
            }
        )
    run: dict[str, Any] = {
        "tool": {"driver": _driver(data["tool"]["version"], rules)},
        "invocations": [{"executionSuccessful": True, "toolExecutionNotifications": notifications}],
        "artifacts": _unique(artifacts),
        "results": results,
        "columnKind": "unicodeCodePoints",
        "properties": {"failOn": data["fail_on"], "failed": data["summary"]["failed"]},
    }
    if data.get("settings") is not None:  # the configuration and what it changed, not counted findings included
        from vetter.render.settings import summary_line

        run["properties"]["settings"] = data["settings"]
        run["properties"]["settingsSummary"] = summary_line(data["settings"])
    return _log(run)


def _unique(artifacts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen: set[str] = set()
    out = []
    for a in artifacts:
        if a["location"]["uri"] not in seen:
            seen.add(a["location"]["uri"])
            out.append(a)
    return out


def _rule_descriptor(r: dict[str, Any]) -> dict[str, Any]:
    docs = r.get("docs") or r["summary"]
    descriptor: dict[str, Any] = {
        "id": r["id"],
        "name": _pascal(r["name"]),
        "shortDescription": {"text": r["summary"]},
        "fullDescription": {"text": docs},
        "help": {"text": docs, "markdown": docs},
        "defaultConfiguration": {"level": LEVELS.get(r["severity"], "warning")},
        "properties": {"category": r["category"], "tags": list(dict.fromkeys([r["category"], *r["tags"]])), "aliases": list(r["aliases"])},
    }
    if r.get("references"):
        descriptor["helpUri"] = r["references"][0]
    return descriptor


def _pascal(name: str) -> str:
    """SARIF rule names are identifiers: ``duplicate-key`` -> ``DuplicateKey``."""
    return "".join(part[:1].upper() + part[1:] for part in name.replace("_", "-").split("-") if part) or "Rule"


def diff_sarif(data: dict[str, Any]) -> str:
    rules: list[dict[str, Any]] = []
    index: dict[str, int] = {}
    results: list[dict[str, Any]] = []
    new_origin, old_origin = data["new"]["origin"], data["old"]["origin"]
    for c in data["changes"]:
        if c["class"] not in index:
            index[c["class"]] = len(rules)
            rules.append(
                {
                    "id": c["class"],
                    "name": _pascal(c["title"].lower().replace(" ", "-")),
                    "shortDescription": {"text": c["title"]},
                    "fullDescription": {"text": c["title"] + (f" (Microsoft {c['microsoft_class']})" if c["microsoft_class"] else "")},
                    "help": {"text": c["hint"] or c["title"]},
                    "defaultConfiguration": {"level": DIFF_LEVELS.get(c["severity"], "warning")},
                    "properties": {"severity": c["severity"], "microsoftClass": c["microsoft_class"]},
                }
            )
        side, origin = (c["new"], new_origin) if c["new"] else (c["old"], old_origin)
        result: dict[str, Any] = {
            "ruleId": c["class"],
            "ruleIndex": index[c["class"]],
            "level": DIFF_LEVELS.get(c["severity"], "warning"),
            "message": _message(c["message"], c["hint"] if c["severity"] != "non-breaking" and not c["acknowledged"] else ""),
            "locations": [_location(origin, _kind(origin), side["file"], side["line"], side["column"], side["pointer"])] if side else [],
            "partialFingerprints": {FINGERPRINT_KEY: f"{c['id']}:{c['key']}"},
            "properties": {"key": c["key"], "severity": c["severity"], "operation": c["operation"]},
        }
        if c["old"] and c["new"]:
            result["relatedLocations"] = [
                dict(_location(old_origin, _kind(old_origin), c["old"]["file"], c["old"]["line"], c["old"]["column"], c["old"]["pointer"]), id=1, message={"text": "previous version"})
            ]
        if c["acknowledged"]:
            result["suppressions"] = [{"kind": "external", "status": "accepted", "justification": _text(c["reason"])}]
        results.append(result)
    run = {
        "tool": {"driver": _driver(data["tool"]["version"], rules)},
        "results": results,
        "columnKind": "unicodeCodePoints",
        "properties": {"old": old_origin, "new": new_origin, "failOn": data["fail_on"], "failed": data["summary"]["failed"]},
    }
    return _log(run)


def _kind(origin: str) -> str:
    low = origin.lower()
    if low.endswith(".zip"):
        return "zip"
    if low.endswith(".json"):
        return "swagger"
    return "folder"
