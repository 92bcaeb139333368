"""Rules whose checks settle the common case before the general one: each fast path compared with the
plain check it stands in for, on values drawn from the open input space (hypothesis)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vetter.engine.catalog import discover
from vetter.model.node import Node

CATALOG = discover(entry_points=False)
_JSON_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-3, 3), st.floats(allow_nan=False), st.text(max_size=6))


def _check(rule_id: str) -> Any:
    loaded = CATALOG.lookup(rule_id)
    assert loaded is not None
    return loaded.check


def _swg018_plain(nodes: list[Node]) -> list[tuple[str, str | None, str]]:
    """SWG018 as it was written before its fast path: every node's format against both tables."""
    by_type = {
        "integer": {"int32", "int64"},
        "number": {"float", "double", "int32", "int64"},
        "string": {"byte", "binary", "date", "date-time", "password", "date-no-tz", "email", "html", "uri", "uuid"},
    }
    known = set().union(*by_type.values())
    out = []
    for node in nodes:
        fmt, kind = node.get("format"), node.get("type")
        if not isinstance(fmt, str):
            continue
        if fmt not in known:
            out.append((node.at("format").file, node.at("format").pointer, f"format '{fmt}' is not a format Power Platform knows."))
        elif isinstance(kind, str) and kind in by_type and fmt not in by_type[kind]:
            out.append((node.at("format").file, node.at("format").pointer, f"format '{fmt}' does not apply to type {kind}."))
    return out


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.fixed_dictionaries(
    {"format": st.one_of(st.sampled_from(["int32", "int64", "float", "double", "date", "uuid", "html", "Int32", "decimal"]), _JSON_SCALARS)},
    optional={"type": st.one_of(st.sampled_from(["integer", "number", "string", "boolean", "array", "object"]), _JSON_SCALARS,
                                st.lists(st.sampled_from(["string", "null"]), max_size=2))},
), max_size=6))
def test_swg018_finds_what_the_plain_check_finds(schemas):
    nodes = [Node("apiDefinition.swagger.json", f"/definitions/d{i}", schema) for i, schema in enumerate(schemas)]
    package = SimpleNamespace(swagger=SimpleNamespace(with_keyword=lambda key: nodes if key == "format" else []))
    found = [(v.location.file, v.location.pointer, v.message) for v in _check("SWG018")(package)]
    assert found == _swg018_plain(nodes)


def _swg034_plain(nodes: list[Node]) -> list[tuple[str | None, str]]:
    """SWG034 as it was written before its fast path: every response's headers folded one by one."""
    out = []
    for response in nodes:
        seen: dict[str, str] = {}
        for name, node in response.entries("headers"):
            if name.lower() in seen:
                out.append((node.loc.pointer, f"Header '{name}' is already declared as '{seen[name.lower()]}'."))
            else:
                seen[name.lower()] = name
    return out


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.one_of(
    st.fixed_dictionaries({}, optional={"headers": st.one_of(
        st.dictionaries(st.sampled_from(["X-Id", "x-id", "X-ID", "ETag", "etag", "\u0130d", "i\u0307d", "\u212a", "k", "K/~"]), st.just({"type": "string"}), max_size=5),
        _JSON_SCALARS, st.lists(st.just("X-Id"), max_size=2))}),
    _JSON_SCALARS,
), max_size=5))
def test_swg034_finds_what_the_plain_check_finds(responses):
    nodes = [Node("apiDefinition.swagger.json", f"/responses/r{i}", response) for i, response in enumerate(responses)]
    package = SimpleNamespace(swagger=SimpleNamespace(index=SimpleNamespace(responses=[SimpleNamespace(node=n) for n in nodes])))
    assert [(v.location.pointer, v.message) for v in _check("SWG034")(package)] == _swg034_plain(nodes)


