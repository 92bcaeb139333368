"""Every host a connector can reach, where each was found, and what builds the templated ones.

Sources: the swagger ``host``/``schemes`` (and ``x-ms-parameterized-host``), policy
templates that set the host or call a URL (``dynamichosturl``, ``dynamicsubdomain``,
``routerequesttoendpoint`` and ``setvaluefromurl`` with absolute URLs), OAuth
authorization, token, refresh and login URLs (apiProperties and swagger), and the
script's hosts (``vetter.model.csx.script_hosts``). Documentation links (website, privacy
policy, contact, terms) are kept apart: they are not egress.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from msgspec.structs import replace

from vetter.base.rule import InputUnavailable
from vetter.model.checklist import metadata_member
from vetter.model.extensions import webhook_callbacks
from vetter.model.node import Node
from vetter.model.properties import ApiProperties, ConnectionParameter
from vetter.security.hosts import STRENGTH, GeoEvidence, best, classify, public_suffix, split_host, url_host
from vetter.security.model import EgressHost, Evidence, Found, Link, Source

if TYPE_CHECKING:
    from vetter.model.package import ConnectorPackage

_BRACES = re.compile(r"\{([^{}]+)\}")
_EXPR = re.compile(r"@(connectionParameters|headers?|queryParameters|parameters)\(\s*'([^']*)'", re.IGNORECASE)
_EXPR_CALL = re.compile(r"@connectionParameters\(\s*'([^']*)'(?:\s*,\s*'[^']*')?\s*\)", re.IGNORECASE)
_EXPR_HEAD = re.compile(r"^@[A-Za-z]+\(\s*'[^']*'(?:\s*,\s*'[^']*')?\s*\)[^/?#]*")
# a backslash ends the authority (split_host); after "https:" every slash and backslash is skipped, as
# browsers read it ("https:/x", "https:///x" reach x; .NET refuses them: PRP007 reports a policy's)
_URL = re.compile(r"^\s*(?:(https?):[/\\]*)?([^/?#\\]*)(.*)$", re.IGNORECASE)
HOST_TEMPLATES = ("dynamichosturl", "dynamicsubdomain")
_EXPR_KIND = {"connectionparameters": "connection-parameter", "headers": "header", "header": "header", "queryparameters": "query-parameter", "parameters": "path-parameter"}


class Collector:
    def __init__(self, publisher_domains: frozenset[str]) -> None:
        self.by_key: dict[str, EgressHost] = {}
        self.publisher_domains = publisher_domains
        self.settings: dict[str, _Setting | None] = {}  # connection parameter name, lower case -> how it is set, once per name

    def add_url(self, url: str, role: str, evidence: Evidence, operations: tuple[str, ...] = (), props: ApiProperties | None = None, default_scheme: str | None = None,
                scheme_evidence: Evidence | None = None) -> EgressHost | None:
        """A URL as written; ``scheme_evidence`` is where ``default_scheme`` comes from when the URL has none."""
        m = _URL.match(url)
        if not m:
            return None
        scheme, authority = (m.group(1) or "").lower() or default_scheme, m.group(2)
        if not authority.strip():
            return None
        insecure = (scheme_evidence if not m.group(1) else None) or evidence
        return self.add(authority, scheme, role, evidence, operations, props, text=url, insecure=insecure)

    def add(self, authority: str, scheme: str | None, role: str, evidence: Evidence, operations: tuple[str, ...] = (), props: ApiProperties | None = None, text: str | None = None,
            insecure: Evidence | None = None) -> EgressHost:
        # the swagger host is never a template: braces there are a placeholder left in
        templated = role != "api-host" and bool(_BRACES.search(authority) or _EXPR.search(authority) or authority.strip().startswith("@"))
        if templated:
            key = "t:" + authority.strip()
            entry = self.by_key.get(key)
            if entry is None:
                entry = EgressHost(None, authority.strip(), False)
                entry.sources = _sources(authority, props, self.settings)
                _templated_facts(entry, authority, self.publisher_domains)
                self.by_key[key] = entry
        else:
            host, _port = split_host(authority)
            key = "h:" + host
            entry = self.by_key.get(key)
            if entry is None:
                entry = EgressHost(host, None, True)
                facts = classify(host, self.publisher_domains)
                entry.registrable = facts.registrable
                entry.operator, entry.operator_name = facts.operator, facts.operator_name
                entry.geography, entry.geography_evidence, entry.geo_evidence = facts.geography, facts.geography_evidence, facts.evidence
                for f, n in zip(facts.flags, facts.notes, strict=True):
                    entry.flag(f, n)
                self.by_key[key] = entry
        plain = scheme == "http"
        if scheme:
            entry.schemes.add(scheme)
            if plain:
                entry.flag("plain-http", f"'{entry.name}' is reached over plain http")
        entry.found.append(Found(role, evidence, operations, text, (insecure or evidence) if plain else None))
        return entry

    def hosts(self) -> list[EgressHost]:
        return sorted(self.by_key.values(), key=lambda h: (h.host is None, h.name))


MAX_HOST = 253  # characters of the longest DNS name: a longer text built from an allowed value is no host
MAX_BUILT = 2 * MAX_HOST  # characters of the text a host is cut from, besides one copy of the value (room for a user name, a port, expressions still to substitute)


def _sources(authority: str, props: ApiProperties | None, settings: dict[str, _Setting | None] | None = None) -> list[Source]:
    """What builds a templated host, one source per parameter however often the template repeats it
    (a connection parameter's name in any case, read in every parameter set: ``_setting``), each allowed value's host built once. A value that
    would build a host longer than a DNS name can be (``MAX_HOST``) is no host: its choice has host null
    and geography unknown, and past ``MAX_BUILT`` characters (and the value's own) the text is not even built (a template
    repeating one placeholder K times, with V allowed values, would otherwise hold V hosts K placeholders
    long, and classify each)."""
    out: list[Source] = []
    names = [("connection-parameter", n.split(":", 1)[-1] if n.startswith("token:") else n) for n in _BRACES.findall(authority)]
    names += [(_EXPR_KIND.get(k.lower(), "expression"), n) for k, n in _EXPR.findall(authority)]
    if not names and authority.strip().startswith("@"):
        names = [("expression", authority.strip())]
    seen: set[tuple[str, str]] = set()
    template: _Template | None = None
    for kind, name in names:
        key = (kind, name.lower() if kind == "connection-parameter" else name)
        if key in seen:
            continue
        seen.add(key)
        setting = _setting(props, name, settings) if kind == "connection-parameter" else None
        if setting is not None:
            param, allowed = setting
            choices = []
            made: dict[str, tuple[str | None, str]] = {}  # value -> (host, geography): a value listed twice is built once
            for v in allowed:
                value = _value(v)
                if value is None:
                    continue
                if value not in made:
                    template = template or _Template(authority)
                    host = template.host(name, value)
                    made[value] = (host, classify(host).geography if host and "{" not in host else "unknown")
                choices.append((value, *made[value]))
            out.append(Source(kind, name, bool(choices), tuple(choices), Evidence.of(param.node)))
        else:
            out.append(Source(kind, name, False))
    return out


class _Template:
    """A host template cut once at its ``{placeholders}``, to build the host of one parameter's value
    without a pass over the whole template per value (nor any pass when the text would be too long)."""

    def __init__(self, authority: str) -> None:
        self.parts = _BRACES.split(authority)  # text, placeholder, text, ...: the placeholders at odd places
        self.length = len(authority)
        self.placed: dict[str, tuple[int, int]] = {}  # placeholder name, lower case -> (times, characters)
        for i in range(1, len(self.parts), 2):
            k = _placeholder_key(self.parts[i])
            times, chars = self.placed.get(k, (0, 0))
            self.placed[k] = (times + 1, chars + len(self.parts[i]) + 2)

    def host(self, name: str, value: str) -> str | None:
        """As ``_EXPR_CALL.sub(sub, _BRACES.sub(sub, authority))`` with ``sub = _substitute(name, value)``,
        then the host of the result; None for a host longer than ``MAX_HOST`` or a text longer than ``MAX_BUILT``
        and one copy of the value (a long value used once is built: it may be a URL with a long path)."""
        key = _placeholder_key(name)  # @connectionParameters('token:host') names host, as {token:host} does
        times, chars = self.placed.get(key, (0, 0))
        if self.length - chars + times * len(value) > MAX_BUILT + len(value):
            return None
        parts = self.parts
        built = "".join(value if i % 2 and _placeholder_key(parts[i]) == key else "{" + parts[i] + "}" if i % 2 else parts[i] for i in range(len(parts)))
        if "@" in built:
            hits = [m for m in _EXPR_CALL.finditer(built) if _placeholder_key(m.group(1)) == key]
            if len(built) + sum(len(value) - len(m.group(0)) for m in hits) > MAX_BUILT + len(value):
                return None
            built = _EXPR_CALL.sub(_substitute(name, value), built)
        host, _ = split_host(built.split("://", 1)[-1].split("/", 1)[0])
        return host if host and len(host) <= MAX_HOST else None


def _placeholder_key(placeholder: str) -> str:
    """The parameter a placeholder names (``token:Region`` and ``region`` alike), as every substitution matches it."""
    return placeholder.split(":")[-1].lower()


def _substitute(name: str, value: str) -> Any:
    key = _placeholder_key(name)

    def replace(m: re.Match[str]) -> str:
        return value if _placeholder_key(m.group(1)) == key else m.group(0)

    return replace


_Setting = tuple[ConnectionParameter, list[Node]]  # the definition a source points at, and the allowed values it may take


def _setting(props: ApiProperties | None, name: str, settings: dict[str, _Setting | None] | None) -> _Setting | None:
    """How the connection's user sets connection parameter ``name`` (or ``token:name`` when no parameter
    is so named), any case, over the top-level parameters and every ``connectionParameterSets`` value.

    Each set is a way to connect of its own, and the user picks one: a host built from the parameter is
    free text when ANY set where it exists lets the user type it (no ``allowedValues``), whatever the
    other sets restrict it to, and the source points at that free-text definition. Only when every set
    restricts it are its choices the union of their allowed values (a value an earlier set already lists
    is not listed again), pointing at the first definition. Reading only the first definition of the
    name (as ``connection_parameter`` does) let a free-text ``customHost`` of a "Custom" set borrow the
    allowed values of another set's ``customHost``, and the host pass for a fixed list.

    ``settings`` keeps the answer per name: many templates naming a parameter that many sets define
    cost one pass over the definitions, not one per template."""
    if props is None:
        return None
    key = name.lower()
    if settings is not None and key in settings:
        return settings[key]
    definitions = props.connection_parameter_definitions(name) or props.connection_parameter_definitions(f"token:{name}")
    found: _Setting | None = None
    if definitions:
        allowed: list[Node] = []
        listed: set[str] = set()
        for d in definitions:
            own = d.allowed_values()
            if not own:
                found = (d, [])
                break
            allowed.extend(v for v in own if _value(v) not in listed)
            listed.update(v for v in map(_value, own) if v is not None)
        else:
            found = (definitions[0], allowed)
    if settings is not None:
        settings[key] = found
    return found


def _value(node: Node) -> str | None:
    """An allowed value's string: ``{"value": ...}`` or the bare entry."""
    value = node.data.get("value") if isinstance(node.data, dict) else node.data
    return value if isinstance(value, str) else None


