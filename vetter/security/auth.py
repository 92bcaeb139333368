"""Authentication, from swagger and apiProperties together, and whose identity runs the calls.

apiProperties is the more complete description (``../shared/docs/corpus.md`` §3.4:
swagger ``securityDefinitions`` are missing or inconsistent in about 10 % of
packages), so the kind comes from it when it says anything, and the swagger
fills in where the key travels and the OAuth flow. Disagreements between the two
files are kept as judgements that XFL001-XFL003 raise; the sharing statements follow the platform's rules for
connections (learn.microsoft.com/power-automate/share-buttons,
learn.microsoft.com/connectors/custom-connectors/share).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from vetter.base.rule import InputUnavailable
from vetter.model.properties import ApiProperties, ConnectionParameter, OAuthSettings
from vetter.security.model import AuthProfile, AuthScheme, Evidence, Judgement, OAuthFacts

if TYPE_CHECKING:
    from vetter.model.package import ConnectorPackage

OAUTH_KINDS = ("oauth2", "oauth2generic", "aad", "aadcertificate")

SHARING_DELEGATED = (
    "Calls run with the privileges of whoever signed in to the connection. Flow co-owners always act "
    "through the connection's identity; run-only users do so unless the flow makes them bring their own "
    "connection; canvas app users of a custom connector must create their own connection."
)
SHARING_STORED = (
    "One stored credential runs every call: it carries no user identity, no MFA and no per-user audit. "
    "Every flow co-owner reuses it, and run-only users do unless the flow makes them bring their own "
    "connection: a stored credential reused by every co-owner is the privilege-escalation path reviewers "
    "look for. Canvas app users of a custom connector must create their own connection."
)
SHARING_ANONYMOUS = "No credential: every caller is anonymous to the service; sharing changes nothing."

IDENTITY_TEXT = {
    "delegated": "A person's delegated sign-in: the service sees the user who created the connection.",
    "stored-credential": "One stored credential (key, password or client secret): no user identity.",
    "app-certificate": "An application certificate: the app's identity, not a user's.",
    "anonymous": "None: the service is called without credentials.",
    "gateway": "The credential stored on the on-premises data gateway connection: no user identity.",
}
SHARING = {
    "delegated": SHARING_DELEGATED,
    "stored-credential": SHARING_STORED,
    "app-certificate": SHARING_STORED,
    "gateway": SHARING_STORED,
    "anonymous": SHARING_ANONYMOUS,
}

_PLACEHOLDER = (  # compiled on first use (re's cache), by the packages that ask
    r"^\s*$|^\[\[.*\]\]$|^<.*>$|^\{.*\}$|^\*+$|^x{3,}$|dummy|placeholder|your|client[_ -]?(id|secret)|^secret$|^null$|^none$|replace|^n/?a$|^0+(-0+)*$|^\.+$"
)
ENTRA_LOGINS = (  # the hosts of Microsoft Entra ID sign-in, by cloud
    ("login.microsoftonline.us", "us-government"),
    ("login.chinacloudapi.cn", "china"),
    ("login.partner.microsoftonline.cn", "china"),
    ("login.microsoftonline.de", "germany"),
    ("login.windows.net", "public"),
    ("login.microsoftonline.com", "public"),
)


def is_placeholder(value: str | None) -> bool:
    return value is None or bool(re.search(_PLACEHOLDER, value, re.IGNORECASE))


def cloud_of(login_uri: str | None) -> str:
    if not login_uri:
        return "public"
    low = login_uri.lower()
    return next((c for host, c in ENTRA_LOGINS if host in low), "unknown")


def analyse(package: ConnectorPackage) -> AuthProfile:
    swagger = _swagger_side(package)
    try:
        props: ApiProperties | None = package.properties
    except InputUnavailable:
        props = None
    schemes: list[AuthScheme] = []
    mismatches: list[Judgement] = []
    if props is not None and props.parameter_sets():
        for s in props.parameter_sets():
            schemes.append(_scheme(s.parameters, s.name, swagger, props))
    else:
        params = props.connection_parameters() if props is not None else []
        schemes.append(_scheme(params, None, swagger, props))
    if props is not None and _readable(package):  # disagreement needs both files
        mismatches = _mismatches(package)
    mismatches.extend(_fixed_credentials(package))  # either file can send one
    implicit = tuple(
        Judgement(f"OAuth definition '{name}' uses the implicit flow.", (Evidence.of(node, "flow"),))
        for name, node, _t in swagger
        if node.string("type") == "oauth2" and (node.string("flow") or "").lower() == "implicit"
    )
    kinds = {s.kind for s in schemes}
    kind = "multiple" if len(schemes) > 1 else (schemes[0].kind if schemes else "unknown")
    if len(schemes) > 1 and len(kinds) == 1:
        kind = "multiple"
    return AuthProfile(kind, tuple(schemes), tuple(mismatches), implicit)


def _readable(package: ConnectorPackage) -> bool:
    try:
        _ = package.swagger
    except InputUnavailable:
        return False
    return True


class _Definitions(list[tuple[str, Any, str]]):
    """The swagger's security definitions as ``(name, node, type)``, and what every connection parameter
    set asks of them, worked out once (thousands of sets against thousands of definitions cost their
    product): the types, the oauth2 definitions' first flow, and the first URL each role finds."""

    def __init__(self, items: list[tuple[str, Any, str]]) -> None:
        super().__init__(items)
        self.types = {t for _n, _node, t in items}
        self.apikey = next((node for _n, node, t in items if t == "apikey"), None)
        oauth = [d for _n, d, t in items if t == "oauth2"]
        self.flow: str | None = oauth[0].string("flow") if oauth else None
        self.urls: list[tuple[str, str, Evidence]] = []  # (role, value, evidence) in the order the definitions give them
        found: set[str] = set()
        for d in oauth:
            for key, role in (("authorizationUrl", "authorization"), ("tokenUrl", "token")):
                value = d.string(key)
                if value and role not in found:
                    found.add(role)
                    self.urls.append((role, value, Evidence.of(d, key)))
            if len(found) == 2:
                break
        self._travels: _Travels | None = None

    def travels(self, props: ApiProperties) -> _Travels:
        """The package's policy templates read for where a key travels, once (``_Travels``)."""
        if self._travels is None:
            self._travels = _Travels(props)
        return self._travels


