"""The ``x-ms-*`` extensions Power Platform knows: where each may appear and what its value looks like.

One table (``EXTENSIONS``), read by the XMS rules, by the dynamic-reference
rules and by ``docs/rules.md``, the way ``vetter.compare.classes`` is the one
table of change classes. It is written from ``rules-catalog.md`` §3 (Microsoft
Learn "Extend an OpenAPI definition", the shipped
``apiDefinition.swagger.schema.json`` and values observed in published
connectors). Each entry says

* ``sites``: the kinds of object that may hold it, named as ``site_kind()``
  names an ``ExtensionSite``: ``root``, ``info``, ``path-item``, ``operation``,
  ``parameter`` (a non-body parameter), ``body`` (a parameter with ``in: body``),
  ``schema``, ``response``, ``header``;
* ``shape``: the shape of the value (``Shape``), or per-site shapes when the
  value differs by site (``x-ms-api-annotation`` on ``info`` and on an operation);
* ``source``: ``schema`` (in the shipped JSON schema), ``doc`` (Microsoft Learn
  only), ``observed`` (seen in published connectors, documented nowhere) or
  ``autorest`` (an AutoRest/ARM extension that Power Platform ignores).

``check_value(shape, node)`` checks a value against a shape and yields
``(location, message)`` pairs (``fits(shape, value)``: whether it yields none, found
without them); ``suggest(name)`` is the "did you mean" for an
unknown name, by ``difflib`` (the standard library's ratcliff/obershelp
matcher) over the known names.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from msgspec import Struct, field

from vetter.base.rule import Location
from vetter.model.node import Node

if TYPE_CHECKING:
    from vetter.model.package import ConnectorPackage

__all__ = [
    "AUTOREST",
    "EXTENSIONS",
    "Extension",
    "Shape",
    "check_value",
    "fits",
    "lookup",
    "site_kind",
    "suggest",
]

_JSON_TYPES = {
    "string": (str,),
    "boolean": (bool,),
    "object": (dict,),
    "array": (list,),
    "integer": (int,),
    "number": (int, float),
    "scalar": (str, int, float, bool),
    "literal": (str, int, float, bool, list, type(None)),  # any JSON value but an object
}


class Shape(Struct, frozen=True):
    """The shape of a JSON value: a small, declarative subset of JSON Schema.

    ``type`` is a JSON type name (``scalar`` is any string, number or boolean;
    ``None`` is any value); ``enum`` the allowed values; ``pattern`` a regex for
    strings; ``minimum`` for integers; ``keys`` the members of an object with
    their shapes, ``required`` the members it must have, ``one_of`` groups of
    which at least one member must be present, ``closed`` whether other members
    are wrong; ``values`` the shape of every member of a map; ``items`` the shape
    of list entries and ``min_items`` their least count; ``alternatives`` shapes
    of which the value must fit one (checked in order, the first message wins).
    """

    type: str | None = None
    enum: tuple[Any, ...] | None = None
    pattern: str | None = None
    minimum: int | None = None
    keys: Mapping[str, Shape] = field(default_factory=dict)
    required: tuple[str, ...] = ()
    one_of: tuple[str, ...] = ()
    closed: bool = False
    values: Shape | None = None
    items: Shape | None = None
    min_items: int = 0
    alternatives: tuple[Shape, ...] = ()
    description: str = ""  # what the value means, for messages and docs


ANY = Shape()
STR = Shape("string")
BOOL = Shape("boolean")
TRUE = Shape("boolean", enum=(True,))


def obj(keys: Mapping[str, Shape] | None = None, *, required: tuple[str, ...] = (), closed: bool = False,
        one_of: tuple[str, ...] = (), values: Shape | None = None, description: str = "") -> Shape:
    return Shape("object", keys=dict(keys or {}), required=required, closed=closed, one_of=one_of,
                 values=values, description=description)


def arr(items: Shape, *, min_items: int = 0, description: str = "") -> Shape:
    return Shape("array", items=items, min_items=min_items, description=description)


# -- the value shapes of the dynamic-call extensions ------------------------------------------
_LITERAL_OR_PARAMETER = Shape(
    alternatives=(
        Shape("literal"),  # file pickers pass true, [] or null as they are
        obj({"parameter": STR}, required=("parameter",)),
    ),
    description="a literal value or {\"parameter\": \"<name>\"}",
)
_VALUE_OR_REFERENCE = Shape(
    alternatives=(
        obj({"value": ANY}, required=("value",), closed=True),
        obj({"parameterReference": STR}, required=("parameterReference",), closed=True),
    ),
    description="{\"value\": <literal>} or {\"parameterReference\": \"<parameter>/<path>\"}",
)
DYNAMIC_VALUES = obj(
    {
        "operationId": STR,
        "builtInOperation": STR,
        "capability": STR,
        "parameters": obj(values=_LITERAL_OR_PARAMETER),
        "value-collection": STR,
        "value-title": STR,
        "value-path": STR,
    },
    one_of=("operationId", "builtInOperation", "capability"),
)
DYNAMIC_LIST = obj(
    {
        "operationId": STR,
        "parameters": obj(values=_VALUE_OR_REFERENCE),
        "itemsPath": STR,
        "itemTitlePath": STR,
        "itemValuePath": STR,
    },
    required=("operationId",),
)
DYNAMIC_SCHEMA = obj(
    {"operationId": STR, "parameters": obj(values=_LITERAL_OR_PARAMETER), "value-path": STR},
    required=("operationId",),
)
DYNAMIC_PROPERTIES = obj(
    {"operationId": STR, "parameters": obj(values=_VALUE_OR_REFERENCE), "itemValuePath": STR},
    required=("operationId",),
)
_TREE_CALL = obj(
    {
        "operationId": STR,
        "parameters": obj(),
        "itemValuePath": STR,
        "itemTitlePath": STR,
        "itemIsParent": STR,
        "itemFullTitlePath": STR,
        "itemsPath": STR,
    },
    required=("operationId",),
)
DYNAMIC_TREE = obj(
    {
        "settings": obj({"canSelectParentNodes": BOOL, "canSelectLeafNodes": BOOL}),
        "open": _TREE_CALL,
        "browse": _TREE_CALL,
    },
    one_of=("open", "browse"),
)
_STATUS = Shape("string", enum=("Production", "Preview"))


class Extension(Struct, frozen=True, order=True):
    name: str
    sites: frozenset[str]
    shape: Shape | Mapping[str, Shape]  # one shape, or a shape per site
    source: str  # schema | doc | observed | autorest
    summary: str
    note: str = ""

    def shape_at(self, site: str) -> Shape:
        if isinstance(self.shape, Shape):
            return self.shape
        return self.shape.get(site, ANY)


def _x(name: str, sites: str, shape: Shape | Mapping[str, Shape], source: str, summary: str, note: str = "") -> Extension:
    return Extension(name, frozenset(sites.split()), shape, source, summary, note)


_TABLE = (
    _x("x-ms-summary", "operation parameter body schema response header", STR, "schema",
       "Display name of a parameter, property, response or header (title case)."),
    _x("x-ms-visibility", "operation parameter body schema header",
       Shape("string", enum=("important", "advanced", "internal")), "schema",
       "How prominently the designer shows the item; absent means normal."),
    _x("x-ms-api-annotation", "info operation",
       {
           "info": obj({"status": _STATUS}, closed=True),
           "operation": obj(
               {
                   "family": STR,
                   "revision": Shape("integer", minimum=1),
                   "status": _STATUS,
                   "replacement": obj({"api": STR, "operationId": STR}, closed=True),
               },
               closed=True,
           ),
       },
       "schema", "Versioning: connector status on info; family, revision, status, replacement on an operation."),
    _x("x-ms-operation-context", "operation",
       obj({"simulate": obj({"operationId": STR, "parameters": obj()}, required=("operationId",))},
           required=("simulate",)),
       "doc", "Simulates a trigger's call to another operation (simulate.operationId)."),
    _x("x-ms-capabilities", "root operation",
       {
           "root": obj(
               {
                   "testConnection": obj({"operationId": STR, "parameters": obj()}, required=("operationId",)),
                   "file-picker": obj(
                       {
                           "open": obj({"operationId": STR, "parameters": obj()}, required=("operationId",)),
                           "browse": obj({"operationId": STR, "parameters": obj()}, required=("operationId",)),
                           "value-title": STR,
                           "value-collection": STR,
                           "value-folder-property": STR,
                           "value-media-property": STR,
                       }
                   ),
               }
           ),
           "operation": obj({"chunkTransfer": BOOL}),
       },
       "schema", "Connector capabilities (testConnection, file-picker) at the root; chunkTransfer on an operation.",
       "The shipped schema marks it not supported for custom connectors; certified ones use it."),
    _x("x-ms-trigger", "operation", Shape("string", enum=("single", "batch")), "doc",
       "Marks an operation as a trigger: single or batch; absent means an action."),
    _x("x-ms-trigger-hint", "operation", STR, "doc", "Text the designer shows under a trigger."),
    _x("x-ms-trigger-metadata", "operation",
       obj({"kind": Shape("string", enum=("query",)), "mode": Shape("string", enum=("polling",))},
           required=("kind", "mode")),
       "doc", "Polling trigger metadata: {kind: query, mode: polling}."),
    _x("x-ms-trigger-value", "parameter", obj({"value-collection": STR, "value-path": STR},
                                               one_of=("value-collection", "value-path")),
       "doc", "Where a polling trigger reads its state value."),
    _x("x-ms-notification-content", "path-item operation",
       obj({"schema": obj(), "description": STR}, required=("schema",)), "doc",
       "Schema of the payload a webhook posts to the callback URL."),
    _x("x-ms-notification-url", "schema parameter body", TRUE, "doc",
       "Marks the request-body property that carries the callback URL of a webhook."),
    _x("x-ms-notification", "operation", obj({"operationId": STR}, required=("operationId",)), "doc",
       "Links a trigger to its webhook registration operation."),
    _x("x-ms-url-encoding", "parameter", Shape("string", enum=("single", "double")), "schema",
       "How a path parameter is URL-encoded; absent means single."),
    _x("x-ms-dynamic-values", "parameter body schema", DYNAMIC_VALUES, "schema",
       "Fills a dropdown from another operation's response."),
    _x("x-ms-dynamic-list", "parameter body schema", DYNAMIC_LIST, "schema",
       "Unambiguous form of x-ms-dynamic-values (parameterReference paths)."),
    _x("x-ms-dynamic-schema", "schema", DYNAMIC_SCHEMA, "schema",
       "Gets the schema of a body or response from another operation.",
       "On a schema (the body parameter's schema or a response schema), never on the parameter object."),
    _x("x-ms-dynamic-properties", "schema", DYNAMIC_PROPERTIES, "schema",
       "Unambiguous form of x-ms-dynamic-schema (parameterReference paths)."),
    _x("x-ms-dynamic-tree", "parameter schema", DYNAMIC_TREE, "doc",
       "A hierarchical picker (folders and files) built from operations."),
    _x("x-ms-enum-values", "parameter schema",
       arr(obj({"value": ANY, "displayName": STR}, required=("value", "displayName"), closed=True)), "schema",
       "Display names for the values of the sibling enum."),
    _x("x-ms-pageable", "operation", obj({"nextLinkName": STR}, required=("nextLinkName",), closed=True), "schema",
       "The response property that holds the next page's link."),
    _x("x-ms-connector-metadata", "root",
       arr(obj({"propertyName": STR, "propertyValue": STR}, required=("propertyName", "propertyValue"))), "doc",
       "Certification metadata: Website, Privacy policy, Categories."),
    _x("x-ms-docs", "root", arr(obj({"url": STR, "description": STR}), min_items=1), "doc",
       "Links to documentation."),
    _x("x-ms-deployment-version", "info", Shape("string", pattern=r"^\d+(\.\d+)+$"), "schema",
       "Deployment version, digits and dots (1.0.2)."),
    _x("x-ms-test-value", "parameter body schema", ANY, "schema",
       "Sample value for tests; must fit the schema and hold no secrets or personal data."),
    _x("x-ms-localizeDefaultValue", "parameter schema", BOOL, "doc", "Whether the default value is localised."),
    _x("x-ms-media-kind", "schema", Shape("string", enum=("image", "audio")), "doc",
       "Media kind of a binary response (image or audio)."),
    _x("x-ms-no-generic-test", "operation", BOOL, "schema", "Excludes the operation from generic tests."),
    _x("x-ms-safe-operation", "operation", BOOL, "doc", "Marks a non-GET operation as safe (no side effects)."),
    _x("x-ms-editor", "schema parameter", STR, "doc", "Custom editor, e.g. dictionary (an object of free keys)."),
    _x("x-ms-editor-options", "parameter schema", obj(), "observed", "Options of a custom editor.",
       "Not in the shipped schema; seen in published connectors."),
    _x("x-ms-openai-data", "operation",
       obj({"openai-enabled": BOOL, "operations": arr(obj({"operationId": STR, "x-ms-require-user-confirmation": BOOL}))}), "observed",
       "Copilot (AI plugin) settings of an operation.", "Not in the shipped schema; seen in published connectors."),
    _x("x-ms-openai-manifest", "root",
       obj({"humanName": STR, "modelDescription": STR, "contactEmail": STR, "legalUrl": STR}), "observed",
       "Copilot plugin manifest.", "Not in the shipped schema; seen in published connectors."),
    _x("x-ms-openai-published-to-copilots", "info", arr(obj()), "observed",
       "Copilots the connector is published to.", "Not in the shipped schema; seen in published connectors."),
    _x("x-ms-keywords", "info", arr(STR), "observed", "Search keywords of the connector.",
       "Not in the shipped schema; seen in published connectors."),
    _x("x-ms-secret", "schema parameter", BOOL, "observed", "Marks a secret field.",
       "Not in the shipped schema; seen in published connectors (also an AutoRest extension)."),
    _x("x-ms-agentic-protocol", "operation", Shape("string", enum=("mcp-streamable-1.0", "mcp-sse-1.0")), "doc",
       "Makes the operation a Model Context Protocol server for Copilot Studio agents (mcp-streamable-1.0).",
       "Copilot Studio docs (MCP servers as custom connectors); mcp-sse-1.0 is retired: the AGT rules check the rest."),
    _x("x-ms-require-user-confirmation", "operation", BOOL, "observed",
       "Whether an agent asks the user before it runs the operation (true) or runs it without asking (false).",
       "Not in the shipped schema; read on operations by Power Fx's connector library, seen in x-ms-openai-data entries."),
)

# AutoRest / Azure Resource Manager extensions: harmless to Power Platform, which ignores them.
AUTOREST = frozenset(
    {
        "x-ms-enum", "x-ms-parameter-location", "x-ms-skip-url-encoding", "x-ms-mutability",
        "x-ms-discriminator-value", "x-ms-client-name", "x-ms-long-running-operation",
        "x-ms-long-running-operation-options", "x-ms-identifiers", "x-ms-examples", "x-ms-paths",
        "x-ms-client-flatten", "x-ms-azure-resource", "x-ms-parameter-grouping", "x-ms-odata",
        "x-ms-error-response", "x-ms-external", "x-ms-client-default", "x-ms-header-collection-prefix",
        "x-ms-code-generation-settings", "x-ms-client-request-id", "x-ms-request-id", "x-ms-flatten",
        "x-ms-azure-resource-manager", "x-ms-arm-id-details", "x-ms-xml", "x-ms-text", "x-ms-base-url",
    }
)

EXTENSIONS: dict[str, Extension] = {e.name: e for e in _TABLE}
_BY_FOLDED = {name.lower(): e for name, e in EXTENSIONS.items()}


def lookup(name: str) -> Extension | None:
    """The table entry for an extension name, exact spelling only."""
    return EXTENSIONS.get(name)


def folded(name: str) -> Extension | None:
    """The entry whose name equals ``name`` ignoring case (``x-ms-Visibility``)."""
    return _BY_FOLDED.get(name.lower())


@lru_cache(maxsize=1024)
def suggest(name: str) -> str | None:
    """The known extension ``name`` most likely meant (``x-ms-visibilty`` -> ``x-ms-visibility``)."""
    import difflib

    key = name.strip().rstrip(":").lower()
    exact = _BY_FOLDED.get(key)
    if exact is not None:
        return exact.name
    for known in EXTENSIONS:  # "x-ms-summary title", "x-ms-summary:" keep the real name as a prefix
        if key.startswith(known.lower()) and len(key) > len(known) and not key[len(known)].isalnum() and key[len(known)] != "-":
            return known
    hits = difflib.get_close_matches(key, list(_BY_FOLDED), n=1, cutoff=0.85)
    return _BY_FOLDED[hits[0]].name if hits else None


def site_kind(owner: str, owner_node: Node) -> str:
    """The table's name for the object that holds an extension (see ``ExtensionSite.owner``)."""
    if owner == "parameter":
        return "body" if owner_node.get("in") == "body" else "parameter"
    if owner == "info" and owner_node.pointer != "/info":
        return owner_node.key or "info"  # contact | license
    return owner


