"""The parts of a security profile: plain frozen records, each judgement with its evidence."""

from __future__ import annotations

from typing import Any

from msgspec import Struct, field

from vetter.base.rule import Location
from vetter.model.node import Node

GROUP_LABEL = {"business": "Business", "non-business": "Non-business", "blocked": "Blocked", "ignore": "Ignore"}
"""The DLP groups as the admin center names them (a policy's groups, vetter's suggestion)."""
PLACEHOLDER_FLAGS = frozenset(("placeholder", "invalid-name"))
"""The host flags of a name no request reaches as written (``EgressHost.is_placeholder``)."""


def sentence(text: str) -> str:
    """``text`` with its first letter in upper case (the rest kept as written, unlike str.capitalize)."""
    return text[:1].upper() + text[1:]


class Evidence(Struct, frozen=True, order=True):
    """Where a judgement comes from: a file and a JSON pointer, or a line of a text file."""

    file: str
    pointer: str | None = None
    line: int | None = None

    @classmethod
    def of(cls, node: Node, *keys: str | int) -> Evidence:
        loc = node.at(*keys)
        return cls(loc.file, loc.pointer)

    @property
    def location(self) -> Location:
        return Location(self.file, self.pointer, self.line)


class OAuthFacts(Struct, frozen=True):
    """What the package says about one OAuth connection: provider, flow, scopes, redirect mode and the rest."""

    provider: str  # identityProvider as written
    flow: str | None  # swagger oauth2 flow
    scopes: tuple[str, ...]
    scopes_evidence: Evidence
    redirect_mode: str | None
    redirect_evidence: Evidence
    client_id: str  # set | placeholder | missing
    client_secret: str  # set | placeholder | missing
    client_secret_evidence: Evidence | None
    urls: dict[str, tuple[str, Evidence]] = field(default_factory=dict)  # authorization/token/refresh -> (url, where)
    resource: str | None = None
    login_uri: str | None = None
    cloud: str | None = None  # public | us-government | china | germany | unknown (Entra ID only)
    client_credentials: bool = False  # the token request uses the client-credentials grant


class AuthScheme(Struct, frozen=True, order=True):
    kind: str  # none basic apikey oauth2 oauth2generic aad aadcertificate first-party windows gateway
    set_name: str | None
    identity: str  # delegated | stored-credential | app-certificate | anonymous | gateway
    identity_text: str
    sharing: str
    evidence: tuple[Evidence, ...]
    api_key_in: str | None = None  # header | query | host | path
    api_key_name: str | None = None
    api_key_evidence: Evidence | None = None
    oauth: OAuthFacts | None = None


class Judgement(Struct, frozen=True, order=True):
    """A statement the profile makes and a rule may raise, with where it comes from.

    ``family`` names the check that made it when several rules read one list (the auth
    mismatches: ``definition-unmatched``, ``auth-undeclared``, ``oauth-url-differs``, ``fixed-credential``);
    ``key`` tells two judgements at one place apart and ``hint`` says how to fix it.
    """

    message: str
    evidence: tuple[Evidence, ...]
    family: str = ""
    key: str | None = None
    hint: str | None = None


class AuthProfile(Struct, frozen=True, order=True):
    kind: str
    schemes: tuple[AuthScheme, ...]
    mismatches: tuple[Judgement, ...]
    implicit_flows: tuple[Judgement, ...]


class Source(Struct, frozen=True, order=True):
    """What a templated host is built from."""

    kind: str  # connection-parameter | header | query-parameter | path-parameter | expression
    name: str
    constrained: bool
    choices: tuple[tuple[str, str | None, str], ...] = ()  # (value, host, geography)
    evidence: Evidence | None = None


class Found(Struct, frozen=True, order=True):
    role: str  # api-host parameterized-host policy-host policy-url oauth-* webhook script
    evidence: Evidence
    operations: tuple[str, ...] = ()  # [] = every operation (or not tied to operations)
    text: str | None = None  # the URL or template as written
    insecure: Evidence | None = None  # where this use asks for plain http: the URL itself, or the swagger's http scheme


