"""Where a connector's data goes: one data-flow diagram per package, and the table it is drawn from.

``flow_view(package)`` reads a package of the JSON report model (its ``security``
part, tolerantly: a partial or odd profile gives fewer rows, never an error) and
returns the facts the diagram shows, one row per host the connector can send data
to (the profile's egress hosts; a swagger host that a policy template replaces for
every operation is listed apart as not reached): operator and geography (the
group it is drawn in), how the host is chosen (fixed, from a list, free text),
plain http, where it is declared or only reached from (``script.csx``, a policy
template: drawn dashed), the traffic and the identity it runs as, and the
operations that send personal data to it (marked on its edge).

``flow_svg(flow, ...)`` draws it: the tenant's flows and apps, the Power Platform
connector runtime (Microsoft's infrastructure, in the environment's geography, with the
connection's auth and identity) and the hosts in one box per operator, in runs per
geography named in the box's left column, one edge per host. More than
``COMPACT_AFTER`` hosts are drawn one line each, so 30 hosts stay readable.
"""

from __future__ import annotations

from typing import Any

from vetter.render.pictures import attrs, clean, drawing, drawsvg, element_classes, fit, num, rect, svg_text, text, wrap

COMPACT_AFTER = 12
OPERATORS = {
    "microsoft": "Microsoft",
    "microsoft-cloud-publisher": "Publisher's service on Microsoft's cloud",
    "third-party": "Third party",
    "unknown": "Unknown operator",
}
_OPERATOR_ORDER = ("microsoft", "microsoft-cloud-publisher", "third-party", "unknown")
AUTH_KINDS = {
    "none": "no authentication",
    "basic": "basic (user and password)",
    "apikey": "API key",
    "oauth2": "OAuth 2.0",
    "oauth2generic": "OAuth 2.0 (generic provider)",
    "aad": "Microsoft Entra ID OAuth",
    "aadcertificate": "Microsoft Entra ID certificate",
    "first-party": "OAuth (first-party)",
    "windows": "Windows authentication",
    "gateway": "on-premises data gateway",
    "multiple": "several",
}
WHO = {  # the same, short enough for a diagram line
    "delegated": "signed-in user",
    "stored-credential": "shared credential",
    "app-certificate": "app certificate",
    "anonymous": "anonymous",
    "gateway": "gateway account",
}
IDENTITIES = {
    "delegated": "the signed-in user (delegated)",
    "stored-credential": "one stored credential, shared",
    "app-certificate": "an app (certificate)",
    "anonymous": "anonymous",
    "gateway": "the gateway's account",
}
ROLES = {  # role -> (traffic, short tag, who the call runs as: None = the connection's identity, short who)
    "api-host": ("API calls", "API", None),
    "parameterized-host": ("API calls (host template)", "API", None),
    "policy-host": ("API calls (host set by a policy template)", "API", None),
    "webhook": ("webhook registration (the service calls back)", "webhook", None),
    "script": ("request from script.csx", "script", None),
    "policy-url": ("request from a policy template", "policy", None),
    "oauth-authorization": ("sign-in page", "sign-in", "the user signing in, in the browser"),
    "oauth-login": ("sign-in (login URI)", "sign-in", "the user signing in, in the browser"),
    "oauth-token": ("token endpoint", "token", "the connector's OAuth client"),
    "oauth-refresh": ("token refresh", "token", "the connector's OAuth client"),
}
ROLE_WHO = {  # the short form of ROLES' third column
    "the user signing in, in the browser": "user's browser",
    "the connector's OAuth client": "OAuth client",
}
LEGEND = (
    ("declared", "declared: swagger, OAuth settings or a dynamic-host template"),
    ("undeclared", "reached only from script.csx or a policy template"),
    ("http", "plain http (the tag says so too)"),
    ("personal", "operations sending personal data (count)"),
)


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _str(value: Any) -> str:
    return clean(value) if isinstance(value, (str, int, float)) and not isinstance(value, bool) else ""


