"""Every report format, read back by a consumer-side parser; determinism; `vetter report`."""

from __future__ import annotations

import copy
import itertools
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from tests.conftest import ROOT
from vetter.base.rule import Severity
from vetter.cli import main
from vetter.engine.cases import base_files
from vetter.render.formats import FORMATS, ReportError, kind_of, render

MINIMAL = ROOT / "fixtures" / "packages" / "minimal"
CONTOSO = ROOT / "fixtures" / "packages" / "contoso-tickets"
REPORT_SCHEMA = json.loads((ROOT / "vetter" / "schemas" / "report-v2.schema.json").read_text())
DIFF_SCHEMA = json.loads((ROOT / "vetter" / "schemas" / "diff-report-v1.schema.json").read_text())


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def broken_package(tmp_path: Path) -> Path:
    files = base_files("minimal")
    files["apiDefinition.swagger.json"] = files["apiDefinition.swagger.json"].replace(b'"version": "1.0",', b'"version": "1.0",,')
    files["apiProperties.json"] = b"\xef\xbb\xbf" + files["apiProperties.json"]
    pkg = tmp_path / "broken pkg, 100% odd"  # a space, a comma and a percent sign: escaping is exercised
    pkg.mkdir()
    for name, raw in files.items():
        (pkg / name).write_bytes(raw)
    return pkg


@pytest.fixture(scope="module")
def scan_data(tmp_path_factory) -> dict:
    tmp = tmp_path_factory.mktemp("scan")
    result = run("scan", str(broken_package(tmp)), str(CONTOSO), str(MINIMAL), "--format", "json")
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    jsonschema.validate(data, REPORT_SCHEMA)
    return data


@pytest.fixture(scope="module")
def diff_data(tmp_path_factory) -> dict:
    tmp = tmp_path_factory.mktemp("diff")
    old, new = tmp / "old", tmp / "new"
    for side in (old, new):
        side.mkdir()
        for name, raw in base_files("minimal").items():
            (side / name).write_bytes(raw)
    swagger = json.loads((new / "apiDefinition.swagger.json").read_text())
    first_path = next(iter(swagger["paths"]))
    del swagger["paths"][first_path]
    (new / "apiDefinition.swagger.json").write_text(json.dumps(swagger, indent=2))
    result = run("diff", str(old), str(new), "--format", "json")
    data = json.loads(result.stdout)
    jsonschema.validate(data, DIFF_SCHEMA)
    assert data["changes"], "the fixture must produce at least one change"
    return data


def findings(data: dict) -> list[tuple[dict, dict]]:
    return [(p, f) for p in data["packages"] for f in p["findings"]]


# -- the report model ----------------------------------------------------------


def test_source_lines_surround_each_finding(scan_data):
    located = [(p, f) for p, f in findings(scan_data) if f["file"] != "."]
    assert located
    for _, f in located:
        src = f["source"]
        assert src is not None and src["line"] == f["line"]
        assert src["start"] <= f["line"] < src["start"] + len(src["lines"])
    package_level = [f for _, f in findings(scan_data) if f["file"] == "."]
    assert package_level and all(f["source"] is None for f in package_level)
    dup = next(f for _, f in findings(scan_data) if f["rule"] == "JSN006")
    hit = dup["source"]["lines"][dup["line"] - dup["source"]["start"]]
    assert '"capabilities"' in hit


def test_source_lines_are_redacted(monkeypatch, tmp_path):
    """A secret in a line shown around a finding is replaced by its redacted form."""
    from vetter.base.redact import redacted_form
    from vetter.commands.scan import run_options, scan
    from vetter.engine.catalog import discover
    from vetter.engine.settings import Settings
    from vetter.model.loader import find_packages
    from vetter.security import secrets as secrets_module
    from vetter.security.secrets import SecretHit

    files = base_files("minimal")
    value = "sk_live_0123456789abcdefSECRET"
    text = files["apiProperties.json"].decode()
    text = text.replace("{", '{"secretish": "' + value + '", "secretish": 1,', 1)  # a duplicate key beside the secret
    pkg = tmp_path / "p"
    pkg.mkdir()
    for name, raw in files.items():
        (pkg / name).write_bytes(raw)
    (pkg / "apiProperties.json").write_text(text)

    def fake(package):
        return [SecretHit("test-key", "apiProperties.json", None, 1, 1, "error", redacted_form("test-key", value), value)]

    monkeypatch.setattr(secrets_module, "find_secrets", fake)
    catalog = discover(entry_points=False)
    settings = Settings()
    settings.bind(catalog)
    report = scan(find_packages([pkg]), catalog, settings, run_options(settings, catalog))
    from vetter.report.model import to_dict

    data = to_dict(report)
    shown = [line for _, f in findings(data) if f["source"] for line in f["source"]["lines"]]
    assert shown, "the duplicate key must give a finding with source lines"
    assert not any(value in line for line in shown)
    assert any(redacted_form("test-key", value) in line for line in shown)