def _swg030_plain(sites: list[Any]) -> list[tuple[str | None, str]]:
    """SWG030 as it was written before its fast path: every $ref split into its tokens."""
    section = {"schema": ("definitions", "SchemaReferenceNotValid"), "parameter": ("parameters", "ParameterReferenceNotValid"),
               "response": ("responses", "ResponseReferenceNotValid")}
    out = []
    for site in sites:
        ref = site.ref
        if not isinstance(ref, str) or not ref.startswith("#"):
            continue
        target = ref[1:]
        if target and not target.startswith("/"):
            out.append((site.loc.pointer, f"JsonPointerNotValid: '{ref}' is not a JSON pointer (it should start with '#/')."))
            continue
        wanted = section.get(site.context)
        if wanted is None:
            continue
        tokens = target.split("/")
        if len(tokens) != 3 or tokens[1] != wanted[0] or not tokens[2]:
            out.append((site.loc.pointer, f"{wanted[1]}: '{ref}' should point at #/{wanted[0]}/<name>."))
    return out


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.tuples(
    st.one_of(st.builds("".join, st.lists(st.sampled_from(["#", "/", "definitions", "parameters", "responses", "paths", "X", "~1", ""]), max_size=5)),
              _JSON_SCALARS),
    st.sampled_from(["schema", "parameter", "response", "path-item"]),
), max_size=6))
def test_swg030_finds_what_the_plain_check_finds(refs):
    from vetter.model.swagger import RefSite

    sites = [RefSite(Node("apiDefinition.swagger.json", f"/x/{i}", {"$ref": ref}), ref, context) for i, (ref, context) in enumerate(refs)]
    package = SimpleNamespace(swagger=SimpleNamespace(refs=lambda: sites))
    assert [(v.location.pointer, v.message) for v in _check("SWG030")(package)] == _swg030_plain(sites)


@settings(max_examples=500, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.text(alphabet=st.sampled_from(["#", "`", "~", " ", "\t", "\r", "\x0b", "\xa0", "\u2028", "\u3000", ":", "a", "Z", "k",
                                                   "\u212a", "\u0130", "\u03a3", "\xe9", "1", "_", "*"]), max_size=12), max_size=12))
def test_crt013_heading_keys_are_the_keys_of_the_headings(lines):
    from vetter.model.checklist import readme_heading_keys, readme_headings, section_key

    # the plain way CRT013 read them: each heading's text cut out, then its key ("" keys name no section)
    plain = [section_key(text) for _, text in readme_headings(lines)]
    assert [k for k in readme_heading_keys(lines).split("\n") if k] == [k for k in plain if k]


def _swg010_plain(nodes: list[Node]) -> list[tuple[str | None, str]]:
    """SWG010 as it was written before its screen: every node with a keyword, each keyword read."""
    counts = {"maxLength": "MaxLength", "minLength": "MinLength", "maxItems": "MaxItems", "minItems": "MinItems",
              "maxProperties": "MaxProperties", "minProperties": "MinProperties"}
    out = []
    for node in nodes:
        for key, code in counts.items():
            value = node.number(key)
            if value is not None and value < 0:
                out.append((node.at(key).pointer, f"{code}MustBeGreaterThanOrEqualToZero: {key} is {value}."))
        step = node.number("multipleOf")
        if step is not None and step <= 0:
            out.append((node.at("multipleOf").pointer, f"MultipleOfMustBeGreaterThanZero: multipleOf is {step}."))
        for key, bound, code in (("exclusiveMaximum", "maximum", "ExclusiveMaximumRequiresMaximum"), ("exclusiveMinimum", "minimum", "ExclusiveMinimumRequiresMinimum")):
            if node.get(key) is True and bound not in node.data:
                out.append((node.at(key).pointer, f"{code}: {key} without {bound}."))
    return out


_SWG010_KEYS = ("maxLength", "minLength", "maxItems", "minItems", "maxProperties", "minProperties", "multipleOf", "exclusiveMaximum", "exclusiveMinimum")


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.dictionaries(
    st.sampled_from([*_SWG010_KEYS, "maximum", "minimum", "type"]),
    st.one_of(st.integers(-2, 3), st.sampled_from([0.0, -0.5, 2.5, float("nan"), True, False]), _JSON_SCALARS),
    max_size=4), max_size=5))
def test_swg010_finds_what_the_plain_check_finds(schemas):
    nodes = [Node("apiDefinition.swagger.json", f"/definitions/d{i}", schema) for i, schema in enumerate(schemas)]

    def with_keyword(*keys: str) -> list[Node]:  # the index's order: by key, then by node, each node once
        out: list[Node] = []
        for key in keys:
            out += [n for n in nodes if key in n.data and n not in out]
        return out

    package = SimpleNamespace(swagger=SimpleNamespace(with_keyword=with_keyword))
    plain = _swg010_plain(with_keyword(*_SWG010_KEYS))
    assert [(v.location.pointer, v.message) for v in _check("SWG010")(package)] == plain