def flow_view(package: dict[str, Any]) -> dict[str, Any] | None:
    """The diagram's facts for one package of the JSON report; None when the report has no security profile."""
    security = package.get("security")
    if not isinstance(security, dict) or not security:
        return None
    from vetter.security.hidden import DECLARING

    auth = _dict(security.get("auth"))
    schemes = [s for s in _list(auth.get("schemes")) if isinstance(s, dict)]
    by_kind: dict[tuple[str, str], list[str]] = {}
    for s in schemes:  # connection parameter sets with the same auth and identity are one line
        by_kind.setdefault((_str(s.get("kind")), _str(s.get("identity"))), []).append(_str(s.get("set")))
    connection = []
    for (kind, identity), sets in by_kind.items():
        named = [x for x in sets if x]
        prefix = (f"{named[0]}: " if len(named) == 1 else f"{len(named)} sets: ") if named else ""
        connection.append({"kind": kind, "identity": identity, "text": f"{prefix}{AUTH_KINDS.get(kind, kind or 'unknown')}, as {IDENTITIES.get(identity, identity or 'unknown')}"})
    if not connection and _str(auth.get("kind")):
        connection.append({"kind": _str(auth["kind"]), "identity": "", "text": AUTH_KINDS.get(_str(auth["kind"]), _str(auth["kind"]))})
    identities = sorted({c["identity"] for c in connection if c["identity"]})
    runs_as = " or ".join(IDENTITIES.get(i, i) for i in identities) or "the connection's identity"
    short = " or ".join(WHO.get(i, i) for i in identities) or "connection"
    personal: dict[str, list[str]] = {}
    for d in _list(_dict(security.get("residency")).get("personal_data")):
        if isinstance(d, dict) and _str(d.get("host")):
            personal.setdefault(_str(d["host"]), []).append(_str(d.get("operation")) or "?")
    hosts, unused = [], []
    for h in _list(_dict(security.get("egress")).get("hosts")):
        if not isinstance(h, dict):
            continue
        name = _str(h.get("host")) or _str(h.get("template")) or "?"
        flags = [_str(f) for f in _list(h.get("flags"))]
        if "unused" in flags:
            unused.append(name)
            continue
        hosts.append(_host(h, name, flags, personal.get(name, []), (runs_as, short), DECLARING))
    groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for h in hosts:
        groups.setdefault((h["operator"], h["geography"]), []).append(h)
    ordered = sorted(groups, key=lambda k: (_OPERATOR_ORDER.index(k[0]) if k[0] in _OPERATOR_ORDER else len(_OPERATOR_ORDER), k[0], k[1] == "unknown", k[1]))
    files = {_str(f.get("name")) for f in _list(package.get("files")) if isinstance(f, dict)}
    residency = _dict(security.get("residency")).get("allowed")
    return {
        "name": _str(package.get("name")) or "package",
        "connection": connection,
        "script": any(f.lower().endswith(".csx") for f in files),
        "policies": any(r == "policy template" for h in hosts for r in h["declared_in"] + h["reached_from"]),
        "residency": [_str(g) for g in _list(residency)],
        "groups": [{"operator": op, "operator_label": OPERATORS.get(op, op), "geography": geo, "hosts": groups[(op, geo)]} for op, geo in ordered],
        "hosts": [h for key in ordered for h in groups[key]],
        "unused": unused,
        "columns": ["host", "operator", "geography", "how the host is chosen", "declared in", "reached only from", "traffic", "runs as", "personal data operations"],
    }


