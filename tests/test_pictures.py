"""The pictures: data-flow diagrams (vetter.render.dataflow), portfolio charts (vetter.render.charts), --format svg and pdf.

Counted from the drawn SVG, parsed as XML: one node per host, dashed edges exactly for the hosts
only script.csx or a policy template reaches, one bar per group; the same bytes every time; the
package's text inert; and the command line's svg and pdf outputs.
"""

from __future__ import annotations

import copy
import json
import re
import xml.etree.ElementTree as ET

from click.testing import CliRunner

from tests.picture_packages import TEN_HOST_NAMES, ten_hosts
from tests.test_render import CONTOSO, MINIMAL, scan_data  # noqa: F401  (fixture)
from vetter.cli import main
from vetter.render.charts import package_facets, portfolio_charts
from vetter.render.dataflow import COMPACT_AFTER, flow_rows, flow_svg, flow_view
from vetter.render.formats import render, svg_files

SVG = "{http://www.w3.org/2000/svg}"


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def host(name, operator="third-party", geography="unknown", roles=("api-host",), fixed=True, flags=(), schemes=("https",), templated_by=()):
    return {
        "host": name if fixed else None, "template": None if fixed else name, "fixed": fixed, "templated_by": list(templated_by),
        "operator": operator, "operator_name": None, "geography": geography, "schemes": list(schemes), "flags": list(flags),
        "found": [{"role": r, "operations": [], "file": "script.csx" if r == "script" else "apiProperties.json" if r.startswith(("oauth", "policy")) else "apiDefinition.swagger.json",
                   "pointer": None if r == "script" else "/host", "line": 12 if r == "script" else 3} for r in roles],
    }


def package(hosts, personal=(), schemes=None, name="Widgets"):
    return {
        "name": name,
        "files": [{"name": "apiDefinition.swagger.json"}, {"name": "script.csx"}],
        "findings": [],
        "security": {
            "auth": {"kind": "oauth2", "schemes": schemes if schemes is not None else [{"kind": "oauth2", "set": None, "identity": "delegated"}]},
            "egress": {"hosts": hosts},
            "residency": {"allowed": None, "personal_data": [{"operation": op, "host": h} for op, h in personal]},
            "dlp": {"group": "non-business", "reasons": []},
        },
    }


MIXED = package(
    [
        host("api.contoso.eu", geography="EU", schemes=("http", "https"), flags=("plain-http",)),
        host("login.microsoftonline.com", operator="microsoft", geography="global", roles=("oauth-authorization", "oauth-token")),
        host("collect.datasink-analytics.net", roles=("script",)),
        host("{region}.contoso.com", operator="unknown", fixed=False, roles=("policy-host",), templated_by=[{"kind": "connection-parameter", "name": "region", "constrained": True, "choices": [{"value": "eu"}, {"value": "us"}]}]),
        host("query.Get(\"u\")", operator="unknown", fixed=False, roles=("script",), flags=("free-text-host",)),
        host("old.contoso.eu", flags=("unused",)),
    ],
    personal=[("CreateContact", "api.contoso.eu"), ("UpdateContact", "api.contoso.eu")],
)


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg.encode("utf-8"))


def classes(el: ET.Element) -> set[str]:
    return set((el.get("class") or "").split())


def with_class(root: ET.Element, name: str) -> list[ET.Element]:
    return [e for e in root.iter() if name in classes(e)]


def test_the_flow_view_is_one_row_per_host_it_can_reach():
    flow = flow_view(MIXED)
    assert flow is not None
    assert [(h["name"], h["operator"], h["geography"]) for h in flow["hosts"]] == [
        ("login.microsoftonline.com", "microsoft", "global"),
        ("api.contoso.eu", "third-party", "EU"),
        ("collect.datasink-analytics.net", "third-party", "unknown"),
        ("{region}.contoso.com", "unknown", "unknown"),
        ('query.Get("u")', "unknown", "unknown"),
    ]
    assert flow["unused"] == ["old.contoso.eu"]
    assert flow_rows(flow) == [
        ["login.microsoftonline.com", "Microsoft", "global", "fixed", "OAuth settings", "—", "sign-in page, token endpoint", "the user signing in, in the browser; the connector's OAuth client", "—"],
        ["api.contoso.eu", "Third party", "EU", "fixed, plain http", "swagger", "—", "API calls", "the signed-in user (delegated)", "CreateContact, UpdateContact"],
        ["collect.datasink-analytics.net", "Third party", "unknown", "fixed", "—", "script.csx line 12", "request from script.csx", "the signed-in user (delegated)", "—"],
        ["{region}.contoso.com", "Unknown operator", "unknown", "chosen from a list (2 values)", "policy template", "—", "API calls (host set by a policy template)", "the signed-in user (delegated)", "—"],
        ['query.Get("u")', "Unknown operator", "unknown", "free text", "—", "script.csx line 12", "request from script.csx", "the signed-in user (delegated)", "—"],
    ]
    assert flow_view({"name": "x"}) is None and flow_view({"security": None}) is None


