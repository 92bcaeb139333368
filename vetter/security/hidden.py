"""Hidden egress: hosts the script or a policy template reaches that the connector never declares.

A host counts as declared when the swagger (``host``, ``x-ms-parameterized-host``), a
dynamic-host policy template (``dynamichosturl``, ``dynamicsubdomain``: its fixed host,
its fixed domain or one of its allowed values) or the OAuth settings name it. DLP
endpoint filtering and a reviewer reading the swagger see those; a host named only in
``script.csx`` or in a ``routerequesttoendpoint`` / ``setvaluefromurl`` URL is not seen
there. Each place such a host is reached is listed with the operations it serves.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from msgspec import Struct

from vetter.base.rule import InputUnavailable
from vetter.security.model import EgressHost, Found

if TYPE_CHECKING:
    from vetter.model.csx import OperationCase, ScriptHost
    from vetter.model.package import ConnectorPackage

DECLARING = frozenset(
    {"api-host", "parameterized-host", "policy-host", "oauth-authorization", "oauth-token", "oauth-refresh", "oauth-login", "webhook"}
)
"""Roles of ``Found`` that declare a host where reviewers and DLP endpoint filtering look."""

HIDDEN_ROLES = ("script", "policy-url")


class HiddenHost(Struct, frozen=True, order=True):
    host: EgressHost
    found: Found  # the one place it is reached from
    column: int | None  # in the script, when it is found there
    how: str | None  # what makes it a request in the script ("new Uri(...)", ...)
    operations: tuple[str, ...]  # the operation ids it serves; () = every operation
    related: bool  # on the registrable domain of a declared host, or run by Microsoft
    declared: tuple[str, ...]  # the declared hosts (names or templates), for the message


def hidden_egress(package: ConnectorPackage) -> list[HiddenHost]:
    """Every place a host that is not declared is reached from (cached per package)."""
    return package.derived("security:hidden", _build)


def _build(package: ConnectorPackage) -> list[HiddenHost]:
    from vetter.security.profile import security_profile

    profile = security_profile(package)
    declared = [h for h in profile.hosts if any(f.role in DECLARING for f in h.found)]
    names = {h.host for h in declared if h.host}
    domains = {h.fixed_domain for h in declared if h.fixed_domain}
    choices = {host for h in declared for s in h.sources for _v, host, _g in s.choices if host}
    registrable = {h.registrable for h in declared if h.registrable}
    shown = tuple(sorted(h.name for h in declared if "unused" not in h.flags) or sorted(h.name for h in declared))
    out: list[HiddenHost] = []
    seen = {id(d) for d in declared}
    places: _ScriptPlaces | None = None
    for h in profile.hosts:
        if not h.fixed or not h.host or id(h) in seen:
            continue
        if h.host in names or h.host in choices or _under(h.host, domains):
            continue
        related = h.operator == "microsoft" or (h.registrable is not None and h.registrable in registrable)
        for f in h.found:
            if f.role == "script":
                places = places if places is not None else _ScriptPlaces(package)
                column, how, ops = places.of(h.host, f)
                out.append(HiddenHost(h, f, column, how, ops, related, shown))
            elif f.role == "policy-url":
                out.append(HiddenHost(h, f, None, None, tuple(f.operations), related, shown))
    return out


def _under(host: str, domains: set[str]) -> bool:
    """Whether ``host`` is one of ``domains`` or below one (a set lookup per label, not a test per domain)."""
    while True:
        if host in domains:
            return True
        dot = host.find(".")
        if dot == -1:
            return False
        host = host[dot + 1 :]


class _ScriptPlaces:
    """Where in the script each host is reached, and for which operations: what every host of a
    package shares (the script's hosts by place, the operations, the script's operation cases)
    worked out once, so a script reaching thousands of hosts costs no more per host than one."""

    def __init__(self, package: ConnectorPackage) -> None:
        from vetter.model.csx import OperationIndex, parse_script, script_hosts

        self.script = parse_script(package)
        self.hits: dict[tuple[str | None, int | None], ScriptHost] = {}
        for x in script_hosts(package):
            self.hits.setdefault((x.host, x.line), x)  # the first, as a search in order finds
        try:
            listed = set(package.properties.script_operations or [])
        except InputUnavailable:
            listed = set()
        try:
            from vetter.security.endpoints import operations

            every = [op.id for op in operations(package.swagger)]
        except InputUnavailable:
            every = []
        self.runs = tuple(op for op in every if op in listed) if listed else ()  # the operations the script handles
        self.operations = OperationIndex(list(self.runs) or every)  # what a host's cases are matched against
        # a guard's cases (kept, so their id stays theirs) -> the operations they match
        self.guarded: dict[int, tuple[tuple[OperationCase, ...], tuple[str, ...]]] = {}

    def of(self, host: str, found: Found) -> tuple[int | None, str | None, tuple[str, ...]]:
        """(column, how it is sent, operations) of a script host found at ``found``'s line."""
        from vetter.model.csx import operations_at

        hit = self.hits.get((host, found.evidence.line))
        if self.script is None or hit is None:
            return None, None, ()
        cases = operations_at(self.script, hit.line, hit.column)
        if not cases:
            return hit.column, hit.evidence, self.runs
        known = self.guarded.get(id(cases))  # one guard, one tuple (``operations_at``): matched once
        if known is None:
            guarded = self.operations.matching(cases)
            known = self.guarded[id(cases)] = (cases, tuple(guarded or sorted({c.value for c in cases})))
        return hit.column, hit.evidence, known[1]