def _swagger_side(package: ConnectorPackage) -> _Definitions:
    try:
        sw = package.swagger
    except InputUnavailable:
        return _Definitions([])
    # the top-level map only: building the whole swagger index here would cost more than the profile
    return _Definitions([(name, node, (node.string("type") or "").lower()) for name, node in sw.root.entries("securityDefinitions") if node.is_object])


def _scheme(params: list[ConnectionParameter], set_name: str | None, swagger: _Definitions, props: ApiProperties | None) -> AuthScheme:
    oauth_params = [p for p in params if (p.type or "").lower() == "oauthsetting"]
    gateway = [p for p in params if (p.type or "").lower() == "gatewaysetting"]
    secrets = [p for p in params if p.is_secret]
    sw_types = swagger.types
    if oauth_params:
        p = oauth_params[0]
        settings = p.oauth
        provider = settings.provider if settings else ""
        kind = provider if provider in OAUTH_KINDS else ("first-party" if provider else "oauth2")
        facts = _oauth_facts(p, settings, swagger)
        identity = "app-certificate" if kind == "aadcertificate" else ("stored-credential" if facts.client_credentials else "delegated")
        return AuthScheme(kind, set_name, identity, IDENTITY_TEXT[identity], SHARING[identity], (Evidence.of(p.node),), oauth=facts)
    if gateway:
        windows = any("windows" in (str(v.data) + (q.name or "")).lower() for q in params for v in q.allowed_values()) or any(
            "windows" in (q.name + (q.display_name or "")).lower() for q in params
        )
        kind = "windows" if windows else "gateway"
        return AuthScheme(kind, set_name, "gateway", IDENTITY_TEXT["gateway"], SHARING["gateway"], (Evidence.of(gateway[0].node),))
    if secrets or "apikey" in sw_types or "basic" in sw_types:
        names = {p.name.lower() for p in params} | {(p.display_name or "").lower() for p in secrets}
        userpass = any("user" in n for n in names) and any("pass" in n for n in names)
        keylike = any("key" in n or "token" in n for n in {p.name.lower() for p in secrets})
        # the parameters themselves decide first (one set can be a key, the other a password)
        basic = userpass or ("basic" in sw_types and not keylike)
        evidence = tuple(Evidence.of(p.node) for p in secrets) or tuple(Evidence.of(node) for _n, node, t in swagger if t in ("apikey", "basic"))
        if basic:
            return AuthScheme("basic", set_name, "stored-credential", IDENTITY_TEXT["stored-credential"], SHARING_STORED, evidence)
        where, name, where_ev = _key_travel(secrets, swagger, props)
        return AuthScheme(
            "apikey", set_name, "stored-credential", IDENTITY_TEXT["stored-credential"], SHARING_STORED, evidence, where, name, where_ev
        )
    evidence = tuple(Evidence.of(p.node) for p in params[:1])
    return AuthScheme("none", set_name, "anonymous", IDENTITY_TEXT["anonymous"], SHARING_ANONYMOUS, evidence)