_PARAMETER = st.fixed_dictionaries(
    {"name": st.sampled_from(["a", "b", "x-ms-summary"]), "in": st.sampled_from(["query", "path", "body"])},
    optional={"x-ms-summary": st.one_of(st.sampled_from(["Label", "Label.", "Power Automate flow", " ", "x" * 90]), _JSON_SCALARS),
              "$ref": st.sampled_from(["#/parameters/p0", "#/parameters/nope"]), "x-ms-visibility": st.just("internal")},
)


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.one_of(_PARAMETER, _JSON_SCALARS), max_size=4), st.lists(_PARAMETER, max_size=3),
       st.lists(st.one_of(_PARAMETER, st.lists(_PARAMETER, max_size=1)), max_size=3))
def test_crt008_reads_the_parameters_labels_from_the_extension_index_as_from_the_parameters(own, inherited, shared):
    """CRT008 first looks for a suspect parameter ``x-ms-summary`` in the extension index (sites kept for
    parameter objects only): the same nodes as every parameter site that is an object holding one (in
    another order), so the findings are those of the plain loop over the parameters; operations, path
    items and shared parameters, odd values among them."""
    import json

    from vetter.model.options import RunOptions
    from vetter.model.package import package_from_files

    doc = {"swagger": "2.0", "info": {"title": "T", "version": "1", "description": "d"}, "host": "h.example",
           "parameters": {f"p{i}": p for i, p in enumerate(shared)},
           "paths": {"/r/{a}": {"parameters": inherited, "get": {"operationId": "Get", "summary": "Gets.", "parameters": own,
                                                                 "responses": {"200": {"description": "OK"}}},
                                "post": {"operationId": "Post", "parameters": inherited[::-1], "responses": {"200": {"description": "OK"}}}}}}
    package = package_from_files("p", {"apiDefinition.swagger.json": json.dumps(doc).encode(),
                                       "apiProperties.json": json.dumps({"properties": {"publisher": "Contoso", "stackOwner": "Contoso"}}).encode()})
    swagger = package.swagger
    labelled = [site.node for site in swagger.index.parameters if site.node.is_object and "x-ms-summary" in site.node.data]
    indexed = [s.owner_node for s in swagger.extensions_named("x-ms-summary") if s.owner == "parameter"]
    assert sorted(indexed, key=lambda n: n.pointer) == sorted(labelled, key=lambda n: n.pointer)
    found = [(v.location.pointer, v.message) for v in _check("CRT008")(package, RunOptions(profile="certified"))]
    expected = [(v.location.pointer, v.message) for node in labelled for v in _crt008_judge(node)]
    assert [f for f in found if "Parameter" in f[1]] == expected


def _crt008_judge(node: Node) -> Any:
    from rules.certification import crt008_summary_invalid as crt008

    name = node.string("name") or node.key
    return crt008._judge(node, "x-ms-summary", f"Parameter '{name}' x-ms-summary") if crt008._suspect(node.data.get("x-ms-summary")) else ()


def _xfl007_plain(package: Any) -> list[tuple[str, str]]:
    """XFL007 as it was written before its pre-check: every parameter object's fields looked at."""
    from rules.crossfile import xfl007_swagger_connection_parameter_unknown as xfl007
    from vetter.model.policies import CONNECTION_REF

    swagger = package.swagger
    dynamic = [e.node for e in swagger.extensions("x-ms-dynamic-")]
    fields = [(site.node, key) for site in swagger.index.parameters if isinstance(site.node.data, dict)
              for key in xfl007.FIELDS if isinstance(site.node.data.get(key), str)]
    if not dynamic and not fields:
        return []
    names = {p.name for p in package.properties.all_connection_parameters()}
    folded = {n.lower(): n for n in names}
    sites = [node for node in dynamic if xfl007._mentions(node.data)]
    sites += [child for node, key in fields if xfl007.NEEDLE in node.data[key] and (child := node.child(key)) is not None]
    out = []
    for node in sites:
        for where, text in xfl007._strings(node):
            for ref in dict.fromkeys(CONNECTION_REF.findall(text)):
                if ref not in names and ":" not in ref:
                    out.append((where.pointer, ref if folded.get(ref.lower()) is None else "near " + ref))
    return out