def _host(h: dict[str, Any], name: str, flags: list[str], personal: list[str], identity: tuple[str, str], declaring: frozenset[str]) -> dict[str, Any]:
    runs_as, short = identity
    operator = _str(h.get("operator")) or "unknown"
    geography = _str(h.get("geography")) or "unknown"
    found = [f for f in _list(h.get("found")) if isinstance(f, dict)]
    roles = list(dict.fromkeys(_str(f.get("role")) for f in found))
    declaring_places: dict[str, None] = {}  # ordered sets: a host reached from thousands of script lines lists each once
    reaching_places: dict[str, None] = {}
    for f in found:
        role, file = _str(f.get("role")), _str(f.get("file"))
        place = _place(role, file)
        line = f.get("line") if isinstance(f.get("line"), int) and not isinstance(f.get("line"), bool) else None
        where = f"{place} line {line}" if place == "script.csx" and line else place
        (declaring_places if role in declaring else reaching_places).setdefault(where)
    declared_in, reached_from = list(declaring_places), list(reaching_places)
    if declared_in:
        reached_from = []
    schemes = {_str(s) for s in _list(h.get("schemes"))}
    http = "plain-http" in flags or schemes == {"http"}
    sources = [t for t in _list(h.get("templated_by")) if isinstance(t, dict)]
    if h.get("fixed") is True:
        how = "fixed"
    elif sources and all(t.get("constrained") is True for t in sources):
        count = sum(len(_list(t.get("choices"))) for t in sources)
        how = f"chosen from a list ({count} value{'s' if count != 1 else ''})"
    elif "free-text-host" in flags or any(t.get("constrained") is False for t in sources):
        how = "free text"
    else:
        how = "built at run time"
    traffic = [ROLES[r][0] if r in ROLES else r for r in roles]
    tags = list(dict.fromkeys(ROLES[r][1] if r in ROLES else r for r in roles))
    who = [ROLES[r][2] if r in ROLES and ROLES[r][2] else runs_as for r in roles] or [runs_as]
    operator_name = _str(h.get("operator_name"))
    return {
        "name": name,
        "operator": operator,
        "operator_label": OPERATORS.get(operator, operator) + (f" ({operator_name})" if operator_name else ""),
        "geography": geography,
        "how": how,
        "http": http,
        "declared": bool(declared_in) or not reached_from,
        "declared_in": declared_in,
        "reached_from": reached_from,
        "traffic": traffic,
        "tags": tags,
        "runs_as": list(dict.fromkeys(who)),
        "who": list(dict.fromkeys(ROLE_WHO.get(w or "", short) for w in who)),
        "personal": personal,
        "flags": [f for f in flags if f not in ("plain-http", "free-text-host")],
    }


def _place(role: str, file: str) -> str:
    if role == "script" or file.lower().endswith(".csx"):
        return "script.csx"
    if role in ("policy-host", "policy-url"):
        return "policy template"
    if role.startswith("oauth-") and "swagger" not in file.lower():
        return "OAuth settings"
    return "swagger" if "swagger" in file.lower() or role in ("api-host", "parameterized-host", "webhook") else (file or "?")


def flow_rows(flow: dict[str, Any]) -> list[list[str]]:
    """The diagram as table rows (its text equivalent), in the diagram's order."""
    return [
        [
            h["name"],
            h["operator_label"],
            h["geography"],
            h["how"] + (", plain http" if h["http"] else ""),
            ", ".join(h["declared_in"]) or "—",
            ", ".join(h["reached_from"]) or "—",
            ", ".join(h["traffic"]) or "—",
            "; ".join(h["runs_as"]),
            ", ".join(h["personal"]) or "—",
        ]
        for h in flow["hosts"]
    ]


def flow_description(flow: dict[str, Any]) -> str:
    """One paragraph saying what the diagram shows (the SVG's description)."""
    hosts = flow["hosts"]
    auth = "; ".join(c["text"] for c in flow["connection"]) or "authentication not known"
    parts = [f"Flows and apps in your tenant call {flow['name']} through the Power Platform connector runtime (connection: {auth})."]
    if not hosts:
        parts.append("No host it sends data to was found.")
    for g in flow["groups"]:
        names = ", ".join(h["name"] + ("" if h["declared"] else " (only from " + ", ".join(h["reached_from"]) + ")") + (" over plain http" if h["http"] else "") for h in g["hosts"])
        parts.append(f"{g['operator_label']}, geography {g['geography']}: {names}.")
    personal = [f"{h['name']} ({len(h['personal'])})" for h in hosts if h["personal"]]
    if personal:
        parts.append("Operations sending personal data go to " + ", ".join(personal) + ".")
    return " ".join(parts)


# -- drawing ---------------------------------------------------------------------------------------------