_KIND_WORDS = {
    "root": "the document root",
    "info": "info",
    "contact": "info.contact",
    "license": "info.license",
    "paths": "paths",
    "path-item": "a path item",
    "operation": "an operation",
    "parameter": "a parameter",
    "body": "a body parameter",
    "schema": "a schema",
    "response": "a response",
    "header": "a response header",
    "security-definition": "a security definition",
    "tag": "a tag",
}


def describe_kind(kind: str) -> str:
    return _KIND_WORDS.get(kind, kind)


def describe_sites(ext: Extension) -> str:
    order = list(_KIND_WORDS)
    kinds = sorted(ext.sites, key=lambda k: order.index(k) if k in order else len(order))
    return ", ".join(describe_kind(k) for k in kinds)


def _type_name(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    return "an object"


def _fits_type(shape_type: str, value: Any) -> bool:
    types = _JSON_TYPES[shape_type]
    if isinstance(value, bool) and bool not in types:
        return False
    if shape_type == "integer" and isinstance(value, float):
        return value.is_integer()
    return isinstance(value, types)


_WANTED = {"string": "a string", "boolean": "a boolean", "object": "an object", "array": "an array",
           "integer": "an integer", "number": "a number", "scalar": "a string, number or boolean",
           "literal": "a literal (string, number, boolean, array or null)"}


def fits(shape: Shape, value: Any) -> bool:
    """Whether ``check_value`` finds nothing in ``value``: its tests, in its order, on the raw value, with
    no location or message built for each step (nearly every extension value fits)."""
    if shape.type == "string" and shape.enum is None and shape.pattern is None and isinstance(value, str):
        return True
    if shape.alternatives:
        return any(fits(alt, value) for alt in shape.alternatives)
    if shape.type is not None and not _fits_type(shape.type, value):
        return False
    if shape.enum is not None and value not in shape.enum:
        return False
    if shape.pattern is not None and isinstance(value, str) and not re.search(shape.pattern, value):
        return False
    if shape.minimum is not None and isinstance(value, (int, float)) and value < shape.minimum:
        return False
    if isinstance(value, dict):
        if any(key not in value for key in shape.required) or (shape.one_of and not any(k in value for k in shape.one_of)):
            return False
        for key, sub in value.items():
            inner = shape.keys.get(key, shape.values)
            if inner is None:
                if shape.closed and not key.startswith("x-"):
                    return False
            elif not fits(inner, sub):
                return False
    elif isinstance(value, list) and shape.items is not None:
        return len(value) >= shape.min_items and all(fits(shape.items, sub) for sub in value)
    return True


def check_value(shape: Shape, node: Node, what: str) -> Iterator[tuple[Location, str]]:
    """Where ``node`` does not fit ``shape``: ``(location, message)``; ``what`` names the value."""
    value = node.data
    if shape.type == "string" and shape.enum is None and shape.pattern is None and isinstance(value, str):
        return  # the common case (x-ms-summary): nothing more to check
    if shape.alternatives:
        if any(fits(alt, value) for alt in shape.alternatives):
            return
        yield node.loc, f"{what} must be {shape.description or 'one of the allowed shapes'}, not {_type_name(value)}{_brief(value)}"
        return
    if shape.type is not None and not _fits_type(shape.type, value):
        yield node.loc, f"{what} must be {_WANTED[shape.type]}, not {_type_name(value)}{_brief(value)}"
        return
    if shape.enum is not None and value not in shape.enum:
        allowed = ", ".join(_show(v) for v in shape.enum)
        yield node.loc, f"{what} is {_show(value)}; allowed: {allowed}"
        return
    if shape.pattern is not None and isinstance(value, str) and not re.search(shape.pattern, value):
        yield node.loc, f"{what} is {_show(value)}, which does not match {shape.pattern}"
    if shape.minimum is not None and isinstance(value, (int, float)) and value < shape.minimum:
        yield node.loc, f"{what} is {value}; it must be at least {shape.minimum}"
    if isinstance(value, dict):
        for key in shape.required:
            if key not in value:
                yield node.at(key), f"{what} has no '{key}'"
        if shape.one_of and not any(k in value for k in shape.one_of):
            names = ", ".join(f"'{k}'" for k in shape.one_of)
            yield node.loc, f"{what} needs one of {names}"
        for key, sub in node.entries():
            inner = shape.keys.get(key, shape.values)
            if inner is None:
                if shape.closed and not key.startswith("x-"):
                    yield node.at(key), f"{what} has '{key}', which it does not take"
                continue
            yield from check_value(inner, sub, f"{what}.{key}")
    elif isinstance(value, list) and shape.items is not None:
        if len(value) < shape.min_items:
            yield node.loc, f"{what} needs at least {shape.min_items} entr{'y' if shape.min_items == 1 else 'ies'}"
        for i, sub in enumerate(node.items()):
            yield from check_value(shape.items, sub, f"{what}[{i}]")


def _show(value: Any) -> str:
    if isinstance(value, str):
        return f"'{value}'" if value else "an empty string"
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value)