def test_long_lines_are_cut_around_the_column(tmp_path):
    from vetter.report.model import MAX_LINE_CHARS, _clip

    line = "x" * 500 + "HERE" + "y" * 500
    cut = _clip(line, 501)
    assert "HERE" in cut and cut.startswith("…") and cut.endswith("…")
    assert len(cut) <= MAX_LINE_CHARS + 2


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
@pytest.mark.parametrize("secret", [False, True])
def test_source_excerpts_are_those_of_every_line_redacted_and_cut(newline, secret):
    """The excerpts (lines sliced around a located line, a package without secrets not passed through
    its redaction, lines cut only when one is long) are those of the plain computation: the whole text
    split, every line redacted, every line through ``_clip``."""
    import random

    from vetter.base.redact import Redactor
    from vetter.engine.runner import Finding
    from vetter.model.package import package_from_files, text_lines
    from vetter.report.model import CONTEXT_LINES, _clip, source_excerpts

    rng = random.Random(7)
    value = "sk_live_0123456789abcdefSECRET"
    members = []
    for i in range(40):
        text = "".join(rng.choice(["a", "b ", "é", value if secret else "c"]) for _ in range(rng.choice([3, 60, 200])))
        members.append(f'  "k{i}": "{text}"')
    text = "{" + newline + ("," + newline).join(members) + newline + "}" + rng.choice(["", newline])
    files = dict(base_files("minimal"))
    files["apiProperties.json"] = text.encode()
    package = package_from_files("p", files, kind="folder")
    json_file = package.json_files["apiProperties.json"]
    json_file.prefetch([f"/k{i}" for i in range(0, 40, 3)])  # some lines counted by locating, the others not
    redact = Redactor([("test-key", value)] if secret else [])
    lines = text_lines(text)

    def finding(line, column):
        return Finding("R", "r", (), "c", Severity.INFO, "m", "", "apiProperties.json", None, line, column, "fp")

    findings = [finding(line, rng.choice([None, 1, 5, 150, 400])) for line in [None, 1, 2, *range(3, 44), len(lines), len(lines) + 1]]
    got = source_excerpts(package, findings, redact)
    for f, excerpt in zip(findings, got, strict=True):
        if f.line is None or f.line > len(lines):
            assert excerpt is None
            continue
        first = max(1, f.line - CONTEXT_LINES)
        shown = [_clip(redact(line), (f.column or 1) if n == f.line else 1) for n, line in enumerate(lines[first - 1 : f.line + CONTEXT_LINES], first)]
        assert excerpt == {"start": first, "line": f.line, "lines": shown}, f.line
    assert any(len(line) > 160 for line in lines) and (not secret or any(value in line for line in lines))


def test_severity_ranks_order_the_gate():
    assert [(s.value, s.rank) for s in Severity] == [("error", 3), ("warning", 2), ("info", 1)]


# -- determinism and re-rendering -------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_is_deterministic_and_rerenders_from_json(fmt, tmp_path, scan_data):
    pkg = broken_package(tmp_path)
    args = ["scan", str(pkg), str(CONTOSO), str(MINIMAL), "--format", fmt]
    first, second = run(*args), run(*args[:1], str(MINIMAL), str(CONTOSO), str(pkg), *args[4:])
    assert first.exit_code == second.exit_code == 1
    assert first.stdout == second.stdout, fmt
    saved = tmp_path / "saved.json"
    saved.write_text(run("scan", str(pkg), str(CONTOSO), str(MINIMAL), "--format", "json").stdout)
    again = run("report", str(saved), "--format", fmt)
    assert again.exit_code == 1
    assert again.stdout == first.stdout, f"{fmt}: re-rendered output differs from the scan's"