def _key_travel(
    secrets: list[ConnectionParameter], swagger: _Definitions, props: ApiProperties | None
) -> tuple[str | None, str | None, Evidence | None]:
    node = swagger.apikey
    if node is not None:
        where = (node.string("in") or "").lower() or None
        return where, node.string("name"), Evidence.of(node, "in")
    if props is None:
        return None, None, None
    wanted = {p.name for p in secrets}
    travels = swagger.travels(props)
    if any("'" in w or "{" in w or "}" in w for w in wanted):  # a name only a search of each text finds
        return next(((where, name, ev) for text, where, name, ev in travels.sites if _names_any(text, wanted)), (None, None, None))
    first = min((travels.first[w] for w in wanted if w in travels.first), default=None)
    if first is None:
        return None, None, None
    _text, where, name, ev = travels.sites[first]
    return where, name, ev


class _Travels:
    """The policy template values that carry a key somewhere (a header's or a query parameter's value,
    a host, a path), in the order the templates give them, and the first of them that names each
    connection parameter: read once a package, not once for each of its parameter sets (thousands of
    sets beside thousands of templates cost their product)."""

    def __init__(self, props: ApiProperties) -> None:
        self.sites: list[tuple[str, str, str | None, Evidence]] = []  # (text, where, header or query name, evidence)
        self.first: dict[str, int] = {}  # a name the text gives as 'name' or {name} -> its first site
        for policy in props.policy_templates():
            for pname, value in policy.parameters().items():
                low = pname.lower()
                if policy.id == "setheader" and low == "value":
                    where, name = "header", policy.value("name")
                elif policy.id == "setqueryparameter" and low == "value":
                    where, name = "query", policy.value("name")
                elif policy.id in ("dynamichosturl", "dynamicsubdomain"):
                    where, name = "host", None
                elif policy.id == "routerequesttoendpoint":
                    where, name = "path", None
                else:
                    continue
                text = value.data if isinstance(value.data, str) else ""
                for named in _names_in(text):
                    self.first.setdefault(named, len(self.sites))
                self.sites.append((text, where, name, Evidence.of(value)))


def _names_in(text: str) -> set[str]:
    """What ``text`` can name as ``'name'`` or ``{name}`` without quotes or braces in the name: what
    lies between two neighbouring quotes, or between a ``{`` and the next brace."""
    if "'" not in text and "{" not in text:
        return set()
    quoted = text.split("'")[1:-1]  # what lies between each quote and the next
    braced = [part.split("}", 1)[0] for part in text.split("{")[1:] if "}" in part]
    return set(quoted) | set(braced)


def _names_any(text: str, wanted: set[str]) -> bool:
    """Whether ``text`` names any of ``wanted`` as ``'name'`` or ``{name}`` (``any(f"'{w}'" in text or
    "{" + w + "}" in text for w in wanted)``), reading the text once (``_names_in``)."""
    if not wanted.isdisjoint(_names_in(text)):
        return True
    return any(f"'{w}'" in text or "{" + w + "}" in text for w in wanted if "'" in w or "{" in w or "}" in w)