W = 1040
TENANT = (8, 140)  # x, width
RUNTIME = (188, 252)
HOSTS = (590, 442)
GEO_W = 72  # the geography column inside an operator's box
TOP = 10
LEGEND_H = 52


def flow_svg(flow: dict[str, Any], prefix: str, standalone: bool = False) -> str:
    """The data-flow diagram of ``flow_view`` as SVG (inline in the HTML report, or a standalone file)."""
    draw = drawsvg()
    _link, _desc, label = element_classes()
    hosts = flow["hosts"]
    compact = len(hosts) > COMPACT_AFTER
    row_h, head_h, pad, gap = (24, 22, 4, 8) if compact else (40, 24, 6, 12)
    # the host column: one box per operator, hosts in runs per geography (named in the box's left column)
    placed: list[tuple[dict[str, Any], float]] = []
    boxes: list[tuple[str, str, float, float, list[tuple[str, float, float]]]] = []
    y = float(TOP)
    for operator, label_text, runs in _operator_boxes(flow["groups"]):
        count = sum(len(hs) for _geo, hs in runs)
        box_h = float(head_h + pad + count * row_h + pad)
        geos: list[tuple[str, float, float]] = []
        row_y = y + head_h + pad
        for geo, hs in runs:
            geos.append((geo, row_y, float(len(hs) * row_h)))
            placed.extend((h, row_y + i * row_h + row_h / 2) for i, h in enumerate(hs))
            row_y += len(hs) * row_h
        boxes.append((operator, f"{label_text} · {count} host{'s' if count != 1 else ''}", y, box_h, geos))
        y += box_h + gap
    column_h = (y - gap - TOP) if flow["groups"] else 60
    runtime_lines = _runtime_lines(flow)
    runtime_h = max(110.0, 66.0 + 15 * len(runtime_lines))
    body_h = max(column_h, runtime_h)
    foot = 18 if flow["unused"] else 0
    height = TOP + body_h + 10 + foot + LEGEND_H
    d = drawing(W, height, prefix, f"Where the data of {flow['name']} goes", flow_description(flow), standalone)
    mid = TOP + body_h / 2

    # the tenant, and its calls into the runtime
    tx, tw = TENANT
    d.append(rect(tx, mid - 46, tw, 92, "vp-tenant", 6))
    for i, (line, cls) in enumerate((("Your tenant", "vp-head"), ("flows, apps, agents", "vp-small"), ("use the connection", "vp-small"))):
        d.append(text(tx + tw / 2, mid - 22 + i * 18, line, cls, "middle"))
    rx, rw = RUNTIME
    _edge(d, draw, tx + tw, mid, rx, mid, "vp-edge", "vp-arrow")
    d.append(text((tx + tw + rx) / 2, mid - 7, "calls", "vp-small", "middle"))

    # the runtime: Microsoft's infrastructure, with the connection's auth and identity
    r_top = mid - runtime_h / 2
    d.append(rect(rx, r_top, rw, runtime_h, "vp-runtime", 6))
    d.append(text(rx + 10, r_top + 19, "Power Platform connector runtime", "vp-head"))
    d.append(text(rx + 10, r_top + 36, "Microsoft's infrastructure, in your", "vp-small"))
    residency = f" (allowed: {', '.join(flow['residency'])})" if flow["residency"] else ""
    d.append(text(rx + 10, r_top + 50, fit("environment's geography" + residency, 42), "vp-small"))
    for i, line in enumerate(runtime_lines):
        d.append(text(rx + 10, r_top + 72 + i * 15, line, "vp-small"))

    # one edge and one node per host, in boxes per operator and runs per geography
    hx, hw = HOSTS
    for operator, heading, gy, gh, geos in boxes:
        d.append(rect(hx, gy, hw, gh, f"vp-group vp-group-{_token(operator)}", 6))
        d.append(text(hx + 8, gy + (15 if compact else 16), fit(heading, 66), "vp-head"))
        for i, (geo, top, _run_h) in enumerate(geos):
            if i:
                d.append(draw.Line(hx + 6, num(top), hx + GEO_W - 6, num(top), **attrs(class_="vp-axis")))
            d.append(text(hx + 8, top + (row_h / 2 + 4 if compact else 17), fit(geo, 9), "vp-geo"))
            if geo == "unknown" and not compact:
                d.append(text(hx + 8, top + 31, "geography", "vp-small"))
    starts = _spread(len(placed), r_top + 60, r_top + runtime_h - 8)
    for (h, cy), sy in zip(placed, starts, strict=True):
        http = " vp-http" if h["http"] else ""
        _edge(d, draw, rx + rw, sy, hx + 6, cy, "vp-edge" + ("" if h["declared"] else " vp-undeclared") + http, "vp-arrow" + http)
        d.append(_host_node(draw, label, h, hx + GEO_W, hw - GEO_W - 6, cy, row_h, compact))
        if h["personal"]:
            d.append(_personal_badge(draw, label, hx - 64, cy, h))
    if not placed:
        d.append(text(hx + 8, mid + 4, "No host it sends data to was found.", "vp-small"))
    if flow["unused"]:
        d.append(text(8, TOP + body_h + 20, fit("Not reached (a policy template replaces it for every operation): " + ", ".join(flow["unused"]), 160), "vp-small"))
    _legend(d, draw, TOP + body_h + 10 + foot)
    return svg_text(d, standalone)