def _brief(value: Any) -> str:
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        text = _show(value)
        return f" ({text})" if len(text) <= 40 else ""
    return ""


# -- dynamic calls: the extensions that name another operation ---------------------------------
DYNAMIC_NAMES = ("x-ms-dynamic-values", "x-ms-dynamic-list", "x-ms-dynamic-schema", "x-ms-dynamic-properties")


class DynamicCall(Struct, frozen=True, order=True):
    """One place that calls another operation of the connector by operationId.

    ``extension`` is the x-ms-* name (with ``.open``/``.browse`` for trees and
    capabilities, ``.simulate`` for operation contexts); ``call`` the object that
    holds ``operationId`` and ``parameters``; ``site`` the extension site;
    ``caller`` the operation it sits in (None for definitions and the root).
    ``style`` is how its ``parameters`` refer to the caller's values:
    ``parameter`` ({"parameter": name} or a literal), ``reference``
    ({"parameterReference": path} or {"value": literal}), ``tree`` (x-ms-dynamic-tree)
    or ``literal`` (testConnection and others: literals only).
    """

    extension: str
    call: Node
    site: Any  # vetter.model.swagger.ExtensionSite (not imported: this module sits below swagger)
    style: str

    @property
    def operation_id(self) -> str | None:
        value = self.call.get("operationId")
        return value if isinstance(value, str) else None

    @property
    def caller(self) -> Any:
        return self.site.operation


