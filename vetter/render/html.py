"""HTML reports: one self-contained file (inline CSS and JS, nothing fetched).

``scan_html(data)`` renders a scan's JSON model (``reports/templates/scan.html.j2``):
an inventory table for a portfolio, then per package its verdict, the security
profile and certification profile when the report carries them ("not
analysed" where a part is absent), and its findings grouped by category and
severity with the source lines around each; a filter bar (severity, category,
rule, search) and sortable inventory columns run in the page's own script.
``diff_html(data)`` renders a diff (``diff.html.j2``) with both locations and
the acknowledgement state of every change.

The view builders only pick and arrange what the model holds. The security
part is read tolerantly: its known keys give the headline (auth kind, whose
identity, hosts with operator and geography, DLP group and reasons) and every
other key is shown as it is, so a richer profile never needs a template change.
Connector content is untrusted: the templates autoescape everything.
"""

from __future__ import annotations

from typing import Any

from vetter.render import template_environment
from vetter.render.dlp import dlp_view
from vetter.render.safetext import visible

SEVERITIES = ("error", "warning", "info")
RANK = {"error": 3, "warning": 2, "info": 1}
SECURITY_PARTS = (
    ("auth", "Authentication and identity"),
    ("egress", "Egress: hosts it can send data to"),
    ("residency", "Data residency and personal data"),
    ("dlp", "Suggested DLP group"),
)
EXTRA_PARTS = {"agent": "Agent connector: kind, MCP server and tools"}
"""Parts shown with a headline, notes and table when the report has them, and left out (not "not analysed") when it does not."""
NOT_ANALYSED = "not analysed"
_MAX_DEPTH = 6


def scan_html(data: dict[str, Any]) -> str:
    return str(template_environment().get_template("scan.html.j2").render(view=scan_view(data)))


def diff_html(data: dict[str, Any]) -> str:
    return str(template_environment().get_template("diff.html.j2").render(view=diff_view(data)))


# -- scan ---------------------------------------------------------------------


def scan_view(data: dict[str, Any]) -> dict[str, Any]:
    threshold = RANK.get(data["fail_on"], 99)
    rule_ids = {r["id"] for r in data["rules"]}
    packages = []
    categories: set[str] = set()
    rules_seen: set[str] = set()
    for number, p in enumerate(data["packages"], start=1):
        findings = p["findings"]
        categories.update(f["category"] for f in findings)
        rules_seen.update(f["rule"] for f in findings)
        security = p.get("security")
        inventory = _inventory(security)
        packages.append(
            {
                "anchor": f"pkg-{number}",
                "name": p["name"],
                "origin": p["origin"],
                "kind": p["kind"],
                "counts": p["summary"]["findings"],
                "total": len(findings),
                "failed": any(RANK.get(f["severity"], 0) >= threshold and not f.get("waiver") for f in findings),
                "baselined": p["summary"].get("baselined", 0),
                "waived": p["summary"].get("waived", 0),
                "profile": _profile(p.get("profile", None), "profile" in p),
                "publisher": inventory["publisher"] or _text(p.get("publisher")) or "",
                "inventory": inventory,
                "security": _security(security),
                "groups": _groups(findings, rule_ids),
                "skipped": p["rules_skipped"],
                "files": p["files"],
                "rules_run": p["summary"]["rules_run"],
                **dossier_view(p),
                **pictures_view(p, number),
            }
        )
    if len(packages) > 1:  # a portfolio: the riskiest package first (anchors keep the report's order)
        packages.sort(key=lambda v: -(v["risk"]["score"] if v["risk"] else 0))
    return {
        "title": data["packages"][0]["name"] if len(data["packages"]) == 1 else f"{len(data['packages'])} packages",
        "portfolio": len(data["packages"]) > 1,
        "verdict": "FAIL" if data["summary"]["failed"] else "PASS",
        "failed": data["summary"]["failed"],
        "counts": data["summary"]["findings"],
        "fail_on": data["fail_on"],
        "packages": packages,
        "with_findings": sum(1 for p in packages if p["total"]),
        "categories": sorted(categories),
        "rules_seen": sorted(rules_seen),
        "rules": [dict(_rule(r), fired=r["id"] in rules_seen) for r in data["rules"]],
        "version": data["tool"]["version"],
        "has_security": any(p.get("security") for p in data["packages"]),
        "gate": data.get("gate"),
        "dlp": dlp_view(data),
        **_settings_view(data.get("settings")),
        **portfolio_pictures(data["packages"]),
    }


