"""JSON Schema validation that reports *every* error at its own pointer.

* Swagger 2.0: the official schema shipped by ``openapi-spec-validator``.
  A compiled ``fastjsonschema`` gate (``vetter/_generated/swagger20.py``)
  answers yes/no fast; only the parts of a document that fail it are walked
  by ``jsonschema`` (Draft 4) for the full list of errors with their paths.
* ``apiProperties.json``: our own schema, ``vetter/schemas/apiProperties.schema.json``,
  written from the paconn schema and Microsoft's docs, behind its own gate.

A clean package never imports jsonschema at all, which keeps start-up short.

Errors are flattened for people: a ``oneOf`` failure reports its most
relevant branch, a missing required key points at the key, an unexpected key
points at that key, and long values are not echoed in messages.
"""

from __future__ import annotations

import importlib.util
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from vetter import pointer as jp

SCHEMAS = Path(__file__).resolve().parent / "schemas"


@dataclass(frozen=True)
class SchemaError:
    pointer: str
    message: str
    key: str  # identity for fingerprints when several errors share a pointer


@cache
def swagger20_schema() -> dict[str, Any]:
    spec = importlib.util.find_spec("openapi_spec_validator")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("openapi-spec-validator is not installed")
    base = Path(next(iter(spec.submodule_search_locations)))
    with open(base / "resources" / "schemas" / "v2.0" / "schema.json", encoding="utf-8") as fh:
        return json.load(fh)  # type: ignore[no-any-return]


@cache
def draft4_metaschema() -> dict[str, Any]:
    from jsonschema_specifications import REGISTRY

    return REGISTRY.contents("http://json-schema.org/draft-04/schema#")  # type: ignore[no-any-return]


@cache
def api_properties_schema() -> dict[str, Any]:
    with open(SCHEMAS / "apiProperties.schema.json", encoding="utf-8") as fh:
        return json.load(fh)  # type: ignore[no-any-return]


@cache
def _validator(name: str) -> Any:
    """A Draft 4 validator for a whole schema, or for one Swagger 2.0 definition.

    A definition is checked through a copy of the Swagger schema whose root is
    ``{"$ref": "#/definitions/<name>"}`` (Draft 4 ignores ``$ref`` siblings),
    so every reference still resolves inside the same document.
    """
    from jsonschema import Draft4Validator

    if name.startswith("apiProperties"):
        api = api_properties_schema()
        if name == "apiProperties":
            return Draft4Validator(api)
        part = name.split("#", 1)[1]
        return Draft4Validator({"$schema": api["$schema"], "definitions": api["definitions"], "$ref": f"#/definitions/{part}"})
    root = swagger20_schema()
    if name == "swagger20":
        return Draft4Validator(root)
    return Draft4Validator({"$schema": root["$schema"], "definitions": root["definitions"], "$ref": f"#/definitions/{name}"})


def swagger_errors(data: Any) -> list[SchemaError]:
    """Every Swagger 2.0 schema error, each at its own pointer.

    The compiled gate checks the whole document first; when it fails, the
    document is split into its big parts (each path item, definition, shared
    parameter and response, and the rest) and only the parts that fail their
    own compiled gate are walked by jsonschema, with the matching subschema.
    """
    gate = _gate("swagger20")
    if gate is not None and _passes(gate.validate, data):
        return []
    if gate is None or not isinstance(data, dict):
        return list(_errors(_validator("swagger20"), data))
    root = dict(data)
    errors: list[SchemaError] = []
    for key, subschema, check in (
        ("paths", "pathItem", gate.validate___definitions_pathitem),
        ("definitions", "schema", gate.validate___definitions_schema),
        ("parameters", "parameter", gate.validate___definitions_parameter),
        ("responses", "response", gate.validate___definitions_response),
    ):
        part = data.get(key)
        if not isinstance(part, dict):
            continue
        root[key] = {k: v for k, v in part.items() if key == "paths" and not k.startswith("/")}
        for name, value in part.items():
            if key == "paths" and not name.startswith("/"):
                continue  # vendor extensions stay with the root check
            if not _passes(check, value):
                errors.extend(_errors(_validator(subschema), value, jp.join("", key, name)))
    errors.extend(_errors(_validator("swagger20"), root))
    return errors


def api_properties_errors(data: Any, part: str | None = None) -> list[SchemaError]:
    """Errors of a whole apiProperties.json, or of one ``part`` held in its own file
    (a solution export's ``connectionParameters`` or ``policyTemplateInstances``)."""
    if part is not None:
        return list(_errors(_validator(f"apiProperties#{part}"), data))
    gate = _gate("api_properties")
    if gate is not None and _passes(gate.validate, data):
        return []
    return list(_errors(_validator("apiProperties"), data))


def _gate(name: str) -> Any:
    """The compiled gate module for a schema (``vetter/_generated/<name>.py``)."""
    import importlib

    try:
        return importlib.import_module(f"vetter._generated.{name}")
    except ImportError:  # pragma: no cover - generated file missing in a broken install
        return None


def _passes(check: Any, value: Any) -> bool:
    try:
        check(value)
    except Exception:  # JsonSchemaValueException, or any surprise: take the full check
        return False
    return True


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
        yield SchemaError(where, _short_message(error), f"{kind}")


def _short_message(error: Any) -> str:
    kind = error.validator
    value = error.validator_value
    instance = error.instance
    shown = _show(instance)
    if kind == "type":
        expected = " or ".join(value) if isinstance(value, list) else value
        return f"{shown} is {_type_name(instance)}, expected {expected}."
    if kind == "enum":
        allowed = f"{', '.join(_show(v) for v in value[:8])}{'…' if len(value) > 8 else ''}"
        if all(type(v) is not type(instance) for v in value):  # e.g. true where "true" is meant
            return f"{shown} is {_type_name(instance)}; allowed are {allowed}."
        return f"{shown} is not one of {allowed}."
    if kind == "pattern":
        return f"{shown} does not match the pattern {value}."
    if kind in ("oneOf", "anyOf"):
        return f"{shown} does not match any allowed form of this element."
    if kind == "not":
        return f"{shown} is a form that is not allowed here."
    if kind == "uniqueItems":
        return "Array items must be unique."
    if kind in ("minItems", "maxItems", "minLength", "maxLength", "minProperties", "maxProperties", "minimum", "maximum"):
        return f"{shown} breaks {kind} = {value}."
    message = error.message
    return message if len(message) <= 200 else message[:197] + "…"


def _type_name(value: Any) -> str:
    return {dict: "an object", list: "an array", str: "a string", bool: "a boolean", int: "an integer", float: "a number", type(None): "null"}.get(type(value), type(value).__name__)


def _show(value: Any) -> str:
    if isinstance(value, dict):
        return "The object"
    if isinstance(value, list):
        return "The array"
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "…\""