def dynamic_calls(package: ConnectorPackage) -> list[DynamicCall]:
    """Every call to another operation made by an extension of the package's swagger (built once per package)."""
    return package.derived("extensions.dynamic-calls", lambda p: _dynamic_calls(p.swagger))


_CALLERS = frozenset((*DYNAMIC_NAMES, "x-ms-dynamic-tree", "x-ms-operation-context", "x-ms-capabilities"))


def _dynamic_calls(swagger: Any) -> list[DynamicCall]:
    out: list[DynamicCall] = []
    for site in swagger.index.extensions:
        name = site.name
        if name not in _CALLERS:  # one set look-up for the other extensions (nearly all)
            continue
        node = site.node
        if not node.is_object:
            continue
        if name in ("x-ms-dynamic-values", "x-ms-dynamic-schema"):
            out.append(DynamicCall(name, node, site, "parameter"))
        elif name in ("x-ms-dynamic-list", "x-ms-dynamic-properties"):
            out.append(DynamicCall(name, node, site, "reference"))
        elif name == "x-ms-dynamic-tree":
            for part in ("open", "browse"):
                call = node.child(part)
                if call is not None and call.is_object:
                    out.append(DynamicCall(f"{name}.{part}", call, site, "tree"))
        elif name == "x-ms-operation-context":
            call = node.child("simulate")
            if call is not None and call.is_object:
                out.append(DynamicCall(f"{name}.simulate", call, site, "parameter"))
        elif name == "x-ms-capabilities" and site.owner == "root":
            test = node.child("testConnection")
            if test is not None and test.is_object:
                out.append(DynamicCall(f"{name}.testConnection", test, site, "literal"))
            picker = node.child("file-picker")
            if picker is not None and picker.is_object:
                for part in ("open", "browse"):
                    call = picker.child(part)
                    if call is not None and call.is_object:
                        out.append(DynamicCall(f"{name}.file-picker.{part}", call, site, "parameter"))
    return out


