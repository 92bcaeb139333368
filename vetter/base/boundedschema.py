"""jsonschema on a package's schemas and values, in bounded time: linear keywords and a step bound.

**Linear ``uniqueItems`` and ``enum``.**
jsonschema compares JSON values pairwise with its own ``equal`` (``1`` equals ``1.0``, ``true``
does not equal ``1``, lists and objects compared member by member). Its ``uniqueItems`` sorts
the array when it can, and when it cannot (an array of objects) compares every pair: 4,000
objects cost about 30 s. Its ``enum`` compares the value with each allowed value in turn, so an
array of n values checked against an ``enum`` of m values costs n x m comparisons. Both
arrays come from the package: an example, or the ``enum`` of a definition being checked
against the Swagger 2.0 schema.

Here each value gets a hashable key under the same equality (``key``), so ``uniqueItems`` is
one pass over the array, and an ``enum``'s keys are worked out once per list of values and
looked up. The messages are jsonschema's own. Extend a validator class with ``KEYWORDS``::

    validators.extend(Draft4Validator, KEYWORDS)

**A step bound.** Linear keywords do not bound the whole check: a schema whose references
multiply (each definition an ``allOf`` of the next one twice) asks for 2^n evaluations of one
value, and an array checked against ``anyOf`` branches for items x branches. ``counted``
wraps each keyword so that it counts one step, and ``errors_within(validator, value, steps)``
lists the errors, or gives None when the check would take more than ``steps`` evaluations.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from jsonschema.exceptions import ValidationError

from vetter.base.jsonkey import key


def unique(values: list[Any]) -> bool:
    seen: set[Any] = set()
    for value in values:
        k = key(value)
        if k in seen:
            return False
        seen.add(k)
    return True


def unique_items(validator: Any, wanted: Any, instance: Any, schema: Any) -> Iterator[ValidationError]:
    if wanted and validator.is_type(instance, "array") and not unique(instance):
        yield ValidationError(f"{instance!r} has non-unique elements")


_ENUMS: dict[int, tuple[list[Any], frozenset[Any]]] = {}  # id of an enum list -> (the list, its keys)


def _keys_of(enums: list[Any]) -> frozenset[Any]:
    hit = _ENUMS.get(id(enums))
    if hit is not None and hit[0] is enums:
        return hit[1]
    if len(_ENUMS) >= 256:  # a long run holds no schema alive for long
        _ENUMS.clear()
    keys = frozenset(key(v) for v in enums)
    _ENUMS[id(enums)] = (enums, keys)
    return keys


def enum(validator: Any, enums: Any, instance: Any, schema: Any) -> Iterator[ValidationError]:
    if isinstance(enums, list) and len(enums) > 8:
        found = key(instance) in _keys_of(enums)
    else:  # a short list (or not a list): jsonschema's own comparison
        from jsonschema._utils import equal

        found = any(equal(each, instance) for each in enums)
    if not found:
        yield ValidationError(f"{instance!r} is not one of {enums!r}")


KEYWORDS = {"uniqueItems": unique_items, "enum": enum}


class _OutOfSteps(Exception):
    """A bounded check used up its steps."""


_LEFT = [0]  # steps left in the check under way (one check at a time: rules run one at a time)


def counted(keywords: dict[str, Any]) -> dict[str, Any]:
    """``keywords`` (name to keyword function, e.g. a class's ``VALIDATORS``) each counting one step."""

    def wrap(keyword: Any) -> Any:
        def step(validator: Any, value: Any, instance: Any, schema: Any) -> Any:
            _LEFT[0] -= 1
            if _LEFT[0] < 0:
                raise _OutOfSteps
            return keyword(validator, value, instance, schema)

        return step

    return {name: wrap(keyword) for name, keyword in keywords.items()}


def errors_within(validator: Any, instance: Any, steps: int) -> tuple[list[ValidationError] | None, int]:
    """Every error of ``instance`` (None past ``steps`` keyword evaluations) and the steps used.

    ``validator`` is an instance of a class extended with ``counted`` keywords; any other
    exception of the check is the caller's to handle."""
    _LEFT[0] = steps
    try:
        return list(validator.iter_errors(instance)), steps - _LEFT[0]
    except _OutOfSteps:
        return None, steps
