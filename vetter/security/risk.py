"""The explained risk score: 0-100 per package, every point traced to a reason.

``risk_score(package)`` reads one package of the JSON report model (its ``files``,
``security`` and ``findings``: ``vetter.report.model.to_dict``), so the same input gives the
same score, and a saved report, a diff or another report section can compute it again.
The weights are the table in ``data/risk.json`` (documented in docs/security.md): each
row gives points per item (a host, an operation, a finding) up to its cap, in table
order; the score is the sum, at most 100. ``risk_change(old, new)`` explains the
difference between two scores row by row (``vetter diff``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from typing import Any

from vetter.security.hosts import data

Item = dict[str, Any]


def risk_score(package: Mapping[str, Any]) -> dict[str, Any]:
    """``{score, max, capped, reasons: [{id, points, each, cap, count, text, items}]}``."""
    table = data("risk")
    items = _items(package, table)
    reasons = []
    total = 0
    for row in table["rows"]:
        found = items[row["id"]]()
        if not found:
            continue
        points = min(row["each"] * len(found), row["cap"])
        total += points
        reasons.append(
            {"id": row["id"], "points": points, "each": row["each"], "cap": row["cap"], "count": len(found), "text": row["text"], "items": found}
        )
    return {"score": min(total, table["max"]), "max": table["max"], "capped": total > table["max"], "reasons": reasons}


def counts_finding(rule: str, category: str) -> bool:
    """Whether the score weighs this rule's findings (its category is weighed and the rule is not excluded)."""
    table = data("risk")
    return category in table["finding_categories"] and rule not in table["excluded_rules"]


def _ev(where: Any) -> Item:
    if isinstance(where, dict):
        return {"file": where.get("file"), "pointer": where.get("pointer"), "line": where.get("line")}
    return {"file": None, "pointer": None, "line": None}


def _items(package: Mapping[str, Any], table: dict[str, Any]) -> dict[str, Callable[[], list[Item]]]:
    security = package.get("security") or {}
    schemes = (security.get("auth") or {}).get("schemes") or []
    hosts = [h for h in (security.get("egress") or {}).get("hosts") or [] if "unused" not in h.get("flags", [])]
    third = [h for h in hosts if h.get("operator") in ("third-party", "microsoft-cloud-publisher")]
    anonymous = bool(schemes) and all(s.get("identity") == "anonymous" for s in schemes)

    def host_item(h: Item) -> Item:
        found = h.get("found") or [{}]
        return {"what": h.get("host") or h.get("template") or "?", **_ev(found[0])}

    def scheme_item(s: Item) -> Item:
        evidence = s.get("evidence") or [{}]
        label = s.get("kind", "?") + (f" (set {s['set']})" if s.get("set") else "")
        return {"what": f"{label}: {s.get('identity')}", **_ev(evidence[0])}

    def findings(severity: str) -> list[Item]:
        out = []
        for f in package.get("findings") or []:
            if f.get("severity") == severity and counts_finding(str(f.get("rule")), str(f.get("category"))):
                out.append({"what": f"{f['rule']} {f.get('name', '')}".strip() + (" (waived)" if f.get("waiver") else ""), "file": f.get("file"), "pointer": f.get("pointer"), "line": f.get("line")})
        return out

    personal = (security.get("residency") or {}).get("personal_data") or []
    scripts = sorted(f["name"] for f in package.get("files") or [] if str(f.get("name", "")).lower().endswith(".csx"))
    return {
        "stored-credential": lambda: [scheme_item(s) for s in schemes if s.get("identity") in ("stored-credential", "app-certificate")],
        "gateway": lambda: [scheme_item(s) for s in schemes if s.get("identity") == "gateway"],
        "anonymous-third-party": lambda: [
            host_item(h) for h in third if anonymous and any(f.get("role") in ("api-host", "policy-host") for f in h.get("found") or [])
        ],
        "third-party-host": lambda: [host_item(h) for h in third if h.get("fixed")],
        "unknown-geography": lambda: [host_item(h) for h in third if h.get("fixed") and h.get("geography") == "unknown"],
        "templated-host": lambda: [host_item(h) for h in hosts if not h.get("fixed")],
        "personal-data": lambda: [
            {"what": f"{d['operation']} -> {d['host']}", **_ev((d.get("fields") or [{}])[0])} for d in personal if d.get("operator") != "microsoft"
        ],
        "custom-code": lambda: [{"what": name, "file": name, "pointer": None, "line": None} for name in scripts],
        "error-finding": lambda: findings("error"),
        "warning-finding": lambda: findings("warning"),
        "info-finding": lambda: findings("info"),
    }


def risk_change(old: Mapping[str, Any] | None, new: Mapping[str, Any] | None) -> dict[str, Any]:
    """How the score moved between two versions: ``{old, new, delta, rows: [{id, old, new, delta, text, added, removed}]}``.

    ``added`` and ``removed`` name the items (hosts, operations, findings) that entered or
    left a row, so the change is explained item by item.
    """
    before = {r["id"]: r for r in (old or {}).get("reasons", [])}
    after = {r["id"]: r for r in (new or {}).get("reasons", [])}
    rows = []
    for row in data("risk")["rows"]:
        a, b = before.get(row["id"]), after.get(row["id"])
        if a is None and b is None:
            continue
        old_items = [i["what"] for i in (a or {}).get("items", [])]
        new_items = [i["what"] for i in (b or {}).get("items", [])]
        old_points, new_points = (a or {}).get("points", 0), (b or {}).get("points", 0)
        added = sorted((Counter(new_items) - Counter(old_items)).elements())
        removed = sorted((Counter(old_items) - Counter(new_items)).elements())
        if old_points == new_points and not added and not removed:
            continue
        rows.append({"id": row["id"], "old": old_points, "new": new_points, "delta": new_points - old_points, "text": row["text"], "added": added, "removed": removed})
    old_score, new_score = (old or {}).get("score", 0), (new or {}).get("score", 0)
    return {"old": old_score, "new": new_score, "delta": new_score - old_score, "rows": rows}