# The explicit twin of each legacy dynamic extension: it names body properties by path ("body/prop").
DYNAMIC_TWIN = {"x-ms-dynamic-values": "x-ms-dynamic-list", "x-ms-dynamic-schema": "x-ms-dynamic-properties"}


def twin_arguments(call: DynamicCall) -> Node | None:
    """``parameters`` of the explicit twin beside a legacy x-ms-dynamic-values or -schema call."""
    name = DYNAMIC_TWIN.get(call.extension)
    owner = call.site.owner_node
    twin = owner.child(name) if name is not None and owner is not None and owner.is_object else None
    args = twin.child("parameters") if twin is not None and twin.is_object else None
    return args if args is not None and args.is_object else None


def supplied_parameters(call: DynamicCall) -> set[str]:
    """The called operation's parameters a dynamic call fills: its keys, and ``body`` for ``body/prop`` keys
    (its own or its twin's, whose body properties the legacy keys name)."""
    args = call.call.mapping("parameters") or {}
    twin = twin_arguments(call)
    keys = list(args) + ([k for k, _ in twin.entries()] if twin is not None else [])
    return set(args) | {k.split("/", 1)[0] for k in keys if "/" in k}


def schema_at(swagger: Any, schema: Node | None, path: str, budget: int = 64) -> tuple[str, Node | None]:
    """Follow a path string (``a/b/c``) through a schema's properties.

    Returns ``("found", node)``, ``("missing", node_where_it_stopped)`` when a
    segment is certainly absent (an object schema with explicit ``properties``
    and no way to hold others), or ``("unknown", None)`` when the schema cannot
    say (dynamic, free-form, $ref trouble, allOf merges too deep).
    """
    node = schema
    for segment in [s for s in path.split("/") if s]:
        if node is None:
            return "unknown", None
        node = _resolved(swagger, node)
        found = _property(swagger, node, segment, budget)
        if isinstance(found, str):
            return "unknown", None
        if found is None:
            return "missing", node
        node = found
    return ("found", _resolved(swagger, node)) if node is not None else ("unknown", None)


def _resolved(swagger: Any, node: Node) -> Node:
    for _ in range(16):
        if not (node.is_object and "$ref" in node.data):
            return node
        nxt = swagger.deref(node)
        if nxt is node:
            return node
        node = nxt
    return node


