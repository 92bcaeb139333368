"""House rules of the code itself: rules read the package's analysis as data, they never fetch.

Every piece of I/O a run asks for (git for ``scan --against``, DNS, TLS and the MCP client for
``--online``) is done at the edge (``vetter.engine.edge``) before any rule runs. Checked twice: no module
a rule can reach imports a module that does I/O, and a rule run on a package whose analysis the
edge built calls nothing that would.
"""

from __future__ import annotations

import ast
import json
import socket
import subprocess
from pathlib import Path

import pytest

from vetter.engine.cases import base_files
from vetter.engine.catalog import discover
from vetter.engine.settings import Settings
from vetter.model.options import RunOptions
from vetter.model.package import package_from_files

ROOT = Path(__file__).resolve().parent.parent
FETCHING = ("subprocess", "socket", "ssl", "dns", "httpx", "httpx2", "httpcore", "httpcore2", "mcp", "urllib.request", "http.client", "requests")
"""Modules that run programs or open connections."""


def _imports(path: Path) -> set[str]:
    """Every module ``path`` imports, at the top or inside a function (not under ``if TYPE_CHECKING``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                for other in child.orelse:
                    visit(other)
                continue
            if isinstance(child, ast.Import):
                found.update(a.name for a in child.names)
            elif isinstance(child, ast.ImportFrom) and child.module and child.level == 0:
                found.add(child.module)
                found.update(f"{child.module}.{a.name}" for a in child.names)
            visit(child)

    visit(tree)
    return found


def _file_of(module: str) -> Path | None:
    base = ROOT.joinpath(*module.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _reachable_from_rules() -> dict[Path, str]:
    """Each module of vetter/ and rules/ a rule module can import, directly or not, with how it was reached."""
    start = sorted(ROOT.glob("rules/**/*.py"))
    how: dict[Path, str] = {p: str(p.relative_to(ROOT)) for p in start}
    todo = list(start)
    while todo:
        path = todo.pop()
        for module in sorted(_imports(path)):
            parts = module.split(".")
            if parts[0] not in ("vetter", "rules"):
                continue
            for i in range(1, len(parts) + 1):  # importing a.b.c runs a/__init__ and a/b/__init__ first
                target = _file_of(".".join(parts[:i]))
                if target is not None and target not in how:
                    how[target] = f"{how[path]} -> {'.'.join(parts[:i])}"
                    todo.append(target)
    return how


def test_no_module_a_rule_can_reach_runs_a_program_or_opens_a_socket():
    reached = _reachable_from_rules()
    assert ROOT / "vetter" / "security" / "profile.py" in reached  # the walk follows the rules' own imports
    assert ROOT / "vetter" / "edge.py" not in reached  # the edge is above the rules
    offending = {
        how: sorted(m for m in _imports(path) if m.split(".")[0] in FETCHING or m in FETCHING)
        for path, how in reached.items()
    }
    assert {how: mods for how, mods in offending.items() if mods} == {}


def test_the_modules_that_fetch_are_the_edge_s():
    """The check above would pass vacuously if it could not see an import: it sees these."""
    for name, module in (("vetter/security/online.py", "socket"), ("vetter/compare/git.py", "subprocess")):
        assert module in _imports(ROOT / name), name


CATALOG = discover(entry_points=False)


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", *args], cwd=repo, check=True, capture_output=True)


def test_a_rule_run_fetches_nothing_the_edge_read_it_all_before(tmp_path, monkeypatch):
    """``--against`` and ``--online`` data are read by the edge; ``run_rules`` then calls no git, DNS or TLS."""
    from vetter.agent.online import OnlineTools
    from vetter.compare.sources import previous_at
    from vetter.engine.edge import analyse
    from vetter.engine.runner import run_rules
    from vetter.model.loader import find_packages
    from vetter.security import online as online_checks

    repo = tmp_path / "repo"
    folder = repo / "connectors" / "Widgets"
    folder.mkdir(parents=True)
    for name, raw in base_files("mcp-streamable").items():
        (folder / name).write_bytes(raw)
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", ".")
    _git(repo, "commit", "-qm", "v1")
    doc = json.loads((folder / "apiDefinition.swagger.json").read_text())
    doc["host"] = "mcp.tickets-online.com"  # every flow breaks: CHG001 at /host
    (folder / "apiDefinition.swagger.json").write_text(json.dumps(doc, indent=2))
    monkeypatch.chdir(repo)

    asked: list[str] = []

    def check_hosts(hosts: list[str]) -> online_checks.OnlineResult:
        asked.extend(hosts)
        return online_checks.OnlineResult([online_checks.HostCheck(h, "ok", ["10.1.2.3"], ["10.1.2.3 (private)"], tls_status="skipped") for h in hosts])

    monkeypatch.setattr(online_checks, "check_hosts", check_hosts)
    monkeypatch.setattr("vetter.agent.online.list_tools_online", lambda url: asked.append(url) or OnlineTools(url, "dns-error", error="stub"))
    options = RunOptions(online=True, previous=previous_at("main"))
    (source,) = find_packages(["connectors/Widgets"])
    package = source.load()
    analysis = analyse(package, options)  # the edge: git, the diff, DNS and the MCP client, now
    assert asked == ["mcp.tickets-online.com", "https://mcp.tickets-online.com/mcp"]
    assert analysis.previous is not None and [c.key for c in analysis.previous.changes] == ["host-changed"]
    assert analysis.mcp is not None and analysis.mcp.status == "dns-error"

    calls: list[str] = []

    def refuse(what: str):
        def call(*args, **kwargs):
            calls.append(what)
            raise AssertionError(f"a rule called {what}")
        return call

    for target, name in ((subprocess, "run"), (subprocess, "Popen"), (subprocess, "check_output"), (socket, "getaddrinfo"),
                         (socket, "create_connection"), (socket.socket, "connect"), (online_checks, "check_hosts"),
                         (online_checks, "check_host"), (online_checks, "resolve")):
        monkeypatch.setattr(target, name, refuse(f"{getattr(target, '__name__', target)}.{name}"))
    monkeypatch.setattr("vetter.agent.online.list_tools_online", refuse("list_tools_online"))
    result = run_rules(package, CATALOG, Settings().bind(CATALOG), options)
    assert calls == []
    assert [f.message for f in result.findings if f.rule == "VET001"] == []
    got = {(f.rule, f.pointer, f.message) for f in result.findings if f.rule in ("CHG001", "SEC009")}
    assert got == {
        ("CHG001", "/host", next(f.message for f in result.findings if f.rule == "CHG001")),
        ("SEC009", "/host", "'mcp.tickets-online.com' resolves to 10.1.2.3 (private) (--online DNS check)."),
    }
    assert "dns-error" in json.dumps(analysis.mcp.to_dict())


def test_the_analysis_is_one_typed_record_per_package_and_the_submission_flag_a_field():
    from vetter.model.analysis import Analysis, analysis_of
    from vetter.model.profiles import profile_of
    from vetter.security import security_profile
    from vetter.security.secrets import find_secrets

    package = package_from_files("minimal", base_files("minimal"), kind="folder")
    analysis = analysis_of(package)
    assert isinstance(analysis, Analysis) and analysis_of(package) is analysis and package.analysis is analysis
    assert security_profile(package) is analysis.security is security_profile(package)
    assert find_secrets(package) is analysis.secrets and analysis.secrets == []
    assert profile_of(package) is analysis.profile and analysis.profile.name == "custom"
    with pytest.raises(AttributeError):
        analysis.previous = None  # type: ignore[misc]
    assert package.submission is False


SECRET_URL = b"https://prod-01.westeurope.logic.azure.com/workflows/a/triggers/manual/paths/invoke?sig=AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdefg"


def test_each_text_file_is_decoded_once_for_the_rules_the_fingerprints_and_the_excerpts(monkeypatch):

    import vetter.model.package
    from vetter.engine.runner import run_rules
    from vetter.report.model import ScanReport

    files = base_files("mcp-script")
    files["script.csx"] = b"\xef\xbb\xbf// " + SECRET_URL + b"\n" + files["script.csx"]  # a BOM, and a secret on line 1
    decoded: list[bytes] = []
    real = vetter.model.package.decode_text
    monkeypatch.setattr(vetter.model.package, "decode_text", lambda raw: decoded.append(raw[:8]) or real(raw))
    package = package_from_files("p", files, kind="folder")
    result = run_rules(package, CATALOG, Settings().bind(CATALOG))
    ScanReport().add(result, package)  # the excerpts
    assert decoded == [files["script.csx"][:8]]  # once, for the script view, the fingerprint and the excerpt
    from vetter.report.model import _text_lines

    assert _text_lines(package, "script.csx") is package.decoded("script.csx").lines is package.script.lines
    assert [f.line for f in result.findings if f.file == "script.csx" and f.rule.startswith("CRD")] == [1]


@pytest.mark.parametrize(("text", "lines"), [
    ("", []), ("a", ["a"]), ("a\n", ["a"]), ("a\n\n", ["a", ""]), ("a\r\nb\r\n", ["a", "b"]), ("a\r\r\nb", ["a\r", "b"]),
    ("a\rb\nc", ["a\rb", "c"]), ("a\u2028b\x0cc\x85d\n", ["a\u2028b\x0cc\x85d"]), ("end\r", ["end\r"]), ("\n", [""]),
])
def test_text_lines_break_at_newlines_only(text, lines):
    """One CR before each LF goes with it; every other character, a lone CR included, stays in its line."""
    from vetter.model.package import text_lines

    assert text_lines(text) == lines


SEPARATORS = ["\u2028", "\u2029", "\x85", "\x0c", "\x0b", "\x1c", "\r"]  # line breaks to splitlines, not to a JSON position or an editor


@pytest.mark.parametrize("name", ["apiDefinition.swagger.json", "readme.md", "script.csx"])
@pytest.mark.parametrize("separator", [*SEPARATORS, "\n"])
def test_an_excerpt_shows_the_line_its_finding_is_numbered_by(name, separator):
    """Each finding's excerpt has, at its line, the file's line of that number counted at newlines:
    a form feed, NEL, U+2028 or lone CR before it (legal in a JSON string or a readme), or a raw
    newline inside a JSON string (repaired for the parse), shifts neither."""
    from vetter.engine.runner import run_rules
    from vetter.report.model import ScanReport, excerpt_key

    folder = Path(__file__).resolve().parents[1] / "fixtures" / "packages" / "contoso-tickets"  # findings past line 3 in its swagger
    files = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    files.setdefault("readme.md", b"# Readme\n\nIt does things.\n")
    files.setdefault("script.csx", b"public class Script : ScriptBase { }\n")
    raw = files[name]
    if name.endswith(".json"):
        at = raw.index(b'"description"')
        at = raw.index(b'"', raw.index(b":", at) + 1) + 1
        raw = raw[:at] + f"A{separator}B ".encode() + raw[at:]  # inside the first description
    else:
        raw = f"top{separator}line\n".encode() + raw
    raw += b"\n" if not raw.endswith(b"\n") else b""
    files[name] = raw + (b"" if name.endswith(".json") else b"// " + SECRET_URL + b"\n")  # a finding after the break
    package = package_from_files("p", files, kind="folder")
    result = run_rules(package, CATALOG, Settings().bind(CATALOG))
    report = ScanReport()
    report.add(result, package)
    excerpts = report.sources[(result.origin, result.package)]
    lines = files[name].decode("utf-8").split("\n")
    shown = 0
    for f in result.findings:
        excerpt = excerpts[excerpt_key(f)]
        if f.file != name or excerpt is None or f.line is None or f.line < 3:
            continue
        expected = lines[f.line - 1].removesuffix("\r")
        got = excerpt["lines"][f.line - excerpt["start"]]
        head = got.split("[redacted", 1)[0].strip("…")  # the secret itself is redacted; a long line is clipped
        assert got == expected or (head and head in expected and got != head), (f.rule, f.line, got, expected)
        shown += 1
    assert shown >= 1  # a finding past the break was checked


@pytest.mark.parametrize("raw", [
    b"\xef\xbb\xbf  first\nsecond\n", b"\xef\xbb\xbf", b"\xef\xbb\xbf\nx", "\ufeffone\r\ntwo".encode("utf-16"),
    b"bad \xff byte\n\tindented  \n", b"\xef\xbb\xbfbad \xc3(\n", b"no newline at the end",
])
def test_a_line_finding_s_anchor_is_the_line_the_fingerprint_always_used(raw):
    """Fingerprints of text findings survive the move to one decoding: the same anchor, byte order mark and all."""
    from vetter.engine.runner import _line_text
    from vetter.model.package import decode_text, is_wide

    package = package_from_files("p", {"script.csx": raw}, kind="folder")
    before = (decode_text(raw)[0] if is_wide(raw) else raw.decode("utf-8", "replace")).splitlines()  # the former reading
    for line in (1, 2, 3):
        assert _line_text(package, "script.csx", line) == (before[line - 1].strip() if line <= len(before) else str(line)), line
