"""The publisher questionnaire: what to ask the publisher of a connector, and what the package already shows.

``questionnaire(security)`` reads the package's security profile as the JSON report
holds it (``vetter.report.export``) and returns, for each party other than Microsoft
that receives data (hosts grouped by registrable domain), the questions Microsoft's
guidance asks about a third-party connector's service — does it store the data and how is
it deleted, can an attacker control or intercept it, does it support single sign-on or
multi-factor sign-in, where does the data go (for an EU-based company: does it leave the EU
or go to it; for a US-based one: is it sent to the EU), which personal data it receives —
each with what the package shows and what stays open. With ``--residency`` the geography
question follows the allowed set. Questions are inventory, never findings.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

QUESTIONS = {
    "storage": "Does the service store the data it receives? If so, for how long, and how is it deleted?",
    "interception": "Can an attacker control or intercept the data on its way to the service or inside it?",
    "sign-in": "Does the service support single sign-on or multi-factor sign-in?",
    "geography": "Where is the data processed and stored? For an EU-based company: does it leave the EU, or go to it, at any point? For a US-based company: is it sent to the EU?",
    "personal-data": "Which personal data does the service receive, for what purpose, and under which data processing agreement?",
}
SIGN_IN_SHOWN = 20  # sign-in schemes described under each party; one more line says how many the profile lists besides
RESIDENCY_QUESTION = "Does the data stay in {allowed} at every point: processing, storage, backups, support access and sub-processors?"

OPEN = {
    "storage": "How long the service keeps what it receives, and how a deletion is requested and confirmed.",
    "interception": "How the service authenticates the platform's calls, encrypts stored data, and limits which staff and sub-processors can read it.",
    "geography": "Where the service processes and stores the data, backups and support access included, and which sub-processors receive it.",
    "residency": "A written commitment that the data stays in {allowed}, sub-processors included.",
    "personal-data": "The purpose and legal basis for each kind of personal data, and the data processing agreement that covers it.",
    "agent-tools": "The tools the server exposes (each name, description and input schema) and how changes to them are announced: the server can change them without a new connector version.",
}

SIGN_IN = {
    # kind -> (what it means for single sign-on and multi-factor sign-in, what stays open)
    "aad": (
        "Entra ID sign-in for each user: the tenant's conditional access and multi-factor policies apply to every connection.",
        "Which permissions the app registration asks for, and whether they need an administrator's consent.",
    ),
    "aadcertificate": (
        "an Entra ID app certificate: one app identity for every user, so no user signs in and user conditional access does not apply.",
        "What the app's permissions reach, and how the certificate is rotated and revoked.",
    ),
    "oauth": (
        "OAuth sign-in at {provider}: single sign-on and multi-factor sign-in are that provider's, not the tenant's conditional access.",
        "Whether the provider federates with the tenant's Entra ID (single sign-on) and enforces multi-factor sign-in for its accounts.",
    ),
    "oauth-entra": (
        "OAuth sign-in at {provider}, Microsoft Entra ID: the conditional access and multi-factor policies of the tenant the account signs in to apply.",
        "Which tenant the authorization URL signs users in to (any tenant's, or the publisher's own) and which permissions the app registration asks for.",
    ),
    "client-credentials": (
        "an OAuth client secret (client-credentials grant) stored in the connection: no user signs in, so neither single sign-on nor multi-factor sign-in applies.",
        "Whether the service can sign users in with the tenant's Entra ID instead, and how the secret is scoped, rotated and revoked.",
    ),
    "apikey": (
        "a stored API key: it cannot be held to the tenant's conditional access or multi-factor sign-in, and every co-owner of a connection reuses it.",
        "Whether the service can sign in with the tenant's Entra ID instead of a shared key, and how keys are scoped, rotated and revoked.",
    ),
    "basic": (
        "a stored user name and password: no multi-factor sign-in, and every co-owner of a connection reuses them.",
        "Whether the service offers single sign-on with Entra ID or OAuth instead of a password.",
    ),
    "gateway": (
        "an on-premises data gateway with a stored credential: the call runs inside the tenant's network as that account.",
        "Which account the gateway connection uses and what it can reach on the network.",
    ),
    "none": (
        "no authentication: the service cannot tell this tenant's calls from anyone's.",
        "Whether anonymous access is intended, and what stops others from reading or changing the same data.",
    ),
}


def questionnaire(security: Mapping[str, Any] | None) -> dict[str, Any]:
    """``{residency, parties: [{party, hosts, questions: [{id, question, known, open}]}], note}``."""
    if not security:
        return {"residency": None, "parties": [], "note": "No security profile: neither the swagger nor apiProperties could be read."}
    allowed = (security.get("residency") or {}).get("allowed") or None
    hosts = [h for h in (security.get("egress") or {}).get("hosts") or [] if "unused" not in h.get("flags", []) and h.get("operator") != "microsoft"]
    groups: dict[str, list[dict[str, Any]]] = {}
    for h in hosts:
        party = h.get("registrable_domain") or h.get("host") or h.get("template") or "?"
        groups.setdefault(party, []).append(h)
    sign_in = _sign_in(security)  # the same for every party: worked out once
    personal: dict[Any, list[tuple[int, dict[str, Any]]]] = {}  # host -> (place in the profile, what personal data goes to it)
    for i, d in enumerate((security.get("residency") or {}).get("personal_data") or []):
        personal.setdefault(d.get("host"), []).append((i, d))
    parties = [_party(name, members, security, allowed, sign_in, personal) for name, members in sorted(groups.items())]
    _ask_for_tools(parties, security)
    note = None if parties else "Every host this connector reaches is run by Microsoft: there is no third party to ask."
    return {"residency": list(allowed) if allowed else None, "parties": parties, "note": note}


def _ask_for_tools(parties: list[dict[str, Any]], security: Mapping[str, Any]) -> None:
    """An agent (MCP) connector whose tools nothing listed: ask the party that runs its server for them
    (every third party when the server's host is not one of theirs; the publisher when there is none)."""
    agent = security.get("agent")
    if not isinstance(agent, Mapping) or not agent.get("publisher_question"):
        return
    question = agent["publisher_question"]
    server = agent.get("server") or {}
    known = [f"MCP server: {server.get('note') or 'not known from the package.'}", "No tool list was given (--mcp-tools), read online (--online) or found in the script."]
    item = {"id": "agent-tools", "question": question, "known": known, "open": OPEN["agent-tools"]}
    host = server.get("host")
    runs = [p for p in parties if any(h.get("host") == host for h in p["hosts"])] if host else []
    for p in runs or parties:
        p["questions"].append(dict(item))
    if not parties:
        parties.append({"party": "the publisher", "hosts": [], "questions": [item]})


def _party(name: str, hosts: list[dict[str, Any]], security: Mapping[str, Any], allowed: list[str] | None, sign_in: tuple[list[str], str],
           personal_by_host: Mapping[Any, list[tuple[int, dict[str, Any]]]]) -> dict[str, Any]:
    names = {h.get("host") or h.get("template") for h in hosts}
    shown = [
        {
            "host": h.get("host") or h.get("template"),
            "operator": h.get("operator"),
            "operator_name": h.get("operator_name"),
            "geography": h.get("geography"),
            "geography_evidence": h.get("geography_evidence"),
            "declared": any(f.get("role") not in ("script", "policy-url") for f in h.get("found") or []),
        }
        for h in hosts
    ]
    sign_in_known, sign_in_open = sign_in
    personal = [d for _i, d in sorted((e for n in names for e in personal_by_host.get(n, ())), key=lambda e: e[0])]  # in the profile's order
    if allowed:
        geo_question, geo_open = RESIDENCY_QUESTION.format(allowed=", ".join(allowed)), OPEN["residency"].format(allowed=", ".join(allowed))
    else:
        geo_question, geo_open = QUESTIONS["geography"], OPEN["geography"]
    questions = [
        {"id": "storage", "question": QUESTIONS["storage"], "known": _links(security) + _other_party(name, hosts, security), "open": OPEN["storage"]},
        {"id": "interception", "question": QUESTIONS["interception"], "known": [_transport(h) for h in hosts], "open": OPEN["interception"]},
        {"id": "sign-in", "question": QUESTIONS["sign-in"], "known": list(sign_in_known), "open": sign_in_open},
        {"id": "geography", "question": geo_question, "known": [_where(h, allowed) for h in hosts], "open": geo_open},
        {
            "id": "personal-data",
            "question": QUESTIONS["personal-data"],
            "known": [f"{d['operation']} sends {', '.join(sorted({f['category'] for f in d.get('fields') or []}))} to {d['host']}." for d in personal]
            or ["No operation is seen sending personal data to these hosts (found by field names and formats; free-text fields may still carry it)."],
            "open": OPEN["personal-data"],
        },
    ]
    return {"party": name, "hosts": shown, "questions": questions}


def _links(security: Mapping[str, Any]) -> list[str]:
    residency = security.get("residency") or {}
    out = []
    for kind, label in (("privacy_policy", "Privacy policy"), ("website", "Website")):
        link = residency.get(kind)
        if not link:
            if kind == "privacy_policy":
                out.append("The package links no privacy policy.")
            continue
        facts = ["https" if link.get("https") else "not https"]
        on = link.get("publisher_domain")
        if on is not None:
            facts.append("on the publisher's own domain" if on else "not on the publisher's own domain")
        out.append(f"{label}: {link.get('url')} ({', '.join(facts)}).")
    return out


def _other_party(party: str, hosts: list[dict[str, Any]], security: Mapping[str, Any]) -> list[str]:
    """A note when the party is not on the domain of the publisher's website: its own terms apply too;
    or, for a party that is no domain (a host built at run time, an address), that the package cannot tell."""
    from vetter.security.hosts import public_suffix, url_host

    if not any(h.get("registrable_domain") for h in hosts):
        if any(h.get("template") for h in hosts):
            return [f"{party} is a host set when a connection is made or by the call itself: the package cannot show whose service "
                    "receives the data, nor whether the publisher's privacy policy covers it."]
        return [f"{party} has no registrable domain (an address, or a name under no public suffix): the package cannot show whose "
                "service it is, nor whether the publisher's privacy policy covers it."]

    link = (security.get("residency") or {}).get("website") or {}
    host = url_host(str(link.get("url") or ""))
    site = public_suffix(host)[1] if host else None
    if site is None or site == party:
        return []
    return [f"{party} is not the domain of the publisher's website ({site}): the publisher's privacy policy may not cover what {party} does with the data."]


def _transport(h: Mapping[str, Any]) -> str:
    name = h.get("host") or h.get("template")
    facts = []
    schemes = h.get("schemes") or []
    facts.append("plain http" if "http" in schemes else "https")
    if h.get("fixed"):
        facts.append("a fixed host")
    else:
        sources = ", ".join(f"{t.get('kind')} '{t.get('name')}'" + ("" if t.get("constrained") else " (free text)") for t in h.get("templated_by") or [])
        facts.append(f"built at run time from {sources or 'an expression'}")
    flags = [f for f in h.get("flags") or [] if f in ("tunnel", "private-address", "reserved-name", "non-production", "placeholder", "ip-literal")]
    if flags:
        facts.append("flagged " + ", ".join(flags))
    roles = {f.get("role") for f in h.get("found") or []}
    if roles and roles <= {"script", "policy-url"}:
        where = ", ".join(f"{f.get('file')}" + (f" line {f['line']}" if f.get("line") else "") for f in h.get("found") or [])
        facts.append(f"reached only from {where}, not declared in the swagger")
    return f"{name}: {'; '.join(facts)}."


def _where(h: Mapping[str, Any], allowed: list[str] | None) -> str:
    from vetter.security.hosts import in_geographies

    name = h.get("host") or h.get("template")
    geography = h.get("geography") or "unknown"
    if geography == "unknown":
        text = f"{name}: geography unknown (nothing in the package shows where it runs)"
    else:
        text = f"{name}: {geography} ({h.get('geography_evidence') or 'no evidence recorded'})"
    if allowed:
        inside = in_geographies(geography, tuple(allowed))
        text += "; inside the allowed set" if inside else "; outside the allowed set" if inside is False else "; to be confirmed"
    return text + "."


GENERIC_PROVIDERS = ("oauth2", "oauth2generic")  # identityProvider values that name no provider: its authorization URL does


def _generic_host(scheme: Mapping[str, Any]) -> str | None:
    """The host of a generic OAuth scheme's authorization URL (None for a named provider, or no URL)."""
    from vetter.security.hosts import url_host

    if (scheme.get("provider") or "") not in ("", *GENERIC_PROVIDERS):
        return None
    url = (scheme.get("oauth") or {}).get("authorization_url")
    return url_host(url) if isinstance(url, str) else None


def _provider(scheme: Mapping[str, Any]) -> str:
    """Who signs the user in, for a reader: a named identity provider (``DocuSign``, ``google``) as written,
    else the host of the authorization URL (a generic OAuth provider's ``identityProvider`` is ``oauth2``)."""
    provider = scheme.get("provider") or ""
    if provider and provider not in GENERIC_PROVIDERS:
        return str(provider)
    host = _generic_host(scheme)
    if host is None:
        return "the publisher's identity provider"
    return f"{host} (a host the connection fills in)" if "{" in host else host


def _at_entra(scheme: Mapping[str, Any]) -> bool:
    """Whether a generic OAuth scheme's authorization URL is Microsoft Entra ID's sign-in (any cloud)."""
    from vetter.security.auth import ENTRA_LOGINS

    return _generic_host(scheme) in {login for login, _cloud in ENTRA_LOGINS}


def _sign_in(security: Mapping[str, Any]) -> tuple[list[str], str]:
    """What the package shows about sign-in (the first ``SIGN_IN_SHOWN`` schemes, then how many more
    the security profile's ``auth.schemes`` lists) and what stays open. Every party is asked the same,
    so a package with many connection parameter sets and as many identity providers does not repeat
    every scheme under every party."""
    known: list[str] = []
    open_: list[str] = []
    schemes = (security.get("auth") or {}).get("schemes") or []
    for n, s in enumerate(schemes):
        kind = s.get("kind")
        if s.get("identity") == "stored-credential" and kind in ("oauth2", "oauth2generic", "aad", "first-party"):
            key = "client-credentials"
        elif kind in ("oauth2", "oauth2generic", "first-party"):
            key = "oauth-entra" if _at_entra(s) else "oauth"
        elif kind in ("windows", "gateway"):
            key = "gateway"
        else:
            key = kind if kind in SIGN_IN else "none"
        provider = _provider(s)
        what, ask = SIGN_IN[key]
        label = f"{kind}" + (f" (set {s['set']})" if s.get("set") else "")
        if n < SIGN_IN_SHOWN:
            known.append(f"{label}: {what.format(provider=provider)}")
        if ask not in open_:
            open_.append(ask)
    if len(schemes) > SIGN_IN_SHOWN:
        known.append(f"... and {len(schemes) - SIGN_IN_SHOWN:,} more sign-in schemes: the security profile's auth.schemes lists every one.")
    if not known:
        known.append("The package declares no authentication.")
        open_.append(SIGN_IN["none"][1])
    return known, " ".join(open_)
