"""DLP policy verdicts as report data: per package (``security.dlp_policies``) and the portfolio table.

``verdict_dicts`` is one package's verdicts, ``dlp_dict`` the report's top-level ``dlp``
object: the policies read, their own problems (findings in the policy files, once per file) and
the portfolio table, one row per package, sorted by ``risk_key``. Shapes:
docs/report-format.md.

``risk_key`` is the one sort key of the table: the package's risk score
(``vetter.security.risk``, highest first), then the verdicts' severity (a policy blocks the
connector; a policy trusts or ignores a connector vetter finds riskier; hosts the policy never
saw; an ignored connector), then vetter's own suggestion.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from vetter.security.model import GROUP_LABEL
from vetter.security.policyfile import Policy, UrlRule

if TYPE_CHECKING:
    from vetter.model.package import ConnectorPackage

SUGGESTION_RANK = {"blocked": 3, "non-business": 2, "business": 1}


def _rule(r: UrlRule | None) -> dict[str, Any] | None:
    if r is None:
        return None
    return {"order": r.order, "group": r.group, "classification": r.classification, "pattern": r.pattern, "pointer": r.pointer}


def verdict_dicts(verdicts: list[Any], policies: list[Policy], locate: Callable[..., dict[str, Any]]) -> list[dict[str, Any]]:
    """One package's verdicts (``security.dlp_policies``), each naming its policy by index in ``dlp.policies``."""
    index = {p.key: i for i, p in enumerate(policies)}
    out = []
    for v in verdicts:
        c = v.connector
        out.append(
            {
                "policy": index[v.policy.key],
                "group": v.group,
                "how": v.how,
                "decided_by": v.decided_by,
                "url": v.url,
                "rule": _rule(v.rule),
                "connector": None if c is None else {"id": c.id, "name": c.name, "group": c.group, "pointer": c.pointer},
                "unseen_hosts": [
                    locate(u.evidence, {"host": u.name, "fixed": u.fixed, "roles": list(u.roles), "group": u.group, "rule": _rule(u.rule)})
                    for u in v.unseen
                ],
                "differing": sorted({u.name for u in v.differing}),
            }
        )
    return out


def verdict_severity(verdict: dict[str, Any], suggestion: str) -> int:
    """How much one verdict should worry a reviewer: 3 blocked, 2 trusted or ignored despite vetter / hosts unseen, 1 ignored."""
    group = verdict["group"]
    if group == "blocked":
        return 3
    if group in ("business", "ignore") and suggestion in ("blocked", "non-business"):
        return 2
    if verdict["differing"]:
        return 2
    return 1 if group == "ignore" else 0


def risk_key(row: dict[str, Any]) -> tuple[Any, ...]:
    """The portfolio table's order: highest risk score first, then the most worrying verdict, then vetter's stricter suggestion, then by origin."""
    return (-(row["risk"] or 0), -row["severity"], -SUGGESTION_RANK.get(row["suggestion"] or "", 0), row["origin"], row["package"])


def portfolio_rows(packages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    rows = []
    for p in packages:
        security = p.get("security") or {}
        verdicts = security.get("dlp_policies") or []
        suggestion = (security.get("dlp") or {}).get("group")
        rows.append(
            {
                "package": p["name"],
                "origin": p["origin"],
                "risk": (p.get("risk") or {}).get("score"),
                "suggestion": suggestion,
                "severity": max((verdict_severity(v, suggestion or "") for v in verdicts), default=0),
                "verdicts": [
                    {
                        "policy": v["policy"],
                        "group": v["group"],
                        "how": v["how"],
                        "rule": v["rule"],
                        "decided_by": v["decided_by"],
                        "unseen_hosts": [u["host"] for u in v["unseen_hosts"]],
                    }
                    for v in verdicts
                ],
            }
        )
    return sorted(rows, key=risk_key)


def policy_dict(p: Policy) -> dict[str, Any]:
    return {
        "file": p.file,
        "pointer": p.pointer,
        "shape": p.shape,
        "name": p.name,
        "display_name": p.display_name,
        "label": p.label,
        "default_group": p.default_group,
        "url_rules": [_rule(r) for r in p.ordered],
        "connectors_listed": len(p.connectors),
    }


def dlp_dict(
    policies: list[Policy], findings: list[Any], duplicates: list[tuple[str, str]], packages: list[dict[str, Any]], finding_dict: Callable[[Any], dict[str, Any]]
) -> dict[str, Any]:
    rows = portfolio_rows(packages)
    counts: list[dict[str, int]] = [{g: 0 for g in GROUP_LABEL} for _ in policies]
    for row in rows:
        for v in row["verdicts"]:
            counts[v["policy"]][v["group"]] += 1
    return {
        "policies": [dict(policy_dict(p), groups=counts[i]) for i, p in enumerate(policies)],
        "duplicates": [{"given": given, "same_as": same} for given, same in duplicates],
        "findings": [finding_dict(f) for f in findings],
        "portfolio": rows,
    }


def version_change(old: Any, new: Any, policies: list[Policy]) -> dict[str, Any]:
    """``vetter diff --dlp-policy``: each policy's verdict on the old and the new version, and whether it moved."""
    from vetter.base.rule import InputUnavailable
    from vetter.model.options import RunOptions
    from vetter.security.verdict import policy_verdicts

    options = RunOptions(dlp_policies=tuple(policies))

    def side(package: ConnectorPackage) -> list[dict[str, Any] | None]:
        try:
            verdicts = policy_verdicts(package, options)
        except InputUnavailable:
            return [None] * len(policies)
        return [{"group": v.group, "how": v.how, "decided_by": v.decided_by, "unseen_hosts": [u.name for u in v.unseen]} for v in verdicts]

    before, after = side(old), side(new)
    changes = []
    for i, (a, b) in enumerate(zip(before, after, strict=True)):
        moved = (a or {}).get("group") != (b or {}).get("group")
        unseen = sorted(set((b or {}).get("unseen_hosts", [])) - set((a or {}).get("unseen_hosts", [])))
        changes.append({"policy": i, "old": a, "new": b, "moved": moved, "new_unseen_hosts": unseen})
    return {"policies": [policy_dict(p) for p in policies], "verdicts": changes}
