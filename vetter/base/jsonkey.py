"""JSON values as hashable keys under JSON Schema's equality, without importing jsonschema.

``vetter.base.boundedschema`` makes ``uniqueItems`` and ``enum`` linear with it; SWG037 finds a
repeated value with it (``vetter.model.repeats``) on every scan, where importing jsonschema
would cost a scan's start-up.
"""

from __future__ import annotations

from typing import Any


def key(value: Any) -> Any:
    """A hashable key: equal keys exactly when jsonschema's ``equal`` holds for the values.

    ``1`` and ``1.0`` share a key (Python's ``1 == 1.0`` and their hashes agree), ``true`` and
    ``1`` do not (the tag). Nesting is as deep as the value's (a ``RecursionError`` past
    Python's limit, as jsonschema's own walk gives).
    """
    if value is True or value is False:
        return ("b", value)
    if isinstance(value, str):
        return ("s", value)
    if isinstance(value, (int, float)):
        return ("n", value)
    if value is None:
        return ("z",)
    if isinstance(value, (list, tuple)):
        return ("l", tuple(key(v) for v in value))
    if isinstance(value, dict):
        return ("d", frozenset((k, key(v)) for k, v in value.items()))
    return ("o", id(value))  # not a JSON value: equal only to itself