def _settings_view(settings: dict[str, Any] | None) -> dict[str, Any]:
    """The configuration section: one item per clause, and the secret and security findings not counted."""
    from vetter.render.settings import clauses, not_counted, plain

    return {"settings": [plain(c) for c in clauses(settings)], "not_counted": not_counted(settings)}


def _groups(findings: list[dict[str, Any]], rule_ids: set[str]) -> list[dict[str, Any]]:
    by_category: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for f in findings:
        by_category.setdefault(f["category"], {}).setdefault(f["severity"], []).append(f)
    groups = []
    for category in sorted(by_category, key=lambda c: (-max(RANK.get(s, 0) for s in by_category[c]), c)):
        severities = []
        for severity in sorted(by_category[category], key=lambda s: -RANK.get(s, 0)):
            severities.append(
                {"severity": severity, "findings": [_finding(f, f["rule"] in rule_ids) for f in by_category[category][severity]]}
            )
        groups.append({"category": category, "severities": severities})
    return groups


def _finding(f: dict[str, Any], documented: bool) -> dict[str, Any]:
    source = f.get("source")
    lines = []
    if source:
        for offset, text in enumerate(source["lines"]):
            number = source["start"] + offset
            lines.append({"number": number, "text": text, "hit": number == source["line"]})
    return {
        "rule": f["rule"],
        "name": f["name"],
        "severity": f["severity"],
        "category": f["category"],
        "message": f["message"],
        "hint": f["hint"],
        "where": f"{f['file']}:{f['line']}:{f['column']}" if f["file"] != "." else "(package)",
        "pointer": f["pointer"],
        "fingerprint": f["fingerprint"],
        "source": lines,
        "documented": documented,
        "waiver": f.get("waiver"),
    }


def _rule(r: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": r["id"],
        "name": r["name"],
        "category": r["category"],
        "severity": r["severity"],
        "summary": r["summary"],
        "docs": r["docs"],
        "references": r["references"],
        "aliases": r["aliases"],
        "section": r["section"],
    }


def _profile(profile: Any, present: bool) -> dict[str, Any] | None:
    """The certification profile (``profile`` per package), or None when the report has no such part."""
    if not present or profile is None:
        return None
    if isinstance(profile, dict):
        return {"name": _text(profile.get("name")) or "?", "source": _text(profile.get("source")), "reason": _text(profile.get("reason")), "tree": tree(profile)}
    return {"name": _text(profile), "source": "", "reason": "", "tree": None}


def dossier_view(p: dict[str, Any]) -> dict[str, Any]:
    """The package's risk score, approval state and publisher questionnaire, when the report holds them."""
    from vetter.render.dossier import drift_lines

    risk = p.get("risk") if isinstance(p.get("risk"), dict) else None
    risk_view = None
    if risk is not None:
        rows = [
            {"id": r["id"], "points": r["points"], "rule": f"{r['count']} × {r['each']}, cap {r['cap']}", "text": r["text"],
             "what": [i["what"] + (f" ({i['file']}:{i['line']})" if i.get("line") else "") for i in r["items"]]}
            for r in risk.get("reasons", [])
        ]
        risk_view = {"score": risk["score"], "max": risk["max"], "capped": risk.get("capped"), "rows": rows}
    approval = p.get("approval") if isinstance(p.get("approval"), dict) else None
    approval_view = None
    if approval is not None:
        approved = approval.get("approved") or {}
        approval_view = {"state": approval["state"], "file": approval.get("file"), "reviewer": approved.get("reviewer"), "date": approved.get("date"),
                         "note": approved.get("note"), "drift": drift_lines(approval.get("drift") or {})}
    questions = p.get("questions") if isinstance(p.get("questions"), dict) else None
    return {"risk": risk_view, "approval": approval_view, "questions": questions}


# -- pictures: the data-flow diagram and the portfolio charts (vetter/render/dataflow.py, charts.py) ----------


def pictures_view(p: dict[str, Any], number: int) -> dict[str, Any]:
    """The package's data-flow diagram with its table, and the facets the portfolio charts filter it by."""
    from vetter.render.charts import package_facets
    from vetter.render.dataflow import flow_rows, flow_svg, flow_view
    from vetter.render.pictures import inline

    flow = flow_view(p)
    dataflow = None
    if flow is not None:
        dataflow = {"svg": inline(flow_svg(flow, f"pkg-{number}-flow-")), "columns": flow["columns"], "rows": flow_rows(flow),
                    "hosts": len(flow["hosts"]), "unused": flow["unused"]}
    return {"dataflow": dataflow, "facets": package_facets(p)}