def test_output_dir_writes_every_format_once(tmp_path):
    pkg = broken_package(tmp_path)
    out = tmp_path / "out"
    args = ["scan", str(pkg), "--output-dir", str(out)]
    for fmt in FORMATS:
        args += ["--format", fmt]
    result = run(*args)
    assert result.exit_code == 1
    assert result.stdout == "" and "vetter: wrote 7 report(s) to" in result.stderr
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(
        ["vetter-report.txt", "vetter-report.json", "vetter-report.md", "vetter-report.html", "vetter-report.sarif", "vetter-report.junit.xml", "vetter-report.github.txt"]
    )
    data = json.loads((out / "vetter-report.json").read_text())
    for fmt, name in (("sarif", "vetter-report.sarif"), ("junit", "vetter-report.junit.xml"), ("html", "vetter-report.html")):
        assert (out / name).read_text() == render(data, fmt)


def test_several_formats_need_output_dir(tmp_path):
    result = run("scan", str(MINIMAL), "--format", "json", "--format", "sarif")
    assert result.exit_code == 2 and "--output-dir" in result.output
    assert run("scan", str(MINIMAL), "--quiet", "--verbose").exit_code == 2


def test_output_dir_inside_a_package_is_refused():
    result = run("scan", str(MINIMAL), "--format", "sarif", "--output-dir", str(MINIMAL / "reports"))
    assert result.exit_code == 2 and "refusing" in result.output
    assert not (MINIMAL / "reports").exists()


def test_report_refuses_other_versions_and_non_reports(tmp_path, scan_data):
    old = copy.deepcopy(scan_data)
    old["report_version"] = 1
    old["$schema"] = "https://vetter.invalid/schemas/report-v1.schema.json"
    path = tmp_path / "old.json"
    path.write_text(json.dumps(old))
    result = run("report", str(path), "--format", "html")
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and "another version" in result.output and "Traceback" not in result.output
    for text, why in (("[1, 2]", "not a vetter report"), ("{not json", "not JSON"), ('{"a": 1}', "not a vetter scan or diff report")):
        path.write_text(text)
        result = run("report", str(path))
        assert result.exit_code == 2 and why in result.output, result.output
    broken = copy.deepcopy(scan_data)
    del broken["packages"][0]["findings"][0]["rule"]
    path.write_text(json.dumps(broken))
    result = run("report", str(path), "--format", "sarif")
    assert result.exit_code == 2 and "not a valid scan report" in result.output
    with pytest.raises(ReportError):
        kind_of({"$schema": "elsewhere"})


def test_report_renders_a_saved_diff(tmp_path, diff_data):
    path = tmp_path / "diff.json"
    path.write_text(json.dumps(diff_data))
    for fmt in FORMATS:
        result = run("report", str(path), "--format", fmt)
        assert result.exit_code == (1 if diff_data["summary"]["failed"] else 0), (fmt, result.output)
        assert result.stdout == render(diff_data, fmt)
    assert run("report", str(path), "--format", "json").stdout == json.dumps(diff_data, indent=2, ensure_ascii=False) + "\n"


# -- text and Markdown -----------------------------------------------------------


def test_text_folds_clean_packages_and_quiet_verbose(tmp_path):
    pkg = broken_package(tmp_path)
    clean_copy = tmp_path / "clean-two"
    clean_copy.mkdir()
    for name, raw in base_files("minimal").items():
        (clean_copy / name).write_bytes(raw)
    default = run("scan", str(pkg), str(MINIMAL), str(clean_copy)).stdout
    assert "2 package(s) with no findings (--verbose lists them)" in default
    assert str(MINIMAL) not in default and "JSN001" in default
    verbose = run("scan", str(pkg), str(MINIMAL), str(clean_copy), "--verbose").stdout
    assert str(MINIMAL) in verbose and str(clean_copy) in verbose and verbose.count("no findings") == 2
    quiet = run("scan", str(pkg), str(MINIMAL), "--quiet")
    assert quiet.exit_code == 1 and quiet.stdout.splitlines() == [quiet.stdout.strip()] and quiet.stdout.startswith("FAIL: 2 package(s)")
    single = run("scan", str(MINIMAL)).stdout
    assert f"{MINIMAL}: no findings" in single


