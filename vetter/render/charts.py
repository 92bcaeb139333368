"""A portfolio at a glance: bar charts of the packages' DLP groups, auth, identities, geographies, findings and risk.

``portfolio_charts(packages)`` counts from the JSON report model's packages (read
tolerantly, like the rest of the HTML view) and returns one chart per question a
reviewer asks of a portfolio, each with the table it is drawn from (its text
equivalent) and, per bar, the facet the page filters on: the bar's packages are
the ones whose ``package_facets`` hold its value (``data-<facet>`` on each package
section; the findings bars set the page's own category and severity filters).
``chart_svg`` draws one chart inline (each bar a link); ``portfolio_svg`` draws
them all as one standalone SVG (``--format svg`` for a portfolio).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from vetter.render.pictures import attrs, clean, drawing, drawsvg, element_classes, fit, num, rect, svg_text, text

SEVERITIES = ("error", "warning", "info")
DLP_ORDER = ("business", "non-business", "blocked")
NOT_ANALYSED = "not-analysed"
FOLD_AFTER = 12  # bars in a chart of many values (geographies): the rest are one "others" bar, listed in its table
RISK_BINS = tuple((low, low + 9 if low < 90 else 100) for low in range(0, 100, 10))

WIDTH = 480
LABEL_W = 170
BAR_W = 240
ROW_H = 24


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _token(value: Any) -> str:
    """A facet value as one token of a space-separated attribute."""
    return "_".join(clean(value).split()) or "?"


def package_facets(p: dict[str, Any]) -> dict[str, str]:
    """What the charts count a package under, as ``data-<facet>`` values (space-separated tokens)."""
    security = p.get("security")
    if not isinstance(security, dict) or not security:
        facets = {"dlp": NOT_ANALYSED, "auth": NOT_ANALYSED, "identity": NOT_ANALYSED, "geo": ""}
    else:
        auth = _dict(security.get("auth"))
        identities = sorted({_token(s.get("identity")) for s in _list(auth.get("schemes")) if isinstance(s, dict) and s.get("identity")})
        hosts = [h for h in _list(_dict(security.get("egress")).get("hosts")) if isinstance(h, dict) and "unused" not in _list(h.get("flags"))]
        geos = sorted({_token(h.get("geography") or "unknown") for h in hosts if h.get("operator") != "microsoft"})
        facets = {
            "dlp": _token(_dict(security.get("dlp")).get("group") or NOT_ANALYSED),
            "auth": _token(auth.get("kind") or NOT_ANALYSED),
            "identity": " ".join(identities) or "none",
            "geo": " ".join(geos),
        }
    risk = p.get("risk")
    score = risk.get("score") if isinstance(risk, dict) else None
    facets["risk"] = str(_bin(score)[0]) if isinstance(score, int) and not isinstance(score, bool) else ""
    return facets


def _bin(score: int) -> tuple[int, int]:
    return next((b for b in RISK_BINS if b[0] <= score <= b[1]), RISK_BINS[-1] if score > 100 else RISK_BINS[0])


def portfolio_charts(packages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The portfolio's charts, each ``{key, title, caption, facet, unit, bars: [{label, value, count, segments}], columns, rows}``."""
    facets = [package_facets(p) for p in packages]
    charts = [
        _count_chart("dlp", "Suggested DLP group", "packages per group vetter suggests", facets, "dlp", (*DLP_ORDER, NOT_ANALYSED)),
        _count_chart("auth", "Auth kind", "packages per kind of connection authentication", facets, "auth"),
        _count_chart("identity", "Whose identity the calls run as", "packages per identity model (a package with several connection types counts in each)", facets, "identity"),
        _count_chart("geo", "Geographies of hosts not run by Microsoft", "packages sending data to a third-party or unknown host in each geography (unknown included)", facets, "geo", fold=FOLD_AFTER),
        _findings_chart(packages),
    ]
    if any(f["risk"] for f in facets):
        counts = Counter(f["risk"] for f in facets if f["risk"])
        bars = [{"label": f"{low}–{high}", "value": str(low), "count": counts.get(str(low), 0), "segments": None} for low, high in RISK_BINS]
        charts.append(_chart("risk", "Risk score", "packages per band of the 0–100 risk score", "risk", bars, "packages"))
    return charts


