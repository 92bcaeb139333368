"""The security profile of a package: built once from all its files, read by SEC rules and reports.

``security_profile(package, options)`` is kept in the package's analysis
(``vetter.model.analysis.Analysis``: the offline profile, and the one under the run's residency
policy and ``--online`` checks), so every SEC rule and the report share one profile. The
``--online`` checks themselves are made before the rules run, at the edge (``vetter.engine.edge``). It raises ``InputUnavailable`` only when neither
the swagger nor apiProperties can be read.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from vetter.base.rule import InputUnavailable, Severity, Violation
from vetter.security.model import Evidence, PersonalData, SecurityProfile

if TYPE_CHECKING:
    from vetter.model.options import RunOptions
    from vetter.model.package import ConnectorPackage


def security_profile(package: ConnectorPackage, options: RunOptions | None = None) -> SecurityProfile:
    """The package's security profile under ``options`` (residency, and the ``--online`` checks the
    edge made: ``Analysis.online``); built once per package, never fetching anything itself."""
    if (options is None or not (options.residency or options.online)) and package.analysis is not None:
        kept = package.analysis.security  # asked by some twenty rules a package: the kept profile, read at once
        if type(kept) is SecurityProfile:
            return kept
    from vetter.model.analysis import analysis_of

    analysis = analysis_of(package)
    base = analysis.memo("security", lambda: build(package))
    residency = tuple(options.residency) if options is not None and options.residency else None
    online = bool(options is not None and options.online)
    if residency is None and not online:
        return base
    checks = analysis.online if online else None
    return analysis.memo(analysis.slot_for(options, "security", "run_security", plain=False),
                         lambda: _with_options(base, residency, online, checks))


def online_hosts(package: ConnectorPackage) -> list[str]:
    """The fixed hosts the ``--online`` checks look at (``vetter.engine.edge`` checks them before the rules run)."""
    return [h.host for h in security_profile(package).egress if h.host and "ip-literal" not in h.flags]


def mismatch_violations(package: ConnectorPackage, family: str, severities: Mapping[str, Severity] | None = None) -> Iterator[Violation]:
    """The profile's swagger/apiProperties disagreements of one ``family`` as violations (XFL001-XFL003),
    at the rule's severity or, for a judgement whose key ``severities`` names, at that one.

    Both files are read first, so a rule is skipped (not judged) when either is missing.
    """
    _ = package.properties, package.swagger
    for j in security_profile(package).auth.mismatches:
        if j.family == family:
            yield Violation(j.evidence[0].location, j.message, hint=j.hint, key=j.key, severity=(severities or {}).get(j.key or ""))


def _with_options(base: SecurityProfile, residency: tuple[str, ...] | None, online: bool, checks: Any) -> SecurityProfile:
    from vetter.security.dlp import suggest

    profile = SecurityProfile(base.auth, base.hosts, base.links, base.personal_data, base.dlp, base.secrets, residency)
    if online and checks is not None:
        from vetter.security.addresses import with_address_evidence

        profile.online = checks
        profile.hosts = [with_address_evidence(h, checks.for_host(h.host)) if h.host else h for h in profile.hosts]
    profile.dlp = suggest(profile)
    return profile


def build(package: ConnectorPackage) -> SecurityProfile:
    from vetter.security.auth import analyse
    from vetter.security.dlp import suggest
    from vetter.security.endpoints import collect, operations, publisher_domains
    from vetter.security.personal import operation_fields
    from vetter.security.secrets import find_secrets

    readable = []
    for view in ("swagger", "properties"):
        try:
            getattr(package, view)
            readable.append(view)
        except InputUnavailable:
            pass
    if not readable:
        raise InputUnavailable("neither the swagger nor apiProperties could be read")
    auth = analyse(package)
    ops = operations(package.swagger) if "swagger" in readable else []
    hosts, links, op_host = collect(package, publisher_domains(package), ops)
    by_name = {h.name: h for h in hosts}
    personal: list[PersonalData] = []
    if "swagger" in readable:
        sw = package.swagger
        for op in ops:
            host = by_name.get(op_host.get(op.id, ""))
            if host is None or host.operator == "microsoft":
                continue
            fields = operation_fields(sw, op)
            if fields:
                personal.append(PersonalData(op.id, Evidence(op.file, op.pointer), host.name, host.operator, host.geography, tuple(fields)))
    profile = SecurityProfile(auth, hosts, links, personal, None, list(find_secrets(package)), None)  # type: ignore[arg-type]
    profile.dlp = suggest(profile)
    return profile