def test_markdown_table_parses_with_pointer_beside_location(scan_data):
    from markdown_it import MarkdownIt

    text = render(scan_data, "markdown")
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    rows: list[list[str]] = []
    row: list[str] | None = None
    for tok in tokens:
        if tok.type == "tr_open":
            row = []
        elif tok.type == "inline" and row is not None:
            row.append(tok.content)
        elif tok.type == "tr_close" and row is not None:
            rows.append(row)
            row = None
    body = [r for r in rows if r[0] != "severity"]
    expected = [f for _, f in findings(scan_data)]
    assert len(body) == len(expected)
    assert all(len(r) == 5 for r in body), "a pipe in a message must not split a cell"
    for r, f in zip(body, expected, strict=True):
        if f["file"] != ".":
            assert f"{f['file']}:{f['line']}" in r[2]
        if f["pointer"]:
            assert f["pointer"] in r[2].replace("\\|", "|")
    quiet = render(scan_data, "markdown", detail="quiet")
    assert "|" not in quiet and "## vetter: failed" in quiet


def test_markdown_cells_survive_pipes_and_backticks(scan_data):
    from markdown_it import MarkdownIt

    data = copy.deepcopy(scan_data)
    f = data["packages"][0]["findings"][0]
    f["message"] = "a | b `c` <script>x</script>\nnext"
    f["pointer"] = "/paths/~1a|b`c"
    tokens = MarkdownIt("commonmark").enable("table").parse(render(data, "markdown"))
    html = MarkdownIt("commonmark").enable("table").render(render(data, "markdown"))
    assert "<script>" not in html
    cells = [t for t in tokens if t.type == "td_open"]
    assert len(cells) % 5 == 0


# -- JUnit -------------------------------------------------------------------------


def test_junit_parses_back_with_a_case_per_rule_per_package(scan_data):
    from junitparser import Failure, JUnitXml, Skipped

    xml = JUnitXml.fromstring(render(scan_data, "junit"))
    suites = list(xml)
    assert [s.name for s in suites] == [p["origin"] for p in scan_data["packages"]]
    rule_ids = {r["id"] for r in scan_data["rules"]}
    for suite, p in zip(suites, scan_data["packages"], strict=True):
        cases = {c.name.split()[0]: c for c in suite}
        assert set(cases) == rule_ids | {f["rule"] for f in p["findings"]}
        for rule, case in cases.items():
            hits = [f for f in p["findings"] if f["rule"] == rule and f["severity"] == "error"]
            failures = [r for r in case.result if isinstance(r, Failure)]
            assert bool(failures) == bool(hits), (p["origin"], rule)
            for f in hits:
                assert f"{f['file']}:{f['line']}:{f['column']}" in failures[0].text or f["file"] == "."
            skipped = {s["rule"] for s in p["rules_skipped"]}
            if rule in skipped and not [f for f in p["findings"] if f["rule"] == rule]:
                assert any(isinstance(r, Skipped) for r in case.result)
        assert suite.failures == sum(1 for c in suite if any(isinstance(r, Failure) for r in c.result))
    assert xml.failures == sum(s.failures for s in suites) > 0


def test_junit_survives_characters_xml_cannot_carry(scan_data):
    from junitparser import JUnitXml

    data = copy.deepcopy(scan_data)
    data["packages"][0]["findings"][0]["message"] = "nul\x00 bell\x07 lone\ud800 ok"
    xml = JUnitXml.fromstring(render(data, "junit").encode("utf-8"))
    assert list(xml)


# -- GitHub annotations ------------------------------------------------------------

_COMMAND = re.compile(r"^::(error|warning|notice)(?: ([^:]*))?::(.*)$")


def unescape(text: str) -> str:
    return text.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",").replace("%25", "%")