def not_analysed_svg(name: str) -> str:
    """The standalone SVG of a package whose report has no security profile: it says so."""
    d = drawing(W, 60, "vp-", f"Where the data of {clean(name)} goes", "The report holds no security profile for this package: its data flow was not analysed.", True)
    d.append(text(10, 34, f"{clean(name)}: data flow not analysed (the report holds no security profile)", "vp-small"))
    return svg_text(d, True)


def _host_node(draw: Any, label: Any, h: dict[str, Any], x: float, w: float, cy: float, row_h: float, compact: bool) -> Any:
    """One host: its name, tags for plain http and how it is chosen, and (roomy layout) its traffic and identity."""
    node = label(_tooltip(h), class_="vp-host")
    top = cy - row_h / 2 + 2
    node.append(rect(x, top, w, row_h - 4, "vp-node", 3))
    right = x + w - 4
    pills = ([("http", "vp-pill-http")] if h["http"] else []) + [(_how_tag(h["how"]), "vp-pill")]
    for word, cls in pills:
        width = 10 + 6.4 * len(word)
        right -= width + 4
        pill_y = cy - 7.5 if compact else top + 4
        node.append(rect(right, pill_y, width, 15, cls, 7))
        node.append(text(right + width / 2, pill_y + 11, word, "vp-tag", "middle"))
    if compact:
        tags = " · ".join(h["tags"])
        node.append(text(right - 6, cy + 4, tags, "vp-small", "end"))
        room = int((right - x - 22 - 6.3 * len(tags)) / 6.95)
        node.append(text(x + 8, cy + 4, fit(h["name"], room, middle=True), "vp-mono"))
        return node
    room = int((right - x - 12) / 6.95)
    node.append(text(x + 8, top + 15, fit(h["name"], room, middle=True), "vp-mono"))
    where = ", ".join(h["declared_in"]) if h["declared"] else "only " + ", ".join(h["reached_from"])
    node.append(text(x + 8, top + 30, fit(f"{' · '.join(h['tags'])} — {where} — as {'; '.join(h['who'])}", int((w - 16) / 6.1)), "vp-small"))
    return node


def _operator_boxes(groups: list[dict[str, Any]]) -> list[tuple[str, str, list[tuple[str, list[dict[str, Any]]]]]]:
    """(operator, its label, [(geography, hosts)]): ``flow_view``'s groups, which come sorted by operator, merged per operator."""
    out: list[tuple[str, str, list[tuple[str, list[dict[str, Any]]]]]] = []
    for g in groups:
        if not out or out[-1][0] != g["operator"]:
            out.append((g["operator"], g["operator_label"], []))
        out[-1][2].append((g["geography"], g["hosts"]))
    return out