def _templated_facts(entry: EgressHost, authority: str, publisher_domains: frozenset[str]) -> None:
    """Free text can point the host anywhere, unless the template keeps a fixed registrable domain."""
    last = max([m.end() for m in _BRACES.finditer(authority)] + [m.end() for m in _EXPR.finditer(authority)] + [0])
    tail = authority[last:].split(")", 1)[-1] if "@" in authority[:last] else authority[last:]
    tail = tail.strip().lstrip(".").lower()
    fixed_domain = None
    if tail and "." in tail and re.fullmatch(r"[a-z0-9.-]+(:\d+)?", tail):
        host, _ = split_host(tail)
        suffix, registrable = public_suffix(host)
        shared = suffix == host  # a suffix anyone can register under (blob.core.windows.net, github.io)
        if shared or (registrable and host.endswith(registrable)):
            fixed_domain = host  # the whole fixed tail (vault.azure.net, not azure.net): who runs it and the DLP pattern
    entry.fixed_domain = fixed_domain
    if fixed_domain:
        facts = classify(fixed_domain, publisher_domains)
        entry.registrable = public_suffix(fixed_domain)[1] or fixed_domain
        entry.operator, entry.operator_name = facts.operator, facts.operator_name
        entry.geography, entry.geography_evidence, entry.geo_evidence = facts.geography, facts.geography_evidence, facts.evidence
        anyones = facts.operator == "microsoft-cloud-publisher" or public_suffix(fixed_domain)[0] == fixed_domain
        if not all(s.constrained for s in entry.sources) and anyones:
            what = facts.operator_name or fixed_domain
            entry.flag("free-text-host", f"the host '{authority}' is any {what} host: free text picks whose")
        return
    constrained = bool(entry.sources) and all(s.constrained for s in entry.sources)
    if constrained:
        geos = sorted({g for s in entry.sources for _v, _h, g in s.choices})
        entry.geography = geos[0] if len(geos) == 1 else "unknown"
        entry.geography_evidence = "the allowed values: " + ", ".join(f"{v} -> {g}" for s in entry.sources for v, _h, g in s.choices)
        entry.geo_evidence = (_choices_evidence(entry),)
        return
    free = [s for s in entry.sources if not s.constrained] or [Source("expression", authority, False)]
    what = ", ".join(f"{s.kind} '{s.name}'" for s in free)
    entry.flag("free-text-host", f"the host '{authority}' comes from free text ({what})")