_FIELD_VALUE = st.one_of(st.sampled_from(["@connectionParameters('token')", "@connectionParameters('Token')", "@connectionParameters('other')",
                                          "plain", "@connectionParameters"]), _JSON_SCALARS)


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.fixed_dictionaries({"name": st.sampled_from(["a", "b"]), "in": st.just("query")},
                                      optional={"default": _FIELD_VALUE, "x-ms-test-value": _FIELD_VALUE}), max_size=4),
       st.lists(st.fixed_dictionaries({"name": st.just("c"), "in": st.just("query")}, optional={"default": _FIELD_VALUE}), max_size=2),
       st.one_of(st.none(), _FIELD_VALUE), st.booleans())
def test_xfl007_finds_what_the_plain_check_finds(own, shared, schema_default, dynamic):
    """XFL007 settles a package whose parameters' fields mention no ``@connectionParameters`` from the keyword
    index; what it finds (and whether it reads apiProperties.json) is what the loop over every parameter finds,
    with defaults in schemas (which it does not read) and dynamic values beside them."""
    import json

    from vetter.model.package import package_from_files

    op: dict[str, Any] = {"operationId": "Get", "parameters": own, "responses": {"200": {"description": "OK", "schema": {"type": "string"}}}}
    if schema_default is not None:
        op["responses"]["200"]["schema"]["default"] = schema_default
    if dynamic:
        op["x-ms-dynamic-values"] = {"operationId": "Get", "parameters": {"t": "@connectionParameters('tokn')"}}
    doc = {"swagger": "2.0", "info": {"title": "T", "version": "1"}, "host": "h.example",
           "parameters": {f"p{i}": p for i, p in enumerate(shared)}, "paths": {"/r": {"get": op}}}
    package = package_from_files("p", {"apiDefinition.swagger.json": json.dumps(doc).encode(),
                                       "apiProperties.json": json.dumps({"properties": {"connectionParameters": {"token": {"type": "string"}}}}).encode()})
    found = [(v.location.pointer, v.key if v.severity is None else "near " + str(v.key)) for v in _check("XFL007")(package)]
    assert found == _xfl007_plain(package)


def _xms005_plain(node: Node, enum: Any) -> list[tuple[str, str]]:
    """XMS005 as it was written before: every value's JSON text (sorted keys) as its identity."""
    import json

    def key(value: Any) -> str:
        return json.dumps(value, sort_keys=True)

    members = {key(v) for v in enum} if isinstance(enum, list) else None
    seen: set[str] = set()
    out = []
    for item in node.items():
        if not item.has("value"):
            continue
        k = key(item.get("value"))
        if k in seen:
            out.append((item.at("value").pointer, f"DuplicateEnumValuesInExtension: value {k} is listed twice in x-ms-enum-values."))
        seen.add(k)
        if members is not None and k not in members:
            out.append((item.at("value").pointer, f"InvalidEnumValuesExtensionValue: value {k} is not in the sibling enum."))
    return out


_ENUM_VALUE = st.one_of(st.sampled_from(["1", 1, 1.0, True, "true", None, "null", "a", "\ud800", "é", {"a": 1, "b": 2}, {"b": 2, "a": 1}, [1], "[1]"]),
                        _JSON_SCALARS)


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.one_of(st.none(), st.lists(_ENUM_VALUE, max_size=5)),
       st.lists(st.one_of(st.fixed_dictionaries({"value": _ENUM_VALUE}, optional={"displayName": st.just("D")}), st.just({"displayName": "D"}), _JSON_SCALARS),
                max_size=6))
def test_xms005_finds_what_the_plain_check_finds(enum, entries):
    """XMS005 tells values apart by the value itself for a string and by the JSON text otherwise: the same
    findings as comparing every value's JSON text, for strings that read like other values ("1", "true",
    "null"), numbers equal across types, objects with their keys in another order and lone surrogates."""
    owner: dict[str, Any] = {"type": "string", "x-ms-enum-values": entries}
    if enum is not None:
        owner["enum"] = enum
    owner_node = Node("apiDefinition.swagger.json", "/definitions/D", owner)
    node = Node("apiDefinition.swagger.json", "/definitions/D/x-ms-enum-values", entries)
    site = SimpleNamespace(name="x-ms-enum-values", node=node, owner_node=owner_node)
    package = SimpleNamespace(swagger=SimpleNamespace(extensions_named=lambda name: [site] if name == "x-ms-enum-values" else []))
    found = [(v.location.pointer, v.message) for v in _check("XMS005")(package)]
    assert found == _xms005_plain(node, enum)