def _property(swagger: Any, node: Node, name: str, budget: int) -> Node | str | None:
    if budget <= 0 or not node.is_object:
        return "unknown"
    data = node.data
    if any(k in data for k in ("x-ms-dynamic-schema", "x-ms-dynamic-properties")) or "$ref" in data:
        return "unknown"
    props = data.get("properties")
    if isinstance(props, dict) and name in props:
        return node.child("properties", name)
    for part in node.items("allOf"):
        found = _property(swagger, _resolved(swagger, part), name, budget - 1)
        if found is not None:
            return found
    extra = data.get("additionalProperties")
    if not isinstance(props, dict) or (extra is not None and extra is not False) or data.get("type") not in (None, "object"):
        return "unknown"
    if "allOf" in data and not isinstance(data.get("allOf"), list):
        return "unknown"
    return None


def success_schema(swagger: Any, op: Any) -> Node | None:
    """The schema of an operation's first 2xx response that has one, resolved."""
    for _code, response in swagger.success_responses(op):
        schema = response.child("schema")
        if schema is not None and schema.is_object:
            return _resolved(swagger, schema)
    return None


# -- webhooks: the properties that carry the callback URL ---------------------------------------
class NotificationUrlPlace(Struct, frozen=True, order=True):
    """An ``x-ms-notification-url`` marker and what is known about where it sits.

    ``position``: ``body`` (in a request body, with ``operations`` using it as its body: one tuple
    shared by every site of that body or definition; ``definition`` is set when it is a definition,
    which other bodies may also reach through a property's ``$ref``), ``referenced`` (in
    ``definition``, which a request body reaches through a property's ``$ref``: how it is required or
    hidden there is not known; the operations are not listed per site, since a chain of definitions
    each reached by every body would list definitions x bodies: ``webhook_operations`` finds them
    once for all),
    ``definition`` (in ``#/definitions``, not used in a body: unknown),
    or ``elsewhere`` (a response, a non-body parameter, notification content...).
    ``internal``: the property, an ancestor or the body parameter is internal;
    ``not_required``: the first level that is not required ("" when all are).
    """

    site: Any
    position: str
    where: str
    operations: tuple[Any, ...] = ()
    internal: bool = False
    not_required: str = ""
    definition: str = ""  # the pointer of the definition a ``referenced`` site, or a ``body`` one in a definition, sits in


def notification_url_sites(package: ConnectorPackage) -> list[NotificationUrlPlace]:
    return package.derived("extensions.notification-url", lambda p: _notification_url_sites(p.swagger))


def webhook_operations(package: ConnectorPackage) -> dict[str, Any]:
    """Operations (by pointer) whose request body carries an ``x-ms-notification-url`` property."""

    def build(p: Any) -> dict[str, Any]:
        out: dict[str, Any] = {}
        read: set[int] = set()  # operations tuples already read: one is shared by every site of a body or definition
        referenced: set[str] = set()
        for place in notification_url_sites(p):
            if place.position == "body" and id(place.operations) not in read:
                read.add(id(place.operations))
                for op in place.operations:
                    out[op.pointer] = op
            if place.definition:  # a definition: bodies may reach it through a property's $ref too
                referenced.add(place.definition)
        for op in _bodies_reaching_any(p.swagger, referenced):
            out[op.pointer] = op
        return out

    return package.derived("extensions.webhook-operations", build)


def webhook_callbacks(package: ConnectorPackage) -> dict[str, list[Node]]:
    """Operation pointer -> the schemas marked ``x-ms-notification-url`` its request body holds: inline,
    in the definition the body is, or in definitions it reaches through schema ``$ref``s (the sites
    ``webhook_operations`` counts). Each marked schema is listed under the first operation, in the
    document's order, whose body holds or reaches it; each further operation whose body holds some
    lists one: the first of its inline body, else the first of the nearest definition its body reaches.
    One walk from the bodies in operation order and one back from the marked definitions: as many
    entries as sites and operations, never their product (thousands of triggers sharing a body, or
    each reaching a chain of thousands of marked definitions)."""

    def build(p: Any) -> dict[str, list[Node]]:
        inline: dict[int, list[Node]] = {}  # an inline body's sites, by the operations tuple they share
        groups_of: dict[str, list[list[Node]]] = {}  # operation pointer -> the inline bodies it has
        held: dict[str, list[Node]] = {}  # a definition used in a body -> its sites
        for place in notification_url_sites(p):
            if place.site.owner != "schema" or place.position not in ("body", "referenced"):
                continue
            node = place.site.owner_node
            if place.definition:
                held.setdefault(place.definition, []).append(node)
                continue
            group = inline.get(id(place.operations))
            if group is None:
                group = inline[id(place.operations)] = []
                for pointer in dict.fromkeys(op.pointer for op in place.operations):
                    groups_of.setdefault(pointer, []).append(group)
            group.append(node)
        for sites in (*held.values(), *inline.values()):
            sites.sort(key=_in_listed_order(sites))
        edges, bodies = _schema_refs(p.swagger) if held else ({}, {})
        bodies_of: dict[str, list[str]] = {}
        for body, users in bodies.items():
            for op in users:
                bodies_of.setdefault(op.pointer, []).append(body)
        back = _referrers(p.swagger) if held else {}
        nearest = {d: d for d in held}  # container -> the nearest marked definition it reaches (itself for one)
        queue = list(held)  # breadth first, back along the references
        for container in queue:
            for referrer in back.get(container, ()):
                if referrer not in nearest:
                    nearest[referrer] = nearest[container]
                    queue.append(referrer)
        out: dict[str, list[Node]] = {}
        listed: set[int] = set()  # inline bodies whose sites are listed
        seen: set[str] = set()  # bodies and definitions walked from: what they reach is listed
        for op in p.swagger.operations():
            found: list[Node] = []
            for group in groups_of.get(op.pointer, ()):
                if id(group) in listed:
                    found.append(group[0])
                else:
                    listed.add(id(group))
                    found.extend(group)
            reached = bodies_of.get(op.pointer, [])
            stack = [b for b in reversed(reached) if b not in seen]
            while stack:
                container = stack.pop()
                if container in seen:
                    continue
                seen.add(container)
                found.extend(held.get(container, ()))
                stack.extend(d for d in reversed(edges.get(container, {})) if d not in seen)
            if not found:
                near = next((nearest[b] for b in reached if b in nearest), None)
                if near is not None:
                    found.append(held[near][0])
            if found:
                out[op.pointer] = found
        return out

    return package.derived("extensions.webhook-callbacks", build)