def _choices_evidence(entry: EgressHost) -> GeoEvidence:
    """A host built from allowed values is as well placed as its least well placed choice."""
    strengths = []
    for s in entry.sources:
        for _v, host, _g in s.choices:
            chosen = best(classify(host).evidence) if host and "{" not in host else None
            strengths.append(chosen.strength if chosen is not None else "none")
    weakest = min(strengths, key=STRENGTH.__getitem__, default="none")
    geography = entry.geography if entry.geography != "unknown" else None
    return GeoEvidence("allowed-values", weakest if geography else "none", geography, entry.geography_evidence or "")


def collect(package: ConnectorPackage, publisher_domains: frozenset[str], ops: list[Any] | None = None) -> tuple[list[EgressHost], list[Link], dict[str, str]]:
    """(egress hosts, documentation links, operationId -> host key of the host its requests go to)."""
    c = Collector(publisher_domains)
    try:
        props: ApiProperties | None = package.properties
    except InputUnavailable:
        props = None
    try:
        sw = package.swagger
    except InputUnavailable:
        sw = None
    op_host: dict[str, str] = {}
    links: list[Link] = []
    policies = props.policy_templates() if props is not None else []
    covered_all = any(p.id in HOST_TEMPLATES and not p.operations for p in policies)
    if sw is not None and not covered_all:  # or the host templates' operation lists cover every operation
        listed = {op_id for p in policies if p.id in HOST_TEMPLATES for op_id in p.operations}
        every = [op.id for op in (ops if ops is not None else operations(sw))]
        covered_all = bool(listed) and bool(every) and all(op_id in listed for op_id in every)
    replaced: EgressHost | None = None  # the swagger host when a policy template replaces it for every operation
    if sw is not None:
        root = sw.root
        schemes = [s.lower() for s in root.strings("schemes")]
        # the entry of schemes that asks for plain http: where a reviewer removes it
        http_at = next((Evidence.of(n) for n in root.items("schemes") if isinstance(n.data, str) and n.data.strip().lower() == "http"), None)
        host = root.string("host")
        ph = root.child("x-ms-parameterized-host")
        api = None
        if ph is not None and ph.is_object and ph.string("hostTemplate"):
            template = ph.string("hostTemplate") or ""
            scheme = schemes[0] if schemes and schemes[0] in ("http", "https") else "https"
            first = next(iter(root.items("schemes")), None)
            api = c.add_url(template, "parameterized-host", Evidence.of(ph, "hostTemplate"), props=props, default_scheme=scheme,
                            scheme_evidence=Evidence.of(first) if first is not None else None)
        if host is not None:
            entry = c.add(host, None, "api-host", Evidence.of(root, "host"), props=props, text=host)
            for s in schemes or ["https"]:
                if s in ("http", "https"):
                    entry.schemes.add(s)
            if http_at is not None:
                entry.flag("plain-http", f"the swagger lists the http scheme for '{entry.name}'")
                entry.found[-1] = replace(entry.found[-1], insecure=http_at)
            if covered_all and api is None:
                replaced = entry  # flagged "unused" at the end, unless something else also calls it
            api = api or entry
        webhooks = "x-ms-notification-url" in sw.file.text  # cheap test before walking parameters
        # a body's callback properties as the webhook rules find them (OPR030-OPR032): inline, in the definition
        # the body is, or in definitions it reaches through $refs; every marked property is noted under the first
        # operation whose body holds it, each further operation notes one (every property and operation once)
        callbacks = webhook_callbacks(package) if webhooks and api is not None else {}
        for op in ops if ops is not None else operations(sw):
            if api is not None:
                op_host[op.id] = api.name
                # a webhook registration hands the service a callback URL: it will send data back
                body_read = op.pointer not in callbacks
                for given in sw.effective_parameters(op) if webhooks else ():  # its path item's too, references resolved
                    if given.get("x-ms-notification-url") in (True, "true"):
                        api.found.append(Found("webhook", Evidence.of(given, "x-ms-notification-url"), (op.id,), None))
                    if given.get("in") == "body" and not body_read:
                        body_read = True
                        _callbacks(api, callbacks[op.pointer], op.id)
                if not body_read:  # not among the parameters read here: still noted, after them
                    _callbacks(api, callbacks[op.pointer], op.id)
        contacts = contact_domains(root)
        for name, node in _metadata_links(root):
            links.append(_link(name, node, publisher_domains, contacts))
        contact = root.child("info", "contact")
        if contact is not None and contact.string("url"):
            links.append(_link("contact", contact.child("url"), publisher_domains))
        tos = root.child("info", "termsOfService")
        if tos is not None and isinstance(tos.data, str):
            links.append(_link("terms-of-service", tos, publisher_domains))
    routed: dict[str, str] = {}  # operation id -> host, from templates since the last that routes every operation
    every_to: str | None = None  # the host of that last template
    for p in policies:
        applies = tuple(p.operations)
        opening: EgressHost | None = None  # the hosts this template routes its operations to: the first and the last
        last: EgressHost | None = None
        for pname, value in p.parameters().items():
            if not isinstance(value.data, str):
                continue
            text = value.data
            if (p.id in HOST_TEMPLATES and pname.lower() in ("urltemplate", "subdomaintemplate", "hosttemplate")) or (
                p.id in HOST_TEMPLATES and "://" in text
            ):
                stripped = text.strip()
                head = _EXPR_HEAD.match(stripped) if stripped.startswith("@") else None
                # an expression first is the host, even when a default URL inside its quotes has a '://'
                # (@connectionParameters('siteUrl','https://a1000.reversinglabs.com'))
                if stripped.startswith("@") and ("://" not in text or (head is not None and "://" not in stripped[head.end():])):
                    authority = head.group(0) if head else stripped
                    made: EgressHost | None = c.add(authority, None, "policy-host", Evidence.of(value), applies, props, text)
                else:
                    made = c.add_url(text, "policy-host", Evidence.of(value), applies, props, default_scheme="https")
                if made is not None:
                    opening, last = opening or made, made
            elif "://" in text and pname.lower() in ("newpath", "parametervalueurl", "url"):
                c.add_url(text, "policy-url", Evidence.of(value), applies, props)
        if last is not None and opening is not None:  # once a template, however many of its values are hosts
            if applies:
                for op_id in applies:
                    routed[op_id] = last.name  # the template's last host routes its operations
                    op_host.setdefault(op_id, opening.name)  # a new operation id keeps its place in the order
            else:  # every operation known so far: noted once, not written per operation
                every_to, routed = last.name, {}
    op_host = {op_id: routed.get(op_id, every_to) for op_id in op_host} if every_to is not None else {**op_host, **routed}
    if props is not None:
        for param in props.all_connection_parameters():
            oauth = param.oauth
            if oauth is None:
                continue
            for key, cp in oauth.custom_parameters().items():
                url = cp.string("value")
                role = _OAUTH_ROLE.get(key.lower())
                if role and url and "://" in url:
                    c.add_url(url.split("?", 1)[0], role, Evidence.of(cp, "value"), props=props)
                elif url and _plain_http_url(key, url):  # another OAuth URL setting: only its transport matters
                    c.add_url(url.split("?", 1)[0], "oauth-url", Evidence.of(cp, "value"), props=props)
            redirect = oauth.node.string("redirectUrl")
            if redirect and _plain_http_url("redirectUrl", redirect):  # the platform's own is https: an http one hands codes out in clear
                c.add_url(redirect.split("?", 1)[0], "oauth-redirect", Evidence.of(oauth.node, "redirectUrl"), props=props)
    if sw is not None:
        for _name, d in sw.root.entries("securityDefinitions"):
            for key, role in (("authorizationUrl", "oauth-authorization"), ("tokenUrl", "oauth-token")):
                url_setting = d.string(key)
                if url_setting and "://" in url_setting:
                    c.add_url(url_setting, role, Evidence.of(d, key), props=props)
            for key, node in d.entries():
                # an x-ms-* or other URL setting of the definition: only its transport matters
                if key not in ("authorizationUrl", "tokenUrl") and isinstance(node.data, str) and _plain_http_url(key, node.data):
                    c.add_url(node.data, "oauth-url", Evidence.of(node), props=props)
    _script(package, c)
    if replaced is not None and all(f.role in ("api-host", "webhook") for f in replaced.found):
        replaced.flag("unused", "every operation's host is replaced at run time by a policy template")
    return c.hosts(), sorted(links, key=lambda x: (x.kind, x.url)), op_host