class EgressHost(Struct):
    """One host the connector reaches (or one built at run time), with where it was found and what its name says."""

    host: str | None  # None for a host built at run time that has no fixed name
    template: str | None
    fixed: bool
    sources: list[Source] = field(default_factory=list)
    registrable: str | None = None
    operator: str = "unknown"
    operator_name: str | None = None
    geography: str = "unknown"
    geography_evidence: str | None = None
    geo_evidence: tuple[Any, ...] = ()  # vetter.security.hosts.GeoEvidence: all that is known of where it runs
    schemes: set[str] = field(default_factory=set)
    flags: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    found: list[Found] = field(default_factory=list)
    fixed_domain: str | None = None  # templated host kept under this fixed domain (*.zendesk.com)

    @property
    def name(self) -> str:
        return self.host or self.template or "?"

    @property
    def first(self) -> Evidence:
        return self.found[0].evidence

    def flag(self, name: str, note: str) -> None:
        if name not in self.flags:
            self.flags.append(name)
            self.notes.append(note)

    def note(self, name: str) -> str:
        return self.notes[self.flags.index(name)] if name in self.flags else ""

    @property
    def is_placeholder(self) -> bool:
        """A placeholder or invalid name (``api.contoso.com``): a finding for the author (SEC012), not a place data goes."""
        return bool(PLACEHOLDER_FLAGS & set(self.flags))

    @property
    def geography_strength(self) -> str:
        """How strong the evidence behind ``geography`` is: strong, medium, weak, or none (unknown)."""
        from vetter.security.hosts import best

        chosen = best(self.geo_evidence)
        return chosen.strength if chosen is not None and chosen.geography == self.geography else "none"


class Link(Struct, frozen=True, order=True):
    kind: str  # website | privacy-policy | contact | terms-of-service
    url: str
    evidence: Evidence
    https: bool
    publisher_domain: bool | None


class PersonalField(Struct, frozen=True, order=True):
    name: str
    category: str  # email phone postal-address birth-date national-id iban ip-address
    evidence: Evidence


class PersonalData(Struct, frozen=True, order=True):
    operation: str
    operation_evidence: Evidence
    host: str
    operator: str
    geography: str
    fields: tuple[PersonalField, ...]


class DlpReason(Struct, frozen=True, order=True):
    id: str
    group: str
    text: str
    evidence: tuple[Evidence, ...]


class Dlp(Struct, frozen=True, order=True):
    group: str
    reasons: tuple[DlpReason, ...]


class SecurityProfile(Struct):
    """The security facts of one package: auth, hosts, links, personal data, DLP group and secrets."""

    auth: AuthProfile
    hosts: list[EgressHost]
    links: list[Link]
    personal_data: list[PersonalData]
    dlp: Dlp
    secrets: list[Any]  # vetter.security.secrets.SecretHit
    residency: tuple[str, ...] | None
    online: Any = None  # vetter.security.online.OnlineResult when --online

    def link(self, kind: str) -> Link | None:
        return next((x for x in self.links if x.kind == kind), None)

    @property
    def egress(self) -> list[EgressHost]:
        """Hosts data can be sent to (a swagger host replaced for every operation is not)."""
        return [h for h in self.hosts if "unused" not in h.flags]

    @property
    def geographies(self) -> list[str]:
        return sorted({h.geography for h in self.egress})

    def dlp_patterns(self) -> list[str]:
        out = set()
        for h in self.egress:
            if h.fixed and h.host and not h.is_placeholder:
                scheme = "http" if h.schemes == {"http"} else "https"
                out.add(f"{scheme}://{h.host}/*")
            elif h.fixed_domain:
                out.add(f"https://*.{h.fixed_domain}/*")
            elif h.sources and all(src.constrained for src in h.sources):
                out.update(f"https://{host}/*" for src in h.sources for _v, host, _g in src.choices if host and "{" not in host)
        return sorted(out)