def parse_annotations(text: str) -> list[tuple[str, dict[str, str], str]]:
    out = []
    for line in text.splitlines():
        m = _COMMAND.match(line)
        if not m:
            continue
        props = {}
        for part in (m.group(2) or "").split(","):
            key, _, value = part.partition("=")
            props[key] = unescape(value)
        out.append((m.group(1), props, unescape(m.group(3))))
    return out


def test_github_annotations_parse_back(scan_data):
    from vetter.render import markdown_code
    from vetter.render.safetext import inert

    data = copy.deepcopy(scan_data)
    p, f = next((p, f) for p, f in findings(data) if f["file"] != ".")
    f["message"] = "50% of it, a: b\r\nsecond line"
    text = render(data, "github")
    assert all("\n" not in line and "\r" not in line for line in text.split("\n"))
    got = parse_annotations(text)
    expected = findings(data)
    assert len(got) == len(expected)
    levels = {"error": "error", "warning": "warning", "info": "notice"}
    for (level, props, message), (p, f) in zip(got, expected, strict=True):
        assert level == levels[f["severity"]]
        assert props["title"] == f"{f['rule']} {f['name']}"
        assert message.startswith(markdown_code(inert(f["message"]))) and f"How to fix: {markdown_code(f['hint'])}" in message
        if f["file"] != ".":
            assert props["file"] == f"{p['origin']}/{f['file']}"
            assert (props["line"], props["col"]) == (str(f["line"]), str(f["column"]))
        else:
            assert props["file"] == p["origin"] and "line" not in props
    assert text.splitlines()[-1].startswith("FAIL:")


def test_github_escaping_matches_the_rules():
    from vetter.render.github import command

    line = command("warning", "100%\r\n:,", file="a,b:c%.json", line=3)
    assert line == "::warning file=a%2Cb%3Ac%25.json,line=3::100%25%0D%0A:,"


def test_diff_formats_show_both_locations_and_ack_state(tmp_path, diff_data):
    data = copy.deepcopy(diff_data)
    data["changes"][0]["acknowledged"] = True
    data["changes"][0]["reason"] = "Removed on purpose: ticket 42"
    sarif = json.loads(render(data, "sarif"))
    result = sarif["runs"][0]["results"][0]
    assert result["suppressions"] == [{"kind": "external", "status": "accepted", "justification": "Removed on purpose: ticket 42"}]
    html = render(data, "html")
    assert "Removed on purpose: ticket 42" in html and "acknowledged" in html
    got = parse_annotations(render(data, "github"))
    assert got[0][0] == "notice" and "Acknowledged: `Removed on purpose" in got[0][2]


# -- HTML (structure; the browser tests drive it) -------------------------------------


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def parse_html(text: str) -> _Collector:
    c = _Collector()
    c.feed(text)
    c.close()
    return c


def test_html_is_self_contained_and_escapes_package_content(scan_data):
    data = copy.deepcopy(scan_data)
    data["packages"][0]["findings"][0]["message"] = '<img src="https://evil.example/x.png" onerror="alert(1)">'
    page = parse_html(render(data, "html"))
    for tag, attrs in page.tags:
        assert tag not in ("img", "link", "iframe", "object", "embed"), tag
        if tag == "script":
            assert "src" not in attrs
        assert not any(k.startswith("on") for k in attrs), (tag, attrs)
        if tag == "a":
            href = attrs.get("href") or ""
            assert href.startswith(("#", "https://")), href
    assert '<img src="https://evil.example/x.png" onerror="alert(1)">' in "".join(page.text)


def test_both_html_reports_forbid_every_fetch(scan_data, diff_data):
    """Should a template ever let package text into an attribute, the page still fetches nothing:
    a Content-Security-Policy allows its own inline style and script and data: images, no URL."""
    for data in (scan_data, diff_data):
        page = parse_html(render(data, "html"))
        [policy] = [attrs["content"] for tag, attrs in page.tags if tag == "meta" and attrs.get("http-equiv") == "Content-Security-Policy"]
        assert policy == "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"