def portfolio_pictures(packages: list[dict[str, Any]]) -> dict[str, Any]:
    """The portfolio's charts (several packages only) and the pictures' stylesheet."""
    from vetter.render.pictures import PICTURE_CSS

    charts = []
    if len(packages) > 1:
        from vetter.render.charts import chart_svg, portfolio_charts
        from vetter.render.pictures import inline

        charts = [dict(c, svg=inline(chart_svg(c, f"chart-{c['key']}-"))) for c in portfolio_charts(packages)]
    return {"charts": charts, "picture_css": PICTURE_CSS}


# -- the security profile, read tolerantly -------------------------------------


def _security(security: Any) -> list[dict[str, Any]]:
    parts = []
    for key, title in SECURITY_PARTS:
        value = security.get(key) if isinstance(security, dict) else None
        if value is None or value == {} or value == []:
            parts.append({"key": key, "title": title, "analysed": False, "headline": NOT_ANALYSED, "notes": [], "table": None, "tree": None})
            continue
        parts.append({"key": key, "title": title, "analysed": True, "headline": _headline(key, value), "notes": _notes(key, value), "table": _table(key, value), "tree": tree(value)})
    if isinstance(security, dict):  # parts beyond the four known ones are still shown
        for key in sorted(k for k in security if k not in {p[0] for p in SECURITY_PARTS}):
            if security[key] not in (None, {}, []) and key in EXTRA_PARTS:
                value = _visible(security[key])  # tool texts carry what the model reads: bidi and invisible characters shown
                parts.append({"key": key, "title": EXTRA_PARTS[key], "analysed": True, "headline": _headline(key, value), "notes": _notes(key, value), "table": _table(key, value), "tree": tree(value)})
            elif security[key] not in (None, {}, []):
                parts.append({"key": key, "title": key.replace("_", " ").capitalize(), "analysed": True, "headline": "", "notes": [], "table": None, "tree": tree(security[key])})
    return parts


def _first(value: Any, *keys: str) -> Any:
    if isinstance(value, dict):
        for key in keys:
            if value.get(key) not in (None, "", [], {}):
                return value[key]
    return None


def _hosts(egress: Any) -> list[dict[str, Any]]:
    items = _first(egress, "hosts", "egress", "endpoints") if isinstance(egress, dict) else egress
    if not isinstance(items, list):
        return []
    out = []
    for item in items:
        if isinstance(item, dict):
            out.append(item)
        elif isinstance(item, str):
            out.append({"host": item})
    return out


def _headline(key: str, value: Any) -> str:
    if key == "auth":
        kinds = _first(value, "kind", "kinds", "type", "types")
        identities = _identities(value)
        parts = [_join(kinds)] if kinds is not None else []
        if identities:
            parts.append(f"calls run as: {', '.join(identities)}")
        return "; ".join(parts) or _scalar_summary(value)
    if key == "egress":
        hosts = _hosts(value)
        if hosts:
            return f"{len(hosts)} host(s)"
        return "no hosts" if isinstance(value, dict) and "hosts" in value else _scalar_summary(value)
    if key == "dlp":
        group = _first(value, "group", "suggested", "suggestion")
        return _join(group) if group is not None else _scalar_summary(value)
    if key == "residency":
        geos = _geographies(value, None)
        return f"geographies: {', '.join(geos)}" if geos else _scalar_summary(value)
    if key == "agent":
        kind = {"rest": "REST", "mcp": "MCP", "both": "REST and MCP"}.get(_text(_first(value, "kind")), _text(_first(value, "kind")))
        tools = _first(value, "tools")
        if isinstance(tools, dict) and tools.get("known"):
            return f"{kind}; {_text(tools.get('count'))} tool(s) from {_text(tools.get('source'))}"
        return f"{kind}; tools unknown" if isinstance(tools, dict) else kind
    return _scalar_summary(value)


def _identities(auth: Any) -> list[str]:
    """Whose identity the calls run under: the auth part's own ``identity`` or its schemes'."""
    found: list[str] = []
    direct = _first(auth, "identity", "runs_as", "identity_model", "whose_identity")
    if direct is not None:
        found.append(_join(_first(direct, "summary", "kind", "model") or direct))
    schemes = _first(auth, "schemes")
    for scheme in schemes if isinstance(schemes, list) else []:
        identity = _first(scheme, "identity")
        if identity is not None and _join(identity) not in found:
            found.append(_join(identity))
    return found


