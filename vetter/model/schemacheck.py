"""JSON Schema validation that reports *every* error at its own pointer.

* Swagger 2.0: the official schema shipped by ``openapi-spec-validator``.
* ``apiProperties.json``: our own schema, ``vetter/schemas/apiProperties.schema.json``,
  written from the paconn schema and Microsoft's docs.

Two validators share the work. ``jsonschema-rs`` (Rust) answers yes/no for a
whole document in well under a millisecond; a document it passes is done. Only
the parts of a failing document that fail their own ``jsonschema-rs`` check
(each path item, definition, shared parameter and response, and the rest) are
walked by ``jsonschema`` (Draft 4, pure Python) for the full list of errors
with their paths, which the messages below are written from. A clean package
never imports jsonschema at all, which keeps start-up short.
``tests/test_schemacheck.py`` pins the result to a full jsonschema run over
every corpus document.

jsonschema-rs ships its own copy of the Draft 4 meta-schema, and that copy is
laxer than the official one: its ``enum`` is ``{"type": "array"}``, without
``minItems: 1`` and ``uniqueItems: true``. The Swagger 2.0 schema borrows
``enum`` (and ``type``, ``stringArray``, ...) from the meta-schema by remote
``$ref``, so with the built-in copy a duplicate ``enum`` value passes. Nor can a
resource registered under the meta-schema's own URI replace the built-in one.
So the official meta-schema (from ``jsonschema-specifications``, offline) is
registered under a private URI and the Swagger schema's references are
rewritten to it; the validators are built ``offline`` (nothing is fetched).

Documents nested deeper than ``MAX_DEPTH`` (no real connector comes near it:
the corpus peaks at 28) are checked to that depth: each container at the limit
gets one finding saying it was not checked, and the rest of the document is
checked as usual (the Python validator would otherwise exhaust the stack).

Errors are flattened for people: a ``oneOf`` failure reports its most
relevant branch, a missing required key points at the key, an unexpected key
points at that key, and long values are not echoed in messages.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

from msgspec import Struct

from vetter.base import pointer as jp
from vetter.base.pkgdata import package_dir

SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"
DRAFT4_URI = "http://json-schema.org/draft-04/schema"
PRIVATE_DRAFT4_URI = "urn:vetter:json-schema-draft-04-official"
MAX_DEPTH = 64  # containers nested deeper than this are not walked by the schema check

# The big parts of a swagger that are checked on their own: (key, Swagger schema definition).
PARTS = (("paths", "pathItem"), ("definitions", "schema"), ("parameters", "parameter"), ("responses", "response"))


class SchemaError(Struct, frozen=True):
    """One JSON Schema error at its own pointer, worded for people."""

    pointer: str
    message: str
    key: str  # identity for fingerprints when several errors share a pointer
    coercion: bool = False  # a boolean where the string "true"/"false" is meant: the platform reads it as that string


def _package_file(package: str, *parts: str) -> str:
    """The text of a data file of an installed package (the package is not imported)."""
    folder = package_dir(package)
    if folder is None:
        raise RuntimeError(f"{package} is not installed")
    return folder.joinpath(*parts).read_text(encoding="utf-8")


@cache
def _schema_text(name: str) -> str:
    """The text of the Swagger 2.0 schema (``swagger20``), ours for apiProperties (``apiProperties``)
    or the official Draft 4 meta-schema (``draft4``)."""
    if name == "swagger20":
        return _package_file("openapi_spec_validator", "resources", "schemas", "v2.0", "schema.json")
    if name == "draft4":
        # read as a file, not through jsonschema_specifications.REGISTRY: importing that builds a
        # registry of every draft (~0.1 s of start-up)
        return _package_file("jsonschema_specifications", "schemas", "draft4", "metaschema.json")
    return (SCHEMAS / "apiProperties.schema.json").read_text(encoding="utf-8")


@cache
def swagger20_schema() -> dict[str, Any]:
    result: dict[str, Any] = json.loads(_schema_text("swagger20"))
    return result


@cache
def api_properties_schema() -> dict[str, Any]:
    result: dict[str, Any] = json.loads(_schema_text("apiProperties"))
    return result


@cache
def _private_draft4(which: str) -> dict[str, Any]:
    """The ``swagger20`` or ``apiProperties`` schema as parsed from its text with every reference
    to the Draft 4 meta-schema pointed at ``PRIVATE_DRAFT4_URI`` (a text replacement: no copy of
    the parsed schema is made and written out again)."""
    result: dict[str, Any] = json.loads(_schema_text(which).replace(f'"{DRAFT4_URI}#/', f'"{PRIVATE_DRAFT4_URI}#/'))
    return result


def _root_for(name: str, private: bool = False) -> dict[str, Any]:
    """The schema for ``name``: a whole schema, or one definition of it (``private``: with the
    meta-schema references of ``_private_draft4``).

    A definition is checked through a copy of the schema whose root is
    ``{"allOf": [{"$ref": "#/definitions/<name>"}]}``, so every reference still
    resolves inside the same document.
    """
    if name.startswith("apiProperties"):
        whole = _private_draft4("apiProperties") if private else api_properties_schema()
        part = name.partition("#")[2]
    else:
        whole = _private_draft4("swagger20") if private else swagger20_schema()
        part = "" if name == "swagger20" else name
    if not part:
        return whole
    return {"$schema": whole["$schema"], "definitions": whole["definitions"], "allOf": [{"$ref": f"#/definitions/{part}"}]}


@cache
def _validator(name: str) -> Any:
    """A jsonschema Draft 4 validator (full error lists) for ``name`` (see ``_root_for``), with
    ``uniqueItems`` and ``enum`` in linear time (``vetter.base.boundedschema``: a package's ``enum``
    of thousands of objects is an array the meta-schema wants unique)."""
    from jsonschema import Draft4Validator, validators

    from vetter.base.boundedschema import KEYWORDS

    return validators.extend(Draft4Validator, KEYWORDS)(_root_for(name))


@cache
def _gate(name: str) -> Callable[[Any], bool]:
    """A jsonschema-rs yes/no check for ``name``, with the official Draft 4 meta-schema."""
    import jsonschema_rs

    meta = json.loads(_schema_text("draft4"))  # a fresh copy: its "id" is removed
    meta.pop("id", None)  # its base URI must stay the private one
    schema = _root_for(name, private=True)
    registry = jsonschema_rs.Registry([(PRIVATE_DRAFT4_URI, meta)])
    validator = jsonschema_rs.Draft4Validator(schema, registry=registry, validate_formats=False, offline=True)
    check: Callable[[Any], bool] = validator.is_valid
    return check


def _passes(name: str, value: Any) -> bool:
    try:
        return _gate(name)(value)
    except Exception:  # a number Rust cannot hold, its own recursion limit, any surprise: take the full check
        return False


def swagger_errors(data: Any) -> list[SchemaError]:
    """Every Swagger 2.0 schema error, each at its own pointer.

    jsonschema-rs checks the whole document first; when it fails, the document
    is split into its big parts (each path item, definition, shared parameter
    and response, and the rest) and only the parts that fail their own check
    are walked by jsonschema, with the matching subschema.
    """
    if _passes("swagger20", data):
        return []
    data, cuts = _cut_deep(data)
    if not isinstance(data, dict):
        return _with_cuts(_errors(_validator("swagger20"), data), cuts)
    root = dict(data)
    found: list[SchemaError] = []
    for key, subschema in PARTS:
        part = data.get(key)
        if not isinstance(part, dict):
            continue
        root[key] = {k: v for k, v in part.items() if key == "paths" and not k.startswith("/")}
        for name, value in part.items():
            if key == "paths" and not name.startswith("/"):
                continue  # vendor extensions stay with the root check
            if not _passes(subschema, value):
                found.extend(_errors(_validator(subschema), value, jp.join("", key, name)))
    found.extend(_errors(_validator("swagger20"), root))
    return _with_cuts(found, cuts)


def full_swagger_errors(data: Any) -> list[SchemaError]:
    """The same errors from one jsonschema run over the whole document (slow; tests compare)."""
    return list(_errors(_validator("swagger20"), data))


def api_properties_errors(data: Any, part: str | None = None) -> list[SchemaError]:
    """Errors of a whole apiProperties.json, or of one ``part`` held in its own file
    (a solution export's ``connectionParameters`` or ``policyTemplateInstances``)."""
    name = "apiProperties" if part is None else f"apiProperties#{part}"
    if _passes(name, data):
        return []
    data, cuts = _cut_deep(data)
    return _with_cuts(_errors(_validator(name), data), cuts)


def full_api_properties_errors(data: Any, part: str | None = None) -> list[SchemaError]:
    return list(_errors(_validator("apiProperties" if part is None else f"apiProperties#{part}"), data))


def _cut_deep(data: Any) -> tuple[Any, list[str]]:
    """``data`` with every container at depth ``MAX_DEPTH`` emptied, and their pointers.

    The input is never changed: only the containers on the way to a cut are copied. Whether any
    container is that deep is found first level by level, without a path per value (nearly every
    document has none); only then are the paths of the cuts worked out.
    """
    level = [data] if isinstance(data, dict | list) else []
    for _ in range(MAX_DEPTH):
        level = [v for c in level for v in (c.values() if isinstance(c, dict) else c) if isinstance(v, dict | list)]
        if not level:
            return data, []
    if not any(level):
        return data, []  # only empty containers at the limit: nothing to cut
    cuts: list[tuple[Any, ...]] = []
    stack: list[tuple[Any, tuple[Any, ...]]] = [(data, ())]
    while stack:
        value, path = stack.pop()
        if isinstance(value, dict):
            children = value.items()
        elif isinstance(value, list):
            children = enumerate(value)  # type: ignore[assignment]
        else:
            continue
        if len(path) >= MAX_DEPTH:
            if value:
                cuts.append(path)
            continue
        stack.extend((child, (*path, key)) for key, child in children)
    if not cuts:
        return data, []
    copies: dict[tuple[Any, ...], Any] = {(): copy.copy(data)}
    for path in cuts:
        node = copies[()]
        for depth in range(1, len(path) + 1):
            prefix = path[:depth]
            if prefix not in copies:
                child = node[path[depth - 1]]
                copies[prefix] = type(child)() if depth == len(path) else copy.copy(child)
                node[path[depth - 1]] = copies[prefix]
            node = copies[prefix]
    return copies[()], sorted(jp.from_tokens(p) for p in cuts)


def _with_cuts(errors: Any, cuts: list[str]) -> list[SchemaError]:
    """Drop errors at or below a cut (they are about the placeholder) and add one per cut.

    Each error's pointer is looked up, with each of its ancestors, among the cuts: thousands of
    errors beside thousands of cuts were each compared with every cut (4,000 of each: 3.1 s)."""
    cut_set = set(cuts)

    def below_a_cut(pointer: str) -> bool:
        if pointer in cut_set:
            return True
        at = pointer.find("/")
        while at != -1:
            if pointer[:at] in cut_set:
                return True
            at = pointer.find("/", at + 1)
        return False

    out = [e for e in errors if not below_a_cut(e.pointer)]
    for cut in cuts:
        out.append(
            SchemaError(
                cut,
                f"This element is nested more than {MAX_DEPTH} levels deep; the Swagger 2.0 schema "
                "check stops here and what is inside it was not checked.",
                "depth",
            )
        )
    return out


def _errors(validator: Any, data: Any, prefix: str = "") -> Iterator[SchemaError]:
    seen: set[tuple[str, str]] = set()
    for top in validator.iter_errors(data):
        for error in _leaves(top):
            for item in _explain(error, prefix):
                if (item.pointer, item.key) not in seen:
                    seen.add((item.pointer, item.key))
                    yield item


def _leaves(error: Any) -> list[Any]:
    """Replace a oneOf/anyOf failure by the errors of the branch the value most nearly fits.

    The nearest branch has the fewest errors, the deepest first; a ``$ref``
    branch is never chosen for a value that has no ``$ref``. Enum failures at
    the same place in every branch are merged into one list of allowed values.
    """
    if not error.context:
        return [error]
    branches: dict[Any, list[Any]] = {}
    for sub in error.context:
        branches.setdefault(sub.relative_schema_path[0], []).append(sub)
    has_ref = isinstance(error.instance, dict) and "$ref" in error.instance

    def fit(errs: list[Any]) -> tuple[int, int, int]:
        ref_branch = any(e.validator == "required" and "'$ref'" in e.message for e in errs)
        return (1 if ref_branch and not has_ref else 0, len(errs), -max(len(e.absolute_path) for e in errs))

    best = min(branches.values(), key=fit)
    if len(best) == 1 and best[0].validator == "enum":
        where = best[0].absolute_path
        allowed: list[Any] = []
        for errs in branches.values():
            for e in errs:
                if e.validator == "enum" and e.absolute_path == where:
                    allowed.extend(v for v in e.validator_value if v not in allowed)
        best[0].validator_value = allowed
    return [leaf for e in best for leaf in _leaves(e)]


_REQUIRED = re.compile(r"^'(.+)' is a required property$")


def _explain(error: Any, prefix: str = "") -> Iterator[SchemaError]:
    where = prefix + jp.from_tokens(error.absolute_path)
    kind = error.validator
    instance = error.instance
    if kind == "required":
        match = _REQUIRED.match(error.message)
        name = match.group(1) if match else str(error.validator_value)
        yield SchemaError(jp.join(where, name), f"Required property '{name}' is missing.", f"required:{name}")
    elif kind == "additionalProperties" and isinstance(instance, dict):
        schema = error.schema
        allowed = set(schema.get("properties", {}))
        patterns = [re.compile(p) for p in schema.get("patternProperties", {})]
        for key in instance:
            if key not in allowed and not any(p.search(key) for p in patterns):
                yield SchemaError(jp.join(where, key), f"Property '{key}' is not allowed here.", f"additional:{key}")
    else:
        coercion = kind == "enum" and isinstance(instance, bool) and json.dumps(instance) in error.validator_value
        yield SchemaError(where, _short_message(error), f"{kind}", coercion)


def _short_message(error: Any) -> str:
    """One sentence about the value at the error's pointer, in the reader's terms."""
    kind = error.validator
    value = error.validator_value
    instance = error.instance
    shown = _show(instance)
    if kind == "type":
        expected = " or ".join(_TYPE_NAMES.get(str(v), str(v)) for v in (value if isinstance(value, list) else [value]))
        if isinstance(instance, dict | list):
            return f"Expected {expected} here, found {_type_name(instance)}."
        return f"{shown} is {_type_name(instance)}; expected {expected}."
    if kind == "enum":
        allowed = f"{', '.join(_show(v) for v in value[:8])}{'…' if len(value) > 8 else ''}"
        if all(type(v) is not type(instance) for v in value):  # e.g. true where "true" is meant
            as_text = json.dumps(instance)
            if as_text in value:
                return f"The value must be the string \"{as_text}\", not the {_type_noun(instance)} {as_text}."
            if isinstance(instance, dict | list):
                return f"Expected one of {allowed} here, found {_type_name(instance)}."
            return f"{shown} is {_type_name(instance)}; allowed are {allowed}."
        if isinstance(instance, str):
            near = [v for v in value if isinstance(v, str) and v.lower() == instance.lower()]
            if near:
                return f"{shown} is not one of {allowed}: values are case-sensitive, did you mean {_show(near[0])}?"
        return f"{shown} is not one of {allowed}."
    if kind == "pattern":
        return f"{shown} does not match the pattern {value}."
    if kind in ("oneOf", "anyOf"):
        return f"This {_type_noun(instance)} does not match any allowed form of this element."
    if kind == "not":
        return f"This {_type_noun(instance)} is a form that is not allowed here."
    if kind == "uniqueItems" and isinstance(instance, list):
        repeated = _first_repeat(instance)
        return f"{_show(repeated)} appears more than once; the items of this array must be unique."
    if kind in _BOUNDS and isinstance(value, int | float):
        what, unit = _BOUNDS[kind]
        if unit:
            units = unit if value == 1 else ("properties" if unit == "property" else unit + "s")
            subject = "The " + _type_noun(instance) if isinstance(instance, dict | list) else shown
            return f"{subject} must have {what} {value} {units}."
        exclusive = error.schema.get("exclusiveMinimum" if kind == "minimum" else "exclusiveMaximum") is True
        bound = ("more than " if kind == "minimum" else "less than ") if exclusive else what + " "
        return f"{shown} is out of range: it must be {bound}{value}."
    message = error.message
    return message if len(message) <= 200 else message[:197] + "…"


_TYPE_NAMES = {"object": "an object", "array": "an array", "string": "a string", "boolean": "a boolean", "integer": "an integer", "number": "a number", "null": "null"}
_BOUNDS = {
    "minItems": ("at least", "item"),
    "maxItems": ("at most", "item"),
    "minLength": ("at least", "character"),
    "maxLength": ("at most", "character"),
    "minProperties": ("at least", "property"),
    "maxProperties": ("at most", "property"),
    "minimum": ("at least", ""),
    "maximum": ("at most", ""),
}


def _type_name(value: Any) -> str:
    return {dict: "an object", list: "an array", str: "a string", bool: "a boolean", int: "an integer", float: "a number", type(None): "null"}.get(type(value), type(value).__name__)


def _first_repeat(items: list[Any]) -> Any:
    """The first item equal to one before it as jsonschema's ``uniqueItems`` sees it (1 and 1.0 alike,
    true and 1 not), or None: one pass over the keys of ``boundedschema.key`` (comparing each item with all
    before it cost the square of a long array)."""
    from vetter.base.jsonkey import key

    seen: set[Any] = set()
    try:
        for item in items:
            k = key(item)
            if k in seen:
                return item
            seen.add(k)
    except RecursionError:  # nested past Python's limit: compared pair by pair
        return next((v for i, v in enumerate(items) if _json_equal_in(v, items[:i])), None)
    return None


def _json_equal_in(value: Any, items: list[Any]) -> bool:
    """``value`` is among ``items`` as JSON sees it (true is not 1)."""
    return any(type(value) is type(item) and value == item for item in items)


def _type_noun(value: Any) -> str:
    return {dict: "object", list: "array", str: "string", bool: "boolean", int: "integer", float: "number"}.get(type(value), "value")


def _show(value: Any) -> str:
    if isinstance(value, dict):
        return "The object"
    if isinstance(value, list):
        return "The array"
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "…\""