def _in_listed_order(sites: list[Any]) -> Any:
    """A sort key for the marked schemas of one body or definition (the index lists them by pointer): the
    root's own properties in the order the text lists them, then those nested deeper by pointer. The
    positions are read once for the root, not per site (deep nesting would cost its depth per site)."""
    positions: dict[str, int] = {}
    root = next((s.parent for s in sites if s.parent is not None and s.parent.parent is None), None)
    props = root.data.get("properties") if root is not None else None
    if isinstance(props, dict):
        positions = {name: i for i, name in enumerate(props)}

    def key(site: Any) -> tuple[int, int, str]:
        if site.parent is None:
            return 0, -1, ""
        if site.role == "property" and site.parent.parent is None:
            return 0, positions.get(site.name, 0), ""
        return 1, 0, site.pointer

    return key


def _internal(node: Any) -> bool:
    return node is not None and node.get("x-ms-visibility") == "internal"


def _notification_url_sites(swagger: Any) -> list[NotificationUrlPlace]:
    from vetter.base import pointer as jp
    from vetter.model.swagger import RefError

    bodies_by_definition: dict[str, list[tuple[Node, list[Any]]]] = {}
    sites = [s for s in swagger.index.extensions if s.name == "x-ms-notification-url" and (s.node.data is True or s.node.data == "true")]
    if not sites:
        return []
    users_of_parameter = _body_users(swagger)
    for param, users in _body_sites(swagger):
        schema = param.child("schema")
        ref = schema.get("$ref") if schema is not None else None
        if isinstance(ref, str):
            try:
                target, _ = swagger.resolve_ref(ref)
            except RefError:
                continue  # broken references are SWG002-SWG004's findings
            bodies_by_definition.setdefault(target, []).append((param, users))
    out: list[NotificationUrlPlace] = []
    shared: dict[str, tuple[Any, ...]] = {}  # a shared body's or a definition's operations, once for all its sites
    for site in sites:
        if site.owner == "parameter":
            param = site.owner_node
            if param.get("in") == "body":
                ops = (site.operation,) if site.operation is not None else tuple(users_of_parameter.get(param.pointer, ()))
                out.append(NotificationUrlPlace(site, "body", "the body parameter", ops, _internal(param),
                                                "" if param.get("required") is True else "the body parameter"))
            else:
                out.append(NotificationUrlPlace(site, "elsewhere", f"an in: {param.get('in')} parameter"))
            continue
        if site.owner != "schema" or site.schema is None:
            out.append(NotificationUrlPlace(site, "elsewhere", f"a {site.owner}"))
            continue
        chain = [site.schema, *site.schema.ancestors()]
        root = chain[-1]
        internal = any(_internal(s) for s in chain)
        not_required = ""
        for s in chain:
            if s.role != "property" or s.parent is None:
                continue
            holders = [s.parent] + ([s.parent.parent] if s.parent.role == "all-of" and s.parent.parent is not None else [])
            if not any(s.name in h.strings("required") for h in holders):
                not_required = f"property '{s.name}'"
                break
        if root.role == "body":
            param = swagger.node(jp.parent(root.pointer))
            key = jp.parent(root.pointer)
            if key not in shared:
                shared[key] = (root.operation,) if root.operation is not None else tuple(users_of_parameter.get(key, ()))
            ops = shared[key]
            if not not_required and (param is None or param.get("required") is not True):
                not_required = "the body parameter"
            out.append(NotificationUrlPlace(site, "body", "a request body", ops, internal or _internal(param), not_required))
        elif root.role == "definition":
            users = bodies_by_definition.get(root.pointer, [])
            if not users:
                if root.pointer in _reached_from_bodies(swagger):  # used inside a request body: its operations are webhooks
                    out.append(NotificationUrlPlace(site, "referenced", "a definition used inside a request body", definition=root.pointer))
                else:
                    out.append(NotificationUrlPlace(site, "definition", "a definition"))
                continue
            param, _ = users[0]
            if root.pointer not in shared:
                shared[root.pointer] = tuple(op for _, ops_of in users for op in ops_of)
            ops = shared[root.pointer]
            if not not_required and param.get("required") is not True:
                not_required = "the body parameter"
            out.append(NotificationUrlPlace(site, "body", "a request body", ops, internal or _internal(param), not_required, root.pointer))
        else:
            out.append(NotificationUrlPlace(site, "elsewhere", {"response": "a response schema", "notification": "the notification content"}.get(root.role, f"a {root.role} schema")))
    return out