def _oauth_facts(p: ConnectionParameter, s: OAuthSettings | None, swagger: _Definitions) -> OAuthFacts:
    node = s.node if s is not None else p.node
    flow = swagger.flow
    urls: dict[str, tuple[str, Evidence]] = {}
    if s is not None:
        for key, role in (
            ("authorizationUrl", "authorization"),
            ("tokenUrl", "token"),
            ("refreshUrl", "refresh"),
            ("authorizationUrlTemplate", "authorization"),
            ("tokenUrlTemplate", "token"),
            ("refreshUrlTemplate", "refresh"),
            ("loginUri", "login"),
            ("loginUriAAD", "login"),
        ):
            cp = s.custom_parameters().get(key)
            value = cp.string("value") if cp is not None else None
            if cp is not None and value and role not in urls:
                urls[role] = (value, Evidence.of(cp, "value"))
    for role, value, evidence in swagger.urls:  # the first definition to give each role, for the roles the settings leave out
        if role not in urls:
            urls[role] = (value, evidence)
    provider = s.identity_provider if s is not None else None
    secret = s.client_secret if s is not None else None
    values = " ".join(str(c.get("value", "")) for c in (s.custom_parameters().values() if s else ()))
    resource = None
    login = None
    cloud = None
    if s is not None and s.provider in ("aad", "aadcertificate"):
        resource = s.custom_value("resourceUri") or (s.properties.string("AzureActiveDirectoryResourceId") if s.properties else None)
        login = s.custom_value("loginUri")
        cloud = cloud_of(login)
    return OAuthFacts(
        provider=provider or "",
        flow=flow,
        scopes=tuple(s.scopes) if s is not None else (),
        scopes_evidence=Evidence.of(node, "scopes"),
        redirect_mode=s.redirect_mode if s is not None else None,
        redirect_evidence=Evidence.of(node, "redirectMode") if node.has("redirectMode") else Evidence.of(node),
        client_id="missing" if s is None or s.client_id is None else ("placeholder" if is_placeholder(s.client_id) else "set"),
        client_secret="missing" if secret is None else ("placeholder" if is_placeholder(secret) else "set"),
        client_secret_evidence=Evidence.of(node, "clientSecret") if secret is not None else None,
        urls=urls,
        resource=resource,
        login_uri=login,
        cloud=cloud,
        client_credentials="client_credentials" in values.lower(),
    )


CREDENTIAL_TYPES = ("securestring", "string")


