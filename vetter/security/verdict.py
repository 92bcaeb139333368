"""The group a tenant's DLP policy gives a custom connector, the rule that decided it, and what it never saw.

How the platform decides, and how vetter follows it (Learn, power-platform/admin
``dlp-custom-connector-parity``; the facts are in docs/security.md):

1. A connector listed by name in one of the policy's connector groups gets that group: "the
   custom connector URL pattern rules is superseded by the existing classification for the
   connector by name". vetter matches a group entry whose ``name`` is the connector's title
   (swagger ``info.title``, else the package's folder or file name), or whose ``id`` ends in
   ``/apis/<title>``, case-insensitively.
2. Otherwise the URL pattern rules are evaluated in ascending ``order`` (ties in file order) and
   the first rule whose pattern matches the connector's **host URL** wins. The host URL is
   ``<scheme>://<host>`` from the swagger (``https`` unless the swagger lists only ``http``;
   the base path is not part of it: the custom connector's Host field). Learn's own example
   pattern, ``https://www.mycompany.com*``, ends in ``*`` so that longer URLs match too.
3. Matching: the whole host URL must match the whole pattern; ``*`` stands for any run of
   characters (none included, dots and slashes included); every other character is literal;
   letters are compared case-insensitively (host names are, RFC 4343; the docs do not say more).
4. No rule matches (a policy without the final ``*`` rule): the policy's default group
   (``defaultConnectorsClassification``), else Non-business, the documented default for
   connectors nobody classified.

``Ignore`` "defers evaluation of a pattern to other environments or tenant-level policies"; if
none classifies the connector it can be used with both Business and Non-business connectors.

Hosts the decision never looked at: every host the connector reaches other than the swagger
host, from ``script.csx``, policy templates (``dynamichosturl``, ``routerequesttoendpoint``...)
and ``x-ms-parameterized-host``, and hosts built at run time. The URL patterns only see the
host URL, and endpoint filtering only evaluates static endpoints
(``connector-endpoint-filtering``: "Endpoint filtering rules don't apply to ... any endpoint
dynamically created at runtime"). Each fixed unseen host is evaluated as if it were the host
URL, so a reader sees the group it would have had.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from msgspec import Struct

from vetter.security.model import GROUP_LABEL, EgressHost, Evidence

if TYPE_CHECKING:  # the policy file's module is imported only with --dlp-policy (start-up time)
    from vetter.model.options import RunOptions
    from vetter.model.package import ConnectorPackage
    from vetter.security.policyfile import NamedConnector, Policy, UrlRule

UNSEEN_ROLES = ("script", "policy-host", "policy-url", "parameterized-host")
RISK = {"blocked": 4, "non-business": 3, "ignore": 2, "business": 1}  # how restrictive each group is


def glob_match(pattern: str, text: str, star_only: str | None = None) -> bool:
    """Whether ``text`` matches ``pattern`` (``*`` = any run of characters), case-insensitively.

    The classic two-index wildcard walk: time O(len(pattern) * len(text)) at worst, no
    backtracking blow-up whatever the pattern. ``star_only``: a character of ``text`` that only a
    ``*`` of the pattern may consume (used to compare two patterns, ``covers``).
    """
    p, t = pattern.lower(), text.lower()
    i = j = 0
    star, mark = -1, 0
    while j < len(t):
        if i < len(p) and p[i] != "*" and p[i] == t[j] and t[j] != star_only:
            i += 1
            j += 1
        elif i < len(p) and p[i] == "*":
            star, mark = i, j
            i += 1
        elif star >= 0:
            i = star + 1
            mark += 1
            j = mark
        else:
            return False
    while i < len(p) and p[i] == "*":
        i += 1
    return i == len(p)


_STAR = "\x00"


def covers(above: str, below: str) -> bool:
    """Whether every URL ``below`` matches also matches ``above`` (so a rule with ``below`` under ``above`` is dead).

    Sound for ``*``-only patterns: ``below`` is read as a word whose ``*`` only a ``*`` of
    ``above`` may absorb; a match means each expansion of ``below`` fits inside ``above``.
    """
    if _STAR in above or _STAR in below:
        return False
    return glob_match(above, below.replace("*", _STAR), star_only=_STAR)


class UnseenHost(Struct, frozen=True):
    """A host the policy's decision never looked at, and the group its own URL would get."""

    name: str  # the host, or the template of a host built at run time
    fixed: bool
    roles: tuple[str, ...]
    evidence: Evidence
    group: str | None  # the group its own URL would get; None when it is built at run time
    rule: UrlRule | None


class Verdict(Struct, frozen=True):
    """The group one DLP policy gives a connector, and what decided it."""

    policy: Policy
    group: str  # business | non-business | blocked | ignore
    how: str  # by-name | url-pattern | default
    url: str | None  # the host URL the URL patterns were matched against
    rule: UrlRule | None = None
    connector: NamedConnector | None = None
    unseen: tuple[UnseenHost, ...] = ()
    where: Evidence | None = None  # what in the package the decision rests on: the title or the swagger host

    @property
    def decided_by(self) -> str:
        if self.how == "by-name" and self.connector is not None:
            return f"listed by name in the {GROUP_LABEL[self.group]} group ('{self.connector.name or self.connector.id}')"
        if self.rule is not None:
            return f"URL rule {self.rule.describe()}, matched by '{self.url}'"
        default = "the policy's default group" if self.policy.default_group else "Non-business, the documented default"
        return f"no URL rule matched '{self.url}': {default}"

    @property
    def differing(self) -> tuple[UnseenHost, ...]:
        """Unseen hosts the policy would have decided differently: another group, or no decision at all."""
        if self.how == "by-name" or self.group == "blocked":
            return ()
        return tuple(u for u in self.unseen if u.group is None or u.group != self.group)