def _table(key: str, value: Any) -> dict[str, Any] | None:
    """Egress: host, operator, geography, fixed or templated. Residency: personal data per operation."""
    if key == "egress":
        rows = []
        for h in _hosts(value):
            operator = _text(_first(h, "operator"))
            if _first(h, "operator_name"):
                operator += f" ({_text(h['operator_name'])})"
            fixed = h.get("fixed")
            how = "fixed" if fixed is True else "templated" if fixed is False else ""
            rows.append([_text(_first(h, "host", "template", "name")), operator, _text(_first(h, "geography", "geo", "region", "country")), how])
        return {"columns": ["host", "operator", "geography", "fixed or templated"], "rows": rows} if rows else None
    if key == "agent":
        tools = _first(value, "tools")
        listed = tools.get("list") if isinstance(tools, dict) else None
        rows = [[_text(t.get("name")), _text(t.get("description")), _text(t.get("hash"))[:19]]
                for t in (listed if isinstance(listed, list) else []) if isinstance(t, dict)]
        return {"columns": ["tool", "description", "hash"], "rows": rows} if rows else None
    if key == "residency":
        personal = _first(value, "personal_data")
        rows = []
        for item in personal if isinstance(personal, list) else []:
            if not isinstance(item, dict):
                continue
            fields = item.get("fields")
            names = ", ".join(_text(_first(f, "name", "category") if isinstance(f, dict) else f) for f in fields) if isinstance(fields, list) else _text(fields)
            rows.append([_text(item.get("operation")), _text(item.get("host")), _text(item.get("operator")), _text(item.get("geography")), names])
        return {"columns": ["operation", "host", "operator", "geography", "personal data"], "rows": rows} if rows else None
    return None


def _notes(key: str, value: Any) -> list[str]:
    """The sentences a reviewer reads first: whose identity and what sharing does, the DLP reasons."""
    notes: list[str] = []
    if not isinstance(value, dict):
        return notes
    if key == "auth":
        schemes = value.get("schemes")
        for scheme in schemes if isinstance(schemes, list) else []:
            text = _first(scheme, "identity_text")
            label = _join(_first(scheme, "kind"))
            if _first(scheme, "set"):
                label += f" (set {_join(scheme['set'])})"
            if text:
                notes.append(f"{label}: {_text(text)}" if label else _text(text))
            sharing = _first(scheme, "sharing")
            if sharing and _text(sharing) not in notes:
                notes.append(_text(sharing))
        mismatches = value.get("mismatches")
        for m in mismatches if isinstance(mismatches, list) else []:
            if _first(m, "message"):
                notes.append(f"Mismatch: {_text(m['message'])}")
    elif key == "egress":
        patterns = value.get("dlp_patterns")
        if isinstance(patterns, list) and patterns:
            notes.append("DLP endpoint patterns: " + ", ".join(_text(x) for x in patterns))
        if _first(value, "templated_note"):
            notes.append(_text(value["templated_note"]))
    elif key == "residency":
        personal = value.get("personal_data")
        if isinstance(personal, list):
            third = [x for x in personal if isinstance(x, dict) and _text(x.get("operator")) not in ("microsoft",)]
            notes.append(f"Personal data sent outside Microsoft: {len(third)} operation(s)" if third else "No personal data sent to third parties found.")
        if "allowed" in value:
            allowed = value.get("allowed")
            notes.append(f"Allowed geographies: {_join(allowed)}" if allowed else "No allowed geographies given (--residency): reported, not judged.")
    elif key == "agent":
        for text in (_first(value, "meaning"), _first(_first(value, "server"), "note"), _first(_first(value, "tools"), "note"),
                     _first(_first(value, "tools"), "hash"), _first(value, "publisher_question")):
            if text:
                notes.append(_text(text))
    elif key == "dlp":
        reasons = value.get("reasons")
        for number, r in enumerate(reasons if isinstance(reasons, list) else [], start=1):
            text = _first(r, "text", "message", "reason") if isinstance(r, dict) else r
            if text:
                notes.append(f"{number}. {_text(text)}{' (decided the group)' if number == 1 else ''}")
    return notes


def _geographies(residency: Any, egress: Any) -> list[str]:
    found: list[str] = []
    for host in _hosts(egress) + _hosts(residency):
        geo = _first(host, "geography", "geo", "region", "country")
        if geo is not None:
            found.append(_join(geo))
    direct = _first(residency, "geographies")
    if isinstance(direct, list):
        found.extend(_join(g) for g in direct)
    return sorted(set(found))