def test_the_diagram_draws_one_node_per_host_and_marks_how_each_is_reached():
    svg = flow_svg(flow_view(MIXED), "t-", standalone=True)
    root = parse(svg)
    nodes = with_class(root, "vp-host")
    assert len(nodes) == 5
    assert [n.find(f"{SVG}title").text.split(" · ")[0] for n in nodes] == [h["name"] for h in flow_view(MIXED)["hosts"]]
    edges = [e for e in with_class(root, "vp-edge") if e.tag == f"{SVG}path"]
    host_edges = edges[1:6]  # the tenant's edge first, the legend's samples after the hosts
    assert [sorted(classes(e) - {"vp-edge"}) for e in host_edges] == [[], ["vp-http"], ["vp-undeclared"], [], ["vp-undeclared"]]
    (badge,) = with_class(root, "vp-personal")
    assert badge.find(f"{SVG}title").text == "Personal data sent to api.contoso.eu by 2 operation(s): CreateContact, UpdateContact"
    # the plain-http host says so in words, not only in red
    http_node = nodes[1]
    assert [t.text for t in http_node.iter(f"{SVG}text") if "vp-tag" in classes(t)] == ["http", "fixed"]
    assert root.get("role") == "img" and root.get("aria-labelledby") == "t-title t-desc"
    assert root.find(f"{SVG}title").text == "Where the data of Widgets goes"
    assert "api.contoso.eu over plain http" in root.find(f"{SVG}desc").text
    assert "Not reached (a policy template replaces it for every operation): old.contoso.eu" in svg


def test_thirty_hosts_fold_into_one_line_each_and_stay_readable():
    many = package([host(f"h{i:02d}.example-{i % 4}.com", geography=("EU", "US", "unknown")[i % 3]) for i in range(30)])
    flow = flow_view(many)
    root = parse(flow_svg(flow, "m-", standalone=True))
    nodes = with_class(root, "vp-host")
    assert len(nodes) == 30 > COMPACT_AFTER
    rows = [float(n.find(f"{SVG}rect").get("height")) for n in nodes]
    assert set(rows) == {20.0}  # one line per host
    assert float(root.get("height")) < 30 * 24 + 200
    assert [t.text for t in root.iter(f"{SVG}text") if "vp-geo" in classes(t)] == ["EU", "US", "unknown"]
    names = [t.text for n in nodes for t in n.iter(f"{SVG}text") if "vp-mono" in classes(t)]
    assert sorted(names) == sorted(h["name"] for h in flow["hosts"])  # every name whole


def test_the_same_report_draws_the_same_bytes_and_no_request_leaves_it():
    first = flow_svg(flow_view(MIXED), "a-", standalone=True)
    assert first == flow_svg(flow_view(copy.deepcopy(MIXED)), "a-", standalone=True)
    charts = portfolio_charts([MIXED, package([]), {"name": "bare", "findings": []}])
    from vetter.render.charts import portfolio_svg

    assert portfolio_svg(charts, "t") == portfolio_svg(portfolio_charts([MIXED, package([]), {"name": "bare", "findings": []}]), "t")
    for svg in (first, portfolio_svg(charts, "t")):
        refs = re.findall(r'(?:href|src)="([^"]*)"', svg) + re.findall(r"url\(([^)]*)\)", svg)
        assert refs == []
        assert "<script" not in svg and "@import" not in svg
        assert set(re.findall(r"https?://[^\s\"'<]+", svg)) == {"http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"}


def test_hostile_names_are_inert_in_the_svg():
    odd = '<script>alert(1)</script>" onload="x" \u202e\ud800\x00\x1b line\nbreak &amp;'
    hostile = package([host(odd, geography=odd), host("a.example.com", operator=odd)], personal=[(odd, odd)], schemes=[{"kind": odd, "set": odd, "identity": odd}], name=odd)
    svg = flow_svg(flow_view(hostile), "h-", standalone=True)
    root = parse(svg)  # well-formed XML: nothing broke out of a text or an attribute
    assert "<script" not in svg and "\u202e" not in svg and "\x00" not in svg and "\ud800" not in svg
    assert [k for e in root.iter() for k in e.attrib if k.startswith("on")] == []
    # read back, the text is the package's own (control, bidi and surrogate characters made visible, one line)
    assert root.find(f"{SVG}title").text == 'Where the data of <script>alert(1)</script>" onload="x" \ufffd\ufffd\ufffd\ufffd line break &amp; goes'
    report = {"$schema": "", "packages": [hostile, package([], name=odd)]}
    charts_svg = render({**report, "$schema": "https://vetter.invalid/schemas/report-v2.schema.json", "report_version": 2}, "svg")
    parse(charts_svg)
    assert "<script" not in charts_svg
    from vetter.render.charts import chart_svg

    for chart in portfolio_charts(report["packages"]):
        inline = parse(chart_svg(chart, "c-"))
        assert [k for e in inline.iter() for k in e.attrib if k.startswith("on")] == []
        assert {a.get("href") for a in inline.iter(f"{SVG}a")} <= {"#inventory"}


