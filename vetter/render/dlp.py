"""The DLP policy part of scan reports (``--dlp-policy``): one view model for text, Markdown and HTML.

``dlp_view(data)`` reads the report's ``dlp`` object and returns the policies (label, file,
shape, counts per group, their own findings) and the portfolio table, rows already in the
report's risk order (``vetter.security.portfolio.risk_key``): connector, the group under each
policy with the rule that decided it, the hosts no policy decision saw, vetter's suggestion.
``verdict_lines`` is the text report's lines for one package. None of this decides anything.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from vetter.security.model import GROUP_LABEL as _GROUPS

GROUP_LABEL: dict[str | None, str] = {group: label for group, label in _GROUPS.items()}  # the admin center's names
GROUP_LABEL[None] = "—"  # no group (no verdict under that policy)
SEVERITY_WORD = {3: "blocked", 2: "review", 1: "ignored", 0: ""}


def rule_short(v: dict[str, Any]) -> str:
    """The deciding rule in a table cell: ``order 2 'https://*.contoso.com*'``, ``by name`` or ``default``."""
    if v.get("how") == "by-name":
        return "by name"
    rule = v.get("rule")
    if rule:
        return f"order {rule['order']} '{rule['pattern']}'"
    return "default group"


def dlp_view(data: dict[str, Any]) -> dict[str, Any] | None:
    dlp = data.get("dlp")
    if not dlp:
        return None
    policies = []
    for i, p in enumerate(dlp["policies"], start=1):
        findings = [f for f in dlp["findings"] if f["file"] == p["file"]]
        policies.append(
            {
                "number": i,
                "label": p["label"],
                "file": p["file"],
                "shape": p["shape"],
                "rules": len(p["url_rules"]),
                "groups": [(GROUP_LABEL[g], n) for g, n in p["groups"].items()],
                "findings": findings if i == 1 or p["file"] != dlp["policies"][i - 2]["file"] else [],
            }
        )
    rows = []
    for r in dlp["portfolio"]:
        by_policy = {v["policy"]: v for v in r["verdicts"]}
        cells = []
        for i in range(len(policies)):
            v = by_policy.get(i)
            cells.append({"group": v["group"], "label": GROUP_LABEL[v["group"]], "rule": rule_short(v)} if v else {"group": None, "label": "—", "rule": ""})
        unseen = sorted({h for v in r["verdicts"] for h in v["unseen_hosts"]})
        rows.append(
            {
                "package": r["package"],
                "origin": r["origin"],
                "cells": cells,
                "unseen": unseen,
                "suggestion": GROUP_LABEL.get(r["suggestion"], "—"),
                "severity": r["severity"],
                "flag": SEVERITY_WORD[r["severity"]],
            }
        )
    return {"policies": policies, "rows": rows, "duplicates": dlp["duplicates"]}


def text_lines(data: dict[str, Any], style: Callable[..., str], colours: dict[str, str]) -> list[str]:
    """The text report's DLP section: the policies with their own findings, then the portfolio table."""
    view = dlp_view(data)
    if view is None:
        return []
    lines = [style("DLP policies (--dlp-policy)", bold=True)]
    for p in view["policies"]:
        counts = ", ".join(f"{label} {n}" for label, n in p["groups"])
        lines.append(f"  [{p['number']}] {p['label']} ({p['file']}, {p['shape']}): {p['rules']} URL rule(s); {counts}")
        for f in p["findings"]:
            sev = style(f"{f['severity']:<7}", fg=colours.get(f["severity"]), bold=True)
            lines.append(f"      {f['file']}:{f['line']}:{f['column']}: {sev} {style(f['rule'], bold=True)} {f['message']}")
    for d in view["duplicates"]:
        lines.append(style(f"  {d['given']}: the same policy as {d['same_as']}, read once", dim=True))
    header = ["connector", *(f"[{p['number']}] {p['label']}" for p in view["policies"]), "unseen hosts", "vetter suggests"]
    table = [header]
    for r in view["rows"]:
        cells = [f"{c['label']} ({c['rule']})" if c["rule"] else c["label"] for c in r["cells"]]
        unseen = ", ".join(r["unseen"][:3]) + (f" +{len(r['unseen']) - 3}" if len(r["unseen"]) > 3 else "")
        table.append([r["package"], *cells, unseen or "none", r["suggestion"]])
    widths = [min(56, max(len(row[i]) for row in table)) for i in range(len(header))]
    lines.append("")
    lines.append(style(f"  portfolio: {len(view['rows'])} package(s), most at risk first", bold=True))
    for n, row in enumerate(table):
        text = " | ".join(_cut(cell, widths[i]).ljust(widths[i]) for i, cell in enumerate(row)).rstrip()
        lines.append("  " + (style(text, bold=True) if n == 0 else text))
    lines.append("")
    return lines


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def verdict_lines(p: dict[str, Any], data: dict[str, Any], style: Callable[..., str]) -> list[str]:
    """One line per policy for a package's block in the text report: group, deciding rule, hosts not seen."""
    security = p.get("security") or {}
    verdicts = security.get("dlp_policies")
    if not verdicts or not data.get("dlp"):
        return []
    policies = data["dlp"]["policies"]
    out = []
    for v in verdicts:
        label = policies[v["policy"]]["label"] if v["policy"] < len(policies) else f"#{v['policy'] + 1}"
        out.append(f"  DLP policy [{v['policy'] + 1}] {label}: {GROUP_LABEL[v['group']]}: {v['decided_by']}")
        differing = set(v.get("differing", []))
        for u in v["unseen_hosts"]:
            would = GROUP_LABEL[u["group"]] if u["group"] else "built at run time"
            mark = "" if u["host"] in differing else ", same group"
            out.append(style(f"        not seen by the policy: {u['host']} ({', '.join(u['roles'])}; would be {would}{mark})", dim=True))
    return out