def _mismatches(package: ConnectorPackage) -> list[Judgement]:
    """Where the swagger's security definitions and apiProperties' connection parameters disagree (§6).

    One list for the profile and for the rules that raise it (XFL001 ``definition-unmatched``,
    XFL002 ``auth-undeclared``, XFL003 ``oauth-url-differs``), so a report shows each
    disagreement once and says the same thing in its security block and in its findings.
    ``analyse`` adds SEC022's ``fixed-credential`` judgements to the same list (``_fixed_credentials``:
    a credential the package sends as a fixed value), from either file alone.
    """
    from vetter.model.policies import CONNECTION_REF, strings_in

    out: list[Judgement] = []
    definitions = package.swagger.security_definitions
    props = package.properties
    params = props.all_connection_parameters()
    types = [(p.type or "").lower() for p in params]
    oauth = types.count("oauthsetting")
    credentials = [p for p, t in zip(params, types, strict=True) if t in CREDENTIAL_TYPES and p.name.lower() != "token:tenantid"]
    kinds = {d.type for d in definitions.values()}
    for name, definition in sorted(definitions.items()):
        kind, where = definition.type, (Evidence.of(definition.node, "type"),)
        if kind == "apiKey" and not credentials and not (oauth and "oauth2" in kinds):
            out.append(Judgement(f"Security definition '{name}' is an API key but apiProperties.json has no connection parameter to hold it.", where,
                                 "definition-unmatched", name, "Add a securestring connection parameter (e.g. api_key) with a display name and description."))
        elif kind == "basic" and len(credentials) < 2:
            out.append(Judgement(f"Security definition '{name}' is basic authentication but apiProperties.json has {len(credentials)} of the two parameters (user name, password) it needs.", where,
                                 "definition-unmatched", name, "Add username and password securestring connection parameters."))
        elif kind == "oauth2" and not oauth:
            out.append(Judgement(f"Security definition '{name}' is OAuth 2.0 but apiProperties.json has no oauthSetting connection parameter.", where,
                                 "definition-unmatched", name, "Add an oauthSetting connection parameter with oAuthSettings for the identity provider."))
    used = {m for p in props.policy_templates() for s in strings_in(p.node.get("parameters")) for m in CONNECTION_REF.findall(s)}
    for param, kind in zip(params, types, strict=True):
        where = (Evidence.of(param.node, "type"),)
        if kind == "oauthsetting" and "oauth2" not in kinds:
            out.append(Judgement(f"Connection parameter '{param.name}' is OAuth but the swagger declares no oauth2 security definition.", where, "auth-undeclared", "oauth"))
        elif kind == "securestring" and not definitions and package.script is None and param.name not in used and ":" not in param.name:
            out.append(Judgement(f"Secret connection parameter '{param.name}' is never sent: the swagger has no security definition and no policy template uses it.", where, "auth-undeclared", "secret"))
    oauth_defs = [d for d in definitions.values() if d.type == "oauth2"]
    settings = [p.oauth for p in params if p.oauth is not None and p.oauth.provider == "oauth2"]
    if oauth_defs and len(settings) == 1:  # none, or several to choose from: not comparable
        for definition in oauth_defs:
            for key in ("authorizationUrl", "tokenUrl"):
                theirs = settings[0].custom_value(key)
                ours = definition.node.string(key)
                if theirs and ours and _norm_url(theirs) != _norm_url(ours):
                    out.append(Judgement(f"Security definition '{definition.name}' {key} is '{ours}' but apiProperties.json signs in with '{theirs}'.",
                                         (Evidence.of(definition.node, key),), "oauth-url-differs", f"{definition.name}:{key}"))
    return out


def _fixed_credentials(package: ConnectorPackage) -> list[Judgement]:
    """A credential sent as a fixed value (``secrets.fixed_credentials``): the calls it goes with carry
    the credential shipped in the package, not one the connection's user gave."""
    from vetter.security.secrets import fixed_credentials

    out: list[Judgement] = []
    for c in fixed_credentials(package):
        ops = c.operations
        if c.source == "script":
            scope, calls = "", "the requests it builds there"
        elif not ops:
            scope, calls = " on every operation" + (" that uses it" if c.source == "internal parameter" else ""), "those calls"
        elif len(ops) == 1:
            scope, calls = f" on operation '{ops[0]}'", "those calls"
        else:
            scope, calls = f" on {len(ops)} operations ({', '.join(ops[:3])}{', ...' if len(ops) > 3 else ''})", "those calls"
        when = " when the request has none (existsAction skip)" if c.only_if_absent else ""
        out.append(Judgement(
            f"The {c.source} sends a fixed credential as {c.place} '{c.name}'{scope}{when}: {calls} act as the account "
            "the credential belongs to, whoever signs in to the connection, and the credential ships in the package.",
            (Evidence(c.file, c.pointer, c.line),), "fixed-credential", f"{c.pointer or c.line}:{c.place}:{c.name.lower()}",
            "Send a credential the connection holds instead (`@connectionParameters('api_key')` from a securestring "
            "connection parameter, or the connection's OAuth token), and revoke the one shipped.",
        ))
    return out


def _norm_url(url: str) -> str:
    """A URL with its scheme and host in lower case and no trailing ``/``."""
    url = url.strip().rstrip("/")
    scheme, sep, rest = url.partition("://")
    host, slash, path = rest.partition("/")
    return f"{scheme.lower()}{sep}{host.lower()}{slash}{path}" if sep else url