def _count_chart(key: str, title: str, caption: str, facets: list[dict[str, str]], facet: str, order: tuple[str, ...] = (), fold: int = 0) -> dict[str, Any]:
    """Packages per value of ``facet``; past ``fold`` bars, the smallest values share one "other" bar."""
    counts: Counter[str] = Counter(token for f in facets for token in f[facet].split())
    ranked = sorted(counts, key=lambda v: (order.index(v) if v in order else len(order), v == NOT_ANALYSED, -counts[v], v))
    bars = [{"label": _label(facet, v), "value": v, "count": counts[v], "segments": None} for v in ranked]
    chart = _chart(key, title, caption, facet, bars, "packages")
    if fold and len(bars) > fold:
        rest = {str(b["value"]) for b in bars[fold - 1 :]}
        together = sum(1 for f in facets if rest & set(f[facet].split()))
        other = {"label": f"{len(rest)} others", "value": " ".join(sorted(rest)), "count": together, "segments": None}
        chart["bars"] = [*bars[: fold - 1], other]  # the table keeps every value
    return chart


def _label(facet: str, value: str) -> str:
    from vetter.render.dataflow import AUTH_KINDS, WHO

    if value == NOT_ANALYSED:
        return "not analysed"
    names = {"auth": AUTH_KINDS, "identity": WHO}.get(facet, {})
    return names.get(value, value.replace("_", " "))


def _findings_chart(packages: list[dict[str, Any]]) -> dict[str, Any]:
    counts: dict[str, Counter[str]] = {}
    for p in packages:
        for f in _list(p.get("findings")):
            if isinstance(f, dict):
                counts.setdefault(_token(f.get("category")), Counter())[_token(f.get("severity"))] += 1
    ranked = sorted(counts, key=lambda c: (-sum(counts[c].values()), c))
    bars = []
    for category in ranked:
        segments = [(s, counts[category][s]) for s in SEVERITIES if counts[category][s]]
        segments += sorted((s, n) for s, n in counts[category].items() if s not in SEVERITIES)
        bars.append({"label": category, "value": category, "count": sum(counts[category].values()), "segments": segments})
    chart = _chart("findings", "Findings by category and severity", "findings per category, split by severity", "category", bars, "findings")
    chart["columns"] = ["category", *SEVERITIES, "total"]
    chart["rows"] = [[str(b["label"]), *(str(counts[str(b["value"])][s]) for s in SEVERITIES), str(b["count"])] for b in bars]
    return chart


def _chart(key: str, title: str, caption: str, facet: str, bars: list[dict[str, Any]], unit: str) -> dict[str, Any]:
    return {
        "key": key,
        "title": title,
        "caption": caption,
        "facet": facet,
        "unit": unit,
        "bars": bars,
        "columns": [title.lower() if key != "risk" else "risk score", unit],
        "rows": [[b["label"], str(b["count"])] for b in bars],
        "values": [b["value"] for b in bars],  # per row: what its link in the table filters on
    }


# -- drawing ---------------------------------------------------------------------------------------------


def chart_height(chart: dict[str, Any]) -> int:
    return 12 + ROW_H * max(1, len(chart["bars"])) + (26 if chart["key"] == "findings" else 0)


def chart_svg(chart: dict[str, Any], prefix: str) -> str:
    """One chart as inline SVG: a row per bar, each bar a link that filters the page to its packages."""
    d = drawing(WIDTH, chart_height(chart), prefix, chart["title"], _description(chart), standalone=False, role="group")
    _draw_bars(d, chart, 0, 0, links=True)
    return svg_text(d, standalone=False)