def _callbacks(api: EgressHost, marked: list[Any], op_id: str) -> None:
    for prop in marked:
        api.found.append(Found("webhook", Evidence.of(prop, "x-ms-notification-url"), (op_id,), None))


_OAUTH_ROLE = {
    "authorizationurl": "oauth-authorization", "authorizationurltemplate": "oauth-authorization",
    "tokenurl": "oauth-token", "tokenurltemplate": "oauth-token",
    "refreshurl": "oauth-refresh", "refreshurltemplate": "oauth-refresh",
    "loginuri": "oauth-login", "loginuriaad": "oauth-login",
}


def _plain_http_url(key: str, value: str) -> bool:
    """A setting that names a URL the browser or the platform calls (not an identifier such as resourceUri) over plain http."""
    name = key.lower()
    return value.strip().lower().startswith("http://") and ("url" in name or name.startswith("loginuri")) and not name.startswith("resource")


def operations(sw: Any) -> list[Any]:
    """The operations, without building the whole swagger index (paths and methods only)."""
    if "index" in sw.__dict__:
        return sw.operations()
    from vetter.base import pointer as jp
    from vetter.model.swagger import METHODS, Operation

    out: list[Any] = []
    paths = sw.root.get("paths")
    if not isinstance(paths, dict):
        return out
    for path, item in paths.items():
        if isinstance(item, dict):
            base = jp.join("/paths", path)
            for method in METHODS:
                data = item.get(method)
                if isinstance(data, dict):
                    out.append(Operation(sw.file.name, f"{base}/{method}", data, path, method))
    return out