def host_url(profile: Any) -> str | None:
    """``<scheme>://<host>`` of the swagger host (as written, port kept), or None without one."""
    for h in profile.hosts:
        for f in h.found:
            if f.role == "api-host" and f.text:
                scheme = "http" if h.schemes == {"http"} else "https"
                return f"{scheme}://{f.text.strip().lower().rstrip('/')}"
    return None


def decide(policy: Policy, url: str | None) -> tuple[str, UrlRule | None]:
    """The group the URL patterns give ``url`` and the rule that decided (None: nothing matched)."""
    for rule in policy.ordered:
        if rule.is_wildcard or (url is not None and glob_match(rule.pattern, url)):
            return rule.group, rule
    return policy.default_group or "non-business", None


def evaluate(policy: Policy, title: str | None, profile: Any, title_at: Evidence | None = None) -> Verdict:
    url = host_url(profile)
    listed = _listed(policy, title)
    unseen = _unseen(policy, profile)
    if listed is not None:
        return Verdict(policy, listed.group, "by-name", url, connector=listed, unseen=unseen, where=title_at)
    group, rule = decide(policy, url)
    host_at = next((f.evidence for h in profile.hosts for f in h.found if f.role == "api-host"), None)
    return Verdict(policy, group, "url-pattern" if rule is not None else "default", url, rule, unseen=unseen, where=host_at)


def _listed(policy: Policy, title: str | None) -> NamedConnector | None:
    if not title or not title.strip():
        return None
    want = title.strip().lower()
    for c in policy.connectors:
        if (c.name and c.name.strip().lower() == want) or (c.id and c.id.strip().lower().rsplit("/apis/", 1)[-1] == want):
            return c
    return None


def _unseen(policy: Policy, profile: Any) -> tuple[UnseenHost, ...]:
    out = []
    for h in profile.egress:
        roles = tuple(sorted({f.role for f in h.found if f.role in UNSEEN_ROLES}))
        if not roles or any(f.role == "api-host" for f in h.found):
            continue
        first = next(f.evidence for f in h.found if f.role in UNSEEN_ROLES)
        if h.fixed and h.host:
            group, rule = decide(policy, _url_of(h))
            out.append(UnseenHost(h.host, True, roles, first, group, rule))
        else:
            out.append(UnseenHost(h.name, False, roles, first, None, None))
    return tuple(out)


def _url_of(h: EgressHost) -> str:
    scheme = "http" if h.schemes == {"http"} else "https"
    return f"{scheme}://{h.host}"


def title_of(package: ConnectorPackage) -> str:
    """The connector's title, the name admins see: swagger ``info.title``, else the package's name."""
    from vetter.base.rule import InputUnavailable

    try:
        info = package.swagger.root.child("info")
        title = info.string("title") if info is not None and info.is_object else None
        if title and title.strip():
            return title.strip()
    except InputUnavailable:
        pass
    return str(package.name)


def policy_verdicts(package: ConnectorPackage, options: RunOptions) -> list[Verdict]:
    """The verdict of every ``--dlp-policy`` on this package, computed once per package (its analysis) for the run's policies."""
    policies = tuple(getattr(options, "dlp_policies", ()) or ())
    if not policies:
        return []
    from vetter.base.rule import InputUnavailable
    from vetter.model.analysis import analysis_of
    from vetter.security.profile import security_profile

    def build(pkg: ConnectorPackage) -> list[Verdict]:
        profile = security_profile(pkg, options)
        title = title_of(pkg)
        try:
            title_at: Evidence | None = Evidence(pkg.swagger.file.name, "/info/title")
        except InputUnavailable:
            title_at = None
        return [evaluate(p, title, profile, title_at) for p in policies]

    analysis = analysis_of(package)
    return analysis.memo(analysis.slot_for(options, "verdicts", "verdicts", plain=False), lambda: build(package))


def suggestion(profile: Any) -> str:
    """vetter's own DLP suggestion in one line: the group and its first (most restrictive) reason."""
    dlp = profile.dlp
    more = len(dlp.reasons) - 1
    extra = f" (and {more} more reason{'s' if more > 1 else ''})" if more > 0 else ""
    return f"{GROUP_LABEL[dlp.group]}: {dlp.reasons[0].text}{extra}"


def policy_name(policy: Policy) -> str:
    """How a message names a policy: its display name and the file it came from."""
    return f"'{policy.label}' ({policy.file})" if policy.label != policy.file else f"'{policy.file}'"


def judged(package: ConnectorPackage, options: RunOptions) -> tuple[list[Verdict], Any, str]:
    """(verdicts, security profile, vetter's suggestion in one line) for the DLP rules; ([], None, "") without policies."""
    verdicts = policy_verdicts(package, options)
    if not verdicts:
        return [], None, ""
    from vetter.security.profile import security_profile

    profile = security_profile(package, options)
    return verdicts, profile, suggestion(profile)


def verdict_location(v: Verdict) -> Any:
    """Where a verdict's finding points: the swagger host (or title, for a connector listed by name), else the package."""
    from vetter.base.rule import Location

    return v.where.location if v.where else Location(".")