def portfolio_svg(charts: list[dict[str, Any]], title: str) -> str:
    """Every chart in one standalone SVG, two columns (no links: a file has no page to filter)."""
    columns = 2
    heights = [32 + chart_height(c) for c in charts]
    rows = [max(heights[i : i + columns]) for i in range(0, len(charts), columns)]
    total = 40 + sum(rows) + 12 * len(rows)
    d = drawing(columns * (WIDTH + 20), total, "vp-", title, " ".join(_description(c) for c in charts), standalone=True)
    d.append(text(10, 24, title, "vp-head"))
    y = 40.0
    for r, row_h in enumerate(rows):
        for i, chart in enumerate(charts[r * columns : (r + 1) * columns]):
            x = 10 + i * (WIDTH + 20)
            d.append(text(x, y + 16, chart["title"], "vp-head"))
            _draw_bars(d, chart, x, y + 26, links=False)
        y += row_h + 12
    return svg_text(d, standalone=True)


def _description(chart: dict[str, Any]) -> str:
    listed = "; ".join(f"{b['label']}: {b['count']}" for b in chart["bars"]) or "none"
    return f"{chart['title']} ({chart['caption']}): {listed}."


def _draw_bars(d: Any, chart: dict[str, Any], x0: float, y0: float, links: bool) -> None:
    draw = drawsvg()
    link, _desc, label = element_classes()
    top = max((b["count"] for b in chart["bars"]), default=0) or 1
    if not chart["bars"]:
        d.append(text(x0 + 4, y0 + 18, f"No {chart['unit']}.", "vp-small"))
        return
    d.append(draw.Line(num(x0 + LABEL_W), num(y0 + 4), num(x0 + LABEL_W), num(y0 + 8 + ROW_H * len(chart["bars"])), **attrs(class_="vp-axis")))
    for i, b in enumerate(chart["bars"]):
        y = y0 + 8 + i * ROW_H
        row = label(f"{b['label']}: {b['count']} {chart['unit']}" + (" — select to show them" if links else ""), class_="vp-row")
        width = BAR_W * b["count"] / top
        name = text(x0 + LABEL_W - 6, y + 15, fit(b["label"], 27), "vp-small", "end")
        if b["segments"] is None:
            target = _target(link, chart, b, links)
            target.append(name)
            if b["count"]:
                target.append(rect(x0 + LABEL_W, y + 3, max(width, 2), ROW_H - 6, "vp-bar"))
            target.append(text(x0 + LABEL_W + max(width, 0) + 6, y + 16, str(b["count"]), "vp-small"))
            row.append(target)
        else:
            whole = _target(link, chart, b, links)  # the category's name: every severity of it
            whole.append(name)
            row.append(whole)
            x = x0 + LABEL_W
            for severity, count in b["segments"]:
                seg_w = max(BAR_W * count / top, 2)
                target = _target(link, chart, b, links, severity)
                target.append(draw.Title(clean(f"{b['label']}: {count} {severity} finding(s)")))
                target.append(rect(x, y + 3, seg_w, ROW_H - 6, f"vp-bar vp-sev-{_class(severity)}"))
                if seg_w >= 12:  # the severity's initial on its segment: colour is not the only carrier
                    target.append(text(x + seg_w / 2, y + 16, severity[:1].upper(), "vp-on-dark", "middle"))
                row.append(target)
                x += seg_w
            row.append(text(x + 6, y + 16, str(b["count"]), "vp-small"))
        d.append(row)
    if chart["key"] == "findings":
        y = y0 + 14 + ROW_H * len(chart["bars"])
        for i, severity in enumerate(SEVERITIES):
            x = x0 + LABEL_W + i * 86
            d.append(rect(x, y, 14, 14, f"vp-key vp-sev-{severity}"))
            d.append(text(x + 7, y + 11, severity[:1].upper(), "vp-on-dark", "middle"))
            d.append(text(x + 20, y + 11, severity, "vp-small"))


def _class(severity: str) -> str:
    return severity if severity in SEVERITIES else "other"


def _target(link: Any, chart: dict[str, Any], bar: dict[str, Any], links: bool, severity: str | None = None) -> Any:
    """The element a bar is drawn in: a link to the inventory that the page's script turns into a filter."""
    draw = drawsvg()
    if not links:
        return draw.Group()
    return link(**attrs(href="#inventory", data_facet=chart["facet"], data_value=bar["value"], data_severity=severity, data_label=f"{chart['title']}: {bar['label']}"))