def test_html_inventory_links_every_package(scan_data):
    page = parse_html(render(scan_data, "html"))
    ids = {a.get("id") for _, a in page.tags}
    links = [str(a["href"]) for t, a in page.tags if t == "a" and (a.get("href") or "").startswith("#pkg-")]
    assert len(links) == len(scan_data["packages"])
    assert all(link[1:] in ids for link in links)
    rule_links = {str(a["href"])[1:] for t, a in page.tags if t == "a" and (a.get("href") or "").startswith("#rule-")}
    assert rule_links and rule_links <= ids


SECURITY = {
    "auth": {"kind": "oauth2", "identity": {"kind": "delegated", "summary": "the signed-in user"}, "evidence": [{"file": "apiProperties.json", "pointer": "/properties/connectionParameters/token"}]},
    "egress": {"hosts": [{"host": "api.contoso.eu", "operator": "third party", "geography": "EU"}, {"host": "graph.microsoft.com", "operator": "Microsoft", "geography": "global"}]},
    "residency": {"personal_data": [{"operation": "CreateContact", "fields": ["email", "phone"]}]},
    "dlp": {"group": "non-business", "reasons": ["personal data to a third party"]},
}


def synthetic(scan_data: dict, with_parts: bool) -> dict:
    data = copy.deepcopy(scan_data)
    for p in data["packages"]:
        if with_parts:
            p["security"] = SECURITY
            p["profile"] = {"name": "independent-publisher", "source": "folder", "reason": "It sits in independent-publisher-connectors/."}
        else:  # a report from before the security profile, or one that could not build it
            p.pop("security", None)
            p.pop("profile", None)
    return data


def test_html_renders_a_security_profile_and_says_not_analysed_without_one(scan_data):
    rich = render(synthetic(scan_data, True), "html")
    for text in ("oauth2", "calls run as: the signed-in user", "api.contoso.eu", "third party", "EU", "CreateContact", "non-business", "personal data to a third party", "independent-publisher"):
        assert text in rich, text
    assert "not analysed" not in rich
    bare = render(synthetic(scan_data, False), "html")
    per_package = 4 * len(scan_data["packages"])  # four security parts in each package section
    inventory = 4 * len(scan_data["packages"])  # auth, hosts, geographies, DLP columns
    profile = len(scan_data["packages"])
    start, end = bare.index('<section id="charts"'), bare.index("</section>", bare.index('<section id="charts"'))
    charts, rest = bare[start:end], bare[:start] + bare[end:]
    assert rest.count("not analysed") == per_package + inventory + profile
    # the portfolio charts count every package as not analysed for DLP group, auth kind and identity, and say so in their tables
    assert charts.count('data-value="not-analysed" data-label="') == 3 + 3  # the bar and the table row of each chart
    assert charts.count(f">not analysed</a></td><td>{len(scan_data['packages'])}</td></tr>") == 3
    half = synthetic(scan_data, True)
    del half["packages"][0]["security"]["dlp"]
    half["packages"][0]["security"]["egress"] = None
    text = render(half, "html")
    start = text.index('id="pkg-1"')  # sections are in risk order: read pkg-1's own section
    section = text[start : text.index("</section>", start)]
    assert section.count("not analysed") == 2 and "oauth2" in section


@pytest.mark.parametrize("fmt", FORMATS)
def test_odd_strings_never_crash_a_renderer(fmt, scan_data, tmp_path):
    data = synthetic(scan_data, True)
    odd = "lone \ud800 surrogate, nul \x00, bidi \u202e, emoji \U0001F600, <&>\"' %0A :,"
    for p in data["packages"]:
        p["origin"] = p["origin"] + odd
        for f in p["findings"]:
            f["message"] = odd
            f["hint"] = odd
            if f["source"]:
                f["source"]["lines"] = [odd for _ in f["source"]["lines"]]
    data["packages"][0]["security"] = {"auth": [odd, {"x": [odd, None, 1.5, True]}], "egress": odd, "extra": {"deep": [[[[[[[odd]]]]]]]}}
    text = render(data, fmt)
    path = tmp_path / "out"
    path.write_text(text, encoding="utf-8")  # encodable: no lone surrogate left
    assert "\ud800" not in text


# -- the CI gate in every format -----------------------------------------------------