def test_portfolio_charts_count_packages_per_group():
    risky = copy.deepcopy(MIXED)
    risky["risk"] = {"score": 47}
    risky["findings"] = [{"category": "security", "severity": "error"}, {"category": "security", "severity": "warning"}, {"category": "swagger", "severity": "info"}]
    keyed = package([host("api.example.com", geography="US")], schemes=[{"kind": "apikey", "set": None, "identity": "stored-credential"}])
    keyed["security"]["auth"]["kind"] = "apikey"
    keyed["security"]["dlp"]["group"] = "blocked"
    keyed["risk"] = {"score": 3}
    bare = {"name": "bare", "findings": [{"category": "json", "severity": "error"}]}
    charts = {c["key"]: c for c in portfolio_charts([risky, keyed, bare])}
    bars = {k: [(b["label"], b["count"]) for b in c["bars"]] for k, c in charts.items()}
    assert bars == {
        "dlp": [("non-business", 1), ("blocked", 1), ("not analysed", 1)],
        "auth": [("API key", 1), ("OAuth 2.0", 1), ("not analysed", 1)],
        "identity": [("signed-in user", 1), ("shared credential", 1), ("not analysed", 1)],
        "geo": [("EU", 1), ("US", 1), ("unknown", 1)],
        "findings": [("security", 2), ("json", 1), ("swagger", 1)],
        "risk": [("0–9", 1), ("10–19", 0), ("20–29", 0), ("30–39", 0), ("40–49", 1), ("50–59", 0), ("60–69", 0), ("70–79", 0), ("80–89", 0), ("90–100", 0)],
    }
    assert charts["findings"]["bars"][0]["segments"] == [("error", 1), ("warning", 1)]
    assert charts["findings"]["rows"][0] == ["security", "1", "1", "0", "2"]
    assert package_facets(risky) == {"dlp": "non-business", "auth": "oauth2", "identity": "delegated", "geo": "EU unknown", "risk": "40"}
    assert package_facets(bare) == {"dlp": "not-analysed", "auth": "not-analysed", "identity": "not-analysed", "geo": "", "risk": ""}
    from vetter.render.charts import chart_svg

    for key, chart in charts.items():
        root = parse(chart_svg(chart, f"c-{key}-"))
        drawn = with_class(root, "vp-bar")
        expected = sum(len(b["segments"]) for b in chart["bars"]) if key == "findings" else sum(1 for b in chart["bars"] if b["count"])
        assert len(drawn) == expected, key
        links = [e for e in root.iter(f"{SVG}a")]
        assert {(a.get("data-facet"), a.get("data-value")) for a in links} >= {(chart["facet"], b["value"]) for b in chart["bars"] if b["count"]}


def test_many_geographies_fold_into_one_others_bar():
    geos = [f"G{i:02d}" for i in range(14)]
    packages = [package([host(f"h{i}.example.com", geography=g)]) for i, g in enumerate(geos)]
    packages.append(package([host("a.example.com", geography="G00"), host("b.example.com", geography="G13")]))
    geo = next(c for c in portfolio_charts(packages) if c["key"] == "geo")
    assert [(b["label"], b["count"]) for b in geo["bars"]] == [("G00", 2), ("G13", 2), *((g, 1) for g in geos[1:10]), ("3 others", 3)]
    assert geo["bars"][-1]["value"] == "G10 G11 G12"
    assert len(geo["rows"]) == 14  # the table lists every geography


def test_scan_format_svg_is_the_packages_diagram(tmp_path):
    pkg = ten_hosts(tmp_path)
    result = run("scan", str(pkg), "--format", "svg")
    assert result.exit_code == 1, result.output
    root = parse(result.stdout)
    assert result.stdout.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<svg ')
    titles = [n.find(f"{SVG}title").text.split(" · ")[0] for n in with_class(root, "vp-host")]
    assert len(titles) == 10 and set(TEN_HOST_NAMES) <= set(titles)
    saved = tmp_path / "saved.json"
    saved.write_text(run("scan", str(pkg), "--format", "json").stdout)
    again = run("report", str(saved), "--format", "svg")
    assert again.stdout == result.stdout
    assert len(with_class(root, "vp-undeclared")) == 7  # 6 hosts reached only from the script or a routing template, and the legend's sample