def _inventory(security: Any) -> dict[str, str]:
    """The inventory row's columns; "not analysed" for a part the report does not hold."""
    if not isinstance(security, dict):
        return {"auth": NOT_ANALYSED, "hosts": NOT_ANALYSED, "geographies": NOT_ANALYSED, "dlp": NOT_ANALYSED, "publisher": ""}
    auth, egress, residency, dlp = (security.get(k) for k in ("auth", "egress", "residency", "dlp"))
    hosts = [_text(_first(h, "host", "template", "name", "pattern")) for h in _hosts(egress)]
    return {
        "auth": _join(_first(auth, "kind", "kinds", "type", "types")) if auth else NOT_ANALYSED,
        "hosts": ", ".join(h for h in hosts if h) if egress is not None else NOT_ANALYSED,
        "geographies": ", ".join(_geographies(residency, egress)) if (residency or egress) else NOT_ANALYSED,
        "dlp": _join(_first(dlp, "group", "suggested", "suggestion")) if dlp else NOT_ANALYSED,
        "publisher": _text(_first(security, "publisher")),
    }


def _scalar_summary(value: Any) -> str:
    if isinstance(value, (str, int, float, bool)):
        return _text(value)
    return ""


def _join(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(_join(v) for v in value)
    if isinstance(value, dict):
        return _text(_first(value, "name", "kind", "group", "host") or "")
    return _text(value)


def _visible(value: Any, depth: int = 0) -> Any:
    """``value`` with every string passed through ``safetext.visible`` (as deep as ``tree`` shows)."""
    if isinstance(value, str):
        return visible(value)
    if depth >= _MAX_DEPTH:
        return value
    if isinstance(value, dict):
        return {visible(str(k)): _visible(v, depth + 1) for k, v in value.items()}
    if isinstance(value, list):
        return [_visible(v, depth + 1) for v in value]
    return value


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def tree(value: Any, depth: int = 0) -> dict[str, Any]:
    """Any JSON value as nested display nodes: text, list, table (a list of objects) or map."""
    if depth >= _MAX_DEPTH:
        return {"type": "text", "text": "…"}
    if isinstance(value, dict):
        return {"type": "map", "entries": [{"key": str(k).replace("_", " "), "value": tree(v, depth + 1)} for k, v in value.items()]}
    if isinstance(value, list):
        if not value:
            return {"type": "text", "text": "none"}
        if all(isinstance(v, dict) for v in value):
            columns: list[str] = []
            for v in value:
                columns.extend(k for k in v if k not in columns)
            rows = [[tree(v.get(c), depth + 1) if c in v else {"type": "text", "text": ""} for c in columns] for v in value]
            return {"type": "table", "columns": [c.replace("_", " ") for c in columns], "rows": rows}
        return {"type": "list", "entries": [tree(v, depth + 1) for v in value]}
    return {"type": "text", "text": _text(value) if value is not None else "—"}


# -- diff ---------------------------------------------------------------------


def diff_view(data: dict[str, Any]) -> dict[str, Any]:
    changes = []
    for number, c in enumerate(data["changes"], start=1):
        changes.append(
            dict(
                c,
                anchor=f"change-{number}",
                old_where=_side(c["old"]),
                new_where=_side(c["new"]),
                state="acknowledged" if c["acknowledged"] else "not acknowledged",
            )
        )
    return {
        "old": data["old"]["origin"],
        "new": data["new"]["origin"],
        "verdict": "FAIL" if data["summary"]["failed"] else "PASS",
        "failed": data["summary"]["failed"],
        "counts": data["summary"]["changes"],
        "failing": data["summary"]["unacknowledged_failing"],
        "fail_on": data["fail_on"],
        "changes": changes,
        "acknowledged": sum(1 for c in changes if c["acknowledged"]),
        "unused": data["unused_acknowledgements"],
        "dlp": _diff_dlp(data),
        "severities": ["breaking", "potentially-breaking", "non-breaking"],
        "version": data["tool"]["version"],
        "risk": data.get("risk") if isinstance(data.get("risk"), dict) else None,
    }


def _side(side: dict[str, Any] | None) -> dict[str, Any] | None:
    if side is None:
        return None
    return {"where": f"{side['file']}:{side['line']}:{side['column']}", "pointer": side["pointer"]}


def _diff_dlp(data: dict[str, Any]) -> list[dict[str, Any]]:
    from vetter.render.diff import dlp_rows

    return dlp_rows(data)
