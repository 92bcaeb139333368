"""The suggested DLP group, from the decision table in ``data/dlp.json`` (documented in docs/security.md).

Each row names a condition; the code below only says when each condition holds
and which evidence shows it. Every row that holds is a reason, in table order;
the most restrictive group among them is the suggestion.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from vetter.security.hosts import data, in_geographies
from vetter.security.model import Dlp, DlpReason, EgressHost, Evidence

ORDER = {"blocked": 3, "non-business": 2, "business": 1}


def _hosts(p: Any, test: Callable[[EgressHost], bool]) -> tuple[Evidence, ...]:
    return tuple(h.first for h in p.egress if h.found and test(h))


def _conditions(p: Any) -> dict[str, Callable[[], tuple[Evidence, ...] | None]]:
    allowed = p.residency
    anonymous = bool(p.auth.schemes) and all(s.identity == "anonymous" for s in p.auth.schemes)
    return {
        "private-address": lambda: _hosts(p, lambda h: bool({"private-address", "reserved-name"} & set(h.flags))),
        "tunnel-host": lambda: _hosts(p, lambda h: "tunnel" in h.flags),
        "free-text-host": lambda: _hosts(p, lambda h: "free-text-host" in h.flags),
        "committed-secret": lambda: tuple(Evidence(s.file, s.pointer, s.line) for s in p.secrets if s.severity == "error")
        + tuple(s.oauth.client_secret_evidence for s in p.auth.schemes if s.oauth and s.oauth.client_secret == "set" and s.oauth.client_secret_evidence),
        "residency-outside": lambda: _hosts(p, lambda h: bool(allowed) and in_geographies(h.geography, allowed) is False),
        "plain-http-credentials": lambda: _hosts(p, lambda h: "plain-http" in h.flags) if not anonymous else (),
        "personal-data-unknown-geography": lambda: tuple(
            d.operation_evidence for d in p.personal_data if d.operator != "microsoft" and d.geography == "unknown"
        ),
        "residency-unknown": lambda: _hosts(p, lambda h: bool(allowed) and in_geographies(h.geography, allowed) is None and h.geography != "global"),
        "plain-http": lambda: _hosts(p, lambda h: "plain-http" in h.flags) if anonymous else (),
        "non-production-host": lambda: _hosts(p, lambda h: "non-production" in h.flags),
        "placeholder-host": lambda: _hosts(p, lambda h: h.is_placeholder),
        "templated-host-constrained": lambda: _hosts(p, lambda h: not h.fixed and "free-text-host" not in h.flags),
        "anonymous-third-party": lambda: _hosts(p, lambda h: h.operator == "third-party" and any(f.role in ("api-host", "policy-host") for f in h.found))
        if anonymous
        else (),
        "default-business": lambda: (),
    }


def suggest(profile: Any) -> Dlp:
    conditions = _conditions(profile)
    reasons: list[DlpReason] = []
    for row in data("dlp")["rows"]:
        test = conditions[row["id"]]
        evidence = test()
        if row["id"] == "default-business":
            if not reasons:
                reasons.append(DlpReason(row["id"], row["group"], row["text"], ()))
            continue
        if evidence:
            reasons.append(DlpReason(row["id"], row["group"], row["text"], tuple(dict.fromkeys(evidence))))
    group = max((r.group for r in reasons), key=ORDER.__getitem__)
    ordered = sorted(reasons, key=lambda r: -ORDER[r.group])
    return Dlp(group, tuple(ordered))