def _runtime_lines(flow: dict[str, Any]) -> list[str]:
    lines: list[str] = []
    for c in flow["connection"][:3]:
        lines.extend(wrap(f"Connection: {c['text']}", 42, 2))
    if not flow["connection"]:
        lines.append("Connection: authentication not known")
    if len(flow["connection"]) > 3:
        lines.append(f"… and {len(flow['connection']) - 3} more connection type(s)")
    if flow["script"]:
        lines.append("Runs the publisher's script.csx")
    if flow["policies"]:
        lines.append("Applies policy templates")
    return lines


def _how_tag(how: str) -> str:
    return "list" if how.startswith("chosen from a list") else how if how in ("fixed", "free text") else "run time"


def _token(value: str) -> str:
    return "".join(c if c.isalnum() or c == "-" else "-" for c in value.lower()) or "unknown"


def _spread(n: int, low: float, high: float) -> list[float]:
    if n <= 1 or high <= low:
        return [(low + high) / 2] * n
    step = (high - low) / (n - 1)
    return [low + i * step for i in range(n)]


def _edge(d: Any, draw: Any, x1: float, y1: float, x2: float, y2: float, cls: str, arrow: str) -> None:
    bend = (x2 - x1) * 0.45
    path = draw.Path(**attrs(class_=cls))
    path.M(num(x1), num(y1)).C(num(x1 + bend), num(y1), num(x2 - bend), num(y2), num(x2 - 7), num(y2))
    d.append(path)
    d.append(draw.Lines(num(x2 - 8), num(y2 - 4.5), num(x2), num(y2), num(x2 - 8), num(y2 + 4.5), close=True, **attrs(class_=arrow)))


def _person(draw: Any, x: float, y: float) -> list[Any]:
    """A person glyph (head and shoulders) centred on (x, y): the mark for personal data."""
    body = draw.Path(**attrs(class_="vp-glyph"))
    body.M(num(x - 5), num(y + 6)).Q(num(x), num(y - 3), num(x + 5), num(y + 6)).Z()
    return [draw.Circle(num(x), num(y - 3), 3, **attrs(class_="vp-glyph")), body]


def _badge(draw: Any, parent: Any, x: float, cy: float, count: str) -> None:
    parent.append(rect(x, cy - 9, 48, 18, "vp-badge", 9))
    parent.extend(_person(draw, x + 12, cy))
    parent.append(text(x + 21, cy + 4, count, "vp-tag"))


def _personal_badge(draw: Any, label: Any, x: float, cy: float, h: dict[str, Any]) -> Any:
    ops = h["personal"]
    badge = label(f"Personal data sent to {h['name']} by {len(ops)} operation(s): {', '.join(ops)}", class_="vp-personal")
    _badge(draw, badge, x, cy, f"×{len(ops)}")
    return badge


def _tooltip(h: dict[str, Any]) -> str:
    parts = [h["name"], f"{h['operator_label']}, geography {h['geography']}", h["how"] + (", plain http" if h["http"] else "")]
    parts.append("declared in " + ", ".join(h["declared_in"]) if h["declared_in"] else "reached only from " + ", ".join(h["reached_from"]))
    parts.append(", ".join(h["traffic"]) + " as " + "; ".join(h["runs_as"]))
    if h["personal"]:
        parts.append("personal data: " + ", ".join(h["personal"]))
    if h["flags"]:
        parts.append("flags: " + ", ".join(h["flags"]))
    return " · ".join(parts)


def _legend(d: Any, draw: Any, y: float) -> None:
    d.append(draw.Line(8, num(y), W - 8, num(y), **attrs(class_="vp-axis")))
    for i, (key, words) in enumerate(LEGEND):
        x, cy = 8 + (i % 2) * 500, y + 18 + (i // 2) * 22
        if key == "personal":
            _badge(draw, d, x, cy, "×n")
        else:
            path = draw.Path(**attrs(class_="vp-edge" + {"declared": "", "undeclared": " vp-undeclared", "http": " vp-http"}[key]))
            path.M(x, num(cy)).L(x + 44, num(cy))
            d.append(path)
        d.append(text(x + 54, cy + 4, words, "vp-small"))