def _script(package: ConnectorPackage, c: Collector) -> None:
    from vetter.model.csx import script_hosts

    script = package.script
    if script is None:
        return
    for hit in script_hosts(package):
        ev = Evidence(script.name, None, hit.line)
        if hit.host:
            c.add(hit.host, "http" if hit.text.lower().startswith("http://") else None, "script", ev, text=hit.text)
        else:
            entry = c.by_key.get("s:" + hit.text)
            if entry is None:
                entry = EgressHost(None, hit.text, False, [Source("expression", hit.evidence, False)])
                entry.flag("free-text-host", f"the script computes a host at run time ({hit.evidence})")
                c.by_key["s:" + hit.text] = entry
            entry.found.append(Found("script", ev, (), hit.text))


def _metadata_links(root: Any) -> list[tuple[str, Any]]:
    """The website and privacy policy entries of ``x-ms-connector-metadata``, read as the service and
    CRT003 read them: members in any case (``PropertyName``), the name's spaces collapsed and its case
    ignored (``Privacy Policy``)."""
    out = []
    for item in root.items("x-ms-connector-metadata"):
        name = " ".join((item.string(metadata_member(item, "propertyName")) or "").split()).lower()
        kind = {"website": "website", "privacy policy": "privacy-policy"}.get(name)
        value_key = metadata_member(item, "propertyValue")
        if kind and isinstance(item.get(value_key), str):
            out.append((kind, item.child(value_key)))
    return out