def test_waived_findings_are_suppressed_not_failing_in_every_format(tmp_path):
    from junitparser import Failure, JUnitXml

    from tests.test_gate import WAIVER, vetter, write_package

    write_package(tmp_path / "Widgets", bad=True)
    (tmp_path / "vetter.toml").write_text(WAIVER.format(rule="SWG001", expires="2999-01-01"))
    proc = vetter("scan", "Widgets", "--format", "json", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    (f,) = data["packages"][0]["findings"]
    assert f["waiver"] and f["source"]
    sarif = json.loads(render(data, "sarif"))
    (result,) = sarif["runs"][0]["results"]
    assert result["suppressions"][0]["status"] == "accepted" and "Pilot tenant only" in result["suppressions"][0]["justification"]
    xml = JUnitXml.fromstring(render(data, "junit"))
    assert xml.failures == 0 and not any(isinstance(r, Failure) for suite in xml for case in suite for r in case.result)
    settings_notice, (level, _, message) = parse_annotations(render(data, "github"))
    assert settings_notice == ("notice", {"title": "vetter settings"}, "config `vetter.toml` (found by searching upwards, not given with --config) · 1 waiver(s) waived 1 finding(s): 1 swagger")
    assert level == "notice" and "Waived: `Pilot tenant only" in message
    html = render(data, "html")
    assert "Waived" in html and "Pilot tenant only" in html and ">PASS<" in html


def test_gate_findings_reach_sarif_junit_and_github(tmp_path):
    from junitparser import JUnitXml

    from tests.test_gate import WAIVER, vetter, write_package

    write_package(tmp_path / "Widgets", bad=True)
    (tmp_path / "vetter.toml").write_text(WAIVER.format(rule="SWG001", expires="2020-01-01"))
    data = json.loads(vetter("scan", "Widgets", "--format", "json", cwd=tmp_path).stdout)
    (gate,) = data["gate"]["findings"]
    sarif = json.loads(render(data, "sarif"))
    assert gate["rule"] in {r["ruleId"] for r in sarif["runs"][0]["results"]}
    suites = {s.name: s for s in JUnitXml.fromstring(render(data, "junit"))}
    gate_suite = suites["gate (baseline and waivers)"]
    assert [c.name for c in gate_suite] == [f"{gate['rule']} {gate['name']}"]
    assert gate_suite.failures == (1 if gate["severity"] == "error" else 0)
    assert any(p.get("title", "").startswith(gate["rule"]) for _, p, _ in parse_annotations(render(data, "github")))
    assert gate["message"] in render(data, "html") and gate["message"] in render(data, "text")


def test_html_colours_meet_wcag_aa_contrast():
    """Text colours of the report's stylesheet against their backgrounds: at least 4.5:1."""
    css = (ROOT / "reports" / "templates" / "_report.css.j2").read_text()
    colours = dict(re.findall(r"--([a-z-]+): (#[0-9a-f]{6})", css))

    def luminance(hex_colour: str) -> float:
        channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    def ratio(a: str, b: str) -> float:
        la, lb = sorted((luminance(a), luminance(b)), reverse=True)
        return (la + 0.05) / (lb + 0.05)

    pairs = [("fg", "#ffffff"), ("muted", "#ffffff"), ("muted", colours["bg-soft"]), ("link", "#ffffff"), ("fg", colours["hit"])]
    pairs += [(name, f"{name}-bg") for name in ("error", "warning", "info", "ok")]
    for fg, bg in pairs:
        background = colours.get(bg) or bg
        assert ratio(colours[fg], background) >= 4.5, (fg, bg, round(ratio(colours[fg], background), 2))


def test_html_controls_are_labelled_and_headings_nest(scan_data):
    page = parse_html(render(scan_data, "html"))
    tags = [t for t, _ in page.tags]
    assert tags.count("h1") == 1
    levels = [int(t[1]) for t in tags if re.fullmatch(r"h[1-6]", t)]
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), "a heading level is skipped"
    html_text = render(scan_data, "html")
    for control in re.findall(r"<(?:input|select)\b[^>]*>", html_text):
        assert re.search(r"<label>[^<]*" + re.escape(control), html_text) or "aria-label" in control, control


