"""The profile as the JSON report's ``security`` object (shape: docs/report-format.md)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from vetter.base.rule import InputUnavailable
from vetter.security.model import Evidence, SecurityProfile

if TYPE_CHECKING:
    from vetter.model.options import RunOptions
    from vetter.model.package import ConnectorPackage


def profile_dict(package: ConnectorPackage, options: RunOptions | None = None) -> dict[str, Any] | None:
    """The package's profile as JSON data, lines resolved; None when it has no readable input."""
    from vetter.security.profile import security_profile

    try:
        p = security_profile(package, options)
    except InputUnavailable:
        return None
    located = _Located()
    out = to_dict(p, located)
    if options is not None and options.dlp_policies:
        from vetter.security.portfolio import verdict_dicts
        from vetter.security.verdict import policy_verdicts

        out["dlp_policies"] = verdict_dicts(policy_verdicts(package, options), list(options.dlp_policies), located)
    from vetter.agent.profile import agent_dict

    out["agent"] = agent_dict(package, options, located)
    located.fill(package)
    return out


class _Located:
    """``locate(evidence)`` for ``to_dict``: the evidence as a dict whose line is filled in later.

    Lines of JSON pointers are looked up after the whole profile is built, so each file is
    indexed once for all its evidence (``ConnectorPackage.prefetch``) and the profile walked once.
    """

    def __init__(self) -> None:
        self.pending: list[tuple[dict[str, Any], Evidence]] = []

    def __call__(self, e: Evidence, into: dict[str, Any] | None = None) -> dict[str, Any]:
        out = {} if into is None else into
        out.update(file=e.file, pointer=e.pointer, line=e.line)
        if e.line is None and e.pointer is not None:
            self.pending.append((out, e))
        return out

    def fill(self, package: ConnectorPackage) -> None:
        package.prefetch(e for _, e in self.pending)
        files = package.json_files
        for out, e in self.pending:
            f = files.get(e.file)
            if f is not None and e.pointer is not None:
                out["line"] = f.locate(e.pointer)[0]


OPERATIONS_SHOWN = 100
"""Operations listed for one place a host is found; past them ``operations_more`` counts the rest (the
corpus lists at most 17). One template of thousands of host values applying to thousands of
operations listed every operation under every host: a 488 MB report from a 1.1 MB package."""


def _operations(entry: dict[str, Any], operations: tuple[str, ...]) -> dict[str, Any]:
    """``entry`` with the first ``OPERATIONS_SHOWN`` of ``operations`` in order, and how many more."""
    shown = sorted(operations)
    entry["operations"] = shown[:OPERATIONS_SHOWN]
    if len(shown) > OPERATIONS_SHOWN:
        entry["operations_more"] = len(shown) - OPERATIONS_SHOWN
    return entry


STILL_UNKNOWN = {
    "strong": "Where copies, backups and support staff are is the operator's to confirm.",
    "medium": "The name or the address points to a region, not to where the data is stored: confirm with the operator.",
    "weak": "Only a country-code domain speaks to it: the operator's market, not where its servers or data are.",
    "none": "Nothing vetter can read shows where this host runs (a .com, or the publisher's country, is not evidence): ask the operator.",
}


def residency_dict(h: Any) -> dict[str, Any]:
    """What is known of where a host runs, from what and how strongly, and what stays unknown."""
    strength = h.geography_strength
    return {
        "strength": strength,
        "evidence": [{"kind": e.kind, "strength": e.strength, "geography": e.geography, "text": e.text, "source": e.source} for e in h.geo_evidence],
        "unknown": STILL_UNKNOWN[strength],
    }


def to_dict(p: SecurityProfile, locate: Any) -> dict[str, Any]:
    def ev(items: Any) -> list[dict[str, Any]]:
        return [locate(e) for e in items]

    schemes = []
    for s in p.auth.schemes:
        o = s.oauth
        schemes.append(
            {
                "kind": s.kind,
                "set": s.set_name,
                "provider": o.provider if o else None,
                "identity": s.identity,
                "identity_text": s.identity_text,
                "sharing": s.sharing,
                "api_key": {"in": s.api_key_in, "name": s.api_key_name} if s.kind == "apikey" else None,
                "oauth": None
                if o is None
                else {
                    "flow": o.flow,
                    "scopes": list(o.scopes),
                    "redirect_mode": o.redirect_mode,
                    "client_id": o.client_id,
                    "authorization_url": o.urls.get("authorization", (None,))[0],
                    "token_url": o.urls.get("token", (None,))[0],
                    "refresh_url": o.urls.get("refresh", (None,))[0],
                    "resource": o.resource,
                    "login_uri": o.login_uri,
                    "cloud": o.cloud,
                },
                "evidence": ev(s.evidence),
            }
        )
    hosts = []
    for h in p.hosts:
        hosts.append(
            {
                "host": h.host,
                "template": h.template,
                "fixed": h.fixed,
                "templated_by": [
                    {
                        "kind": s.kind,
                        "name": s.name,
                        "constrained": s.constrained,
                        "choices": [{"value": v, "host": host, "geography": g} for v, host, g in s.choices],
                    }
                    for s in h.sources
                ],
                "registrable_domain": h.registrable,
                "operator": h.operator,
                "operator_name": h.operator_name,
                "geography": h.geography,
                "geography_evidence": h.geography_evidence,
                "residency": residency_dict(h),
                "schemes": sorted(h.schemes),
                "flags": sorted(h.flags),
                "found": [locate(f.evidence, _operations({"role": f.role}, f.operations)) for f in h.found],
            }
        )
    templated = [h for h in p.egress if not h.fixed]
    note = None
    if templated:
        note = (
            f"{len(templated)} host(s) are built at run time ("
            + ", ".join(h.name for h in templated)
            + "): DLP endpoint filtering only evaluates static endpoints, so these cannot be filtered by URL pattern."
        )

    def link(x: Any) -> dict[str, Any] | None:
        if x is None:
            return None
        return locate(x.evidence, {"url": x.url, "https": x.https, "publisher_domain": x.publisher_domain})

    return {
        "auth": {
            "kind": p.auth.kind,
            "schemes": schemes,
            "mismatches": [{"message": j.message, "evidence": ev(j.evidence)} for j in p.auth.mismatches],
        },
        "egress": {
            "hosts": hosts,
            "links": [locate(x.evidence, {"kind": x.kind, "url": x.url}) for x in p.links],
            "dlp_patterns": p.dlp_patterns(),
            "templated_note": note,
        },
        "residency": {
            "allowed": list(p.residency) if p.residency else None,
            "geographies": p.geographies,
            "personal_data": [
                {
                    "operation": d.operation,
                    "host": d.host,
                    "operator": d.operator,
                    "geography": d.geography,
                    "fields": [locate(f.evidence, {"name": f.name, "category": f.category}) for f in d.fields],
                }
                for d in p.personal_data
            ],
            "privacy_policy": link(p.link("privacy-policy")),
            "website": link(p.link("website")),
        },
        "dlp": {
            "group": p.dlp.group,
            "reasons": [{"id": r.id, "group": r.group, "text": r.text, "evidence": ev(r.evidence)} for r in p.dlp.reasons],
        },
        "secrets": [
            {"kind": s.kind, "severity": s.severity, "redacted": s.redacted, "file": s.file, "pointer": s.pointer, "line": s.line}
            for s in p.secrets
        ],
        "online": p.online.to_dict() if p.online is not None else None,
    }