def _link(kind: str, node: Any, publisher_domains: frozenset[str], contacts: frozenset[str] = frozenset()) -> Link:
    url = str(node.data).strip()
    reg = _domain(url)
    # the website is the publisher's if the contact details agree; other links must be on a publisher domain
    against = contacts if kind == "website" else publisher_domains
    on_publisher = (reg in against) if against and kind in ("website", "privacy-policy") else None
    return Link(kind, url, Evidence.of(node), url.lower().startswith("https://"), on_publisher)


def _domain(url: str) -> str | None:
    host = url_host(url)
    return public_suffix(host)[1] if host else None


def publisher_domains(package: ConnectorPackage) -> frozenset[str]:
    """Registrable domains the publisher shows as its own: website, contact email and URL."""
    try:
        root = package.swagger.root
    except InputUnavailable:
        return frozenset()
    out: set[str | None] = set(contact_domains(root))
    for kind, node in _metadata_links(root):
        if kind == "website":
            out.add(_domain(str(node.data)))
    return frozenset(d for d in out if d)


def contact_domains(root: Any) -> frozenset[str]:
    out: set[str | None] = set()
    contact = root.child("info", "contact")
    if contact is not None:
        email = contact.string("email") or ""
        if "@" in email:
            out.add(public_suffix(email.rsplit("@", 1)[1].strip().lower().rstrip(">"))[1])
        out.add(_domain(contact.string("url") or ""))
    return frozenset(d for d in out if d)