def test_a_portfolio_writes_its_charts_and_one_diagram_per_package(tmp_path):
    out = tmp_path / "out"
    pkg = ten_hosts(tmp_path)
    result = run("scan", str(pkg), str(MINIMAL), str(CONTOSO), "--format", "svg", "--format", "json", "--output-dir", str(out))
    assert result.exit_code == 1, result.output
    names = sorted(p.name for p in out.iterdir())
    data = json.loads((out / "vetter-report.json").read_text())
    assert sorted(p["name"] for p in data["packages"]) == ["contoso-tickets", "minimal", "ten-hosts"]
    # numbered in the report's order (which follows the packages' paths, so it differs between machines)
    in_order = [f"vetter-dataflow-{n:03d}-{p['name']}.svg" for n, p in enumerate(data["packages"], start=1)]
    assert names == sorted([*in_order, "vetter-report.json", "vetter-report.svg"])
    expected = [name for name, _ in svg_files(data)]
    assert sorted(expected) == [n for n in names if n.startswith("vetter-dataflow-")] and len(expected) == 3
    assert "and 3 data-flow diagram(s) (vetter-dataflow-*.svg)" in result.stderr
    portfolio = parse((out / "vetter-report.svg").read_text())
    assert [t.text for t in portfolio.iter(f"{SVG}text") if "vp-head" in classes(t)][:3] == ["vetter: 3 packages at a glance", "Suggested DLP group", "Auth kind"]
    for name, svg in svg_files(data):
        assert (out / name).read_text() == svg


def test_svg_and_pdf_refuse_what_they_cannot_do(tmp_path, monkeypatch):
    diff = tmp_path / "diff.json"
    diff.write_text(run("diff", str(MINIMAL), str(CONTOSO), "--format", "json").stdout)
    result = run("report", str(diff), "--format", "svg")
    assert result.exit_code == 2 and result.output == "vetter: error: --format svg draws a scan's data flows and portfolio charts; a diff has none (use html or pdf)\n"
    result = run("scan", str(MINIMAL), "--format", "pdf")
    assert result.exit_code == 2 and result.output == "vetter: error: --format pdf writes a file: give --output FILE.pdf or --output-dir DIR\n"
    monkeypatch.setenv("VETTER_CHROMIUM", str(tmp_path / "no-such-browser"))
    result = run("scan", str(MINIMAL), "--format", "pdf", "--output", str(tmp_path / "r.pdf"))
    assert result.exit_code == 2 and result.output.startswith("vetter: error: --format pdf needs Chromium (apt-get install chromium")
    assert result.output.count("\n") == 1 and not (tmp_path / "r.pdf").exists()


def test_a_broken_browser_is_a_one_line_error(tmp_path, monkeypatch):
    fake = tmp_path / "chromium"
    fake.write_text("#!/bin/sh\necho 'cannot open display' >&2\nexit 3\n")
    fake.chmod(0o755)
    monkeypatch.setenv("VETTER_CHROMIUM", str(fake))
    result = run("scan", str(MINIMAL), "--format", "pdf", "--output", str(tmp_path / "r.pdf"))
    assert result.exit_code == 2
    assert result.output == "vetter: error: Chromium printed no PDF (exit code 3: cannot open display)\n"


def test_odd_reports_never_crash_the_pictures(scan_data):  # noqa: F811
    from tests.test_render import synthetic

    data = synthetic(scan_data, True)
    odd = "lone \ud800 surrogate, nul \x00, bidi \u202e, <&>\"'"
    data["packages"][0]["security"] = {"auth": [odd, {"x": [odd, None]}], "egress": odd, "residency": {"personal_data": [odd, {"host": 5}]}, "dlp": [odd]}
    data["packages"][1]["security"] = {"auth": {"schemes": [odd, {"kind": 5, "identity": None}]}, "egress": {"hosts": [odd, {"found": odd, "flags": odd, "templated_by": [odd]}]}}
    data["packages"][1]["risk"] = {"score": 250, "max": 100, "capped": True, "reasons": []}
    data["packages"][0]["findings"][0]["category"] = odd
    for fmt in ("svg", "html"):
        text = render(data, fmt)
        assert "\ud800" not in text
    one = copy.deepcopy(data)
    one["packages"] = one["packages"][1:2]
    parse(render(one, "svg"))