def test_github_annotations_match_githubs_own_toolkit(scan_data, tmp_path):
    """Each line is byte for byte what @actions/core's issueCommand writes for the same values."""
    import os
    import shutil
    import subprocess

    core = ROOT / ".ci" / "npm" / "node_modules" / "@actions" / "core" / "lib" / "command.js"
    if not core.exists() or not shutil.which("node"):
        if os.environ.get("CI"):
            pytest.fail("@actions/core is missing: .ci/run installs it")
        pytest.skip("@actions/core not installed (run .ci/run)")
    data = copy.deepcopy(scan_data)
    p, f = next((p, f) for p, f in findings(data) if f["file"] != ".")
    f["message"] = "50% of it, a: b\r\nsecond line :: ::error::"
    p["origin"] = p["origin"] + ",with:odd%chars"
    ours = [line for line in render(data, "github").splitlines() if line.startswith("::")]
    parsed = [{"command": level, "properties": props, "message": message} for level, props, message in parse_annotations("\n".join(ours))]
    script = (
        "const c = require(process.argv[1]);"
        "const items = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        "for (const i of items) { c.issueCommand(i.command, i.properties, i.message); }"
    )
    proc = subprocess.run(["node", "-e", script, str(core)], input=json.dumps(parsed), capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == ours


def test_inert_json_escapes_each_steering_character_among_other_text():
    """The JSON report's last step finds the characters it escapes among non-ASCII text and lone surrogates."""
    from vetter.render.safetext import inert_json

    assert inert_json('{"a": "plain ascii"}') == '{"a": "plain ascii"}'
    assert inert_json('"caf\u00e9 \u2014 \u00fc \U0001f600"') == '"caf\u00e9 \u2014 \u00fc \U0001f600"'
    assert inert_json('"x\x7fy"') == '"x\\u007fy"'
    assert inert_json('"\u00e9\x85\u2028\u202e\u2066\ud800\u061c"') == '"\u00e9\\u0085\\u2028\\u202e\\u2066\ud800\\u061c"'


def test_inert_json_bytes_is_inert_json_encoded():
    """The JSON report file's last step, on bytes: the same escapes, and the very bytes when there are none."""
    from vetter.render.safetext import inert_json, inert_json_bytes

    for text in ('{"a": "plain ascii"}', '"caf\u00e9 \u2014 \U0001f600"', '"x\x7fy"', '"\u00e9\x85\u2028\u202e\u2066\u061c"', ""):
        data = text.encode("utf-8")
        assert inert_json_bytes(data) == inert_json(text).encode("utf-8"), text
        if inert_json(text) == text:
            assert inert_json_bytes(data) is data


def test_a_json_report_file_holds_the_bytes_stdout_gets_for_a_hostile_package(tmp_path: Path):
    """``--output`` writes the JSON report from the encoder's bytes (``render_bytes``); the terminal gets
    ``render``'s text. Both are the same bytes, for a package whose text holds lone surrogates (the
    standard library's path), steering characters and non-ASCII text, and for every other format too."""
    from vetter.render.formats import render_bytes

    package = tmp_path / "p"
    package.mkdir()
    for f in CONTOSO.iterdir():
        (package / f.name).write_bytes(f.read_bytes())
    swagger = package / "apiDefinition.swagger.json"
    swagger.write_text(swagger.read_text(encoding="utf-8").replace(
        '"title": "Contoso Tickets"', '"title": "Contoso \\ud800 \u202e\x7f\u2028 caf\u00e9 Tickets"'), encoding="utf-8")
    out = tmp_path / "report.json"
    runner = CliRunner()
    written = runner.invoke(main, ["scan", str(package), "--format", "json", "--output", str(out), "--fail-on", "never"])
    shown = runner.invoke(main, ["scan", str(package), "--format", "json", "--fail-on", "never"])
    assert written.exit_code == shown.exit_code == 0, (written.output, shown.output)
    raw = out.read_bytes()
    assert raw == shown.stdout_bytes
    assert b"\\ud800" in raw and b"\\u202e" in raw and b"\\u007f" in raw and b"\\u2028" in raw and "café".encode() in raw
    data = json.loads(raw)
    for fmt in FORMATS:
        assert render_bytes(data, fmt) == render(data, fmt).encode("utf-8"), fmt
