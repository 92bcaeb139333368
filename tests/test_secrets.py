"""Secret detection: kinds, placeholders, locations, every file, and the real corpus."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tests.conftest import shared_dir
from vetter.base.redact import redacted_form
from vetter.engine.cases import base_files
from vetter.model.package import package_from_files
from vetter.security.secrets import detectors, find_secrets, is_placeholder, is_secret_name, looks_secret

SIG = "sFtDyvikDrPe6wmMvQGY7nU4dINx2eZRwN-ptWPYxAw"


def _package(**files: str | bytes):
    base = base_files("minimal")
    for name, text in files.items():
        base[name.replace("__", ".")] = text.encode() if isinstance(text, str) else text
    return package_from_files("p", base, kind="folder")


@pytest.mark.parametrize(
    "value",
    ["YOUR_API_KEY", "xxxxxxxxxxxxxxxx", "<token>", "{{apiKey}}", "null", "[[DUMMY]]", "@parameters('key')",
     "********", "your-client-secret-here", "00000000-0000-0000-0000-000000000000", "${API_TOKEN}", "<Enter your client secret>"],
)
def test_placeholders_are_not_secrets(value):
    assert is_placeholder(value)
    assert not looks_secret(value, 8)


@pytest.mark.parametrize("token", ["ghp_ihpIZCLXMlal4lD12iYOuRAfg8y3i9gJNfmy", "ghp_Tl5JibuSxs00L9sBn0rM6J8adEmOxc0k4IRT",
                                   "ghp_CR0exmoCKOBWFXSNZ8GVDSYuQyHsDNFzHMIw"])
def test_a_token_holding_a_placeholder_word_by_chance_is_found(token):
    """Random tokens hold "your", "demo" or "mock" in a mix of cases; they were taken for placeholders."""
    from vetter.security.secrets import find_secrets

    hits = find_secrets(_package(script__csx=f"// {token}\n"))
    assert [(h.kind, h.value) for h in hits] == [("github-token", token)]


@pytest.mark.parametrize("token", ["ghp_yourtokenhere0000000000000000000000", "ghp_YOUR_GITHUB_TOKEN_HERE_0123456789ab",
                                   "ghp_MyDemoToken1234567890abcdefghijklmn", "AKIAIOSFODNN7EXAMPLE"])
def test_a_token_format_spelling_a_placeholder_word_is_a_placeholder(token):
    from vetter.security.secrets import is_format_placeholder

    assert is_format_placeholder(token)


@pytest.mark.parametrize("value", [SIG, "Sf1kMJPKXskKVZX3CtdMefcdm5ujiwLp", "H.hkz0nQQG9WJ05X72qibo-bT~Jox17RWE"])
def test_random_values_look_secret(value):
    assert looks_secret(value) and not is_placeholder(value)


@pytest.mark.parametrize(
    "value",
    ["ListWidgetsByOwnerAndStatus", "2024-01-31T10:00:00Z", "1.0.20240131", "2f4c9a3e-7d1b-4e8a-9c2f-5b6d7e8f9a0b",
     "https://api.contoso.com/v1/widgets", "jwt.JWT(header=header,", "application/json"],
)
def test_ordinary_values_do_not_look_secret(value):
    assert not looks_secret(value)


@pytest.mark.parametrize("name", ["apiKey", "api_key", "x-functions-key", "client_secret", "token:clientSecret", "password", "sig", "code", "accessToken"])
def test_secret_names(name):
    assert is_secret_name(name)


@pytest.mark.parametrize("name", ["tokenUrl", "keyVaultName", "secretName", "token_type", "apiKeyHeader", "keywords", "countryCode", "token:customHost"])
def test_names_that_only_mention_a_secret(name):
    assert not is_secret_name(name)


def test_microsoft_rules_are_loaded_with_their_ids():
    names = {d.detector for d in detectors()}
    assert any(n.startswith("SEC101/152 ") for n in names)  # AzureStorageAccountIdentifiableKey
    assert any(n.startswith("SEC101/528 ") for n in names)  # GenericJwt
    assert all(d.signatures for d in detectors())


def test_an_identifiable_azure_key_is_found_by_microsofts_rule():
    # an Azure Storage identifiable key has 76 base64 characters, then '+ASt', then 6 more with '=='
    key = "Ab3dEf6hIj9lMn2pQr5tUv8xYz1bCd4fGh7jKl0nOp3rSt6vWx9zAb2dEf5hIj8lMn1pQr4tUv7x" + "+AStmP0rQA=="
    assert len(key) == 88
    package = _package(readme__md=f"# Contoso\n\nDefaultEndpointsProtocol=https;AccountName=contoso;AccountKey={key}\n")
    hits = [h for h in find_secrets(package) if h.file == "readme.md"]
    assert [(h.kind, h.line, h.family, h.detector.split()[0]) for h in hits] == [
        ("azure-storage-account-identifiable-key", 3, "known-format", "SEC101/152")
    ]


def test_hits_in_json_carry_the_pointer_of_the_string_and_its_exact_line():
    swagger = json.loads(base_files("minimal")["apiDefinition.swagger.json"])
    swagger["x-ms-connector-metadata"] = [{"propertyName": "Website", "propertyValue": f"https://x.logic.azure.com/workflows/1/triggers/manual/paths/invoke?sv=1.0&sig={SIG}"}]
    text = json.dumps(swagger, indent=2)
    package = _package(apiDefinition__swagger__json=text)
    (hit,) = find_secrets(package)
    assert hit.kind == "logic-apps-sig" and hit.pointer == "/x-ms-connector-metadata/0/propertyValue"
    line = next(i for i, text_line in enumerate(text.splitlines(), 1) if SIG in text_line)
    assert hit.line == line and text.splitlines()[line - 1][hit.column - 1 :].startswith(SIG)
    assert hit.redacted == redacted_form("logic-apps-sig", SIG) and SIG not in repr(hit)


def test_secrets_in_every_kind_of_file():
    package = _package(
        readme__md="https://ghp_t1j8uIwxwT2aYcxZMl3mhk615AZTjentWtpz@github.com/x\n",
        settings__json='{\n  "clientSecret": "H.hkz0nQQG9WJ05X72qibo-bT~Jox17RWE"\n}\n',
        script__csx='var k = "AKIAXLIHHG8U3Y4568M8";\n',
        **{"notes/deploy.txt": "password: rWNHa9ZPJ055h3ZYq1\n"},
    )
    got = sorted((h.file, h.kind) for h in find_secrets(package))
    assert got == [
        ("notes/deploy.txt", "secret-value"),
        ("readme.md", "github-token"),
        ("script.csx", "aws-access-key"),
        ("settings.json", "client-secret"),
    ]


def test_a_broken_or_binary_file_never_crashes_the_scan():
    package = _package(
        apiDefinition__swagger__json=b'{"swagger": "2.0", "x": "sig=' + SIG.encode() + b'&sv=1.0", ',
        readme__md=b"\xff\xfe\x00garbage\x00" * 100,
        **{"icon.png": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 10},
    )
    hits = find_secrets(package)
    assert [(h.file, h.pointer) for h in hits] == [("apiDefinition.swagger.json", None)]


def test_found_once_per_package():
    package = _package(readme__md=f"sig={SIG}&sv=1.0&sp=%2Ftriggers\n")
    assert find_secrets(package) is find_secrets(package)


def test_no_error_level_secret_in_the_corpus():
    """Hand-checked (docs/secrets-survey.md): the one real secret at error level in the corpus is
    DBF2XML's Azure Functions key, shipped as the `code` query parameter's default."""
    from vetter.model.loader import find_packages

    errors = []
    for source in find_packages([shared_dir("corpus")]):
        package = source.load()
        errors.extend((package.name, h.file, h.line, h.kind) for h in find_secrets(package) if h.severity == "error")
    assert errors == [("DBF2XML", "apiDefinition.swagger.json", 24, "azure-functions-key")]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["a", "Z", "é", "\\\\", "\\/", '\\"', "\\n", "\\u0041", "\\u00e9", "\\ud83d\\ude00", "\\ud83d", "\\ude00", "\\uD83D\\uDE00"]), max_size=12))
def test_unescape_decodes_a_json_string_body_as_json_does_and_maps_each_character_to_its_spelling(parts):
    from vetter.security.secrets import unescape

    body = "".join(parts)
    value, offsets = unescape(body)
    assert value == json.loads(f'"{body}"')
    assert len(offsets) == len(value) + 1 and offsets[-1] == len(body)
    assert offsets == sorted(offsets) and len(set(offsets)) == len(offsets)
    for k, char in enumerate(value):  # each character starts where its spelling starts
        spelled = body[offsets[k] : offsets[k + 1]]
        assert json.loads(f'"{spelled}"') == char


_BODY_PARTS = ["a", "é", "\t", "\x01", "\\\\", "\\/", '\\"', "\\n", "\\b", "\\u0041", "\\u00e9", "\\ud83d\\ude00", "\\ud83d", "\\ude00",
               "\\uD83D\\uDE00", "\\x", "\\u12g4", "\\ud800\\uzzzz", "\\u", "\\u00", "u0041", "\\ud83d\\\\ude00"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_BODY_PARTS), max_size=12))
def test_a_string_body_is_decoded_in_native_code_as_unescape_reads_it(parts):
    """``decoded`` (the JSON decoder, ``unescape`` where it refuses) gives ``unescape``'s value for
    every body, malformed escapes included."""
    from vetter.security.secrets import decoded, unescape

    body = "".join(parts)
    text = f'x: "{body}", y'
    assert decoded(text, 4, 4 + len(body)) == unescape(body)[0]


def _strings_one_escape_at_a_time(text, start, end):
    """The string tokens of one line as ``secrets._strings`` found them before it matched a body in
    native code: a quote, then each escape stepped over, up to the closing quote."""
    pos = start
    while (first := text.find('"', pos, end)) != -1:
        i = first + 1
        while True:
            m = re.compile(r'["\\]').search(text, i, end)
            if m is None:
                return
            if m.group() == '"':
                break
            i = m.end() + 1
        yield first, m.end()
        pos = m.end()


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(['"', "\\", "a", "\\u0041", ":", " ", '\\"', "\\\\"]), max_size=20), st.integers(0, 3))
def test_string_tokens_of_a_line_are_the_ones_the_escape_by_escape_scan_found(parts, cut):
    from vetter.security.secrets import _strings

    line = "".join(parts)
    end = max(0, len(line) - cut)  # the line may end inside a string or an escape
    assert list(_strings(line, 0, end)) == list(_strings_one_escape_at_a_time(line, 0, end))


def test_unescape_keeps_malformed_escapes_as_written():
    from vetter.security.secrets import unescape

    assert unescape("a\\x\\u12g4\\") == ("a\\x\\u12g4\\", list(range(11)))


# -- the scan's shortcuts find what the plain passes they replace find ---------------------------
_PIECES = st.sampled_from([
    "a", "Z", "0", "9", "abc123", "contoso", "\u017f", "\u212a", "\u0130", "\u0131", "\u00e9", "\ud800", ".", "-", " ", "\n", "@", "/",
    "=", "_", ".blob", ".dfs", ".table", ".core", ".windows", ".net", ".BLOB.CORE.WINDOWS.NET", ".blob.core.windows.net",
    ".dfs.core.windowſ.net", "AC", "0123456789abcdef0123456789abcdef", " AC0123456789abcdef0123456789abcdef ", "LTAI", "twilio", "TwIlIo", "x-api-key", "api-key",
    "token", "secret", "authorization", "://", "PRIVATE KEY", "-----", "sig=", "eyJ", "APIM", "+ASt",
])
_TEXTS = st.lists(_PIECES, max_size=60).map("".join)


@given(_TEXTS)
@example("abc.blob.core.windows.net.blob.core.windows.net x.dfs.core.windowſ.net")
@settings(max_examples=400, deadline=None)
def test_anchors_looked_for_before_their_suffix_are_the_ones_finditer_finds(text):
    from vetter.security.secrets import PAIRS, _anchors

    for pair in PAIRS:
        assert [m.span() for m in _anchors(pair, text)] == [m.span() for m in re.finditer(pair.anchor, text)], pair.kind


@given(_TEXTS)
@example(" AC0123456789abcdef0123456789abcdef twilio")
@example("ab1.blob.core.windows.net")
@settings(max_examples=400, deadline=None)
def test_a_text_holds_an_anchor_only_when_its_runs_hold_the_pairs_literal(text):
    from vetter.security.secrets import PAIRS, _runs

    runs = "\n".join({run for _, run in _runs(text, text.encode("utf-8", "surrogatepass"))})
    for pair in PAIRS:
        if not pair.anchor_holds or re.search(pair.anchor, text) is None:
            continue
        if not pair.anchor.startswith("(?i)"):
            assert pair.anchor_holds in runs, pair.kind
        elif text.isascii():
            assert pair.anchor_holds in runs.lower(), pair.kind


@given(_TEXTS)
@settings(max_examples=300, deadline=None)
def test_runs_of_ascii_text_are_its_slices(text):
    from vetter.security.secrets import MIN_RUN, _runs

    raw = text.encode("utf-8", "surrogatepass")
    found = _runs(text, raw)
    for offset, run in found:
        assert len(run) >= MIN_RUN
        if text.isascii():
            assert text[offset : offset + len(run)] == run == raw[offset : offset + len(run)].decode()


@given(_TEXTS)
@settings(max_examples=300, deadline=None)
def test_the_secret_names_found_in_one_pass_are_the_ones_the_text_holds(text):
    from vetter.security.secrets import _NAME_SIGNATURES, _names_in

    low = text.lower()
    assert _names_in(low) == [sig for sig in _NAME_SIGNATURES if sig in low]


@given(_TEXTS)
@settings(max_examples=300, deadline=None)
def test_signatures_found_by_re2_are_the_ones_re_finds_and_any_case_is_what_lower_finds(text):
    from vetter.security.secrets import (
        PAIRS,
        _any_case,
        _holds_any,
        _signature_finders,
        _signature_sources,
        _text_detectors,
    )

    joined = "".join(ch for ch in text if ch.isascii())  # runs are ASCII
    for fast, source, hay in zip(_signature_finders(), _signature_sources(), (joined, joined.lower()), strict=True):
        assert {s.decode() for s in fast.findall(hay.encode())} == set(re.findall(source, hay))
    raw = text.encode("utf-8", "surrogatepass")
    for pair in PAIRS:
        finder = _any_case(pair.signatures) if pair.fold else None
        if finder is not None:
            assert (finder.search(raw) is not None) == any(sig.encode() in raw.lower() for sig in pair.signatures), pair.kind
    for det in _text_detectors(True):  # looked for in the text's bytes: the same answer as in the text
        assert _holds_any(raw, det.signatures) == any(sig in text for sig in det.signatures), det.kind
    for pair in PAIRS:
        if not pair.fold:
            assert _holds_any(raw, pair.signatures) == any(sig in text for sig in pair.signatures), pair.kind


_OVERLAPPING = st.lists(st.sampled_from(["ABIA", "ACCA", "AKIA", "A", "CA", "T3BlbkFJ", "JQQJ", "github_pat_", "live_", "://", "x",
                                          "SERVICEBUS", ".servicebus", "sig=", "Sig=", "-", "\n"]), max_size=12).map("".join)


@given(st.one_of(_TEXTS, _OVERLAPPING))
@example("ABIACCA")  # findall takes ABIA, so not the ACCA that overlaps it
@example("ABIACCA ACCA")
@example("x.SERVICEBUSIG=")
@settings(max_examples=400, deadline=None)
def test_the_signatures_one_set_pass_finds_are_the_ones_findall_finds(text):
    from vetter.security.secrets import _signature_sources, _signatures_in

    joined = "".join(ch for ch in text if ch.isascii())  # runs are ASCII
    exact, folded = _signature_sources()
    want = set(re.findall(exact, joined)) | {("fold", s) for s in re.findall(folded, joined.lower())}
    assert _signatures_in(joined.encode("ascii")) == want


_VALUE = st.sampled_from(["x", {"access_token": "a"}, ["b"], 1])
_HOLDER = st.dictionaries(st.sampled_from(["default", "x-ms-test-value", "example", "type", "x-y"]), _VALUE, max_size=3)
_SCHEMA = st.recursive(
    _HOLDER,
    lambda inner: st.builds(lambda own, props, items: {**own, "properties": props, "items": items},
                            _HOLDER, st.dictionaries(st.sampled_from(["a", "b/c", "d~e", "f"]), inner, max_size=3), inner),
    max_leaves=12,
)
_PARAM = st.builds(lambda own, where, schema: {**own, "name": "p", "in": where, "schema": schema},
                   _HOLDER, st.sampled_from(["query", "body"]), _SCHEMA)


@given(st.dictionaries(st.sampled_from(["A", "B", "C"]), _SCHEMA, max_size=3),
       st.lists(_PARAM, max_size=3), st.lists(_PARAM, max_size=3), st.dictionaries(st.sampled_from(["s", "t"]), _PARAM, max_size=2))
@settings(max_examples=300, deadline=None)
def test_the_schemas_and_parameters_holding_a_value_are_the_ones_a_walk_of_the_index_finds(definitions, path_params, op_params, shared):
    from vetter.model.jsonfile import JsonFile
    from vetter.model.swagger import Swagger
    from vetter.security.secrets import _with_values

    data = {"swagger": "2.0", "definitions": definitions, "parameters": shared,
            "paths": {"/x": {"parameters": path_params, "get": {"parameters": op_params, "responses": {}}}}}
    swagger = Swagger(JsonFile("s.json", json.dumps(data).encode()))
    keys = ("default", "x-ms-test-value", "example")
    schemas, params = _with_values(swagger)
    assert [s.pointer for s in schemas] == [s.pointer for s in swagger.index.schemas if any(k in s.data for k in keys)]
    assert [p.pointer for p in params] == [
        p.node.pointer for p in swagger.index.parameters if type(p.node.data) is dict and any(k in p.node.data for k in keys)
    ]
    assert all(a is b for a, b in zip(params, [p.node for p in swagger.index.parameters if type(p.node.data) is dict and any(k in p.node.data for k in keys)], strict=True))