def _body_sites(swagger: Any) -> list[tuple[Node, list[Any]]]:
    """Each ``in: body`` parameter as written (resolved) and the operations it is the body of: for one
    in an operation, that operation; for one on a path item, each operation of that path that does not
    declare its own parameter of that name and ``in`` (Swagger 2.0: path-level parameters apply to every
    operation of the path unless overridden); none for one in ``#/parameters`` (each use is a site of
    its own). Built once: the operations are indexed by path, not looked for per path-level use."""
    cache: list[tuple[Node, list[Any]]] | None = swagger.__dict__.get("_body_sites")
    if cache is not None:
        return cache
    out: list[tuple[Node, list[Any]]] = []
    on_path: dict[str, list[Any]] | None = None  # path key -> its operations, built at the first path-level body
    effective: dict[str, frozenset[str]] = {}  # operation pointer -> the pointers of its effective parameters, resolved
    for param_site in swagger.index.parameters:
        param = swagger.deref(param_site.node)
        if param.get("in") != "body":
            continue
        users: list[Any] = []
        if param_site.operation is not None:
            users = [param_site.operation]
        elif param_site.scope == "path" and param_site.path is not None:
            if on_path is None:
                on_path = {}
                for op in swagger.operations():
                    on_path.setdefault(op.path, []).append(op)
            for op in on_path.get(param_site.path, ()):
                pointers = effective.get(op.pointer)
                if pointers is None:
                    pointers = effective[op.pointer] = frozenset(p.pointer for p in swagger.effective_parameters(op))
                if param.pointer in pointers:
                    users.append(op)
        out.append((param, users))
    swagger.__dict__["_body_sites"] = out
    return out


def _body_users(swagger: Any) -> dict[str, list[Any]]:
    """A body parameter's pointer (resolved: a shared one's in ``#/parameters``) -> the operations it is the body of."""
    cache: dict[str, list[Any]] | None = swagger.__dict__.get("_body_users")
    if cache is not None:
        return cache
    out: dict[str, list[Any]] = {}
    for param, users in _body_sites(swagger):
        out.setdefault(param.pointer, []).extend(users)
    swagger.__dict__["_body_users"] = out
    return out


def _schema_refs(swagger: Any) -> tuple[dict[str, dict[str, None]], dict[str, list[Any]]]:
    """(container -> the definitions it refers to through schema ``$ref``s, in the document's order, where
    a container is a request body's pointer or a definition's; a request body's pointer -> the operations
    it is the body of), built once."""
    from vetter.base.pointer import parent
    from vetter.model.swagger import RefError, SchemaSite

    cache: tuple[dict[str, dict[str, None]], dict[str, list[Any]]] | None = swagger.__dict__.get("_schema_refs")
    if cache is not None:
        return cache
    edges: dict[str, dict[str, None]] = {}
    operations: dict[str, list[Any]] = {}
    for ref in swagger.index.refs:
        site = ref.node
        if ref.context != "schema" or not isinstance(site, SchemaSite):
            continue
        root = site.root
        if root.role == "body":
            users = [root.operation] if root.operation is not None else _body_users(swagger).get(parent(root.pointer), [])
            if not users:
                continue
            operations[root.pointer] = users
        elif root.role != "definition":
            continue
        try:
            target, _ = swagger.resolve_ref(ref.ref)
        except RefError:
            continue
        edges.setdefault(root.pointer, {})[target] = None
    swagger.__dict__["_schema_refs"] = edges, operations
    return edges, operations


def _reached_from_bodies(swagger: Any) -> set[str]:
    """The definitions some operation's request body reaches through schema ``$ref``s: one walk from all bodies."""
    cache: set[str] | None = swagger.__dict__.get("_reached_from_bodies")
    if cache is not None:
        return cache
    edges, operations = _schema_refs(swagger)  # each body here is the body of some operation
    seen: set[str] = set()
    stack = [d for body in operations for d in edges.get(body, ())]
    while stack:
        definition = stack.pop()
        if definition not in seen:
            seen.add(definition)
            stack.extend(edges.get(definition, ()))
    swagger.__dict__["_reached_from_bodies"] = seen
    return seen


def _referrers(swagger: Any) -> dict[str, list[str]]:
    """A definition -> the containers (request bodies and definitions) that refer to it through schema ``$ref``s, built once."""
    cache: dict[str, list[str]] | None = swagger.__dict__.get("_referrers")
    if cache is not None:
        return cache
    back: dict[str, list[str]] = {}
    for container, targets in _schema_refs(swagger)[0].items():
        for target in targets:
            back.setdefault(target, []).append(container)
    swagger.__dict__["_referrers"] = back
    return back


def _bodies_reaching_any(swagger: Any, definitions: set[str]) -> list[Any]:
    """The operations whose request body reaches one of ``definitions`` through schema ``$ref``s, in the
    order of their bodies: one walk back from all of them (not one walk per body or per definition)."""
    if not definitions:
        return []
    _edges, operations = _schema_refs(swagger)
    back = _referrers(swagger)
    seen = set(definitions)
    stack = list(definitions)
    while stack:
        for container in back.get(stack.pop(), ()):
            if container not in seen:
                seen.add(container)
                stack.append(container)
    return [op for body, ops in operations.items() if body in seen for op in ops]


def parameters_by_name(swagger: Any, op: Any) -> dict[str, Node]:
    """An operation's effective parameters by name (string names only; the first of a name wins).

    Built once per operation and shared (do not change it): the dynamic rules ask for the target's
    and the caller's parameters once per call, and thousands of calls may name one operation."""
    cache: dict[str, dict[str, Node]] = swagger.__dict__.setdefault("_parameters_by_name", {})
    out = cache.get(op.pointer)
    if out is None:
        out = cache[op.pointer] = {}
        for p in swagger.effective_parameters(op):
            name = p.get("name")
            if isinstance(name, str):
                out.setdefault(name, p)
    return out
